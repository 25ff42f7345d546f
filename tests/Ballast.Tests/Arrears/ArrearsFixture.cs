using System.Globalization;
using Ballast.Core.Arrears;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Core.Storage.Sqlite;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Arrears;

/// <summary>A clock the test sets.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}

/// <summary>
/// A SQLite store with a small register: SMEs 1 and 3 in Beijing (11), SME 2 in Jiangsu (32), 9 a large
/// enterprise in Beijing; and an arrears service on a clock the test moves.
/// </summary>
internal sealed class ArrearsFixture : IDisposable
{
    private readonly TempFolders _temp = new();

    /// <summary>2025-06-01 10:00 in Beijing.</summary>
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 2, 0, 0, TimeSpan.Zero);

    public ArrearsFixture(ArrearsSettings? settings = null, DateTimeOffset? start = null)
    {
        DbPath = Path.Combine(_temp.New("arrears"), "ballast.db");
        Store = new SqliteStore(DbPath);
        Clock = new ManualClock(start ?? Start);
        Service = new ArrearsService(Store, Clock, settings);
        Import(tx =>
        {
            tx.Write(Firm(1, "110105", employees: 120, revenue: 5234.5));
            tx.Write(Firm(2, "320102", employees: 350, revenue: 2500));
            tx.Write(Firm(3, "110108", employees: 15, revenue: 100));
            tx.Write(Firm(9, "110105", employees: 1500, revenue: 60000));
        });
    }

    /// <summary>The store's file, for --db.</summary>
    public string DbPath { get; }

    public SqliteStore Store { get; }
    public ManualClock Clock { get; }
    public ArrearsService Service { get; }

    public static string Code(int i) => CreditCode.Complete(string.Create(CultureInfo.InvariantCulture, $"9111000{i:D10}"));

    public static Enterprise Firm(int i, string region, int employees, double revenue) =>
        new(Code(i), "测试企业" + i.ToString(CultureInfo.InvariantCulture), region, "3311", "110", employees, revenue, []);

    public static readonly ActingUser Ministry = ActingUser.Ministry("zhao (ministry)");
    public static ActingUser Sme(int i) => new("li (enterprise " + i.ToString(CultureInfo.InvariantCulture) + ")", UserRole.Enterprise, CreditCode: Code(i));
    public static ActingUser Province(string p) => new("wang (province " + p + ")", UserRole.Province, Province: p);

    /// <summary>A monthly report whose only value of interest is its overdue receivables.</summary>
    public static MonthlyReport Report(int firm, YearMonth period, double overdue) =>
        new(Code(firm), period, 100, 100, 0, 100, 1, 0, 1, 1, Math.Max(overdue, 50), overdue, 20);

    public void Import(Action<IImportTransaction> write)
    {
        using var tx = Store.BeginImport(new ImportHeader("test", Clock.Now));
        write(tx);
        tx.Flush();
        tx.Commit(new ImportOutcome([], new Dictionary<FileKind, long>(), new Dictionary<FileKind, long>(), [], 0, [], TimeSpan.Zero));
    }

    /// <summary>A valid registration: contract 2025-03-01, due by the 60-day term on 2025-04-30.</summary>
    public static CaseRegistration Case(int firm, decimal amount = 10m, string province = "32", DebtorType type = DebtorType.GovernmentAgency) =>
        new(Code(firm), "某市住房和城乡建设局", type, province, amount, new DateOnly(2025, 3, 1), null);

    /// <summary>Registers as the SME itself.</summary>
    public ArrearsCase Register(int firm, decimal amount = 10m, string province = "32", DebtorType type = DebtorType.GovernmentAgency) =>
        Service.Register(Sme(firm), Case(firm, amount, province, type));

    public void Dispose()
    {
        Store.Dispose();
        _temp.Dispose();
    }
}
