namespace Ballast.Tests.Cli;

public sealed class CliUsageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ballast-usage-" + Guid.NewGuid().ToString("N"));

    public CliUsageTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Db => Path.Combine(_dir, "ballast.db");

    [Fact]
    public void UnknownCommand_IsUsageError() => Assert.Equal(2, CliRunner.Run("frobnicate").ExitCode);

    [Fact]
    public void ImportWithoutFiles_IsUsageError() => Assert.Equal(2, CliRunner.Run("import", "--db", Db).ExitCode);

    [Fact]
    public void UnknownKind_IsUsageErrorNamingTheKinds()
    {
        var r = CliRunner.Run("import", "x.csv", "--kind", "sales", "--db", Db);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("enterprises, reports, products, ppi, va_rates", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownEncoding_IsUsageError() => Assert.Equal(2, CliRunner.Run("import", "x.csv", "--encoding", "latin1", "--db", Db).ExitCode);

    [Fact]
    public void MissingFile_IsRejectedWithItsName()
    {
        var r = CliRunner.Run("import", Path.Combine(_dir, "nowhere.csv"), "--db", Db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("nowhere.csv", r.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was stored", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreachablePostgres_IsAClearErrorWithoutThePassword()
    {
        // Port 1 on loopback: nothing listens there.
        var r = CliRunner.Run("status", "--db", "postgres://ballast:s3cret-pw@127.0.0.1:1/ballast");
        Assert.Equal(1, r.ExitCode);
        Assert.DoesNotContain("s3cret-pw", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal); // no stack trace
        Assert.Contains("127.0.0.1", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportOfAnUnknownTable_IsUsageError() => Assert.Equal(2, CliRunner.Run("export", "sales", "--db", Db).ExitCode);

    [Fact]
    public void ReleaseOnAnEmptyStore_SaysWhatToDo()
    {
        var r = CliRunner.Run("release", "--db", Db);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("holds no reports", r.Error, StringComparison.Ordinal);
    }
}
