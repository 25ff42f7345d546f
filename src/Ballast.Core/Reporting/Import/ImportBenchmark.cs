using System.Diagnostics;
using Ballast.Core.Classifications;
using Ballast.Core.Register;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting.Import;

/// <summary>
/// For the benchmark: measures the importer alone (reading, validation, warnings) against a target that
/// discards the rows, so the store's share of an import's time can be told apart. Speed is never asserted in tests.
/// </summary>
public static class ImportBenchmark
{
    /// <summary>Imports the files into a target that keeps nothing; returns the outcome and the elapsed time.</summary>
    public static (Storage.ImportOutcome Outcome, TimeSpan Elapsed) RunDiscarding(IReadOnlyList<ImportRequest> files, ImportOptions options)
    {
        var importer = new Importer(Classification.Default, options);
        long start = Stopwatch.GetTimestamp();
        var outcome = importer.Run(files, new DiscardingTarget());
        return (outcome, Stopwatch.GetElapsedTime(start));
    }

    private sealed class DiscardingTarget : IImportTarget
    {
        private long _written;
        public IReadOnlySet<string> StoredCreditCodes() => new HashSet<string>();
        public IEnumerable<(string CreditCode, YearMonth Period, double OutputValue)> StoredOutputs(IReadOnlyCollection<YearMonth> periods) => [];
        public void Write(Enterprise enterprise) => _written++;
        public void Write(in MonthlyReport report) => _written++;
        public void Write(in ProductOutput product) => _written++;
        public void Write(in PpiEntry ppi) => _written++;
        public void Write(in VaRate rate) => _written++;
        public void Flush() { }
        public long RevisionsWritten(FileKind kind) => 0;
    }
}
