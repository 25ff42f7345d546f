using System.Data.Common;
using System.Globalization;
using Ballast.Core.Reporting;
using Microsoft.Data.Sqlite;

namespace Ballast.Core.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file. Journal mode WAL, so that the dashboard and the release engine read
/// while an import writes; synchronous = FULL, so that a committed import survives a power cut (WAL syncs once
/// per commit, and an import is one commit: one fsync per import).
/// </summary>
public sealed class SqliteStore : RelationalStore
{
    /// <summary>How long an import waits for another import's lock before giving up.</summary>
    internal static readonly TimeSpan BusyTimeout = TimeSpan.FromMinutes(5);

    private readonly string _connectionString;
    private readonly string _unpooledConnectionString;

    static SqliteStore()
    {
        // SQLitePCLRaw 3 (pinned centrally) ships its provider in the batteries assembly; initialising it
        // explicitly makes the native e_sqlite3 load here rather than by reflection inside the first Open().
        SQLitePCL.Batteries_V2.Init();
    }

    public SqliteStore(string path) : base("SQLite " + System.IO.Path.GetFullPath(path))
    {
        Path = System.IO.Path.GetFullPath(path);
        string? directory = System.IO.Path.GetDirectoryName(Path);
        if (directory is not null && !Directory.Exists(directory))
            throw new StoreException($"cannot create the SQLite store {Path}: the directory {directory} does not exist");
        if (Directory.Exists(Path))
            throw new StoreException($"cannot open the SQLite store {Path}: it is a directory");
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Pooled: opening a connection costs about half a millisecond (the schema is parsed again, and closing
            // the last one checkpoints the WAL), a keyed lookup from a pooled one about 15 µs; a web request
            // (an API token, a filed report) does a few. Dispose clears the pool, so the file is not held open.
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        _connectionString = builder.ToString();
        builder.Pooling = false;
        _unpooledConnectionString = builder.ToString();
        try
        {
            using (var c = OpenConnection())
            {
                // Both persistent in the file and set before the first table exists (page_size is ignored after
                // that, and WAL mode fixes it). 16 KiB pages: a 2M-row report load took about 20 % less CPU than
                // with the default 4 KiB (fewer page splits and B-tree levels). journal_mode is not allowed inside a transaction.
                Execute(c, "PRAGMA page_size = 16384");
                Execute(c, "PRAGMA journal_mode = WAL");
            }
            Migrate("Ballast.Storage.Sqlite.");
        }
        catch (SqliteException e)
        {
            throw Translate(e, $"cannot open the SQLite store {Path}");
        }
    }

    /// <summary>The full path of the store file.</summary>
    public string Path { get; }

    internal static StoreException Translate(SqliteException e, string what) => e.SqliteErrorCode switch
    {
        26 => new StoreException($"{what}: the file is not a SQLite database", e),                      // SQLITE_NOTADB
        5 or 6 => new StoreException($"{what}: another import has held the store for more than {BusyTimeout.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes; try again when it has finished", e), // BUSY, LOCKED
        8 => new StoreException($"{what}: the file is read-only", e),                                   // SQLITE_READONLY
        13 => new StoreException($"{what}: the disk is full", e),                                       // SQLITE_FULL
        14 => new StoreException($"{what}: the file cannot be opened (check the path and its permissions)", e), // SQLITE_CANTOPEN
        _ => new StoreException($"{what}: {e.Message}", e),
    };

    private protected override DbConnection OpenConnection() => OpenSqlite();

    /// <summary>A period stored as the ASCII text YYYY-MM.</summary>
    private static bool TryParsePeriod(ReadOnlySpan<byte> text, out Statistics.Periods.YearMonth period)
    {
        period = default;
        if (text.Length != 7 || text[4] != (byte)'-') return false;
        int year = 0;
        for (int i = 0; i < 4; i++)
        {
            if (text[i] is < (byte)'0' or > (byte)'9') return false;
            year = year * 10 + (text[i] - '0');
        }
        if (text[5] is < (byte)'0' or > (byte)'9' || text[6] is < (byte)'0' or > (byte)'9') return false;
        int month = (text[5] - '0') * 10 + (text[6] - '0');
        if (month is < 1 or > 12 || year is < Statistics.Periods.YearMonth.MinYear or > Statistics.Periods.YearMonth.MaxYear) return false;
        period = new Statistics.Periods.YearMonth(year, month);
        return true;
    }

    /// <summary>
    /// The reports table read through SQLite's own API: loading a national population (12 million rows) for the
    /// release spends most of its time here, and ADO.NET's reader costs several microseconds a row (a string per
    /// text cell, type checks per value). Credit codes repeat on consecutive rows (key order), so each is decoded once.
    /// </summary>
    public override IEnumerable<MonthlyReport> Reports()
    {
        using var c = OpenSqlite();
        var db = c.Handle!;
        string sql = $"SELECT {StoreTables.ColumnList(FileKind.Reports)} FROM reports ORDER BY credit_code, period";
        if (SQLitePCL.raw.sqlite3_prepare_v2(db, sql, out SQLitePCL.sqlite3_stmt statement) != SQLitePCL.raw.SQLITE_OK)
            throw new StoreException($"cannot read the reports of {Description}: {SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string()}");
        using (statement)
        {
            string code = "";
            byte[] codeBytes = [];
            while (true)
            {
                int rc = SQLitePCL.raw.sqlite3_step(statement);
                if (rc == SQLitePCL.raw.SQLITE_DONE) yield break;
                if (rc != SQLitePCL.raw.SQLITE_ROW)
                    throw new StoreException($"cannot read the reports of {Description}: {SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string()}");
                var codeNow = SQLitePCL.raw.sqlite3_column_blob(statement, 0);
                if (!codeNow.SequenceEqual(codeBytes))
                {
                    codeBytes = codeNow.ToArray();
                    code = System.Text.Encoding.UTF8.GetString(codeBytes);
                }
                var periodText = SQLitePCL.raw.sqlite3_column_blob(statement, 1);
                if (!TryParsePeriod(periodText, out var period))
                    throw new StoreException($"the store holds \"{System.Text.Encoding.UTF8.GetString(periodText)}\" where a period YYYY-MM belongs; it was not written by Ballast");
                yield return new MonthlyReport(code, period,
                    SQLitePCL.raw.sqlite3_column_double(statement, 2), SQLitePCL.raw.sqlite3_column_double(statement, 3),
                    SQLitePCL.raw.sqlite3_column_double(statement, 4), SQLitePCL.raw.sqlite3_column_double(statement, 5),
                    SQLitePCL.raw.sqlite3_column_double(statement, 6), SQLitePCL.raw.sqlite3_column_double(statement, 7),
                    SQLitePCL.raw.sqlite3_column_double(statement, 8), SQLitePCL.raw.sqlite3_column_double(statement, 9),
                    SQLitePCL.raw.sqlite3_column_double(statement, 10), SQLitePCL.raw.sqlite3_column_double(statement, 11),
                    SQLitePCL.raw.sqlite3_column_int(statement, 12));
            }
        }
    }

    /// <summary>An open connection; <paramref name="pooled"/> false for one whose settings must not outlive it (an import's large page cache).</summary>
    internal SqliteConnection OpenSqlite(bool pooled = true)
    {
        var c = pooled ? new PooledConnection(_connectionString) : new SqliteConnection(_unpooledConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
        cmd.ExecuteNonQuery();
        return c;
    }

    /// <summary>BEGIN IMMEDIATE takes the write lock at once, so a second importer waits (busy timeout) for the
    /// first to finish instead of failing when it first writes.</summary>
    private protected override void BeginWrite(DbConnection connection)
    {
        try { Execute(connection, "BEGIN IMMEDIATE"); }
        catch (SqliteException e) { throw Translate(e, $"cannot start an import in {Description}"); }
    }

    private protected override bool SchemaVersionTableExists(DbConnection connection) =>
        Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"), CultureInfo.InvariantCulture) > 0;

    // UTC text with microseconds: sortable, readable, and exact for the timestamps PostgreSQL can hold too.
    private protected override object TimeValue(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private protected override void InsertWarnings(DbConnection connection, long importId, IReadOnlyList<ImportWarning> warnings)
    {
        using var cmd = (SqliteCommand)Command(connection,
            "INSERT INTO import_warnings (import_id, seq, code, file, line, column_name, message) VALUES (@id, @s, @code, @f, @l, @c, @m)",
            ("id", importId), ("s", 0), ("code", ""), ("f", ""), ("l", 0L), ("c", null), ("m", ""));
        cmd.Prepare();
        for (int i = 0; i < warnings.Count; i++)
        {
            var w = warnings[i];
            cmd.Parameters[1].Value = i;
            cmd.Parameters[2].Value = w.Code;
            cmd.Parameters[3].Value = w.File;
            cmd.Parameters[4].Value = w.Line;
            cmd.Parameters[5].Value = (object?)w.Column ?? DBNull.Value;
            cmd.Parameters[6].Value = w.Message;
            cmd.ExecuteNonQuery();
        }
    }

    private protected override void InsertErrors(DbConnection connection, long importId, IReadOnlyList<ImportProblem> errors)
    {
        using var cmd = (SqliteCommand)Command(connection,
            "INSERT INTO import_errors (import_id, seq, file, line, column_name, message) VALUES (@id, @s, @f, @l, @c, @m)",
            ("id", importId), ("s", 0), ("f", ""), ("l", 0L), ("c", null), ("m", ""));
        cmd.Prepare();
        for (int i = 0; i < errors.Count; i++)
        {
            var e = errors[i];
            cmd.Parameters[1].Value = i;
            cmd.Parameters[2].Value = e.File;
            cmd.Parameters[3].Value = e.Line;
            cmd.Parameters[4].Value = (object?)e.Column ?? DBNull.Value;
            cmd.Parameters[5].Value = e.Message;
            cmd.ExecuteNonQuery();
        }
    }

    public override IImportTransaction BeginImport(ImportHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new SqliteImportTransaction(this, header);
    }

    // Small wrappers so that the import transaction (another class) reaches the shared helpers.
    internal void BeginWriteOn(SqliteConnection c) => BeginWrite(c);
    internal long InsertImportOn(SqliteConnection c, ImportHeader header) => InsertImport(c, header);
    internal void WriteImportLogOn(SqliteConnection c, long importId, ImportOutcome outcome) => WriteImportLog(c, importId, outcome);
    internal static HashSet<string> CreditCodesOn(SqliteConnection c) => ReadCreditCodes(c);
    internal static IEnumerable<(string, Statistics.Periods.YearMonth, double)> OutputsOn(SqliteConnection c, IReadOnlyCollection<Statistics.Periods.YearMonth> periods, long runningImport) => ReadOutputs(c, periods, runningImport);
    internal static bool HasReportsOn(SqliteConnection c) => HasReports(c);
    internal static object? ScalarOn(SqliteConnection c, string sql, params (string, object?)[] parameters) => Scalar(c, sql, parameters);
    internal static void ExecuteOn(SqliteConnection c, string sql) => Execute(c, sql);
    internal static void RollbackOn(SqliteConnection c) => TryRollback(c);

    public override void TruncateData()
    {
        using var c = OpenConnection();
        BeginWrite(c);
        try
        {
            // Children of imports first (foreign keys are on). DELETE without WHERE is SQLite's truncate.
            foreach (string table in ProgramTables.Concat(new[] { "warning_alerts", "warning_runs", "arrears_events", "arrears_cases", "sa_vintage_rows", "sa_vintage_notes", "sa_vintages", "release_versions", "release_calendar", "release_rows", "releases", "import_counts", "import_files", "import_warnings", "import_errors" })
                .Concat(StoreTables.All.Select(StoreTables.Table)).Concat(StoreTables.All.Select(StoreTables.RevisionTable)).Append("imports"))
                Execute(c, "DELETE FROM " + table);
            Execute(c, "COMMIT");
        }
        catch
        {
            TryRollback(c);
            throw;
        }
    }

    // No connection outlives a call; the idle pooled ones are closed with the store.
    public override void Dispose()
    {
        using var c = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(c);
    }

    /// <summary>A pooled connection that never goes back to the pool inside a transaction an error path left open.</summary>
    private sealed class PooledConnection(string connectionString) : SqliteConnection(connectionString)
    {
        public override void Close()
        {
            if (State == System.Data.ConnectionState.Open && Handle is { } db && SQLitePCL.raw.sqlite3_get_autocommit(db) == 0)
            {
                try
                {
                    using var cmd = CreateCommand();
                    cmd.CommandText = "ROLLBACK";
                    cmd.ExecuteNonQuery();
                }
                catch (SqliteException) { } // closing a broken connection discards it anyway
            }
            base.Close();
        }
    }

    /// <summary>The journal mode and synchronous setting of this store's connections, as SQLite reports them (for benchmark records).</summary>
    public (string JournalMode, string Synchronous) DurabilityModes()
    {
        using var c = OpenSqlite();
        string journal = Convert.ToString(ScalarOn(c, "PRAGMA journal_mode"), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        long sync = Convert.ToInt64(ScalarOn(c, "PRAGMA synchronous"), System.Globalization.CultureInfo.InvariantCulture);
        return (journal, sync switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", _ => sync.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}
