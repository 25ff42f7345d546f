using System.Globalization;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Programs;

/// <summary>
/// The indicators of enterprises and factories: the annual ones from profiles and factory evaluations, the ones
/// computed from the stored monthly reports (revenue, R&amp;D, growth, profit margin against the division), and the
/// intelligent-factory level from the registry. Built for a set of enterprises in one pass over the reports.
/// </summary>
/// <remarks>
/// "Last year" is the calendar year before the check date; a yearly figure needs all 12 monthly reports of that
/// year (otherwise it has no value, and criteria on it are not met). Percentages are in percent.
/// </remarks>
public sealed class ProgramIndicators
{
    // Per enterprise and year: monthly revenue, R&D expense, profit (NaN where no report).
    private readonly Dictionary<(string Code, int Year), double[]> _months = [];
    private readonly Lazy<IReadOnlyDictionary<(string Division, int Year), (double Revenue, double Profit)>> _divisions;
    private readonly Dictionary<string, Enterprise> _register;
    private readonly Dictionary<string, List<EnterpriseProfile>> _profiles;
    private readonly Dictionary<string, List<Factory>> _factories;
    private readonly ProgramRegistry _registry;

    private ProgramIndicators(Dictionary<string, Enterprise> register, Dictionary<string, List<EnterpriseProfile>> profiles,
        Dictionary<string, List<Factory>> factories, ProgramRegistry registry,
        Lazy<IReadOnlyDictionary<(string Division, int Year), (double Revenue, double Profit)>> divisions)
    {
        _divisions = divisions;
        _register = register;
        _profiles = profiles;
        _factories = factories;
        _registry = registry;
    }

    /// <summary>
    /// Reads what the indicators of <paramref name="creditCodes"/> need for the years
    /// <paramref name="firstYear"/>..<paramref name="lastYear"/>: their reports only; the division averages are
    /// read when an indicator first needs them.
    /// </summary>
    public static ProgramIndicators Build(IBallastStore store, IReadOnlyCollection<string> creditCodes, int firstYear, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(creditCodes);
        var wanted = new HashSet<string>(creditCodes, StringComparer.Ordinal);
        var register = store.Enterprises().ToDictionary(e => e.CreditCode, StringComparer.Ordinal);
        // A few enterprises (a pre-check) are read by key; many (monitoring) in one pass over each table.
        bool few = wanted.Count <= 1000;
        var profiles = (few ? wanted.SelectMany(c => store.Profiles(c)) : store.Profiles().Where(p => wanted.Contains(p.CreditCode)))
            .GroupBy(p => p.CreditCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var factories = (few ? wanted.SelectMany(c => store.Factories(c)) : store.Factories().Where(f => wanted.Contains(f.CreditCode)))
            .GroupBy(f => f.FactoryId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var result = new ProgramIndicators(register, profiles, factories, new ProgramRegistry(store.Holdings()),
            new Lazy<IReadOnlyDictionary<(string, int), (double, double)>>(() => store.DivisionTotals(firstYear, lastYear)));
        foreach (var r in store.ReportsOf(wanted))
            if (r.Period.Year >= firstYear && r.Period.Year <= lastYear) result.Add(r);
        return result;
    }

    /// <summary>Builds from in-memory tables (tests, the demo).</summary>
    public static ProgramIndicators Build(IEnumerable<Enterprise> register, IEnumerable<MonthlyReport> reports,
        IEnumerable<EnterpriseProfile> profiles, IEnumerable<Factory> factories, ProgramRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var divisions = new Dictionary<(string Division, int Year), (double Revenue, double Profit)>();
        var byCode = register.ToDictionary(e => e.CreditCode, StringComparer.Ordinal);
        var result = new ProgramIndicators(byCode,
            profiles.GroupBy(p => p.CreditCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal),
            factories.GroupBy(f => f.FactoryId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal),
            registry, new Lazy<IReadOnlyDictionary<(string, int), (double, double)>>(divisions));
        foreach (var r in reports)
        {
            if (byCode.TryGetValue(r.CreditCode, out var e))
            {
                var key = (e.Division, r.Period.Year);
                divisions.TryGetValue(key, out var d);
                divisions[key] = (d.Revenue + r.Revenue, d.Profit + r.Profit);
            }
            result.Add(r);
        }
        return result;
    }

    private void Add(MonthlyReport r)
    {
        var key = (r.CreditCode, r.Period.Year);
        if (!_months.TryGetValue(key, out var m))
        {
            _months[key] = m = new double[36];
            Array.Fill(m, double.NaN);
        }
        int i = r.Period.Month - 1;
        m[i] = r.Revenue;
        m[12 + i] = r.RdExpense;
        m[24 + i] = r.Profit;
    }

    public Enterprise? Enterprise(string creditCode) => _register.GetValueOrDefault(creditCode);

    public Factory? Factory(string factoryId, int year) =>
        _factories.TryGetValue(factoryId, out var list) ? list.Where(f => f.Year <= year).MaxBy(f => f.Year) : null;

    // Sums of January..months of a year: (revenue, R&D, profit), or null when a month is missing.
    private (double Revenue, double Rd, double Profit)? Sums(string code, int year, int months = 12)
    {
        if (!_months.TryGetValue((code, year), out var m)) return null;
        double rev = 0, rd = 0, profit = 0;
        for (int i = 0; i < months; i++)
        {
            if (double.IsNaN(m[i])) return null;
            rev += m[i]; rd += m[12 + i]; profit += m[24 + i];
        }
        return (rev, rd, profit);
    }

    private static double? Percent(double part, double whole) => whole > 0 ? part / whole * 100 : null;

    private static double? Growth(double current, double previous) => previous > 0 ? (current / previous - 1) * 100 : null;

    /// <summary>The indicators of an enterprise for a check on <paramref name="asOf"/>.</summary>
    public Indicators ForEnterprise(string creditCode, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        var ind = new Indicators();
        int y1 = asOf.Year - 1, y2 = asOf.Year - 2, y3 = asOf.Year - 3;
        string Src(int y) => "monthly reports " + y.ToString(CultureInfo.InvariantCulture);
        var s1 = Sums(creditCode, y1);
        var s2 = Sums(creditCode, y2);
        var s3 = Sums(creditCode, y3);
        if (s1 is { } a)
        {
            ind.Set("revenue", a.Revenue, Src(y1));
            ind.Set("rd_expense", a.Rd, Src(y1));
            if (Percent(a.Rd, a.Revenue) is double i1) ind.Set("rd_intensity", i1, Src(y1));
            if (Percent(a.Profit, a.Revenue) is double pm)
            {
                ind.Set("profit_margin", pm, Src(y1));
                if (_register.TryGetValue(creditCode, out var e) && _divisions.Value.TryGetValue((e.Division, y1), out var d) && Percent(d.Profit, d.Revenue) is double dm)
                    ind.Set("profit_margin_vs_division", pm - dm, $"{Src(y1)}, division {e.Division} average");
            }
        }
        string both = $"monthly reports {y2.ToString(CultureInfo.InvariantCulture)}–{y1.ToString(CultureInfo.InvariantCulture)}";
        if (s1 is { } b1 && s2 is { } b2)
        {
            if (Growth(b1.Revenue, b2.Revenue) is double g1)
            {
                ind.Set("revenue_growth", g1, both);
                if (s3 is { } b3 && Growth(b2.Revenue, b3.Revenue) is double g2)
                    ind.Set("revenue_growth_avg_2y", (g1 + g2) / 2, $"monthly reports {y3.ToString(CultureInfo.InvariantCulture)}–{y1.ToString(CultureInfo.InvariantCulture)}");
            }
            if (Percent(b1.Rd, b1.Revenue) is double i1 && Percent(b2.Rd, b2.Revenue) is double i2)
                ind.Set("rd_intensity_min_2y", Math.Min(i1, i2), both);
            ind.Set("rd_expense_2y", b1.Rd + b2.Rd, both);
            ind.Set("rd_expense_avg_2y", (b1.Rd + b2.Rd) / 2, both);
        }
        if (_profiles.TryGetValue(creditCode, out var profiles) && profiles.Where(p => p.Year <= asOf.Year).MaxBy(p => p.Year) is { } profile)
        {
            string src = "profile " + profile.Year.ToString(CultureInfo.InvariantCulture);
            foreach (var (k, v) in profile.Values)
                ind.Set(k, ProfileFiles.ToIndicator(k, v, src, ProfileFiles.ProfileColumns));
        }
        return ind;
    }

    /// <summary>A factory's indicators: its enterprise's, its own evaluation, and its intelligent-factory level from the registry.</summary>
    public Indicators ForFactory(string factoryId, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(factoryId);
        var f = Factory(factoryId, asOf.Year) ?? throw new ArgumentException($"factory {factoryId} has no evaluation for {asOf.Year.ToString(CultureInfo.InvariantCulture)} or earlier", nameof(factoryId));
        var ind = ForEnterprise(f.CreditCode, asOf);
        string src = $"factory {f.FactoryId} evaluation {f.Year.ToString(CultureInfo.InvariantCulture)}";
        foreach (var (k, v) in f.Values)
            ind.Set(k, ProfileFiles.ToIndicator(k, v, src, ProfileFiles.FactoryColumns));
        ind.Set("smart_level", _registry.SmartLevel(f.CreditCode, f.FactoryId, asOf), "registry on " + asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return ind;
    }

    /// <summary>
    /// Year-to-date indicators of a release period for monitoring: R&amp;D intensity and revenue growth of
    /// January..period against the same months a year earlier.
    /// </summary>
    public Indicators ForMonitoring(string creditCode, YearMonth period)
    {
        var ind = ForEnterprise(creditCode, new DateOnly(period.Year, period.Month, 1));
        string src = $"monthly reports {period.Year.ToString(CultureInfo.InvariantCulture)}-01..{period}";
        if (Sums(creditCode, period.Year, period.Month) is { } now)
        {
            if (Percent(now.Rd, now.Revenue) is double i) ind.Set("rd_intensity_ytd", i, src);
            if (Sums(creditCode, period.Year - 1, period.Month) is { } before && Growth(now.Revenue, before.Revenue) is double g)
                ind.Set("revenue_growth_ytd", g, src + " against a year earlier");
        }
        return ind;
    }
}
