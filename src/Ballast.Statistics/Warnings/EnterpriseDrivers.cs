using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Statistics.Warnings;

/// <summary>
/// The enterprises that account for most of the change in an alert's cell, for viewers with microdata rights.
/// Measure: the enterprise's pull onto the cell, (A_e − B_e) / B × 100 percentage points, with A_e the enterprise's
/// value added at comparable prices and B_e its value added a year earlier over its matched pairs (year to date, or
/// the month set for month measures, as the cell drivers), B the cell's base (Σ B_e): the pulls of a cell's
/// enterprises add up to the cell's growth, so the first ones "lead" it. Ranked like the cell drivers: most
/// negative first, most positive first for a rise; ties by credit code. Products have no enterprise drivers.
/// </summary>
public static class EnterpriseDrivers
{
    /// <summary>How many enterprises an alert carries by default.</summary>
    public const int DefaultCount = 5;

    /// <summary>
    /// The alerts with their <see cref="WarningAlert.Enterprises"/> filled, when <paramref name="view"/> is
    /// <see cref="ReleaseView.Confidential"/>; in the published view the alerts are returned unchanged (never
    /// enterprises there). <paramref name="names"/> gives the enterprise names (credit code → name), if known.
    /// </summary>
    public static IReadOnlyList<WarningAlert> Attach(IReadOnlyList<WarningAlert> alerts, ReleasePopulation population,
        ReleaseView view, Func<string, string?>? names = null, int count = DefaultCount)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (view != ReleaseView.Confidential || alerts.Count == 0 || count == 0) return alerts;
        var cache = new Dictionary<(YearMonth, bool), (double[] A, double[] B)>();
        var result = new List<WarningAlert>(alerts.Count);
        foreach (var alert in alerts)
        {
            var member = Membership(population, alert.Breakdown, alert.Cell, alert.Period);
            if (member is null)
            {
                result.Add(alert);
                continue;
            }
            bool month = SupplementaryMeasures.IsMonthMeasure(alert.Measure);
            if (!cache.TryGetValue((alert.Period, month), out var ab))
                cache[(alert.Period, month)] = ab = Pairs(population, alert.Period, month);
            result.Add(alert with { Enterprises = Rank(population, ab.A, ab.B, member, alert.Rising, names, count) });
        }
        return result;
    }

    /// <summary>Per enterprise: comparable value added and base over matched pairs (NaN-free: 0 without pairs).</summary>
    private static (double[] A, double[] B) Pairs(ReleasePopulation pop, YearMonth period, bool monthSet)
    {
        int n = pop.EnterpriseCount;
        var a = new double[n];
        var b = new double[n];
        if (pop.MonthSpan == 0 || period.Month == 1) return (a, b);
        var plan = new ReleaseEngine.Plan(pop, period);
        int span = pop.MonthSpan;
        int first = monthSet ? plan.MonthSetStart : 0;
        for (int e = 0; e < n; e++)
        {
            int d = pop.Division[e];
            double rc = plan.RateCurrent[d], rb = plan.RateBase[d];
            int block = e * span;
            for (int j = first; j < plan.MonthNumber; j++)
            {
                int oc = plan.CurrentOffset[j], ob = plan.BaseOffset[j];
                if (oc < 0 || ob < 0 || !pop.Has[block + oc] || !pop.Has[block + ob]) continue;
                // As the release engine: comparable VA = output × rate(t) / (PPI / 100); base = output a year earlier × rate(t−1).
                a[e] += pop.Output[block + oc] * rc / plan.PpiFactor[j][d];
                b[e] += pop.Output[block + ob] * rb;
            }
        }
        return (a, b);
    }

    private static IReadOnlyList<EnterpriseDriver> Rank(ReleasePopulation pop, double[] a, double[] b, Func<int, bool> member,
        bool rising, Func<string, string?>? names, int count)
    {
        double baseSum = 0;
        var members = new List<int>();
        for (int e = 0; e < pop.EnterpriseCount; e++)
        {
            if (b[e] == 0 && a[e] == 0) continue;
            if (!member(e)) continue;
            members.Add(e);
            baseSum += b[e];
        }
        if (baseSum == 0 || !double.IsFinite(baseSum)) return [];
        var pulls = members.Select(e => (Id: pop.Ids[e], Pull: (a[e] - b[e]) / baseSum * 100))
            .Where(p => double.IsFinite(p.Pull)).ToList();
        pulls.Sort((x, y) =>
        {
            int k = rising ? y.Pull.CompareTo(x.Pull) : x.Pull.CompareTo(y.Pull);
            return k != 0 ? k : string.CompareOrdinal(x.Id, y.Id);
        });
        return [.. pulls.Take(count).Select(p => new EnterpriseDriver(p.Id, names?.Invoke(p.Id), p.Pull))];
    }

    /// <summary>Whether enterprise e belongs to the cell (release.md, Breakdowns); null for products and unknown cells.</summary>
    internal static Func<int, bool>? Membership(ReleasePopulation pop, string breakdown, string cell, YearMonth period)
    {
        var codes = pop.Codes;
        bool[] DivisionsWhere(Func<ReleaseDivision, bool> test) => [.. codes.Divisions.Select(test)];
        switch (breakdown)
        {
            case ReleaseBreakdowns.Total:
                return _ => true;
            case ReleaseBreakdowns.Section:
            {
                var inSection = DivisionsWhere(d => d.Section == cell);
                return e => inSection[pop.Division[e]];
            }
            case ReleaseBreakdowns.Division:
                if (!codes.DivisionIndex.TryGetValue(cell, out int division)) return null;
                return e => pop.Division[e] == division;
            case ReleaseBreakdowns.Equipment:
            {
                var equipment = DivisionsWhere(d => d.Equipment);
                return e => equipment[pop.Division[e]];
            }
            case ReleaseBreakdowns.KeyIndustry:
            {
                var key = codes.KeyIndustries.FirstOrDefault(k => k.Code == cell);
                if (key is null) return null;
                var inKey = DivisionsWhere(d => key.Divisions.Contains(d.Code, StringComparer.Ordinal));
                return e => inKey[pop.Division[e]];
            }
            case ReleaseBreakdowns.Province:
                if (!codes.ProvinceIndex.TryGetValue(cell, out int province)) return null;
                return e => pop.Province[e] == province;
            case ReleaseBreakdowns.Region4:
            {
                var inRegion = codes.Provinces.Select(p => p.Region4 == cell).ToArray();
                return e => inRegion[pop.Province[e]];
            }
            case ReleaseBreakdowns.Ownership:
                if (!codes.OwnershipIndex.TryGetValue(cell, out int ownership)) return null;
                return e => pop.Ownership[e] == ownership;
            case ReleaseBreakdowns.Size:
            {
                int size = Array.IndexOf(ReleaseCodes.SizeCodes.ToArray(), cell);
                if (size < 0) return null;
                return size == 4 ? e => pop.Size[e] != (byte)EnterpriseSize.Large : e => pop.Size[e] == size;
            }
            case ReleaseBreakdowns.HighTech:
                return e => pop.HighTech[e];
            case ReleaseBreakdowns.Tier:
            {
                if (!codes.TierIndex.TryGetValue(cell, out int tier)) return null;
                int t = period.Index;
                return e =>
                {
                    for (int h = pop.TierStart[e]; h < pop.TierStart[e + 1]; h++)
                        if (pop.TierCode[h] == tier && pop.TierFrom[h] <= t && pop.TierTo[h] >= t) return true;
                    return false;
                };
            }
            case ReleaseBreakdowns.ProvinceDivision:
            {
                var parts = cell.Split('|');
                if (parts.Length != 2 || !codes.ProvinceIndex.TryGetValue(parts[0], out int p) || !codes.DivisionIndex.TryGetValue(parts[1], out int d)) return null;
                return e => pop.Province[e] == p && pop.Division[e] == d;
            }
            default:
                return null;
        }
    }
}
