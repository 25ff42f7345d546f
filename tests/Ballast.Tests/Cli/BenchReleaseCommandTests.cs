using System.Globalization;
using Ballast.Cli;
using Ballast.Core.Classifications;
using Ballast.Core.Demo;
using Ballast.Core.Releases;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Tests.Cli;

/// <summary>
/// <c>ballast bench release</c> without DuckDB (node stays out of the test suite): the in-memory and from-store
/// measurements on a small population, and the check that DuckDB's values equal Ballast's.
/// </summary>
public sealed class BenchReleaseCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ballast-test-" + Guid.NewGuid().ToString("N"));

    public BenchReleaseCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void SmallPopulation_ReleaseFromSqliteChildEqualsInMemory()
    {
        var r = CliRunner.Run("bench", "release", "--enterprises", "300", "--work-dir", _dir);

        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("| Ballast, in memory (ReleaseEngine.Compute: every row, disclosure control) |", r.Out, StringComparison.Ordinal);
        Assert.Contains("| Ballast, from SQLite cold", r.Out, StringComparison.Ordinal);
        // The child process read the store and wrote a release identical to the in-memory one.
        Assert.Contains("release identical to the in-memory one", r.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "release.db")));
    }

    [Fact]
    public void BadPeriod_IsAUsageError()
    {
        var r = CliRunner.Run("bench", "release", "--enterprises", "10", "--period", "2025-13", "--no-store");

        Assert.Equal(BallastCommand.Usage, r.ExitCode);
        Assert.Contains("--period \"2025-13\"", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_BallastsOwnValues_AllEqual()
    {
        var release = SmallRelease();
        var rows = ComparedRows(release);
        var csv = WriteDuckCsv(rows.Select(x => (x.Breakdown, x.Cell, x.Measure, x.Value)));

        var c = BenchReleaseCommand.Compare(release, csv);

        Assert.Equal(rows.Count, c.Compared);
        Assert.Equal(0, c.MaxAbsolute);
        // Every compared breakdown is there: the check covers them all.
        Assert.Equal(BenchReleaseCommand.ComparedBreakdowns.Order(StringComparer.Ordinal),
            rows.Select(x => x.Breakdown).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compare_DifferenceWithinTolerance_Accepted()
    {
        var release = SmallRelease();
        var rows = ComparedRows(release);
        var changed = rows.First(x => x.Value is double v && Math.Abs(v) > 1);
        // 1e-12 relative: well inside 1e-9 · max(1, |a|, |b|).
        var csv = WriteDuckCsv(rows.Select(x => (x.Breakdown, x.Cell, x.Measure,
            ReferenceEquals(x, changed) ? x.Value * (1 + 1e-12) : x.Value)));

        var c = BenchReleaseCommand.Compare(release, csv);

        Assert.True(c.MaxRelative > 0 && c.MaxRelative < 1e-11, c.MaxRelative.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Compare_OneValueOff_FailsNamingTheFigure()
    {
        var release = SmallRelease();
        var rows = ComparedRows(release);
        var changed = rows.First(x => x.Value is double v && Math.Abs(v) > 1 && x.Measure != ReleaseMeasures.Enterprises);
        // 1e-8 relative: outside the tolerance.
        var csv = WriteDuckCsv(rows.Select(x => (x.Breakdown, x.Cell, x.Measure,
            ReferenceEquals(x, changed) ? x.Value * (1 + 1e-8) : x.Value)));

        var e = Assert.Throws<BenchReleaseCommand.BenchFailedException>(() => BenchReleaseCommand.Compare(release, csv));

        Assert.Contains("in 1 figures", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{changed.Breakdown}/{changed.Cell}/{changed.Measure}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EmptyAgainstValueAndMissingRow_BothFail()
    {
        var release = SmallRelease();
        var rows = ComparedRows(release);
        var emptied = rows.First(x => x.Value is not null && x.Measure != ReleaseMeasures.Enterprises);
        var dropped = rows.Last();
        var csv = WriteDuckCsv(rows.Where(x => !ReferenceEquals(x, dropped))
            .Select(x => (x.Breakdown, x.Cell, x.Measure, ReferenceEquals(x, emptied) ? null : x.Value)));

        var e = Assert.Throws<BenchReleaseCommand.BenchFailedException>(() => BenchReleaseCommand.Compare(release, csv));

        Assert.Contains("in 2 figures", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{emptied.Breakdown}/{emptied.Cell}/{emptied.Measure}: Ballast ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{dropped.Breakdown}/{dropped.Cell}/{dropped.Measure}: Ballast has it, DuckDB does not", e.Message, StringComparison.Ordinal);
    }

    private static MonthlyRelease SmallRelease()
    {
        var data = DemoPopulation.Generate(new DemoOptions(400, 24, 1), Classification.Default);
        var population = ReleasePopulationBuilder.Build(data.Enterprises, data.Reports(), data.Products(), data.Ppi, data.VaRates);
        return ReleaseEngine.Compute(population, new YearMonth(2025, 12)).Release!;
    }

    private static List<ReleaseRow> ComparedRows(MonthlyRelease release) =>
        [.. release.ConfidentialRows.Where(r => BenchReleaseCommand.ComparedBreakdowns.Contains(r.Breakdown, StringComparer.Ordinal)
                                               && BenchReleaseCommand.ComparedMeasures.Contains(r.Measure, StringComparer.Ordinal))];

    private string WriteDuckCsv(IEnumerable<(string Breakdown, string Cell, string Measure, double? Value)> rows)
    {
        var path = Path.Combine(_dir, "duckdb-release.csv");
        File.WriteAllLines(path, ["breakdown,cell,measure,value", .. rows.Select(r =>
            $"{r.Breakdown},{r.Cell},{r.Measure},{(r.Value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "")}")]);
        return path;
    }
}
