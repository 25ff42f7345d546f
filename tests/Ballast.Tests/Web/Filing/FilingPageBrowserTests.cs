using Ballast.Core.Accounts;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Import;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ballast.Tests.Web.Filing;

public class FilingPageBrowserTests(ITestOutputHelper log)
{
    private static readonly string Firm = FilingWebFactory.Code(42);

    private static void Seed(IBallastStore store, YearMonth lastFiled)
    {
        using (var tx = store.BeginImport(new ImportHeader("seed", DateTimeOffset.UnixEpoch)))
        {
            tx.Write(new Enterprise(Firm, "广州测试机械有限公司", "440106", "3311", "110", 150, 6000, []));
            tx.Write(new MonthlyReport(Firm, lastFiled, 1200, 1100, 100, 1150, 35.5, 12, 640, 15000, 3200, 400, 118));
            tx.Flush();
            tx.Commit(new ImportOutcome([], new Dictionary<FileKind, long>(), new Dictionary<FileKind, long>(), [], 0, [], TimeSpan.Zero));
        }
        FilingBrowser.AddAccount(store, "firm42", Role.Enterprise, Firm);
    }

    [Fact]
    public async Task Enterprise_SignsInFilesWithOneError_SeesItAtTheField_FixesAndFiles_ReportStored()
    {
        // The page offers the period due: the previous month in Beijing (the server runs on the real clock).
        var due = ChinaTime.CurrentMonth(TimeProvider.System).Previous;
        await using var web = await FilingBrowser.StartAsync(store => Seed(store, due.Previous));
        await using var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US", BaseURL = web.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/signin");
        await page.FillAsync("#userName", "firm42");
        await page.FillAsync("#password", WebAccounts.Password);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync("**/filing");
        await Assertions.Expect(page.Locator("#firm-name")).ToContainTextAsync(Firm);
        Assert.Equal(due.ToString(), await page.InputValueAsync("#f-period"));

        await page.ClickAsync("#copy-last");
        Assert.Equal("1200", await page.InputValueAsync("#f-output_value"));
        await page.FillAsync("#f-output_value", "-5");
        await page.ClickAsync("#submit-report");
        var problem = page.Locator("[data-problem=\"output_value\"]");
        await Assertions.Expect(problem).ToContainTextAsync("is negative");
        Assert.Contains("error", await problem.GetAttributeAsync("class"), StringComparison.Ordinal);
        Assert.Equal("E_NEGATIVE", await problem.GetAttributeAsync("data-code"));
        Assert.Equal("", (await page.Locator("[data-problem=\"sales_value\"]").TextContentAsync())!.Trim()); // only at its field
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(page, "filing-error-en"));

        await page.ClickAsync("#lang-switch"); // the same problem in Chinese
        await Assertions.Expect(problem).ToContainTextAsync("为负数");
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(page, "filing-error-zh"));
        Assert.DoesNotContain(web.Store.ReportsOf(Firm), r => r.Period == due); // nothing stored

        await page.FillAsync("#f-output_value", "1250.5");
        await page.ClickAsync("#submit-report");
        await Assertions.Expect(page.Locator("#form-status")).ToContainTextAsync("已报送");
        Assert.Equal("", (await problem.TextContentAsync())!.Trim());
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(page, "filing-filed-zh"));

        var stored = Assert.Single(web.Store.ReportsOf(Firm), r => r.Period == due);
        Assert.Equal(1250.5, stored.OutputValue);
        Assert.Equal((1100.0, 118), (stored.SalesValue, stored.Employees)); // the last report's figures, copied
        await Assertions.Expect(page.Locator("#reports tbody tr")).ToHaveCountAsync(2);
        Assert.Contains(due.ToString(), await page.Locator("#reports tbody tr").First.TextContentAsync() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyst_SignsIn_GoesToTheDashboardNotTheFilingPage()
    {
        await using var web = await FilingBrowser.StartAsync(store =>
        {
            Seed(store, ChinaTime.CurrentMonth(TimeProvider.System).AddMonths(-2));
            FilingBrowser.AddAccount(store, "national", Role.NationalAnalyst, "");
        });
        await using var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", BaseURL = web.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await Assertions.Expect(page.Locator("h2")).ToHaveTextAsync("登录"); // Chinese from the browser's language
        await page.FillAsync("#userName", "national");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("#signin-button");
        await Assertions.Expect(page.Locator("#signin-status")).ToHaveTextAsync("用户名或密码错误。");
        await page.FillAsync("#password", WebAccounts.Password);
        await page.ClickAsync("#signin-button");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GotoAsync("/responses");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("应报 1 户");
        log.WriteLine("screenshot: " + await FilingBrowser.ScreenshotAsync(page, "responses-zh"));
    }
}
