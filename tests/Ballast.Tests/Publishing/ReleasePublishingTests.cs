using Ballast.Core.Publishing;
using Ballast.Core.Storage;
using Ballast.Core.Storage.Sqlite;

namespace Ballast.Tests.Publishing;

/// <summary>The four-eyes path on stored releases written directly (no computation needed).</summary>
public sealed class ReleasePublishingTests : IDisposable
{
    private readonly TempFolders _folders = new();
    private readonly SqliteStore _store;
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);

    public ReleasePublishingTests() => _store = new SqliteStore(Path.Combine(_folders.New("pub"), "ballast.db"));

    public void Dispose()
    {
        _store.Dispose();
        _folders.Dispose();
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>A stored release of 2025-12 with one normal and one confidential figure.</summary>
    private StoredRelease Stored(double total, double secret, long dataVersion)
    {
        var header = new StoredRelease(0, "2025-12", T0, "test", dataVersion, 2);
        long id = _store.SaveRelease(header, [
            new StoredReleaseRow("division", "13", "ALL", "va_yoy_month", secret, "C"),
            new StoredReleaseRow("total", "ALL", "", "va_yoy_month", total, ""),
        ]);
        return header with { Id = id };
    }

    [Fact]
    public void Superseded_OlderDraftCannotBeApproved_NewestApprovedIsPublished()
    {
        var v1 = ReleasePublishing.PrepareStored(_store, Stored(5.1, 9.9, 1), "stat1", "", T0);
        var v2 = ReleasePublishing.PrepareStored(_store, Stored(5.2, 9.8, 2), "stat1", "", T0);
        var e = Assert.Throws<PublishingException>(() => ReleasePublishing.Approve(_store, v1.ReleaseId, "stat2", T0));
        Assert.Equal(PublishingRefusal.Superseded, e.Refusal);
        ReleasePublishing.Approve(_store, v2.ReleaseId, "stat2", T0);
        ReleasePublishing.SetEmbargo(_store, new(2025, 12), T0.AddHours(1), "stat1", T0);

        var clock = new Clock(T0.AddMinutes(59));
        var published = new PublishedReleases(_store, clock);
        Assert.Null(published.Latest("2025-12")); // approved, embargo not yet passed
        clock.Now = T0.AddHours(1);
        var p = published.Latest()!;
        Assert.Equal((2, T0.AddHours(1)), (p.Version.Version, p.PublishedAt));
        // The published view: the confidential figure keeps its flag and loses its value; the other is kept.
        Assert.Equal([new StoredReleaseRow("division", "13", "ALL", "va_yoy_month", null, "C"), new StoredReleaseRow("total", "ALL", "", "va_yoy_month", 5.2, "")],
            published.Rows(p));
    }

    [Fact]
    public void PublishedPeriod_RevisionNeedsNotes_EmbargoLocked_PreviousApprovedIsTheBaseline()
    {
        var v1 = ReleasePublishing.PrepareStored(_store, Stored(5.1, 9.9, 1), "stat1", "", T0);
        ReleasePublishing.Approve(_store, v1.ReleaseId, "stat2", T0);
        ReleasePublishing.SetEmbargo(_store, new(2025, 12), T0, "stat1", T0);
        var revised = Stored(5.3, 9.9, 2);
        Assert.Equal(PublishingRefusal.LockedNeedsNotes,
            Assert.Throws<PublishingException>(() => ReleasePublishing.PrepareStored(_store, revised, "stat2", "  ", T0)).Refusal);
        Assert.Equal(PublishingRefusal.EmbargoOfPublishedPeriod,
            Assert.Throws<PublishingException>(() => ReleasePublishing.SetEmbargo(_store, new(2025, 12), T0.AddDays(1), "stat1", T0)).Refusal);
        var v2 = ReleasePublishing.PrepareStored(_store, revised, "stat2", "late report of one enterprise", T0);
        Assert.Equal(PublishingRefusal.NothingChanged,
            Assert.Throws<PublishingException>(() => ReleasePublishing.PrepareStored(_store, revised, "stat2", "again", T0)).Refusal);
        var baseline = ReleasePublishing.PreviousApproved(_store, v2);
        Assert.NotNull(baseline);
        Assert.Equal(v1, baseline with { ApprovedBy = null, ApprovedAt = null });
        Assert.Equal(1, ReleasePublishing.PublishedVersion(_store, "2025-12", T0)!.Version); // until v2 is approved
        Assert.Equal(PublishingRefusal.SamePerson,
            Assert.Throws<PublishingException>(() => ReleasePublishing.Approve(_store, v2.ReleaseId, "stat2", T0)).Refusal);
        ReleasePublishing.Approve(_store, v2.ReleaseId, "stat1", T0);
        Assert.Equal(2, ReleasePublishing.PublishedVersion(_store, "2025-12", T0)!.Version);
    }
}
