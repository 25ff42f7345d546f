using Ballast.Core.Monitoring;
using Ballast.Core.Register;
using Ballast.Core.Releases;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Tests.Monitoring;

public class SupplementaryMeasuresServiceTests
{
    private static ReleasePopulation TwoMonths()
    {
        // Two enterprises with a report in 2024-03 and 2025-03 only: far too short a national index for a model.
        Enterprise[] register =
        [
            new("E1", "Mill 1", "110101", "1310", "PRIVATE", 20, 300, []),
            new("E2", "Mill 2", "140101", "1310", "PRIVATE", 20, 300, []),
        ];
        MonthlyReport R(string code, YearMonth m, double v) => new(code, m, v, v, 0, v, 1, 0, 0, 0, 0, 0, 10);
        MonthlyReport[] reports = [R("E1", new(2024, 3), 100), R("E1", new(2025, 3), 90), R("E2", new(2024, 3), 100), R("E2", new(2025, 3), 120)];
        PpiEntry[] ppi = [new("13", new YearMonth(2025, 1), 100), new("13", new YearMonth(2025, 2), 100), new("13", new YearMonth(2025, 3), 100)];
        VaRate[] rates = [new("13", 2024, 0.5), new("13", 2025, 0.5)];
        return ReleasePopulationBuilder.Build(register, reports, [], ppi, rates);
    }

    [Fact]
    public void Build_CarriesEveryVintageMonthWithItsFlag_AndLeavesOutATargetRiskThatCannotBeModelled()
    {
        var vintage = new SaVintage(new StoredSaVintage(1, "2025-03", 7, DateTimeOffset.UnixEpoch, "test", 3),
        [
            new StoredSaRow("total", "ALL", "2025-02", 0.4, ""),
            new StoredSaRow("total", "ALL", "2025-03", -0.25, ""),
            new StoredSaRow("province", "11", "2025-03", 1.5, "C"),
            new StoredSaRow("division", "13", "2025-03", null, "E"),
        ], [], Computed: false, TimeSpan.Zero);

        var values = SupplementaryMeasuresService.Build(TwoMonths(), new YearMonth(2025, 3), vintage);

        Assert.True(values.TryGet(new YearMonth(2025, 2), "total", "ALL", SupplementaryMeasures.VaSaMom, out var feb));
        Assert.Equal(new SupplementaryValue(0.4, ReleaseFlag.None), feb);
        Assert.True(values.TryGet(new YearMonth(2025, 3), "total", "ALL", SupplementaryMeasures.VaSaMom, out var mar));
        Assert.Equal(-0.25, mar.Value);
        Assert.True(values.TryGet(new YearMonth(2025, 3), "province", "11", SupplementaryMeasures.VaSaMom, out var province));
        Assert.Equal(ReleaseFlag.Confidential, province.Flag);
        Assert.True(values.TryGet(new YearMonth(2025, 3), "division", "13", SupplementaryMeasures.VaSaMom, out var division));
        Assert.Equal(new SupplementaryValue(null, ReleaseFlag.Empty), division);
        // Two months of index cannot carry a regARIMA model: no probability rather than a made-up one.
        Assert.False(values.TryGet(new YearMonth(2025, 3), "total", "ALL", SupplementaryMeasures.TargetMissProbability, out _));
        Assert.Equal(4, values.Count);
    }

    [Fact]
    public void Build_WithoutAVintage_HoldsNoAdjustedGrowth()
    {
        var values = SupplementaryMeasuresService.Build(TwoMonths(), new YearMonth(2025, 3), vintage: null);
        Assert.Empty(values.Cells(new YearMonth(2025, 3), "total", SupplementaryMeasures.VaSaMom));
    }
}
