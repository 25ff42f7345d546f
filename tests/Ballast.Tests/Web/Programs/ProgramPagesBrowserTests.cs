using System.Globalization;
using System.Text.RegularExpressions;
using Ballast.Core.Accounts;
using Ballast.Core.Arrears;
using Ballast.Core.Programs;
using Ballast.Core.Reporting.Import;
using Ballast.Tests.Programs;
using Ballast.Tests.Web.Filing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ballast.Tests.Web.Programs;

/// <summary>
/// The programs and arrears pages in Debian's chromium against a real server (<see cref="FilingBrowser"/>) on the
/// world of the programs tests: Beijing1 and Beijing2 (province 11) meet the little-giant criteria, Shanghai (31)
/// too. The server runs on the real clock; the world's reports run 2020–2030, so the pre-check passes today.
/// Screenshots go to artifacts/ and are named in the test log.
/// </summary>
public class ProgramPagesBrowserTests(ITestOutputHelper log)
{
    private static void Seed(Ballast.Core.Storage.IBallastStore store)
    {
        ProgramWorld.Seed(store, DateTimeOffset.UtcNow);
        FilingBrowser.AddAccount(store, "zhang", Role.Enterprise, ProgramWorld.Beijing1);
        FilingBrowser.AddAccount(store, "zhao", Role.Enterprise, ProgramWorld.Beijing2);
        FilingBrowser.AddAccount(store, "li", Role.ProvincialAnalyst, "11");
        FilingBrowser.AddAccount(store, "chen", Role.ProvincialAnalyst, "31");
        FilingBrowser.AddAccount(store, "wu", Role.NationalAnalyst, "");
    }

    private static async Task<IPage> SignInAsync(FilingBrowser web, string user, string page, string locale = "en-US")
    {
        var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale, BaseURL = web.BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        // The machine is shared: navigation and waits get a minute, not Playwright's 30 s.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var p = await context.NewPageAsync();
        // Where the page itself sends an unsigned visitor (ArrearsPage_NotSignedIn_SendsToSignInAndBack checks that).
        await p.GotoAsync("/signin?return=" + Uri.EscapeDataString(page));
        await p.FillAsync("#userName", user);
        await p.FillAsync("#password", WebAccounts.Password);
        await p.ClickAsync("#signin-button");
        await p.WaitForURLAsync(url => new Uri(url).AbsolutePath == page);
        return p;
    }

    /// <summary>A call made the way the pages make theirs (session cookie, antiforgery header): its HTTP status.</summary>
    private static Task<int> PageCallAsync(IPage page, string method, string url) =>
        page.EvaluateAsync<int>("async ([m, u]) => (await Ballast.api(m, u, m === 'GET' ? undefined : {})).status", new[] { method, url });

    [Fact]
    public async Task Enterprise_AppliesSeeingThePreCheck_ProvinceThenMinistryApprove_EnterpriseSeesItCertified()
    {
        long otherFirms = 0, shanghais = 0;
        await using var web = await FilingBrowser.StartAsync(store =>
        {
            Seed(store);
            // Applications of other enterprises, for the access checks: Beijing2 (same province), Shanghai (another).
            var service = new ProgramService(store, ProgramCatalog.Load(), TimeProvider.System);
            otherFirms = service.Apply(ProgramActor.Enterprise("zhao", ProgramWorld.Beijing2), "LITTLE_GIANT", ProgramWorld.Beijing2).Application.Id;
            shanghais = service.Apply(ProgramActor.Enterprise("sh", ProgramWorld.Shanghai), "LITTLE_GIANT", ProgramWorld.Shanghai).Application.Id;
        });

        // The enterprise: a per-factory program without a factory chosen is an inline error; then the little giant's pre-check.
        var firm = await SignInAsync(web, "zhang", "/programs");
        await Assertions.Expect(firm.Locator("#firm-name")).ToContainTextAsync(ProgramWorld.Beijing1);
        await firm.SelectOptionAsync("#a-tier", "GREEN_FACTORY");
        await Assertions.Expect(firm.Locator("#factory-field")).ToBeVisibleAsync();
        await firm.ClickAsync("#precheck-button");
        await Assertions.Expect(firm.Locator("[data-problem=\"factoryId\"]")).ToContainTextAsync("choose the factory");
        Assert.True(await firm.Locator("#apply-button").IsDisabledAsync()); // nothing to submit before a pre-check

        await firm.SelectOptionAsync("#a-tier", "LITTLE_GIANT");
        await Assertions.Expect(firm.Locator("#factory-field")).ToBeHiddenAsync();
        await firm.ClickAsync("#precheck-button");
        var check = firm.Locator("#precheck .check");
        await Assertions.Expect(check).ToHaveAttributeAsync("data-passed", "true");
        await Assertions.Expect(firm.Locator("#precheck .verdict")).ToContainTextAsync("meets every criterion");
        // Criterion by criterion, each with its threshold, leaves with their value and source. The whole is met; some
        // parts of "any of" groups and of the score tables are not (they need not be), and are shown as not met.
        int criteria = await firm.Locator("#precheck [data-criterion]").CountAsync();
        Assert.True(criteria >= 6, $"only {criteria} criteria shown");
        Assert.Equal("true", await firm.Locator("#precheck [data-criterion]").First.GetAttributeAsync("data-met"));
        int met = await firm.Locator("#precheck [data-criterion][data-met=\"true\"]").CountAsync();
        int notMet = await firm.Locator("#precheck [data-criterion][data-met=\"false\"]").CountAsync();
        Assert.Equal(criteria, met + notMet);
        Assert.True(met > 0 && notMet > 0, $"{met} met, {notMet} not met");
        Assert.Equal(criteria, await firm.Locator("#precheck [data-criterion] .threshold").CountAsync());
        Assert.True(await firm.Locator("#precheck [data-criterion] .source").CountAsync() > 0);
        // The world's profile says 5 years in the niche (ProgramWorld.Seed): the value read is shown beside its criterion.
        Assert.Contains(await firm.Locator("#precheck [data-criterion] .value").AllTextContentsAsync(), v => v == "5");
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(firm, "programs-precheck-en"));

        await firm.ClickAsync("#apply-button");
        await Assertions.Expect(firm.Locator("#apply-status")).ToContainTextAsync("submitted");
        var mine = Assert.Single(web.Store.Applications(), a => a.CreditCode == ProgramWorld.Beijing1);
        Assert.Equal(ApplicationState.Submitted, mine.State);
        await Assertions.Expect(firm.Locator($"#applications tr[data-application=\"{mine.Id}\"] [data-state]")).ToHaveAttributeAsync("data-state", "Submitted");
        await Assertions.Expect(firm.Locator("#applications tbody tr[data-application]")).ToHaveCountAsync(1); // its own only

        // Through the pages' own calls, another enterprise's application is refused.
        Assert.Equal(403, await PageCallAsync(firm, "GET", $"/api/programs/applications/{otherFirms}"));
        Assert.Equal(403, await PageCallAsync(firm, "GET", $"/api/programs/applications/{otherFirms}/trail"));
        Assert.Equal(403, await PageCallAsync(firm, "POST", $"/api/programs/applications/{otherFirms}/withdraw"));

        // The province (in Chinese): its queue has Beijing's applications, not Shanghai's; the review shows the pre-check.
        var province = await SignInAsync(web, "li", "/programs/review", "zh-CN");
        var row = province.Locator($"#queue tr[data-application=\"{mine.Id}\"]");
        await Assertions.Expect(row).ToContainTextAsync("北京一号精密"); // the enterprise's name from the register
        await Assertions.Expect(province.Locator($"#queue tr[data-application=\"{otherFirms}\"]")).ToBeVisibleAsync();
        await Assertions.Expect(province.Locator($"tr[data-application=\"{shanghais}\"]")).ToHaveCountAsync(0);
        await row.Locator("[data-action=\"review\"]").ClickAsync();
        var detail = province.Locator($"tr[data-detail=\"{mine.Id}\"]");
        await Assertions.Expect(detail.Locator(".check")).ToHaveAttributeAsync("data-passed", "true");
        await Assertions.Expect(detail.Locator(".verdict")).ToContainTextAsync("符合");
        await Assertions.Expect(detail.Locator("table")).ToContainTextAsync("zhang"); // the history: who applied
        // A return needs reasons: refused at the page, nothing sent.
        await detail.Locator("[data-action=\"return\"]").ClickAsync();
        await Assertions.Expect(province.Locator($"[data-review-problem=\"{mine.Id}\"]")).ToContainTextAsync("退回须填写理由");
        Assert.Equal(ApplicationState.Submitted, web.Store.Application(mine.Id)!.State);
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(province, "programs-province-review-zh"));
        await province.FillAsync($"#note-{mine.Id}", "六项指标均符合");
        await province.Locator($"tr[data-detail=\"{mine.Id}\"] [data-action=\"approve\"]").ClickAsync();
        await Assertions.Expect(province.Locator("#queue-status")).ToContainTextAsync("省级已通过");
        Assert.Equal(ApplicationState.ProvinceApproved, web.Store.Application(mine.Id)!.State);
        await Assertions.Expect(province.Locator($"#queue tr[data-application=\"{mine.Id}\"]")).ToHaveCountAsync(0); // now the ministry's
        // A province cannot review another province's application through the page's calls.
        Assert.Equal(403, await PageCallAsync(province, "POST", $"/api/programs/applications/{shanghais}/approve"));
        Assert.Equal(403, await PageCallAsync(province, "GET", $"/api/programs/applications/{shanghais}"));
        Assert.Equal(ApplicationState.Submitted, web.Store.Application(shanghais)!.State);

        // The ministry: the province-approved application waits for it; approval certifies.
        var ministry = await SignInAsync(web, "wu", "/programs/review");
        var waiting = ministry.Locator($"#queue tr[data-application=\"{mine.Id}\"]");
        await Assertions.Expect(waiting).ToContainTextAsync("Approved by the province");
        await Assertions.Expect(ministry.Locator($"#queue tr[data-application=\"{shanghais}\"]")).ToHaveCountAsync(0); // still the province's step
        await waiting.Locator("[data-action=\"review\"]").ClickAsync();
        await Assertions.Expect(ministry.Locator($"tr[data-detail=\"{mine.Id}\"] .check")).ToHaveAttributeAsync("data-passed", "true");
        await ministry.Locator($"tr[data-detail=\"{mine.Id}\"] [data-action=\"approve\"]").ClickAsync();
        await Assertions.Expect(ministry.Locator("#queue-status")).ToContainTextAsync("Certified");
        var certified = web.Store.Application(mine.Id)!;
        Assert.Equal(ApplicationState.Certified, certified.State);
        // The registry: one little giant in Beijing, division 34 (Beijing1's industry 3411), in the table and the chart.
        var registryRow = ministry.Locator("#registry tbody tr", new() { HasText = "Little giant" });
        await Assertions.Expect(registryRow).ToHaveCountAsync(1);
        Assert.Equal(["\"Little giant\" enterprise", "11 Beijing", "34", "1", "0"], await registryRow.Locator("td").AllTextContentsAsync());
        Assert.True(await ministry.EvaluateAsync<bool>("() => echarts.getInstanceByDom(document.getElementById('registry-chart')).getOption().series[0].data.length > 0"));
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(ministry, "programs-ministry-certified-en"));
        // The dashboard links a signed-in reviewer to its work pages.
        await ministry.GotoAsync("/");
        await ministry.Locator("#work-links a[href=\"/programs/review\"]").ClickAsync();
        await ministry.WaitForURLAsync("**/programs/review");

        // The enterprise sees it certified and held, valid for three years.
        await firm.ReloadAsync();
        await Assertions.Expect(firm.Locator($"#applications tr[data-application=\"{mine.Id}\"] [data-state]")).ToHaveAttributeAsync("data-state", "Certified");
        var held = firm.Locator("#holdings tr[data-tier=\"LITTLE_GIANT\"]");
        await Assertions.Expect(held).ToHaveCountAsync(1);
        var from = certified.CertifiedFrom!.Value;
        Assert.Equal(from.AddYears(3), certified.ValidUntil);
        var cells = await held.Locator("td").AllTextContentsAsync();
        Assert.Equal((Iso(from), Iso(from.AddYears(3))), (cells[2], cells[3]));
        await firm.Locator($"#applications tr[data-application=\"{mine.Id}\"] [data-action=\"trail\"]").ClickAsync();
        await Assertions.Expect(firm.Locator($"tr[data-trail=\"{mine.Id}\"] tbody tr")).ToHaveCountAsync(3); // apply, province, ministry
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(firm, "programs-enterprise-certified-en"));
        // The filing page links the enterprise here.
        await firm.GotoAsync("/filing");
        await firm.ClickAsync("header a[href=\"/programs\"]");
        await firm.WaitForURLAsync("**/programs");
    }

    [Fact]
    public async Task Sme_RegistersACaseWithOneError_FixesIt_ProvinceSeesAndAcceptsIt_OverdueHighlighted()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, ChinaTime.TimeZone).DateTime);
        long otherFirms = 0, overdueCase = 0, jiangsus = 0;
        await using var web = await FilingBrowser.StartAsync(store =>
        {
            Seed(store);
            FilingBrowser.AddAccount(store, "sun", Role.ProvincialAnalyst, "32");
            // Registered 45 days ago by Beijing2 against a Beijing debtor: 30 days to handle, so overdue by about 15 days.
            var past = new ManualClock(DateTimeOffset.UtcNow.AddDays(-45));
            var service = new ArrearsService(store, past);
            var pastToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(past.Now, ChinaTime.TimeZone).DateTime);
            overdueCase = otherFirms = service.Register(new ActingUser("zhao", UserRole.Enterprise, CreditCode: ProgramWorld.Beijing2),
                new CaseRegistration(ProgramWorld.Beijing2, "北京某区机关事务管理局", DebtorType.GovernmentAgency, "11", 30m, pastToday.AddDays(-100), null)).Id;
            jiangsus = service.Register(new ActingUser("zhao", UserRole.Enterprise, CreditCode: ProgramWorld.Beijing2),
                new CaseRegistration(ProgramWorld.Beijing2, "江苏某国有集团", DebtorType.StateOwnedEnterprise, "32", 8m, pastToday.AddDays(-100), null)).Id;
        });

        var firm = await SignInAsync(web, "zhang", "/arrears");
        await firm.FillAsync("#c-debtor_name", "某市住房和城乡建设局");
        await firm.SelectOptionAsync("#c-debtor_type", "government");
        await firm.SelectOptionAsync("#c-province", "11");
        await firm.FillAsync("#c-amount", "12.5");
        await firm.FillAsync("#c-contract_date", Iso(today.AddDays(-90)));
        await firm.FillAsync("#c-due_date", Iso(today.AddDays(-91))); // before the contract: the server refuses it
        await firm.ClickAsync("#register-button");
        var problem = firm.Locator("[data-problem=\"due_date\"]");
        await Assertions.Expect(problem).ToContainTextAsync("is before the contract date");
        await Assertions.Expect(firm.Locator(".field[data-field=\"due_date\"]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-error"));
        foreach (string other in new[] { "debtor_name", "debtor_type", "province", "amount", "contract_date" })
            Assert.Equal("", (await firm.Locator($"[data-problem=\"{other}\"]").TextContentAsync())!.Trim()); // only at its field
        Assert.Empty(web.Store.ArrearsCases(creditCode: ProgramWorld.Beijing1)); // nothing stored
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(firm, "arrears-error-en"));
        await firm.ClickAsync("#lang-switch"); // the same problem in Chinese
        await Assertions.Expect(problem).ToHaveTextAsync("约定付款日早于合同日期。");
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(firm, "arrears-error-zh"));

        await firm.FillAsync("#c-due_date", ""); // the contract date + 60 days: 30 days ago, overdue
        await firm.ClickAsync("#register-button");
        await Assertions.Expect(firm.Locator("#form-status")).ToContainTextAsync("已登记");
        Assert.Equal("", (await problem.TextContentAsync())!.Trim());
        var registered = Assert.Single(web.Store.ArrearsCases(creditCode: ProgramWorld.Beijing1));
        Assert.Equal((12.5m, "11", Iso(today.AddDays(-30))), (registered.Amount, registered.Province, Iso(registered.DueDate)));
        await Assertions.Expect(firm.Locator($"#cases tr[data-case=\"{registered.Id}\"] [data-status]")).ToHaveAttributeAsync("data-status", "registered");
        await Assertions.Expect(firm.Locator("#cases tbody tr[data-case]")).ToHaveCountAsync(1); // its own only
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(firm, "arrears-registered-zh"));
        // Through the page's own calls, another enterprise's case is refused.
        Assert.Equal(403, await PageCallAsync(firm, "GET", $"/api/arrears/cases/{otherFirms}"));
        Assert.Equal(403, await PageCallAsync(firm, "POST", $"/api/arrears/cases/{otherFirms}/accept"));

        // Beijing's analyst sees the new case and the overdue one (highlighted), not Jiangsu's, and accepts the new one.
        var province = await SignInAsync(web, "li", "/arrears/review");
        var row = province.Locator($"#cases tr[data-case=\"{registered.Id}\"]");
        await Assertions.Expect(row).ToContainTextAsync(ProgramWorld.Beijing1);
        Assert.DoesNotContain("overdue", await row.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        await Assertions.Expect(province.Locator($"#cases tr[data-case=\"{overdueCase}\"]")).ToHaveClassAsync("overdue");
        await Assertions.Expect(province.Locator($"tr[data-case=\"{jiangsus}\"]")).ToHaveCountAsync(0);
        await province.CheckAsync("#only-overdue");
        await Assertions.Expect(province.Locator("#cases tbody tr[data-case]")).ToHaveCountAsync(1);
        await province.UncheckAsync("#only-overdue");
        // Statistics of its cases: 2 cases, 12.5 + 30 = 42.5 registered, nothing cleared, 1 overdue.
        await Assertions.Expect(province.Locator("#stats-total")).ToContainTextAsync("2 cases, 42.50 registered, 0.00 cleared");
        // The check against the reports, one row per SME: Beijing1 reports 10 of overdue receivables a month (ProgramWorld.Seed),
        // less than its open 12.5, this month (the world's reports run to 2030; later months are not listed).
        string thisMonth = Iso(today).Substring(0, 7);
        var link = province.Locator($"#link-check tr[data-link=\"{ProgramWorld.Beijing1}\"] td");
        await Assertions.Expect(link).ToHaveCountAsync(6);
        Assert.Equal((thisMonth, "1", "1", "12.50", "10.00"), (await link.Nth(1).TextContentAsync(), await link.Nth(2).TextContentAsync(),
            await link.Nth(3).TextContentAsync(), await link.Nth(4).TextContentAsync(), await link.Nth(5).TextContentAsync()));
        await Assertions.Expect(province.Locator("#link-check tbody tr")).ToHaveCountAsync(2); // Beijing1 and Beijing2
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(province, "arrears-province-en"));
        await row.Locator("[data-action=\"handle\"]").ClickAsync();
        await province.Locator($"tr[data-detail=\"{registered.Id}\"] [data-action=\"accept\"]").ClickAsync();
        await Assertions.Expect(province.Locator("#cases-status")).ToContainTextAsync("Accepted");
        Assert.Equal(CaseState.Accepted, web.Store.ArrearsCase(registered.Id)!.State);
        // A province cannot handle another province's case through the page's calls.
        Assert.Equal(403, await PageCallAsync(province, "POST", $"/api/arrears/cases/{jiangsus}/accept"));
        Assert.Equal(CaseState.Registered, web.Store.ArrearsCase(jiangsus)!.State);
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(province, "arrears-province-accepted-en"));

        // The ministry sees every case, the statistics of both provinces, and escalates the overdue ones: the two registered
        // 45 days ago, 15 days past their deadline (level 1); the new case is within its deadline.
        var ministry = await SignInAsync(web, "wu", "/arrears/review", "zh-CN");
        await Assertions.Expect(ministry.Locator("#cases tbody tr[data-case]")).ToHaveCountAsync(3);
        await Assertions.Expect(ministry.Locator("#by-province tbody tr")).ToHaveCountAsync(2); // 11 and 32
        await ministry.ClickAsync("#escalate");
        await Assertions.Expect(ministry.Locator("#cases-status")).ToHaveTextAsync("已督办 2 件。");
        Assert.Equal((1, 1, 0), (web.Store.ArrearsCase(overdueCase)!.EscalationLevel, web.Store.ArrearsCase(jiangsus)!.EscalationLevel,
            web.Store.ArrearsCase(registered.Id)!.EscalationLevel));
        await Assertions.Expect(ministry.Locator($"#cases tr[data-case=\"{overdueCase}\"]")).ToContainTextAsync("已督办 1 级");
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(ministry, "arrears-ministry-zh"));
    }

    [Fact]
    public async Task ArrearsPage_NotSignedIn_SendsToSignInAndBack()
    {
        await using var web = await FilingBrowser.StartAsync(Seed);
        var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", BaseURL = web.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/arrears");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^[^?]*/signin(\\?.*)?$"), new() { Timeout = 60_000 });
        Assert.Equal("?return=%2Farrears", new Uri(page.Url).Query);
        await page.FillAsync("#userName", "zhang");
        await page.FillAsync("#password", WebAccounts.Password);
        await page.ClickAsync("#signin-button");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^[^?]*/arrears(\\?.*)?$"), new() { Timeout = 60_000 });
        // A reviewer's page is not where an enterprise goes back to: it lands on its filing page.
        // Commit only: the page sends an enterprise away as soon as its script runs, which may be before "load".
        await page.GotoAsync("/arrears/review", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^[^?]*/filing(\\?.*)?$"), new() { Timeout = 60_000 });
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
