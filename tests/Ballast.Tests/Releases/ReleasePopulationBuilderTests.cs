using Ballast.Core.Register;
using Ballast.Core.Releases;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Tests.Releases;

public class ReleasePopulationBuilderTests
{
    private static readonly YearMonth Base = new(2024, 3), Current = new(2025, 3);

    private static MonthlyReport Report(string code, YearMonth period, double output) =>
        new(code, period, output, output, 0, output, 1, 0, 0, 0, 0, 0, 10);

    [Fact]
    public void CodesOf_TheDefaultClassification_HasEveryDivisionProvinceAndTheEquipmentDivisions()
    {
        var codes = ReleasePopulationBuilder.CodesOf(Ballast.Core.Classifications.Classification.Default);

        Assert.Equal(41, codes.Divisions.Count);
        Assert.Equal(31, codes.Provinces.Count);
        Assert.Equal(["33", "34", "35", "36", "37", "38", "39", "40"], codes.Divisions.Where(d => d.Equipment).Select(d => d.Code));
        Assert.Equal(["B", "C", "D"], codes.Sections);
    }

    [Fact]
    public void Build_DerivesSizeHighTechEquipmentKeyIndustriesAndTiers_FromTheRegister()
    {
        Enterprise[] register =
        [
            // Large (1000 employees, 40000 revenue), pharmaceuticals 2710: high-tech.
            new("L1", "Large pharma", "110101", "2710", "SOE", 1000, 40000, ["LITTLE_GIANT"]),
            // Small (20, 300), automobiles 3610: equipment and AUTOMOBILES.
            new("S1", "Small cars", "110105", "3610", "PRIVATE", 20, 300, []),
            // Medium (300, 2000), automobiles 3620.
            new("M1", "Medium cars", "130102", "3620", "PRIVATE", 300, 2000, ["LITTLE_GIANT", "GREEN_FACTORY"]),
        ];
        MonthlyReport[] reports =
        [
            Report("L1", Base, 1000), Report("L1", Current, 1100), // rate 0.3: CVA 330, base 300
            Report("S1", Base, 100), Report("S1", Current, 100),   // rate 0.25, ppi 125: CVA 20, base 25
            Report("M1", Base, 200), Report("M1", Current, 250),   // CVA 62.5 / 1.25 = 50, base 50
        ];
        var ppi = new List<PpiEntry>();
        var rates = new List<VaRate>();
        foreach (var d in new[] { "27", "36" })
        {
            for (int m = 1; m <= 3; m++) ppi.Add(new PpiEntry(d, new YearMonth(2025, m), d == "36" && m == 3 ? 125 : 100));
            rates.Add(new VaRate(d, 2024, d == "27" ? 0.3 : 0.25));
            rates.Add(new VaRate(d, 2025, d == "27" ? 0.3 : 0.25));
        }
        ProductOutput[] products = [new("S1", Current, "CEMENT", 10, null)];

        var population = ReleasePopulationBuilder.Build(register, reports, products, ppi, rates);
        var result = ReleaseEngine.Compute(population, Current);

        Assert.True(result.Succeeded);
        var release = result.Release!;
        double Count(string breakdown, string cell) => release.Find(breakdown, cell, ReleaseMeasures.Enterprises)!.Value!.Value;
        Assert.Equal(1, Count(ReleaseBreakdowns.Size, "large"));
        Assert.Equal(1, Count(ReleaseBreakdowns.Size, "medium"));
        Assert.Equal(2, Count(ReleaseBreakdowns.Size, "sme"));
        Assert.Equal(1, Count(ReleaseBreakdowns.HighTech, "ALL"));
        Assert.Equal(2, Count(ReleaseBreakdowns.Equipment, "ALL"));
        Assert.Equal(2, Count(ReleaseBreakdowns.KeyIndustry, "AUTOMOBILES"));
        Assert.Equal(2, Count(ReleaseBreakdowns.Tier, "LITTLE_GIANT"));
        Assert.Equal(1, Count(ReleaseBreakdowns.Tier, "GREEN_FACTORY"));
        Assert.Equal(2, Count(ReleaseBreakdowns.Province, "11"));
        Assert.Equal(1, Count(ReleaseBreakdowns.ProvinceDivision, "13|36"));
        Assert.Equal(3, Count(ReleaseBreakdowns.Region4, "east"));
        Assert.Equal(1, Count(ReleaseBreakdowns.Ownership, "SOE"));
        // A = 330 + 20 + 50 = 400, B = 300 + 25 + 50 = 375: (400/375 − 1) × 100 = 6.666…
        var growth = release.Find(ReleaseBreakdowns.Total, "ALL", ReleaseMeasures.VaYoyMonth, ReleaseView.Confidential)!;
        Assert.Equal(ReleaseFlag.None, growth.Flag); // three enterprises; L1 holds 330 / (330 + 25 + 62.5) = 79 % of VA at t
        Assert.Equal(100.0 / 15, growth.Value!.Value, 1e-9);
        var cement = release.Find(ReleaseBreakdowns.Product, "CEMENT", ReleaseMeasures.OutputMonth, ReleaseView.Confidential)!;
        Assert.Equal(10, cement.Value);
    }
}
