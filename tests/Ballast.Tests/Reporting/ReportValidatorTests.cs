using Ballast.Core.Classifications;
using Ballast.Core.Files;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Filing;
using Ballast.Core.Reporting.Import;
using Ballast.Statistics.Periods;
using Ballast.Web.Api;

namespace Ballast.Tests.Reporting;

/// <summary>
/// A filed report and the same row in an imported reports.csv meet the same rules: for every bad row of the
/// table, the filing's errors (column, sentence, API code) and warnings equal the import's.
/// </summary>
public sealed class ReportValidatorTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 15, 4, 0, 0, TimeSpan.Zero); // 12:00 in Beijing: current month 2026-11
    private static readonly string Registered = "91110108MA01ABCD2H";
    private static readonly string Unregistered = "91310115MA1K3XY0B8";
    private static readonly YearMonth Sep = new(2026, 9), Oct = new(2026, 10);
    private const double SeptemberOutput = 1000;

    private readonly TempFolders _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Dictionary<string, string> Good() => new(StringComparer.Ordinal)
    {
        ["credit_code"] = Registered, ["period"] = "2026-10", ["output_value"] = "1100", ["sales_value"] = "1000",
        ["export_value"] = "100", ["revenue"] = "1010", ["profit"] = "-35.75", ["rd_expense"] = "8", ["energy_tce"] = "120",
        ["water_m3"] = "900", ["receivables"] = "300", ["overdue_receivables"] = "20", ["employees"] = "150",
    };

    // Each bad row: the fields changed from the good report, and the column its (first) error must name (null: the row).
    public static TheoryData<string, string, string?> BadRows() => new()
    {
        { "output_value=12x", "output_value", "output_value" },
        { "export_value=1200", "export_value", "export_value" },                // more than sales 1000
        { "overdue_receivables=301", "overdue_receivables", "overdue_receivables" }, // more than receivables 300
        { "employees=1.5", "employees", "employees" },
        { "employees=99999999999", "employees", "employees" },
        { "period=2026-12", "period", "period" },                                 // after the current month 2026-11
        { "period=2026-13", "period", "period" },
        { $"credit_code={Unregistered}", "credit_code", "credit_code" },
        { "credit_code=91110108MA01ABCD2X", "credit_code", "credit_code" },        // wrong check character
        { "revenue=", "revenue", "revenue" },
        { "rd_expense=-1", "rd_expense", "rd_expense" },
        { "profit=1,000", "profit", "profit" },
        { "water_m3=1e3", "water_m3", "water_m3" },
        { "sales_value= 1000", "sales_value", "sales_value" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void BadRow_FilingAndImport_SameErrorsAndCodes(string change, string field, string? column)
    {
        var fields = Good();
        int eq = change.IndexOf('=', StringComparison.Ordinal);
        fields[change[..eq]] = change[(eq + 1)..];
        Assert.Equal(field, change[..eq]);

        var (imported, importWarnings) = Import(fields);
        var filed = Validate(fields);

        Assert.NotEmpty(imported);
        Assert.Equal(column, imported[0].Column);
        Assert.Null(filed.Report);
        Assert.Equal(imported.Select(e => (e.Column, e.Message, ReportsApi.ErrorCode(e))), filed.Errors.Select(e => (e.Column, e.Message, ReportsApi.ErrorCode(e))));
        Assert.Equal(importWarnings.Select(w => (w.Code, w.Column, w.Message)), filed.Warnings.Select(w => (w.Code, w.Column, w.Message)));
    }

    public static TheoryData<string, string> WarnedRows() => new()
    {
        { "export_value=950", WarningCodes.ExportShare },   // 95 % of sales 1000
        { "output_value=1600", WarningCodes.OutputJump },   // 1600 / 1000 - 1 = 60 % above September
        { "output_value=0", WarningCodes.OutputZero },      // 0 after 1000
    };

    [Theory]
    [MemberData(nameof(WarnedRows))]
    public void WarnedRow_FilingAndImport_SameWarnings_ReportKept(string change, string code)
    {
        var fields = Good();
        int eq = change.IndexOf('=', StringComparison.Ordinal);
        fields[change[..eq]] = change[(eq + 1)..];

        var (imported, importWarnings) = Import(fields);
        var filed = Validate(fields);

        Assert.Empty(imported);
        Assert.True(filed.Valid);
        Assert.Equal([code], filed.Warnings.Select(w => w.Code));
        Assert.Equal(importWarnings.Select(w => (w.Code, w.Column, w.Message)), filed.Warnings.Select(w => (w.Code, w.Column, w.Message)));
    }

    [Fact]
    public void GoodReport_ValuesExact_NoProblems()
    {
        var check = Validate(Good());
        Assert.True(check.Valid);
        Assert.Empty(check.Warnings); // 1100 is 10 % above September's 1000; export 100 is 10 % of sales
        Assert.Equal(new MonthlyReport(Registered, Oct, 1100, 1000, 100, 1010, -35.75, 8, 120, 900, 300, 20, 150), check.Report);
    }

    [Fact]
    public void ComparisonMonths_PreviousMonth_AndAYearEarlierInJanuaryAndFebruary()
    {
        Assert.Equal([new YearMonth(2026, 9)], ReportValidator.ComparisonMonths(Oct));
        Assert.Equal([new YearMonth(2025, 12), new YearMonth(2025, 1)], ReportValidator.ComparisonMonths(new YearMonth(2026, 1)));
        Assert.Equal([new YearMonth(2026, 1), new YearMonth(2025, 2)], ReportValidator.ComparisonMonths(new YearMonth(2026, 2)));
    }

    private static ReportCheck Validate(Dictionary<string, string> fields) =>
        new ReportValidator(Classification.Default, new FixedClock(Now))
            .Check(fields, new FilingFacts(fields["credit_code"] == Registered, new Dictionary<YearMonth, double> { [Sep] = SeptemberOutput }));

    // The same row as a one-row reports.csv, imported over a store holding the register entry and September's report.
    private (IReadOnlyList<ImportProblem> Errors, IReadOnlyList<ImportWarning> Warnings) Import(Dictionary<string, string> fields)
    {
        var target = new InMemoryImportTarget();
        target.Enterprises[Registered] = new Enterprise(Registered, "北京智芯微电子有限公司", "110108", "3973", "PRIVATE", 1200, 52000.5, []);
        target.Reports[(Registered, Sep)] = new MonthlyReport(Registered, Sep, SeptemberOutput, 900, 0, 900, 10, 1, 100, 800, 200, 0, 150);
        string file = Path.Combine(_temp.New("validator"), ReportValidator.SourceName);
        var columns = FileKinds.Columns(FileKind.Reports);
        using (var stream = File.Create(file))
        using (var csv = new CsvWriter(stream))
        {
            csv.WriteRow(columns);
            csv.WriteRow(columns.Select(c => fields.GetValueOrDefault(c, "")));
        }
        var outcome = new Importer(Classification.Default, new ImportOptions(FileEncoding.Utf8, new FixedClock(Now)))
            .Run([new ImportRequest(file, FileKind.Reports)], target);
        // The import names the file by its path; the filing by its source name: compare what users read per field.
        return (outcome.Errors, outcome.Warnings);
    }
}
