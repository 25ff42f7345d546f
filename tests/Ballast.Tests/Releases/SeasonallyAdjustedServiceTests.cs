using Ballast.Core.Classifications;
using Ballast.Core.Demo;
using Ballast.Core.Releases;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Tests.Releases;

/// <summary>The target risk as the warnings will call it, on a demo population of 3,000 enterprises over 48 months.</summary>
public class SeasonallyAdjustedServiceTests
{
    private static readonly Lazy<ReleasePopulation> Demo = new(() =>
    {
        var cls = Classification.Default;
        var data = DemoPopulation.Generate(new DemoOptions(3000, 48, 1), cls);
        return ReleasePopulationBuilder.Build(data.Enterprises, data.Reports(), data.Products(), data.Ppi, data.VaRates, cls);
    });

    [Fact]
    public void TargetRisk_AtJune2025_IsAProbabilityWithAnIntervalAroundTheMean()
    {
        var (probability, mean, low, high) = SeasonallyAdjustedService.TargetRiskAt(Demo.Value, new YearMonth(2025, 6));
        Assert.InRange(probability, 0, 1);
        Assert.True(low < mean && mean < high, $"{low} < {mean} < {high}");
        // The demo is calibrated to 2025 growth near 6 %: the simulated December growth is of that order.
        Assert.InRange(mean, 0, 12);
        // A target far below or above every path: probability 0 or 1.
        Assert.Equal(0, SeasonallyAdjustedService.TargetRiskAt(Demo.Value, new YearMonth(2025, 6), new TargetRiskOptions { Target = low - 5 }).Probability);
        Assert.Equal(1, SeasonallyAdjustedService.TargetRiskAt(Demo.Value, new YearMonth(2025, 6), new TargetRiskOptions { Target = high + 5 }).Probability);
    }

    [Fact]
    public void TargetRisk_AtDecember_IsKnown_AndNearTheReleasedYearToDateGrowth()
    {
        var december = new YearMonth(2025, 12);
        var r = SeasonallyAdjustedService.AssessTargetRisk(Demo.Value, december);
        Assert.True(r.Known);
        Assert.Equal(r.Mean < 5 ? 1 : 0, r.Probability);
        // Σ I(2025) / Σ I(2024) weights the monthly growth by the index a year earlier, the release by the base VA:
        // the two year-to-date growths differ by little.
        double released = ReleaseEngine.Compute(Demo.Value, december).Release!.Find(ReleaseBreakdowns.Total, ReleaseBreakdowns.All, ReleaseMeasures.VaYoyYtd)!.Value!.Value;
        Assert.True(Math.Abs(r.Mean - released) < 0.5, $"index YTD {r.Mean} against released {released}");
    }

    [Fact]
    public void NationalIndex_IsTheTotalCellsLastSegment()
    {
        var index = SeasonallyAdjustedService.NationalIndex(Demo.Value, new YearMonth(2025, 6));
        Assert.Equal(new YearMonth(2022, 1), index.Start);
        Assert.Equal(new YearMonth(2025, 6), index.End);
        Assert.Equal(0, index.MissingCount);
    }
}
