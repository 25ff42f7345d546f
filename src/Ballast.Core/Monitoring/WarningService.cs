using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Core.Monitoring;

/// <summary>Who evaluates, when, and on which data version: stored with a warning run.</summary>
public sealed record WarningRunInfo(string User, DateTimeOffset Now, long DataVersion);

/// <summary>
/// The warnings of a release month: the rules evaluated on that month's release and the release months before
/// it (as many as the rules' falling/turning conditions need), all computed from one in-memory population; with
/// their status against the previous release month (<see cref="Track"/>).
/// </summary>
public static class WarningService
{
    /// <summary>Release months looked back at: the longest falling run of the built-in rules needs 4.</summary>
    public const int MonthsOfHistory = 6;

    /// <summary>
    /// The alerts of <paramref name="period"/>. In the confidential view they carry their enterprise drivers
    /// (<paramref name="names"/>: credit code → name); never in the published view. <paramref name="current"/> is
    /// the release of the period when already computed.
    /// </summary>
    public static IReadOnlyList<WarningAlert> Evaluate(ReleasePopulation population, YearMonth period, WarningRuleSet rules,
        ReleaseView view = ReleaseView.Published, MonthlyRelease? current = null, SupplementaryValues? supplementary = null,
        Func<string, string?>? names = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(rules);
        var releases = Releases(population, period, MonthsOfHistory, current);
        return Alerts(population, rules, releases, view, supplementary, names);
    }

    /// <summary>
    /// The warnings of <paramref name="period"/> with their status against the previous release month: its stored
    /// run of the same view when there is one (the newest), otherwise its alerts evaluated from the same population.
    /// With <paramref name="store"/> and <paramref name="run"/>, the result is stored as a new run.
    /// </summary>
    public static WarningReport Track(ReleasePopulation population, YearMonth period, WarningRuleSet rules, ReleaseView view,
        IWarningStore? store = null, WarningRunInfo? run = null, MonthlyRelease? current = null,
        SupplementaryValues? supplementary = null, Func<string, string?>? names = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(rules);
        var previousPeriod = PreviousReleaseMonth(period);
        // One more month than the evaluation needs, so that the previous month can be evaluated from the same releases.
        var releases = Releases(population, period, MonthsOfHistory + 1, current);
        var alerts = releases.Count == 0 ? [] : Alerts(population, rules, releases.Take(MonthsOfHistory).ToList(), view, supplementary, names);

        IReadOnlyList<PreviousWarning> previous = [];
        string source = "none";
        var stored = store?.WarningRuns(previousPeriod.ToString(), WarningHistory.Name(view)) ?? [];
        if (stored.Count > 0)
        {
            previous = WarningHistory.FromStored(store!.Warnings(stored[0].Id));
            source = $"stored run #{stored[0].Id}";
        }
        else if (releases.Count > 1 && releases[1].Period == previousPeriod)
        {
            // Enterprise drivers are not needed to compare: evaluate the previous month without them.
            previous = [.. WarningEvaluator.Evaluate(rules, releases.Skip(1).ToList(), population.ReleaseCodes, view, supplementary)
                .Select(a => new PreviousWarning(a.RuleId, a.Severity, a.Breakdown, a.Cell, a.Measure, a.Message))];
            source = "computed";
        }

        var release = releases.Count > 0 && releases[0].Period == period ? releases[0] : null;
        double? ValueNow(string breakdown, string cell, string measure)
        {
            if (release is null) return null;
            if (SupplementaryMeasures.Contains(measure))
            {
                if (supplementary is null || !supplementary.TryGet(period, breakdown, cell, measure, out var s)) return null;
                if (view == ReleaseView.Published && (s.Flag == ReleaseFlag.Confidential
                    || release.Find(breakdown, cell, ReleaseMeasures.VaYoyYtd, ReleaseView.Confidential) is { Flag: ReleaseFlag.Confidential })) return null;
                return s.Value;
            }
            var row = release.Find(breakdown, cell, measure, view);
            // The published rows have no value for a confidential cell; say nothing about it either way.
            return row is null || (view == ReleaseView.Published && row.Flag == ReleaseFlag.Confidential) ? null : row.Value;
        }
        var tracked = WarningHistory.Compare(period, alerts, previous, ValueNow);
        var report = new WarningReport(period, view, previousPeriod, source, tracked);
        if (store is not null && run is not null)
            store.SaveWarnings(new StoredWarningRun(0, period.ToString(), WarningHistory.Name(view), run.Now, run.User, run.DataVersion, tracked.Count),
                [.. tracked.Select(WarningHistory.ToStored)]);
        return report;
    }

    /// <summary>The release month before <paramref name="period"/>: February is preceded by the previous December.</summary>
    public static YearMonth PreviousReleaseMonth(YearMonth period) => WarningEvaluator.PreviousReleaseMonth(period);

    /// <summary>The releases of <paramref name="period"/> and the release months before it, newest first, stopping at the first that cannot be computed.</summary>
    private static List<MonthlyRelease> Releases(ReleasePopulation population, YearMonth period, int count, MonthlyRelease? current)
    {
        var releases = new List<MonthlyRelease>();
        var month = period;
        for (int i = 0; i < count; i++)
        {
            var release = i == 0 && current is not null ? current : ReleaseEngine.Compute(population, month).Release;
            if (release is null) break; // no data that far back: the run of months simply ends there
            releases.Add(release);
            month = PreviousReleaseMonth(month);
        }
        return releases;
    }

    private static IReadOnlyList<WarningAlert> Alerts(ReleasePopulation population, WarningRuleSet rules, List<MonthlyRelease> releases,
        ReleaseView view, SupplementaryValues? supplementary, Func<string, string?>? names)
    {
        if (releases.Count == 0) return [];
        var alerts = WarningEvaluator.Evaluate(rules, releases, population.ReleaseCodes, view, supplementary);
        return EnterpriseDrivers.Attach(alerts, population, view, names);
    }
}
