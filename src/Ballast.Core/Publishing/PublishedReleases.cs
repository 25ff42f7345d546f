using System.Collections.Concurrent;
using Ballast.Core.Storage;

namespace Ballast.Core.Publishing;

/// <summary>A published release: its version, its stored figures' header, and when it became visible.</summary>
public sealed record PublishedRelease(ReleaseVersion Version, StoredRelease Release, DateTimeOffset PublishedAt)
{
    public string Period => Version.Period;
}

/// <summary>
/// What users without rights to confidential figures may see: the published version of each period (after
/// its embargo, on the injected clock) and its rows in the published view — the value of every confidential
/// cell (flag C) removed. The dashboard and the API read published figures only through this service.
/// </summary>
public sealed class PublishedReleases(IBallastStore store, TimeProvider clock)
{
    // A stored release never changes, so its published rows are kept once read.
    private readonly ConcurrentDictionary<long, IReadOnlyList<StoredReleaseRow>> _rows = new();

    /// <summary>The published release of a period, or of the latest published period when null; null when none.</summary>
    public PublishedRelease? Latest(string? period = null)
    {
        var all = All();
        return period is null ? all.LastOrDefault() : all.FirstOrDefault(p => p.Period == period);
    }

    /// <summary>Every published period's current version, oldest period first.</summary>
    public IReadOnlyList<PublishedRelease> All()
    {
        var now = clock.GetUtcNow();
        var embargoes = store.Calendar().Where(c => c.EmbargoAt <= now).ToDictionary(c => c.Period, c => c.EmbargoAt, StringComparer.Ordinal);
        var list = new List<PublishedRelease>();
        foreach (var group in store.ReleaseVersions().GroupBy(v => v.Period, StringComparer.Ordinal))
        {
            if (!embargoes.TryGetValue(group.Key, out var embargo)) continue;
            var version = group.Where(v => v.ApprovedAt is { } at && at <= now).MaxBy(v => v.Version);
            if (version is null) continue;
            var release = store.Releases(group.Key).FirstOrDefault(r => r.Id == version.ReleaseId);
            if (release is null) continue; // emptied by a benchmark's truncation
            list.Add(new PublishedRelease(version, release, version.ApprovedAt!.Value > embargo ? version.ApprovedAt.Value : embargo));
        }
        list.Sort((a, b) => string.CompareOrdinal(a.Period, b.Period));
        return list;
    }

    /// <summary>The rows of a published release in the published view: a confidential cell keeps its flag C and loses its value.</summary>
    public IReadOnlyList<StoredReleaseRow> Rows(PublishedRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return _rows.GetOrAdd(release.Release.Id, id => PublishedView(store.ReleaseRows(id)));
    }

    /// <summary>Stored (unsuppressed) rows in the published view.</summary>
    public static IReadOnlyList<StoredReleaseRow> PublishedView(IEnumerable<StoredReleaseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.Select(r => r.Flag == "C" ? r with { Value = null } : r)];
    }
}
