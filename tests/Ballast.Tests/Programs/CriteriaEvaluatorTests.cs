using Ballast.Core.Programs;

namespace Ballast.Tests.Programs;

public class CriteriaEvaluatorTests
{
    private static readonly IReadOnlyList<ProgramDefinition> BuiltIn = ProgramCatalog.BuiltIn();
    private static ProgramDefinition Quality => BuiltIn.Single(p => p.Code == "quality_sme");

    private static IEnumerable<Comparison> Leaves(Criterion c) => c switch
    {
        Comparison x => [x],
        GroupCriterion g => g.Parts.SelectMany(Leaves),
        _ => [],
    };

    public static TheoryData<string, string> EveryShippedComparison()
    {
        var data = new TheoryData<string, string>();
        foreach (var p in ProgramCatalog.BuiltIn())
            foreach (var t in p.Tiers)
                foreach (var c in Leaves(t.Criteria).Concat(t.Monitor.SelectMany(Leaves)))
                    data.Add(t.Tier, c.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryShippedComparison))]
    public void EveryShippedRule_JustBelowAtAndJustAbove_ReadsBoundsAsProgramsMdSays(string tier, string id)
    {
        var (program, def) = new ProgramCatalog(BuiltIn).Tier(tier)!.Value;
        var c = Leaves(def.Criteria).Concat(def.Monitor.SelectMany(Leaves)).Single(x => x.Id == id);
        if (c.Indicator is null) return; // a comparison of a setting: covered by the setting tests below
        switch (c.Kind)
        {
            case ComparisonKind.In:
                foreach (var code in c.Codes!) Assert.True(CriteriaEvaluator.Compare(c, IndicatorValue.OfCode(code, "t")));
                Assert.False(CriteriaEvaluator.Compare(c, IndicatorValue.OfCode("none_of_these", "t")));
                break;
            case ComparisonKind.Is:
                Assert.True(CriteriaEvaluator.Compare(c, IndicatorValue.OfFlag(c.Flag!.Value, "t")));
                Assert.False(CriteriaEvaluator.Compare(c, IndicatorValue.OfFlag(!c.Flag!.Value, "t")));
                break;
            default:
                double at = c.Number!.Value, step = Math.Max(Math.Abs(at) * 1e-6, 1e-6);
                bool[] expected = c.Kind switch
                {
                    // below, at, above
                    ComparisonKind.Min => [false, true, true],   // ≥ inclusive
                    ComparisonKind.Max => [true, true, false],   // ≤ inclusive
                    ComparisonKind.Above => [false, false, true],
                    _ => [true, false, false],                   // below: strict
                };
                Assert.Equal(expected, new[] { at - step, at, at + step }.Select(v => CriteriaEvaluator.Compare(c, IndicatorValue.Of(v, "t"))));
                break;
        }
        Assert.False(CriteriaEvaluator.Compare(c, null)); // no value never meets
    }

    private static ScoreItem InnovativeItem(string indicator)
    {
        var score = (ScoreCriterion)((GroupCriterion)Quality.Tier("INNOVATIVE_SME")!.Criteria).Parts[0];
        return score.Groups.SelectMany(g => g.Items).Single(i => i.Indicator == indicator);
    }

    [Theory]
    // Annex 1 bands, hand-read from programs.md; at a meeting point the band that reads "以上" takes the value.
    [InlineData("rd_intensity", 0.99, 0)]
    [InlineData("rd_intensity", 1, 5)]
    [InlineData("rd_intensity", 1.99, 5)]
    [InlineData("rd_intensity", 2, 10)]
    [InlineData("rd_intensity", 2.99, 10)]
    [InlineData("rd_intensity", 3, 15)]
    [InlineData("rd_intensity", 4.99, 15)]
    [InlineData("rd_intensity", 5, 20)]
    [InlineData("revenue_growth", -0.01, 0)]
    [InlineData("revenue_growth", 0, 5)]
    [InlineData("revenue_growth", 4.99, 5)]
    [InlineData("revenue_growth", 5, 10)]
    [InlineData("revenue_growth", 9.99, 10)]
    [InlineData("revenue_growth", 10, 15)]
    [InlineData("revenue_growth", 14.99, 15)]
    [InlineData("revenue_growth", 15, 20)]
    [InlineData("debt_ratio", 54.99, 10)]
    [InlineData("debt_ratio", 55, 5)]
    [InlineData("debt_ratio", 75, 5)]
    [InlineData("debt_ratio", 75.01, 0)]
    [InlineData("main_business_share", 49.99, 0)]
    [InlineData("main_business_share", 50, 5)]
    [InlineData("main_business_share", 54.99, 5)]
    [InlineData("main_business_share", 55, 10)]
    [InlineData("main_business_share", 59.99, 10)]
    [InlineData("main_business_share", 60, 15)]
    [InlineData("main_business_share", 69.99, 15)]
    [InlineData("main_business_share", 70, 20)]
    public void InnovativeSmeScoreBands_AtEveryBoundary_GiveThePublishedPoints(string indicator, double value, double points)
    {
        Assert.Equal(points, CriteriaEvaluator.Points(InnovativeItem(indicator), IndicatorValue.Of(value, "t")).Points);
    }

    [Theory]
    [InlineData("ip_grade", "class1_high_value", 20)]
    [InlineData("ip_grade", "class1_self", 15)]
    [InlineData("ip_grade", "class1", 10)]
    [InlineData("ip_grade", "class2", 5)]
    [InlineData("ip_grade", "none", 0)]
    [InlineData("strategic_emerging", "yes", 10)]
    [InlineData("strategic_emerging", "no", 5)]
    public void InnovativeSmeScoreCodes_GiveThePublishedPoints(string indicator, string code, double points)
    {
        Assert.Equal(points, CriteriaEvaluator.Points(InnovativeItem(indicator), IndicatorValue.OfCode(code, "t")).Points);
    }

    private static Indicators Innovative(string ip, double rd, double growth, double debt, string strategic, double share) =>
        new Indicators().Set("ip_grade", IndicatorValue.OfCode(ip, "profile 2025")).Set("rd_intensity", rd, "monthly reports 2025")
            .Set("revenue_growth", growth, "monthly reports 2024–2025").Set("debt_ratio", debt, "profile 2025")
            .Set("strategic_emerging", IndicatorValue.OfCode(strategic, "profile 2025")).Set("main_business_share", share, "profile 2025");

    private static TierCheck CheckInnovative(Indicators i) => CriteriaEvaluator.Check(Quality, Quality.Tier("INNOVATIVE_SME")!, "E1", i);

    [Fact]
    public void InnovativeSme_TotalExactly60_Passes_And59_DoesNot()
    {
        // class1 10 + rd 3 % 15 = 25; growth 5 % 10 + debt 55 % 5 = 15; strategic no 5 + share 55 % 10 = 15: total 55.
        Assert.False(CheckInnovative(Innovative("class1", 3, 5, 55, "no", 55)).Passed);
        // share 60 % gives 15 instead of 10: total 60, every group at its minimum (25 ≥ 20, 15 ≥ 15, 20 ≥ 15).
        Assert.True(CheckInnovative(Innovative("class1", 3, 5, 55, "no", 60)).Passed);
        // growth 4.99 % gives 5: growth group 10 < 15 and total 55.
        Assert.False(CheckInnovative(Innovative("class1", 3, 4.99, 55, "no", 60)).Passed);
    }

    [Fact]
    public void InnovativeSme_HighTotalButAGroupBelowItsMinimum_DoesNotPass()
    {
        // innovation: class2 5 + rd 2 % 10 = 15 < 20; growth 20 + 10 = 30; specialisation 10 + 20 = 30; total 75 ≥ 60.
        var check = CheckInnovative(Innovative("class2", 2, 15, 40, "yes", 70));
        Assert.False(check.Passed);
        var score = check.Criteria.Parts[0];
        Assert.Equal("75", score.Value);
        Assert.False(score.Parts.Single(g => g.Id == "innovation").Met);
    }

    [Fact]
    public void InnovativeSme_DirectPassByEquity_AtTheBoundary()
    {
        var weak = Innovative("none", 0, -5, 80, "no", 40); // 0 + 0 + 0 + 0 + 5 + 0 = 5 points
        Assert.False(CheckInnovative(weak.Copy().Set("equity_financing_3y", 499.99, "profile 2025")).Passed);
        Assert.True(CheckInnovative(weak.Copy().Set("equity_financing_3y", 500, "profile 2025")).Passed);
    }

    private static Indicators LittleGiant() => new Indicators()
        .Set("years_in_niche", 3, "profile 2025").Set("main_business_share", 70, "profile 2025").Set("revenue_growth_avg_2y", 5, "monthly reports 2023–2025")
        .Set("info_system", IndicatorValue.OfFlag(true, "profile 2025")).Set("certification", IndicatorValue.OfFlag(true, "profile 2025"))
        .Set("debt_ratio", 70, "profile 2025").Set("niche_market_share", 10, "profile 2025").Set("own_brand", IndicatorValue.OfFlag(true, "profile 2025"))
        .Set("revenue", 10000, "monthly reports 2025").Set("rd_intensity_min_2y", 3, "monthly reports 2024–2025")
        .Set("rd_institution", IndicatorValue.OfCode("provincial", "profile 2025")).Set("ip_class1_count", 2, "profile 2025")
        .Set("key_chain_link", IndicatorValue.OfFlag(true, "profile 2025")).Set("key_field", IndicatorValue.OfFlag(true, "profile 2025"));

    private static TierCheck CheckLittleGiant(Indicators i) => CriteriaEvaluator.Check(Quality, Quality.Tier("LITTLE_GIANT")!, "E1", i);

    [Fact]
    public void LittleGiant_EveryThresholdExactlyMet_Passes()
    {
        Assert.True(CheckLittleGiant(LittleGiant()).Passed);
    }

    [Theory]
    // The revenue bands of dimension 4: 10,000 belongs to "≥ 10,000" (3 %), just below to "5,000 to below 10,000" (6 %).
    [InlineData(10000, 3, true)]
    [InlineData(9999.99, 3, false)]
    [InlineData(9999.99, 6, true)]
    [InlineData(5000, 5.99, false)]
    [InlineData(5000, 6, true)]
    [InlineData(10000, 2.99, false)]
    public void LittleGiant_RevenueBands(double revenue, double rdMin2y, bool passes)
    {
        var i = LittleGiant().Set("revenue", revenue, "t").Set("rd_intensity_min_2y", rdMin2y, "t");
        Assert.Equal(passes, CheckLittleGiant(i).Passed);
    }

    [Fact]
    public void Refusal_IsExplained_CriterionByCriterion_WithValueThresholdAndSource()
    {
        var i = LittleGiant().Set("rd_intensity_min_2y", 2.9, "monthly reports 2024–2025").Set("debt_ratio", 70.5, "profile 2025");
        var check = CheckLittleGiant(i);

        Assert.False(check.Passed);
        string text = check.Explain();
        Assert.Contains("LITTLE_GIANT for E1: does not pass", text, StringComparison.Ordinal);
        Assert.Contains("[not met] Lower R&D intensity of the last 2 years, %: 2.9 (≥ 3) — monthly reports 2024–2025", text, StringComparison.Ordinal);
        Assert.Contains("[not met] Debt-to-asset ratio, %: 70.5 (≤ 70) — profile 2025", text, StringComparison.Ordinal);
        Assert.Contains("[met]     Years in its niche: 3 (≥ 3) — profile 2025", text, StringComparison.Ordinal);
        // Criteria without a value say so instead of passing silently.
        Assert.Contains("[not met] Rank in the 'Maker China' competition within 3 years: no value (≤ 50)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleChampion_NationalFirst_CountsOnlyWhenTheSettingAllowsIt()
    {
        var champion = BuiltIn.Single(p => p.Code == "single_champion");
        var i = new Indicators().Set("years_in_field", 10, "p").Set("national_market_rank", 1, "p")
            .Set("advanced_technology", IndicatorValue.OfFlag(true, "p")).Set("ip_class1_count", 1, "p").Set("profit_margin_vs_division", 0.01, "r");
        Assert.False(CriteriaEvaluator.Check(champion, champion.Tiers[0], "E", i).Passed); // setting off by default
        var settings = champion.Settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        settings["national_first_qualifies"] = settings["national_first_qualifies"] with { Value = new SettingValue(null, true, null) };
        Assert.True(CriteriaEvaluator.Check(champion with { Settings = settings }, champion.Tiers[0], "E", i).Passed);
        // Profitability must be above the division's average: equal is not above.
        Assert.False(CriteriaEvaluator.Check(champion with { Settings = settings }, champion.Tiers[0], "E", i.Set("profit_margin_vs_division", 0, "r")).Passed);
    }
}
