using Ballast.Core.Files;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static Ballast.Tests.Reporting.ImporterTests;

namespace Ballast.Tests.Reporting;

public sealed class XlsxTests
{
    private const string E1 = "91110108MA01ABCD2H", E2 = "91310115MA1K3XY0B8";

    // Cell styles of the test workbooks: 0 General, 1 built-in date format 14, 2 custom "yyyy\-mm", 3 custom "0.00".
    private const uint General = 0, BuiltInDate = 1, CustomMonth = 2, TwoDecimals = 3;

    private abstract record C;
    private sealed record Shared(string Text) : C;
    private sealed record Inline(string Text) : C;
    private sealed record Num(double Value, uint Style = General) : C;

    /// <summary>Writes a workbook whose first sheet has the given rows (row number → cells from column A; null = no cell).</summary>
    private static string Workbook(string sheetName, IReadOnlyDictionary<int, C?[]> rows, string? secondSheet = null)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "book.xlsx");
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new Workbook();
        var styles = wb.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\\-mm" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "0.00" }) { Count = 2 },
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })) { Count = 1 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0 },
                new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }) { Count = 4 });
        var sst = wb.AddNewPart<SharedStringTablePart>();
        sst.SharedStringTable = new SharedStringTable();
        var sharedIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        var sheetData = new SheetData();
        foreach (var (r, cells) in rows.OrderBy(kv => kv.Key))
        {
            var row = new Row { RowIndex = (uint)r };
            for (int c = 0; c < cells.Length; c++)
            {
                if (cells[c] is not { } cell) continue;
                string reference = XlsxTableSource.ColumnLetters(c) + r;
                row.Append(cell switch
                {
                    Shared s => new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(SharedIndex(s.Text).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                    Inline i => new Cell(new InlineString(new Text(i.Text))) { CellReference = reference, DataType = CellValues.InlineString },
                    Num n => new Cell { CellReference = reference, CellValue = new CellValue(n.Value), StyleIndex = n.Style == General ? null : n.Style },
                    _ => throw new ArgumentOutOfRangeException(nameof(rows)),
                });
            }
            sheetData.Append(row);
        }
        var ws = wb.AddNewPart<WorksheetPart>();
        ws.Worksheet = new Worksheet(sheetData);
        var sheets = wb.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = sheetName });
        if (secondSheet is not null)
        {
            var ws2 = wb.AddNewPart<WorksheetPart>();
            ws2.Worksheet = new Worksheet(new SheetData(new Row(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("junk")) })));
            sheets.Append(new Sheet { Id = wb.GetIdOfPart(ws2), SheetId = 2, Name = secondSheet });
        }
        return path;

        int SharedIndex(string text)
        {
            if (!sharedIndex.TryGetValue(text, out int i))
            {
                i = sharedIndex.Count;
                sharedIndex[text] = i;
                sst.SharedStringTable.Append(new SharedStringItem(new Text(text)));
            }
            return i;
        }
    }

    private static C?[] Texts(params string[] cells) => cells.Select(c => (C?)new Shared(c)).ToArray();

    private static readonly C?[] ReportHeader = Texts(
        "credit_code", "period", "output_value", "sales_value", "export_value", "revenue", "profit", "rd_expense",
        "energy_tce", "water_m3", "receivables", "overdue_receivables", "employees");

    private static C?[] Report(C? code, C period, double output) =>
        [code, period, new Num(output, TwoDecimals), new Num(900), new Num(0), new Num(950), new Num(-12.5), new Num(3),
         new Num(0.125), new Num(40), new Num(200), new Num(10), new Num(88)];

    [Fact]
    public void GoodWorkbook_IsImportedLikeCsvWithDateCellsReadAsTheirMonth()
    {
        var target = new InMemoryImportTarget();
        Assert.True(Import(target, Req(Fixture("good/enterprises.csv"))).Accepted);

        double april15 = new DateTime(2025, 4, 15).ToOADate();
        double may31 = new DateTime(2025, 5, 31).ToOADate();
        string path = Workbook("Sheet1", new Dictionary<int, C?[]>
        {
            [1] = ReportHeader,
            [2] = Report(new Shared(E1), new Shared("2025-03"), 1000.25),
            [3] = Report(new Inline(E1), new Num(april15, BuiltInDate), 1001),
            [4] = [], // an empty row element, as spreadsheets often have
            [5] = Report(new Shared(E2), new Num(may31, CustomMonth), 0.1 + 0.2),
        }, secondSheet: "Notes");
        var outcome = Import(target, Req(path));

        Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));
        Assert.Equal(FileKind.Reports, Assert.Single(outcome.Files).Kind);
        Assert.Equal(3, outcome.Rows[FileKind.Reports]);
        Assert.Equal(new MonthlyReport(E1, new YearMonth(2025, 3), 1000.25, 900, 0, 950, -12.5, 3, 0.125, 40, 200, 10, 88),
            target.Reports[(E1, new YearMonth(2025, 3))]);
        Assert.Equal(1001, target.Reports[(E1, new YearMonth(2025, 4))].OutputValue);
        // A number cell is read as its value (0.1 + 0.2 in binary), not as its displayed "0.30".
        Assert.Equal(0.1 + 0.2, target.Reports[(E2, new YearMonth(2025, 5))].OutputValue);
    }

    [Fact]
    public void CodeStoredAsANumber_IsAnErrorNamingTheCellOnTheSheetsRealName()
    {
        var target = new InMemoryImportTarget();
        string path = Workbook("报表", new Dictionary<int, C?[]>
        {
            [1] = Texts("division", "period", "index"),
            [2] = [new Shared("39"), new Shared("2025-03"), new Num(98.5)],
            [3] = [null, null, null, null, new Shared("")], // cells that hold nothing: an empty row, skipped
            [4] = [new Num(27), new Shared("2025-03"), new Num(101)],
            [5] = [new Shared("26"), new Shared("2025-03"), new Num(100)],
        });
        var outcome = Import(target, Req(path));

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(4, error.Line); // the spreadsheet's row number
        Assert.Equal("报表!A4", error.Column);
        Assert.Equal("division stored as a number; format the column as text", error.Message);
        Assert.EndsWith("报表!A4: division stored as a number; format the column as text", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["39|2025-03"], target.Writes.Select(w => w.Key)); // row 5 comes after the error
    }

    [Fact]
    public void CreditCodeStoredAsANumber_IsAnErrorNamingTheCell()
    {
        string path = Workbook("Sheet1", new Dictionary<int, C?[]>
        {
            [1] = ReportHeader,
            [12] = Report(new Num(911101080000000000), new Shared("2025-03"), 5),
        });
        var outcome = Import(new InMemoryImportTarget(), Req(Fixture("good/enterprises.csv")), Req(path));
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("Sheet1!A12", error.Column);
        Assert.Equal("credit_code stored as a number; format the column as text", error.Message);
    }

    [Fact]
    public void ValueErrorInAWorkbook_NamesTheCell()
    {
        string path = Workbook("Data Sheet", new Dictionary<int, C?[]>
        {
            [1] = Texts("division", "year", "rate"),
            [3] = [new Shared("39"), new Num(2024), new Num(1.5)],
        });
        var error = Assert.Single(Import(new InMemoryImportTarget(), Req(path)).Errors);
        Assert.Equal("'Data Sheet'!C3", error.Column); // a sheet name with a space is quoted, as Excel writes it
        Assert.Equal(3, error.Line);
        Assert.Contains("\"1.5\" is not between 0 and 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileNamedXlsxThatIsNotAWorkbook_IsRefusedWithoutAnException()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "book.xlsx");
        File.WriteAllText(path, "division,period,index\n39,2025-03,98\n");
        var error = Assert.Single(Import(new InMemoryImportTarget(), Req(path)).Errors);
        Assert.Equal(0, error.Line);
        Assert.Contains("not a readable .xlsx workbook", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("yyyy\\-mm", true)]
    [InlineData("[$-804]yyyy\"年\"m\"月\"", true)]
    [InlineData("d-mmm-yy", true)]
    [InlineData("0.00", false)]
    [InlineData("#,##0", false)]
    [InlineData("h:mm", false)]
    [InlineData("[Red]0.00;\"d\"0", false)]
    [InlineData("\"y\"0", false)]
    public void CustomNumberFormat_IsADateWhenItShowsYearsMonthsOrDays(string format, bool isDate) =>
        Assert.Equal(isDate, XlsxTableSource.IsDateFormat(format));
}
