using System.Collections.Concurrent;
using System.Diagnostics;
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
/// <remarks>
/// A server answering many queries keeps the publishing state it reads (release versions, the calendar, the stored
/// releases' headers) for <c>stateLifetime</c> of real time: <see cref="Invalidate"/> (called by the publishing
/// endpoints of the same process) drops it at once, a change made by another process shows within that time.
/// What is published is still decided on every call from that state and the injected clock, so an embargo takes
/// effect to the second. Zero (the default) reads the store on every call.
/// </remarks>
public sealed class PublishedReleases(IBallastStore store, TimeProvider clock, TimeSpan stateLifetime = default)
{
    // A stored release never changes, so its published rows are kept once read.
    private readonly ConcurrentDictionary<long, IReadOnlyList<StoredReleaseRow>> _rows = new();
    private volatile PublishingState? _state;

    /// <summary>The store's publishing state as read at one moment.</summary>
    public sealed class PublishingState
    {
        internal PublishingState(IReadOnlyList<ReleaseVersion> versions, IReadOnlyList<CalendarEntry> calendar,
            IReadOnlyDictionary<long, StoredRelease> releases, long readAt)
        {
            Versions = versions;
            Calendar = calendar;
            Releases = releases;
            ReadAt = readAt;
            ByPeriod = versions.GroupBy(v => v.Period, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<ReleaseVersion>)[.. g], StringComparer.Ordinal);
        }

        /// <summary>Every release version, as <see cref="IPublishingStore.ReleaseVersions"/> lists them.</summary>
        public IReadOnlyList<ReleaseVersion> Versions { get; }

        public IReadOnlyList<CalendarEntry> Calendar { get; }

        /// <summary>The stored releases' headers by id.</summary>
        public IReadOnlyDictionary<long, StoredRelease> Releases { get; }

        /// <summary>The versions of a period, newest first (empty when none).</summary>
        public IReadOnlyList<ReleaseVersion> VersionsOf(string period) => ByPeriod.GetValueOrDefault(period) ?? [];

        internal IReadOnlyDictionary<string, IReadOnlyList<ReleaseVersion>> ByPeriod { get; }

        internal long ReadAt { get; }
    }

    /// <summary>Forgets the publishing state read from the store: the next call reads it again.</summary>
    public void Invalidate() => _state = null;

    /// <summary>The publishing state: read from the store, or kept from a read less than the state lifetime ago.</summary>
    public PublishingState State()
    {
        var state = _state;
        if (state is not null && Stopwatch.GetElapsedTime(state.ReadAt) < stateLifetime) return state;
        long readAt = Stopwatch.GetTimestamp();
        var versions = store.ReleaseVersions();
        var calendar = store.Calendar();
        var releases = store.Releases().ToDictionary(r => r.Id);
        state = new PublishingState(versions, calendar, releases, readAt);
        if (stateLifetime > TimeSpan.Zero) _state = state;
        return state;
    }

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
        var state = State();
        var embargoes = state.Calendar.Where(c => c.EmbargoAt <= now).ToDictionary(c => c.Period, c => c.EmbargoAt, StringComparer.Ordinal);
        var list = new List<PublishedRelease>();
        foreach (var (period, versions) in state.ByPeriod)
        {
            if (!embargoes.TryGetValue(period, out var embargo)) continue;
            var version = versions.Where(v => v.ApprovedAt is { } at && at <= now).MaxBy(v => v.Version);
            if (version is null) continue;
            if (!state.Releases.TryGetValue(version.ReleaseId, out var release)) continue; // emptied by a benchmark's truncation
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
