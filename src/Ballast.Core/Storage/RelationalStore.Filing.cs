using System.Data.Common;
using System.Globalization;
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

        public long Store(in MonthlyReport report, ImportHeader filing, bool revision, IReadOnlyList<ImportWarning> warnings, AuditEntry? audit)
        {
            ArgumentNullException.ThrowIfNull(filing);
            ArgumentNullException.ThrowIfNull(warnings);
            _import ??= Command(_c, """
                INSERT INTO imports (user_name, started_at, duration_us, accepted, row_count, revision_count, error_count, warning_count)
                VALUES (@u, @t, 0, @a, 1, @r, 0, @w) RETURNING id
                """, ("u", ""), ("t", ""), ("a", true), ("r", 0L), ("w", 0L));
            _import.Parameters[0].Value = filing.User;
            _import.Parameters[1].Value = _store.TimeValue(filing.StartedAt);
            _import.Parameters[3].Value = revision ? 1L : 0L;
            _import.Parameters[4].Value = (long)warnings.Count;
            long id = Convert.ToInt64(_import.ExecuteScalar(), CultureInfo.InvariantCulture);

            if (revision)
            {
                // The stored row goes to the history (replaced by this filing) before it is overwritten.
                _keep ??= Command(_c, $"""
                    INSERT INTO report_revisions ({ColumnList}, import_id, replaced_by, seq)
                    SELECT {ColumnList}, import_id, @id, 0 FROM reports WHERE credit_code = @v0 AND period = @v1
                    """, ("id", 0L), ("v0", ""), ("v1", ""));
                _keep.Parameters[0].Value = id;
                _keep.Parameters[1].Value = report.CreditCode;
                _keep.Parameters[2].Value = report.Period.ToString();
                if (_keep.ExecuteNonQuery() != 1) throw new StoreException($"the report of {report.CreditCode} for {report.Period} to revise is not in {_store.Description}");
                _update ??= Command(_c, $"UPDATE reports SET {Assignments} WHERE credit_code = @v0 AND period = @v1", ReportParameters());
                if (Bind(_update, report, id).ExecuteNonQuery() != 1) throw new StoreException($"the report of {report.CreditCode} for {report.Period} was not revised in {_store.Description}");
            }
            else
            {
                _insert ??= Command(_c, $"INSERT INTO reports ({ColumnList}, import_id) VALUES ({Values}, @id)", ReportParameters());
                Bind(_insert, report, id).ExecuteNonQuery();
            }

            if (warnings.Count > 0)
            {
                _warning ??= Command(_c, "INSERT INTO import_warnings (import_id, seq, code, file, line, column_name, message) VALUES (@id, @s, @code, @f, @l, @c, @m)",
                    ("id", 0L), ("s", 0), ("code", ""), ("f", ""), ("l", 0L), ("c", ""), ("m", ""));
                for (int i = 0; i < warnings.Count; i++)
                {
                    var w = warnings[i];
                    _warning.Parameters[0].Value = id;
                    _warning.Parameters[1].Value = i;
                    _warning.Parameters[2].Value = w.Code;
                    _warning.Parameters[3].Value = w.File;
                    _warning.Parameters[4].Value = w.Line;
                    _warning.Parameters[5].Value = (object?)w.Column ?? DBNull.Value;
                    _warning.Parameters[6].Value = w.Message;
                    _warning.ExecuteNonQuery();
                }
            }

            if (audit is not null)
            {
                _audit ??= AuditInsert(_c);
                _store.WriteAudit(_audit, audit);
            }
            return id;
        }

        private static (string, object?)[] ReportParameters()
        {
            var list = new (string, object?)[Columns.Count + 1];
            for (int i = 0; i < Columns.Count; i++) list[i] = ("v" + i.ToString(CultureInfo.InvariantCulture), i < 2 ? "" : i == Columns.Count - 1 ? 0 : 0.0);
            list[^1] = ("id", 0L);
            return list;
        }

        private static DbCommand Bind(DbCommand cmd, in MonthlyReport r, long id)
        {
            var p = cmd.Parameters;
            p[0].Value = r.CreditCode;
            p[1].Value = r.Period.ToString();
            p[2].Value = StoreTables.Normalise(r.OutputValue);
            p[3].Value = StoreTables.Normalise(r.SalesValue);
            p[4].Value = StoreTables.Normalise(r.ExportValue);
            p[5].Value = StoreTables.Normalise(r.Revenue);
            p[6].Value = StoreTables.Normalise(r.Profit);
            p[7].Value = StoreTables.Normalise(r.RdExpense);
            p[8].Value = StoreTables.Normalise(r.EnergyTce);
            p[9].Value = StoreTables.Normalise(r.WaterM3);
            p[10].Value = StoreTables.Normalise(r.Receivables);
            p[11].Value = StoreTables.Normalise(r.OverdueReceivables);
            p[12].Value = r.Employees;
            p[13].Value = id;
            return cmd;
        }

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
