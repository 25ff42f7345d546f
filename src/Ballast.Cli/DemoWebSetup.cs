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
        }
        console.Out.WriteLine();
        console.Out.WriteLine("DEMO accounts of the web platform (demo only; shown once) - sign in on the dashboard or with POST /api/session:");
        foreach (var a in accounts)
            console.Out.WriteLine($"  {a.UserName,-12} {Roles.Name(a.Role),-20} {a.Scope}");
        console.Out.WriteLine($"  password for all of them: {password}");
    }
}
