using System.Globalization;
using Ballast.Core.Classifications;
using Ballast.Core.Demo;
using Ballast.Core.Monitoring;
using Ballast.Core.Releases;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;
using Xunit.Abstractions;

namespace Ballast.Tests.Monitoring;

/// <summary>
/// Acceptance of the planted problems (docs/methodology/warnings.md, Planted problems): on demo populations
/// (N = 20,000, 24 months) with problems planted at seed-chosen places, the built-in rules find each one at
/// 2025-12 and rank the planted cause first; on the control population the alerts stay under the stated bound.
/// </summary>
public sealed class PlantedProblemsTests(ITestOutputHelper output)
{
    private const int Enterprises = 20_000;
    private static readonly YearMonth December = new(2025, 12);

    /// <summary>The bound on the control population's alerts at 2025-12 (justified in docs/methodology/warnings.md).</summary>
    internal const int ControlBound = 12;

    private static (DemoData Data, ReleasePopulation Population) Demo(int seed, bool plant)
    {
        var data = DemoPopulation.Generate(new DemoOptions(Enterprises, 24, seed, plant), Classification.Default);
        return (data, ReleasePopulationBuilder.Build(data.Enterprises, data.Reports(), data.Products(), data.Ppi, data.VaRates, Classification.Default));
    }

    private void Show(IEnumerable<WarningAlert> alerts)
    {
        foreach (var a in alerts)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{a.RuleId} {a.Breakdown} {a.Cell} {a.Value:0.00} first driver {(a.Drivers.Count > 0 ? a.Drivers[0].Cell + " " + a.Drivers[0].Pull.ToString("0.00", CultureInfo.InvariantCulture) : "-")}"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PlantedDemo_BuiltInRules_FindEachProblemWithThePlantedCauseFirst(int seed)
    {
        var (data, population) = Demo(seed, plant: true);
        var planted = data.Planted!;
        output.WriteLine($"planted: {planted}");
        var alerts = WarningService.Evaluate(population, December, WarningRules.LoadBuiltIn());
        Show(alerts);

        var capacity = Assert.Single(alerts, a => a.RuleId == "capacity_utilization_low" && a.Cell == planted.OvercapacityProduct);
        Assert.True(capacity.Value < 70, $"planted overcapacity: {capacity.Value}");

        var province = Assert.Single(alerts, a => a.RuleId == "province_slowing" && a.Cell == planted.SlowingProvince);
        Assert.Equal(("province_division", planted.SlowingProvince + "|" + planted.SlowingDivision), (province.Drivers[0].Breakdown, province.Drivers[0].Cell));

        var division = Assert.Single(alerts, a => a.RuleId == "division_contracting" && a.Cell == planted.DecliningDivision);
        Assert.Equal(("province_division", planted.DecliningProvince + "|" + planted.DecliningDivision), (division.Drivers[0].Breakdown, division.Drivers[0].Cell));

        // With microdata rights, the enterprises leading the slowing province are in the planted division there.
        var names = data.Enterprises.ToDictionary(e => e.CreditCode, StringComparer.Ordinal);
        var confidential = WarningService.Evaluate(population, December, WarningRules.LoadBuiltIn(), ReleaseView.Confidential,
            names: code => names.TryGetValue(code, out var e) ? e.Name : null);
        var led = Assert.Single(confidential, a => a.RuleId == "province_slowing" && a.Cell == planted.SlowingProvince);
        Assert.Equal(EnterpriseDrivers.DefaultCount, led.Enterprises.Count);
        var leader = names[led.Enterprises[0].CreditCode];
        Assert.Equal((planted.SlowingProvince, planted.SlowingDivision), (leader.Province, leader.Division));
        Assert.Equal(leader.Name, led.Enterprises[0].Name);
        Assert.True(led.Enterprises[0].Pull < 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ControlDemo_BuiltInRules_StayUnderTheBound(int seed)
    {
        var (data, population) = Demo(seed, plant: false);
        Assert.Null(data.Planted);
        var alerts = WarningService.Evaluate(population, December, WarningRules.LoadBuiltIn());
        Show(alerts);
        Assert.InRange(alerts.Count, 0, ControlBound);
    }
}
