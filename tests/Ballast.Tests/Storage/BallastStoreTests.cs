using System.Globalization;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Storage;

/// <summary>
/// The storage suite, written once and run against each back end by a subclass (SqliteStoreTests,
/// PostgresStoreTests). Each test gets a fresh, empty store.
/// </summary>
public abstract partial class BallastStoreTests
{
    /// <summary>Opens (or reopens) this test's store.</summary>
    protected abstract IBallastStore Open();

    /// <summary>What a user would pass as --db for this test's store.</summary>
    protected abstract string DbText { get; }

    /// <summary>Runs SQL on the store directly, outside Ballast.</summary>
    protected abstract void ExecuteSql(string sql);

    protected abstract object? QueryScalar(string sql);

    protected static readonly DateTimeOffset T1 = new(2025, 4, 10, 9, 30, 0, TimeSpan.FromHours(8));
    protected static readonly DateTimeOffset T2 = new(2025, 5, 12, 14, 5, 7, TimeSpan.FromHours(8));

    protected static string Code(int i) => CreditCode.Complete(string.Create(CultureInfo.InvariantCulture, $"9111000{i:D10}"));

    protected static Enterprise Firm(int i, string name = "北京测试机械制造有限公司", params string[] tiers) =>
        new(Code(i), name, "110105", "3311", "110", 120 + i, 5234.5 + i, tiers);

    protected static MonthlyReport Report(int firm, YearMonth period, double output = 1234.5) =>
        new(Code(firm), period, output, 1100.25, 12.5, 1180, -35.75, 8.125, 640.2, 15000, 3200.5, 400.75, 118);

    protected static readonly YearMonth Mar2025 = new(2025, 3);

    protected static ImportOutcome Accepted(
        IReadOnlyDictionary<FileKind, long>? rows = null, IReadOnlyDictionary<FileKind, long>? revisions = null,
        IReadOnlyList<ImportWarning>? warnings = null, IReadOnlyList<ImportedFile>? files = null, TimeSpan? duration = null) =>
        new(files ?? [], rows ?? new Dictionary<FileKind, long>(), revisions ?? new Dictionary<FileKind, long>(), [], 0, warnings ?? [], duration ?? TimeSpan.FromSeconds(1));

    /// <summary>One committed import call.</summary>
    protected static long Import(IBallastStore store, string user, DateTimeOffset at, Action<IImportTransaction> write, ImportOutcome? outcome = null)
    {
        using var tx = store.BeginImport(new ImportHeader(user, at));
        write(tx);
        tx.Flush();
        tx.Commit(outcome ?? Accepted());
        return tx.ImportId;
    }

    private static void AssertSameBits(double expected, double actual) =>
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));

    // ------------------------------------------------------------------ schema

    [Fact]
    public void NewStore_SchemaCreatedAndVersionRecorded()
    {
        using var store = Open();
        Assert.Equal(CurrentVersion, store.SchemaVersion);
        Assert.Equal((long)MigrationNumbers().Count, Convert.ToInt64(QueryScalar("SELECT count(*) FROM schema_version"), CultureInfo.InvariantCulture));
        Assert.Equal((long)CurrentVersion, Convert.ToInt64(QueryScalar("SELECT max(version) FROM schema_version"), CultureInfo.InvariantCulture));
        Assert.Equal(new StoreSummary(0, 0, 0, 0, 0, 0, null, null, 0), store.Summary());
    }

    [Fact]
    public void Reopen_AtCurrentVersion_ChangesNothing()
    {
        using (var store = Open())
            Import(store, "wang", T1, tx => tx.Write(Firm(1)));
        string appliedBefore = Convert.ToString(QueryScalar("SELECT max(applied_at) FROM schema_version"), CultureInfo.InvariantCulture)!;

        using (var again = Open())
        {
            Assert.Equal(CurrentVersion, again.SchemaVersion);
            Assert.Equal([Firm(1)], again.Enterprises().ToList());
        }
        Assert.Equal((long)MigrationNumbers().Count, Convert.ToInt64(QueryScalar("SELECT count(*) FROM schema_version"), CultureInfo.InvariantCulture));
        Assert.Equal(appliedBefore, Convert.ToString(QueryScalar("SELECT max(applied_at) FROM schema_version"), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The newest schema version this Ballast writes: the highest number among the embedded migration scripts
    /// (numbers may have gaps while branches are apart, so neither a literal nor the count of scripts).
    /// </summary>
    protected static readonly int CurrentVersion = MigrationNumbers().Max();

    /// <summary>The numbers of the embedded SQLite migration scripts (each provider has the same numbers).</summary>
    protected static IReadOnlyList<int> MigrationNumbers()
    {
        const string prefix = "Ballast.Storage.Sqlite.";
        return [.. typeof(StoreFactory).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => int.Parse(n.AsSpan(prefix.Length, 3), CultureInfo.InvariantCulture))];
    }

    [Fact]
    public void StoreAtVersion1_IsMigratedToTheCurrentVersion_KeepingItsData()
    {
        using (var store = Open())
            Import(store, "wang", T1, tx => tx.Write(Firm(1)));
        // Take the store back to what version 1 had: no release or web platform tables.
        foreach (string table in new[] { "reminders", "warning_alerts", "warning_runs", "release_calendar", "release_versions", "audit_log", "api_tokens", "users", "release_rows", "releases" })
            ExecuteSql("DROP TABLE " + table);
        DropProgramTables();
        ExecuteSql("DROP INDEX imports_accepted_id"); // migration 009
        ExecuteSql("DELETE FROM schema_version WHERE version > 1");

        using var again = Open();
        Assert.Equal(CurrentVersion, again.SchemaVersion);
        Assert.Equal([Firm(1)], again.Enterprises().ToList());
        Assert.Empty(again.Releases());
        Assert.Empty(again.Accounts()); // the web platform tables came with the migration
    }

    [Fact]
    public void Open_StoreFromNewerBallast_IsRefusedWithClearMessage()
    {
        using (Open()) { }
        ExecuteSql("INSERT INTO schema_version (version, applied_at) VALUES (999, CURRENT_TIMESTAMP)");

        var e = Assert.Throws<StoreException>(() => Open());
        Assert.Contains("schema version 999", e.Message, StringComparison.Ordinal);
        Assert.Contains("newer Ballast", e.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {CurrentVersion}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factory_OpensThisBackEnd_DescriptionWithoutPassword()
    {
        using var store = StoreFactory.Open(DbText);
        Assert.Equal(CurrentVersion, store.SchemaVersion);
        Assert.Equal(StoreFactory.Describe(DbText), store.Description);
        Assert.DoesNotContain("secret", store.Description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Password", store.Description, StringComparison.OrdinalIgnoreCase);
    }

    // ------------------------------------------------------------------ round trips

    [Fact]
    public void WriteAndRead_EveryKind_ReadsBackExactly()
    {
        // Doubles chosen to catch any decimal or single-precision detour: 0.1 + 0.2 (not 0.3), 1/3, the smallest
        // subnormal, the largest finite double, a 17-significant-digit value, a negative profit.
        double[] awkward = [0.1 + 0.2, 1.0 / 3.0, double.Epsilon, double.MaxValue, 123456789.12345679, -0.000123];
        var firms = new[]
        {
            Firm(1, "北京测试机械制造有限公司", "T1", "T3"),
            Firm(2, "上海\"引号\",逗号;分号 公司"),
            new Enterprise(Code(3), "Ørsted 风电（江苏）有限公司", "320102", "3811", "210", 0, 0.1 + 0.2, ["T2"]),
        };
        var reports = new[]
        {
            new MonthlyReport(Code(1), Mar2025, awkward[0], awkward[1], awkward[2], awkward[3], awkward[5], awkward[4], 0, 1e-7, 2.5, 0.5, int.MaxValue),
            Report(2, Mar2025),
            Report(2, new YearMonth(2025, 4), 0),
        };
        var products = new[]
        {
            new ProductOutput(Code(1), Mar2025, "P001", 1.0 / 7.0, null),
            new ProductOutput(Code(1), Mar2025, "P002", 250, 3000.75),
        };
        var ppi = new[] { new PpiEntry("06", Mar2025, 101.3), new PpiEntry("13", Mar2025, 99.7 + 1e-13) };
        var rates = new[] { new VaRate("06", 2024, 0.3125), new VaRate("13", 2024, 1.0 / 3.0) };

        using (var store = Open())
            Import(store, "wang", T1, tx =>
            {
                foreach (var f in firms) tx.Write(f);
                foreach (var r in rates) tx.Write(r);
                foreach (var p in ppi) tx.Write(p);
                foreach (var r in reports) tx.Write(r);
                foreach (var p in products) tx.Write(p);
            });

        using var reopened = Open();
        Assert.Equal(firms, reopened.Enterprises().ToList());
        var storedFirms = reopened.Enterprises().ToList();
        Assert.Equal(["T1", "T3"], storedFirms[0].Tiers);
        Assert.Empty(storedFirms[1].Tiers);
        Assert.Equal("上海\"引号\",逗号;分号 公司", storedFirms[1].Name);
        AssertSameBits(0.1 + 0.2, storedFirms[2].RevenueLastYear);

        var storedReports = reopened.Reports().ToList();
        Assert.Equal(reports, storedReports);
        var r0 = storedReports[0];
        AssertSameBits(awkward[0], r0.OutputValue);
        AssertSameBits(awkward[1], r0.SalesValue);
        AssertSameBits(double.Epsilon, r0.ExportValue);
        AssertSameBits(double.MaxValue, r0.Revenue);
        AssertSameBits(-0.000123, r0.Profit);
        AssertSameBits(123456789.12345679, r0.RdExpense);
        Assert.Equal(int.MaxValue, r0.Employees);

        var storedProducts = reopened.Products().ToList();
        Assert.Equal(products, storedProducts);
        Assert.Null(storedProducts[0].Capacity);
        AssertSameBits(1.0 / 7.0, storedProducts[0].Output);
        Assert.Equal(3000.75, storedProducts[1].Capacity);

        Assert.Equal(ppi, reopened.Ppi().ToList());
        AssertSameBits(99.7 + 1e-13, reopened.Ppi().Last().Index);
        Assert.Equal(rates, reopened.VaRates().ToList());

        Assert.Equal(new StoreSummary(3, 3, 2, 2, 2, 1, "2025-03", "2025-04", 0), reopened.Summary());
    }

    [Fact]
    public void NegativeZero_IsStoredAsZero_OnBothBackEnds()
    {
        using var store = Open();
        Import(store, "wang", T1, tx => tx.Write(Report(1, Mar2025) with { Profit = -0.0 }));
        AssertSameBits(0.0, store.Reports().Single().Profit);
    }

    [Fact]
    public void Reading_IsSortedByKeyInOrdinalOrder()
    {
        // Written in scrambled order; expected order computed independently with an ordinal sort of the key text.
        int[] firms = [5, 1, 4, 2, 3];
        YearMonth[] periods = [new(2025, 1), new(2024, 12), new(2025, 10), new(2025, 2)];
        string[] divisions = ["33", "06", "13", "40", "10"];
        string[] productCodes = ["P010", "P002", "P001"];
        using var store = Open();
        Import(store, "wang", T1, tx =>
        {
            foreach (int f in firms) tx.Write(Firm(f));
            foreach (var p in periods)
                foreach (int f in firms)
                {
                    tx.Write(Report(f, p));
                    foreach (string code in productCodes) tx.Write(new ProductOutput(Code(f), p, code, 1, null));
                }
            foreach (string d in divisions)
            {
                foreach (var p in periods) tx.Write(new PpiEntry(d, p, 100));
                foreach (int y in new[] { 2025, 2023, 2024 }) tx.Write(new VaRate(d, y, 0.3));
            }
        });

        static List<string> Sorted(IEnumerable<string> keys) => keys.Order(StringComparer.Ordinal).ToList();
        var reportKeys = store.Reports().Select(r => $"{r.CreditCode}|{r.Period}").ToList();
        Assert.Equal(20, reportKeys.Count);
        Assert.Equal(Sorted(reportKeys), reportKeys);
        var productKeys = store.Products().Select(p => $"{p.CreditCode}|{p.Period}|{p.Product}").ToList();
        Assert.Equal(60, productKeys.Count);
        Assert.Equal(Sorted(productKeys), productKeys);
        var firmKeys = store.Enterprises().Select(e => e.CreditCode).ToList();
        Assert.Equal(Sorted(firmKeys), firmKeys);
        var ppiKeys = store.Ppi().Select(p => $"{p.Division}|{p.Period}").ToList();
        Assert.Equal(Sorted(ppiKeys), ppiKeys);
        Assert.Equal("06|2024-12", ppiKeys[0]);
        var rateKeys = store.VaRates().Select(r => $"{r.Division}|{r.Year.ToString(CultureInfo.InvariantCulture)}").ToList();
        Assert.Equal(Sorted(rateKeys), rateKeys);
        Assert.Equal("06|2023", rateKeys[0]);
    }

    // ------------------------------------------------------------------ revisions

    [Fact]
    public void Revision_KeepsOldValuesWithReplacingImport_AndIsCounted()
    {
        using var store = Open();
        long first = Import(store, "wang", T1, tx =>
        {
            tx.Write(Firm(1, "旧名称有限公司", "T1", "T2"));
            tx.Write(Report(1, Mar2025, 1234.5));
            tx.Write(Report(1, new YearMonth(2025, 4), 1300));
            tx.Write(new ProductOutput(Code(1), Mar2025, "P001", 10, null));
            tx.Write(new PpiEntry("06", Mar2025, 101.5));
            tx.Write(new VaRate("06", 2024, 0.25));
        });

        long second;
        using (var tx = store.BeginImport(new ImportHeader("li", T2)))
        {
            second = tx.ImportId;
            tx.Write(Firm(1, "新名称有限公司"));
            tx.Write(Firm(2));
            tx.Flush();
            Assert.Equal(1, tx.RevisionsWritten(FileKind.Enterprises));
            tx.Write(Report(1, Mar2025, 2469)); // revised
            tx.Write(Report(2, Mar2025));       // new
            tx.Flush();
            Assert.Equal(1, tx.RevisionsWritten(FileKind.Reports));
            tx.Write(new ProductOutput(Code(1), Mar2025, "P001", 12, 500));
            tx.Write(new PpiEntry("06", Mar2025, 101.25));
            tx.Write(new VaRate("06", 2024, 0.5));
            tx.Flush();
            Assert.Equal(1, tx.RevisionsWritten(FileKind.Products));
            Assert.Equal(1, tx.RevisionsWritten(FileKind.Ppi));
            Assert.Equal(1, tx.RevisionsWritten(FileKind.VaRates));
            tx.Commit(Accepted());
        }
        Assert.NotEqual(first, second);

        Assert.Equal(2469, store.Reports().First().OutputValue);
        Assert.Equal("新名称有限公司", store.Enterprises().First().Name);

        var report = Assert.Single(store.Revisions(FileKind.Reports, $"{Code(1)}|2025-03"));
        Assert.Equal(FileKind.Reports, report.Kind);
        Assert.Equal($"{Code(1)}|2025-03", report.Key);
        Assert.Equal(second, report.ReplacedByImport);
        Assert.Equal("li", report.User);
        Assert.Equal(T2, report.ReplacedAt);
        Assert.Equal("1234.5", report.OldValues["output_value"]);
        Assert.Equal("-35.75", report.OldValues["profit"]);
        Assert.Equal("118", report.OldValues["employees"]);
        Assert.Equal("2025-03", report.OldValues["period"]);
        Assert.Equal(FileKinds.Columns(FileKind.Reports).Order(StringComparer.Ordinal), report.OldValues.Keys.Order(StringComparer.Ordinal));

        var firm = Assert.Single(store.Revisions(FileKind.Enterprises, Code(1)));
        Assert.Equal("旧名称有限公司", firm.OldValues["name"]);
        Assert.Equal("T1;T2", firm.OldValues["tiers"]);
        Assert.Equal("5235.5", firm.OldValues["revenue_last_year"]); // 5234.5 + 1

        var product = Assert.Single(store.Revisions(FileKind.Products, $"{Code(1)}|2025-03|P001"));
        Assert.Equal("", product.OldValues["capacity"]);
        Assert.Equal("10", product.OldValues["output"]);
        Assert.Equal("101.5", Assert.Single(store.Revisions(FileKind.Ppi, "06|2025-03")).OldValues["index"]);
        Assert.Equal("0.25", Assert.Single(store.Revisions(FileKind.VaRates, "06|2024")).OldValues["rate"]);

        Assert.Empty(store.Revisions(FileKind.Reports, $"{Code(1)}|2025-04"));
        Assert.Empty(store.Revisions(FileKind.Enterprises, Code(2)));
        Assert.Equal(5, store.Summary().Revisions);
    }

    [Fact]
    public void Revisions_OfOneKey_AreOldestFirst()
    {
        using var store = Open();
        Import(store, "a", T1, tx => tx.Write(Report(1, Mar2025, 100)));
        long second = Import(store, "b", T1.AddDays(1), tx => tx.Write(Report(1, Mar2025, 200)));
        long third = Import(store, "c", T2, tx => tx.Write(Report(1, Mar2025, 300)));

        var history = store.Revisions(FileKind.Reports, $"{Code(1)}|2025-03");
        Assert.Equal(["100", "200"], history.Select(h => h.OldValues["output_value"]));
        Assert.Equal([second, third], history.Select(h => h.ReplacedByImport));
        Assert.Equal(["b", "c"], history.Select(h => h.User));
        Assert.Equal(300, store.Reports().Single().OutputValue);
    }

    [Fact]
    public void Revisions_KeyWithWrongNumberOfParts_IsAnArgumentError()
    {
        using var store = Open();
        Assert.Throws<ArgumentException>(() => store.Revisions(FileKind.Reports, Code(1)));
    }

    // ------------------------------------------------------------------ transactions and the log

    [Fact]
    public void DisposeWithoutCommit_LeavesNoTrace()
    {
        using var store = Open();
        long kept = Import(store, "wang", T1, tx => { tx.Write(Firm(1)); tx.Write(Report(1, Mar2025, 10)); });
        var before = store.Summary();

        using (var tx = store.BeginImport(new ImportHeader("li", T2)))
        {
            tx.Write(Firm(2));
            tx.Write(Report(1, Mar2025, 99)); // would be a revision
            tx.Write(Report(2, Mar2025));
            tx.Flush();
            tx.Write(new PpiEntry("06", Mar2025, 100)); // pending, not flushed
        }

        Assert.Equal(before, store.Summary());
        Assert.Equal(10, store.Reports().Single().OutputValue);
        Assert.Empty(store.Revisions(FileKind.Reports, $"{Code(1)}|2025-03"));
        Assert.Equal([kept], store.Imports().Select(i => i.Id));
    }

    [Fact]
    public void Commit_WritesTheImportLog()
    {
        using var store = Open();
        var files = new[]
        {
            new ImportedFile("/data/enterprises.csv", FileKind.Enterprises, new string('a', 64), 2048),
            new ImportedFile("/data/报表/reports.csv", FileKind.Reports, new string('b', 64), 123456789012),
        };
        var warnings = Enumerable.Range(0, 2500)
            .Select(i => new ImportWarning(WarningCodes.OutputJump, "reports.csv", i + 2, i % 2 == 0 ? "output_value" : null, $"第 {i} 行 output_value rose by 80 %"))
            .ToList();
        var outcome = Accepted(
            new Dictionary<FileKind, long> { [FileKind.Enterprises] = 1, [FileKind.Reports] = 2 },
            new Dictionary<FileKind, long> { [FileKind.Reports] = 1 },
            warnings, files, TimeSpan.FromMilliseconds(1234.567));
        long id = Import(store, "王芳", T1, tx => { tx.Write(Firm(1)); tx.Write(Report(1, Mar2025)); }, outcome);
        long later = Import(store, "li", T2, tx => tx.Write(Firm(2)));

        var log = store.Imports();
        Assert.Equal([later, id], log.Select(l => l.Id)); // newest first
        var entry = log[1];
        Assert.Equal("王芳", entry.User);
        Assert.Equal(T1, entry.StartedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(1234.567), entry.Duration);
        Assert.True(entry.Accepted);
        Assert.Equal(files, entry.Files);
        Assert.Equal(3, entry.Rows);
        Assert.Equal(1, entry.Revisions);
        Assert.Equal(0, entry.Errors);
        Assert.Equal(2500, entry.Warnings);
        Assert.Null(entry.FirstError);
        Assert.Equal(warnings, store.ImportWarnings(id));
        Assert.Empty(store.ImportWarnings(later));
    }

    [Fact]
    public void StoredRelease_KeepsItsRowsAndDataVersion_NewestFirst()
    {
        using var store = Open();
        Assert.Equal(0, store.DataVersion());
        long first = Import(store, "a", T1, tx => tx.Write(Firm(1)));
        Assert.Equal(first, store.DataVersion());
        StoredReleaseRow[] rows =
        [
            new("division", "13", "ALL", "va_yoy_month", 6.123456789012345, ""),
            new("province_division", "65|07", "65", "va_yoy_month", 12.5, "C"),
            new("total", "ALL", "", "profit_yoy_ytd", null, "E"),
        ];
        long id1 = store.SaveRelease(new StoredRelease(0, "2025-12", T1, "统计员", first, rows.Length), rows);
        long second = Import(store, "b", T2, tx => tx.Write(Firm(2)));
        long id2 = store.SaveRelease(new StoredRelease(0, "2025-12", T2, "b", second, 1), rows.Take(1));
        store.SaveRelease(new StoredRelease(0, "2025-11", T2, "b", second, 0), []);

        var december = store.Releases("2025-12");
        Assert.Equal([id2, id1], december.Select(r => r.Id));
        Assert.Equal(new StoredRelease(id1, "2025-12", T1, "统计员", first, 3), december[1]);
        Assert.Equal(3, store.Releases().Count);
        Assert.Equal(rows, store.ReleaseRows(id1)); // sorted by breakdown, cell, measure; null value and flags kept
        Assert.Single(store.ReleaseRows(id2));
    }

    [Fact]
    public void RejectedImport_IsLoggedWithoutTouchingData()
    {
        using var store = Open();
        Import(store, "wang", T1, tx => { tx.Write(Firm(1)); tx.Write(Report(1, Mar2025, 10)); });
        var before = store.Summary();
        var errors = Enumerable.Range(0, 1500)
            .Select(i => new ImportProblem("reports.csv", i + 2, "output_value", $"\"-{i}\" is negative; output value must be ≥ 0"))
            .ToList();
        var outcome = new ImportOutcome(
            [new ImportedFile("reports.csv", FileKind.Reports, new string('c', 64), 99)],
            new Dictionary<FileKind, long>(), new Dictionary<FileKind, long>(), errors, 4321,
            [new ImportWarning(WarningCodes.UnknownColumn, "reports.csv", 1, "remark", "unknown column ignored")], TimeSpan.FromSeconds(2));

        long id = store.LogRejectedImport(new ImportHeader("li", T2), outcome);

        Assert.Equal(before.Reports, store.Summary().Reports);
        Assert.Equal(before.Enterprises, store.Summary().Enterprises);
        Assert.Equal(10, store.Reports().Single().OutputValue);
        var entry = store.Imports()[0];
        Assert.Equal(id, entry.Id);
        Assert.False(entry.Accepted);
        Assert.Equal(4321, entry.Errors);
        Assert.Equal("reports.csv line 2, column output_value: \"-0\" is negative; output value must be ≥ 0", entry.FirstError);
        Assert.Equal("li", entry.User);
        var stored = ((RelationalStore)store).ImportErrors(id);
        Assert.Equal(1000, stored.Count);
        Assert.Equal(errors.Take(1000), stored);
        Assert.Single(store.ImportWarnings(id));
        Assert.Equal(2, store.Summary().Imports);
    }

    [Fact]
    public void StoredOutputs_ReturnsTheReportsOfTheAskedMonths()
    {
        using var store = Open();
        Import(store, "wang", T1, tx =>
        {
            tx.Write(Firm(1));
            tx.Write(Firm(2));
            tx.Write(Report(1, new YearMonth(2025, 1), 100));
            tx.Write(Report(1, new YearMonth(2025, 2), 110.5));
            tx.Write(Report(2, new YearMonth(2025, 2), 0));
            tx.Write(Report(2, Mar2025, 70.25));
        });

        using var tx = store.BeginImport(new ImportHeader("li", T2));
        Assert.Equal(new[] { Code(1), Code(2) }.ToHashSet(), tx.StoredCreditCodes());
        var outputs = tx.StoredOutputs([new YearMonth(2025, 2), Mar2025, new YearMonth(2024, 2)])
            .OrderBy(o => o.CreditCode, StringComparer.Ordinal).ThenBy(o => o.Period).ToList();
        Assert.Equal(
            [(Code(1), new YearMonth(2025, 2), 110.5), (Code(2), new YearMonth(2025, 2), 0.0), (Code(2), Mar2025, 70.25)],
            outputs);
        Assert.Empty(tx.StoredOutputs([]));

        // Rows this import writes (new or revised) are the importer's own: they are not read back.
        tx.Write(Report(1, Mar2025, 999));
        tx.Write(Report(2, Mar2025, 1.5));
        tx.Flush();
        Assert.Equal([(Code(1), new YearMonth(2025, 2), 110.5)],
            tx.StoredOutputs([new YearMonth(2025, 2), Mar2025]).Where(o => o.CreditCode == Code(1)).ToList());
        Assert.Empty(tx.StoredOutputs([Mar2025]));
    }

    [Fact]
    public void StoredOutputs_InAnImportIntoAnEmptyStore_AreNone()
    {
        using var store = Open();
        using var tx = store.BeginImport(new ImportHeader("li", T2));
        tx.Write(Firm(1));
        tx.Write(Report(1, Mar2025, 5));
        tx.Flush();
        Assert.Empty(tx.StoredOutputs([Mar2025]));
    }

    [Fact]
    public void SameKeyRepeatedInOneImport_EachIsARevisionOfTheLast()
    {
        // Report files in one call may carry the same key: the last file wins, the earlier rows are kept in order.
        using var store = Open();
        using (var tx = store.BeginImport(new ImportHeader("wang", T1)))
        {
            tx.Write(Report(1, Mar2025, 1));
            tx.Flush();
            tx.Write(Report(1, Mar2025, 2));
            tx.Flush();
            Assert.Equal(1, tx.RevisionsWritten(FileKind.Reports));
            tx.Write(Report(1, Mar2025, 3));
            tx.Flush();
            Assert.Equal(2, tx.RevisionsWritten(FileKind.Reports));
            tx.Commit(Accepted());
        }
        Assert.Equal(3, store.Reports().Single().OutputValue);
        Assert.Equal(["1", "2"], store.Revisions(FileKind.Reports, $"{Code(1)}|2025-03").Select(r => r.OldValues["output_value"]));
    }

    [Fact]
    public void ManyRows_AcrossBatches_AllStoredAndRevisionsCounted()
    {
        // More rows than one PostgreSQL staging batch (100,000), half of them revisions of a first import.
        const int firms = 15_000;
        YearMonth[] months = [new(2025, 1), new(2025, 2), new(2025, 3), new(2025, 4), new(2025, 5), new(2025, 6), new(2025, 7), new(2025, 8)];
        using var store = Open();
        Import(store, "wang", T1, tx =>
        {
            for (int f = 0; f < firms; f++)
                foreach (var m in months.Take(4)) tx.Write(Report(f, m, f));
        });
        using (var tx = store.BeginImport(new ImportHeader("li", T2)))
        {
            for (int f = 0; f < firms; f++)
                foreach (var m in months) tx.Write(Report(f, m, f + 0.5));
            tx.Flush();
            Assert.Equal(firms * 4L, tx.RevisionsWritten(FileKind.Reports)); // months 1-4 existed
            tx.Commit(Accepted());
        }
        var summary = store.Summary();
        Assert.Equal(firms * 8L, summary.Reports);
        Assert.Equal(firms * 4L, summary.Revisions);
        Assert.All(store.Reports(), r => Assert.Equal(0.5, r.OutputValue - Math.Floor(r.OutputValue)));
    }

    [Fact]
    public void ConcurrentImports_Serialise_AndNeitherLosesRows()
    {
        using var store = Open();
        using var firstHoldsLock = new ManualResetEventSlim();
        DateTime firstCommitting = default, secondBegan = default;
        Exception? failure = null;

        void Run(int offset, bool first)
        {
            try
            {
                if (!first) firstHoldsLock.Wait();
                using var tx = store.BeginImport(new ImportHeader(first ? "a" : "b", T1));
                if (!first) secondBegan = DateTime.UtcNow;
                for (int i = offset; i < offset + 500; i++)
                {
                    tx.Write(Firm(i));
                    tx.Write(Report(i, Mar2025, i));
                }
                tx.Flush();
                if (first)
                {
                    firstHoldsLock.Set();
                    Thread.Sleep(700); // the second importer is now waiting for the lock
                }
                if (first) firstCommitting = DateTime.UtcNow;
                tx.Commit(Accepted());
            }
            catch (Exception e)
            {
                failure = e;
                firstHoldsLock.Set();
            }
        }

        var a = new Thread(() => Run(0, true));
        var b = new Thread(() => Run(10_000, false));
        a.Start();
        b.Start();
        a.Join();
        b.Join();

        Assert.Null(failure);
        // Without the lock the second would have begun some 700 ms before the first started committing.
        Assert.True(secondBegan >= firstCommitting, $"the second import began at {secondBegan:O}, before the first started committing at {firstCommitting:O}");
        Assert.Equal(1000, store.Enterprises().Count());
        Assert.Equal(1000, store.Reports().Count());
        Assert.Equal(2, store.Imports().Count);
    }
}
