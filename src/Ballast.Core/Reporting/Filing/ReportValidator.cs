using Ballast.Core.Classifications;
using Ballast.Core.Files;
using Ballast.Core.Register;
using Ballast.Core.Reporting.Import;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting.Filing;

/// <summary>What the store knows that validating one report needs: whether the enterprise is registered, and its stored output values.</summary>
/// <param name="StoredOutputs">The enterprise's stored output_value by month (at least the months of <see cref="ReportValidator.ComparisonMonths"/>).</param>
public sealed record FilingFacts(bool Registered, IReadOnlyDictionary<YearMonth, double> StoredOutputs);

/// <summary>The verdict on one report: the report to store (null when it has errors), its errors and warnings.</summary>
public sealed record ReportCheck(MonthlyReport? Report, IReadOnlyList<ImportProblem> Errors, IReadOnlyList<ImportWarning> Warnings)
{
    public bool Valid => Errors.Count == 0 && Report is not null;
}

/// <summary>
/// Validates ONE monthly report with the importer's own run over a one-record table, so a filed report and a
/// row of reports.csv meet the same rules and get the same sentences; the register and the comparison months
/// come from keyed lookups (<see cref="FilingFacts"/>) instead of whole-table reads. Thread-safe.
/// </summary>
public sealed class ReportValidator(Classification classification, TimeProvider clock)
{
    /// <summary>The "file" named in the problems of a filed report.</summary>
    public const string SourceName = "report";

    private static readonly IReadOnlyList<string> Columns = FileKinds.Columns(FileKind.Reports);

    /// <summary>The months whose stored output the month-to-month warnings of a report for <paramref name="period"/> compare with.</summary>
    public static IReadOnlyList<YearMonth> ComparisonMonths(YearMonth period)
    {
        var months = new List<YearMonth>(2);
        if (period.Index > YearMonth.MinYear * 12) months.Add(period.Previous);
        if (period.Month <= 2 && period.Year > YearMonth.MinYear) months.Add(period.YearEarlier);
        return months;
    }

    /// <summary>Checks a report given as reports.csv fields (a missing field is empty, as an empty CSV cell).</summary>
    public ReportCheck Check(IReadOnlyDictionary<string, string> fields, FilingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(facts);
        var record = new string[Columns.Count];
        for (int i = 0; i < record.Length; i++) record[i] = fields.GetValueOrDefault(Columns[i], "");
        var target = new OneReportTarget(record[0], facts);
        var run = new ImportRun(classification, new ImportOptions(FileEncoding.Utf8, clock), target, null, CancellationToken.None);
        var outcome = run.ExecuteRecords(SourceName, FileKind.Reports, new RecordTableSource(Columns, [record]), () => TimeSpan.Zero);
        return new ReportCheck(outcome.Accepted ? target.Written : null, outcome.Errors, outcome.Warnings);
    }

    /// <summary>The import target of one report: the facts stand for the store, the valid report is kept.</summary>
    private sealed class OneReportTarget(string creditCode, FilingFacts facts) : IImportTarget
    {
        public MonthlyReport? Written { get; private set; }

        public IReadOnlySet<string> StoredCreditCodes() =>
            facts.Registered ? new HashSet<string>(StringComparer.Ordinal) { creditCode } : new HashSet<string>(StringComparer.Ordinal);

        public IEnumerable<(string CreditCode, YearMonth Period, double OutputValue)> StoredOutputs(IReadOnlyCollection<YearMonth> periods)
        {
            foreach (var p in periods)
                if (facts.StoredOutputs.TryGetValue(p, out double v)) yield return (creditCode, p, v);
        }

        public void Write(Enterprise enterprise) => throw new InvalidOperationException("a filed report writes no register row");
        public void Write(in MonthlyReport report) => Written = report;
        public void Write(in ProductOutput product) => throw new InvalidOperationException("a filed report writes no product row");
        public void Write(in PpiEntry ppi) => throw new InvalidOperationException("a filed report writes no PPI row");
        public void Write(in VaRate rate) => throw new InvalidOperationException("a filed report writes no value-added rate");
        public void Flush() { }
        public long RevisionsWritten(FileKind kind) => 0;
    }
}
