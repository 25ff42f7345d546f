using Ballast.Core.Storage;
using Npgsql;

namespace Ballast.Tests.Storage;

/// <summary>How <c>--db</c> text is understood; no server is contacted except in the unreachable-server test.</summary>
public sealed class StoreFactoryTests
{
    private static StoreLocation Resolve(string? db, string? environment = null) =>
        StoreFactory.Resolve(db, name => name == StoreFactory.EnvironmentVariable ? environment : null);

    [Fact]
    public void FilePath_MeansSqliteAtTheFullPath()
    {
        var location = Resolve("data/ballast.db");
        Assert.Equal(StoreProvider.Sqlite, location.Provider);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "data", "ballast.db"), location.Target);
        Assert.Equal("SQLite " + location.Target, location.Description);
    }

    [Fact]
    public void NoDb_UsesTheEnvironmentVariable_ThenTheDefaultFile()
    {
        Assert.Equal("/srv/stats/national.db", Resolve(null, "/srv/stats/national.db").Target);
        Assert.Equal("/srv/stats/national.db", Resolve("  ", "/srv/stats/national.db").Target);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "ballast.db"), Resolve(null).Target);
        Assert.Equal("/explicit.db", Resolve("/explicit.db", "/srv/stats/national.db").Target); // --db wins
    }

    [Fact]
    public void PostgresUrl_MeansPostgres_DescriptionWithoutPassword()
    {
        var location = Resolve("postgres://stats:s3cret@db.example.org:6543/ballast");
        Assert.Equal(StoreProvider.Postgres, location.Provider);
        Assert.Equal("PostgreSQL db.example.org:6543/ballast", location.Description);
        Assert.DoesNotContain("s3cret", location.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", location.ToString(), StringComparison.Ordinal);
        var b = new NpgsqlConnectionStringBuilder(location.Target);
        Assert.Equal(("db.example.org", 6543, "ballast", "stats", "s3cret"), (b.Host, b.Port, b.Database, b.Username, b.Password));
        Assert.Equal("PostgreSQL db.example.org:6543/ballast", StoreFactory.Describe("postgres://stats:s3cret@db.example.org:6543/ballast"));
    }

    [Fact]
    public void PostgresqlUrl_WithoutPort_EncodedPasswordAndParameters()
    {
        var location = Resolve("postgresql://tongji:p%40ss%3Aword@10.0.0.5/ballast_prod?sslmode=require");
        var b = new NpgsqlConnectionStringBuilder(location.Target);
        Assert.Equal(5432, b.Port);
        Assert.Equal("p@ss:word", b.Password);
        Assert.Equal(SslMode.Require, b.SslMode);
        Assert.Equal("PostgreSQL 10.0.0.5:5432/ballast_prod", location.Description);
    }

    [Fact]
    public void NpgsqlConnectionString_MeansPostgres()
    {
        var location = Resolve("Host=pg.local;Port=5433;Database=ballast;Username=stats;Password=hunter2");
        Assert.Equal(StoreProvider.Postgres, location.Provider);
        Assert.Equal("PostgreSQL pg.local:5433/ballast", location.Description);
        Assert.Equal("hunter2", new NpgsqlConnectionStringBuilder(location.Target).Password);
        Assert.Equal(StoreProvider.Postgres, Resolve("Host=pg.local").Provider); // a known keyword alone is enough
    }

    [Theory]
    [InlineData("postgres://stats:topsecret@:5432/ballast", "not valid")]
    [InlineData("postgres://stats:topsecret@db.example.org:5432/", "names no database")]
    [InlineData("postgres://stats:topsecret@db.example.org:99999/ballast", "not valid")]
    [InlineData("postgres://stats:topsecret@db.example.org/ballast?colour=blue", "colour")]
    public void BadUrl_IsAClearErrorThatHidesThePassword(string url, string expected)
    {
        var e = Assert.Throws<StoreException>(() => Resolve(url));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionString_WithUnknownKeyword_IsAClearError()
    {
        var e = Assert.Throws<StoreException>(() => Resolve("Hots=pg.local;Database=ballast"));
        Assert.Contains("not a valid PostgreSQL connection string", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreachableServer_IsAStoreExceptionNamingTheServer()
    {
        // Port 1 on the loopback: nothing listens, the connection is refused at once.
        var e = Assert.Throws<StoreException>(() => StoreFactory.Open("postgres://stats:pw@127.0.0.1:1/ballast"));
        Assert.Contains("127.0.0.1:1", e.Message, StringComparison.Ordinal);
        Assert.Contains("cannot reach", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw", e.Message.Replace("PostgreSQL", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
