using Ballast.Core.Classifications;
using Ballast.Core.Monitoring;
using Ballast.Core.Register;
using Ballast.Core.Releases;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Tests.Monitoring;

public class BuiltInRulesOnAReleaseTests
{
    private static readonly YearMonth Base = new(2024, 3), Current = new(2025, 3);

    private static MonthlyReport Report(string code, YearMonth period, double output) =>
        new(code, period, output, output, 0, output, 1, 0, 0, 0, 0, 0, 10);

    [Fact]
    public void ContractingProvince_IsAlertedAsContractingAndSlowing_WithItsDivisionAsDriver()
    {
        // Six small enterprises of division 13 (industry 1310), rate 0.5, PPI 100: province 11 (region 110101)
        // 100 → 90 each, province 14 (140101) 100 → 130. Province 11: −10 %; 14: +30 %; total (270 + 390 − 600) / 600 = +10 %.
        var register = new List<Enterprise>();
        var reports = new List<MonthlyReport>();
        for (int i = 0; i < 6; i++)
        {
            string code = "E" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            register.Add(new Enterprise(code, "Mill " + code, i < 3 ? "110101" : "140101", "1310", "PRIVATE", 20, 300, []));
            reports.Add(Report(code, Base, 100));
            reports.Add(Report(code, Current, i < 3 ? 90 : 130));
        }
        var ppi = new List<PpiEntry>();
        for (int m = 1; m <= 3; m++) ppi.Add(new PpiEntry("13", new YearMonth(2025, m), 100));
        VaRate[] rates = [new("13", 2024, 0.5), new("13", 2025, 0.5)];
        var result = ReleaseEngine.Compute(ReleasePopulationBuilder.Build(register, reports, [], ppi, rates), Current);
        Assert.True(result.Succeeded);

        var alerts = WarningEvaluator.Evaluate(WarningRules.LoadBuiltIn(), result.Release!, ReleasePopulationBuilder.CodesOf(Classification.Default));

        var province = alerts.Where(a => a.Breakdown == "province").ToList();
        Assert.Equal(["province_slowing", "province_contracting"], province.Select(a => a.RuleId));
        Assert.All(province, a => Assert.Equal("11", a.Cell));
        var contracting = province[1];
        Assert.Equal(WarningSeverity.Critical, contracting.Severity);
        Assert.Equal(-10, contracting.Value, 9);
        Assert.Equal("Province 11: value added contracted, -10.0 % year to date.", contracting.Message);
        Assert.Equal("Province 11: value added grew -10.0 % year to date, more than 1.5 points below the national figure (10.0 %).", province[0].Message);
        // Within province 11 (B 150), division 13 pulls (135 − 150) / 150 × 100 = −10 points.
        var driver = Assert.Single(contracting.Drivers);
        Assert.Equal(("province_division", "11|13"), (driver.Breakdown, driver.Cell));
        Assert.Equal(-10, driver.Pull, 9);
    }

    [Fact]
    public void SupplementaryValues_FireTheBuiltInTargetRiskAndSaGrowthRules()
    {
        // Six equal enterprises of division 13 in province 11 (enough to be published), 100 → 105 each month of
        // 2025 (rate 0.5, PPI 100): releases for December 2024, Jan–Feb, March and April; nothing else of the
        // built-in rules fires on them (growth 5 % everywhere).
        var register = new List<Enterprise>();
        var reports = new List<MonthlyReport>();
        var ppi = new List<PpiEntry>();
        for (int i = 0; i < 6; i++)
        {
            string code = "E" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            register.Add(new Enterprise(code, "Mill " + code, "110101", "1310", "PRIVATE", 20, 300, []));
            for (var t = new YearMonth(2024, 1); t <= new YearMonth(2025, 4); t = t.AddMonths(1))
                reports.Add(Report(code, t, t.Year == 2024 ? 100 : 105));
        }
        for (var t = new YearMonth(2024, 1); t <= new YearMonth(2025, 4); t = t.AddMonths(1)) ppi.Add(new PpiEntry("13", t, 100));
        VaRate[] rates = [new("13", 2023, 0.5), new("13", 2024, 0.5), new("13", 2025, 0.5)];
        var population = ReleasePopulationBuilder.Build(register, reports, [], ppi, rates);
        var s = new SupplementaryValues();
        // SA month-on-month growth 0.8, 0.6, 0.4, 0.2 over December, Jan–Feb, March, April: three falls.
        s.Set(new YearMonth(2024, 12), "total", "ALL", "va_sa_mom", 0.8);
        s.Set(new YearMonth(2025, 2), "total", "ALL", "va_sa_mom", 0.6);
        s.Set(new YearMonth(2025, 3), "total", "ALL", "va_sa_mom", 0.4);
        s.Set(new YearMonth(2025, 4), "total", "ALL", "va_sa_mom", 0.2);
        s.Set(new YearMonth(2025, 4), "total", "ALL", "target_miss_probability", 0.71);

        var alerts = WarningService.Evaluate(population, new YearMonth(2025, 4), WarningRules.LoadBuiltIn(), supplementary: s);

        Assert.Equal(["total_sa_growth_falling", "annual_target_at_risk"], alerts.Select(a => a.RuleId));
        Assert.Equal("Seasonally adjusted month-on-month growth of value added fell for 3 months in a row, now 0.2 %.", alerts[0].Message);
        Assert.Equal("The national year-to-date growth is more likely than not to miss the year's target: estimated probability 0.71 (above 0.50).", alerts[1].Message);
        Assert.Equal(WarningSeverity.Critical, alerts[1].Severity);
        // Drivers of the total: sections then divisions, by their pulls (month pulls for the SA growth): section C, division 13 pull +5.
        Assert.Equal([("section", "C"), ("division", "13")], alerts[0].Drivers.Select(d => (d.Breakdown, d.Cell)));
        Assert.Equal(5, alerts[0].Drivers[0].Pull, 9);

        // Without the supplementary values the two rules raise nothing.
        Assert.Empty(WarningService.Evaluate(population, new YearMonth(2025, 4), WarningRules.LoadBuiltIn()));
    }
}
