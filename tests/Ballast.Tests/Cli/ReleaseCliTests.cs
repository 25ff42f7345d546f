using Ballast.Core.Files;

namespace Ballast.Tests.Cli;

/// <summary>`ballast release` on a small demo store: formats, views, refusals.</summary>
public sealed class ReleaseCliTests : IClassFixture<ReleaseCliTests.DemoStore>
{
    public sealed class DemoStore : IDisposable
    {
        public string Dir { get; } = Path.Combine(Path.GetTempPath(), "ballast-release-cli-" + Guid.NewGuid().ToString("N"));
        public string Db => Path.Combine(Dir, "ballast.db");

        public DemoStore()
        {
            Directory.CreateDirectory(Dir);
            var r = CliRunner.Run("demo", "--enterprises", "800", "--months", "24", "--db", Db);
            if (r.ExitCode != 0) throw new InvalidOperationException(r.Error + r.Out);
            Output = r.Out;
        }

        public string Output { get; }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private readonly DemoStore _store;

    public ReleaseCliTests(DemoStore store) => _store = store;

    [Fact]
    public void Demo_PrintsTheStoreAndTheReleaseSummary()
    {
        Assert.Contains("monthly reports", _store.Output, StringComparison.Ordinal);
        Assert.Contains("Industrial production, December 2025", _store.Output, StringComparison.Ordinal);
        Assert.Contains("High-technology manufacturing", _store.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_HasTheSpecHeader_AndPublishedRowsWithholdConfidentialValues()
    {
        var r = CliRunner.Run("release", "--period", "2025-12", "--db", _store.Db);
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period,breakdown,cell,parent,measure,value,flag", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, f => Assert.Equal(7, f.Length));
        var confidential = rows.Where(f => f[6] == "C").ToList();
        Assert.NotEmpty(confidential); // 800 enterprises over 31 × 41 cells: many small cells
        Assert.All(confidential, f => Assert.Equal("", f[5]));
        // The rows are sorted by breakdown, cell, measure (ordinal).
        var keys = rows.Select(f => (f[1], f[2], f[4])).ToList();
        var sorted = keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ThenBy(k => k.Item3, StringComparer.Ordinal);
        Assert.Equal(sorted, keys);
    }

    [Fact]
    public void Confidential_KeepsValuesAndFlags_AndWarnsOnStandardError()
    {
        var published = CliRunner.Run("release", "--period", "2025-12", "--db", _store.Db).Out.Split('\n');
        var r = CliRunner.Run("release", "--period", "2025-12", "--confidential", "--db", _store.Db);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("CONFIDENTIAL", r.Error, StringComparison.Ordinal);
        var confidential = r.Out.Split('\n');
        Assert.Equal(published.Length, confidential.Length);
        int revealed = 0;
        for (int i = 1; i < published.Length; i++)
        {
            var p = published[i].Split(',');
            var c = confidential[i].Split(',');
            if (p.Length < 7) continue;
            Assert.Equal(p[6], c[6]); // same flags
            if (p[6] == "C" && c[5].Length > 0) revealed++;
        }
        Assert.True(revealed > 0, "the confidential view shows the values of C cells");
    }

    [Fact]
    public void January_IsRefusedWithTheReason()
    {
        var r = CliRunner.Run("release", "--period", "2025-01", "--db", _store.Db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("January is published together with February", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPeriod_IsAUsageError() =>
        Assert.Equal(2, CliRunner.Run("release", "--period", "2025-13", "--db", _store.Db).ExitCode);

    [Fact]
    public void Xlsx_ReadsBackWithTheSameRowsAsTheCsv()
    {
        var path = Path.Combine(_store.Dir, "release.xlsx");
        Assert.Equal(0, CliRunner.Run("release", "--period", "2025-12", "--format", "xlsx", "--out", path, "--db", _store.Db).ExitCode);
        var csv = CliRunner.Run("release", "--period", "2025-12", "--db", _store.Db).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var source = new XlsxTableSource(path);
        Assert.True(source.Read());
        var header = Enumerable.Range(0, source.FieldCount).Select(i => source[i].ToString()).ToArray();
        Assert.Equal(["period", "breakdown", "cell", "parent", "measure", "value", "flag"], header);
        int n = 0;
        while (source.Read())
        {
            n++;
            var fields = csv[n].Split(',');
            Assert.Equal(fields[2], source[2].ToString());
            Assert.Equal(fields[4], source[4].ToString());
            if (fields[5].Length > 0)
                Assert.Equal(double.Parse(fields[5], System.Globalization.CultureInfo.InvariantCulture),
                             double.Parse(source[5].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(csv.Length - 1, n);
    }

    [Fact]
    public void Json_IsAnArrayOfRows()
    {
        var r = CliRunner.Run("release", "--period", "2025-12", "--format", "json", "--db", _store.Db);
        Assert.Equal(0, r.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Out);
        var first = doc.RootElement.EnumerateArray().First();
        Assert.Equal("2025-12", first.GetProperty("period").GetString());
        Assert.True(doc.RootElement.GetArrayLength() > 1000);
    }
}
