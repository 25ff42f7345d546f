using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ballast.Core.Storage.Sqlite;

/// <summary>
/// One import call: one connection, one <c>BEGIN IMMEDIATE</c> transaction, committed only in
/// <see cref="Commit"/> (a killed process leaves the store as it was). Rows go straight into the tables through
/// prepared statements bound with the native SQLite API (ADO.NET parameter objects cost more per row than
/// SQLite's own B-tree insert): <c>INSERT ... ON CONFLICT DO NOTHING</c>, and only when that changed nothing
/// (the key is stored: a revision) the stored row is copied to the history and updated. Measured against an
/// upsert with a history trigger: the mere presence of a trigger makes SQLite keep a statement journal for every
/// row, which tripled the CPU time of loading new rows (2M rows, 16 KiB pages: 11.5 s against 3.9 s). Primary keys stay in place during the load (they are the tables themselves: WITHOUT
/// ROWID); there are no secondary indexes on the data tables. The history tables' key indexes are only touched
/// by revisions.
/// </summary>
internal sealed class SqliteImportTransaction : IImportTransaction
{
    private readonly SqliteStore _store;
    private readonly SqliteConnection _connection;
    private readonly KindWriter?[] _writers = new KindWriter?[5];
    private readonly long[] _revisions = new long[5];
    private bool _committed, _disposed;

    public SqliteImportTransaction(SqliteStore store, ImportHeader header)
    {
        _store = store;
        _connection = store.OpenSqlite(pooled: false); // its 384 MiB page cache must not stay in the pool
        try
        {
            // A national reports table (12.5M rows, about 1.5 GB) is written all over when a file comes in period order;
            // a large page cache keeps most of it in memory instead of spilling dirty pages to the WAL repeatedly.
            SqliteStore.ExecuteOn(_connection, "PRAGMA cache_size = -393216"); // KiB: 384 MiB, allocated only as pages are touched; keeps a national import under 1 GiB
            store.BeginWriteOn(_connection);
            ImportId = store.InsertImportOn(_connection, header);
            _reportsBefore = SqliteStore.HasReportsOn(_connection);
        }
        catch (SqliteException e)
        {
            SqliteStore.RollbackOn(_connection);
            _connection.Dispose();
            throw SqliteStore.Translate(e, $"cannot start an import in {store.Description}");
        }
        catch
        {
            SqliteStore.RollbackOn(_connection);
            _connection.Dispose();
            throw;
        }
    }

    public long ImportId { get; }

    /// <summary>Whether any report was stored before this import began (when none was, no stored output can matter).</summary>
    private readonly bool _reportsBefore;

    public IReadOnlySet<string> StoredCreditCodes()
    {
        ThrowIfDone();
        return SqliteStore.CreditCodesOn(_connection);
    }

    public IEnumerable<(string CreditCode, YearMonth Period, double OutputValue)> StoredOutputs(IReadOnlyCollection<YearMonth> periods)
    {
        ThrowIfDone();
        return _reportsBefore ? SqliteStore.OutputsOn(_connection, periods, ImportId) : [];
    }

    private KindWriter Writer(FileKind kind) => _writers[(int)kind] ??= new KindWriter(_connection.Handle!, kind, ImportId);

    public void Write(Enterprise enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        ThrowIfDone();
        var w = Writer(FileKind.Enterprises);
        if (!w.Insert(Bind(w.Inserting, enterprise))) w.Revise(Bind(w.Keeping, enterprise), Bind(w.Updating, enterprise));

        static RawStatement Bind(RawStatement s, Enterprise e)
        {
            s.Text(1, e.CreditCode);
            s.Text(2, e.Name);
            s.Text(3, e.RegionCode);
            s.Text(4, e.IndustryCode);
            s.Text(5, e.Ownership);
            s.Integer(6, e.Employees);
            s.Real(7, e.RevenueLastYear);
            s.Text(8, e.TiersText);
            return s;
        }
    }

    public void Write(in MonthlyReport report)
    {
        ThrowIfDone();
        var w = Writer(FileKind.Reports);
        if (!w.Insert(Bind(w.Inserting, report))) w.Revise(Bind(w.Keeping, report), Bind(w.Updating, report));

        static RawStatement Bind(RawStatement s, in MonthlyReport r)
        {
            s.Text(1, r.CreditCode);
            s.Period(2, r.Period);
            s.Real(3, r.OutputValue);
            s.Real(4, r.SalesValue);
            s.Real(5, r.ExportValue);
            s.Real(6, r.Revenue);
            s.Real(7, r.Profit);
            s.Real(8, r.RdExpense);
            s.Real(9, r.EnergyTce);
            s.Real(10, r.WaterM3);
            s.Real(11, r.Receivables);
            s.Real(12, r.OverdueReceivables);
            s.Integer(13, r.Employees);
            return s;
        }
    }

    public void Write(in ProductOutput product)
    {
        ThrowIfDone();
        var w = Writer(FileKind.Products);
        if (!w.Insert(Bind(w.Inserting, product))) w.Revise(Bind(w.Keeping, product), Bind(w.Updating, product));

        static RawStatement Bind(RawStatement s, in ProductOutput p)
        {
            s.Text(1, p.CreditCode);
            s.Period(2, p.Period);
            s.Text(3, p.Product);
            s.Real(4, p.Output);
            if (p.Capacity is double capacity) s.Real(5, capacity); else s.Null(5);
            return s;
        }
    }

    public void Write(in PpiEntry ppi)
    {
        ThrowIfDone();
        var w = Writer(FileKind.Ppi);
        if (!w.Insert(Bind(w.Inserting, ppi))) w.Revise(Bind(w.Keeping, ppi), Bind(w.Updating, ppi));

        static RawStatement Bind(RawStatement s, in PpiEntry p)
        {
            s.Text(1, p.Division);
            s.Period(2, p.Period);
            s.Real(3, p.Index);
            return s;
        }
    }

    public void Write(in VaRate rate)
    {
        ThrowIfDone();
        var w = Writer(FileKind.VaRates);
        if (!w.Insert(Bind(w.Inserting, rate))) w.Revise(Bind(w.Keeping, rate), Bind(w.Updating, rate));

        static RawStatement Bind(RawStatement s, in VaRate r)
        {
            s.Text(1, r.Division);
            s.Integer(2, r.Year);
            s.Real(3, r.Rate);
            return s;
        }
    }

    /// <summary>Every row is in the database as soon as it is written; nothing is buffered.</summary>
    public void Flush() => ThrowIfDone();

    public long RevisionsWritten(FileKind kind)
    {
        ThrowIfDone();
        return _revisions[(int)kind] + (_writers[(int)kind]?.Revisions ?? 0);
    }

    public void Commit(ImportOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ThrowIfDone();
        if (!outcome.Accepted) throw new ArgumentException("a rejected import is rolled back and logged with LogRejectedImport, not committed", nameof(outcome));
        FinalizeStatements();
        try
        {
            _store.WriteImportLogOn(_connection, ImportId, outcome);
            SqliteStore.ExecuteOn(_connection, "COMMIT");
        }
        catch (SqliteException e)
        {
            throw SqliteStore.Translate(e, $"cannot commit the import to {_store.Description}");
        }
        _committed = true;
    }

    private void ThrowIfDone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed) throw new InvalidOperationException("the import is already committed");
    }

    private void FinalizeStatements()
    {
        for (int i = 0; i < _writers.Length; i++)
        {
            if (_writers[i] is { } w) _revisions[i] += w.Revisions;
            _writers[i]?.Dispose();
            _writers[i] = null;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        FinalizeStatements();
        if (!_committed) SqliteStore.RollbackOn(_connection);
        _connection.Dispose();
    }

    /// <summary>
    /// The three prepared statements of one kind, reused for every row. All three number their parameters as the
    /// file's columns (?1 ... ?n, the import id ?n+1; the history's seq ?n+2), so one bind function serves each.
    /// </summary>
    private sealed class KindWriter(sqlite3 db, FileKind kind, long importId) : IDisposable
    {
        private long _revisionCount;

        /// <summary>The new row, unless its key is stored (no trigger and a single row: SQLite needs no statement journal).</summary>
        public RawStatement Inserting { get; } = new(db, InsertSql(kind), kind, importId);

        /// <summary>Copies the stored row to the history, replaced by this import.</summary>
        public RawStatement Keeping { get; } = new(db, KeepSql(kind), kind, importId);

        /// <summary>Replaces the stored row's values.</summary>
        public RawStatement Updating { get; } = new(db, UpdateSql(kind), kind, importId);

        private readonly int _seqIndex = FileKinds.Columns(kind).Count + 2;

        public long Revisions => _revisionCount;

        public bool Insert(RawStatement bound)
        {
            bound.Run();
            return bound.Changes() == 1;
        }

        public void Revise(RawStatement keep, RawStatement update)
        {
            keep.Integer(_seqIndex, _revisionCount); // orders two revisions of one key within this import
            keep.Run();
            update.Run();
            _revisionCount++;
        }

        private static string Parameter(int i) => "?" + i.ToString(CultureInfo.InvariantCulture);

        private static string InsertSql(FileKind kind)
        {
            int n = FileKinds.Columns(kind).Count;
            return $"INSERT INTO {StoreTables.Table(kind)} ({StoreTables.ColumnList(kind)}, import_id) " +
                $"VALUES ({string.Join(", ", Enumerable.Range(1, n + 1).Select(Parameter))}) ON CONFLICT DO NOTHING";
        }

        private static string KeyCondition(FileKind kind)
        {
            var columns = FileKinds.Columns(kind);
            return string.Join(" AND ", StoreTables.KeyColumns(kind).Select(k => $"{StoreTables.Quote(k)} = {Parameter(IndexOf(columns, k) + 1)}"));
        }

        private static int IndexOf(IReadOnlyList<string> columns, string column)
        {
            for (int i = 0; i < columns.Count; i++) if (columns[i] == column) return i;
            throw new ArgumentOutOfRangeException(nameof(column));
        }

        private static string KeepSql(FileKind kind) =>
            $"INSERT INTO {StoreTables.RevisionTable(kind)} ({StoreTables.ColumnList(kind)}, import_id, replaced_by, seq) " +
            $"SELECT {StoreTables.ColumnList(kind)}, import_id, {Parameter(FileKinds.Columns(kind).Count + 1)}, {Parameter(FileKinds.Columns(kind).Count + 2)} " +
            $"FROM {StoreTables.Table(kind)} WHERE {KeyCondition(kind)}";

        private static string UpdateSql(FileKind kind)
        {
            var columns = FileKinds.Columns(kind);
            var keys = StoreTables.KeyColumns(kind);
            string set = string.Join(", ", columns.Select((c, i) => (c, i)).Where(x => !keys.Contains(x.c))
                .Select(x => $"{StoreTables.Quote(x.c)} = {Parameter(x.i + 1)}").Append($"import_id = {Parameter(columns.Count + 1)}"));
            return $"UPDATE {StoreTables.Table(kind)} SET {set} WHERE {KeyCondition(kind)}";
        }

        public void Dispose()
        {
            Inserting.Dispose();
            Keeping.Dispose();
            Updating.Dispose();
        }
    }

    /// <summary>A prepared statement bound through the native library; the import id is bound once.</summary>
    private sealed class RawStatement : IDisposable
    {
        private const int Done = 101; // SQLITE_DONE
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _stmt;
        private readonly IntPtr _handle;
        private readonly bool _native;

        public RawStatement(sqlite3 db, string sql, FileKind kind, long importId)
        {
            _db = db;
            Check(raw.sqlite3_prepare_v2(db, sql, out _stmt));
            // The import id follows the file's columns in every statement (?n+1).
            Check(raw.sqlite3_bind_int64(_stmt, FileKinds.Columns(kind).Count + 1, importId));
            _native = NativeSqlite.Available;
            _handle = _stmt.DangerousGetHandle(); // _stmt stays referenced (and unfinalised) until Dispose
        }

        /// <summary>Rows changed by the last statement run on the connection.</summary>
        public int Changes() => _native ? NativeSqlite.sqlite3_changes(_db.DangerousGetHandle()) : raw.sqlite3_changes(_db);

        public void Text(int index, string value)
        {
            // Codes are short ASCII; names are short. Encode on the stack; SQLite copies the bytes (transient).
            int max = Encoding.UTF8.GetMaxByteCount(value.Length);
            Span<byte> buffer = max <= 512 ? stackalloc byte[512] : new byte[max];
            int n = Encoding.UTF8.GetBytes(value, buffer);
            Bind(index, buffer[..n]);
        }

        public void Period(int index, YearMonth period)
        {
            Span<byte> b = stackalloc byte[7];
            int y = period.Year, m = period.Month;
            b[0] = (byte)('0' + y / 1000);
            b[1] = (byte)('0' + y / 100 % 10);
            b[2] = (byte)('0' + y / 10 % 10);
            b[3] = (byte)('0' + y % 10);
            b[4] = (byte)'-';
            b[5] = (byte)('0' + m / 10);
            b[6] = (byte)('0' + m % 10);
            Bind(index, b);
        }

        private void Bind(int index, ReadOnlySpan<byte> text) => Check(_native
            ? NativeSqlite.sqlite3_bind_text(_handle, index, ref MemoryMarshal.GetReference(text), text.Length, NativeSqlite.Transient)
            : raw.sqlite3_bind_text(_stmt, index, text));

        public void Real(int index, double value)
        {
            value = StoreTables.Normalise(value);
            Check(_native ? NativeSqlite.sqlite3_bind_double(_handle, index, value) : raw.sqlite3_bind_double(_stmt, index, value));
        }

        public void Integer(int index, long value) =>
            Check(_native ? NativeSqlite.sqlite3_bind_int64(_handle, index, value) : raw.sqlite3_bind_int64(_stmt, index, value));

        public void Null(int index) =>
            Check(_native ? NativeSqlite.sqlite3_bind_null(_handle, index) : raw.sqlite3_bind_null(_stmt, index));

        public void Run()
        {
            int rc;
            if (_native)
            {
                rc = NativeSqlite.sqlite3_step(_handle);
                NativeSqlite.sqlite3_reset(_handle);
            }
            else
            {
                rc = raw.sqlite3_step(_stmt);
                raw.sqlite3_reset(_stmt);
            }
            if (rc != Done) Fail(rc);
        }

        private void Check(int rc)
        {
            if (rc != 0) Fail(rc);
        }

        private void Fail(int rc)
        {
            string message = raw.sqlite3_errmsg(_db).utf8_to_string();
            throw SqliteStore.Translate(new SqliteException($"SQLite Error {rc.ToString(CultureInfo.InvariantCulture)}: '{message}'.", rc), "cannot write to the store");
        }

        public void Dispose() => _stmt.Dispose();
    }
}
