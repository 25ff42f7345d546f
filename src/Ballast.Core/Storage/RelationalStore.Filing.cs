using System.Data.Common;
using System.Globalization;
using System.Text;
using Ballast.Core.Accounts;
using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Filing;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Storage;

// The single-report filing path (Reporting/Filing): keyed lookups and writes of a batch of filed reports in one
// write transaction. Each filed report is an entry of its own in the import log (user, time, one row), so the
// revision history names who revised a report and when, exactly as for an import.
public abstract partial class RelationalStore : IFilingStore
{
    public IFilingTransaction BeginFiling() => new FilingTransaction(this);

    private sealed class FilingTransaction : IFilingTransaction
    {
        private static readonly IReadOnlyList<string> Columns = FileKinds.Columns(FileKind.Reports);
        private static readonly string ColumnList = StoreTables.ColumnList(FileKind.Reports);
        private static readonly string Values = string.Join(", ", Columns.Select((_, i) => "@v" + i.ToString(CultureInfo.InvariantCulture)));
        private static readonly string Assignments = string.Join(", ",
            Columns.Select((c, i) => (c, i)).Skip(2).Select(x => $"{x.c} = @v{x.i.ToString(CultureInfo.InvariantCulture)}").Append("import_id = @id"));

        private readonly RelationalStore _store;
        private readonly DbConnection _c;
        private DbCommand? _import, _insert, _keep, _update, _warning, _audit;
        private bool _committed;

        public FilingTransaction(RelationalStore store)
        {
            _store = store;
            _c = store.OpenConnection();
            try { store.BeginWrite(_c); }
            catch
            {
                _c.Dispose();
                throw;
            }
        }

        public IReadOnlySet<string> Registered(IReadOnlyCollection<string> creditCodes)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in creditCodes.Chunk(500))
            {
                using var cmd = Command(_c, $"SELECT credit_code FROM enterprises WHERE credit_code IN ({List("c", chunk.Length)})", Parameters("c", chunk));
                using var r = cmd.ExecuteReader();
                while (r.Read()) found.Add(r.GetString(0));
            }
            return found;
        }

        public IReadOnlyDictionary<(string CreditCode, YearMonth Period), double> StoredOutputs(IReadOnlyCollection<string> creditCodes, IReadOnlyCollection<YearMonth> periods)
        {
            var found = new Dictionary<(string, YearMonth), double>();
            if (periods.Count == 0) return found;
            var months = periods.Select(p => p.ToString()).ToArray();
            foreach (var chunk in creditCodes.Chunk(500))
            {
                // Both lists are short (a batch's codes; its months and their comparison months): the key index answers.
                using var cmd = Command(_c,
                    $"SELECT credit_code, period, output_value FROM reports WHERE credit_code IN ({List("c", chunk.Length)}) AND period IN ({List("p", months.Length)})",
                    [.. Parameters("c", chunk), .. Parameters("p", months)]);
                using var r = cmd.ExecuteReader();
                while (r.Read()) found[(r.GetString(0), YearMonth.Parse(r.GetString(1)))] = r.GetDouble(2);
            }
            return found;
        }

        public IReadOnlyList<long> Store(IReadOnlyList<ReportToStore> reports)
        {
            ArgumentNullException.ThrowIfNull(reports);
            // A batch whose import-log ids can be taken beforehand goes in one round trip (PostgreSQL); otherwise
            // statement by statement, which costs nothing more in-process (SQLite).
            if (reports.Count > 1 && _c.CanCreateBatch && _store.ReserveImportIds(_c, reports.Count) is { } ids)
            {
                StoreBatch(reports, ids);
                return ids;
            }
            var stored = new long[reports.Count];
            for (int i = 0; i < reports.Count; i++) stored[i] = StoreOne(reports[i]);
            return stored;
        }

        private long StoreOne(ReportToStore filed)
        {
            var (report, filing, revision, warnings, audit) = (filed.Report, filed.Filing, filed.Revision, filed.Warnings, filed.Audit);
            _import ??= Command(_c, ImportSql + " RETURNING id", ("u", ""), ("t", ""), ("a", true), ("r", 0L), ("w", 0L));
            _import.Parameters[0].Value = filing.User;
            _import.Parameters[1].Value = _store.TimeValue(filing.StartedAt);
            _import.Parameters[3].Value = revision ? 1L : 0L;
            _import.Parameters[4].Value = (long)warnings.Count;
            long id = Convert.ToInt64(_import.ExecuteScalar(), CultureInfo.InvariantCulture);

            if (revision)
            {
                // The stored row goes to the history (replaced by this filing) before it is overwritten.
                _keep ??= Command(_c, KeepSql, ("id", 0L), ("v0", ""), ("v1", ""));
                _keep.Parameters[0].Value = id;
                _keep.Parameters[1].Value = report.CreditCode;
                _keep.Parameters[2].Value = report.Period.ToString();
                if (_keep.ExecuteNonQuery() != 1) throw NotToRevise(report);
                _update ??= Command(_c, UpdateSql, ReportParameters());
                if (Bind(_update, report, id).ExecuteNonQuery() != 1) throw NotRevised(report);
            }
            else
            {
                _insert ??= Command(_c, InsertSql, ReportParameters());
                Bind(_insert, report, id).ExecuteNonQuery();
            }

            for (int i = 0; i < warnings.Count; i++)
            {
                _warning ??= Command(_c, WarningSql, ("id", 0L), ("s", 0), ("code", ""), ("f", ""), ("l", 0L), ("c", ""), ("m", ""));
                var values = WarningValues(id, i, warnings[i]);
                for (int k = 0; k < values.Length; k++) _warning.Parameters[k].Value = values[k].Item2 ?? DBNull.Value;
                _warning.ExecuteNonQuery();
            }

            if (audit is not null)
            {
                _audit ??= AuditInsert(_c);
                _store.WriteAudit(_audit, audit);
            }
            return id;
        }

        /// <summary>
        /// What <see cref="StoreOne"/> writes, for the whole batch in one round trip, with the ids taken beforehand: one
        /// multi-row insert per table (the import log, new reports, warnings, audit records) and a copy-and-update per
        /// revision, in the batch's order after the new reports (a revision may be of a report the batch inserts).
        /// </summary>
        private void StoreBatch(IReadOnlyList<ReportToStore> reports, IReadOnlyList<long> ids)
        {
            using var batch = _c.CreateBatch();
            var imports = new List<object?[]>(reports.Count);
            var inserts = new List<object?[]>(reports.Count);
            var warningRows = new List<object?[]>();
            var audits = new List<object?[]>(reports.Count);
            for (int k = 0; k < reports.Count; k++)
            {
                var (report, filing, revision, warnings, audit) = (reports[k].Report, reports[k].Filing, reports[k].Revision, reports[k].Warnings, reports[k].Audit);
                imports.Add([ids[k], filing.User, _store.TimeValue(filing.StartedAt), 0L, true, 1L, revision ? 1L : 0L, 0L, (long)warnings.Count]);
                if (!revision) inserts.Add(Row(ReportValues(report, ids[k])));
                for (int i = 0; i < warnings.Count; i++) warningRows.Add(Row(WarningValues(ids[k], i, warnings[i])));
                if (audit is not null) audits.Add(Row(_store.AuditValues(audit)));
            }
            AddRows(batch, "INSERT INTO imports (id, " + ImportColumns + ")", imports);
            AddRows(batch, $"INSERT INTO reports ({ColumnList}, import_id)", inserts);
            var revisions = new List<(DbBatchCommand Keep, DbBatchCommand Update, MonthlyReport Report)>();
            for (int k = 0; k < reports.Count; k++)
            {
                if (!reports[k].Revision) continue;
                var report = reports[k].Report;
                revisions.Add((Add(batch, KeepSql, ("id", ids[k]), ("v0", report.CreditCode), ("v1", report.Period.ToString())),
                    Add(batch, UpdateSql, ReportValues(report, ids[k])), report));
            }
            AddRows(batch, "INSERT INTO import_warnings (" + WarningColumns + ")", warningRows);
            AddRows(batch, "INSERT INTO audit_log (" + AuditColumns + ")", audits);
            batch.ExecuteNonQuery();
            foreach (var (keep, update, report) in revisions)
            {
                if (keep.RecordsAffected != 1) throw NotToRevise(report);
                if (update.RecordsAffected != 1) throw NotRevised(report);
            }
        }

        private static object?[] Row((string Name, object? Value)[] parameters) => [.. parameters.Select(p => p.Value)];

        /// <summary>One INSERT of many rows: <c>… VALUES (@r0c0, …), (@r1c0, …)</c>.</summary>
        private static void AddRows(DbBatch batch, string insertInto, IReadOnlyList<object?[]> rows)
        {
            if (rows.Count == 0) return;
            var cmd = batch.CreateBatchCommand();
            var sql = new StringBuilder(insertInto).Append(" VALUES ");
            for (int r = 0; r < rows.Count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (int c = 0; c < rows[r].Length; c++)
                {
                    string name = string.Create(CultureInfo.InvariantCulture, $"r{r}c{c}");
                    sql.Append(c == 0 ? "@" : ", @").Append(name);
                    AddParameter(cmd.Parameters, cmd.CreateParameter(), name, rows[r][c]);
                }
                sql.Append(')');
            }
            cmd.CommandText = sql.ToString();
            batch.BatchCommands.Add(cmd);
        }

        private static DbBatchCommand Add(DbBatch batch, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
        {
            var cmd = batch.CreateBatchCommand();
            cmd.CommandText = sql;
            foreach (var (name, value) in parameters) AddParameter(cmd.Parameters, cmd.CreateParameter(), name, value);
            batch.BatchCommands.Add(cmd);
            return cmd;
        }

        private const string ImportColumns = "user_name, started_at, duration_us, accepted, row_count, revision_count, error_count, warning_count";
        private const string ImportSql = "INSERT INTO imports (" + ImportColumns + ") VALUES (@u, @t, 0, @a, 1, @r, 0, @w)";
        private const string WarningColumns = "import_id, seq, code, file, line, column_name, message";
        private const string WarningSql = "INSERT INTO import_warnings (" + WarningColumns + ") VALUES (@id, @s, @code, @f, @l, @c, @m)";
        private static readonly string KeepSql = $"""
            INSERT INTO report_revisions ({ColumnList}, import_id, replaced_by, seq)
            SELECT {ColumnList}, import_id, @id, 0 FROM reports WHERE credit_code = @v0 AND period = @v1
            """;
        private static readonly string UpdateSql = $"UPDATE reports SET {Assignments} WHERE credit_code = @v0 AND period = @v1";
        private static readonly string InsertSql = $"INSERT INTO reports ({ColumnList}, import_id) VALUES ({Values}, @id)";

        private static (string, object?)[] WarningValues(long id, int seq, ImportWarning w) =>
            [("id", id), ("s", seq), ("code", w.Code), ("f", w.File), ("l", w.Line), ("c", w.Column), ("m", w.Message)];

        private StoreException NotToRevise(in MonthlyReport report) =>
            new($"the report of {report.CreditCode} for {report.Period} to revise is not in {_store.Description}");

        private StoreException NotRevised(in MonthlyReport report) =>
            new($"the report of {report.CreditCode} for {report.Period} was not revised in {_store.Description}");

        private static (string, object?)[] ReportParameters()
        {
            var list = new (string, object?)[Columns.Count + 1];
            for (int i = 0; i < Columns.Count; i++) list[i] = ("v" + i.ToString(CultureInfo.InvariantCulture), i < 2 ? "" : i == Columns.Count - 1 ? 0 : 0.0);
            list[^1] = ("id", 0L);
            return list;
        }

        private static DbCommand Bind(DbCommand cmd, in MonthlyReport r, long id)
        {
            var values = ReportValues(r, id);
            for (int i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i].Item2;
            return cmd;
        }

        /// <summary>The parameters of the report statements (v0… in the column order of reports.csv, then the filing's id).</summary>
        private static (string, object?)[] ReportValues(in MonthlyReport r, long id) =>
        [
            ("v0", r.CreditCode), ("v1", r.Period.ToString()), ("v2", StoreTables.Normalise(r.OutputValue)),
            ("v3", StoreTables.Normalise(r.SalesValue)), ("v4", StoreTables.Normalise(r.ExportValue)), ("v5", StoreTables.Normalise(r.Revenue)),
            ("v6", StoreTables.Normalise(r.Profit)), ("v7", StoreTables.Normalise(r.RdExpense)), ("v8", StoreTables.Normalise(r.EnergyTce)),
            ("v9", StoreTables.Normalise(r.WaterM3)), ("v10", StoreTables.Normalise(r.Receivables)),
            ("v11", StoreTables.Normalise(r.OverdueReceivables)), ("v12", r.Employees), ("id", id),
        ];

        private static string List(string prefix, int count) =>
            string.Join(", ", Enumerable.Range(0, count).Select(i => "@" + prefix + i.ToString(CultureInfo.InvariantCulture)));

        private static (string, object?)[] Parameters(string prefix, string[] values) =>
            [.. values.Select((v, i) => (prefix + i.ToString(CultureInfo.InvariantCulture), (object?)v))];

        public void Commit()
        {
            Execute(_c, "COMMIT");
            _committed = true;
        }

        public void Dispose()
        {
            foreach (var cmd in new[] { _import, _insert, _keep, _update, _warning, _audit }) cmd?.Dispose();
            if (!_committed) TryRollback(_c);
            _c.Dispose();
        }
    }
}
