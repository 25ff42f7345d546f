using Ballast.Core.Monitoring;
using Ballast.Statistics.Warnings;

namespace Ballast.Tests.Monitoring;

public class WarningRulesTests
{
    [Fact]
    public void LoadBuiltIn_HasTheSlowdownContractionPaceCapacityReceivablesAndEnergyRules()
    {
        var rules = WarningRules.LoadBuiltIn().Rules;

        Assert.Equal(
            ["key_industry_slowing", "province_slowing", "province_contracting", "division_contracting", "hightech_losing_pace",
             "equipment_losing_pace", "capacity_utilization_low", "sme_overdue_receivables_rising", "total_sa_growth_falling",
             "annual_target_at_risk", "energy_per_va_rising", "province_energy_per_va_rising"],
            rules.Select(r => r.Id));
        var slowing = rules.Single(r => r.Id == "province_slowing");
        Assert.Equal(("va_yoy_ytd", "province", new WarningCondition(ConditionKind.WorseThanParent, 1.5)), (slowing.Measure, slowing.Breakdown, slowing.Condition));
        Assert.Equal(new WarningCondition(ConditionKind.Below, 0), rules.Single(r => r.Id == "province_contracting").Condition);
        Assert.Equal(new WarningCondition(ConditionKind.Falling, Months: 3), rules.Single(r => r.Id == "hightech_losing_pace").Condition);
        var capacity = rules.Single(r => r.Id == "capacity_utilization_low");
        Assert.Equal(new WarningCondition(ConditionKind.Below, 75), capacity.Condition);
        Assert.Contains("convention, not an official threshold", capacity.Note, StringComparison.Ordinal);
        var sme = rules.Single(r => r.Id == "sme_overdue_receivables_rising");
        Assert.Equal(["sme"], sme.Cells!);
        Assert.Equal(new WarningCondition(ConditionKind.Above, 10), sme.Condition);
        Assert.Equal(new WarningCondition(ConditionKind.Above, 0), rules.Single(r => r.Id == "energy_per_va_rising").Condition);
        Assert.Equal(("division", new WarningCondition(ConditionKind.Below, 0)),
            (rules.Single(r => r.Id == "division_contracting").Breakdown, rules.Single(r => r.Id == "division_contracting").Condition));
        var sa = rules.Single(r => r.Id == "total_sa_growth_falling");
        Assert.Equal(("va_sa_mom", "total", new WarningCondition(ConditionKind.Falling, Months: 3)), (sa.Measure, sa.Breakdown, sa.Condition));
        var risk = rules.Single(r => r.Id == "annual_target_at_risk");
        Assert.Equal(("target_miss_probability", "total", new WarningCondition(ConditionKind.Above, 0.5), WarningSeverity.Critical),
            (risk.Measure, risk.Breakdown, risk.Condition, risk.Severity));
    }

    [Fact]
    public void Load_AFileWithAnUnknownProvince_NamesTheRuleAndTheCell()
    {
        string path = Path.Combine(Path.GetTempPath(), "ballast-rules-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, """
                { "rules": [ { "id": "north", "measure": "va_yoy_ytd", "cells": { "breakdown": "province", "codes": ["11", "99"] },
                  "condition": { "kind": "below", "threshold": 0 }, "severity": "critical", "message": "{cell}" } ] }
                """);
            var e = Assert.Throws<WarningRuleException>(() => WarningRules.Load(path));
            Assert.Equal(["rule north: cell \"99\" is not a cell of breakdown province"], e.Problems);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_AFileWithASyntaxError_NamesLineAndColumn()
    {
        string path = Path.Combine(Path.GetTempPath(), "ballast-rules-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, "{ \"rules\": [\n  { \"id\": \"x\", }\n] }"); // trailing comma: the '}' at line 2, column 16 (`  { "id": "x", ` is 15 characters)
            var e = Assert.Throws<WarningRuleException>(() => WarningRules.Load(path));
            Assert.StartsWith("line 2, column 16: the file is not valid JSON", Assert.Single(e.Problems), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_AValidFile_GivesItsRules()
    {
        string path = Path.Combine(Path.GetTempPath(), "ballast-rules-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, """
                { "rules": [ { "id": "auto", "measure": "va_yoy_month", "cells": { "breakdown": "division", "codes": ["36"] },
                  "condition": { "kind": "turning", "direction": "down" }, "severity": "watch", "message": "{cell} turned" } ] }
                """);
            var rule = Assert.Single(WarningRules.Load(path).Rules);
            Assert.Equal(("auto", "division", WarningSeverity.Watch), (rule.Id, rule.Breakdown, rule.Severity));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
