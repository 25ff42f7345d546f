using Ballast.Core.Accounts;
using Ballast.Core.Publishing;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Web.Access;

namespace Ballast.Cli;

/// <summary>
/// DEMO ONLY, after the main job loaded the demo population: one web account per role (password printed once),
/// and the latest release published under four eyes (prepared by stat1, approved by stat2, embargo now) so the
/// dashboard has figures to show.
/// </summary>
internal static class DemoWebSetup
{
    public static void Run(CliConsole console, IBallastStore store, YearMonth latest)
    {
        var (accounts, password) = DemoAccounts.Create(store, console.Clock);
        if (accounts.Count == 0) return;
        var now = console.Clock.GetUtcNow();
        var stored = store.Releases(latest.ToString()).FirstOrDefault();
        if (stored is not null && store.ReleaseVersions(latest.ToString()).Count == 0)
        {
            var draft = ReleasePublishing.PrepareStored(store, stored, DemoAccounts.FirstStatistician, "demo release", now);
            ReleasePublishing.Approve(store, draft.ReleaseId, DemoAccounts.SecondStatistician, now);
            ReleasePublishing.SetEmbargo(store, latest, now, DemoAccounts.FirstStatistician, now);
            console.Out.WriteLine($"Published the demo release of {latest} (prepared by {DemoAccounts.FirstStatistician}, approved by {DemoAccounts.SecondStatistician}, embargo now).");
            int earlier = PublishEarlierMonths(store, latest, now);
            if (earlier > 0) console.Out.WriteLine($"Published the demo releases of the {earlier} months before it too (the dashboard's trend shows published months only).");
        }
        console.Out.WriteLine();
        console.Out.WriteLine("DEMO accounts of the web platform (demo only; shown once) - sign in on the dashboard or with POST /api/session:");
        foreach (var a in accounts)
            console.Out.WriteLine($"  {a.UserName,-12} {Roles.Name(a.Role),-20} {a.Scope}");
        console.Out.WriteLine($"  password for all of them: {password}");
    }

    /// <summary>
    /// The releases of the months before <paramref name="latest"/> on the dashboard's trend, computed on the demo data
    /// and published as if each had been released in its time (same four eyes, embargo now).
    /// </summary>
    private static int PublishEarlierMonths(IBallastStore store, YearMonth latest, DateTimeOffset now)
    {
        var population = Core.Releases.ReleaseService.LoadPopulation(store);
        long dataVersion = store.DataVersion();
        int published = 0;
        for (var month = latest.AddMonths(-(Web.Dashboard.DashboardData.TrendMonths - 1)); month < latest; month = month.AddMonths(1))
        {
            if (month.Month == 1 || store.ReleaseVersions(month.ToString()).Count > 0) continue; // January is released with February
            var result = Statistics.Release.ReleaseEngine.Compute(population, month);
            if (!result.Succeeded) continue; // no year-earlier reports yet
            var stored = Core.Releases.ReleaseArchive.Save(store, result.Release!, dataVersion, DemoAccounts.FirstStatistician, now);
            var draft = ReleasePublishing.PrepareStored(store, stored, DemoAccounts.FirstStatistician, "demo release", now);
            ReleasePublishing.Approve(store, draft.ReleaseId, DemoAccounts.SecondStatistician, now);
            ReleasePublishing.SetEmbargo(store, month, now, DemoAccounts.FirstStatistician, now);
            published++;
        }
        return published;
    }
}
