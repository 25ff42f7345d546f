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
/// prepared upserts bound with the raw SQLite API: ADO.NET parameter objects cost more per row than SQLite's
/// own B-tree insert. Primary keys stay in place during the load (they are the tables themselves: WITHOUT
/// ROWID); there are no secondary indexes on the data tables. The history tables' key indexes are only touched
/// by revisions.
/// </summary>
internal sealed class SqliteImportTransaction : IImportTransaction
{
    private readonly SqliteStore _store;
    private readonly SqliteConnection _connection;
    private readonly RawUpsert?[] _upserts = new RawUpsert?[5];
    private readonly long[] _revisionStart = new long[5];
    private bool _committed, _disposed;

    public SqliteImportTransaction(SqliteStore store, ImportHeader header)
    {
        _store = store;
        _connection = store.OpenSqlite();
        try
        {
            // A national reports table (12.5M rows, about 1.5 GB) is written all over when a file comes in period order;
            // a large page cache keeps most of it in memory instead of spilling dirty pages to the WAL repeatedly.
            SqliteStore.ExecuteOn(_connection, "PRAGMA cache_size = -1048576"); // KiB: 1 GiB, allocated only as pages are touched
            store.BeginWriteOn(_connection);
            ImportId = store.InsertImportOn(_connection, header);
            foreach (var kind in StoreTables.All)
                _revisionStart[(int)kind] = Convert.ToInt64(SqliteStore.ScalarOn(_connection,
                    $"SELECT coalesce(max(revision_id), 0) FROM {StoreTables.RevisionTable(kind)}"), CultureInfo.InvariantCulture);
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

    public IReadOnlySet<string> StoredCreditCodes()
    {
        ThrowIfDone();
        return SqliteStore.CreditCodesOn(_connection);
    }

    public IEnumerable<(string CreditCode, YearMonth Period, double OutputValue)> StoredOutputs(IReadOnlyCollection<YearMonth> periods)
    {
        ThrowIfDone();
        return SqliteStore.OutputsOn(_connection, periods);
    }

    private RawUpsert Upsert(FileKind kind) => _upserts[(int)kind] ??= new RawUpsert(_connection.Handle!, kind, ImportId);

    public void Write(Enterprise enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        ThrowIfDone();
        var s = Upsert(FileKind.Enterprises);
        s.Text(1, enterprise.CreditCode);
        s.Text(2, enterprise.Name);
        s.Text(3, enterprise.RegionCode);
        s.Text(4, enterprise.IndustryCode);
        s.Text(5, enterprise.Ownership);
        s.Integer(6, enterprise.Employees);
        s.Real(7, enterprise.RevenueLastYear);
        s.Text(8, enterprise.TiersText);
        s.Run();
    }

    public void Write(in MonthlyReport report)
    {
        ThrowIfDone();
        var s = Upsert(FileKind.Reports);
        s.Text(1, report.CreditCode);
        s.Period(2, report.Period);
        s.Real(3, report.OutputValue);
        s.Real(4, report.SalesValue);
        s.Real(5, report.ExportValue);
        s.Real(6, report.Revenue);
        s.Real(7, report.Profit);
        s.Real(8, report.RdExpense);
        s.Real(9, report.EnergyTce);
        s.Real(10, report.WaterM3);
        s.Real(11, report.Receivables);
        s.Real(12, report.OverdueReceivables);
        s.Integer(13, report.Employees);
        s.Run();
    }

    public void Write(in ProductOutput product)
    {
        ThrowIfDone();
        var s = Upsert(FileKind.Products);
        s.Text(1, product.CreditCode);
        s.Period(2, product.Period);
        s.Text(3, product.Product);
        s.Real(4, product.Output);
        if (product.Capacity is double capacity) s.Real(5, capacity); else s.Null(5);
        s.Run();
    }

    public void Write(in PpiEntry ppi)
    {
        ThrowIfDone();
        var s = Upsert(FileKind.Ppi);
        s.Text(1, ppi.Division);
        s.Period(2, ppi.Period);
        s.Real(3, ppi.Index);
        s.Run();
    }

    public void Write(in VaRate rate)
    {
        ThrowIfDone();
        var s = Upsert(FileKind.VaRates);
        s.Text(1, rate.Division);
        s.Integer(2, rate.Year);
        s.Real(3, rate.Rate);
        s.Run();
    }

    /// <summary>Every row is in the database as soon as it is written; nothing is buffered.</summary>
    public void Flush() => ThrowIfDone();

    /// <summary>The history rows the triggers added in this transaction (revision ids only grow while we hold the lock).</summary>
    public long RevisionsWritten(FileKind kind)
    {
        ThrowIfDone();
        return Convert.ToInt64(SqliteStore.ScalarOn(_connection,
            $"SELECT count(*) FROM {StoreTables.RevisionTable(kind)} WHERE revision_id > @start", ("start", _revisionStart[(int)kind])),
            CultureInfo.InvariantCulture);
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
        for (int i = 0; i < _upserts.Length; i++)
        {
            _upserts[i]?.Dispose();
            _upserts[i] = null;
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

    /// <summary>A prepared <c>INSERT ... ON CONFLICT DO UPDATE</c> for one kind, reused for every row; the import id is bound once.</summary>
    private sealed class RawUpsert : IDisposable
    {
        private const int Done = 101; // SQLITE_DONE
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _stmt;
        private readonly IntPtr _handle;
        private readonly bool _native;

        public RawUpsert(sqlite3 db, FileKind kind, long importId)
        {
            _db = db;
            var columns = FileKinds.Columns(kind);
            string placeholders = string.Join(", ", Enumerable.Range(1, columns.Count + 1).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)));
            string sql = $"""
                INSERT INTO {StoreTables.Table(kind)} ({StoreTables.ColumnList(kind)}, import_id) VALUES ({placeholders})
                ON CONFLICT ({StoreTables.KeyList(kind)}) DO UPDATE SET {StoreTables.NonKeyAssignments(kind)}
                """;
            Check(raw.sqlite3_prepare_v2(db, sql, out _stmt));
            Check(raw.sqlite3_bind_int64(_stmt, columns.Count + 1, importId));
            _native = NativeSqlite.Available;
            _handle = _stmt.DangerousGetHandle(); // _stmt stays referenced (and unfinalised) until Dispose
        }

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
