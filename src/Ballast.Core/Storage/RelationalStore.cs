using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Ballast.Core.Files;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Storage;

/// <summary>
/// What SQLite and PostgreSQL share: schema migration, the import log, and reading. The SQL here is written in
/// the common subset of both dialects; each back end supplies connections, its write lock and its bulk paths.
/// </summary>
public abstract partial class RelationalStore : IBallastStore
{
    private protected RelationalStore(string description) => Description = description;

    public string Description { get; }

    public int SchemaVersion { get; private set; }

    public abstract IImportTransaction BeginImport(ImportHeader header);

    /// <summary>Empties every data, history and log table (benchmarks and tests); the schema stays.</summary>
    public abstract void TruncateData();

    public abstract void Dispose();

    /// <summary>An open connection with the back end's session settings.</summary>
    private protected abstract DbConnection OpenConnection();

    /// <summary>Starts a transaction that holds the store's write lock (one writer at a time).</summary>
    private protected abstract void BeginWrite(DbConnection connection);

    private protected abstract bool SchemaVersionTableExists(DbConnection connection);

    private protected abstract object TimeValue(DateTimeOffset time);

    /// <summary>
    /// Takes <paramref name="count"/> ids of the import log ahead of their rows, ascending, so that a batch of filings
    /// can be sent in one round trip; null where the store does not need it (an in-process store).
    /// </summary>
    private protected virtual IReadOnlyList<long>? ReserveImportIds(DbConnection connection, int count) => null;

    private protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    private protected abstract void InsertWarnings(DbConnection connection, long importId, IReadOnlyList<ImportWarning> warnings);

    private protected abstract void InsertErrors(DbConnection connection, long importId, IReadOnlyList<ImportProblem> errors);

    // ---------------------------------------------------------------- schema

    /// <summary>Applies the embedded scripts <c>NNN_name.sql</c> above the recorded version, in order, in one transaction.</summary>
    private protected void Migrate(string resourcePrefix)
    {
        var scripts = LoadScripts(resourcePrefix);
        int latest = scripts[^1].Version;
        using var c = OpenConnection();
        int current = ReadVersion(c);
        if (current < latest)
        {
            BeginWrite(c);
            try
            {
                current = ReadVersion(c); // another process may have migrated while we waited for the lock
                foreach (var (version, sql) in scripts)
                {
                    if (version <= current) continue;
                    Execute(c, sql);
                    Execute(c, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @t)", ("v", version), ("t", TimeValue(DateTimeOffset.UtcNow)));
                }
                Execute(c, "COMMIT");
            }
            catch
            {
                TryRollback(c);
                throw;
            }
            current = ReadVersion(c);
        }
        if (current > latest)
            throw new StoreException(
                $"{Description} has schema version {current.ToString(CultureInfo.InvariantCulture)}, written by a newer Ballast; " +
                $"this Ballast knows versions up to {latest.ToString(CultureInfo.InvariantCulture)}. Upgrade Ballast to open it.");
        SchemaVersion = current;
    }

    private int ReadVersion(DbConnection c) =>
        SchemaVersionTableExists(c) ? Convert.ToInt32(Scalar(c, "SELECT coalesce(max(version), 0) FROM schema_version"), CultureInfo.InvariantCulture) : 0;

    private static List<(int Version, string Sql)> LoadScripts(string prefix)
    {
        var assembly = typeof(RelationalStore).Assembly;
        var scripts = new List<(int, string)>();
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal)) continue;
            string file = name[prefix.Length..];
            int version = int.Parse(file.AsSpan(0, file.IndexOf('_', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            scripts.Add((version, reader.ReadToEnd()));
        }
        if (scripts.Count == 0) throw new InvalidOperationException($"no migration scripts embedded under {prefix}");
        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return scripts;
    }

    // ---------------------------------------------------------------- SQL helpers

    private protected static DbCommand Command(DbConnection c, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) AddParameter(cmd.Parameters, cmd.CreateParameter(), name, value);
        return cmd;
    }

    /// <summary>Names and sets a parameter made by a command (or a batch command) and adds it (null as DBNull).</summary>
    private protected static void AddParameter(DbParameterCollection parameters, DbParameter p, string name, object? value)
    {
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        parameters.Add(p);
    }

    private protected static int Execute(DbConnection c, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var cmd = Command(c, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    private protected static object? Scalar(DbConnection c, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var cmd = Command(c, sql, parameters);
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    private protected static void TryRollback(DbConnection c)
    {
        try { Execute(c, "ROLLBACK"); }
        catch (DbException) { } // the connection may already be broken; closing it rolls back anyway
    }

    // ---------------------------------------------------------------- import log

    private protected long InsertImport(DbConnection c, ImportHeader header) =>
        Convert.ToInt64(Scalar(c, "INSERT INTO imports (user_name, started_at) VALUES (@u, @t) RETURNING id",
            ("u", header.User), ("t", TimeValue(header.StartedAt))), CultureInfo.InvariantCulture);

    private protected void WriteImportLog(DbConnection c, long importId, ImportOutcome outcome)
    {
        long rows = outcome.Rows.Values.Sum(), revisions = outcome.Revisions.Values.Sum();
        Execute(c, """
            UPDATE imports SET duration_us = @d, accepted = @a, row_count = @r, revision_count = @v,
                error_count = @e, warning_count = @w, first_error = @f WHERE id = @id
            """,
            ("d", outcome.Duration.Ticks / 10), ("a", outcome.Accepted), ("r", rows), ("v", revisions),
            ("e", outcome.ErrorCount), ("w", (long)outcome.Warnings.Count), ("f", outcome.Errors.Count > 0 ? outcome.Errors[0].ToString() : null),
            ("id", importId));
        for (int i = 0; i < outcome.Files.Count; i++)
        {
            var f = outcome.Files[i];
            Execute(c, "INSERT INTO import_files (import_id, seq, path, kind, sha256, bytes) VALUES (@id, @s, @p, @k, @h, @b)",
                ("id", importId), ("s", i), ("p", f.Path), ("k", FileKinds.Name(f.Kind)), ("h", f.Sha256), ("b", f.Bytes));
        }
        foreach (var kind in StoreTables.All)
        {
            bool hasRows = outcome.Rows.TryGetValue(kind, out long n);
            bool hasRevisions = outcome.Revisions.TryGetValue(kind, out long rv);
            if (!hasRows && !hasRevisions) continue;
            Execute(c, "INSERT INTO import_counts (import_id, kind, rows, revisions) VALUES (@id, @k, @n, @r)",
                ("id", importId), ("k", FileKinds.Name(kind)), ("n", n), ("r", rv));
        }
        if (outcome.Warnings.Count > 0) InsertWarnings(c, importId, outcome.Warnings);
        if (outcome.Errors.Count > 0) InsertErrors(c, importId, outcome.Errors.Count > MaxStoredErrors ? outcome.Errors.Take(MaxStoredErrors).ToList() : outcome.Errors);
    }

    /// <summary>As many errors as an import reports (data-formats.md, "Validation and bad input").</summary>
    public const int MaxStoredErrors = 1000;

    public long LogRejectedImport(ImportHeader header, ImportOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Accepted) throw new ArgumentException("an accepted import is committed through its transaction, not logged as rejected", nameof(outcome));
        using var c = OpenConnection();
        BeginWrite(c);
        try
        {
            long id = InsertImport(c, header);
            WriteImportLog(c, id, outcome);
            Execute(c, "COMMIT");
            return id;
        }
        catch
        {
            TryRollback(c);
            throw;
        }
    }

    // ---------------------------------------------------------------- reads inside an import

    private protected static HashSet<string> ReadCreditCodes(DbConnection c)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        using var cmd = Command(c, "SELECT credit_code FROM enterprises");
        using var r = cmd.ExecuteReader();
        while (r.Read()) codes.Add(r.GetString(0));
        return codes;
    }

    /// <summary>True when the reports table has any row (asked at the start of an import, before it writes).</summary>
    private protected static bool HasReports(DbConnection c) =>
        Scalar(c, "SELECT 1 FROM reports LIMIT 1") is not null;

    /// <summary>
    /// Stored output values of the given months, streamed, leaving out the rows the running import wrote itself
    /// (the importer holds those; reading them back would double the memory of a national import).
    /// </summary>
    private protected static IEnumerable<(string CreditCode, YearMonth Period, double OutputValue)> ReadOutputs(
        DbConnection c, IReadOnlyCollection<YearMonth> periods, long runningImport)
    {
        var distinct = periods.Distinct().ToList();
        if (distinct.Count == 0) yield break;
        var parameters = distinct.Select((p, i) => ("p" + i.ToString(CultureInfo.InvariantCulture), (object?)p.ToString()))
            .Append(("running", runningImport)).ToArray();
        string sql = $"SELECT credit_code, period, output_value FROM reports WHERE period IN ({string.Join(", ", parameters.SkipLast(1).Select(p => "@" + p.Item1))}) AND import_id <> @running";
        using var cmd = Command(c, sql, parameters);
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return (r.GetString(0), YearMonth.Parse(r.GetString(1)), r.GetDouble(2));
    }

    // ---------------------------------------------------------------- reading

    private IEnumerable<DbDataReader> Rows(string sql, params (string Name, object? Value)[] parameters)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, sql, parameters);
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return r;
    }

    public IEnumerable<Enterprise> Enterprises()
    {
        foreach (var r in Rows("SELECT credit_code, name, region_code, industry_code, ownership, employees, revenue_last_year, tiers FROM enterprises ORDER BY credit_code"))
            yield return new Enterprise(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetDouble(6),
                r.GetString(7).Split(';', StringSplitOptions.RemoveEmptyEntries));
    }

    public virtual IEnumerable<MonthlyReport> Reports()
    {
        foreach (var r in Rows($"SELECT {StoreTables.ColumnList(FileKind.Reports)} FROM reports ORDER BY credit_code, period"))
            yield return new MonthlyReport(r.GetString(0), ParsePeriod(r.GetString(1)), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5),
                r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.GetInt32(12));
    }

    public IEnumerable<ProductOutput> Products()
    {
        foreach (var r in Rows("SELECT credit_code, period, product, output, capacity FROM products ORDER BY credit_code, period, product"))
            yield return new ProductOutput(r.GetString(0), ParsePeriod(r.GetString(1)), r.GetString(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4));
    }

    public IEnumerable<PpiEntry> Ppi()
    {
        foreach (var r in Rows("SELECT division, period, \"index\" FROM ppi ORDER BY division, period"))
            yield return new PpiEntry(r.GetString(0), ParsePeriod(r.GetString(1)), r.GetDouble(2));
    }

    public IEnumerable<VaRate> VaRates()
    {
        foreach (var r in Rows("SELECT division, year, rate FROM va_rates ORDER BY division, year"))
            yield return new VaRate(r.GetString(0), r.GetInt32(1), r.GetDouble(2));
    }

    private static YearMonth ParsePeriod(string text) =>
        YearMonth.TryParse(text, out var p) ? p : throw new StoreException($"the store holds \"{text}\" where a period YYYY-MM belongs; it was not written by Ballast");

    public StoreSummary Summary()
    {
        string revisions = string.Join(" + ", StoreTables.All.Select(k => $"(SELECT count(*) FROM {StoreTables.RevisionTable(k)})"));
        foreach (var r in Rows($"""
            SELECT (SELECT count(*) FROM enterprises), (SELECT count(*) FROM reports), (SELECT count(*) FROM products),
                   (SELECT count(*) FROM ppi), (SELECT count(*) FROM va_rates), (SELECT count(*) FROM imports),
                   (SELECT min(period) FROM reports), (SELECT max(period) FROM reports), {revisions}
            """))
            return new StoreSummary(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetInt64(8));
        throw new InvalidOperationException("a summary query returned no row");
    }

    public IReadOnlyList<ImportLogEntry> Imports()
    {
        var files = new Dictionary<long, List<ImportedFile>>();
        foreach (var r in Rows("SELECT import_id, path, kind, sha256, bytes FROM import_files ORDER BY import_id, seq"))
        {
            long id = r.GetInt64(0);
            if (!files.TryGetValue(id, out var list)) files[id] = list = [];
            list.Add(new ImportedFile(r.GetString(1), ParseKind(r.GetString(2)), r.GetString(3), r.GetInt64(4)));
        }
        var entries = new List<ImportLogEntry>();
        foreach (var r in Rows("""
            SELECT id, user_name, started_at, duration_us, accepted, row_count, revision_count, error_count, warning_count, first_error
            FROM imports ORDER BY id DESC
            """))
        {
            long id = r.GetInt64(0);
            entries.Add(new ImportLogEntry(id, r.GetString(1), ReadTime(r, 2), TimeSpan.FromTicks(r.GetInt64(3) * 10), r.GetBoolean(4),
                files.TryGetValue(id, out var list) ? list : [], r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8),
                r.IsDBNull(9) ? null : r.GetString(9)));
        }
        return entries;
    }

    private static FileKind ParseKind(string name) =>
        FileKinds.TryParse(name, out var kind) ? kind : throw new StoreException($"the import log holds an unknown file kind \"{name}\"");

    public IReadOnlyList<ImportWarning> ImportWarnings(long importId)
    {
        var list = new List<ImportWarning>();
        foreach (var r in Rows("SELECT code, file, line, column_name, message FROM import_warnings WHERE import_id = @id ORDER BY seq", ("id", importId)))
            list.Add(new ImportWarning(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4)));
        return list;
    }

    // ---------------------------------------------------------------- stored releases

    public long DataVersion()
    {
        using var c = OpenConnection();
        return Convert.ToInt64(Scalar(c, "SELECT coalesce(max(id), 0) FROM imports WHERE accepted = @a", ("a", true)), CultureInfo.InvariantCulture);
    }

    public long SaveRelease(StoredRelease header, IEnumerable<StoredReleaseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var c = OpenConnection();
        BeginWrite(c);
        try
        {
            long id = Convert.ToInt64(Scalar(c,
                "INSERT INTO releases (period, computed_at, user_name, data_version, row_count) VALUES (@p, @t, @u, @v, @n) RETURNING id",
                ("p", header.Period), ("t", TimeValue(header.ComputedAt)), ("u", header.User), ("v", header.DataVersion), ("n", header.RowCount)),
                CultureInfo.InvariantCulture);
            using var cmd = Command(c, "INSERT INTO release_rows (release_id, breakdown, cell, parent, measure, value, flag) VALUES (@id, @b, @c, @p, @m, @v, @f)",
                ("id", id), ("b", ""), ("c", ""), ("p", ""), ("m", ""), ("v", null), ("f", ""));
            cmd.Prepare();
            foreach (var r in rows)
            {
                cmd.Parameters[1].Value = r.Breakdown;
                cmd.Parameters[2].Value = r.Cell;
                cmd.Parameters[3].Value = r.Parent;
                cmd.Parameters[4].Value = r.Measure;
                cmd.Parameters[5].Value = r.Value is double v ? v : DBNull.Value;
                cmd.Parameters[6].Value = r.Flag;
                cmd.ExecuteNonQuery();
            }
            Execute(c, "COMMIT");
            return id;
        }
        catch
        {
            TryRollback(c);
            throw;
        }
    }

    public IReadOnlyList<StoredRelease> Releases(string? period = null)
    {
        var list = new List<StoredRelease>();
        var sql = "SELECT id, period, computed_at, user_name, data_version, row_count FROM releases" +
                  (period is null ? "" : " WHERE period = @p") + " ORDER BY id DESC";
        foreach (var r in period is null ? Rows(sql) : Rows(sql, ("p", period)))
            list.Add(new StoredRelease(r.GetInt64(0), r.GetString(1), ReadTime(r, 2), r.GetString(3), r.GetInt64(4), r.GetInt32(5)));
        return list;
    }

    public IReadOnlyList<StoredReleaseRow> ReleaseRows(long releaseId)
    {
        var list = new List<StoredReleaseRow>();
        foreach (var r in Rows("SELECT breakdown, cell, parent, measure, value, flag FROM release_rows WHERE release_id = @id ORDER BY breakdown, cell, measure", ("id", releaseId)))
            list.Add(new StoredReleaseRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetDouble(4), r.GetString(5)));
        return list;
    }

    /// <summary>The errors stored with a rejected import (the first <see cref="MaxStoredErrors"/>).</summary>
    public IReadOnlyList<ImportProblem> ImportErrors(long importId)
    {
        var list = new List<ImportProblem>();
        foreach (var r in Rows("SELECT file, line, column_name, message FROM import_errors WHERE import_id = @id ORDER BY seq", ("id", importId)))
            list.Add(new ImportProblem(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3)));
        return list;
    }

    public IReadOnlyList<RevisionRecord> Revisions(FileKind kind, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var keyColumns = StoreTables.KeyColumns(kind);
        string[] parts = key.Split('|');
        if (parts.Length != keyColumns.Count)
            throw new ArgumentException($"a {FileKinds.Name(kind)} key has {keyColumns.Count} parts joined by '|' ({string.Join('|', keyColumns)}); got \"{key}\"", nameof(key));
        var parameters = new (string, object?)[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            object value = keyColumns[i] == "year"
                ? int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out int y) ? y : throw new ArgumentException($"\"{parts[i]}\" is not a year", nameof(key))
                : parts[i];
            parameters[i] = ("k" + i.ToString(CultureInfo.InvariantCulture), value);
        }
        var columns = FileKinds.Columns(kind);
        string where = string.Join(" AND ", keyColumns.Select((c, i) => $"h.{StoreTables.Quote(c)} = @k{i.ToString(CultureInfo.InvariantCulture)}"));
        string sql = $"""
            SELECT {StoreTables.ColumnList(kind, "h.")}, h.replaced_by, i.started_at, i.user_name
            FROM {StoreTables.RevisionTable(kind)} h JOIN imports i ON i.id = h.replaced_by
            WHERE {where} ORDER BY h.replaced_by, h.seq
            """;
        var list = new List<RevisionRecord>();
        foreach (var r in Rows(sql, parameters))
        {
            var old = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < columns.Count; i++) old[columns[i]] = FormatValue(r.GetValue(i));
            int n = columns.Count;
            list.Add(new RevisionRecord(kind, key, r.GetInt64(n), ReadTime(r, n + 1), r.GetString(n + 2), old));
        }
        return list;
    }

    /// <summary>A stored value as the import file writes it.</summary>
    private static string FormatValue(object value) => value switch
    {
        DBNull => "",
        string s => s,
        double d => NumberText.Format(d),
        float f => NumberText.Format(f),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
