using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Statistics.Warnings;

/// <summary>
/// Measures that rules may watch although they are not rows of the release: computed elsewhere (seasonal
/// adjustment, the target-risk simulation) and handed to the evaluator as <see cref="SupplementaryValues"/>.
/// </summary>
public static class SupplementaryMeasures
{
    /// <summary>Seasonally adjusted month-on-month growth of value added, % (per cell, per month).</summary>
    public const string VaSaMom = "va_sa_mom";

    /// <summary>Probability (0 to 1) that the national year-to-date growth ends the year below its target (total/ALL).</summary>
    public const string TargetMissProbability = "target_miss_probability";

    /// <summary>Every supplementary measure.</summary>
    public static readonly IReadOnlyList<string> All = [VaSaMom, TargetMissProbability];

    /// <summary>True when <paramref name="measure"/> is a supplementary measure.</summary>
    public static bool Contains(string measure) => All.Contains(measure, StringComparer.Ordinal);

    /// <summary>True when the supplementary <paramref name="measure"/> exists for <paramref name="breakdown"/>:
    /// the target risk only for total, the adjusted growth for every breakdown but product.</summary>
    public static bool PublishedFor(string measure, string breakdown) => measure switch
    {
        TargetMissProbability => breakdown == ReleaseBreakdowns.Total,
        VaSaMom => breakdown != ReleaseBreakdowns.Product,
        _ => false,
    };

    /// <summary>True when the measure is a month measure (drivers then use month pulls).</summary>
    internal static bool IsMonthMeasure(string measure) =>
        measure.EndsWith("_month", StringComparison.Ordinal) || measure == VaSaMom;
}

/// <summary>The key of a supplementary value.</summary>
public readonly record struct SupplementaryKey(YearMonth Period, string Breakdown, string Cell, string Measure);

/// <summary>A supplementary value with its flag: C (confidential) is never used in the published view; null is empty.</summary>
public readonly record struct SupplementaryValue(double? Value, ReleaseFlag Flag = ReleaseFlag.None);

/// <summary>
/// Values of supplementary measures keyed by (period, breakdown, cell, measure). A rule on a supplementary measure
/// with no value in the evaluated month raises nothing.
/// </summary>
public sealed class SupplementaryValues
{
    private readonly Dictionary<SupplementaryKey, SupplementaryValue> _values = [];

    /// <summary>Adds or replaces a value.</summary>
    /// <exception cref="ArgumentException">The measure is not supplementary, or not defined for the breakdown.</exception>
    public void Set(YearMonth period, string breakdown, string cell, string measure, double? value, ReleaseFlag flag = ReleaseFlag.None)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(measure);
        if (!SupplementaryMeasures.Contains(measure))
            throw new ArgumentException($"\"{measure}\" is not a supplementary measure ({string.Join(", ", SupplementaryMeasures.All)})", nameof(measure));
        if (!SupplementaryMeasures.PublishedFor(measure, breakdown))
            throw new ArgumentException($"measure {measure} does not exist for breakdown {breakdown}", nameof(breakdown));
        if (value is double v && !double.IsFinite(v))
            throw new ArgumentException($"{measure} {breakdown} {cell} {period}: the value must be finite", nameof(value));
        _values[new SupplementaryKey(period, breakdown, cell, measure)] = new SupplementaryValue(value, flag);
    }

    /// <summary>The value at a key, if any.</summary>
    public bool TryGet(YearMonth period, string breakdown, string cell, string measure, out SupplementaryValue value) =>
        _values.TryGetValue(new SupplementaryKey(period, breakdown, cell, measure), out value);

    /// <summary>The cells with a value of <paramref name="measure"/> for a period and breakdown, sorted by code (ordinal).</summary>
    public IReadOnlyList<string> Cells(YearMonth period, string breakdown, string measure) =>
        [.. _values.Keys.Where(k => k.Period == period && k.Breakdown == breakdown && k.Measure == measure)
            .Select(k => k.Cell).Order(StringComparer.Ordinal)];

    /// <summary>Number of values held.</summary>
    public int Count => _values.Count;
}
