using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Tests.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Statistics.Tests.Warnings;

public class WarningEvaluatorTests
{
    private static WarningRuleSet One(WarningCondition condition, string breakdown = "province", string measure = "va_yoy_ytd",
        string message = "{cell}: {value} vs {threshold} / {parent_value}") =>
        new([new WarningRule("r", measure, breakdown, null, condition, WarningSeverity.Warning, message)]);

    private static IReadOnlyList<WarningAlert> Run(WarningRuleSet rules, params MonthlyRelease[] releases) =>
        WarningEvaluator.Evaluate(rules, releases, PopulationSketch.Codes);

    [Theory]
    [InlineData(-0.1, true)]
    [InlineData(0.0, false)]  // at the threshold: not below
    [InlineData(0.1, false)]
    public void Below_FiresOnlyStrictlyBelow(double value, bool fires)
    {
        var alerts = Run(One(new WarningCondition(ConditionKind.Below, 0)), SyntheticRelease.Province("2025-03", value));
        Assert.Equal(fires, alerts.Count == 1);
        if (fires)
        {
            var a = alerts[0];
            Assert.Equal(("r", WarningSeverity.Warning, "province", "11", "va_yoy_ytd", value), (a.RuleId, a.Severity, a.Breakdown, a.Cell, a.Measure, a.Value));
            Assert.Equal("11: -0.1 vs 0.0 / ", a.Message);
        }
    }

    [Theory]
    [InlineData(9.9, false)]
    [InlineData(10.0, false)]  // at the threshold: not above
    [InlineData(10.1, true)]
    public void Above_FiresOnlyStrictlyAbove(double value, bool fires)
    {
        var alerts = Run(One(new WarningCondition(ConditionKind.Above, 10)), SyntheticRelease.Province("2025-03", value));
        Assert.Equal(fires, alerts.Count == 1);
    }

    [Theory]
    [InlineData(3.25, true)]   // 5 − 3.25 = 1.75 > 1.5
    [InlineData(3.5, false)]   // 5 − 3.5 = 1.5, exactly the margin: not more
    [InlineData(3.75, false)]  // 1.25
    public void WorseThanParent_ComparesWithTotalForParentAll(double value, bool fires)
    {
        var alerts = Run(One(new WarningCondition(ConditionKind.WorseThanParent, 1.5)), SyntheticRelease.Province("2025-03", value, total: 5));
        Assert.Equal(fires, alerts.Count == 1);
        if (fires)
        {
            Assert.Equal(5, alerts[0].ParentValue);
            Assert.Equal("11: 3.3 vs 1.5 / 5.0", alerts[0].Message); // 3.25 printed with one decimal (banker's-free: 3.3)
        }
    }

    [Fact]
    public void WorseThanParent_ProvinceDivisionComparesWithItsProvince()
    {
        var release = SyntheticRelease.Of("2025-03",
            ("total", "ALL", "", "va_yoy_ytd", 0, ReleaseFlag.None),
            ("province", "11", "ALL", "va_yoy_ytd", 5, ReleaseFlag.None),
            ("province_division", "11|13", "11", "va_yoy_ytd", 3, ReleaseFlag.None));
        var alert = Assert.Single(Run(One(new WarningCondition(ConditionKind.WorseThanParent, 1.5), breakdown: "province_division"), release));
        Assert.Equal(("11|13", 3.0, 5.0), (alert.Cell, alert.Value, alert.ParentValue!.Value)); // 5 − 3 = 2 > 1.5 (total 0 would not fire)
    }

    [Fact]
    public void Falling_CountsTheJanFebReleaseAsTheMonthAfterDecember()
    {
        // 8 → 7 → 6 → 5 over 2024-11, 2024-12, 2025-02 (Jan–Feb), 2025-03: three falls in a row.
        var rule = One(new WarningCondition(ConditionKind.Falling, Months: 3));
        MonthlyRelease[] releases =
        [
            SyntheticRelease.Province("2025-03", 5), SyntheticRelease.Province("2024-11", 8),
            SyntheticRelease.Province("2024-12", 7), SyntheticRelease.Province("2025-02", 6),
        ];
        var alert = Assert.Single(Run(rule, releases));
        Assert.Equal(YearMonth.Parse("2025-03"), alert.Period);
        Assert.Equal(5, alert.Value);
    }

    [Fact]
    public void Falling_NeedsNFallsOverConsecutiveMonths()
    {
        var rule = One(new WarningCondition(ConditionKind.Falling, Months: 3));
        // Only three months: two falls.
        Assert.Empty(Run(rule, SyntheticRelease.Province("2024-12", 7), SyntheticRelease.Province("2025-02", 6), SyntheticRelease.Province("2025-03", 5)));
        // A flat step breaks the run.
        Assert.Empty(Run(rule, SyntheticRelease.Province("2024-11", 8), SyntheticRelease.Province("2024-12", 7),
            SyntheticRelease.Province("2025-02", 7), SyntheticRelease.Province("2025-03", 5)));
        // A missing month (no 2024-12) breaks the run.
        Assert.Empty(Run(rule, SyntheticRelease.Province("2024-10", 9), SyntheticRelease.Province("2024-11", 8),
            SyntheticRelease.Province("2025-02", 6), SyntheticRelease.Province("2025-03", 5)));
    }

    [Fact]
    public void NextReleaseMonth_SkipsJanuary()
    {
        Assert.Equal(YearMonth.Parse("2026-02"), WarningEvaluator.NextReleaseMonth(YearMonth.Parse("2025-12")));
        Assert.Equal(YearMonth.Parse("2025-03"), WarningEvaluator.NextReleaseMonth(YearMonth.Parse("2025-02")));
    }

    [Theory]
    [InlineData(5, 6, 5.5, TurnDirection.Any, true)]   // rising then falling
    [InlineData(6, 5, 5.5, TurnDirection.Any, true)]   // falling then rising
    [InlineData(5, 6, 7, TurnDirection.Any, false)]    // still rising
    [InlineData(5, 6, 6, TurnDirection.Any, false)]    // flat is no change of direction
    [InlineData(6, 5, 5.5, TurnDirection.Down, false)] // an upturn is not a downturn
    [InlineData(5, 6, 5.5, TurnDirection.Up, false)]
    public void Turning_FiresOnAChangeOfDirection(double a, double b, double c, TurnDirection direction, bool fires)
    {
        var alerts = Run(One(new WarningCondition(ConditionKind.Turning, Direction: direction)),
            SyntheticRelease.Province("2025-02", a), SyntheticRelease.Province("2025-03", b), SyntheticRelease.Province("2025-04", c));
        Assert.Equal(fires, alerts.Count == 1);
    }

    [Fact]
    public void ConfidentialCell_IsAlertedOnlyInTheConfidentialView()
    {
        var release = SyntheticRelease.Of("2025-03",
            ("total", "ALL", "", "va_yoy_ytd", 5, ReleaseFlag.None),
            ("province", "11", "ALL", "va_yoy_ytd", -3, ReleaseFlag.Confidential),
            ("province", "14", "ALL", "va_yoy_ytd", -1, ReleaseFlag.None));
        var rule = One(new WarningCondition(ConditionKind.Below, 0));

        var published = WarningEvaluator.Evaluate(rule, release, PopulationSketch.Codes);
        var microdata = WarningEvaluator.Evaluate(rule, release, PopulationSketch.Codes, ReleaseView.Confidential);

        Assert.Equal(["14"], published.Select(a => a.Cell));
        Assert.Equal(["11", "14"], microdata.Select(a => a.Cell));
    }

    [Fact]
    public void ListedCells_AreTheOnlyOnesWatched()
    {
        var release = SyntheticRelease.Of("2025-03",
            ("province", "11", "ALL", "va_yoy_ytd", -3, ReleaseFlag.None),
            ("province", "14", "ALL", "va_yoy_ytd", -1, ReleaseFlag.None));
        var rules = new WarningRuleSet([new WarningRule("r", "va_yoy_ytd", "province", ["14"], new WarningCondition(ConditionKind.Below, 0), WarningSeverity.Critical, "{cell}")]);
        Assert.Equal(["14"], WarningEvaluator.Evaluate(rules, release, PopulationSketch.Codes).Select(a => a.Message));
    }

    /// <summary>
    /// Rate 0.5, PPI 100 (CVA = output / 2), 3 enterprises a cell. Province 11: division 13 100 → 90 each
    /// (B 150, A 135), division 26 100 → 110 (B 150, A 165), division 06 100 → 100 (B 150, A 150): B 450, A 450,
    /// growth 0. Province 14: division 13 100 → 130 (B 150, A 195). Total B 600, A 645: growth 45 / 600 = 7.5 %.
    /// </summary>
    private static MonthlyRelease SmallRelease() =>
        March((3, "13", "11", 90), (3, "26", "11", 110), (3, "06", "11", 100), (3, "13", "14", 130));

    /// <summary>
    /// A March release of cells of enterprises (rate 0.5, PPI 100), each 100 in March 2024 and
    /// <c>Current</c> in March 2025.
    /// </summary>
    private static MonthlyRelease March(params (int Count, string Division, string Province, double Current)[] cells)
    {
        var s = new PopulationSketch();
        int n = 0;
        foreach (var (count, division, province, current) in cells)
            for (int i = 0; i < count; i++)
            {
                string id = "E" + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture);
                s.Enterprise(id, division, province).Pair(id, "2024-03", 100, "2025-03", current);
            }
        return s.Reference().Release("2025-03");
    }

    [Fact]
    public void ProvinceAlert_CarriesItsDivisionsRankedByPull()
    {
        var release = SmallRelease();
        var rule = One(new WarningCondition(ConditionKind.WorseThanParent, 1.5));

        var alert = Assert.Single(WarningEvaluator.Evaluate(rule, release, PopulationSketch.Codes));

        Assert.Equal(("11", 0.0), (alert.Cell, alert.Value)); // 7.5 − 0 > 1.5; 14 grew 30
        Assert.Equal(7.5, alert.ParentValue!.Value, 9);
        // Pulls within province 11 (B 450): 13: (135 − 150) / 450 × 100 = −3.33; 06: 0; 26: +3.33.
        Assert.Equal(["11|13", "11|06", "11|26"], alert.Drivers.Select(d => d.Cell));
        Assert.All(alert.Drivers, d => Assert.Equal(("province_division", "va_pull_ytd"), (d.Breakdown, d.Measure)));
        Assert.Equal(-100.0 / 30, alert.Drivers[0].Pull, 9);
        Assert.Equal(100.0 / 30, alert.Drivers[2].Pull, 9);
        // Against the national pulls of the divisions (13: +5, 06: 0, 26: +2.5): −8.33, 0, +0.83, adding up to the
        // province's gap to the nation, 0 − 7.5.
        Assert.Equal([-100.0 / 30 - 5, 0, 100.0 / 30 - 2.5], alert.Drivers.Select(d => Math.Round(d.PullGap!.Value, 9)), new RoundedTo9());
        Assert.Equal(alert.Value - alert.ParentValue!.Value, alert.Drivers.Sum(d => d.PullGap!.Value), 9);
    }

    [Fact]
    public void ProvinceBehindTheNation_RanksItsDivisionsByTheirPullLessTheNationalPull()
    {
        // Rate 0.5, PPI 100, 3 enterprises a cell. Province 11: 13 100 → 103 (B 150, A 154.5), 26 100 → 104 (B 150,
        // A 156), 06 100 → 100 (B 150, A 150): B 450, A 460.5, growth 2.33 %; pulls 13 +1.00, 26 +1.33, 06 0.
        // Province 14: 13 100 → 130 (B 150, A 195). Total B 600, A 655.5: 9.25 %; national pulls 13 (49.5 / 600) +8.25,
        // 26 +1.00, 06 0. By pull alone 06 (0.00) would come first; against the nation 13 is 7.25 points behind.
        var release = March((3, "13", "11", 103), (3, "26", "11", 104), (3, "06", "11", 100), (3, "13", "14", 130));

        var alert = Assert.Single(WarningEvaluator.Evaluate(One(new WarningCondition(ConditionKind.WorseThanParent, 1.5)), release, PopulationSketch.Codes));

        Assert.Equal(("11", 10.5 / 4.5, 9.25), (alert.Cell, Math.Round(alert.Value, 9), Math.Round(alert.ParentValue!.Value, 9)), new TupleRoundedTo9());
        Assert.Equal(["11|13", "11|06", "11|26"], alert.Drivers.Select(d => d.Cell));
        Assert.Equal([1.0, 0.0, 6.0 / 4.5], alert.Drivers.Select(d => d.Pull), new RoundedTo9());
        Assert.Equal([1.0 - 8.25, 0.0, 6.0 / 4.5 - 1.0], alert.Drivers.Select(d => d.PullGap!.Value), new RoundedTo9());
        Assert.Equal(10.5 / 4.5 - 9.25, alert.Drivers.Sum(d => d.PullGap!.Value), 9);
    }

    [Fact]
    public void KeyIndustryBehindTheWholeIndustry_RanksItsDivisionsByWeightTimesGrowthBelowTheWhole()
    {
        // Rate 0.5, PPI 100, each enterprise 100 a year earlier. CHEMICALS = 13 + 26. Division 13: 6 enterprises → 105
        // (B 300, A 315, 5 %); 26: 3 → 101 (B 150, A 151.5, 1 %); 06: 3 → 130 (B 150, A 195, 30 %). Total B 600, A 661.5:
        // 10.25 %; CHEMICALS B 450, A 466.5: 3.67 %. Pulls onto total: 13 +2.50, 26 +0.25, so by pull 26 comes first.
        // Parts of the gap, (B_d / B_K)(g_d − g): 13 (2/3)(5 − 10.25) = −3.50, 26 (1/3)(1 − 10.25) = −3.08.
        var release = March((6, "13", "11", 105), (3, "26", "11", 101), (3, "06", "14", 130));

        var alert = Assert.Single(WarningEvaluator.Evaluate(One(new WarningCondition(ConditionKind.WorseThanParent, 1.5), breakdown: "key_industry"),
            release, PopulationSketch.Codes));

        Assert.Equal("CHEMICALS", alert.Cell);
        Assert.Equal(["13", "26"], alert.Drivers.Select(d => d.Cell));
        Assert.Equal([2.5, 0.25], alert.Drivers.Select(d => d.Pull), new RoundedTo9());
        Assert.Equal([2.0 / 3 * (5 - 10.25), 1.0 / 3 * (1 - 10.25)], alert.Drivers.Select(d => d.PullGap!.Value), new RoundedTo9());
        Assert.Equal(alert.Value - alert.ParentValue!.Value, alert.Drivers.Sum(d => d.PullGap!.Value), 9);
    }

    [Fact]
    public void OtherAlerts_HaveNoPullGap()
    {
        // A province below a threshold is explained by its own pulls; a division against its parent has no national
        // pull of a province to compare with.
        var release = SmallRelease();
        var below = Assert.Single(WarningEvaluator.Evaluate(One(new WarningCondition(ConditionKind.Below, 1)), release, PopulationSketch.Codes));
        Assert.Equal("11", below.Cell);
        Assert.Equal(["11|13", "11|06", "11|26"], below.Drivers.Select(d => d.Cell));
        Assert.All(below.Drivers, d => Assert.Null(d.PullGap));
    }

    /// <summary>
    /// Rate 0.5, PPI 100, 3 enterprises a cell, each 100 a year earlier (cell B 150, total B 450): division 13 in
    /// province 11, 26 in 11, 06 in 14. The month pulls (onto the total, B 450), by the cell's current output each:
    /// March 13: 130 (+10.00), 26: 105 (+1.67), 06: 110 (+3.33), total 15 %; April 120 (+6.67), 104 (+1.33), 110
    /// (+3.33), 11.33 %; May 125 (+8.33), 104 (+1.33), 116 (+5.33), 15 %.
    /// </summary>
    private static MonthlyRelease[] ThreeMonths()
    {
        var s = new PopulationSketch();
        int n = 0;
        void Three(string division, string province, double march, double april, double may)
        {
            for (int i = 0; i < 3; i++)
            {
                string id = "E" + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture);
                s.Enterprise(id, division, province, highTech: division == "26")
                    .Pair(id, "2024-03", 100, "2025-03", march).Pair(id, "2024-04", 100, "2025-04", april).Pair(id, "2024-05", 100, "2025-05", may);
            }
        }
        Three("13", "11", 130, 120, 125);
        Three("26", "11", 105, 104, 104);
        Three("06", "14", 110, 110, 116);
        var reference = s.Reference();
        return [reference.Release("2025-03"), reference.Release("2025-04"), reference.Release("2025-05")];
    }

    [Fact]
    public void Fall_IsExplainedByTheChangeOfEachPullSinceItBegan()
    {
        var months = ThreeMonths();
        var rule = new WarningRuleSet([new WarningRule("f", "va_yoy_month", "total", null,
            new WarningCondition(ConditionKind.Falling, Months: 1), WarningSeverity.Watch, "{cell}")]);

        var alert = Assert.Single(WarningEvaluator.Evaluate(rule, months[..2], PopulationSketch.Codes)); // (rule files ask N ≥ 2; the evaluator takes any)

        Assert.Equal(34.0 / 3, alert.Value, 9); // 15 → 11.33
        // Changes since March: sections C (13 + 26) 8.00 − 11.67 = −3.67, B (06) 0; divisions 13 −3.33, 26 −0.33,
        // 06 0. By the level of the pulls the order would be B, C and 26, 06, 13.
        Assert.Equal(["section C", "section B", "division 13", "division 26", "division 06"],
            alert.Drivers.Select(d => d.Breakdown + " " + d.Cell));
        Assert.Equal([-11.0 / 3, 0, -10.0 / 3, -1.0 / 3, 0], alert.Drivers.Select(d => d.PullChange!.Value), new RoundedTo9());
        Assert.All(alert.Drivers, d => Assert.Equal(YearMonth.Parse("2025-03"), d.ChangeSince));
        Assert.All(alert.Drivers, d => Assert.Null(d.PullGap));
        // The divisions' changes add up to the change of the total's growth.
        Assert.Equal(34.0 / 3 - 15, alert.Drivers.Where(d => d.Breakdown == "division").Sum(d => d.PullChange!.Value), 9);
    }

    [Fact]
    public void UpTurn_IsExplainedByTheChangeOfEachPullSinceTheMonthBefore_MostPositiveFirst()
    {
        var rule = new WarningRuleSet([new WarningRule("t", "va_yoy_month", "total", null,
            new WarningCondition(ConditionKind.Turning), WarningSeverity.Watch, "{cell}")]);

        var alert = Assert.Single(WarningEvaluator.Evaluate(rule, ThreeMonths(), PopulationSketch.Codes));

        Assert.True(alert.Rising); // 15 → 11.33 → 15
        // Since April: 06 +2.00, 13 +1.67, 26 0 (by level: 13, 06, 26); sections B +2.00, C +1.67.
        Assert.Equal(["section B", "section C", "division 06", "division 13", "division 26"],
            alert.Drivers.Select(d => d.Breakdown + " " + d.Cell));
        Assert.Equal([2, 5.0 / 3, 2, 5.0 / 3, 0], alert.Drivers.Select(d => d.PullChange!.Value), new RoundedTo9());
        Assert.All(alert.Drivers, d => Assert.Equal(YearMonth.Parse("2025-04"), d.ChangeSince));
    }

    [Fact]
    public void HighTech_IsExplainedByTheDivisionsHoldingHighTechClasses_WhenTheCodesSayWhichTheyAre()
    {
        var months = ThreeMonths();
        var rule = new WarningRuleSet([new WarningRule("h", "va_yoy_month", "hightech", null,
            new WarningCondition(ConditionKind.Below, 1000), WarningSeverity.Watch, "{cell}")]);
        static ReleaseCodes WithHighTech(params string[] divisions)
        {
            var c = PopulationSketch.Codes;
            return new ReleaseCodes(c.Sections, c.Divisions, c.Provinces, c.Regions4, c.Ownerships, c.KeyIndustries, c.Tiers, c.Products)
            {
                HighTechDivisions = divisions,
            };
        }
        var codes = WithHighTech("26");

        var unknown = Assert.Single(WarningEvaluator.Evaluate(rule, months[2], PopulationSketch.Codes));
        var known = Assert.Single(WarningEvaluator.Evaluate(rule, months[2], codes));

        Assert.Equal(["26", "06", "13"], unknown.Drivers.Select(d => d.Cell)); // every division, by pull
        Assert.Equal(["26"], known.Drivers.Select(d => d.Cell));
        var error = Assert.Throws<ArgumentException>(() => WithHighTech("27"));
        Assert.Contains("high-tech division 27 is not in the division list", error.Message, StringComparison.Ordinal);
    }

    private sealed class RoundedTo9 : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-9;
        public int GetHashCode(double obj) => 0;
    }

    private sealed class TupleRoundedTo9 : IEqualityComparer<(string, double, double)>
    {
        public bool Equals((string, double, double) x, (string, double, double) y) =>
            x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) <= 1e-9 && Math.Abs(x.Item3 - y.Item3) <= 1e-9;
        public int GetHashCode((string, double, double) obj) => 0;
    }

    [Fact]
    public void DivisionAndSectionAndTotal_Drivers()
    {
        var release = SmallRelease();
        // Division 13: 11|13 pull within 11 = −3.33, 14|13 pull within 14 = 45 / 150 = +30.
        var division = Assert.Single(WarningEvaluator.Evaluate(
            new WarningRuleSet([new WarningRule("d", "va_yoy_ytd", "division", ["13"], new WarningCondition(ConditionKind.Above, 0), WarningSeverity.Watch, "{cell}")]),
            release, PopulationSketch.Codes));
        Assert.Equal(["14|13", "11|13"], division.Drivers.Select(d => d.Cell)); // a rise: most positive first
        // Section C = divisions 13 and 26 (B 450, A 495): pulls onto total (B 600): 13: (330 − 300) / 600 = +5, 26: +2.5.
        var section = Assert.Single(WarningEvaluator.Evaluate(
            new WarningRuleSet([new WarningRule("s", "va_yoy_ytd", "section", ["C"], new WarningCondition(ConditionKind.Below, 50), WarningSeverity.Watch, "{cell}")]),
            release, PopulationSketch.Codes));
        Assert.Equal(["26", "13"], section.Drivers.Select(d => d.Cell)); // a slowdown: least first
        Assert.Equal([2.5, 5.0], section.Drivers.Select(d => Math.Round(d.Pull, 9)));
        // CHEMICALS = divisions 13 and 26: the same two pulls.
        var chemicals = Assert.Single(WarningEvaluator.Evaluate(
            new WarningRuleSet([new WarningRule("k", "va_yoy_ytd", "key_industry", ["CHEMICALS"], new WarningCondition(ConditionKind.Below, 50), WarningSeverity.Watch, "{cell}")]),
            release, PopulationSketch.Codes));
        Assert.Equal(["26", "13"], chemicals.Drivers.Select(d => d.Cell));
        // region4 east = province 11 only (pull onto total (450 − 450) / 600 = 0); central = 14.
        var regions = WarningEvaluator.Evaluate(
            new WarningRuleSet([new WarningRule("g", "va_yoy_ytd", "region4", null, new WarningCondition(ConditionKind.Below, 50), WarningSeverity.Watch, "{cell}")]),
            release, PopulationSketch.Codes);
        Assert.Equal(["central: province 14", "east: province 11"],
            regions.Select(a => a.Cell + ": " + string.Join(",", a.Drivers.Select(d => d.Breakdown + " " + d.Cell))));
        // Total: sections B (0) and C (+7.5) then divisions 06 (0), 26 (2.5), 13 (5).
        var total = Assert.Single(WarningEvaluator.Evaluate(
            new WarningRuleSet([new WarningRule("t", "va_yoy_ytd", "total", null, new WarningCondition(ConditionKind.Below, 50), WarningSeverity.Watch, "{cell}")]),
            release, PopulationSketch.Codes));
        Assert.Equal(["section B", "section C", "division 06", "division 26", "division 13"], total.Drivers.Select(d => d.Breakdown + " " + d.Cell));
    }

    [Fact]
    public void ConfidentialCell_IsNeverNamedAsADriverInThePublishedView()
    {
        // As SmallRelease, plus two enterprises of division 44 in province 11 (100 → 50): fewer than 3, so 11|44
        // and division 44 are confidential; their pull is the most negative.
        var release = March((3, "13", "11", 90), (3, "26", "11", 110), (3, "06", "11", 100), (3, "13", "14", 130), (2, "44", "11", 50));
        ReleaseAssert.Confidential(release, "province_division", "11|44", true);
        ReleaseAssert.Confidential(release, "division", "44", true);
        var rules = new WarningRuleSet(
        [
            new WarningRule("p", "va_yoy_ytd", "province", ["11"], new WarningCondition(ConditionKind.Below, 50), WarningSeverity.Watch, "{cell}"),
            new WarningRule("d", "va_yoy_ytd", "division", null, new WarningCondition(ConditionKind.Below, 0), WarningSeverity.Watch, "{cell}"),
        ]);

        var published = WarningEvaluator.Evaluate(rules, release, PopulationSketch.Codes);
        var microdata = WarningEvaluator.Evaluate(rules, release, PopulationSketch.Codes, ReleaseView.Confidential);

        // Division 44 contracted by 50 % but is confidential: alerted only for microdata users.
        Assert.DoesNotContain(published, a => a.Cell == "44");
        Assert.Contains(microdata, a => a.RuleId == "d" && a.Cell == "44");
        var publishedProvince = Assert.Single(published, a => a.RuleId == "p");
        Assert.DoesNotContain(publishedProvince.Drivers, d => d.Cell == "11|44");
        Assert.All(publishedProvince.Drivers, d =>
            Assert.NotEqual(ReleaseFlag.Confidential, release.Find(d.Breakdown, d.Cell, d.Measure)!.Flag));
        var microdataProvince = Assert.Single(microdata, a => a.RuleId == "p");
        Assert.Equal("11|44", microdataProvince.Drivers[0].Cell);
    }
}
