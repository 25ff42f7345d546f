using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Statistics.Tests.Release;

/// <summary>
/// A small population written out row by row for hand-worked tests: a few divisions, provinces and codes, and
/// helpers that fill the reference data (by default rate 0.5 and PPI 100, so that CVA = VA = output / 2).
/// </summary>
internal sealed class PopulationSketch
{
    public static readonly ReleaseCodes Codes = new(
        sections: ["B", "C", "D"],
        divisions:
        [
            new ReleaseDivision("06", "B", false), new ReleaseDivision("13", "C", false), new ReleaseDivision("26", "C", false),
            new ReleaseDivision("36", "C", true), new ReleaseDivision("44", "D", false),
        ],
        provinces: [new ReleaseProvince("11", "east"), new ReleaseProvince("14", "central"), new ReleaseProvince("65", "west")],
        regions4: ["east", "central", "west", "northeast"],
        ownerships: ["PRIVATE", "SOE"],
        keyIndustries: [new ReleaseKeyIndustry("AUTOMOBILES", ["36"]), new ReleaseKeyIndustry("CHEMICALS", ["13", "26"])],
        tiers: ["GREEN_FACTORY", "LITTLE_GIANT"],
        products: ["CEMENT", "COAL", "STEEL"]);

    private sealed record Ent(string Id, string Division, string Province, string Ownership, EnterpriseSize Size, bool HighTech, TierHolding[] Tiers);
    private sealed record Rep(string Id, YearMonth Period, ReportFigures Figures);
    private sealed record Prod(string Id, YearMonth Period, string Product, double Output, double? Capacity);

    private readonly List<Ent> _enterprises = [];
    private readonly List<Rep> _reports = [];
    private readonly List<Prod> _products = [];
    private readonly Dictionary<(string, int), double> _rates = [];
    private readonly Dictionary<(string, YearMonth), double> _ppi = [];

    public PopulationSketch Enterprise(string id, string division = "13", string province = "11", string ownership = "PRIVATE",
        EnterpriseSize size = EnterpriseSize.Small, bool highTech = false, params TierHolding[] tiers)
    {
        _enterprises.Add(new Ent(id, division, province, ownership, size, highTech, tiers));
        return this;
    }

    public PopulationSketch Report(string id, string period, double output, double revenue = 0, double profit = 0,
        double export = 0, double rd = 0, double energy = 0, double overdue = 0)
    {
        _reports.Add(new Rep(id, YearMonth.Parse(period), new ReportFigures(output, revenue, profit, export, rd, energy, overdue)));
        return this;
    }

    /// <summary>The same output in the base month and the current month (a matched pair).</summary>
    public PopulationSketch Pair(string id, string basePeriod, double baseOutput, string period, double output) =>
        Report(id, basePeriod, baseOutput).Report(id, period, output);

    public PopulationSketch Product(string id, string period, string product, double output, double? capacity = null)
    {
        _products.Add(new Prod(id, YearMonth.Parse(period), product, output, capacity));
        return this;
    }

    public PopulationSketch Rate(string division, int year, double rate)
    {
        _rates[(division, year)] = rate;
        return this;
    }

    public PopulationSketch Ppi(string division, string period, double index)
    {
        _ppi[(division, YearMonth.Parse(period))] = index;
        return this;
    }

    /// <summary>Fills every rate and PPI of 2024–2025 not set explicitly.</summary>
    public PopulationSketch Reference(double rate = 0.5, double ppi = 100)
    {
        foreach (var d in Codes.Divisions)
            for (int year = 2024; year <= 2025; year++)
            {
                _rates.TryAdd((d.Code, year), rate);
                for (int m = 1; m <= 12; m++) _ppi.TryAdd((d.Code, new YearMonth(year, m)), ppi);
            }
        return this;
    }

    public PopulationSketch WithoutPpi(string division, string period)
    {
        _ppi.Remove((division, YearMonth.Parse(period)));
        return this;
    }

    public PopulationSketch WithoutRate(string division, int year)
    {
        _rates.Remove((division, year));
        return this;
    }

    /// <summary>Builds the population; with a seed, every list is added in a shuffled order.</summary>
    public ReleasePopulation Build(int? shuffleSeed = null)
    {
        var random = shuffleSeed is int s ? new Random(s) : null;
        IEnumerable<T> Order<T>(IEnumerable<T> items) => random is null ? items : items.OrderBy(_ => random.Next()).ToList();
        var b = ReleasePopulation.CreateBuilder(Codes);
        foreach (var e in Order(_enterprises)) b.AddEnterprise(e.Id, e.Division, e.Province, e.Ownership, e.Size, e.HighTech, e.Tiers);
        foreach (var r in Order(_reports)) b.AddReport(r.Id, r.Period, r.Figures);
        foreach (var p in Order(_products)) b.AddProductOutput(p.Id, p.Period, p.Product, p.Output, p.Capacity);
        foreach (var ((d, y), v) in Order(_rates)) b.AddVaRate(d, y, v);
        foreach (var ((d, m), v) in Order(_ppi)) b.AddPpi(d, m, v);
        return b.Build();
    }

    public MonthlyRelease Release(string period, int? shuffleSeed = null)
    {
        var result = ReleaseEngine.Compute(Build(shuffleSeed), YearMonth.Parse(period));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Release!;
    }
}

internal static class ReleaseAssert
{
    public static void Value(MonthlyRelease release, string breakdown, string cell, string measure, double expected,
        ReleaseView view = ReleaseView.Published, ReleaseFlag flag = ReleaseFlag.None)
    {
        var row = release.Find(breakdown, cell, measure, view);
        Assert.True(row is not null, $"no row {breakdown}/{cell}/{measure}");
        Assert.Equal(flag, row.Flag);
        Assert.True(row.Value is double v && Math.Abs(v - expected) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(v), Math.Abs(expected))),
            $"{breakdown}/{cell}/{measure}: expected {expected}, got {row.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "empty"}");
    }

    public static void Empty(MonthlyRelease release, string breakdown, string cell, string measure, ReleaseFlag flag,
        ReleaseView view = ReleaseView.Published)
    {
        var row = release.Find(breakdown, cell, measure, view);
        Assert.True(row is not null, $"no row {breakdown}/{cell}/{measure}");
        Assert.Null(row.Value);
        Assert.Equal(flag, row.Flag);
    }

    public static void Confidential(MonthlyRelease release, string breakdown, string cell, bool expected)
    {
        var row = release.Find(breakdown, cell, ReleaseMeasures.VaYoyYtd);
        Assert.True(row is not null, $"no row {breakdown}/{cell}");
        Assert.True(expected == (row.Flag == ReleaseFlag.Confidential), $"{breakdown}/{cell} confidential should be {expected}, flag {row.Flag}");
    }
}
