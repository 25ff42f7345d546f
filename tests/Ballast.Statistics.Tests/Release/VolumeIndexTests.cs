using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using static Ballast.Statistics.Release.ReleaseBreakdowns;

namespace Ballast.Statistics.Tests.Release;

/// <summary>The volume index recursion, hand-worked on three enterprises of division 13 over 2024-01..2025-03.</summary>
public class VolumeIndexTests
{
    // Rates: 0.5 in 2024, 0.4 in 2025. PPI 100 except 2025-01 (125) and 2025-02 (80).
    // A and B in province 11, D in province 14; D has no report for 2024-03.
    // A: 100 every month of 2024; 2025: 150, 120, 110.   B: 200 in 2024; 2025: 200, 300, 100.   D: 50 in 2024; 60 in 2025.
    private static ReleasePopulation Population()
    {
        var sketch = new PopulationSketch()
            .Enterprise("A", "13", "11").Enterprise("B", "13", "11").Enterprise("D", "13", "14")
            .Rate("13", 2025, 0.4).Rate("13", 2024, 0.5)
            .Ppi("13", "2025-01", 125).Ppi("13", "2025-02", 80)
            .Reference();
        for (int m = 1; m <= 12; m++)
        {
            string p = new YearMonth(2024, m).ToString();
            sketch.Report("A", p, 100).Report("B", p, 200);
            if (m != 3) sketch.Report("D", p, 50);
        }
        sketch.Report("A", "2025-01", 150).Report("A", "2025-02", 120).Report("A", "2025-03", 110);
        sketch.Report("B", "2025-01", 200).Report("B", "2025-02", 300).Report("B", "2025-03", 100);
        sketch.Report("D", "2025-01", 60).Report("D", "2025-02", 60).Report("D", "2025-03", 60);
        return sketch.Build();
    }

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    [Fact]
    public void FirstYearIsCurrentPriceVa_ThenTheChainOfSingleMonthGrowth_JanuaryAndFebruarySeparately()
    {
        var result = VolumeIndex.Compute(Population(), new YearMonth(2025, 3));
        Assert.True(result.Succeeded);
        var p11 = result.Find(Province, "11")!;
        Assert.Equal(new YearMonth(2024, 1), p11.Start);
        Assert.Equal(15, p11.Count);
        // 2024: VA = (100 + 200) × 0.5 = 150 every month.
        for (int k = 0; k < 12; k++) Near(150, p11.Index[k]);
        // 2025-01: CVA A = 150 × 0.4 / 1.25 = 48, B = 200 × 0.4 / 1.25 = 64 → 112; base 150: g = −25.33…; I = 150 × 112/150 = 112.
        Near((112.0 / 150 - 1) * 100, p11.Growth[12]!.Value);
        Near(112, p11.Index[12]);
        // 2025-02 on its own (the release would combine it with January): CVA 120×0.4/0.8 + 300×0.4/0.8 = 60 + 150 = 210 → I = 210.
        Near(210, p11.Index[13]);
        // 2025-03: 110 × 0.4 + 100 × 0.4 = 84 → I = 84.
        Near(84, p11.Index[14]);
        Assert.Equal([0], p11.SegmentStarts);
        // Current-price VA at 2025-03: (110 + 100) × 0.4 = 84.
        Near(84, p11.ValueAdded[14]);
    }

    [Fact]
    public void MonthWithEmptyGrowth_StartsANewSegmentFromCurrentPriceVa()
    {
        var p14 = VolumeIndex.Compute(Population(), new YearMonth(2025, 3)).Find(Province, "14")!;
        // 2024: VA 50 × 0.5 = 25, no report in 2024-03 (missing, NaN).
        Near(25, p14.Index[0]);
        Assert.True(double.IsNaN(p14.Index[2]));
        // 2025-01: CVA 60 × 0.4 / 1.25 = 19.2 on a base of 25: I = 19.2, g = −23.2. 2025-02: 60 × 0.4 / 0.8 = 30 → I = 30, g = 20.
        Near(19.2, p14.Index[12]);
        Near(-23.2, p14.Growth[12]!.Value);
        Near(30, p14.Index[13]);
        Near(20, p14.Growth[13]!.Value);
        // 2025-03: no matched pair (nothing in 2024-03): E, a new segment starting at current-price VA 60 × 0.4 = 24.
        Assert.Null(p14.Growth[14]);
        Near(24, p14.Index[14]);
        Assert.Equal([0, 14], p14.SegmentStarts);
        Assert.Equal([(0, 14), (14, 1)], p14.Segments().ToArray());
        // One enterprise: below the three a published cell needs, every month.
        Assert.All(p14.PrimaryConfidential, Assert.True);
    }

    [Fact]
    public void Total_ChainsOnlyMatchedPairs()
    {
        var total = VolumeIndex.Compute(Population(), new YearMonth(2025, 3)).Find(Total, "ALL")!;
        // 2024-01: 150 + 25 = 175; 2024-03: 150 (D did not report).
        Near(175, total.Index[0]);
        Near(150, total.Index[2]);
        // 2025-01: A = 112 + 19.2 = 131.2, B = 175 → I = 131.2. 2025-02: 210 + 30 = 240 → I = 240.
        Near(131.2, total.Index[12]);
        Near(240, total.Index[13]);
        // 2025-03: only A and B are matched: A = 84, B = 150, g = −44; I = I(2024-03) × 0.56 = 84.
        Near(-44, total.Growth[14]!.Value);
        Near(84, total.Index[14]);
        // Three matched pairs in January 2025, B holds 80 of 60 + 80 + 24 = 164 (48.8 %): publishable.
        Assert.False(total.PrimaryConfidential[12]);
        Assert.Equal(3, total.MatchedEnterprises[12]);
        // Two in March 2025: confidential.
        Assert.True(total.PrimaryConfidential[14]);
        // Cells: total, section C, division 13, provinces 11 and 14 (no hightech or equipment enterprise).
        var cells = VolumeIndex.Compute(Population(), new YearMonth(2025, 3)).Series.Select(s => $"{s.Breakdown}/{s.Cell}").ToArray();
        Assert.Equal(["division/13", "province/11", "province/14", "section/C", "total/ALL"], cells);
    }

    [Fact]
    public void MissingRate_IsListedInsteadOfAnIndex()
    {
        var pop = new PopulationSketch().Enterprise("A").Report("A", "2023-12", 10).Report("A", "2024-12", 10).Reference().Build();
        var result = VolumeIndex.Compute(pop, new YearMonth(2024, 12));
        Assert.False(result.Succeeded);
        // 2023-12 needs rate(13, 2023); 2024-12 is matched and needs rate(13, 2023) as its base year too.
        Assert.Equal(["va_rate 13 2023"], result.MissingKeys);
    }
}
