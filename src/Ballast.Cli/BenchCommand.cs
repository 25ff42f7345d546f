using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ballast.Core.Classifications;
using Ballast.Core.Demo;
using Ballast.Core.Storage;
using Ballast.Core.Storage.Postgres;

namespace Ballast.Cli;

/// <summary>
/// Benchmarks. <c>ballast bench import</c>: a demo population written as CSV, then its reports file imported
/// with full validation into SQLite and PostgreSQL, each in a child process whose peak resident memory is
/// sampled, and PostgreSQL's own COPY of the same file into the same schema, unvalidated, as the peer.
/// </summary>
internal static class BenchCommand
{
    public static Command Command(CliConsole console)
    {
        var bench = new Command("bench", "Benchmarks (figures for docs/benchmarks.md).");
        var enterprises = new Option<int>("--enterprises") { DefaultValueFactory = _ => 520_000, Description = "Enterprises (520000 = national scale)" };
        var months = new Option<int>("--months") { DefaultValueFactory = _ => 24, Description = "Months of reports, ending 2025-12" };
        var pg = new Option<string?>("--pg") { Description = "PostgreSQL to measure (URL or connection string; default $BALLAST_BENCH_PG); its Ballast tables are emptied" };
        var work = new Option<string?>("--work-dir") { Description = "Folder for the CSV files and the SQLite file (default: a temporary folder, deleted afterwards)" };
        var import = new Command("import", "Import speed: report rows per second into SQLite and PostgreSQL, against PostgreSQL's COPY.")
        {
            enterprises, months, pg, work,
        };
        import.SetAction(pr => RunImport(console, pr.GetValue(enterprises), pr.GetValue(months),
            pr.GetValue(pg) ?? Environment.GetEnvironmentVariable("BALLAST_BENCH_PG"), pr.GetValue(work)));
        bench.Subcommands.Add(import);
        bench.Subcommands.Add(BenchReleaseCommand.Command(console));
        bench.Subcommands.Add(BenchSaCommand.Command(console));
        bench.Subcommands.Add(BenchWebCommand.Command(console));
        bench.Subcommands.Add(BenchWarningsCommand.Command(console));
        return bench;
    }

    private static int RunImport(CliConsole console, int enterprises, int months, string? pg, string? workDir)
    {
        var o = console.Out;
        var dir = workDir ?? Path.Combine(Path.GetTempPath(), "ballast-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var sw = Stopwatch.StartNew();
            var data = DemoPopulation.Generate(new DemoOptions(enterprises, months, 1), Classification.Default);
            DemoWriter.WriteCsv(data, dir);
            var reports = Path.Combine(dir, "reports.csv");
            long reportRows = CountLines(reports) - 1;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Demo population: {enterprises:N0} enterprises, {months} months, {reportRows:N0} report rows ({new FileInfo(reports).Length / 1e6:F0} MB), written in {sw.Elapsed.TotalSeconds:F1} s"));
            o.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
            o.WriteLine();
            o.WriteLine("| target | rows | seconds | rows/s | peak RSS of the importing process |");
            o.WriteLine("|---|---:|---:|---:|---:|");

            var referenceFiles = new[] { "enterprises.csv", "va_rates.csv", "ppi.csv" }.Select(f => Path.Combine(dir, f)).ToArray();
            // The importer alone, in this process: register and reports read and validated, rows discarded.
            var (alone, elapsed) = Core.Reporting.Import.ImportBenchmark.RunDiscarding(
                [new(Path.Combine(dir, "enterprises.csv"), null), new(reports, null)],
                new Core.Reporting.Import.ImportOptions(Core.Files.FileEncoding.Utf8, TimeProvider.System));
            if (!alone.Accepted) throw new InvalidOperationException("the demo files did not validate: " + alone.Errors[0]);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| validation only, rows discarded (in process; register included) | {reportRows:N0} | {elapsed.TotalSeconds:F1} | {reportRows / elapsed.TotalSeconds:N0} | (not measured) |"));
            var sqlite = Path.Combine(dir, "bench.db");
            Measure(console, "SQLite (ballast import, validated)", sqlite, referenceFiles, reports, reportRows);
            if (pg is null)
            {
                o.WriteLine();
                o.WriteLine("PostgreSQL not measured: give --pg or set BALLAST_BENCH_PG (scripts/with-postgres.sh starts a throw-away server).");
                return BallastCommand.Ok;
            }
            using (var store = (PostgresStore)StoreFactory.Open(pg)) store.TruncateData();
            double validated = Measure(console, "PostgreSQL (ballast import, validated)", pg, referenceFiles, reports, reportRows);
            double copy;
            using (var store = (PostgresStore)StoreFactory.Open(pg))
            {
                store.TruncateData();
                var t = Stopwatch.StartNew();
                store.CopyReportsCsvUnvalidated(reports);
                copy = t.Elapsed.TotalSeconds;
            }
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| PostgreSQL COPY … FROM STDIN (FORMAT csv), no validation (peer) | {reportRows:N0} | {copy:F1} | {reportRows / copy:N0} | (server side) |"));
            o.WriteLine();
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ballast's validated import into PostgreSQL takes {validated / copy:F2}× the time of PostgreSQL's own COPY."));
            return BallastCommand.Ok;
        }
        finally
        {
            if (workDir is null) Directory.Delete(dir, recursive: true);
        }
    }

    // Imports the reference files, then times the import of the reports file alone in a child `ballast import`.
    private static double Measure(CliConsole console, string label, string db, string[] referenceFiles, string reports, long rows)
    {
        var (code0, _, _) = RunChild(["import", .. referenceFiles, "--db", db, "--user", "bench"]);
        if (code0 != 0) throw new InvalidOperationException($"{label}: importing the reference files failed (exit {code0})");
        var (code, seconds, peak) = RunChild(["import", reports, "--db", db, "--user", "bench"]);
        if (code != 0) throw new InvalidOperationException($"{label}: the import failed (exit {code})");
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {rows:N0} | {seconds:F1} | {rows / seconds:N0} | {peak / 1048576.0:N0} MiB |"));
        return seconds;
    }

    private static (int Code, double Seconds, long PeakBytes) RunChild(string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peak = 0;
        // VmHWM is the kernel's record of the peak resident set; sample it until the process ends.
        while (!p.WaitForExit(50)) peak = Math.Max(peak, ReadVmHwm(p.Id));
        double seconds = sw.Elapsed.TotalSeconds;
        if (p.ExitCode != 0) Console.Error.WriteLine(stderr.Result + stdout.Result);
        return (p.ExitCode, seconds, peak);
    }

    private static long ReadVmHwm(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    private static long CountLines(string path)
    {
        long n = 0;
        using var s = File.OpenRead(path);
        var buf = new byte[1 << 20];
        int read;
        while ((read = s.Read(buf)) > 0) n += buf.AsSpan(0, read).Count((byte)'\n');
        return n;
    }
}
