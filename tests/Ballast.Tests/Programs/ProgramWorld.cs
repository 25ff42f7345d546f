using System.Globalization;
using Ballast.Core.Programs;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Core.Storage.Sqlite;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Programs;

/// <summary>A clock the test moves.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A SQLite store with two enterprises in Beijing (11) and one in Shanghai (31), monthly reports 2020–2030 and
/// profiles that meet the little-giant criteria: revenue 1,000 a month growing 6 % a year, R&amp;D 4 % of revenue.
/// </summary>
internal sealed class ProgramWorld : IDisposable
{
    private readonly TempFolders _temp = new();

    public static string Code(int i) => CreditCode.Complete(string.Create(CultureInfo.InvariantCulture, $"9111000{i:D10}"));

    public static readonly string Beijing1 = Code(1), Beijing2 = Code(2), Shanghai = Code(3);

    public SqliteStore Store { get; }
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8)));
    public ProgramService Service { get; }
    public ProgramCatalog Catalog { get; } = ProgramCatalog.Load();

    public ProgramWorld(double rdShare = 0.04)
    {
        Store = new SqliteStore(Path.Combine(_temp.New("programs"), "ballast.db"));
        Seed(Store, Clock.Now, rdShare);
        Service = new ProgramService(Store, Catalog, Clock);
    }

    /// <summary>Writes the world's register, reports, rates and profiles into a store (the web tests seed the application's store).</summary>
    public static void Seed(IBallastStore store, DateTimeOffset at, double rdShare = 0.04)
    {
        Enterprise[] firms =
        [
            new(Beijing1, "北京一号精密", "110105", "3411", "PRIVATE", 300, 12000, []),
            new(Beijing2, "北京二号机械", "110108", "3411", "PRIVATE", 200, 9000, []),
            new(Shanghai, "上海三号材料", "310115", "2614", "PRIVATE", 250, 11000, ["SRI_SME"]),
        ];
        using (var tx = store.BeginImport(new ImportHeader("test", at)))
        {
            foreach (var f in firms) tx.Write(f);
            foreach (var f in firms)
                for (int y = 2020; y <= 2030; y++)
                    for (int m = 1; m <= 12; m++)
                    {
                        double revenue = 1000 * Math.Pow(1.06, y - 2020);
                        tx.Write(new MonthlyReport(f.CreditCode, new YearMonth(y, m), revenue, revenue, 0, revenue, revenue * 0.05, revenue * rdShare, 10, 10, 100, 10, 100));
                    }
            foreach (var d in new[] { "34", "26" })
                for (int y = 2020; y <= 2030; y++)
                {
                    tx.Write(new VaRate(d, y, 0.3));
                    for (int m = 1; m <= 12; m++) tx.Write(new PpiEntry(d, new YearMonth(y, m), 100));
                }
            tx.Flush();
            tx.Commit(new ImportOutcome([], new Dictionary<FileKind, long>(), new Dictionary<FileKind, long>(), [], 0, [], TimeSpan.Zero));
        }
        var values = new Dictionary<string, string>
        {
            ["years_in_niche"] = "5", ["main_business_share"] = "80", ["info_system"] = "yes", ["certification"] = "yes", ["debt_ratio"] = "50",
            ["niche_market_share"] = "12", ["own_brand"] = "yes", ["rd_institution"] = "provincial", ["ip_class1_count"] = "3",
            ["key_chain_link"] = "yes", ["key_field"] = "yes",
            // The specialized-SME score: 72 of 100 with these (see ProgramServiceTests).
            ["ip_grade"] = "class1_high_value", ["rd_staff_share"] = "20", ["digital_level"] = "5", ["quality_level"] = "5", ["distinctive_points"] = "10",
        };
        store.SaveProgramData([.. firms.Select(f => new EnterpriseProfile(f.CreditCode, 2025, values))],
            [new Factory("BJ1-F1", Beijing1, "一号工厂", 2025, new Dictionary<string, string>
            {
                ["basic_elements"] = "yes", ["self_assessment"] = "yes", ["scenario_count"] = "6", ["maturity_level"] = "2", ["key_links_integrated"] = "yes",
            })]);
    }

    public void Dispose()
    {
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
