using System.Globalization;
using System.Text;

namespace Ballast.Core.Programs;

/// <summary>
/// What one criterion found: met or not, the value read, the threshold, the source of the value, and the parts
/// (of a group, or the groups and items of a score). A missing indicator is "no value" and never meets.
/// </summary>
public sealed record CriterionOutcome(
    string Id, string Label, bool Met, string? Value, string Threshold, string? Source, IReadOnlyList<CriterionOutcome> Parts);

/// <summary>The pre-check of a subject against a tier: pass or not, and every criterion explained.</summary>
public sealed record TierCheck(string Program, string Tier, string Subject, bool Passed, CriterionOutcome Criteria)
{
    /// <summary>The explanation as indented lines: "[met] label: value (threshold) — source".</summary>
    public string Explain()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Tier} for {Subject}: {(Passed ? "passes" : "does not pass")}\n");
        Write(sb, Criteria, 1);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, CriterionOutcome o, int depth)
    {
        sb.Append(' ', depth * 2).Append(o.Met ? "[met]     " : "[not met] ").Append(o.Label);
        if (o.Value is not null || o.Parts.Count == 0) sb.Append(": ").Append(o.Value ?? "no value");
        sb.Append(" (").Append(o.Threshold).Append(')');
        if (o.Source is not null) sb.Append(" — ").Append(o.Source);
        sb.Append('\n');
        foreach (var p in o.Parts) Write(sb, p, depth + 1);
    }
}

/// <summary>Evaluates criteria over indicators (inclusive ≥ and ≤, programs.md); pure, no store.</summary>
public static class CriteriaEvaluator
{
    public static TierCheck Check(ProgramDefinition program, TierDefinition tier, string subject, Indicators indicators)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(tier);
        var outcome = Evaluate(tier.Criteria, indicators, program);
        return new TierCheck(program.Code, tier.Tier, subject, outcome.Met, outcome);
    }

    /// <summary>The monitoring criteria of a tier (all must hold), or null when the tier has none.</summary>
    public static CriterionOutcome? Monitor(ProgramDefinition program, TierDefinition tier, Indicators indicators)
    {
        ArgumentNullException.ThrowIfNull(tier);
        if (tier.Monitor.Count == 0) return null;
        var parts = tier.Monitor.Select(c => Evaluate(c, indicators, program)).ToList();
        return new CriterionOutcome("monitor", "monitoring of certified holders", parts.All(p => p.Met), null, "all of", null, parts);
    }

    public static CriterionOutcome Evaluate(Criterion criterion, Indicators indicators, ProgramDefinition program)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(program);
        switch (criterion)
        {
            case Comparison c:
                IndicatorValue? v = c.Indicator is not null ? indicators[c.Indicator]
                    : program.Settings.TryGetValue(c.Setting!, out var s) ? new IndicatorValue(s.Value.Number, s.Value.Flag is bool f ? (f ? "yes" : "no") : null, "setting " + s.Name) : null;
                return new CriterionOutcome(c.Id, c.Label, Compare(c, v), v?.ToString(), c.ThresholdText, v?.Source, []);
            case GroupCriterion g:
                var parts = g.Parts.Select(p => Evaluate(p, indicators, program)).ToList();
                bool met = g.RequireAll ? parts.All(p => p.Met) : parts.Any(p => p.Met);
                return new CriterionOutcome(g.Id, g.Label, met, null, g.RequireAll ? "all of" : "any of", null, parts);
            case ScoreCriterion sc:
                return Score(sc, indicators);
            default:
                throw new ArgumentException($"unknown criterion type {criterion.GetType().Name}", nameof(criterion));
        }
    }

    /// <summary>True when the value meets the comparison; a missing value or one of the wrong kind never does.</summary>
    public static bool Compare(Comparison c, IndicatorValue? v)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (v is null) return false;
        return c.Kind switch
        {
            ComparisonKind.Min => v.Number is double a && a >= c.Number!.Value,
            ComparisonKind.Max => v.Number is double b && b <= c.Number!.Value,
            ComparisonKind.Above => v.Number is double d && d > c.Number!.Value,
            ComparisonKind.Below => v.Number is double e && e < c.Number!.Value,
            ComparisonKind.In => v.Code is { } code && c.Codes!.Contains(code, StringComparer.Ordinal),
            _ => v.Code is "yes" or "no" && (v.Code == "yes") == c.Flag!.Value,
        };
    }

    private static CriterionOutcome Score(ScoreCriterion sc, Indicators indicators)
    {
        var groups = new List<CriterionOutcome>();
        double total = 0;
        bool groupsMet = true;
        foreach (var g in sc.Groups)
        {
            double sum = 0;
            var items = new List<CriterionOutcome>();
            foreach (var item in g.Items)
            {
                var v = indicators[item.Indicator];
                var (points, rule) = Points(item, v);
                sum += points;
                items.Add(new CriterionOutcome(item.Indicator, item.Label, points > 0, v?.ToString(),
                    $"{IndicatorValue.FormatNumber(points)} of {IndicatorValue.FormatNumber(item.Max)} points: {rule}", v?.Source, []));
            }
            bool met = g.Min is not double m || sum >= m;
            groupsMet &= met;
            total += sum;
            groups.Add(new CriterionOutcome(g.Id, g.Label, met, IndicatorValue.FormatNumber(sum),
                g.Min is double gm ? "≥ " + IndicatorValue.FormatNumber(gm) + " points" : "no minimum", null, items));
        }
        bool passed = total >= sc.MinTotal && groupsMet;
        return new CriterionOutcome(sc.Id, sc.Label, passed, IndicatorValue.FormatNumber(total),
            $"total ≥ {IndicatorValue.FormatNumber(sc.MinTotal)} points" + (sc.Groups.Any(g => g.Min is not null) ? " and each group at its minimum" : ""), null, groups);
    }

    /// <summary>The points an item gives a value, and which rule gave them.</summary>
    public static (double Points, string Rule) Points(ScoreItem item, IndicatorValue? v)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (v is null) return (0, "no value");
        if (item.Bands is not null)
        {
            if (v.Number is not double n) return (0, "not a number");
            foreach (var b in item.Bands)
                if (b.Holds(n)) return (b.Points, b.Text);
            return (0, "no band"); // unreachable: the reader requires a catch-all band
        }
        if (item.ByCode is not null)
            return v.Code is { } code && item.ByCode.TryGetValue(code, out double p) ? (p, code) : (0, "code not scored");
        if (v.Number is not double x) return (0, "not a number");
        return (Math.Clamp(x, 0, item.UpTo!.Value), "its own value, up to " + IndicatorValue.FormatNumber(item.UpTo!.Value));
    }
}
