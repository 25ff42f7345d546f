using System.CommandLine;
using Ballast.Core.Demo;
using Ballast.Core.Storage;

namespace Ballast.Cli;

/// <summary>
/// The main job: load the demo population when the store is empty, then summarise what is stored (and, as
/// the release and the web platform land, compute the latest release, its warnings, and serve the dashboard).
/// <c>ballast run</c> is the main job; <c>ballast demo</c> is the same without serving, and exits.
/// </summary>
internal static class MainJob
{
    public static Command Command(CliConsole console, bool serve)
    {
        var enterprises = new Option<int>("--enterprises") { Description = "Enterprises in the demo population (520000 is full scale)", DefaultValueFactory = _ => new DemoOptions().Enterprises };
        var months = new Option<int>("--months") { Description = "Months of reports, ending 2025-12", DefaultValueFactory = _ => new DemoOptions().Months };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator (same seed, same data)", DefaultValueFactory = _ => new DemoOptions().Seed };
        var cmd = serve
            ? new Command("run", "Ballast's main job: load the demo population into an empty store, compute the latest release and its warnings, print the summary, then serve the dashboard until stopped.")
            : new Command("demo", "The main job without serving, for scripts: load the demo population into an empty store, compute the latest release, print the summary; with --out, write the demo CSV files instead.");
        cmd.Options.Add(enterprises);
        cmd.Options.Add(months);
        cmd.Options.Add(seed);
        var control = new Option<bool>("--control") { Description = "Plant no problems: a control population (by default an overcapacity product, a slowing province and a declining division are planted)" };
        cmd.Options.Add(control);
        Option<string?>? outDir = null;
        Option<string?>? urls = null;
        if (serve)
        {
            urls = ServeCommand.UrlsOption();
            cmd.Options.Add(urls);
        }
        else
        {
            outDir = new Option<string?>("--out") { Description = "Write the population's five CSV files to this folder instead of loading them" };
            cmd.Options.Add(outDir);
        }
        cmd.SetAction(pr =>
        {
            var options = new DemoOptions(pr.GetValue(enterprises), pr.GetValue(months), pr.GetValue(seed), PlantProblems: !pr.GetValue(control));
            if (options.Enterprises < 1) throw new UsageException("--enterprises must be at least 1");
            if (options.Months is < 13 or > 240) throw new UsageException("--months must be between 13 and 240 (growth needs the same month a year earlier)");
            if (outDir is not null && pr.GetValue(outDir) is { } dir)
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                var data = DemoPopulation.Generate(options, Core.Classifications.Classification.Default);
                DemoWriter.WriteCsv(data, dir);
                console.Out.WriteLine($"Wrote the demo population ({options.Enterprises:N0} enterprises, {options.Months} months, seed {options.Seed}) to {dir} in {started.Elapsed.TotalSeconds:F1} s.");
                return BallastCommand.Ok;
            }
            string? db = pr.GetValue(BallastCommand.Db);
            int result = Run(console, db, options);
            if (result != BallastCommand.Ok || !serve) return result;
            console.Out.WriteLine();
            return ServeCommand.Serve(console, db, pr.GetValue(urls!));
        });
        return cmd;
    }

    /// <summary>The job without serving: load the demo into an empty store, compute and store the latest release, print the summary and warnings.</summary>
    public static int Run(CliConsole console, string? db, DemoOptions options)
    {
        using var store = StoreFactory.Open(db);
        bool wasEmpty = store.Summary().Enterprises == 0;
        var code = LoadIfEmpty(console, store, options);
        if (code != BallastCommand.Ok) return code;
        StatusCommand.Print(console, store);
        console.Out.WriteLine();
        var month = Core.Releases.ReleaseService.LatestPeriod(store);
        if (month is null) return BallastCommand.Ok;
        // The warnings also watch the seasonally adjusted growth and the year-end target risk: the vintage is
        // computed (or read) first, and the national figure printed from it below.
        var release = ReleaseCommand.ComputeAndStore(console, store, month.Value, out var population, out var warnings,
            (p, r) => Core.Monitoring.SupplementaryMeasuresService.Build(p, month.Value, ReleaseSaCommand.Vintage(console, store, month.Value, p, r)));
        if (release is null) return BallastCommand.Rejected;
        foreach (var line in Core.Releases.ReleaseSummary.Lines(release)) console.Out.WriteLine(line);
        ReleaseSaCommand.PrintNational(console, store, month.Value, population!, release);
        console.Out.WriteLine();
        WarningsCommand.Print(console, warnings!, 12);
        if (wasEmpty) DemoWebSetup.Run(console, store, month.Value);
        return BallastCommand.Ok;
    }

    private static int LoadIfEmpty(CliConsole console, IBallastStore store, DemoOptions options)
    {
        if (store.Summary().Enterprises > 0)
        {
            console.Out.WriteLine($"{store.Description} already holds data: the demo population was not loaded.");
            return BallastCommand.Ok;
        }
        console.Out.WriteLine($"{store.Description} is empty: loading the demo population. It is SYNTHETIC data calibrated to published 2025 aggregates, not real microdata.");
        var outcome = ProgressDisplay.Run(console, "Loading", p => DemoLoader.Load(store, options, console.Clock, new SyncProgress(console), p));
        ImportCommand.Report(console, outcome, store.Description);
        return outcome.Accepted ? BallastCommand.Ok : BallastCommand.Rejected;
    }

    private sealed class SyncProgress(CliConsole console) : IProgress<string>
    {
        public void Report(string value) => console.Error.WriteLine(value);
    }
}
