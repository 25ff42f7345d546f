using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Statistics.Tests.Warnings;

/// <summary>A release written row by row, for testing conditions on chosen values.</summary>
internal static class SyntheticRelease
{
    public static MonthlyRelease Of(string period, params (string Breakdown, string Cell, string Parent, string Measure, double? Value, ReleaseFlag Flag)[] rows)
    {
        var p = YearMonth.Parse(period);
        var ordered = rows
            .OrderBy(r => r.Breakdown, StringComparer.Ordinal).ThenBy(r => r.Cell, StringComparer.Ordinal).ThenBy(r => r.Measure, StringComparer.Ordinal)
            .ToArray();
        var confidential = ordered.Select(r => new ReleaseRow(p, r.Breakdown, r.Cell, r.Parent, r.Measure, r.Value, r.Flag)).ToArray();
        var published = ordered.Select(r => new ReleaseRow(p, r.Breakdown, r.Cell, r.Parent, r.Measure,
            r.Flag == ReleaseFlag.Confidential ? null : r.Value, r.Flag)).ToArray();
        return new MonthlyRelease(p, confidential, published, [], []);
    }

    /// <summary>A release with one value of va_yoy_ytd for total and for province 11.</summary>
    public static MonthlyRelease Province(string period, double province11, double total = 5) =>
        Of(period,
            ("total", "ALL", "", "va_yoy_ytd", total, ReleaseFlag.None),
            ("province", "11", "ALL", "va_yoy_ytd", province11, ReleaseFlag.None));
}
