using Ballast.Core.Releases;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Core.Publishing;

/// <summary>Why a publishing step was refused.</summary>
public enum PublishingRefusal
{
    /// <summary>No such release version.</summary>
    NotFound,
    /// <summary>The approver prepared the release: four eyes are required.</summary>
    SamePerson,
    /// <summary>The version was approved already.</summary>
    AlreadyApproved,
    /// <summary>A newer version of the period exists; an older draft can no longer be approved.</summary>
    Superseded,
    /// <summary>The data have not changed since the stored version: a new version would be the same figures.</summary>
    NothingChanged,
    /// <summary>The period is published, so it is locked: only a revision with notes can follow.</summary>
    LockedNeedsNotes,
    /// <summary>The published period's embargo cannot be moved.</summary>
    EmbargoOfPublishedPeriod,
    /// <summary>The release cannot be computed (no reports, January, missing reference data).</summary>
    NotComputable,
}

/// <summary>A publishing step that the rules do not allow, with a sentence for the user.</summary>
public sealed class PublishingException(PublishingRefusal refusal, string message) : Exception(message)
{
    public PublishingRefusal Refusal { get; } = refusal;
}

/// <summary>
/// The four-eyes path of a release: a statistician prepares a draft (the release computed on the current data
/// and stored), a second statistician approves it, and it is published when the period's embargo (the release
/// calendar) has passed. Once published, the period is locked: a later version is a revision, needs notes,
/// and goes through the same approval; the published version is then the newest approved one.
/// </summary>
public static class ReleasePublishing
{
    /// <summary>Computes the period's release on the current data and stores it as a draft version.</summary>
    public static ReleaseVersion Prepare(IBallastStore store, YearMonth period, string user, string notes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(user);
        notes = notes?.Trim() ?? "";
        string key = period.ToString();
        var current = PublishedVersion(store, key, now);
        if (current is not null && notes.Length == 0)
            throw new PublishingException(PublishingRefusal.LockedNeedsNotes,
                $"{key} is published (version {current.Version}) and locked: a revised release needs notes saying what was revised and why");
        long dataVersion = store.DataVersion();
        var population = ReleaseService.LoadPopulation(store);
        var result = ReleaseEngine.Compute(population, period);
        if (result.Release is null)
            throw new PublishingException(PublishingRefusal.NotComputable, $"the release of {key} cannot be computed: " + string.Join("; ", result.Errors.Select(e => e.Message)));
        var stored = ReleaseArchive.Save(store, result.Release, dataVersion, user, now);
        return PrepareStored(store, stored, user, notes, now);
    }

    /// <summary>Makes a stored release (already computed, e.g. by the main job) the next draft version of its period.</summary>
    public static ReleaseVersion PrepareStored(IBallastStore store, StoredRelease stored, string user, string notes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stored);
        notes = notes?.Trim() ?? "";
        string key = stored.Period;
        var current = PublishedVersion(store, key, now);
        if (current is not null && notes.Length == 0)
            throw new PublishingException(PublishingRefusal.LockedNeedsNotes,
                $"{key} is published (version {current.Version}) and locked: a revised release needs notes saying what was revised and why");
        var existing = store.ReleaseVersions(key).FirstOrDefault(v => v.ReleaseId == stored.Id);
        if (existing is not null)
            throw new PublishingException(PublishingRefusal.NothingChanged,
                $"no data were imported since version {existing.Version} of {key} was prepared: a new version would hold the same figures");
        return store.AddReleaseVersion(stored.Id, key, user, now, notes);
    }

    /// <summary>Approves a draft; the approver must not be its preparer, and no newer version may exist.</summary>
    public static ReleaseVersion Approve(IBallastStore store, long releaseId, string user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        var version = store.ReleaseVersions().FirstOrDefault(v => v.ReleaseId == releaseId)
            ?? throw new PublishingException(PublishingRefusal.NotFound, $"release #{releaseId} is not a prepared release version");
        if (version.Approved)
            throw new PublishingException(PublishingRefusal.AlreadyApproved, $"version {version.Version} of {version.Period} was approved by {version.ApprovedBy} already");
        if (string.Equals(version.PreparedBy, user, StringComparison.Ordinal))
            throw new PublishingException(PublishingRefusal.SamePerson,
                $"{user} prepared version {version.Version} of {version.Period}: a second statistician must approve it");
        if (store.ReleaseVersions(version.Period).Any(v => v.Version > version.Version))
            throw new PublishingException(PublishingRefusal.Superseded, $"version {version.Version} of {version.Period} has a newer version: approve that one");
        if (!store.ApproveReleaseVersion(releaseId, user, now))
            throw new PublishingException(PublishingRefusal.AlreadyApproved, $"version {version.Version} of {version.Period} was approved meanwhile");
        return version with { ApprovedBy = user, ApprovedAt = now };
    }

    /// <summary>Sets the embargo of a period; refused once the period is published (it is locked).</summary>
    public static CalendarEntry SetEmbargo(IBallastStore store, YearMonth period, DateTimeOffset embargoAt, string user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        string key = period.ToString();
        if (PublishedVersion(store, key, now) is { } published)
            throw new PublishingException(PublishingRefusal.EmbargoOfPublishedPeriod,
                $"{key} was published (version {published.Version}); its embargo can no longer be moved");
        var entry = new CalendarEntry(key, embargoAt, user, now);
        store.SetEmbargo(entry);
        return entry;
    }

    /// <summary>The published version of a period at <paramref name="now"/>: the newest approved one, once the embargo has passed; else null.</summary>
    public static ReleaseVersion? PublishedVersion(IBallastStore store, string period, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        var embargo = store.Calendar().FirstOrDefault(c => c.Period == period);
        if (embargo is null || embargo.EmbargoAt > now) return null;
        return store.ReleaseVersions(period).FirstOrDefault(v => v.ApprovedAt is { } at && at <= now);
    }

    /// <summary>The version a revision is compared with: the newest approved version before it (null for a first release).</summary>
    public static ReleaseVersion? PreviousApproved(IBallastStore store, ReleaseVersion version)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(version);
        return store.ReleaseVersions(version.Period).FirstOrDefault(v => v.Version < version.Version && v.Approved);
    }
}
