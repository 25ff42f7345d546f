using System.Security.Cryptography;
using System.Text;
using Ballast.Core.Classifications;
using Ballast.Core.Files;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Import;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Reporting;

public sealed class ImporterTests
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 15, 4, 0, 0, TimeSpan.Zero);
    internal static string Fixture(string path) => Path.Combine(AppContext.BaseDirectory, "Fixtures", path);

    // Credit codes of the good register (make-fixtures.py).
    private const string E1 = "91110108MA01ABCD2H", E2 = "91310115MA1K3XY0B8", E3 = "91440300MA5F1234QW", E4 = "91320500MA1MN8RT7U";

    internal static ImportOutcome Import(IImportTarget target, params ImportRequest[] files) =>
        Import(target, FileEncoding.Utf8, Now, files);

    internal static ImportOutcome Import(IImportTarget target, FileEncoding encoding, DateTimeOffset now, params ImportRequest[] files) =>
        new Importer(Classification.Default, new ImportOptions(encoding, new FixedClock(now))).Run(files, target);

    internal static ImportRequest Req(string path, FileKind? kind = null) => new(path, kind);

    private static string Errors(ImportOutcome o) => string.Join("\n", o.Errors);

    [Fact]
    public void GoodFilesInAnyOrder_AreAppliedRegisterFirstWithExactValues()
    {
        var target = new InMemoryImportTarget();
        // Given products first and the register last: the importer applies them register, va_rates, ppi, reports, products.
        var outcome = Import(target,
            Req(Fixture("good/products.csv")), Req(Fixture("good/reports.csv")), Req(Fixture("good/ppi.csv")),
            Req(Fixture("good/va_rates.csv")), Req(Fixture("good/enterprises.csv")));

        Assert.True(outcome.Accepted, Errors(outcome));
        Assert.Equal(
            [FileKind.Enterprises, FileKind.VaRates, FileKind.Ppi, FileKind.Reports, FileKind.Products],
            outcome.Files.Select(f => f.Kind));
        var kindsInWriteOrder = target.Writes.Select(w => w.Kind).Distinct().ToList();
        Assert.Equal([FileKind.Enterprises, FileKind.VaRates, FileKind.Ppi, FileKind.Reports, FileKind.Products], kindsInWriteOrder);
        Assert.Equal(5, target.Flushes); // once per file

        Assert.Equal(4, outcome.Rows[FileKind.Enterprises]);
        Assert.Equal(6, outcome.Rows[FileKind.Reports]);
        Assert.Equal(3, outcome.Rows[FileKind.Products]);
        Assert.Equal(3, outcome.Rows[FileKind.Ppi]);
        Assert.Equal(3, outcome.Rows[FileKind.VaRates]);
        Assert.All(outcome.Revisions.Values, r => Assert.Equal(0, r));

        var e1 = target.Enterprises[E1];
        Assert.Equal(new Enterprise(E1, "北京智芯微电子有限公司", "110108", "3973", "PRIVATE", 1200, 52000.5, ["SRI_SME", "LITTLE_GIANT"]), e1);
        Assert.Empty(target.Enterprises[E2].Tiers);
        Assert.Equal("苏州精工机械有限公司, 二厂", target.Enterprises[E4].Name); // quoted field with a comma
        Assert.Equal(4, target.Enterprises.Count);

        var r = target.Reports[(E2, new YearMonth(2025, 3))];
        Assert.Equal(new MonthlyReport(E2, new YearMonth(2025, 3), 2600, 2500, 0, 2550, -45.5, 12, 300, 5000, 900, 0, 790), r);
        Assert.Equal(4300.5, target.Reports[(E1, new YearMonth(2025, 3))].SalesValue);
        Assert.Equal(2450.5, target.Reports[(E2, new YearMonth(2025, 4))].OutputValue);

        Assert.Equal(new ProductOutput(E1, new YearMonth(2025, 3), "IC", 12.5, 200), target.Products[(E1, new YearMonth(2025, 3), "IC")]);
        Assert.Null(target.Products[(E2, new YearMonth(2025, 3), "AUTOMOBILES")].Capacity); // empty capacity

        // "6" is read as division 06.
        Assert.Equal(101.2, target.Ppi[("06", new YearMonth(2025, 3))].Index);
        Assert.Equal(0.215, target.VaRates[("36", 2024)].Rate);
    }

    [Fact]
    public void GoodFiles_OutcomeCarriesEachFilesHashAndSize()
    {
        var outcome = Import(new InMemoryImportTarget(), Req(Fixture("good/enterprises.csv")), Req(Fixture("good/reports.csv")));
        Assert.True(outcome.Accepted, Errors(outcome));
        foreach (var f in outcome.Files)
        {
            byte[] bytes = File.ReadAllBytes(f.Path);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), f.Sha256);
            Assert.Equal(bytes.Length, f.Bytes);
        }
    }

    [Fact]
    public void StoredKeys_AreCountedAsRevisions()
    {
        var target = new InMemoryImportTarget();
        Assert.True(Import(target, Req(Fixture("good/enterprises.csv")), Req(Fixture("good/ppi.csv"))).Accepted);

        // In the second call the register (4 rows) and ppi (3 rows) are stored already: revisions; the reports are new.
        var outcome = Import(target, Req(Fixture("good/enterprises.csv")), Req(Fixture("good/ppi.csv")), Req(Fixture("good/reports.csv")));
        Assert.True(outcome.Accepted, Errors(outcome));
        Assert.Equal(4, outcome.Revisions[FileKind.Enterprises]);
        Assert.Equal(3, outcome.Revisions[FileKind.Ppi]);
        Assert.Equal(0, outcome.Revisions[FileKind.Reports]);
    }

    [Fact]
    public void EnterpriseInStoredRegister_CanReportWithoutARegisterFile()
    {
        var target = new InMemoryImportTarget();
        Assert.True(Import(target, Req(Fixture("good/enterprises.csv"))).Accepted);
        var outcome = Import(target, Req(Fixture("good/reports.csv")));
        Assert.True(outcome.Accepted, Errors(outcome));
        Assert.Equal(6, target.Reports.Count);
    }

    [Fact]
    public void GoodRegister_CreditCodesCarryTheirCheckCharacter()
    {
        foreach (var line in File.ReadLines(Fixture("good/enterprises.csv")).Skip(1))
        {
            string code = line[..18];
            Assert.Equal(code, CreditCode.Complete(code.AsSpan(0, 17)));
        }
    }

    public static TheoryData<string, string, long, string, string> BadFiles()
    {
        var data = new TheoryData<string, string, long, string, string>();
        using var csv = new CsvReader(File.OpenRead(Fixture("bad/manifest.csv")));
        csv.Read(); // header
        while (csv.Read())
            data.Add(csv.GetString(0), csv.GetString(1), long.Parse(csv.GetString(2), System.Globalization.CultureInfo.InvariantCulture), csv.GetString(3), csv.GetString(4));
        return data;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFile_IsRefusedWithFileLineColumnAndNothingWrittenAfterTheError(string file, string kind, long line, string column, string fragment)
    {
        var target = new InMemoryImportTarget();
        FileKind? kindOverride = kind.Length == 0 ? null : FileKinds.TryParse(kind, out var k) ? k : throw new InvalidDataException(kind);
        string path = Fixture("bad/" + file);
        var outcome = Import(target, Req(Fixture("good/enterprises.csv")), Req(path, kindOverride));

        Assert.False(outcome.Accepted);
        Assert.True(outcome.ErrorCount == 1, Errors(outcome)); // one defect per file
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(column.Length == 0 ? null : column, error.Column);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);

        // The good register (4 rows) is written first, or not at all when the defect is found while the files are
        // opened (before anything is written); of the bad file, at most the rows before the defect.
        string[] good = [E1, E2, E3, E4];
        int goodWrites = target.Writes.Count(w => w.Kind == FileKind.Enterprises && good.Contains(w.Key));
        Assert.True(goodWrites is 0 or 4, $"{goodWrites} rows of the good register written");
        Assert.Equal(good.Take(goodWrites), target.Writes.Take(goodWrites).Select(w => w.Key));
        int badFileWrites = target.Writes.Count - goodWrites;
        Assert.True(badFileWrites <= Math.Max(0, line - 2), $"{badFileWrites} rows written from {file}, whose defect is on line {line}");
    }

    [Fact]
    public void BadReportFile_RowsBeforeTheDefectAreWrittenAndNoneAfter()
    {
        // Lines 2 and 3 are valid, line 4 has output_value -5, line 5 is valid again but comes after the error.
        var target = new InMemoryImportTarget();
        var outcome = Import(target, Req(Fixture("good/enterprises.csv")), Req(Fixture("bad/r_output_negative.csv")));
        Assert.Equal(1, outcome.ErrorCount);
        Assert.Equal(
            [(FileKind.Reports, E1 + "|2025-03"), (FileKind.Reports, E2 + "|2025-03")],
            target.Writes.Where(w => w.Kind == FileKind.Reports));
        Assert.EndsWith("r_output_negative.csv line 4, column output_value: \"-5\" is negative; output value must be ≥ 0", outcome.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralErrors_AreAllReportedAndTheListIsCapped()
    {
        var dir = Directory.CreateTempSubdirectory();
        string path = Path.Combine(dir.FullName, "ppi.csv");
        File.WriteAllText(path, "division,period,index\n05,2025-03,1\n39,2025-03,0\n39,2025-13,5\n39,2025-04,-1\n39,2025-05,1x\n39,2025-06,101\n");
        var target = new InMemoryImportTarget();
        var outcome = new Importer(Classification.Default, new ImportOptions(FileEncoding.Utf8, new FixedClock(Now), MaxErrors: 3))
            .Run([Req(path)], target);
        Assert.Equal(5, outcome.ErrorCount);
        Assert.Equal([2L, 3L, 4L], outcome.Errors.Select(e => e.Line));
        Assert.Empty(target.Writes); // line 7 is valid but comes after the first error
        Assert.Equal(6, outcome.Rows[FileKind.Ppi]);
    }

    [Fact]
    public void ColumnsInAnyOrderAndCase_AreRecognisedAndAnUnknownColumnIsAWarning()
    {
        var dir = Directory.CreateTempSubdirectory();
        string path = Path.Combine(dir.FullName, "rates.csv");
        File.WriteAllText(path, "Rate,Comment,DIVISION,year\n0.3,checked,27,2024\n");
        var target = new InMemoryImportTarget();
        var outcome = Import(target, Req(path));
        Assert.True(outcome.Accepted, Errors(outcome));
        Assert.Equal(0.3, target.VaRates[("27", 2024)].Rate);
        var w = Assert.Single(outcome.Warnings);
        Assert.Equal(WarningCodes.UnknownColumn, w.Code);
        Assert.Equal(1, w.Line);
        Assert.Equal("Comment", w.Column);
    }

    [Fact]
    public void KindOverride_ReadsTheFileAsThatKind()
    {
        var dir = Directory.CreateTempSubdirectory();
        string path = Path.Combine(dir.FullName, "x.csv");
        // Read as ppi (the note column is a warning); read as va_rates, its year and rate columns are missing.
        File.WriteAllText(path, "division,period,index,note\n39,2025-03,98,a\n");
        var target = new InMemoryImportTarget();
        var outcome = Import(target, Req(path, FileKind.Ppi));
        Assert.True(outcome.Accepted, Errors(outcome));
        Assert.Equal(98, target.Ppi[("39", new YearMonth(2025, 3))].Index);

        var wrong = Import(new InMemoryImportTarget(), Req(path, FileKind.VaRates));
        Assert.Equal(2, wrong.ErrorCount); // year and rate are missing
        Assert.Equal(["year", "rate"], wrong.Errors.Select(e => e.Column));
    }

    [Fact]
    public void SameKeyInTwoFilesOfTheCall_IsAnErrorNamingTheOtherFile()
    {
        var dir = Directory.CreateTempSubdirectory();
        string a = Path.Combine(dir.FullName, "a.csv"), b = Path.Combine(dir.FullName, "b.csv");
        File.WriteAllText(a, "division,period,index\n39,2025-03,98\n");
        File.WriteAllText(b, "division,period,index\n27,2025-03,99\n39,2025-03,97\n");
        var outcome = Import(new InMemoryImportTarget(), Req(a), Req(b));
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(b, error.File);
        Assert.Equal(3, error.Line);
        Assert.Contains($"already on {a} line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ByteOrderMark_IsAccepted()
    {
        var dir = Directory.CreateTempSubdirectory();
        string path = Path.Combine(dir.FullName, "ppi.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("division,period,index\n39,2025-03,98\n")]);
        var target = new InMemoryImportTarget();
        var outcome = Import(target, Req(path));
        Assert.True(outcome.Accepted, Errors(outcome));
        Assert.Single(target.Ppi);
    }

    [Fact]
    public void Gb18030File_WithGb18030Encoding_ImportsTheChineseName()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB18030");
        var dir = Directory.CreateTempSubdirectory();
        string path = Path.Combine(dir.FullName, "enterprises.csv");
        const string name = "杭州测试机械有限公司";
        const string code = "91330100MA2H9KL3PF";
        File.WriteAllBytes(path, gb.GetBytes($"credit_code,name,region_code,industry_code,ownership,employees,revenue_last_year,tiers\n{code},{name},330100,3411,PRIVATE,100,5000,\n"));
        Assert.NotEqual(Encoding.UTF8.GetBytes(name), gb.GetBytes(name)); // the bytes really differ from UTF-8

        var refused = Import(new InMemoryImportTarget(), FileEncoding.Utf8, Now, Req(path));
        Assert.Contains("--encoding gb18030", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);

        var target = new InMemoryImportTarget();
        var outcome = Import(target, FileEncoding.Gb18030, Now, Req(path));
        Assert.True(outcome.Accepted, Errors(outcome));
        Assert.Equal(name, target.Enterprises[code].Name);
    }

    [Theory]
    // 2025-03-31 15:59 UTC is 23:59 on 31 March in Shanghai: April is still in the future.
    [InlineData("2025-03-31T15:59:00Z", "2025-04", false)]
    // 2025-03-31 16:00 UTC is midnight on 1 April in Shanghai (UTC+8), though still March in UTC.
    [InlineData("2025-03-31T16:00:00Z", "2025-04", true)]
    [InlineData("2025-03-31T16:00:00Z", "2025-05", false)]
    [InlineData("2025-03-31T15:59:00Z", "2025-03", true)]
    public void Period_IsCheckedAgainstTheCurrentMonthInShanghai(string utc, string period, bool accepted)
    {
        var dir = Directory.CreateTempSubdirectory();
        string path = Path.Combine(dir.FullName, "ppi.csv");
        File.WriteAllText(path, $"division,period,index\n39,{period},98\n");
        var outcome = Import(new InMemoryImportTarget(), FileEncoding.Utf8, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), Req(path));
        Assert.Equal(accepted, outcome.Accepted);
        if (!accepted) Assert.Contains("later than the current month", outcome.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputOfEveryKind_NeverThrows()
    {
        var dir = Directory.CreateTempSubdirectory();
        var random = new Random(20251122);
        var files = new List<ImportRequest>();
        for (int i = 0; i < 30; i++)
        {
            string path = Path.Combine(dir.FullName, $"junk{i}" + (i % 5 == 0 ? ".xlsx" : ".csv"));
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            File.WriteAllBytes(path, bytes);
            files.Add(Req(path, i % 3 == 0 ? FileKind.Reports : null));
        }
        var outcome = Import(new InMemoryImportTarget(), [.. files]);
        Assert.False(outcome.Accepted);
        Assert.True(outcome.ErrorCount >= 30);
    }
}

public sealed class ImportProgressTests
{
    private sealed class Recorder : IProgress<ImportProgress>
    {
        public readonly List<ImportProgress> Reports = [];
        public void Report(ImportProgress value) => Reports.Add(value);
    }

    [Fact]
    public void LargeFile_ReportsProgressEvery65536RowsAndAtTheEnd()
    {
        var dir = Directory.CreateTempSubdirectory();
        string path = Path.Combine(dir.FullName, "ppi.csv");
        // 100,000 rows: progress at row 65,536 and once more at the end of the file. All but the first row repeat
        // its key: errors, but every row is read all the same.
        using (var w = new StreamWriter(path))
        {
            w.Write("division,period,index\n");
            for (int i = 0; i < 100_000; i++) w.Write("39,2025-03,100\n");
        }
        var progress = new Recorder();
        var outcome = new Importer(Classification.Default, new ImportOptions(FileEncoding.Utf8, new FixedClock(ImporterTests.Now)))
            .Run([new ImportRequest(path, null)], new InMemoryImportTarget(), progress);
        Assert.Equal(99_999, outcome.ErrorCount);
        Assert.Equal(1000, outcome.Errors.Count);
        Assert.Equal(100_000, outcome.Rows[FileKind.Ppi]);
        Assert.Equal([65_536L, 100_000L], progress.Reports.Select(p => p.Rows));
        long size = new FileInfo(path).Length;
        Assert.All(progress.Reports, p => Assert.Equal(size, p.TotalBytes));
        Assert.Equal(size, progress.Reports[^1].BytesRead);
        Assert.InRange(progress.Reports[0].BytesRead, 1, size);
    }

    [Fact]
    public void CancelledImport_StopsWithOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var importer = new Importer(Classification.Default, new ImportOptions(FileEncoding.Utf8, new FixedClock(ImporterTests.Now)));
        Assert.Throws<OperationCanceledException>(() =>
            importer.Run([new ImportRequest(ImporterTests.Fixture("good/enterprises.csv"), null)], new InMemoryImportTarget(), null, cts.Token));
    }
}

public sealed class ImportHeaderTests
{
    [Fact]
    public void EmptyColumnsAtTheEndOfTheHeader_AreIgnoredWithAWarning()
    {
        // Spreadsheet programs export "a,b,c,," when empty columns were once used.
        string path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "ppi.csv");
        File.WriteAllText(path, "division,period,index,,\n39,2025-03,98,,\n");
        var target = new InMemoryImportTarget();
        var outcome = ImporterTests.Import(target, ImporterTests.Req(path));
        Assert.True(outcome.Accepted, string.Join("\n", outcome.Errors));
        Assert.Equal(98, target.Ppi[("39", new YearMonth(2025, 3))].Index);
        Assert.Equal(["field 4", "field 5"], outcome.Warnings.Select(w => w.Column));
    }
}

public sealed class ImportRegisterTests
{
    [Fact]
    public void SameCreditCodeInTwoRegisterFiles_IsAnErrorAndTheSecondFileWritesNothing()
    {
        string dir = Directory.CreateTempSubdirectory().FullName;
        string other = Path.Combine(dir, "more.csv");
        File.WriteAllText(other, "credit_code,name,region_code,industry_code,ownership,employees,revenue_last_year\n" +
            "91440300MA5F1234QW,深圳华药制药有限公司,440300,2710,FOREIGN,160,8100\n");
        var target = new InMemoryImportTarget();
        var outcome = ImporterTests.Import(target, ImporterTests.Req(ImporterTests.Fixture("good/enterprises.csv")), ImporterTests.Req(other));
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(other, error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal("credit_code", error.Column);
        Assert.Contains("enterprises.csv line 4", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, target.Writes.Count);
    }
}
