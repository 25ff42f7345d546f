using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ballast.Core.Classifications;
using Ballast.Core.Demo;
using Ballast.Core.Monitoring;
using Ballast.Core.Releases;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Cli;

/// <summary>
/// <c>ballast bench warnings</c>: the built-in rules with their drivers over a national release (the demo
/// population in memory, problems planted), timed against the release computation's own time in the same run
/// (medians). Reported apart: the releases of the earlier months that falling and turning read, and the
/// enterprise drivers of the confidential view.
/// </summary>
internal static class BenchWarningsCommand
{
    private const int Runs = 5;

    public static Command Command(CliConsole console)
    {
        var enterprises = new Option<int>("--enterprises") { DefaultValueFactory = _ => 520_000, Description = "Enterprises (520000 = national scale)" };
        var months = new Option<int>("--months") { DefaultValueFactory = _ => 24, Description = "Months of reports, ending 2025-12" };
        var period = new Option<string>("--period") { DefaultValueFactory = _ => "2025-12", Description = "The release period (YYYY-MM)" };
        var cmd = new Command("warnings", "Warning speed: the built-in rules with drivers over a national release, as a fraction of the release's own time.")
        {
            enterprises, months, period,
        };
        cmd.SetAction(pr =>
        {
            if (!YearMonth.TryParse(pr.GetValue(period), out var month))
                throw new UsageException($"--period \"{pr.GetValue(period)}\" is not a month in the form YYYY-MM");
            if (pr.GetValue(enterprises) < 1) throw new UsageException("--enterprises must be at least 1");
            if (pr.GetValue(months) is < 13 or > DemoOptions.MaxMonths) throw new UsageException($"--months must be between 13 and {DemoOptions.MaxMonths}");
            return Run(console, pr.GetValue(enterprises), pr.GetValue(months), month);
        });
        return cmd;
    }

    private static int Run(CliConsole console, int enterprises, int months, YearMonth period)
    {
        var o = console.Out;
        var sw = Stopwatch.StartNew();
        var data = DemoPopulation.Generate(new DemoOptions(enterprises, months, 1), Classification.Default);
        var population = ReleasePopulationBuilder.Build(data.Enterprises, data.Reports(), data.Products(), data.Ppi, data.VaRates);
        o.WriteLine(Invariant($"Demo population: {enterprises:N0} enterprises, {months} months ending {data.LastPeriod}, problems planted ({data.Planted}); generated and built in {sw.Elapsed.TotalSeconds:F1} s."));
        o.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; load average {LoadAverage()}.");
        var rules = WarningRules.LoadBuiltIn();

        // The release itself, as `ballast bench release` times it.
        MonthlyRelease? current = null;
        double release = Median(() =>
        {
            var result = ReleaseEngine.Compute(population, period);
            current = result.Release;
        });
        if (current is null)
        {
            console.Error.WriteLine($"ballast: bench warnings: the release of {period} was refused");
            return BallastCommand.Rejected;
        }

        // The earlier release months that falling and turning read (computed once; a stored release would serve as well).
        sw.Restart();
        var releases = new List<MonthlyRelease> { current };
        var m = period;
        for (int i = 1; i < WarningService.MonthsOfHistory; i++)
        {
            m = WarningService.PreviousReleaseMonth(m);
            if (ReleaseEngine.Compute(population, m).Release is not { } r) break;
            releases.Add(r);
        }
        double history = sw.Elapsed.TotalSeconds;

        IReadOnlyList<WarningAlert> alerts = [];
        double rulesTime = Median(() => alerts = WarningEvaluator.Evaluate(rules, releases, population.ReleaseCodes));
        IReadOnlyList<WarningAlert> confidential = WarningEvaluator.Evaluate(rules, releases, population.ReleaseCodes, ReleaseView.Confidential);
        double enterpriseTime = Median(() => EnterpriseDrivers.Attach(confidential, population, ReleaseView.Confidential));

        o.WriteLine();
        o.WriteLine(Invariant($"| step ({period}, {rules.Rules.Count} built-in rules) | median of {Runs} | vs the release |"));
        o.WriteLine("|---|---:|---:|");
        o.WriteLine(Invariant($"| the release (ReleaseEngine.Compute) | {release:F3} s | 1 |"));
        o.WriteLine(Invariant($"| rules with cell drivers, published view ({alerts.Count} alerts) | {rulesTime:F3} s | {rulesTime / release:F3} |"));
        o.WriteLine(Invariant($"| enterprise drivers, confidential view ({confidential.Count} alerts) | {enterpriseTime:F3} s | {enterpriseTime / release:F3} |"));
        o.WriteLine(Invariant($"| the {releases.Count - 1} earlier release months (once, not a median) | {history:F3} s | {history / release:F3} |"));
        o.WriteLine();
        double total = rulesTime + enterpriseTime;
        o.WriteLine(Invariant($"Warnings with cell and enterprise drivers: {total:F3} s on top of the release ({total / release:F2} of its time); goal under 1 s: {(total < 1 ? "met" : "NOT met")}."));
        o.WriteLine();
        o.WriteLine("The alerts (published view) and their first driver:");
        foreach (var a in alerts)
            o.WriteLine(Invariant($"  {a.RuleId} {a.Breakdown} {a.Cell} {a.Value:0.0}{(a.Drivers.Count > 0 ? $" — {a.Drivers[0].Breakdown} {a.Drivers[0].Cell} {WarningsCommand.Figure(a.Drivers[0])}" : "")}"));
        return BallastCommand.Ok;
    }

    private static double Median(Action action)
    {
        var times = new double[Runs];
        var sw = new Stopwatch();
        for (int i = 0; i < Runs; i++)
        {
            sw.Restart();
            action();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[Runs / 2];
    }

    private static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
