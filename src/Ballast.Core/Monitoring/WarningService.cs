using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Core.Monitoring;

/// <summary>
/// The warnings of a release month: the rules evaluated on that month's release and the release months before
/// it (as many as the rules' falling/turning conditions need), all computed from one in-memory population.
/// </summary>
public static class WarningService
{
    /// <summary>Release months looked back at: the longest falling run of the built-in rules needs 4.</summary>
    public const int MonthsOfHistory = 6;

    public static IReadOnlyList<WarningAlert> Evaluate(ReleasePopulation population, YearMonth period, WarningRuleSet rules,
        ReleaseView view = ReleaseView.Published, MonthlyRelease? current = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(rules);
        var releases = new List<MonthlyRelease>();
        var month = period;
        for (int i = 0; i < MonthsOfHistory; i++)
        {
            var release = i == 0 && current is not null ? current : ReleaseEngine.Compute(population, month).Release;
            if (release is null) break; // no data that far back: the run of months simply ends there
            releases.Add(release);
            month = PreviousReleaseMonth(month);
        }
        return releases.Count == 0 ? [] : WarningEvaluator.Evaluate(rules, releases, population.ReleaseCodes, view);
    }

    /// <summary>The release month before <paramref name="period"/>: February is preceded by the previous December.</summary>
    public static YearMonth PreviousReleaseMonth(YearMonth period) =>
        period.Month == 2 ? new YearMonth(period.Year - 1, 12) : period.Previous;
}
