using System.CommandLine;
using Ballast.Core.Releases;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Cli;

internal static class ReleaseCommand
{
    public static Command Command(CliConsole console)
    {
        var period = new Option<string?>("--period") { Description = "The month, YYYY-MM (default: the latest month with reports; January is published with February)" };
        var format = new Option<string>("--format") { Description = "csv (default), json or xlsx", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--out") { Description = "The file to write (default: standard output; required for xlsx)" };
        var confidential = new Option<bool>("--confidential") { Description = "Values of confidential cells too (flags C kept): for a local operator only, never to publish" };
        var summary = new Option<bool>("--summary") { Description = "Print the headline figures instead of the table" };
        var cmd = new Command("release", "Compute the monthly release: the tidy table of release.md, with disclosure control.")
        {
            period, format, output, confidential, summary,
        };
        cmd.SetAction(pr =>
        {
            var fmt = pr.GetValue(format)!.ToLowerInvariant();
            if (fmt is not ("csv" or "json" or "xlsx")) throw new UsageException($"--format \"{fmt}\" is not csv, json or xlsx");
            var outPath = pr.GetValue(output);
            if (fmt == "xlsx" && outPath is null) throw new UsageException("--format xlsx needs --out FILE");
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var month = ResolvePeriod(store, pr.GetValue(period));
            var release = ComputeAndStore(console, store, month);
            if (release is null) return BallastCommand.Rejected;
            if (pr.GetValue(summary))
            {
                foreach (var line in ReleaseSummary.Lines(release)) console.Out.WriteLine(line);
                return BallastCommand.Ok;
            }
            var view = pr.GetValue(confidential) ? ReleaseView.Confidential : ReleaseView.Published;
            if (view == ReleaseView.Confidential)
                console.Error.WriteLine("CONFIDENTIAL: this output holds the values of confidential cells (flag C). It must not leave the statistics office.");
            Write(console, release, view, fmt, outPath);
            return BallastCommand.Ok;
        });
        cmd.Subcommands.Add(DiffCommand(console));
        cmd.Subcommands.Add(ReleaseSaCommand.Command(console));
        return cmd;
    }

    private static Command DiffCommand(CliConsole console)
    {
        var period = new Option<string?>("--period") { Description = "The month, YYYY-MM (default: the latest month with reports)" };
        var against = new Option<long?>("--against") { Description = "The stored release to compare with (default: the latest stored release of the period)" };
        var confidential = new Option<bool>("--confidential") { Description = "Show the values of confidential cells too (local operator only)" };
        var cmd = new Command("diff", "Which figures of a stored release change when it is computed again on the current data, and by how much.")
        {
            period, against, confidential,
        };
        cmd.SetAction(pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var month = ResolvePeriod(store, pr.GetValue(period));
            var stored = store.Releases(month.ToString());
            if (stored.Count == 0)
                throw new UsageException($"no release for {month} is stored yet: compute one with `ballast release --period {month}`");
            var baseline = pr.GetValue(against) is { } id
                ? stored.FirstOrDefault(r => r.Id == id) ?? throw new UsageException($"release #{id} is not a stored release of {month}")
                : stored[0];
            long version = store.DataVersion();
            var release = Compute(console, store, month);
            if (release is null) return BallastCommand.Rejected;
            var view = pr.GetValue(confidential) ? ReleaseView.Confidential : ReleaseView.Published;
            var changes = ReleaseArchive.Diff(store, baseline.Id, release, view);
            var o = console.Out;
            o.WriteLine($"Release {month}: stored #{baseline.Id} (computed {baseline.ComputedAt:yyyy-MM-dd HH:mm} by {baseline.User} from data version {baseline.DataVersion}) against the current data (version {version}).");
            if (changes.Count == 0)
            {
                o.WriteLine(baseline.DataVersion == version ? "No data has been imported since: nothing changed." : "Later imports changed no figure of this release.");
                return BallastCommand.Ok;
            }
            o.WriteLine($"{changes.Count:N0} figure(s) changed:");
            o.WriteLine("breakdown,cell,measure,old_value,old_flag,new_value,new_flag,change");
            foreach (var c in changes)
                o.WriteLine(string.Join(',', c.Breakdown, c.Cell, c.Measure, MonthlyRelease.FormatValue(c.Measure, c.OldValue), c.OldFlag,
                    MonthlyRelease.FormatValue(c.Measure, c.NewValue), c.NewFlag, c.Change is double d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""));
            return BallastCommand.Ok;
        });
        return cmd;
    }

    /// <summary>Computes the release and keeps it in the store with the data version it read.</summary>
    internal static MonthlyRelease? ComputeAndStore(CliConsole console, IBallastStore store, YearMonth month) =>
        ComputeAndStore(console, store, month, out _);

    internal static MonthlyRelease? ComputeAndStore(CliConsole console, IBallastStore store, YearMonth month, out ReleasePopulation? population) =>
        ComputeAndStore(console, store, month, out population, out _);

    /// <summary>Also evaluates the built-in warnings of the month (published view) and stores them with their status.</summary>
    internal static MonthlyRelease? ComputeAndStore(CliConsole console, IBallastStore store, YearMonth month, out ReleasePopulation? population,
        out Core.Monitoring.WarningReport? warnings, Func<ReleasePopulation, MonthlyRelease, Statistics.Warnings.SupplementaryValues?>? supplementary = null)
    {
        warnings = null;
        long version = store.DataVersion();
        population = ReleaseService.LoadPopulation(store);
        var release = Compute(console, population, month);
        if (release is null) return null;
        if (store.DataVersion() != version)
        {
            // An import landed while the data were read: compute again so the stored version is the data read.
            version = store.DataVersion();
            population = ReleaseService.LoadPopulation(store);
            release = Compute(console, population, month);
            if (release is null) return null;
        }
        var stored = ReleaseArchive.Save(store, release, version, Environment.UserName, console.Clock.GetUtcNow());
        console.Error.WriteLine($"Release {month} stored as #{stored.Id} (data version {stored.DataVersion}).");
        warnings = Core.Monitoring.WarningService.Track(population, month, Core.Monitoring.WarningRules.LoadBuiltIn(), ReleaseView.Published, store,
            new Core.Monitoring.WarningRunInfo(Environment.UserName, console.Clock.GetUtcNow(), version), release,
            supplementary?.Invoke(population, release));
        return release;
    }

    internal static YearMonth ResolvePeriod(IBallastStore store, string? text)
    {
        if (text is null)
            return ReleaseService.LatestPeriod(store) ?? throw new UsageException($"{store.Description} holds no reports: import some first (or run `ballast demo`)");
        if (!YearMonth.TryParse(text, out var month)) throw new UsageException($"--period \"{text}\" is not a month in the form YYYY-MM");
        return month;
    }

    /// <summary>Computes the release; prints the reasons and returns null when it cannot be computed.</summary>
    internal static MonthlyRelease? Compute(CliConsole console, IBallastStore store, YearMonth month) =>
        Compute(console, ReleaseService.LoadPopulation(store), month);

    internal static MonthlyRelease? Compute(CliConsole console, ReleasePopulation population, YearMonth month)
    {
        var result = ReleaseEngine.Compute(population, month);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) console.Error.WriteLine($"ballast: release {month}: {e.Message}");
            return null;
        }
        return result.Release!;
    }

    private static void Write(CliConsole console, MonthlyRelease release, ReleaseView view, string format, string? path)
    {
        if (path is null)
        {
            if (format == "csv") release.WriteCsv(console.Out, view);
            else
            {
                using var ms = new MemoryStream();
                ReleaseFormats.WriteJson(ms, release, view);
                console.Out.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
                console.Out.WriteLine();
            }
        }
        else
        {
            var tmp = path + ".partial";
            using (var stream = File.Create(tmp))
            {
                switch (format)
                {
                    case "csv":
                        using (var w = new StreamWriter(stream, new System.Text.UTF8Encoding(false))) release.WriteCsv(w, view);
                        break;
                    case "json": ReleaseFormats.WriteJson(stream, release, view); break;
                    default: ReleaseFormats.WriteXlsx(stream, release, view); break;
                }
            }
            File.Move(tmp, path, overwrite: true);
            console.Error.WriteLine($"Wrote the {(view == ReleaseView.Published ? "published" : "CONFIDENTIAL")} release for {release.Period} ({release.Rows(view).Count:N0} rows) to {path}.");
        }
        if (release.UnfixableLines.Count > 0)
        {
            // Rule 5 of disclosure control: unfixable lines to standard error and to a log beside the output.
            foreach (var line in release.UnfixableLines) console.Error.WriteLine("disclosure: " + line);
            if (path is not null)
                File.WriteAllLines(path + ".log", release.UnfixableLines.Select(l => l.ToString()));
        }
    }
}
