using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Import;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using static Ballast.Tests.Reporting.ImporterTests;

namespace Ballast.Tests.Reporting;

public sealed class ImportWarningsTests
{
    private const string A = "91110108MA01ABCD2H", B = "91310115MA1K3XY0B8";
    private const string Header = "credit_code,period,output_value,sales_value,export_value,revenue,profit,rd_expense,energy_tce,water_m3,receivables,overdue_receivables,employees\n";

    private static string Row(string code, string period, string output, string sales = "1000", string export = "0") =>
        $"{code},{period},{output},{sales},{export},900,10,1,1,1,100,0,50\n";

    private static ImportOutcome ImportReports(InMemoryImportTarget target, string rows)
    {
        var dir = Directory.CreateTempSubdirectory();
        string path = Path.Combine(dir.FullName, "reports.csv");
        File.WriteAllText(path, Header + rows);
        var outcome = Import(target, Req(Fixture("good/enterprises.csv")), Req(path));
        Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));
        return outcome;
    }

    private static List<ImportWarning> Of(ImportOutcome o, string code) => o.Warnings.Where(w => w.Code == code).ToList();

    [Fact]
    public void OutputMoreThanHalfAboveThePreviousMonth_IsAJump()
    {
        // 151 / 100 − 1 = 0.51 > 0.5: a jump. 150 / 100 − 1 = 0.5 exactly: not more than 50 %.
        var outcome = ImportReports(new InMemoryImportTarget(),
            Row(A, "2025-04", "100") + Row(A, "2025-05", "151") + Row(B, "2025-04", "100") + Row(B, "2025-05", "150"));
        var w = Assert.Single(outcome.Warnings);
        Assert.Equal(WarningCodes.OutputJump, w.Code);
        Assert.Equal(3, w.Line);
        Assert.Equal("output_value", w.Column);
        Assert.Contains("51 % above 100 in 2025-04", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputMoreThanHalfBelow_IsAJumpEvenWhenThePreviousMonthComesLaterInTheFile()
    {
        // 49 / 100 − 1 = −0.51; 50 / 100 − 1 = −0.5 is not more than 50 % below.
        var outcome = ImportReports(new InMemoryImportTarget(),
            Row(A, "2025-05", "49") + Row(B, "2025-05", "50") + Row(A, "2025-04", "100") + Row(B, "2025-04", "100"));
        var w = Assert.Single(outcome.Warnings);
        Assert.Equal(WarningCodes.OutputJump, w.Code);
        Assert.Equal(2, w.Line);
        Assert.Contains("51 % below 100", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreviousMonthStored_IsComparedWith()
    {
        var target = new InMemoryImportTarget();
        ImportReports(target, Row(A, "2025-04", "100"));
        var outcome = ImportReports(target, Row(A, "2025-05", "300"));
        var w = Assert.Single(Of(outcome, WarningCodes.OutputJump));
        Assert.Equal(2, w.Line);
        Assert.Contains("200 % above 100 in 2025-04", w.Message, StringComparison.Ordinal); // 300 / 100 − 1 = 2
        Assert.Contains(target.StoredOutputRequests, r => r.Contains(new YearMonth(2025, 4)));
    }

    [Fact]
    public void RevisedPreviousMonthInTheCall_WinsOverTheStoredOne()
    {
        var target = new InMemoryImportTarget();
        ImportReports(target, Row(A, "2025-04", "100"));
        // April revised to 250 in this call: May's 300 is 20 % above it, no warning (the stored 100 would give 200 %).
        var outcome = ImportReports(target, Row(A, "2025-05", "300") + Row(A, "2025-04", "250"));
        Assert.Empty(Of(outcome, WarningCodes.OutputJump));
        Assert.Equal(1, outcome.Revisions[FileKind.Reports]);
    }

    [Fact]
    public void PreviousMonthMissingOrZero_IsNotCompared()
    {
        // A: no April. B: April 0, May 500 (no ratio from 0).
        var outcome = ImportReports(new InMemoryImportTarget(),
            Row(A, "2025-05", "500") + Row(B, "2025-04", "0") + Row(B, "2025-05", "500"));
        Assert.Empty(outcome.Warnings);
    }

    [Fact]
    public void OutputZeroAfterANonZeroMonth_IsWarned()
    {
        var outcome = ImportReports(new InMemoryImportTarget(), Row(A, "2025-06", "0") + Row(A, "2025-05", "80"));
        var w = Assert.Single(outcome.Warnings);
        Assert.Equal(WarningCodes.OutputZero, w.Code);
        Assert.Equal(2, w.Line);
        Assert.Contains("0 after 80 in 2025-05", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JanuaryAndFebruary_AreComparedWithTheSameMonthAYearEarlier()
    {
        var outcome = ImportReports(new InMemoryImportTarget(),
            Row(A, "2024-01", "290") + Row(A, "2024-12", "100") + Row(A, "2025-01", "300") + // 300/290 − 1 = 3 %: no jump (vs Dec: 200 %)
            Row(B, "2024-02", "250") + Row(B, "2025-01", "100") + Row(B, "2025-02", "100"));  // 100/250 − 1 = −60 % (vs Jan: 0 %)
        var w = Assert.Single(outcome.Warnings);
        Assert.Equal(WarningCodes.OutputJump, w.Code);
        Assert.Equal(7, w.Line);
        Assert.Contains("60 % below 250 in 2024-02, the same month a year earlier", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportAboveNinetyPercentOfSales_IsWarned()
    {
        // 901 / 1000 = 90.1 % > 90 %; 900 / 1000 = 90 % exactly is not above.
        var outcome = ImportReports(new InMemoryImportTarget(),
            Row(A, "2025-04", "100", sales: "1000", export: "901") + Row(B, "2025-04", "100", sales: "1000", export: "900"));
        var w = Assert.Single(outcome.Warnings);
        Assert.Equal(WarningCodes.ExportShare, w.Code);
        Assert.Equal(2, w.Line);
        Assert.Equal("export_value", w.Column);
        Assert.Contains("90.1 %", w.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreditCodeRegionDifferentFromRegionCode_IsAWarningNotAnError()
    {
        var dir = Directory.CreateTempSubdirectory();
        string path = Path.Combine(dir.FullName, "enterprises.csv");
        // The code was registered in 330100 (Hangzhou); the enterprise has moved to 330106.
        File.WriteAllText(path, "credit_code,name,region_code,industry_code,ownership,employees,revenue_last_year,tiers\n" +
            "91330100MA2H9KL3PF,杭州某厂,330106,3411,PRIVATE,100,5000,\n");
        var target = new InMemoryImportTarget();
        var outcome = Import(target, Req(path));
        Assert.True(outcome.Accepted);
        var w = Assert.Single(outcome.Warnings);
        Assert.Equal(WarningCodes.RegionMismatch, w.Code);
        Assert.Equal(2, w.Line);
        Assert.Contains("330100", w.Message, StringComparison.Ordinal);
        Assert.Contains("330106", w.Message, StringComparison.Ordinal);
        Assert.Single(target.Enterprises);
    }
}
