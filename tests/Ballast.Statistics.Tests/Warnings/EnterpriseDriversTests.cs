using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Tests.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Statistics.Tests.Warnings;

public class EnterpriseDriversTests
{
    // Rate 0.5 and PPI 100: comparable VA = output / 2. Province 11: A (13) 100 → 60, B (13) 100 → 110,
    // C (26) 100 → 100; province 14: D (13) 100 → 150. Province 11's base B = 150 and its growth
    // (30 + 55 + 50 − 150) / 150 = −10 %. Pulls onto province 11: A (30 − 50) / 150 × 100 = −13.333…,
    // B (55 − 50) / 150 × 100 = +3.333…, C 0; they add up to −10.
    private static ReleasePopulation Population() => new PopulationSketch()
        .Enterprise("A", "13", "11").Enterprise("B", "13", "11").Enterprise("C", "26", "11").Enterprise("D", "13", "14")
        .Pair("A", "2024-03", 100, "2025-03", 60).Pair("B", "2024-03", 100, "2025-03", 110)
        .Pair("C", "2024-03", 100, "2025-03", 100).Pair("D", "2024-03", 100, "2025-03", 150)
        .Reference().Build();

    private static WarningAlert Alert(string breakdown, string cell, bool rising = false) =>
        new("r", WarningSeverity.Warning, new YearMonth(2025, 3), breakdown, cell, "va_yoy_ytd", -10, 0, null, "m", []) { Rising = rising };

    [Fact]
    public void ProvinceAlert_ConfidentialView_RanksItsEnterprisesByPullOntoTheProvince()
    {
        var names = new Dictionary<string, string> { ["A"] = "Mill A", ["B"] = "Mill B" };
        var alert = Assert.Single(EnterpriseDrivers.Attach([Alert("province", "11")], Population(), ReleaseView.Confidential,
            id => names.GetValueOrDefault(id)));

        Assert.Equal(["A", "C", "B"], alert.Enterprises.Select(e => e.CreditCode)); // D is in province 14
        Assert.Equal(-40.0 / 3, alert.Enterprises[0].Pull, 9);
        Assert.Equal(0, alert.Enterprises[1].Pull, 9);
        Assert.Equal(10.0 / 3, alert.Enterprises[2].Pull, 9);
        Assert.Equal(-10, alert.Enterprises.Sum(e => e.Pull), 9); // the pulls add up to the province's growth
        Assert.Equal(["Mill A", null, "Mill B"], alert.Enterprises.Select(e => e.Name));
    }

    [Fact]
    public void RisingAlert_RanksMostPositiveFirst_AndCountLimitsTheList()
    {
        // Division 13: A, B, D; base 150; D (75 − 50) / 150 × 100 = +16.7 leads a rise.
        var alert = Assert.Single(EnterpriseDrivers.Attach([Alert("division", "13", rising: true)], Population(), ReleaseView.Confidential, count: 2));
        Assert.Equal(["D", "B"], alert.Enterprises.Select(e => e.CreditCode));
        Assert.Equal(50.0 / 3, alert.Enterprises[0].Pull, 9);
    }

    [Fact]
    public void PublishedView_NeverCarriesEnterprises()
    {
        var alert = Assert.Single(EnterpriseDrivers.Attach([Alert("province", "11")], Population(), ReleaseView.Published));
        Assert.Empty(alert.Enterprises);
    }

    [Fact]
    public void ProductAlert_HasNoEnterpriseDrivers()
    {
        var alert = Assert.Single(EnterpriseDrivers.Attach([Alert("product", "CEMENT")], Population(), ReleaseView.Confidential));
        Assert.Empty(alert.Enterprises);
    }
}
