using System.CommandLine;
using Ballast.Web;

namespace Ballast.Cli;

/// <summary><c>ballast serve [--urls URL] [--demo]</c>: the web platform on the store of <c>--db</c>, until stopped.</summary>
internal static class ServeCommand
{
    public static Command Command(CliConsole console)
    {
        var urls = UrlsOption();
        var demo = new Option<bool>("--demo") { Description = "Load the demo population first when the store is empty (as `ballast demo` does)" };
        var cmd = new Command("serve", "Serve the web platform (API, dashboard, OpenAPI at /openapi/v1.json) until stopped with Ctrl+C.");
        cmd.Options.Add(urls);
        cmd.Options.Add(demo);
        cmd.SetAction(pr =>
        {
            string? db = pr.GetValue(BallastCommand.Db);
            if (pr.GetValue(demo))
            {
                int code = MainJob.Run(console, db, new Core.Demo.DemoOptions());
                if (code != BallastCommand.Ok) return code;
            }
            return Serve(console, db, pr.GetValue(urls));
        });
        return cmd;
    }

    internal static Option<string?> UrlsOption() => new("--urls")
    {
        Description = $"Where to listen (default {BallastWeb.DefaultUrls}: loopback only)",
    };

    /// <summary>Runs the web application in this process until Ctrl+C (or SIGTERM) stops it.</summary>
    public static int Serve(CliConsole console, string? db, string? urls)
    {
        var args = new List<string>();
        if (!string.IsNullOrWhiteSpace(urls)) args.Add("--urls=" + urls);
        if (db is not null) args.Add("--Ballast:Db=" + db);
        var app = BallastWeb.Create([.. args]);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Urls)
                console.Out.WriteLine($"Ballast is serving on {address} (dashboard at /, API description at /openapi/v1.json). Ctrl+C stops it.");
        });
        app.Run();
        return BallastCommand.Ok;
    }
}
