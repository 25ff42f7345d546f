using System.Globalization;
using System.Net.Http.Headers;
using Ballast.Core.Accounts;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ballast.Tests.Web.Filing;

/// <summary>A clock the test moves (the deadline tests step across the deadline).</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}

/// <summary>
/// The web application in-process on a fresh SQLite store with an injected clock, and the small population the
/// response tests count by hand (<see cref="SeedPopulation"/>).
/// </summary>
internal sealed class FilingWebFactory : WebApplicationFactory<Ballast.Web.Program>
{
    private readonly TempFolders _folders = new();

    public FilingWebFactory(DateTimeOffset now)
    {
        StorePath = Path.Combine(_folders.New("filing"), "ballast.db");
        Clock = new SettableClock(now);
    }

    public string StorePath { get; }

    public SettableClock Clock { get; }

    public IBallastStore Store => Services.GetRequiredService<IBallastStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Ballast:Db", StorePath);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A client with a fresh API token of the user (created when missing).</summary>
    public HttpClient TokenClient(string userName, Role role, string scope = "")
    {
        if (Store.FindAccount(userName) is null)
            Store.AddAccount(new Account(userName, role, scope, Passwords.Hash(WebAccounts.Password), DateTimeOffset.UnixEpoch));
        var (token, hash) = ApiTokens.Issue();
        Store.AddApiToken(userName, "test", hash, DateTimeOffset.UnixEpoch);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string Code(int i) => CreditCode.Complete(string.Create(CultureInfo.InvariantCulture, $"9144000{i:D10}"));

    // The population, period 2026-01 (InactiveAfterMonths 3: a report in 2025-10 or later keeps an enterprise expected):
    //   A1 = Code(1) 44 div 33: filed 2025-12 and 2026-01          expected, filed
    //   A2 = Code(2) 44 div 33: filed 2025-12                      expected, not filed
    //   A3 = Code(3) 44 div 13: never filed (new)                  expected, not filed
    //   A4 = Code(4) 44 div 13: last filed 2025-08 (5 months)      lapsed: not expected
    //   B1 = Code(5) 11 div 33: filed 2025-11 and 2026-01          expected, filed
    //   B2 = Code(6) 11 div 13: first filed 2026-02 (an entrant)   not expected
    //   B3 = Code(7) 11 div 13: last filed 2025-10 (3 months)      expected, not filed
    // Expected 5, filed 2. Province 11: 2 expected, 1 filed; 44: 3 expected, 1 filed.
    // Division 13: A3, B3 = 2 expected, 0 filed; 33: A1, A2, B1 = 3 expected, 2 filed.
    public static readonly YearMonth Period = new(2026, 1);

    public void SeedPopulation()
    {
        static Enterprise Firm(int i, string region, string industry) =>
            new(Code(i), "测试企业" + i.ToString(CultureInfo.InvariantCulture), region, industry, "110", 150, 6000, []);
        static MonthlyReport Report(int i, int year, int month) =>
            new(Code(i), new YearMonth(year, month), 1200, 1100, 100, 1150, 35.5, 12, 640, 15000, 3200, 400, 118);
        using var tx = Store.BeginImport(new ImportHeader("seed", DateTimeOffset.UnixEpoch));
        tx.Write(Firm(1, "440300", "3311"));
        tx.Write(Firm(2, "440300", "3320"));
        tx.Write(Firm(3, "440106", "1310"));
        tx.Write(Firm(4, "440300", "1320"));
        tx.Write(Firm(5, "110105", "3311"));
        tx.Write(Firm(6, "110105", "1310"));
        tx.Write(Firm(7, "110108", "1320"));
        tx.Write(Report(1, 2025, 12));
        tx.Write(Report(1, 2026, 1));
        tx.Write(Report(2, 2025, 12));
        tx.Write(Report(4, 2025, 8));
        tx.Write(Report(5, 2025, 11));
        tx.Write(Report(5, 2026, 1));
        tx.Write(Report(6, 2026, 2));
        tx.Write(Report(7, 2025, 10));
        tx.Flush();
        tx.Commit(new ImportOutcome([], new Dictionary<FileKind, long>(), new Dictionary<FileKind, long>(), [], 0, [], TimeSpan.Zero));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _folders.Dispose();
    }
}
