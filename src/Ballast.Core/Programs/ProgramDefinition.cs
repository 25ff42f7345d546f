namespace Ballast.Core.Programs;

/// <summary>What a program certifies: an enterprise, or one factory of an enterprise (intelligent and green factories).</summary>
public enum ProgramSubject { Enterprise, Factory }

/// <summary>Who decides at a review step, in order: the enterprise itself (self-assessment), the province, the ministry.</summary>
public enum ReviewStep { Self, Province, Ministry }

/// <summary>
/// One program as its file defines it (docs/programs.md): tiers, who reviews each, validity, criteria as rules over
/// indicators, and the settings for every number the published texts leave open.
/// </summary>
public sealed record ProgramDefinition(
    string Code,
    string NameEn,
    string NameZh,
    ProgramSubject Subject,
    IReadOnlyList<string> Sources,
    IReadOnlyDictionary<string, ProgramSetting> Settings,
    IReadOnlyList<TierDefinition> Tiers,
    string File)
{
    /// <summary>The tier with this code, or null.</summary>
    public TierDefinition? Tier(string code) => Tiers.FirstOrDefault(t => string.Equals(t.Tier, code, StringComparison.Ordinal));
}

/// <summary>A number, flag or list the published texts leave open; <see cref="Note"/> says so and where the default comes from.</summary>
public sealed record ProgramSetting(string Name, SettingValue Value, string Note);

/// <summary>A setting's value: a number, a yes/no flag or a list of codes.</summary>
public sealed record SettingValue(double? Number, bool? Flag, IReadOnlyList<string>? Codes)
{
    public override string ToString() =>
        Number is double n ? IndicatorValue.FormatNumber(n) : Flag is bool f ? (f ? "yes" : "no") : string.Join(';', Codes ?? []);
}

/// <summary>
/// A tier of a program: the review steps after the pre-check (<see cref="ReviewStep.Self"/> alone certifies at
/// application), the validity in years, the criteria of recognition and the monitoring criteria that a
/// certified holder must keep meeting (evaluated on year-to-date indicators of a release period).
/// </summary>
public sealed record TierDefinition(
    string Tier,
    string NameEn,
    IReadOnlyList<ReviewStep> Reviewers,
    int ValidityYears,
    Criterion Criteria,
    IReadOnlyList<Criterion> Monitor);

/// <summary>A rule over indicators; <see cref="Id"/> is unique within its tier, <see cref="Label"/> is what users read.</summary>
public abstract record Criterion(string Id, string Label);

/// <summary>How a comparison reads: ≥ and ≤ inclusive (programs.md), &gt; and &lt; strict, membership, a yes/no flag.</summary>
public enum ComparisonKind { Min, Max, Above, Below, In, Is }

/// <summary>
/// A comparison of one indicator (or one setting) with a threshold. A threshold that names a setting is resolved
/// when the file is read (<see cref="ThresholdSetting"/> keeps the name for explanations).
/// </summary>
public sealed record Comparison(
    string Id, string Label, string? Indicator, string? Setting, ComparisonKind Kind,
    double? Number, IReadOnlyList<string>? Codes, bool? Flag, string? ThresholdSetting) : Criterion(Id, Label)
{
    /// <summary>The threshold as users read it: "≥ 3", "&lt; 55", "in provincial;national", "yes".</summary>
    public string ThresholdText => Kind switch
    {
        ComparisonKind.Min => "≥ " + IndicatorValue.FormatNumber(Number!.Value),
        ComparisonKind.Max => "≤ " + IndicatorValue.FormatNumber(Number!.Value),
        ComparisonKind.Above => "> " + IndicatorValue.FormatNumber(Number!.Value),
        ComparisonKind.Below => "< " + IndicatorValue.FormatNumber(Number!.Value),
        ComparisonKind.In => "one of " + string.Join(", ", Codes!),
        _ => Flag!.Value ? "yes" : "no",
    } + (ThresholdSetting is null ? "" : $" (setting {ThresholdSetting})");
}

/// <summary>All of the parts (<see cref="RequireAll"/>) or any of them.</summary>
public sealed record GroupCriterion(string Id, string Label, bool RequireAll, IReadOnlyList<Criterion> Parts) : Criterion(Id, Label);

/// <summary>A scoring table: the total must reach <see cref="MinTotal"/> and each group its own minimum.</summary>
public sealed record ScoreCriterion(string Id, string Label, double MinTotal, IReadOnlyList<ScoreGroup> Groups) : Criterion(Id, Label);

public sealed record ScoreGroup(string Id, string Label, double? Min, IReadOnlyList<ScoreItem> Items);

/// <summary>
/// One scored indicator: by bands (the first band whose bounds hold gives the points), by code, or the indicator's
/// own value as points capped at <see cref="UpTo"/>. <see cref="Max"/> is the most the item can give.
/// </summary>
public sealed record ScoreItem(string Indicator, string Label, IReadOnlyList<ScoreBand>? Bands, IReadOnlyDictionary<string, double>? ByCode, double? UpTo)
{
    public double Max => Bands is not null ? Bands.Max(b => b.Points) : ByCode is not null ? ByCode.Values.Max() : UpTo!.Value;
}

/// <summary>A band: every bound given must hold (min ≥, above &gt;, max ≤, below &lt;); none given is the catch-all.</summary>
public sealed record ScoreBand(double? Min, double? Above, double? Max, double? Below, double Points)
{
    public bool Holds(double v) =>
        (Min is not double a || v >= a) && (Above is not double b || v > b) && (Max is not double c || v <= c) && (Below is not double d || v < d);

    public string Text
    {
        get
        {
            var parts = new List<string>();
            if (Min is double a) parts.Add("≥ " + IndicatorValue.FormatNumber(a));
            if (Above is double b) parts.Add("> " + IndicatorValue.FormatNumber(b));
            if (Max is double c) parts.Add("≤ " + IndicatorValue.FormatNumber(c));
            if (Below is double d) parts.Add("< " + IndicatorValue.FormatNumber(d));
            return parts.Count == 0 ? "otherwise" : string.Join(" and ", parts);
        }
    }
}
