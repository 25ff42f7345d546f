using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Ballast.Core.Reporting;
using Npgsql;
using NpgsqlTypes;

namespace Ballast.Core.Storage.Postgres;

/// <summary>
/// The production store: a PostgreSQL database (Npgsql). Imports load through binary COPY into a temporary
/// staging table and merge from there; two imports serialise on a transaction-scoped advisory lock.
/// </summary>
public sealed class PostgresStore : RelationalStore
{
    /// <summary>The advisory lock key that serialises writers ("Ballast" in ASCII).</summary>
    private const long WriteLockKey = 0x42616C6C617374;

    /// <summary>How long an import waits for another import's lock before giving up (as SQLite's busy timeout).</summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _host;

    public PostgresStore(string connectionString) : this(Parse(connectionString)) { }

    private PostgresStore(NpgsqlConnectionStringBuilder builder) : base(Describe(builder))
    {
        _host = $"{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}";
        // Staging batches of 100k rows fit in 64 MB of local buffers instead of spilling to temporary files.
        // temp_buffers can only be set before a session first touches a temporary table, hence at connection start.
        builder.Options = string.IsNullOrEmpty(builder.Options) ? "-c temp_buffers=64MB" : builder.Options + " -c temp_buffers=64MB";
        // The same few statements run again and again (a filing batch, a token lookup): prepared on the server after
        // their second use, they are no longer parsed and planned each time. A connection string's own setting wins.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        _dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            Migrate("Ballast.Storage.Postgres.");
        }
        catch (NpgsqlException e)
        {
            _dataSource.Dispose();
            throw Translate(e, $"cannot open {Description}");
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        try { return new NpgsqlConnectionStringBuilder(connectionString); }
        catch (ArgumentException e) { throw new StoreException($"not a valid PostgreSQL connection string: {e.Message}", e); }
    }

    /// <summary>"PostgreSQL host:port/database", never the password.</summary>
    internal static string Describe(NpgsqlConnectionStringBuilder b) =>
        $"PostgreSQL {b.Host}:{b.Port.ToString(CultureInfo.InvariantCulture)}/{b.Database ?? b.Username}";

    internal StoreException Translate(NpgsqlException e, string what)
    {
        if (e is PostgresException pg)
        {
            return pg.SqlState switch
            {
                "28P01" or "28000" => new StoreException($"{what}: the server refused the login ({pg.MessageText})", e),
                "3D000" => new StoreException($"{what}: the database does not exist ({pg.MessageText})", e),
                "42501" => new StoreException($"{what}: permission denied ({pg.MessageText})", e),
                _ => new StoreException($"{what}: {pg.MessageText} (SQLSTATE {pg.SqlState})", e),
            };
        }
        if (e.InnerException is TimeoutException)
            return new StoreException($"{what}: the PostgreSQL server at {_host} did not answer in time", e);
        if (e.InnerException is SocketException s)
            return new StoreException($"{what}: cannot reach the PostgreSQL server at {_host} ({s.Message})", e);
        return new StoreException($"{what}: {e.Message}", e);
    }

    private protected override DbConnection OpenConnection() => OpenNpgsql();

    internal NpgsqlConnection OpenNpgsql()
    {
        try { return _dataSource.OpenConnection(); }
        catch (NpgsqlException e) { throw Translate(e, $"cannot connect to {Description}"); }
    }

    /// <summary>A transaction holding the advisory write lock: a second importer waits for the first to commit.</summary>
    private protected override IReadOnlyList<long>? ReserveImportIds(DbConnection connection, int count)
    {
        var ids = new List<long>(count);
        using var cmd = Command(connection, "SELECT nextval(pg_get_serial_sequence('imports', 'id')) FROM generate_series(1, @n)", ("n", count));
        using (var r = cmd.ExecuteReader())
            while (r.Read()) ids.Add(r.GetInt64(0));
        ids.Sort();
        return ids;
    }

    private protected override void BeginWrite(DbConnection connection)
    {
        Execute(connection, "BEGIN");
        using var cmd = Command(connection, "SELECT pg_advisory_xact_lock(@k)", ("k", WriteLockKey));
        cmd.CommandTimeout = (int)LockTimeout.TotalSeconds;
        try { cmd.ExecuteNonQuery(); }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException || e is PostgresException { SqlState: "57014" })
        {
            TryRollback(connection);
            throw new StoreException($"cannot start an import in {Description}: another import has held the store for more than " +
                $"{LockTimeout.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes; try again when it has finished", e);
        }
        catch (NpgsqlException e)
        {
            TryRollback(connection);
            throw Translate(e, $"cannot start an import in {Description}");
        }
    }

    private protected override bool SchemaVersionTableExists(DbConnection connection) =>
        Scalar(connection, "SELECT to_regclass('schema_version') IS NOT NULL") is true;

    private protected override object TimeValue(DateTimeOffset time) => time.ToUniversalTime();

    private protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private protected override void InsertWarnings(DbConnection connection, long importId, IReadOnlyList<ImportWarning> warnings)
    {
        using var w = ((NpgsqlConnection)connection).BeginBinaryImport(
            "COPY import_warnings (import_id, seq, code, file, line, column_name, message) FROM STDIN (FORMAT BINARY)");
        for (int i = 0; i < warnings.Count; i++)
        {
            var x = warnings[i];
            w.StartRow();
            w.Write(importId, NpgsqlDbType.Bigint);
            w.Write(i, NpgsqlDbType.Integer);
            w.Write(x.Code, NpgsqlDbType.Text);
            w.Write(x.File, NpgsqlDbType.Text);
            w.Write(x.Line, NpgsqlDbType.Bigint);
            if (x.Column is null) w.WriteNull(); else w.Write(x.Column, NpgsqlDbType.Text);
            w.Write(x.Message, NpgsqlDbType.Text);
        }
        w.Complete();
    }

    private protected override void InsertErrors(DbConnection connection, long importId, IReadOnlyList<ImportProblem> errors)
    {
        using var w = ((NpgsqlConnection)connection).BeginBinaryImport(
            "COPY import_errors (import_id, seq, file, line, column_name, message) FROM STDIN (FORMAT BINARY)");
        for (int i = 0; i < errors.Count; i++)
        {
            var x = errors[i];
            w.StartRow();
            w.Write(importId, NpgsqlDbType.Bigint);
            w.Write(i, NpgsqlDbType.Integer);
            w.Write(x.File, NpgsqlDbType.Text);
            w.Write(x.Line, NpgsqlDbType.Bigint);
            if (x.Column is null) w.WriteNull(); else w.Write(x.Column, NpgsqlDbType.Text);
            w.Write(x.Message, NpgsqlDbType.Text);
        }
        w.Complete();
    }

    public override IImportTransaction BeginImport(ImportHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new PostgresImportTransaction(this, header);
    }

    // Small wrappers so that the import transaction (another class) reaches the shared helpers.
    internal void BeginWriteOn(NpgsqlConnection c) => BeginWrite(c);
    internal long InsertImportOn(NpgsqlConnection c, ImportHeader header) => InsertImport(c, header);
    internal void WriteImportLogOn(NpgsqlConnection c, long importId, ImportOutcome outcome) => WriteImportLog(c, importId, outcome);
    internal static HashSet<string> CreditCodesOn(NpgsqlConnection c) => ReadCreditCodes(c);
    internal static IEnumerable<(string, Statistics.Periods.YearMonth, double)> OutputsOn(NpgsqlConnection c, IReadOnlyCollection<Statistics.Periods.YearMonth> periods, long runningImport) => ReadOutputs(c, periods, runningImport);
    internal static bool HasReportsOn(NpgsqlConnection c) => HasReports(c);
    internal static int ExecuteOn(NpgsqlConnection c, string sql, params (string, object?)[] parameters) => Execute(c, sql, parameters);
    internal static void RollbackOn(NpgsqlConnection c) => TryRollback(c);

    public override void TruncateData()
    {
        using var c = OpenNpgsql();
        string tables = string.Join(", ", ProgramTables.Concat(new[] { "warning_alerts", "warning_runs", "arrears_events", "arrears_cases", "sa_vintage_rows", "sa_vintage_notes", "sa_vintages", "release_versions", "release_calendar", "release_rows", "releases", "imports", "import_counts", "import_files", "import_warnings", "import_errors" })
            .Concat(StoreTables.All.Select(StoreTables.Table)).Concat(StoreTables.All.Select(StoreTables.RevisionTable)));
        Execute(c, $"TRUNCATE {tables} RESTART IDENTITY");
    }

    /// <summary>
    /// For the import benchmark's peer: PostgreSQL's own CSV loader on a reports file, no validation, no
    /// revisions (a key already stored fails the whole load). The rows carry the id of an import logged for the
    /// load, as the column default during the COPY.
    /// </summary>
    /// <returns>The rows loaded.</returns>
    public long CopyReportsCsvUnvalidated(string csvPath)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        string header;
        using (var probe = new StreamReader(csvPath, Encoding.UTF8))
            header = probe.ReadLine() ?? throw new StoreException($"{csvPath} is empty");
        var known = FileKinds.Columns(FileKind.Reports);
        var columns = header.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (string column in columns)
            if (!known.Contains(column)) throw new StoreException($"{csvPath}: \"{column}\" is not a reports column");

        using var c = OpenNpgsql();
        BeginWrite(c);
        try
        {
            long id = InsertImport(c, new ImportHeader("copy (unvalidated)", DateTimeOffset.UtcNow));
            var started = DateTime.UtcNow;
            // DDL is transactional in PostgreSQL: the default exists only inside this transaction.
            Execute(c, $"ALTER TABLE reports ALTER COLUMN import_id SET DEFAULT {id.ToString(CultureInfo.InvariantCulture)}");
            using (var writer = c.BeginTextImport($"COPY reports ({string.Join(", ", columns)}) FROM STDIN (FORMAT csv, HEADER true)"))
            using (var reader = new StreamReader(csvPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16))
            {
                char[] buffer = new char[1 << 16];
                int n;
                while ((n = reader.Read(buffer, 0, buffer.Length)) > 0) writer.Write(buffer, 0, n);
            }
            Execute(c, "ALTER TABLE reports ALTER COLUMN import_id DROP DEFAULT");
            long rows = Convert.ToInt64(Scalar(c, "SELECT count(*) FROM reports WHERE import_id = @id", ("id", id)), CultureInfo.InvariantCulture);
            Execute(c, "UPDATE imports SET accepted = true, row_count = @r, duration_us = @d WHERE id = @id",
                ("r", rows), ("d", (DateTime.UtcNow - started).Ticks / 10), ("id", id));
            Execute(c, "COMMIT");
            return rows;
        }
        catch (NpgsqlException e)
        {
            TryRollback(c);
            throw Translate(e, $"cannot COPY {csvPath} into {Description}");
        }
        catch
        {
            TryRollback(c);
            throw;
        }
    }

    public override void Dispose() => _dataSource.Dispose();
}
