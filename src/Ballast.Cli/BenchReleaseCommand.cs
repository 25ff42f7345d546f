using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ballast.Core.Classifications;
using Ballast.Core.Demo;
using Ballast.Core.Releases;
using Ballast.Core.Storage;
using Ballast.Core.Storage.Postgres;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Cli;

/// <summary>
/// <c>ballast bench release</c>: the full release (all rows, disclosure control) of a demo population, timed on the
/// in-memory model (median of 5), then read from a store in a fresh child process ("cold": the child's runtime,
/// JIT and database caches are cold; the operating system's page cache is not dropped), and with --duckdb against
/// DuckDB computing the same value-added measures from the same data in memory (bench/duckdb/release-duckdb.mjs),
/// whose values must equal Ballast's.
/// </summary>
internal static class BenchReleaseCommand
{
    private const int Runs = 5;

    /// <summary>The measures DuckDB computes (release.md): the value-added ones and the count.</summary>
    internal static readonly string[] ComparedMeasures =
    [
        ReleaseMeasures.VaYoyMonth, ReleaseMeasures.VaYoyYtd, ReleaseMeasures.VaPullMonth, ReleaseMeasures.VaPullYtd,
        ReleaseMeasures.VaContribMonth, ReleaseMeasures.VaContribYtd, ReleaseMeasures.VaShareMonth, ReleaseMeasures.Enterprises,
    ];

    /// <summary>Every breakdown but tier and product.</summary>
    internal static readonly string[] ComparedBreakdowns =
    [
        ReleaseBreakdowns.Total, ReleaseBreakdowns.Section, ReleaseBreakdowns.Division, ReleaseBreakdowns.Province,
        ReleaseBreakdowns.Region4, ReleaseBreakdowns.Ownership, ReleaseBreakdowns.Size, ReleaseBreakdowns.HighTech,
        ReleaseBreakdowns.Equipment, ReleaseBreakdowns.KeyIndustry, ReleaseBreakdowns.ProvinceDivision,
    ];

    public static Command Command(CliConsole console)
    {
        var enterprises = new Option<int>("--enterprises") { DefaultValueFactory = _ => 520_000, Description = "Enterprises (520000 = national scale)" };
        var months = new Option<int>("--months") { DefaultValueFactory = _ => 24, Description = "Months of reports, ending 2025-12" };
        var period = new Option<string>("--period") { DefaultValueFactory = _ => "2025-12", Description = "The release period (YYYY-MM)" };
        var duckdb = new Option<bool>("--duckdb") { Description = "Also run DuckDB on the same data (needs node and `npm install` in bench/duckdb) and check its values equal Ballast's" };
        var pg = new Option<string?>("--pg") { Description = "Also measure the release from PostgreSQL (URL or connection string; default $BALLAST_BENCH_PG); its Ballast tables are emptied" };
        var work = new Option<string?>("--work-dir") { Description = "Folder for the CSV files and the SQLite file (default: a temporary folder, deleted afterwards)" };
        var skipStore = new Option<bool>("--no-store") { Description = "Skip the measurement from the store (loading a national population takes minutes)" };
        var release = new Command("release", "Release speed: the full release in memory and from the store, against DuckDB.")
        {
            enterprises, months, period, duckdb, pg, work, skipStore,
        };
        release.SetAction(pr => Guard(console, () => Run(console, new Settings(pr.GetValue(enterprises), pr.GetValue(months), ParsePeriod(pr.GetValue(period)),
            pr.GetValue(duckdb), pr.GetValue(skipStore) ? null : "sqlite",
            pr.GetValue(pg) ?? Environment.GetEnvironmentVariable("BALLAST_BENCH_PG"), pr.GetValue(work)))));

        // The child of the measurement from the store: a fresh process, so nothing is warm but the OS page cache.
        var childPeriod = new Option<string>("--period") { DefaultValueFactory = _ => "2025-12", Description = "The release period (YYYY-MM)" };
        var output = new Option<string?>("--out") { Description = "Write the unsuppressed release here (CSV), after timing" };
        var fromStore = new Command("from-store", "Reads the population from --db, computes the release; prints the times as JSON.")
        {
            childPeriod, output,
        };
        fromStore.Hidden = true;
        fromStore.SetAction(pr => Guard(console, () => FromStore(console, pr.GetValue(BallastCommand.Db), ParsePeriod(pr.GetValue(childPeriod)), pr.GetValue(output))));
        release.Subcommands.Add(fromStore);
        return release;
    }

    // Exceptions thrown in an action do not reach BallastCommand.Run (System.CommandLine reports them with a trace):
    // turned into a sentence and an exit code here.
    private static int Guard(CliConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UsageException e)
        {
            console.Error.WriteLine("ballast: " + e.Message);
            return BallastCommand.Usage;
        }
        catch (StoreException e)
        {
            console.Error.WriteLine("ballast: " + e.Message);
            return BallastCommand.Rejected;
        }
        catch (BenchFailedException e)
        {
            console.Error.WriteLine("ballast: bench release failed: " + e.Message);
            return BallastCommand.Rejected;
        }
    }

    private sealed record Settings(int Enterprises, int Months, YearMonth Period, bool DuckDb, string? Sqlite, string? Pg, string? WorkDir);

    private static YearMonth ParsePeriod(string? text) =>
        YearMonth.TryParse(text, out var p) ? p : throw new UsageException($"--period \"{text}\" is not a month in the form YYYY-MM");

    private static int Run(CliConsole console, Settings s)
    {
        var o = console.Out;
        // Before minutes of work: is DuckDB's script there, with its node_modules?
        string? script = s.DuckDb ? FindDuckDbScript() : null;
        var dir = s.WorkDir ?? Path.Combine(Path.GetTempPath(), "ballast-bench-release-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var options = new DemoOptions(s.Enterprises, s.Months, 1);
            var sw = Stopwatch.StartNew();
            var data = DemoPopulation.Generate(options, Classification.Default);
            double generate = sw.Elapsed.TotalSeconds;
            o.WriteLine(Invariant($"Demo population: {s.Enterprises:N0} enterprises, {s.Months} months ending {data.LastPeriod}, generated in {generate:F1} s."));
            o.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; load average {LoadAverage()}.");

            // The in-memory model. Reports are generated as they are enumerated, so building includes generating them.
            long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            sw.Restart();
            var population = ReleasePopulationBuilder.Build(data.Enterprises, data.Reports(), data.Products(), data.Ppi, data.VaRates);
            double build = sw.Elapsed.TotalSeconds;
            long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            long modelBytes = heapAfter - heapBefore;

            var times = new double[Runs];
            MonthlyRelease? release = null;
            for (int i = 0; i < Runs; i++)
            {
                sw.Restart();
                var result = ReleaseEngine.Compute(population, s.Period);
                times[i] = sw.Elapsed.TotalSeconds;
                release = result.Release ?? throw new BenchFailedException(
                    "The release was refused: " + string.Join(" ", result.Errors.Select(e => e.Message)));
            }
            long peakRss = ReadVmHwm();
            double ballast = Median(times);
            GC.KeepAlive(population);
            o.WriteLine(Invariant($"Ballast in memory: model built in {build:F1} s (reports generated on the fly); model {modelBytes / 1048576.0:N0} MiB of managed heap after a full GC; process peak RSS {peakRss / 1048576.0:N0} MiB (VmHWM)."));
            o.WriteLine(Invariant($"Release {s.Period}: {release!.ConfidentialRows.Count:N0} rows, {release.ConfidentialRows.Count(r => r.Flag == ReleaseFlag.Confidential):N0} of them confidential, {release.SecondarySuppressions.Count} secondary suppressions; runs {string.Join(", ", times.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))} s."));

            // The published 2025 figures, from the release engine itself at this scale (published-figures.md).
            if (s.Period == new YearMonth(2025, 12))
            {
                var november = ReleaseEngine.Compute(population, new YearMonth(2025, 11)).Release
                    ?? throw new BenchFailedException("the release for 2025-11 was refused");
                o.WriteLine();
                o.WriteLine("| published 2025 figure | target | demo release | holds |");
                o.WriteLine("|---|---|---:|---|");
                foreach (var f in PublishedFigures.Check(release, november, data.Enterprises))
                    o.WriteLine(Invariant($"| {f.Figure} | {f.Target} | {(f.Measured is double m ? m.ToString("0.###", CultureInfo.InvariantCulture) : "n/a")} | {(f.Holds ? "yes" : "**no**")} |"));
                o.WriteLine();
            }

            var table = new List<string>
            {
                Invariant($"| Ballast, in memory (ReleaseEngine.Compute: every row, disclosure control) | {ballast:F3} s (median of {Runs}) |"),
            };
            string expectedCsv = ReleaseCsv(release);

            double? duck = null;
            if (script is not null)
            {
                var (median, row) = RunDuckDb(console, script, data, release, s.Period, dir);
                duck = median;
                table.Add(row);
            }

            if (s.Sqlite is not null)
            {
                var db = Path.Combine(dir, "release.db");
                using (var store = StoreFactory.Open(db)) LoadStore(console, store, options);
                table.Add(FromStoreRow(console, "SQLite", db, s.Period, dir, expectedCsv));
                if (s.WorkDir is null) File.Delete(db);
            }
            if (s.Pg is not null)
            {
                using (var store = (PostgresStore)StoreFactory.Open(s.Pg))
                {
                    store.TruncateData();
                    LoadStore(console, store, options);
                }
                table.Add(FromStoreRow(console, "PostgreSQL", s.Pg, s.Period, dir, expectedCsv));
            }

            o.WriteLine();
            o.WriteLine("| release " + s.Period + " | time |");
            o.WriteLine("|---|---:|");
            foreach (var line in table) o.WriteLine(line);
            if (duck is double d)
            {
                o.WriteLine();
                o.WriteLine(Invariant($"DuckDB takes {d / ballast:F1}× Ballast's time (Ballast's run includes disclosure control and every other measure; DuckDB's does not)."));
            }
            return BallastCommand.Ok;
        }
        finally
        {
            if (s.WorkDir is null) Directory.Delete(dir, recursive: true);
        }
    }

    private static void LoadStore(CliConsole console, IBallastStore store, DemoOptions options)
    {
        var sw = Stopwatch.StartNew();
        var outcome = DemoLoader.Load(store, options, console.Clock);
        if (!outcome.Accepted)
            throw new BenchFailedException($"Loading the demo population into {store.Description} failed: {outcome.ErrorCount} errors, the first: {outcome.Errors.FirstOrDefault()}");
        console.Out.WriteLine(Invariant($"Loaded into {store.Description} in {sw.Elapsed.TotalSeconds:F0} s (validated import; not part of the timed release)."));
    }

    /// <summary>Runs the child that reads the store and computes the release; checks its rows equal the in-memory ones.</summary>
    private static string FromStoreRow(CliConsole console, string label, string db, YearMonth period, string dir, string expectedCsv)
    {
        var csv = Path.Combine(dir, "from-store.csv");
        var sw = Stopwatch.StartNew();
        var (code, stdout, stderr) = RunProcess("dotnet",
            [typeof(BenchReleaseCommand).Assembly.Location, "bench", "release", "from-store", "--db", db, "--period", period.ToString(), "--out", csv]);
        double wall = sw.Elapsed.TotalSeconds;
        if (code != 0) throw new BenchFailedException($"{label}: the child `ballast bench release from-store` failed (exit {code}): {stderr}{stdout}");
        using var json = JsonDocument.Parse(LastLine(stdout));
        var r = json.RootElement;
        double read = r.GetProperty("readSeconds").GetDouble(), compute = r.GetProperty("computeSeconds").GetDouble();
        long peak = (long)r.GetProperty("peakRssBytes").GetDouble();
        double rows = r.GetProperty("reports").GetDouble() + r.GetProperty("products").GetDouble();
        bool same = string.Equals(File.ReadAllText(csv), expectedCsv, StringComparison.Ordinal);
        File.Delete(csv);
        if (!same) throw new BenchFailedException($"{label}: the release computed from the store differs from the one computed in memory.");
        console.Out.WriteLine(Invariant($"From {label} (child process): {rows:N0} report and product rows read and the model built in {read:F1} s ({rows / read:N0} rows/s), release computed in {compute:F3} s; child peak RSS {peak / 1048576.0:N0} MiB; child wall time {wall:F1} s including .NET start-up; release identical to the in-memory one."));
        return Invariant($"| Ballast, from {label} cold (fresh process: read the store, build the model, compute) | {read + compute:F1} s (read {read:F1} + compute {compute:F3}) |");
    }

    /// <summary>The hidden child: times reading the store into the model and computing the release.</summary>
    private static int FromStore(CliConsole console, string? db, YearMonth period, string? output)
    {
        var sw = Stopwatch.StartNew();
        ReleasePopulation population;
        using (var store = StoreFactory.Open(db))
            population = ReleasePopulationBuilder.Build(store.Enterprises(), store.Reports(), store.Products(), store.Ppi(), store.VaRates());
        double read = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var result = ReleaseEngine.Compute(population, period);
        double compute = sw.Elapsed.TotalSeconds;
        if (result.Release is null)
        {
            foreach (var e in result.Errors) console.Error.WriteLine("ballast: " + e.Message);
            return BallastCommand.Rejected;
        }
        long peak = ReadVmHwm();
        if (output is not null) File.WriteAllText(output, ReleaseCsv(result.Release));
        StoreSummary summary;
        using (var store = StoreFactory.Open(db)) summary = store.Summary();
        console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["readSeconds"] = read, ["computeSeconds"] = compute, ["peakRssBytes"] = peak,
            ["reports"] = summary.Reports, ["products"] = summary.Products,
        }));
        return BallastCommand.Ok;
    }

    private static string ReleaseCsv(MonthlyRelease release)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        release.WriteCsv(w, ReleaseView.Confidential);
        return w.ToString();
    }

    /// <summary>Writes the CSVs, runs bench/duckdb/release-duckdb.mjs, checks every value it produced against Ballast's.</summary>
    private static (double Median, string Row) RunDuckDb(CliConsole console, string script, DemoData data, MonthlyRelease release, YearMonth period, string dir)
    {
        var csvDir = Path.Combine(dir, "csv");
        var sw = Stopwatch.StartNew();
        DemoWriter.WriteCsv(data, csvDir);
        var clsDir = Path.Combine(dir, "classification");
        WriteClassification(Classification.Default, clsDir);
        console.Out.WriteLine(Invariant($"CSV files for DuckDB written in {sw.Elapsed.TotalSeconds:F1} s."));

        var result = Path.Combine(dir, "duckdb-release.csv");
        var (code, stdout, stderr) = RunProcess("node",
            [script, "--data", csvDir, "--classification", clsDir, "--period", period.ToString(), "--out", result, "--runs", Runs.ToString(CultureInfo.InvariantCulture), "--threads", "2"]);
        if (code != 0) throw new BenchFailedException($"DuckDB: node {script} failed (exit {code}): {stderr}{stdout}");
        using var json = JsonDocument.Parse(LastLine(stdout));
        var r = json.RootElement;
        double median = r.GetProperty("medianSeconds").GetDouble(), load = r.GetProperty("loadSeconds").GetDouble();
        var runs = r.GetProperty("runSeconds").EnumerateArray().Select(x => x.GetDouble().ToString("F3", CultureInfo.InvariantCulture));

        var check = Compare(release, result);
        console.Out.WriteLine(Invariant($"DuckDB {r.GetProperty("duckdb").GetString()} (@duckdb/node-api), {r.GetProperty("threads").GetInt32()} threads: CSVs loaded into memory in {load:F1} s (not compared); runs {string.Join(", ", runs)} s."));
        console.Out.WriteLine(Invariant($"DuckDB's values equal Ballast's unsuppressed values: {check.Compared:N0} figures compared, max |difference| {check.MaxAbsolute:G3}, max relative difference {check.MaxRelative:G3} (tolerance 1e-9 × max(1, |a|, |b|))."));
        return (median, Invariant($"| DuckDB, in memory, 2 threads (the value-added measures only, no disclosure control) | {median:F3} s (median of {Runs}) |"));
    }

    internal sealed record Comparison(int Compared, double MaxAbsolute, double MaxRelative);

    /// <summary>
    /// Every row DuckDB wrote must be a row of Ballast's unsuppressed view with an equal value (both empty, or
    /// |a − b| ≤ 1e-9 · max(1, |a|, |b|), release.md), and DuckDB must have written every such row of Ballast's.
    /// </summary>
    internal static Comparison Compare(MonthlyRelease release, string duckCsv)
    {
        var problems = new List<string>();
        int compared = 0;
        double maxAbs = 0, maxRel = 0;
        var seen = new HashSet<(string, string, string)>();
        foreach (var line in File.ReadLines(duckCsv).Skip(1))
        {
            if (line.Length == 0) continue;
            var f = line.Split(',');
            if (f.Length != 4) throw new BenchFailedException($"DuckDB's result has a malformed line: {line}");
            var key = (f[0], f[1], f[2]);
            if (!seen.Add(key)) problems.Add($"{f[0]}/{f[1]}/{f[2]}: twice in DuckDB's result");
            double? duck = f[3].Length == 0 ? null : double.Parse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture);
            var row = release.Find(f[0], f[1], f[2], ReleaseView.Confidential);
            compared++;
            if (row is null) { problems.Add($"{f[0]}/{f[1]}/{f[2]}: DuckDB has it, Ballast has no such row"); continue; }
            if (duck is null || row.Value is null)
            {
                if (duck is not null || row.Value is not null)
                    problems.Add($"{f[0]}/{f[1]}/{f[2]}: Ballast {Show(row.Value)}, DuckDB {Show(duck)}");
                continue;
            }
            double a = row.Value.Value, b = duck.Value, diff = Math.Abs(a - b);
            double scale = Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
            maxAbs = Math.Max(maxAbs, diff);
            maxRel = Math.Max(maxRel, diff / scale);
            if (diff > 1e-9 * scale) problems.Add(Invariant($"{f[0]}/{f[1]}/{f[2]}: Ballast {a:R}, DuckDB {b:R}"));
        }
        foreach (var row in release.ConfidentialRows)
        {
            if (ComparedBreakdowns.Contains(row.Breakdown, StringComparer.Ordinal) && ComparedMeasures.Contains(row.Measure, StringComparer.Ordinal)
                && !seen.Contains((row.Breakdown, row.Cell, row.Measure)))
                problems.Add($"{row.Breakdown}/{row.Cell}/{row.Measure}: Ballast has it, DuckDB does not");
        }
        if (problems.Count > 0)
            throw new BenchFailedException($"DuckDB's values differ from Ballast's in {problems.Count} figures of {compared}:{Environment.NewLine}" +
                string.Join(Environment.NewLine, problems.Take(20)) + (problems.Count > 20 ? $"{Environment.NewLine}and {problems.Count - 20} more" : ""));
        return new Comparison(compared, maxAbs, maxRel);
    }

    private static string Show(double? v) => v is double x ? x.ToString("R", CultureInfo.InvariantCulture) : "empty";

    /// <summary>The classification tables the DuckDB script needs, from the classification Ballast uses.</summary>
    private static void WriteClassification(Classification c, string dir)
    {
        Directory.CreateDirectory(dir);
        void Write(string name, string header, IEnumerable<string> rows) =>
            File.WriteAllText(Path.Combine(dir, name), header + "\n" + string.Concat(rows.Select(r => r + "\n")), new UTF8Encoding(false));
        Write("divisions.csv", "division,section,equipment", c.Divisions.Select(d => $"{d.Code},{d.Section},{(d.IsEquipment ? "true" : "false")}"));
        Write("regions.csv", "province,region4", c.Provinces.Select(p => $"{p.Code},{p.Region4}"));
        Write("size.csv", "size,min_employees,min_revenue", c.SizeThresholds.Select(t =>
            Invariant($"{Classification.SizeCode(t.Size)},{t.MinEmployees},{t.MinRevenue:R}")));
        Write("hightech.csv", "class_prefix", c.HighTechPrefixes.Select(h => h.ClassPrefix));
        Write("key_industries.csv", "group,division", c.KeyIndustryGroups.SelectMany(k => k.Divisions.Select(d => $"{k.Code},{d}")));
    }

    /// <summary>bench/duckdb/release-duckdb.mjs in the repository: searched upwards from the current directory, then from the executable.</summary>
    private static string FindDuckDbScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var folder = Path.Combine(d.FullName, "bench", "duckdb");
                var script = Path.Combine(folder, "release-duckdb.mjs");
                if (!File.Exists(script)) continue;
                if (!Directory.Exists(Path.Combine(folder, "node_modules", "@duckdb", "node-api")))
                    throw new UsageException($"DuckDB is not installed: run npm install in {folder} (it installs the versions of package-lock.json)");
                return script;
            }
        }
        throw new UsageException("bench/duckdb/release-duckdb.mjs not found: run from the repository (or below it)");
    }

    private static (int Code, string Stdout, string Stderr) RunProcess(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new BenchFailedException($"could not start {file}");
        }
        catch (Win32Exception e)
        {
            throw new UsageException($"could not run {file} ({e.Message}): is it installed and on PATH?" +
                (file == "node" ? " DuckDB's benchmark needs Node.js; then run npm install in bench/duckdb" : ""));
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result, stderr.Result);
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
        ?? throw new BenchFailedException("the child process printed nothing");

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    /// <summary>This process's peak resident set (VmHWM), in bytes; 0 where /proc is not available.</summary>
    private static long ReadVmHwm()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    private static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A measurement that could not be made or whose results disagree: reported in a sentence, exit code 1.</summary>
    internal sealed class BenchFailedException(string message) : Exception(message);
}
