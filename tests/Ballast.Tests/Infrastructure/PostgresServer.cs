using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Ballast.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests: the server named by BALLAST_TEST_PG (a connection string with rights to
/// create databases), or else a temporary cluster of this machine's PostgreSQL, started on a free loopback port
/// and deleted at the end. Each test gets a fresh database. Without a server the tests fail, never skip.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string EnvironmentVariable = "BALLAST_TEST_PG";
    public const string NotFound = "PostgreSQL server binaries not found: install postgresql (apt-get install postgresql) or set BALLAST_TEST_PG";

    private readonly string? _adminConnectionString;
    private readonly string? _problem;
    private readonly string? _tempDir, _dataDir, _pgCtl;
    private readonly bool _asPostgresUser;
    private readonly List<string> _databases = [];

    public PostgresServer()
    {
        string? external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = external;
            return;
        }
        string? bin = FindBinDirectory();
        if (bin is null)
        {
            _problem = NotFound;
            return;
        }
        _pgCtl = Path.Combine(bin, "pg_ctl");
        // initdb refuses to run as root: run the server tools as the postgres user then.
        _asPostgresUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        _tempDir = Path.Combine(Path.GetTempPath(), "ballast-pg-" + Guid.NewGuid().ToString("N"));
        _dataDir = Path.Combine(_tempDir, "data");
        Directory.CreateDirectory(_tempDir);
        try
        {
            if (_asPostgresUser) Run("chown", ["postgres:postgres", _tempDir], asPostgres: false);
            Run(Path.Combine(bin, "initdb"), ["-D", _dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], _asPostgresUser);
            int port = LoopbackPorts.Free();
            Run(_pgCtl, ["-D", _dataDir, "-l", Path.Combine(_tempDir, "server.log"), "-w",
                "-o", $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {_tempDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
                "start"], _asPostgresUser);
            _adminConnectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres",
            }.ConnectionString;
        }
        catch (Exception e)
        {
            _problem = $"could not start a temporary PostgreSQL cluster in {_tempDir}: {e.Message}";
        }
    }

    /// <summary>A fresh, empty database; its connection string.</summary>
    public string CreateDatabase()
    {
        if (_problem is not null) throw new InvalidOperationException(_problem);
        string name = "ballast_test_" + Guid.NewGuid().ToString("N");
        using (var c = new NpgsqlConnection(_adminConnectionString))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }
        lock (_databases) _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    private static string? FindBinDirectory()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"))) return dir;
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root)) return null;
        // The newest installed major version.
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : 0)
            .FirstOrDefault();
    }


    private void Run(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user must be able to read its working directory.
            WorkingDirectory = _tempDir,
        };
        if (asPostgres)
        {
            foreach (string a in new[] { "-u", "postgres", "--", program }) psi.ArgumentList.Add(a);
        }
        foreach (string a in arguments) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed (exit {process.ExitCode.ToString(CultureInfo.InvariantCulture)}): {stderr.Trim()} {stdout.Result.Trim()}");
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        if (_adminConnectionString is not null && _tempDir is null)
        {
            // An external server: drop what we created.
            try
            {
                using var c = new NpgsqlConnection(_adminConnectionString);
                c.Open();
                foreach (string name in _databases)
                {
                    using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
                    cmd.ExecuteNonQuery();
                }
            }
            catch (NpgsqlException) { } // best effort: the names are unique and say what they are
            return;
        }
        if (_tempDir is null) return;
        try
        {
            if (_pgCtl is not null && _dataDir is not null && File.Exists(Path.Combine(_dataDir, "postmaster.pid")))
                Run(_pgCtl, ["-D", _dataDir, "-m", "immediate", "-w", "stop"], _asPostgresUser);
        }
        finally
        {
            try { Directory.Delete(_tempDir, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
