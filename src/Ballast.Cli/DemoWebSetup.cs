using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Web.Access;

namespace Ballast.Cli;

/// <summary>DEMO ONLY, after the main job loaded the demo population: one web account per role, password printed once.</summary>
internal static class DemoWebSetup
{
    public static void Run(CliConsole console, IBallastStore store)
    {
        var (accounts, password) = DemoAccounts.Create(store, console.Clock);
        if (accounts.Count == 0) return;
        console.Out.WriteLine();
        console.Out.WriteLine("DEMO accounts of the web platform (demo only; shown once) - sign in on the dashboard or with POST /api/session:");
        foreach (var a in accounts)
            console.Out.WriteLine($"  {a.UserName,-12} {Roles.Name(a.Role),-20} {a.Scope}");
        console.Out.WriteLine($"  password for all of them: {password}");
    }
}
