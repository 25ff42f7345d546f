using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Statistics.Warnings;

/// <summary>A cell one level down whose pull (percentage points, release.md "pull") helps explain an alert.</summary>
public sealed record WarningDriver(string Breakdown, string Cell, string Measure, double Pull)
{
    /// <summary>
    /// For a province or a key industry alerted against its parent (worse_than_parent): the driver's part of the
    /// cell's gap to the parent, in percentage points; over all of the cell's divisions the parts add up to the cell's
    /// growth less the parent's, so the most negative ones are where it falls behind. A province: the division's pull
    /// within the province less the same division's pull onto the national total. A key industry: the division's
    /// weight in it times its growth less the whole industry's, (B_d / B_K)(g_d − g). Null for other alerts, and where
    /// a figure it needs is not usable (published view: confidential; a growth of exactly 0 gives no weight).
    /// </summary>
    public double? PullGap { get; init; }

    /// <summary>
    /// For an alert on a fall (falling, turning): the driver's pull now less its pull at <see cref="ChangeSince"/>, the
    /// release month the fall is measured from (N release months back for falling over N months, the month before
    /// for a turn). Null for other alerts, and where the earlier pull is not usable.
    /// </summary>
    public double? PullChange { get; init; }

    /// <summary>The release month <see cref="PullChange"/> is measured from.</summary>
    public YearMonth? ChangeSince { get; init; }
}

/// <summary>
/// An enterprise that accounts for much of the change in an alert's cell: its pull onto the cell, (A_e − B_e) / B
/// × 100 in percentage points, where A_e and B_e are the enterprise's value added at comparable prices and in the
/// base period over its matched pairs and B the cell's base (the pulls of a cell's enterprises add up to the
/// cell's growth). Only for viewers with microdata rights (<see cref="ReleaseView.Confidential"/>).
/// </summary>
public sealed record EnterpriseDriver(string CreditCode, string? Name, double Pull);

/// <summary>
/// A rule that fired on a cell. <see cref="Threshold"/> is the rule's threshold or margin (null for falling and
/// turning); <see cref="ParentValue"/> the parent cell's value for worse_than_parent. <see cref="Drivers"/> are
/// ranked by pull: most negative first for a slowdown, most positive first for a rise (<see cref="Rising"/>).
/// <see cref="Enterprises"/> is empty unless enterprise drivers were attached for the confidential view.
/// </summary>
public sealed record WarningAlert(
    string RuleId, WarningSeverity Severity, YearMonth Period, string Breakdown, string Cell, string Measure, double Value,
    double? Threshold, double? ParentValue, string Message, IReadOnlyList<WarningDriver> Drivers)
{
    /// <summary>True when the alert is about a rise (above, an upturn): drivers are ranked most positive first.</summary>
    public bool Rising { get; init; }

    /// <summary>The enterprises driving the cell, ranked like <see cref="Drivers"/> (confidential view only).</summary>
    public IReadOnlyList<EnterpriseDriver> Enterprises { get; init; } = [];
}

/// <summary>
/// Evaluates monitoring rules over a release and, for falling and turning, the releases of earlier months. By default
/// on the published view, where a confidential (C) cell is never alerted and never named as a driver; the
/// confidential view is for users allowed to see microdata. Rules may also watch supplementary measures
/// (<see cref="SupplementaryMeasures"/>) given as <see cref="SupplementaryValues"/>.
/// </summary>
public static class WarningEvaluator
{
    /// <summary>
    /// The alerts of <paramref name="rules"/> on the latest of <paramref name="releases"/> (any order; the earlier
    /// ones serve falling and turning). The release months run Jan–Feb combined (period February), March, …,
    /// December: consecutive means next in that sequence, a missing month breaks the run. Alerts come in rule order,
    /// then cell order. <paramref name="codes"/> give the groups' divisions and the regions' provinces for drivers.
    /// <paramref name="supplementary"/> holds the values of supplementary measures (a rule on one with no value at
    /// the latest month raises nothing); in the published view a supplementary value flagged C, or on a cell the
    /// release marks confidential, is not used.
    /// </summary>
    public static IReadOnlyList<WarningAlert> Evaluate(
        WarningRuleSet rules, IReadOnlyList<MonthlyRelease> releases, ReleaseCodes codes, ReleaseView view = ReleaseView.Published,
        SupplementaryValues? supplementary = null)
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
        var source = new Source(ordered, supplementary, view);
        var alerts = new List<WarningAlert>();
        foreach (var rule in rules.Rules)
        {
            foreach (var (cell, parent) in source.Cells(rule))
            {
                if (!rule.Watches(cell)) continue;
                if (!source.TryValue(current.Period, rule.Breakdown, cell, rule.Measure, out double value)) continue;
                var alert = Test(rule, cell, parent, value, source, current.Period);
                if (alert is null) continue;
                bool rising = rule.Condition.Kind == ConditionKind.Above
                    || (rule.Condition.Kind == ConditionKind.Turning && alert.Value.Up);
                var drivers = Drivers(current, codes, rule.Breakdown, cell, rule.Measure, view, rising);
                drivers = RankedForTheAlert(rule, cell, drivers, current, source, view, rising);
                alerts.Add(new WarningAlert(rule.Id, rule.Severity, current.Period, rule.Breakdown, cell, rule.Measure, value,
                    rule.Condition.Threshold, alert.Value.ParentValue,
                    Format(rule, cell, value, alert.Value.ParentValue), drivers) { Rising = rising });
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

    /// <summary>The release month before <paramref name="period"/>: February is preceded by the previous December.</summary>
    public static YearMonth PreviousReleaseMonth(YearMonth period) =>
        period.Month == 2 ? new YearMonth(period.Year - 1, 12) : period.Previous;

    private static bool Usable(ReleaseRow row, ReleaseView view, out double value)
    {
        value = row.Value ?? 0;
        if (row.Value is null) return false;
        // In the published view a confidential cell has no value anyway; keep the test explicit.
        return view != ReleaseView.Published || row.Flag != ReleaseFlag.Confidential;
    }

    /// <summary>Where values come from: the release rows, or the supplementary values for supplementary measures.</summary>
    private sealed class Source(MonthlyRelease[] ordered, SupplementaryValues? supplementary, ReleaseView view)
    {
        private readonly Dictionary<YearMonth, MonthlyRelease> _byPeriod = ordered.ToDictionary(r => r.Period);

        /// <summary>The cells of the rule's breakdown with a value of its measure at the latest month, with their parent.</summary>
        public IEnumerable<(string Cell, string Parent)> Cells(WarningRule rule)
        {
            var current = ordered[^1];
            if (!SupplementaryMeasures.Contains(rule.Measure))
            {
                foreach (var row in current.Rows(view))
                    if (string.Equals(row.Breakdown, rule.Breakdown, StringComparison.Ordinal)
                        && string.Equals(row.Measure, rule.Measure, StringComparison.Ordinal))
                        yield return (row.Cell, row.Parent);
                yield break;
            }
            if (supplementary is null) yield break;
            foreach (var cell in supplementary.Cells(current.Period, rule.Breakdown, rule.Measure))
                yield return (cell, ParentOf(rule.Breakdown, cell));
        }

        /// <summary>The release of <paramref name="period"/> among those given, or null.</summary>
        public MonthlyRelease? Release(YearMonth period) => _byPeriod.GetValueOrDefault(period);

        public bool TryValue(YearMonth period, string breakdown, string cell, string measure, out double value)
        {
            value = 0;
            if (!SupplementaryMeasures.Contains(measure))
            {
                if (!_byPeriod.TryGetValue(period, out var release)) return false;
                var row = release.Find(breakdown, cell, measure, view);
                return row is not null && Usable(row, view, out value);
            }
            if (supplementary is null || !supplementary.TryGet(period, breakdown, cell, measure, out var s) || s.Value is null) return false;
            if (view == ReleaseView.Published)
            {
                if (s.Flag == ReleaseFlag.Confidential) return false;
                // A value on a cell the release keeps confidential would reveal it: not used.
                if (_byPeriod.TryGetValue(period, out var release)
                    && release.Find(breakdown, cell, ReleaseMeasures.VaYoyYtd, ReleaseView.Confidential) is { Flag: ReleaseFlag.Confidential })
                    return false;
            }
            value = s.Value.Value;
            return true;
        }
    }

    /// <summary>The parent column of a cell (release.md, Output table): "" for total, the province for province × division, else ALL.</summary>
    private static string ParentOf(string breakdown, string cell) => breakdown switch
    {
        ReleaseBreakdowns.Total => "",
        ReleaseBreakdowns.ProvinceDivision => cell.Split('|')[0],
        _ => ReleaseBreakdowns.All,
    };

    private static (double? ParentValue, bool Up)? Test(WarningRule rule, string cell, string parent, double value,
        Source source, YearMonth period)
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
                if (parent.Length == 0) return null;
                var (pb, pc) = parent == ReleaseBreakdowns.All
                    ? (ReleaseBreakdowns.Total, ReleaseBreakdowns.All)
                    : (ReleaseBreakdowns.Province, parent);
                if (!source.TryValue(period, pb, pc, rule.Measure, out double p)) return null;
                return p - value > c.Threshold!.Value ? (p, false) : null;
            }
            case ConditionKind.Falling:
            {
                var values = Run(rule, cell, source, period, c.Months + 1);
                if (values is null) return null;
                for (int i = 1; i < values.Length; i++)
                    if (!(values[i] < values[i - 1])) return null;
                return (null, false);
            }
            case ConditionKind.Turning:
            {
                var v = Run(rule, cell, source, period, 3);
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

    /// <summary>The cell's values over the last <paramref name="count"/> consecutive release months, oldest first, or null.</summary>
    private static double[]? Run(WarningRule rule, string cell, Source source, YearMonth period, int count)
    {
        var values = new double[count];
        var month = period;
        for (int k = count - 1; k >= 0; k--)
        {
            if (!source.TryValue(month, rule.Breakdown, cell, rule.Measure, out values[k])) return null;
            month = PreviousReleaseMonth(month);
        }
        return values;
    }

    private static string Format(WarningRule rule, string cell, double value, double? parentValue)
    {
        // A probability reads in hundredths (0.62); growth rates and shares with one decimal, as bulletins print them.
        string format = rule.Measure == SupplementaryMeasures.TargetMissProbability ? "0.00" : "0.0";
        string Number(double v) => v.ToString(format, CultureInfo.InvariantCulture);
        return rule.Message
            .Replace("{cell}", cell, StringComparison.Ordinal)
            .Replace("{value}", Number(value), StringComparison.Ordinal)
            .Replace("{threshold}", rule.Condition.Threshold is double t ? Number(t) : "", StringComparison.Ordinal)
            .Replace("{parent_value}", parentValue is double p ? Number(p) : "", StringComparison.Ordinal);
    }

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
        string pull = SupplementaryMeasures.IsMonthMeasure(measure) ? ReleaseMeasures.VaPullMonth : ReleaseMeasures.VaPullYtd;
        IEnumerable<(string Breakdown, string Cell)> candidates = breakdown switch
        {
            ReleaseBreakdowns.Province => codes.Divisions.Select(d => (ReleaseBreakdowns.ProvinceDivision, cell + "|" + d.Code)),
            ReleaseBreakdowns.Division => codes.Provinces.Select(p => (ReleaseBreakdowns.ProvinceDivision, p.Code + "|" + cell)),
            ReleaseBreakdowns.Section => Divisions(codes.Divisions.Where(d => d.Section == cell).Select(d => d.Code)),
            ReleaseBreakdowns.Equipment => Divisions(codes.Divisions.Where(d => d.Equipment).Select(d => d.Code)),
            ReleaseBreakdowns.KeyIndustry => Divisions(codes.KeyIndustries.Where(k => k.Code == cell).SelectMany(k => k.Divisions)),
            ReleaseBreakdowns.HighTech when codes.HighTechDivisions.Count > 0 => Divisions(codes.HighTechDivisions),
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

    /// <summary>
    /// The drivers ranked by what the alert is about. Against the parent (province, key industry): by each division's
    /// part of the gap. A fall or a turn: by the change of each pull since the month it is measured from (N release
    /// months back for falling over N months, the month before for a turn). Otherwise as they are, by pull.
    /// </summary>
    private static IReadOnlyList<WarningDriver> RankedForTheAlert(WarningRule rule, string cell, IReadOnlyList<WarningDriver> drivers,
        MonthlyRelease current, Source source, ReleaseView view, bool rising)
    {
        switch (rule.Condition.Kind)
        {
            case ConditionKind.WorseThanParent when rule.Breakdown == ReleaseBreakdowns.Province:
                return Reranked(drivers, d => AgainstNational(current, d, view) is { } gap ? d with { PullGap = gap } : null,
                    d => d.PullGap!.Value, rising);
            case ConditionKind.WorseThanParent when rule.Breakdown == ReleaseBreakdowns.KeyIndustry:
                return Reranked(drivers, d => AgainstWholeIndustry(current, cell, d, view) is { } gap ? d with { PullGap = gap } : null,
                    d => d.PullGap!.Value, rising);
            case ConditionKind.Falling or ConditionKind.Turning:
            {
                var since = current.Period;
                for (int step = rule.Condition.Kind == ConditionKind.Falling ? rule.Condition.Months : 1; step > 0; step--)
                    since = PreviousReleaseMonth(since);
                if (source.Release(since) is not { } earlier) return drivers;
                return Reranked(drivers, d => Figure(earlier, d.Breakdown, d.Cell, d.Measure, view) is { } before
                    ? d with { PullChange = d.Pull - before, ChangeSince = earlier.Period } : null, d => d.PullChange!.Value, rising);
            }
            default:
                return drivers;
        }
    }

    /// <summary>
    /// Drivers ranked anew by a figure that <paramref name="withFigure"/> attaches (null where it cannot be had):
    /// within each breakdown (the total keeps its sections before its divisions), most negative first, most positive
    /// first for a rise, ties by code; those without the figure after the others of their breakdown, in their previous
    /// order. By the level of its pull alone, a cell that grows in every division but slower than its parent shows
    /// its smallest divisions (pulls near zero), and a fall the cells that pull least rather than those that moved.
    /// </summary>
    private static IReadOnlyList<WarningDriver> Reranked(IReadOnlyList<WarningDriver> drivers, Func<WarningDriver, WarningDriver?> withFigure,
        Func<WarningDriver, double> figure, bool rising)
    {
        var result = new List<WarningDriver>(drivers.Count);
        foreach (var group in drivers.GroupBy(d => d.Breakdown, StringComparer.Ordinal))
        {
            var with = new List<WarningDriver>();
            var without = new List<WarningDriver>();
            foreach (var d in group)
            {
                if (withFigure(d) is { } attached) with.Add(attached);
                else without.Add(d);
            }
            with.Sort((x, y) =>
            {
                int k = rising ? figure(y).CompareTo(figure(x)) : figure(x).CompareTo(figure(y));
                return k != 0 ? k : string.CompareOrdinal(x.Cell, y.Cell);
            });
            result.AddRange(with);
            result.AddRange(without);
        }
        return result;
    }

    /// <summary>A province × division driver's pull less the national pull of its division (Σ = g_P − g).</summary>
    private static double? AgainstNational(MonthlyRelease release, WarningDriver d, ReleaseView view)
    {
        string division = d.Cell[(d.Cell.IndexOf('|', StringComparison.Ordinal) + 1)..];
        return Figure(release, ReleaseBreakdowns.Division, division, d.Measure, view) is { } national ? d.Pull - national : null;
    }

    /// <summary>
    /// A key industry's division: (B_d / B_K)(g_d − g), Σ over the key industry's divisions = g_K − g. The weights come
    /// from the rows, B_d / B = pull_d / g_d and B_K / B = pull_K / g_K (the same A − B over different bases, so the
    /// ratio keeps its precision for small growth); a growth of exactly 0 leaves the weight unknown.
    /// </summary>
    private static double? AgainstWholeIndustry(MonthlyRelease release, string keyIndustry, WarningDriver d, ReleaseView view)
    {
        string growth = d.Measure == ReleaseMeasures.VaPullMonth ? ReleaseMeasures.VaYoyMonth : ReleaseMeasures.VaYoyYtd;
        if (Figure(release, ReleaseBreakdowns.Division, d.Cell, growth, view) is not { } gd || gd == 0
            || Figure(release, ReleaseBreakdowns.KeyIndustry, keyIndustry, growth, view) is not { } gk || gk == 0
            || Figure(release, ReleaseBreakdowns.KeyIndustry, keyIndustry, d.Measure, view) is not { } pullK || pullK == 0
            || Figure(release, ReleaseBreakdowns.Total, ReleaseBreakdowns.All, growth, view) is not { } g)
            return null;
        double weight = d.Pull / gd / (pullK / gk);
        return weight * (gd - g);
    }

    private static double? Figure(MonthlyRelease release, string breakdown, string cell, string measure, ReleaseView view) =>
        release.Find(breakdown, cell, measure, view) is { } row && Usable(row, view, out double v) ? v : null;

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
