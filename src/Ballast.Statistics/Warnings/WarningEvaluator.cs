using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Statistics.Warnings;

/// <summary>A cell one level down whose pull (percentage points, release.md "pull") helps explain an alert.</summary>
public sealed record WarningDriver(string Breakdown, string Cell, string Measure, double Pull);

/// <summary>
/// A rule that fired on a cell. <see cref="Threshold"/> is the rule's threshold or margin (null for falling and
/// turning); <see cref="ParentValue"/> the parent cell's value for worse_than_parent. <see cref="Drivers"/> are
/// ranked by pull: most negative first for a slowdown, most positive first for a rise.
/// </summary>
public sealed record WarningAlert(
    string RuleId, WarningSeverity Severity, YearMonth Period, string Breakdown, string Cell, string Measure, double Value,
    double? Threshold, double? ParentValue, string Message, IReadOnlyList<WarningDriver> Drivers);

/// <summary>
/// Evaluates monitoring rules over a release and, for falling and turning, the releases of earlier months. By default
/// on the published view, where a confidential (C) cell is never alerted and never named as a driver; the
/// confidential view is for users allowed to see microdata.
/// </summary>
public static class WarningEvaluator
{
    /// <summary>
    /// The alerts of <paramref name="rules"/> on the latest of <paramref name="releases"/> (any order; the earlier
    /// ones serve falling and turning). The release months run Jan–Feb combined (period February), March, …,
    /// December: consecutive means next in that sequence, a missing month breaks the run. Alerts come in rule order,
    /// then cell order. <paramref name="codes"/> give the groups' divisions and the regions' provinces for drivers.
    /// </summary>
    public static IReadOnlyList<WarningAlert> Evaluate(
        WarningRuleSet rules, IReadOnlyList<MonthlyRelease> releases, ReleaseCodes codes, ReleaseView view = ReleaseView.Published)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(releases);
        ArgumentNullException.ThrowIfNull(codes);
        if (releases.Count == 0) return [];
        var ordered = releases.OrderBy(r => r.Period.Index).ToArray();
        for (int i = 1; i < ordered.Length; i++)
            if (ordered[i].Period.Index == ordered[i - 1].Period.Index)
                throw new ArgumentException($"two releases for {ordered[i].Period}", nameof(releases));
        var current = ordered[^1];
        var alerts = new List<WarningAlert>();
        foreach (var rule in rules.Rules)
        {
            foreach (var row in current.Rows(view))
            {
                if (!string.Equals(row.Breakdown, rule.Breakdown, StringComparison.Ordinal)
                    || !string.Equals(row.Measure, rule.Measure, StringComparison.Ordinal)
                    || !rule.Watches(row.Cell)) continue;
                if (!Usable(row, view, out double value)) continue;
                var alert = Test(rule, row, value, ordered, view);
                if (alert is null) continue;
                bool rising = rule.Condition.Kind == ConditionKind.Above
                    || (rule.Condition.Kind == ConditionKind.Turning && alert.Value.Up);
                var drivers = Drivers(current, codes, rule.Breakdown, row.Cell, rule.Measure, view, rising);
                alerts.Add(new WarningAlert(rule.Id, rule.Severity, current.Period, row.Breakdown, row.Cell, row.Measure, value,
                    rule.Condition.Threshold, alert.Value.ParentValue,
                    Format(rule, row.Cell, value, alert.Value.ParentValue), drivers));
            }
        }
        return alerts;
    }

    /// <summary>Evaluates on one release (falling and turning then never fire: they need earlier months).</summary>
    public static IReadOnlyList<WarningAlert> Evaluate(WarningRuleSet rules, MonthlyRelease release, ReleaseCodes codes,
        ReleaseView view = ReleaseView.Published) => Evaluate(rules, [release], codes, view);

    /// <summary>The release month after <paramref name="period"/>: December is followed by the next February.</summary>
    public static YearMonth NextReleaseMonth(YearMonth period) =>
        period.Month == 12 ? new YearMonth(period.Year + 1, 2) : new YearMonth(period.Year, period.Month + 1);

    private static bool Usable(ReleaseRow row, ReleaseView view, out double value)
    {
        value = row.Value ?? 0;
        if (row.Value is null) return false;
        // In the published view a confidential cell has no value anyway; keep the test explicit.
        return view != ReleaseView.Published || row.Flag != ReleaseFlag.Confidential;
    }

    private static (double? ParentValue, bool Up)? Test(WarningRule rule, ReleaseRow row, double value,
        MonthlyRelease[] ordered, ReleaseView view)
    {
        var c = rule.Condition;
        switch (c.Kind)
        {
            case ConditionKind.Below:
                return value < c.Threshold!.Value ? (null, false) : null;
            case ConditionKind.Above:
                return value > c.Threshold!.Value ? (null, true) : null;
            case ConditionKind.WorseThanParent:
            {
                if (row.Parent.Length == 0) return null;
                var parent = row.Parent == ReleaseBreakdowns.All
                    ? ordered[^1].Find(ReleaseBreakdowns.Total, ReleaseBreakdowns.All, row.Measure, view)
                    : ordered[^1].Find(ReleaseBreakdowns.Province, row.Parent, row.Measure, view);
                if (parent is null || !Usable(parent, view, out double p)) return null;
                return p - value > c.Threshold!.Value ? (p, false) : null;
            }
            case ConditionKind.Falling:
            {
                var values = Run(row, ordered, view, c.Months + 1);
                if (values is null) return null;
                for (int i = 1; i < values.Length; i++)
                    if (!(values[i] < values[i - 1])) return null;
                return (null, false);
            }
            case ConditionKind.Turning:
            {
                var v = Run(row, ordered, view, 3);
                if (v is null) return null;
                bool down = v[1] > v[0] && v[2] < v[1];
                bool up = v[1] < v[0] && v[2] > v[1];
                if (down && c.Direction != TurnDirection.Up) return (null, false);
                if (up && c.Direction != TurnDirection.Down) return (null, true);
                return null;
            }
            default:
                return null;
        }
    }

    /// <summary>The last <paramref name="count"/> values of the row's cell over consecutive release months, or null.</summary>
    private static double[]? Run(ReleaseRow row, MonthlyRelease[] ordered, ReleaseView view, int count)
    {
        if (ordered.Length < count) return null;
        var values = new double[count];
        for (int k = 0; k < count; k++)
        {
            var release = ordered[ordered.Length - count + k];
            if (k > 0 && NextReleaseMonth(ordered[ordered.Length - count + k - 1].Period) != release.Period) return null;
            var r = release.Find(row.Breakdown, row.Cell, row.Measure, view);
            if (r is null || !Usable(r, view, out values[k])) return null;
        }
        return values;
    }

    private static string Format(WarningRule rule, string cell, double value, double? parentValue) =>
        rule.Message
            .Replace("{cell}", cell, StringComparison.Ordinal)
            .Replace("{value}", Number(value), StringComparison.Ordinal)
            .Replace("{threshold}", rule.Condition.Threshold is double t ? Number(t) : "", StringComparison.Ordinal)
            .Replace("{parent_value}", parentValue is double p ? Number(p) : "", StringComparison.Ordinal);

    /// <summary>One decimal, as bulletins print growth rates.</summary>
    private static string Number(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The cells one level down, with their pull (month or YTD, following the rule's measure), ranked. Province →
    /// its province_division cells (pulls within the province); division → the province_division cells of that
    /// division ranked by their own pull (the pull within each province: the release rows give no pull of a
    /// province onto a division); section, equipment, key_industry → their divisions; hightech, size, ownership,
    /// tier → every division (the release does not say which divisions their enterprises are in); region4 → its
    /// provinces; total → sections then divisions.
    /// </summary>
    private static IReadOnlyList<WarningDriver> Drivers(MonthlyRelease release, ReleaseCodes codes, string breakdown, string cell,
        string measure, ReleaseView view, bool rising)
    {
        string pull = measure.EndsWith("_month", StringComparison.Ordinal) ? ReleaseMeasures.VaPullMonth : ReleaseMeasures.VaPullYtd;
        IEnumerable<(string Breakdown, string Cell)> candidates = breakdown switch
        {
            ReleaseBreakdowns.Province => codes.Divisions.Select(d => (ReleaseBreakdowns.ProvinceDivision, cell + "|" + d.Code)),
            ReleaseBreakdowns.Division => codes.Provinces.Select(p => (ReleaseBreakdowns.ProvinceDivision, p.Code + "|" + cell)),
            ReleaseBreakdowns.Section => Divisions(codes.Divisions.Where(d => d.Section == cell).Select(d => d.Code)),
            ReleaseBreakdowns.Equipment => Divisions(codes.Divisions.Where(d => d.Equipment).Select(d => d.Code)),
            ReleaseBreakdowns.KeyIndustry => Divisions(codes.KeyIndustries.Where(k => k.Code == cell).SelectMany(k => k.Divisions)),
            ReleaseBreakdowns.HighTech or ReleaseBreakdowns.Size or ReleaseBreakdowns.Ownership or ReleaseBreakdowns.Tier =>
                Divisions(codes.Divisions.Select(d => d.Code)),
            ReleaseBreakdowns.Region4 => codes.Provinces.Where(p => p.Region4 == cell).Select(p => (ReleaseBreakdowns.Province, p.Code)),
            ReleaseBreakdowns.Total => codes.Sections.Select(s => (ReleaseBreakdowns.Section, s)),
            _ => [],
        };
        var drivers = Ranked(release, candidates, pull, view, rising);
        if (breakdown == ReleaseBreakdowns.Total)
            drivers = [.. drivers, .. Ranked(release, Divisions(codes.Divisions.Select(d => d.Code)), pull, view, rising)];
        return drivers;
    }

    private static IEnumerable<(string, string)> Divisions(IEnumerable<string> divisions) =>
        divisions.Select(d => (ReleaseBreakdowns.Division, d));

    private static List<WarningDriver> Ranked(MonthlyRelease release, IEnumerable<(string Breakdown, string Cell)> candidates,
        string pull, ReleaseView view, bool rising)
    {
        var list = new List<WarningDriver>();
        foreach (var (b, c) in candidates)
        {
            var row = release.Find(b, c, pull, view);
            if (row is null || !Usable(row, view, out double v)) continue;
            list.Add(new WarningDriver(b, c, pull, v));
        }
        // Stable order: by pull, then by code.
        list.Sort((x, y) =>
        {
            int k = rising ? y.Pull.CompareTo(x.Pull) : x.Pull.CompareTo(y.Pull);
            return k != 0 ? k : string.CompareOrdinal(x.Cell, y.Cell);
        });
        return list;
    }
}
