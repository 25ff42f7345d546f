using System.Globalization;

namespace Ballast.Tests.Cli;

/// <summary>`ballast release sa` on a small demo store of 48 months: vintages, formats, revisions, refusals.</summary>
public sealed class ReleaseSaCliTests : IClassFixture<ReleaseSaCliTests.DemoStore>
{
    public sealed class DemoStore : IDisposable
    {
        public string Dir { get; } = Path.Combine(Path.GetTempPath(), "ballast-release-sa-cli-" + Guid.NewGuid().ToString("N"));
        public string Db => Path.Combine(Dir, "ballast.db");

        public DemoStore()
        {
            Directory.CreateDirectory(Dir);
            var r = CliRunner.Run("demo", "--enterprises", "800", "--months", "48", "--db", Db);
            if (r.ExitCode != 0) throw new InvalidOperationException(r.Error + r.Out);
            Output = r.Out;
            Error = r.Error;
        }

        public string Output { get; }
        public string Error { get; }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private readonly DemoStore _store;

    public ReleaseSaCliTests(DemoStore store) => _store = store;

    [Fact]
    public void MainJob_PrintsTheNationalSeasonallyAdjustedGrowth_AndStoresItsVintage()
    {
        Assert.Contains("Seasonally adjusted, value added grew", _store.Output, StringComparison.Ordinal);
        Assert.Contains("stored as vintage #1", _store.Error, StringComparison.Ordinal);
        // Asking again for 2025-12 on the same data reads the stored vintage.
        var r = CliRunner.Run("release", "sa", "--period", "2025-12", "--breakdown", "total", "--db", _store.Db);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("vintage #1 (data version", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("computed in", r.Error, StringComparison.Ordinal);
        Assert.Matches(@"2025-12\s+total\s+ALL\s+-?\d+\.\d\d", r.Out);
    }

    [Fact]
    public void Csv_OneRowPerCell_ConfidentialValuesWithheld()
    {
        var r = CliRunner.Run("release", "sa", "--period", "2025-12", "--format", "csv", "--db", _store.Db);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period,breakdown,cell,measure,value,flag", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.All(rows, f => Assert.Equal("2025-12", f[0]));
        Assert.All(rows, f => Assert.Equal("va_sa_mom", f[3]));
        Assert.Contains(rows, f => f[1] == "total" && f[2] == "ALL" && f[5] == "" && double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        Assert.All(rows.Where(f => f[5] == "C"), f => Assert.Equal("", f[4]));
        Assert.Contains(rows, f => f[5] == "C"); // 800 enterprises: small divisions and provinces
        Assert.DoesNotContain(rows, f => f[1] is "region4" or "size" or "province_division");
    }

    [Fact]
    public void Revisions_ShowAMonthAcrossVintages()
    {
        Assert.Equal(0, CliRunner.Run("release", "sa", "--period", "2025-09", "--db", _store.Db).ExitCode);
        var r = CliRunner.Run("release", "sa", "--period", "2025-12", "--cell", "total/ALL", "--revisions", "--format", "csv", "--db", _store.Db);
        Assert.Equal(0, r.ExitCode);
        var rows = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToArray();
        // September 2025 was estimated by the vintage of 2025-09 and again by that of 2025-12.
        var september = rows.Where(f => f[2] == "2025-09").Select(f => f[4]).ToArray();
        Assert.Equal(["2025-09", "2025-12"], september.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(rows, f => string.CompareOrdinal(f[2], "2025-01") < 0); // the last 12 months by default
        var text = CliRunner.Run("release", "sa", "--cell", "total/ALL", "--revisions", "--db", _store.Db);
        Assert.Contains("Revisions of va_sa_mom (%) of total/ALL", text.Out, StringComparison.Ordinal);
        Assert.Contains("2025-09:", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void History_Json_EveryMonthOfTheCell()
    {
        var r = CliRunner.Run("release", "sa", "--period", "2025-12", "--cell", "total/ALL", "--history", "--format", "json", "--db", _store.Db);
        Assert.Equal(0, r.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Out);
        // 48 months 2022-01..2025-12; the first has no previous month.
        Assert.Equal(48, doc.RootElement.GetArrayLength());
        Assert.Equal("2022-01", doc.RootElement[0].GetProperty("period").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, doc.RootElement[0].GetProperty("value").ValueKind);
    }

    [Theory]
    [InlineData("--revisions")]
    [InlineData("--breakdown", "region4")]
    [InlineData("--cell", "total")]
    [InlineData("--cell", "size/large", "--revisions")]
    [InlineData("--format", "xlsx")]
    public void BadOptions_AreUsageErrors(params string[] options)
    {
        var r = CliRunner.Run(["release", "sa", "--db", _store.Db, .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("ballast: ", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void January_IsRefusedWithTheReason()
    {
        var r = CliRunner.Run("release", "sa", "--period", "2025-01", "--db", _store.Db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("January is published together with February", r.Error, StringComparison.Ordinal);
    }
}
