using Ballast.Core.Classifications;
using Ballast.Core.Files;
using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Import;
using Ballast.Core.Storage;

namespace Ballast.Core.Demo;

/// <summary>
/// Loads the synthetic demo population into a store through the ordinary import path (files written, then
/// imported with full validation), so the demo data are held to the same rules as real files.
/// </summary>
public static class DemoLoader
{
    public static ImportOutcome Load(IBallastStore store, DemoOptions options, TimeProvider clock,
        IProgress<string>? stage = null, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ballast-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            stage?.Report($"generating the demo population ({options.Enterprises:N0} enterprises, {options.Months} months, seed {options.Seed})");
            var data = DemoPopulation.Generate(options, Classification.Default);
            DemoWriter.WriteCsv(data, dir);
            stage?.Report("importing it into " + store.Description);
            var files = Directory.GetFiles(dir, "*.csv").Order(StringComparer.Ordinal).Select(f => new ImportRequest(f, null)).ToList();
            var outcome = ImportService.Import(store, files, new ImportOptions(FileEncoding.Utf8, clock), "demo", progress, cancellationToken);
            if (!outcome.Accepted) return outcome;
            stage?.Report(FormattableString.Invariant($"registering {DemoArrears.CaseCount(options.Enterprises):N0} demo arrears cases owed to SMEs"));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            int cases = DemoArrears.Load(store, options, clock);
            stage?.Report(FormattableString.Invariant($"{cases} arrears cases registered and handled in {watch.Elapsed.TotalSeconds:F1} s"));
            DemoPrograms.Load(store, data); // profiles, factories, registry, applications (docs/programs.md)
            return outcome;
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
