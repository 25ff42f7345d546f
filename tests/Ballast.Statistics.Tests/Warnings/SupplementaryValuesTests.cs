using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Tests.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Statistics.Tests.Warnings;

public class SupplementaryValuesTests
{
    private static WarningRuleSet One(string measure, WarningCondition condition, string breakdown = "total", string message = "{cell}: {value} vs {threshold}") =>
        new([new WarningRule("s", measure, breakdown, null, condition, WarningSeverity.Watch, message)]);

    private static readonly MonthlyRelease April = SyntheticRelease.Province("2025-04", 4);

    [Fact]
    public void SaGrowthFalling_ThreeFallsOverDecemberFebruaryMarchApril_Fires()
    {
        var s = new SupplementaryValues();
        // December 2024 → Jan–Feb → March → April: 0.9 > 0.7 > 0.5 > 0.3. A January value is not a release month
        // and is ignored (it would break the run were it counted: 0.1 < 0.7).
        s.Set(new YearMonth(2024, 12), "total", "ALL", "va_sa_mom", 0.9);
        s.Set(new YearMonth(2025, 1), "total", "ALL", "va_sa_mom", 0.1);
        s.Set(new YearMonth(2025, 2), "total", "ALL", "va_sa_mom", 0.7);
        s.Set(new YearMonth(2025, 3), "total", "ALL", "va_sa_mom", 0.5);
        s.Set(new YearMonth(2025, 4), "total", "ALL", "va_sa_mom", 0.3);

        var alerts = WarningEvaluator.Evaluate(One("va_sa_mom", new WarningCondition(ConditionKind.Falling, Months: 3)), [April], PopulationSketch.Codes,
            supplementary: s);

        var a = Assert.Single(alerts);
        Assert.Equal(("total", "ALL", "va_sa_mom", 0.3), (a.Breakdown, a.Cell, a.Measure, a.Value));
        Assert.Equal("ALL: 0.3 vs ", a.Message);
    }

    [Fact]
    public void SaGrowthFalling_AnEqualMonthOrAMissingMonth_BreaksTheRun()
    {
        var rules = One("va_sa_mom", new WarningCondition(ConditionKind.Falling, Months: 3));
        var equal = new SupplementaryValues();
        equal.Set(new YearMonth(2024, 12), "total", "ALL", "va_sa_mom", 0.9);
        equal.Set(new YearMonth(2025, 2), "total", "ALL", "va_sa_mom", 0.7);
        equal.Set(new YearMonth(2025, 3), "total", "ALL", "va_sa_mom", 0.7); // not a fall
        equal.Set(new YearMonth(2025, 4), "total", "ALL", "va_sa_mom", 0.3);
        Assert.Empty(WarningEvaluator.Evaluate(rules, [April], PopulationSketch.Codes, supplementary: equal));

        var missing = new SupplementaryValues();
        missing.Set(new YearMonth(2025, 2), "total", "ALL", "va_sa_mom", 0.7);
        missing.Set(new YearMonth(2025, 3), "total", "ALL", "va_sa_mom", 0.5);
        missing.Set(new YearMonth(2025, 4), "total", "ALL", "va_sa_mom", 0.3);
        Assert.Empty(WarningEvaluator.Evaluate(rules, [April], PopulationSketch.Codes, supplementary: missing));
    }

    [Theory]
    [InlineData(0.62, true)]
    [InlineData(0.5, false)]   // at the threshold: not above
    [InlineData(0.49, false)]
    public void TargetRisk_AboveTheThreshold_FiresWithTheProbabilityInHundredths(double probability, bool fires)
    {
        var s = new SupplementaryValues();
        s.Set(new YearMonth(2025, 4), "total", "ALL", "target_miss_probability", probability);
        var alerts = WarningEvaluator.Evaluate(One("target_miss_probability", new WarningCondition(ConditionKind.Above, 0.5)), [April],
            PopulationSketch.Codes, supplementary: s);
        Assert.Equal(fires, alerts.Count == 1);
        if (fires)
        {
            Assert.Equal("ALL: 0.62 vs 0.50", alerts[0].Message);
            Assert.True(alerts[0].Rising);
        }
    }

    [Fact]
    public void SupplementaryRule_WithoutAValueThisMonth_RaisesNothing()
    {
        var s = new SupplementaryValues();
        s.Set(new YearMonth(2025, 3), "total", "ALL", "target_miss_probability", 0.9); // March, not April
        var rules = One("target_miss_probability", new WarningCondition(ConditionKind.Above, 0.5));
        Assert.Empty(WarningEvaluator.Evaluate(rules, [April], PopulationSketch.Codes, supplementary: s));
        Assert.Empty(WarningEvaluator.Evaluate(rules, [April], PopulationSketch.Codes));
    }

    [Fact]
    public void ConfidentialSupplementaryValue_IsUsedOnlyInTheConfidentialView()
    {
        var s = new SupplementaryValues();
        s.Set(new YearMonth(2025, 4), "province", "11", "va_sa_mom", -2, ReleaseFlag.Confidential);
        var rules = One("va_sa_mom", new WarningCondition(ConditionKind.Below, 0), "province");
        Assert.Empty(WarningEvaluator.Evaluate(rules, [April], PopulationSketch.Codes, ReleaseView.Published, s));
        Assert.Single(WarningEvaluator.Evaluate(rules, [April], PopulationSketch.Codes, ReleaseView.Confidential, s));
    }

    [Fact]
    public void SupplementaryValueOnACellTheReleaseKeepsConfidential_IsNotUsedInThePublishedView()
    {
        var release = SyntheticRelease.Of("2025-04",
            ("total", "ALL", "", "va_yoy_ytd", 5, ReleaseFlag.None),
            ("province", "11", "ALL", "va_yoy_ytd", 1, ReleaseFlag.Confidential));
        var s = new SupplementaryValues();
        s.Set(new YearMonth(2025, 4), "province", "11", "va_sa_mom", -2); // unflagged, but the cell is C in the release
        var rules = One("va_sa_mom", new WarningCondition(ConditionKind.Below, 0), "province");
        Assert.Empty(WarningEvaluator.Evaluate(rules, [release], PopulationSketch.Codes, ReleaseView.Published, s));
        Assert.Single(WarningEvaluator.Evaluate(rules, [release], PopulationSketch.Codes, ReleaseView.Confidential, s));
    }

    [Fact]
    public void Set_AnUnknownMeasureOrABreakdownWithoutIt_IsRefused()
    {
        var s = new SupplementaryValues();
        var unknown = Assert.Throws<ArgumentException>(() => s.Set(new YearMonth(2025, 4), "total", "ALL", "va_sa_yoy", 1));
        Assert.Contains("\"va_sa_yoy\" is not a supplementary measure", unknown.Message, StringComparison.Ordinal);
        var province = Assert.Throws<ArgumentException>(() => s.Set(new YearMonth(2025, 4), "province", "11", "target_miss_probability", 0.2));
        Assert.Contains("target_miss_probability does not exist for breakdown province", province.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => s.Set(new YearMonth(2025, 4), "total", "ALL", "va_sa_mom", double.NaN));
        Assert.Equal(0, s.Count);
    }

    [Fact]
    public void RuleParser_AcceptsSupplementaryMeasuresWhereTheyExist_AndNamesTheRuleElsewhere()
    {
        var ok = WarningRuleParser.Parse("""
            { "rules": [
              { "id": "sa", "measure": "va_sa_mom", "cells": { "breakdown": "province", "codes": "all" },
                "condition": { "kind": "falling", "months": 3 }, "severity": "watch", "message": "{cell}" },
              { "id": "risk", "measure": "target_miss_probability", "cells": { "breakdown": "total" },
                "condition": { "kind": "above", "threshold": 0.5 }, "severity": "critical", "message": "{value}" } ] }
            """, "rules.json", PopulationSketch.Codes);
        Assert.Equal(["va_sa_mom", "target_miss_probability"], ok.Rules.Select(r => r.Measure));

        var e = Assert.Throws<WarningRuleException>(() => WarningRuleParser.Parse("""
            { "rules": [ { "id": "risk", "measure": "target_miss_probability", "cells": { "breakdown": "province" },
                "condition": { "kind": "above", "threshold": 0.5 }, "severity": "critical", "message": "{value}" } ] }
            """, "rules.json", PopulationSketch.Codes));
        Assert.Equal(["rule risk: measure target_miss_probability does not exist for breakdown province"], e.Problems);
    }
}
