using Ballast.Core.Storage;
using Ballast.Statistics.Release;

namespace Ballast.Core.Releases;

/// <summary>A figure that differs between a stored release and a newer computation of the same period.</summary>
public sealed record ReleaseChange(string Breakdown, string Cell, string Measure, double? OldValue, string OldFlag, double? NewValue, string NewFlag)
{
    /// <summary>New − old, when both are numbers.</summary>
    public double? Change => OldValue is double a && NewValue is double b ? b - a : null;

    /// <summary>The row is new in the recomputation (the cell appeared) or gone from it.</summary>
    public bool Added => OldFlag == "-";
    public bool Removed => NewFlag == "-";
}

/// <summary>
/// Stored releases: each computation is kept with its data version (the newest accepted import it read), so that
/// when later imports revise the period, the revised figures can be listed against what was computed before.
/// </summary>
public static class ReleaseArchive
{
    /// <summary>
    /// Saves the release unless the latest stored release of its period was computed from the same data version;
    /// returns the stored release that now holds these figures.
    /// </summary>
    public static StoredRelease Save(IBallastStore store, MonthlyRelease release, long dataVersion, string user, DateTimeOffset now)
    {
        var latest = store.Releases(release.Period.ToString()).FirstOrDefault();
        if (latest is not null && latest.DataVersion == dataVersion) return latest;
        var rows = release.ConfidentialRows;
        var header = new StoredRelease(0, release.Period.ToString(), now, user, dataVersion, rows.Count);
        long id = store.SaveRelease(header, rows.Select(r => new StoredReleaseRow(r.Breakdown, r.Cell, r.Parent, r.Measure, r.Value, MonthlyRelease.FlagText(r.Flag))));
        return header with { Id = id };
    }

    /// <summary>
    /// The figures of <paramref name="current"/> that differ from the stored release <paramref name="storedId"/>:
    /// changed values, changed flags, rows that appeared or disappeared (flag "-"). In the published view the
    /// value of a confidential cell (old or new) is never shown, only its flag.
    /// </summary>
    public static IReadOnlyList<ReleaseChange> Diff(IBallastStore store, long storedId, MonthlyRelease current, ReleaseView view)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(current);
        return Diff(store.ReleaseRows(storedId),
            current.ConfidentialRows.Select(r => new StoredReleaseRow(r.Breakdown, r.Cell, r.Parent, r.Measure, r.Value, MonthlyRelease.FlagText(r.Flag))), view);
    }

    /// <summary>The same comparison between two sets of stored rows (e.g. a published version and its revision).</summary>
    public static IReadOnlyList<ReleaseChange> Diff(IEnumerable<StoredReleaseRow> before, IEnumerable<StoredReleaseRow> after, ReleaseView view)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.ToDictionary(r => (r.Breakdown, r.Cell, r.Measure));
        var changes = new List<ReleaseChange>();
        var seen = new HashSet<(string, string, string)>();
        foreach (var row in after)
        {
            var key = (row.Breakdown, row.Cell, row.Measure);
            seen.Add(key);
            string newFlag = row.Flag;
            double? newValue = Visible(row.Value, newFlag, view);
            if (!old.TryGetValue(key, out var prior))
            {
                changes.Add(new ReleaseChange(row.Breakdown, row.Cell, row.Measure, null, "-", newValue, newFlag));
                continue;
            }
            double? oldValue = Visible(prior.Value, prior.Flag, view);
            bool sameValue = prior.Value == row.Value; // compared unsuppressed, exactly: any revision is shown
            if (sameValue && prior.Flag == newFlag) continue;
            if (view == ReleaseView.Published && prior.Flag == "C" && newFlag == "C") continue; // nothing visible changed
            changes.Add(new ReleaseChange(row.Breakdown, row.Cell, row.Measure, oldValue, prior.Flag, newValue, newFlag));
        }
        foreach (var (key, prior) in old)
            if (!seen.Contains(key))
                changes.Add(new ReleaseChange(prior.Breakdown, prior.Cell, prior.Measure, Visible(prior.Value, prior.Flag, view), prior.Flag, null, "-"));
        changes.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Breakdown, b.Breakdown);
            if (c == 0) c = string.CompareOrdinal(a.Cell, b.Cell);
            return c != 0 ? c : string.CompareOrdinal(a.Measure, b.Measure);
        });
        return changes;
    }

    private static double? Visible(double? value, string flag, ReleaseView view) =>
        view == ReleaseView.Published && flag == "C" ? null : value;
}
