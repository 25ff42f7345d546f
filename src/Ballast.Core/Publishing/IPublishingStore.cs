namespace Ballast.Core.Publishing;

/// <summary>
/// A version of a period's release on its way to users: prepared (draft) by one statistician, approved by
/// another; published once approved and the period's embargo has passed. Version 1 is the first release of the
/// period; later versions are revisions and carry notes.
/// </summary>
/// <param name="ReleaseId">The stored release (IBallastStore.Releases) holding the figures of this version.</param>
public sealed record ReleaseVersion(
    long ReleaseId, string Period, int Version, string PreparedBy, DateTimeOffset PreparedAt,
    string? ApprovedBy, DateTimeOffset? ApprovedAt, string Notes)
{
    public bool Approved => ApprovedBy is not null;
}

/// <summary>When a period's release may be seen by users without rights to confidential figures.</summary>
public sealed record CalendarEntry(string Period, DateTimeOffset EmbargoAt, string SetBy, DateTimeOffset SetAt);

/// <summary>Release versions and the release calendar in the store.</summary>
public interface IPublishingStore
{
    /// <summary>
    /// Adds a draft as the next version of its period (the version number is assigned here, in the same write
    /// transaction, so two drafts never share one); returns the stored version.
    /// </summary>
    ReleaseVersion AddReleaseVersion(long releaseId, string period, string preparedBy, DateTimeOffset preparedAt, string notes);

    /// <summary>The versions of a period (all periods when null), newest first within a period, periods newest first.</summary>
    IReadOnlyList<ReleaseVersion> ReleaseVersions(string? period = null);

    /// <summary>Records the approval when the version is still a draft; false when it was approved already or does not exist.</summary>
    bool ApproveReleaseVersion(long releaseId, string approvedBy, DateTimeOffset approvedAt);

    /// <summary>Sets (or moves) the embargo of a period.</summary>
    void SetEmbargo(CalendarEntry entry);

    /// <summary>The release calendar, by period.</summary>
    IReadOnlyList<CalendarEntry> Calendar();
}
