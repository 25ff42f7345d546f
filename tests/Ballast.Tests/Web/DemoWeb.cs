using Ballast.Core.Accounts;
using Ballast.Core.Demo;
using Ballast.Core.Publishing;
using Ballast.Core.Register;
using Ballast.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ballast.Tests.Web;

/// <summary>A clock the test sets by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>What <see cref="DemoWeb.Load"/> set up: two enterprises in different provinces, and one API client per role.</summary>
internal sealed record DemoWebSetup(Enterprise FirmA, Enterprise FirmB, IReadOnlyDictionary<Role, HttpClient> Clients) : IDisposable
{
    public string ProvinceA => FirmA.Province;

    public void Dispose()
    {
        foreach (var c in Clients.Values) c.Dispose();
    }
}

/// <summary>A small demo population (it has confidential cells) in the application's store, its latest release published.</summary>
internal static class DemoWeb
{
    public static readonly string Period = DemoOptions.LastPeriod.ToString();

    public static readonly DateTimeOffset Start = new(2026, 1, 15, 2, 0, 0, TimeSpan.Zero);

    public static DemoWebSetup Load(BallastWebFactory factory, TimeProvider clock, bool publish = true)
    {
        var store = factory.Store();
        var outcome = DemoLoader.Load(store, new DemoOptions(400, 24, 5), clock);
        Assert.True(outcome.Accepted);
        var firms = store.Enterprises().ToList();
        var a = firms[0];
        var b = firms.First(f => f.Province != a.Province);
        if (publish)
        {
            Publish(store, clock.GetUtcNow());
            // Published through the store, not the server's endpoints: the server may have read the publishing
            // state already (its warm-up) and keeps it up to a second, so it is told, as its endpoints would.
            factory.Services.GetRequiredService<PublishedReleases>().Invalidate();
        }
        var clients = new Dictionary<Role, HttpClient>
        {
            [Role.Enterprise] = factory.TokenClient("ent-a", Role.Enterprise, a.CreditCode),
            [Role.ProvincialAnalyst] = factory.TokenClient("prov-a", Role.ProvincialAnalyst, a.Province),
            [Role.NationalAnalyst] = factory.TokenClient("national", Role.NationalAnalyst),
            [Role.Statistician] = factory.TokenClient("stat1", Role.Statistician),
            [Role.Administrator] = factory.TokenClient("admin", Role.Administrator),
        };
        return new DemoWebSetup(a, b, clients);
    }

    /// <summary>Prepared by stat1, approved by stat2, embargo an hour ago.</summary>
    public static ReleaseVersion Publish(IBallastStore store, DateTimeOffset now)
    {
        var draft = ReleasePublishing.Prepare(store, DemoOptions.LastPeriod, "stat1", "", now);
        ReleasePublishing.Approve(store, draft.ReleaseId, "stat2", now);
        ReleasePublishing.SetEmbargo(store, DemoOptions.LastPeriod, now.AddHours(-1), "stat1", now);
        return draft;
    }
}
