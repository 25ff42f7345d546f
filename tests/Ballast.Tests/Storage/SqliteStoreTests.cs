using System.Globalization;
using Ballast.Core.Storage;
using Ballast.Core.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Ballast.Tests.Storage;

/// <summary>The storage suite on SQLite: a fresh file per test, deleted afterwards.</summary>
public sealed class SqliteStoreTests : BallastStoreTests, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ballast-sqlite-" + Guid.NewGuid().ToString("N"));

    public SqliteStoreTests() => Directory.CreateDirectory(_dir);

    private string DbPath => Path.Combine(_dir, "ballast.db");

    protected override IBallastStore Open() => new SqliteStore(DbPath);

    protected override string DbText => DbPath;

    private SqliteConnection Connect()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    protected override void ExecuteSql(string sql)
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    protected override object? QueryScalar(string sql)
    {
        using var c = Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar() is { } v and not DBNull ? v : null;
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_IsRefusedWithClearMessage()
    {
        File.WriteAllText(DbPath, "credit_code,name\n" + new string('x', 5000));
        var e = Assert.Throws<StoreException>(() => Open());
        Assert.Contains("not a SQLite database", e.Message, StringComparison.Ordinal);
        Assert.Contains(DbPath, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_InMissingDirectory_IsRefusedWithClearMessage()
    {
        string path = Path.Combine(_dir, "no-such-dir", "ballast.db");
        var e = Assert.Throws<StoreException>(() => new SqliteStore(path));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BulkPath_ReachesTheNativeLibraryDirectly()
    {
        // The fast binds need the e_sqlite3 that SQLitePCLRaw loaded; falling back silently would cost speed.
        Assert.True(NativeSqlite.Available);
    }

    [Fact]
    public void NewStore_UsesWriteAheadLog()
    {
        using (Open()) { }
        Assert.Equal("wal", Convert.ToString(QueryScalar("PRAGMA journal_mode"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TruncateData_EmptiesEveryTable_KeepsTheSchema()
    {
        using var store = Open();
        Import(store, "wang", T1, tx => { tx.Write(Firm(1)); tx.Write(Report(1, Mar2025)); });
        Import(store, "wang", T2, tx => tx.Write(Report(1, Mar2025, 5)));
        ((SqliteStore)store).TruncateData();
        Assert.Equal(new StoreSummary(0, 0, 0, 0, 0, 0, null, null, 0), store.Summary());
        Assert.Equal(CurrentVersion, Open().SchemaVersion);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }
}
