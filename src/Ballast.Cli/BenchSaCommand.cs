using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Ballast.Core.Classifications;
using Ballast.Core.Demo;
using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.SeasonalAdjustment;

namespace Ballast.Cli;

/// <summary>
/// <c>ballast bench sa</c>: full automatic seasonal adjustment of the X-13 reference series, sequential and
/// parallel, against the X-13ARIMA-SEATS program run on each reference run's own spec (found through --x13 or
/// BALLAST_X13); then the province × division series of a national demo release adjusted in parallel.
/// </summary>
internal static partial class BenchSaCommand
{
    private const string X13Absent = "X-13 not measured: set BALLAST_X13 to the x13ashtml binary";

    public static Command Command(CliConsole console)
    {
        var x13 = new Option<string?>("--x13") { Description = "The x13ashtml binary (default $BALLAST_X13)" };
        var reference = new Option<string?>("--reference") { Description = "The X-13 reference folder (default: shared/data/reference/x13 beside the repository)" };
        var runs = new Option<int>("--runs") { DefaultValueFactory = _ => 0, Description = "Only the first N ok runs (0 = all)" };
        var enterprises = new Option<int>("--enterprises") { DefaultValueFactory = _ => 520_000, Description = "Demo enterprises for the province × division series (0 = skip that part)" };
        var months = new Option<int>("--months") { DefaultValueFactory = _ => 72, Description = "Months of the demo release" };
        var times = new Option<string?>("--times") { Description = "Also write each reference series' seconds (Ballast, sequential; X-13 where measured) to this CSV file" };
        var cmd = new Command("sa", "Seasonal-adjustment speed: series per second for full automatic adjustment, against X-13ARIMA-SEATS.")
        {
            x13, reference, runs, enterprises, months, times,
        };
        cmd.SetAction(pr => Run(console, pr.GetValue(x13) ?? Environment.GetEnvironmentVariable("BALLAST_X13"),
            pr.GetValue(reference), pr.GetValue(runs), pr.GetValue(enterprises), pr.GetValue(months), pr.GetValue(times)));
        return cmd;
    }

    private sealed record ReferenceRun(string Id, string Directory, MonthlySeries Series, AdjustmentSpec Spec);

    private static int Run(CliConsole console, string? x13, string? referenceDir, int runLimit, int enterprises, int months, string? timesPath)
    {
        var o = console.Out;
        var root = referenceDir ?? FindReference();
        if (root is null || !File.Exists(Path.Combine(root, "summary.csv")))
        {
            console.Error.WriteLine("ballast: the X-13 reference runs were not found: give --reference DIR (the folder holding summary.csv)");
            return BallastCommand.Rejected;
        }
        var runs = LoadRuns(root);
        if (runLimit > 0) runs = runs.Take(runLimit).ToList();
        o.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        o.WriteLine($"Reference: {root}, {runs.Count} ok runs");
        o.WriteLine();

        // Warm-up: the first adjustment pays for JIT compilation, which is not per-series work.
        Adjust(runs[0].Series, runs[0].Spec);

        var perSeries = new double[runs.Count];
        var outcomes = new Outcome[runs.Count];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < runs.Count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            outcomes[i] = Adjust(runs[i].Series, runs[i].Spec);
            perSeries[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        double sequential = clock.Elapsed.TotalSeconds;
        clock.Restart();
        Parallel.ForEach(Balanced(runs), new ParallelOptions { MaxDegreeOfParallelism = 2 }, r => Adjust(r.Series, r.Spec));
        double parallel = clock.Elapsed.TotalSeconds;

        o.WriteLine("| program | series | seconds | series/s | median s per series |");
        o.WriteLine("|---|---:|---:|---:|---:|");
        double median = Median(perSeries);
        o.WriteLine(F($"| Ballast, sequential | {runs.Count} | {sequential:F3} | {runs.Count / sequential:F1} | {median:F4} |"));
        o.WriteLine(F($"| Ballast, parallel (2 threads) | {runs.Count} | {parallel:F3} | {runs.Count / parallel:F1} | |"));
        ReportFailures(o, outcomes, runs.Select(r => r.Id).ToList());
        double[]? x13PerSeries = null;

        if (x13 is null || !File.Exists(x13))
        {
            o.WriteLine();
            o.WriteLine(x13 is null ? X13Absent : $"X-13 not measured: {x13} does not exist; set BALLAST_X13 to the x13ashtml binary");
        }
        else
        {
            var x13Times = new double[runs.Count];
            int x13Failed = 0;
            for (int i = 0; i < runs.Count; i++)
            {
                var (seconds, ok) = RunX13(x13, runs[i]);
                x13Times[i] = seconds;
                if (!ok) x13Failed++;
            }
            x13PerSeries = x13Times;
            double x13Total = x13Times.Sum();
            // X-13 on both cores too: two processes at a time, so the parallel ratio compares like with like.
            clock.Restart();
            Parallel.ForEach(Balanced(runs), new ParallelOptions { MaxDegreeOfParallelism = 2 }, r => RunX13(x13, r));
            double x13Parallel = clock.Elapsed.TotalSeconds;
            o.WriteLine(F($"| X-13ARIMA-SEATS (x13ashtml, one process per series), sequential | {runs.Count} | {x13Total:F3} | {runs.Count / x13Total:F2} | {Median(x13Times):F4} |"));
            o.WriteLine(F($"| X-13ARIMA-SEATS, parallel (2 processes at a time) | {runs.Count} | {x13Parallel:F3} | {runs.Count / x13Parallel:F2} | |"));
            if (x13Failed > 0) o.WriteLine($"x13ashtml ended with an error on {x13Failed} of the {runs.Count} series.");
            o.WriteLine();
            o.WriteLine(F($"Throughput against X-13: {x13Total / sequential:F1}× sequential against sequential; {x13Parallel / parallel:F1}× parallel against parallel; {x13Total / parallel:F1}× Ballast parallel against X-13 sequential; median per series {Median(x13Times) / median:F1}×."));
        }

        if (timesPath is not null) WriteTimes(timesPath, runs, perSeries, x13PerSeries);
        if (enterprises > 0) SyntheticRelease(console, enterprises, months);
        return BallastCommand.Ok;
    }

    /// <summary>
    /// The monthly current-price value added of every province|division cell of a demo release (Σ output value ×
    /// the division's value-added rate of the year), kept when every month is present and non-zero, all adjusted in
    /// parallel with every choice automatic.
    /// </summary>
    private static void SyntheticRelease(CliConsole console, int enterprises, int months)
    {
        var o = console.Out;
        var clock = Stopwatch.StartNew();
        var data = DemoPopulation.Generate(new DemoOptions(enterprises, months, 1), Classification.Default);
        var cellOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in data.Enterprises) cellOf[e.CreditCode] = e.Province + "|" + e.Division;
        var rate = data.VaRates.ToDictionary(v => (v.Division, v.Year), v => v.Rate);
        var first = data.FirstPeriod;
        var cells = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var r in data.Reports())
        {
            var cell = cellOf[r.CreditCode];
            if (!cells.TryGetValue(cell, out var values)) cells[cell] = values = new double[months];
            values[r.Period - first] += r.OutputValue * rate[(cell[3..], r.Period.Year)];
        }
        var kept = cells.Where(c => c.Value.All(v => v > 0)).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var series = kept.Select(c => new MonthlySeries(first, c.Value)).ToList();
        o.WriteLine();
        o.WriteLine(F($"Demo release: {enterprises:N0} enterprises, {months} months, {cells.Count} province × division cells, {series.Count} with {months} non-zero months (built in {clock.Elapsed.TotalSeconds:F1} s)"));

        var spec = new AdjustmentSpec { Model = new RegArimaSpec { ForecastHorizon = 12 }, Identify = AllChoices };
        var outcomes = new Outcome[series.Count];
        clock.Restart();
        Parallel.For(0, series.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => outcomes[i] = Adjust(series[i], spec));
        double seconds = clock.Elapsed.TotalSeconds;
        o.WriteLine(F($"Adjusted {outcomes.Count(x => x.Adjusted)} of {series.Count} province × division series in {seconds:F2} s (parallel, 2 threads): {series.Count / seconds:F0} series/s."));
        ReportFailures(o, outcomes, kept.Select(c => c.Key).ToList());
    }

    private readonly record struct Outcome(bool Adjusted, string? Message);

    /// <summary>One adjustment; a refusal or an exception is counted and reported, not fatal to the benchmark.</summary>
    private static Outcome Adjust(MonthlySeries series, AdjustmentSpec spec)
    {
        try
        {
            var r = SeasonalAdjuster.Adjust(series, spec, ModelOptions.Identifier);
            return new Outcome(r.IsAdjusted, r.IsAdjusted ? null : r.Message);
        }
        catch (ArgumentException e)
        {
            return new Outcome(false, "exception: " + e.Message);
        }
        catch (InvalidOperationException e)
        {
            return new Outcome(false, "exception: " + e.Message);
        }
    }

    private static void ReportFailures(TextWriter o, Outcome[] outcomes, List<string> ids)
    {
        var failed = Enumerable.Range(0, outcomes.Length).Where(i => !outcomes[i].Adjusted).ToList();
        if (failed.Count == 0) return;
        o.WriteLine($"Not adjusted: {failed.Count} of {outcomes.Length} series (their time is included), e.g.:");
        foreach (var i in failed.Take(5)) o.WriteLine($"  {ids[i]}: {outcomes[i].Message}");
    }

    private const ModelChoice AllChoices = ModelChoice.All;

    /// <summary>
    /// The ok runs of summary.csv with the series as X-13 read it (series block of input.spc) and X-13's spec
    /// choices: everything automatic; Easter tested only where the spec has it (aictest=(td) for the Chinese
    /// series); Spring Festival regressors for the _cny runs. The fallback runs' critical value of 4.5 is not
    /// passed (AutomaticIdentifier takes X-13's default).
    /// </summary>
    private static List<ReferenceRun> LoadRuns(string root)
    {
        var list = new List<ReferenceRun>();
        foreach (var line in File.ReadLines(Path.Combine(root, "summary.csv")).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < 8 || f[7] != "ok") continue;
            var dir = Path.Combine(root, f[0]);
            var spc = File.ReadAllText(Path.Combine(dir, "input.spc"));
            var block = SeriesBlock().Match(spc).Groups[1].Value;
            var start = ParseDate(StartDate().Match(block).Groups[1].Value);
            var mc = MissingCode().Match(block);
            double missing = mc.Success ? double.Parse(mc.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
            var values = DataList().Match(block).Groups[1].Value
                .Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Select(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture))
                .Select(v => v == missing ? double.NaN : v).ToArray();
            var series = new MonthlySeries(start, values);
            var open = AllChoices;
            if (!spc.Contains("easter", StringComparison.Ordinal)) open &= ~ModelChoice.Easter;
            var model = ModelOptions.ForSeries(new RegArimaSpec { ForecastHorizon = 12 }, f[2].Contains("cny", StringComparison.Ordinal), series);
            list.Add(new ReferenceRun(f[0], dir, series, new AdjustmentSpec { Model = model, Identify = open }));
        }
        return list;
    }

    /// <summary>
    /// The runs for the two parallel workers, one at a time as a worker frees (no fixed ranges), the longest series
    /// first: a long series started last would leave the other core idle. The same order for both programs.
    /// </summary>
    private static OrderablePartitioner<ReferenceRun> Balanced(List<ReferenceRun> runs) =>
        Partitioner.Create(runs.OrderByDescending(r => r.Series.Length).ToList(), EnumerablePartitionerOptions.NoBuffering);

    /// <summary>Each series' seconds side by side, to see where either program spends its time.</summary>
    private static void WriteTimes(string path, List<ReferenceRun> runs, double[] ballast, double[]? x13)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("run_id,n_obs,ballast_s,x13_s");
        for (int i = 0; i < runs.Count; i++)
            w.WriteLine(F($"{runs[i].Id},{runs[i].Series.Length},{ballast[i]:F4},{(x13 is null ? "" : x13[i].ToString("F4", CultureInfo.InvariantCulture))}"));
    }

    /// <summary>One x13ashtml process on a copy of the run's input.spc in a fresh folder, timed from start to exit.</summary>
    private static (double Seconds, bool Ok) RunX13(string x13, ReferenceRun run)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ballast-x13-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.Copy(Path.Combine(run.Directory, "input.spc"), Path.Combine(dir, "input.spc"));
            var psi = new ProcessStartInfo(Path.GetFullPath(x13), "input")
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            long start = Stopwatch.GetTimestamp();
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            _ = stdout.Result + stderr.Result;
            return (seconds, p.ExitCode == 0 && !ErrFileHasError(Path.Combine(dir, "input_err.html")));
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static bool ErrFileHasError(string path) =>
        File.Exists(path) && File.ReadAllText(path).Contains("ERROR", StringComparison.Ordinal);

    private static string? FindReference()
    {
        foreach (var from in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(from); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "shared", "data", "reference", "x13");
                if (File.Exists(Path.Combine(candidate, "summary.csv"))) return candidate;
            }
        return null;
    }

    private static YearMonth ParseDate(string text)
    {
        var parts = text.Split('.');
        return new YearMonth(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static double Median(double[] values)
    {
        var s = values.Order().ToArray();
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"series\{(.*?)\}", RegexOptions.Singleline)]
    private static partial Regex SeriesBlock();
    [GeneratedRegex(@"start=(\d+\.\d+)")]
    private static partial Regex StartDate();
    [GeneratedRegex(@"missingcode=(-?[\d.]+)")]
    private static partial Regex MissingCode();
    [GeneratedRegex(@"data=\((.*?)\)", RegexOptions.Singleline)]
    private static partial Regex DataList();
}
