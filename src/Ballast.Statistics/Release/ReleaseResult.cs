using System.Globalization;
using Ballast.Statistics.Periods;

namespace Ballast.Statistics.Release;

/// <summary>The flag of a figure (release.md, Output table): none, <c>C</c> confidential, <c>E</c> not computable.</summary>
public enum ReleaseFlag
{
    None = 0,
    /// <summary><c>C</c>: the cell is confidential (primary or secondary suppression); takes precedence over E.</summary>
    Confidential = 1,
    /// <summary><c>E</c>: the figure's denominator (its base) is zero, so it has no value.</summary>
    Empty = 2,
}

/// <summary>Which values a written release shows (release.md, Disclosure control rule 5).</summary>
public enum ReleaseView
{
    /// <summary>What may leave the ministry: values of confidential cells are removed.</summary>
    Published,
    /// <summary>For users allowed to see microdata: every value, confidential cells keep their C flag.</summary>
    Confidential,
}

/// <summary>
/// One figure of the release: a row of the tidy output table (release.md, Output table). <see cref="Value"/> is
/// null when the figure is empty (<see cref="ReleaseFlag.Empty"/>) or withheld in the published view; the
/// <c>enterprises</c> measure holds an integer.
/// </summary>
public sealed record ReleaseRow(
    YearMonth Period, string Breakdown, string Cell, string Parent, string Measure, double? Value, ReleaseFlag Flag);

/// <summary>Why a release could not be computed.</summary>
public enum ReleaseErrorKind
{
    /// <summary>January is published together with February: there is no January release.</summary>
    JanuaryRefused,
    /// <summary>No enterprise has a report for the period.</summary>
    NoReportsAtPeriod,
    /// <summary>No enterprise has a report for the same month a year earlier, so nothing can be compared.</summary>
    NoReportsYearEarlier,
    /// <summary>Value-added rates or PPI are missing; <see cref="ReleaseError.MissingKeys"/> lists every one.</summary>
    MissingReferenceData,
}

/// <summary>A reason the release was refused, as a sentence for the user.</summary>
/// <param name="MissingKeys">For <see cref="ReleaseErrorKind.MissingReferenceData"/>: every missing key,
/// "va_rate DD YYYY" then "ppi DD YYYY-MM", sorted; otherwise empty.</param>
public sealed record ReleaseError(ReleaseErrorKind Kind, string Message, IReadOnlyList<string> MissingKeys);

/// <summary>A cell that secondary suppression made confidential, and the line that required it.</summary>
public sealed record SecondarySuppression(string Breakdown, string Cell, string Line);

/// <summary>
/// A partition line left with exactly one confidential cell and no cell left to suppress (release.md, Disclosure
/// control rule 3): it goes to the release log.
/// </summary>
public sealed record UnfixableLine(string Line, string ConfidentialBreakdown, string ConfidentialCell)
{
    public override string ToString() =>
        $"{Line}: only {ConfidentialBreakdown}/{ConfidentialCell} is confidential and no other cell can be suppressed";
}

/// <summary>The outcome of <see cref="ReleaseEngine.Compute"/>: a release, or the errors that refused it.</summary>
public sealed class ReleaseResult
{
    internal ReleaseResult(YearMonth period, MonthlyRelease? release, IReadOnlyList<ReleaseError> errors)
    {
        Period = period;
        Release = release;
        Errors = errors;
    }

    public YearMonth Period { get; }

    /// <summary>The release; null when <see cref="Errors"/> is not empty.</summary>
    public MonthlyRelease? Release { get; }

    public IReadOnlyList<ReleaseError> Errors { get; }

    public bool Succeeded => Release is not null;
}

/// <summary>
/// A computed monthly release: every row of release.md "Which rows a release has", in the two views of rule 5,
/// sorted by breakdown, cell and measure (ordinal), plus the disclosure-control log.
/// </summary>
public sealed class MonthlyRelease
{
    internal MonthlyRelease(YearMonth period, ReleaseRow[] confidential, ReleaseRow[] published,
        IReadOnlyList<SecondarySuppression> secondary, IReadOnlyList<UnfixableLine> unfixable)
    {
        Period = period;
        ConfidentialRows = confidential;
        PublishedRows = published;
        SecondarySuppressions = secondary;
        UnfixableLines = unfixable;
        _index = new Dictionary<(string, string, string), int>(confidential.Length);
        for (int i = 0; i < confidential.Length; i++)
            _index[(confidential[i].Breakdown, confidential[i].Cell, confidential[i].Measure)] = i;
    }

    private readonly Dictionary<(string, string, string), int> _index;

    public YearMonth Period { get; }

    /// <summary>Unsuppressed values with their C flags kept, for users allowed to see microdata.</summary>
    public IReadOnlyList<ReleaseRow> ConfidentialRows { get; }

    /// <summary>The published view: values of confidential cells removed (flag C), <c>enterprises</c> kept.</summary>
    public IReadOnlyList<ReleaseRow> PublishedRows { get; }

    /// <summary>Cells suppressed by secondary suppression, in the order they were suppressed.</summary>
    public IReadOnlyList<SecondarySuppression> SecondarySuppressions { get; }

    /// <summary>Lines with exactly one confidential cell that could not be fixed (to the release log).</summary>
    public IReadOnlyList<UnfixableLine> UnfixableLines { get; }

    public IReadOnlyList<ReleaseRow> Rows(ReleaseView view) => view == ReleaseView.Published ? PublishedRows : ConfidentialRows;

    /// <summary>The row of a figure, or null when the release has no such row.</summary>
    public ReleaseRow? Find(string breakdown, string cell, string measure, ReleaseView view = ReleaseView.Published) =>
        _index.TryGetValue((breakdown, cell, measure), out int i) ? Rows(view)[i] : null;

    /// <summary>
    /// Writes the tidy CSV of release.md "Output table": header <c>period,breakdown,cell,parent,measure,value,flag</c>,
    /// values in the shortest round-trip form (invariant culture), <c>enterprises</c> as an integer, LF line ends.
    /// </summary>
    public void WriteCsv(TextWriter writer, ReleaseView view)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("period,breakdown,cell,parent,measure,value,flag\n");
        string period = Period.ToString();
        foreach (var row in Rows(view))
        {
            writer.Write(period);
            writer.Write(',');
            writer.Write(Field(row.Breakdown));
            writer.Write(',');
            writer.Write(Field(row.Cell));
            writer.Write(',');
            writer.Write(Field(row.Parent));
            writer.Write(',');
            writer.Write(Field(row.Measure));
            writer.Write(',');
            writer.Write(FormatValue(row.Measure, row.Value));
            writer.Write(',');
            writer.Write(FlagText(row.Flag));
            writer.Write('\n');
        }
    }

    /// <summary>A value as the output table prints it: empty, an integer for <c>enterprises</c>, else round-trip.</summary>
    public static string FormatValue(string measure, double? value)
    {
        if (value is not double v) return "";
        if (string.Equals(measure, ReleaseMeasures.Enterprises, StringComparison.Ordinal))
            return ((long)v).ToString(CultureInfo.InvariantCulture);
        return v.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"", "C" or "E".</summary>
    public static string FlagText(ReleaseFlag flag) => flag switch
    {
        ReleaseFlag.Confidential => "C",
        ReleaseFlag.Empty => "E",
        _ => "",
    };

    private static string Field(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
