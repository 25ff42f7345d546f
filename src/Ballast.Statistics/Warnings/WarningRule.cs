namespace Ballast.Statistics.Warnings;

/// <summary>How urgent an alert is: <c>critical</c>, <c>warning</c> or <c>watch</c>.</summary>
public enum WarningSeverity
{
    Watch = 0,
    Warning = 1,
    Critical = 2,
}

/// <summary>The kind of test a rule applies to a cell.</summary>
public enum ConditionKind
{
    /// <summary>The value is strictly below the threshold.</summary>
    Below,
    /// <summary>The value is strictly above the threshold.</summary>
    Above,
    /// <summary>The value is below the parent cell's value by strictly more than the margin.</summary>
    WorseThanParent,
    /// <summary>The value fell in each of the last N consecutive release months (Jan–Feb, March, …, December).</summary>
    Falling,
    /// <summary>The direction changed at the latest month: rising then falling, or falling then rising.</summary>
    Turning,
}

/// <summary>Which change of direction a <see cref="ConditionKind.Turning"/> rule looks for.</summary>
public enum TurnDirection
{
    /// <summary>Either direction.</summary>
    Any,
    /// <summary>Rising then falling.</summary>
    Down,
    /// <summary>Falling then rising.</summary>
    Up,
}

/// <summary>
/// The condition of a rule. <see cref="Threshold"/> is the threshold of below/above and the margin of
/// worse_than_parent; <see cref="Months"/> is N of falling (at least 2).
/// </summary>
public sealed record WarningCondition(ConditionKind Kind, double? Threshold = null, int Months = 0, TurnDirection Direction = TurnDirection.Any);

/// <summary>
/// One monitoring rule, as read from a rule file: a release measure, the cells it watches (a breakdown and either
/// every cell, <see cref="Cells"/> null, or the listed codes), a condition, a severity and a message template with
/// the placeholders {cell}, {value}, {threshold}, {parent_value}. <see cref="Note"/> says where a threshold comes from.
/// </summary>
public sealed record WarningRule(
    string Id, string Measure, string Breakdown, IReadOnlyList<string>? Cells, WarningCondition Condition,
    WarningSeverity Severity, string Message, string? Note = null)
{
    /// <summary>True when the rule watches <paramref name="cell"/> of its breakdown.</summary>
    public bool Watches(string cell) => Cells is null || Cells.Contains(cell, StringComparer.Ordinal);
}

/// <summary>A validated list of rules with unique ids.</summary>
public sealed class WarningRuleSet
{
    public WarningRuleSet(IReadOnlyList<WarningRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
    }

    public IReadOnlyList<WarningRule> Rules { get; }
}

/// <summary>A rule file that cannot be used; <see cref="Problems"/> lists every problem found, one sentence each.</summary>
public sealed class WarningRuleException : Exception
{
    public WarningRuleException(string source, IReadOnlyList<string> problems)
        : base($"The rule file {source} cannot be used: " + string.Join("; ", problems))
    {
        FileName = source;
        Problems = problems;
    }

    public WarningRuleException() : this("(unknown)", []) { }
    public WarningRuleException(string message) : base(message) { FileName = ""; Problems = [message]; }
    public WarningRuleException(string message, Exception inner) : base(message, inner) { FileName = ""; Problems = [message]; }

    /// <summary>The name of the rule file.</summary>
    public string FileName { get; }

    public IReadOnlyList<string> Problems { get; }
}
