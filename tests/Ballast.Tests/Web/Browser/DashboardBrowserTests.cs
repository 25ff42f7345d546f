using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ballast.Core.Classifications;
using Ballast.Tests.Web.Dashboard;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ballast.Tests.Web.Browser;

/// <summary>
/// The dashboard and the bulletin in Debian's Chromium, driven by Playwright, against a real server over a demo
/// store. Screenshots go to artifacts/browser/ (named in the test log). scripts/test.sh installs chromium,
/// fonts-noto-cjk and poppler-utils when they are missing.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardServer server, ITestOutputHelper log) : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}: run scripts/test.sh, which installs chromium, fonts-noto-cjk and poppler-utils");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    private async Task<IPage> OpenDashboard(string locale)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale, ViewportSize = new ViewportSize { Width = 1400, Height = 1600 }, BaseURL = server.BaseUrl.ToString(),
        });
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") log.WriteLine("browser console error: " + m.Text); };
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => window.ballast && window.ballast.ready === true", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        return page;
    }

    private async Task Screenshot(IPage page, string name)
    {
        var dir = Path.Combine(RepoPaths.Root(), "artifacts", "browser");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        log.WriteLine("Screenshot: " + path);
    }

    [Fact]
    public async Task Dashboard_HeadlineFigures_EqualTheStoredRelease()
    {
        var page = await OpenDashboard("zh-CN");
        await Screenshot(page, "dashboard-zh");
        foreach (var (breakdown, cell) in new[] { ("total", "ALL"), ("hightech", "ALL"), ("equipment", "ALL"), ("size", "sme") })
        {
            var card = page.GetByTestId($"headline-{breakdown}-{cell}");
            foreach (var measure in new[] { "va_yoy_month", "va_yoy_ytd" })
            {
                var shown = (await card.Locator($"[data-measure={measure}]").InnerTextAsync()).Replace("%", "", StringComparison.Ordinal).Trim();
                var stored = server.Row(breakdown, cell, measure);
                Assert.Equal(DashboardServer.Rounded(stored.Value!.Value), shown);
            }
        }
        // The browser asked for Chinese, so the page speaks Chinese.
        Assert.Equal("规模以上工业统计 · 仪表板", await page.Locator("header h1").InnerTextAsync());

        // The seasonally adjusted month-on-month growth of the release's stored vintage: on the total's card, and
        // drawn as a line of the trend chart with the vintage's values.
        var sa = server.Adjusted.Rows.Single(r => r.Breakdown == "total" && r.Cell == "ALL" && r.Period == server.Release.Period);
        var shownSa = (await page.GetByTestId("headline-total-ALL").Locator("[data-measure=va_sa_mom]").InnerTextAsync()).Trim();
        Assert.Equal(DashboardServer.Rounded(sa.Value!.Value), shownSa);
        var line = JsonDocument.Parse(await page.EvaluateAsync<string>(
            "() => JSON.stringify(echarts.getInstanceByDom(document.getElementById('trend-chart')).getOption().series.find(s => s.name.includes('季调环比')))")).RootElement;
        var drawn = line.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(sa.Value!.Value, drawn[^1], 12);
        Assert.Equal("dotted", line.GetProperty("lineStyle").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Map_DrawsAll34Units_AndColoursThe31WithData()
    {
        var page = await OpenDashboard("en-US");
        var map = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.ballast.map)")).RootElement;
        Assert.Equal(34, map.GetProperty("features").GetInt32());
        Assert.Equal(0, map.GetProperty("unmatched").GetArrayLength());
        Assert.Equal(["71", "81", "82"], map.GetProperty("noData").EnumerateArray().Select(c => c.GetString()).Order(StringComparer.Ordinal));
        int provincesInRelease = server.Rows.Where(r => r.Breakdown == "province").Select(r => r.Cell).Distinct().Count();
        Assert.Equal(31, provincesInRelease);
        Assert.Equal(provincesInRelease, map.GetProperty("coloured").GetInt32());
        // What ECharts itself holds: one data item per feature, 31 of them with a value or a C colour of their own.
        var drawn = await page.EvaluateAsync<int>("() => echarts.getInstanceByDom(document.getElementById('map-chart')).getOption().series[0].data.length");
        Assert.Equal(34, drawn);
        var valued = await page.EvaluateAsync<int>("() => echarts.getInstanceByDom(document.getElementById('map-chart')).getOption().series[0].data.filter(d => d.value !== null && d.value !== undefined).length");
        int publishedProvinces = server.Rows.Count(r => r.Breakdown == "province" && r.Measure == "va_yoy_ytd" && r.Flag == "" && r.Value is not null);
        Assert.Equal(publishedProvinces, valued);
        await page.Locator("#map-chart").ScrollIntoViewIfNeededAsync();
        await Screenshot(page, "dashboard-map-en");
        Assert.Equal("Industry above designated size · Dashboard", await page.Locator("header h1").InnerTextAsync());
    }

    [Fact]
    public async Task Warnings_ShowTheirDrivers_OneBehindItsParentWithItsPartOfTheGap()
    {
        var page = await OpenDashboard("en-US");
        var warnings = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.ballast.state.summary.warnings)"))
            .RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(warnings);
        int withGap = 0;
        foreach (var w in warnings)
        {
            var item = page.GetByTestId("warning-" + w.GetProperty("ruleId").GetString() + "-" + w.GetProperty("cell").GetString());
            string text = await item.InnerTextAsync();
            foreach (var d in w.GetProperty("drivers").EnumerateArray())
            {
                string pull = d.GetProperty("pull").GetString()!;
                string expected = (d.GetProperty("pullGap").ValueKind, d.GetProperty("pullChange").ValueKind) switch
                {
                    (not JsonValueKind.Null, _) => $"({d.GetProperty("pullGap").GetString()} points of the gap; pull {pull})",
                    (_, not JsonValueKind.Null) => $"(pull {d.GetProperty("pullChange").GetString()} points since {d.GetProperty("changeSince").GetString()}; now {pull})",
                    _ => $"({pull} points)",
                };
                if (d.GetProperty("pullGap").ValueKind != JsonValueKind.Null) withGap++;
                Assert.Contains(d.GetProperty("cell").GetString() + " ", text, StringComparison.Ordinal);
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }
        }
        Assert.True(withGap > 0, "no province or key industry behind its parent among the warnings: the gap's wording is not exercised");
        await page.Locator("#lang-zh").ClickAsync();
        var slowing = warnings.First(w => w.GetProperty("drivers").EnumerateArray().Any(d => d.GetProperty("pullGap").ValueKind != JsonValueKind.Null));
        var first = slowing.GetProperty("drivers")[0];
        Assert.Contains($"占差距{first.GetProperty("pullGap").GetString()}点，拉动{first.GetProperty("pull").GetString()}点",
            await page.GetByTestId("warning-" + slowing.GetProperty("ruleId").GetString() + "-" + slowing.GetProperty("cell").GetString()).InnerTextAsync(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drilldown_TotalToSectionToDivisions_ShowsTheBreakdownsFigures()
    {
        var page = await OpenDashboard("en-US");
        await page.GetByTestId("headline-total-ALL").ClickAsync();
        await page.GetByTestId("drill-row-section-C").WaitForAsync();
        Assert.Equal("section", await page.Locator("#drill-panel").GetAttributeAsync("data-by"));
        await page.GetByTestId("drill-row-section-C").ClickAsync();
        await page.Locator("#drill-panel[data-breakdown=section][data-cell=C]").WaitForAsync();
        var manufacturing = server.Rows.Where(r => r.Breakdown == "division" && Classification.Default.DivisionByCode[r.Cell].Section == 'C')
            .Select(r => r.Cell).Distinct().ToList();
        var rows = page.Locator("#drill-table tbody tr[data-testid^='drill-row-division-']");
        Assert.Equal(manufacturing.Count, await rows.CountAsync());
        foreach (var division in manufacturing.Take(5))
        {
            var stored = server.Row("division", division, "va_yoy_month");
            var shown = await page.GetByTestId("drill-row-division-" + division).Locator("[data-measure=va_yoy_month]").InnerTextAsync();
            Assert.Equal(stored.Flag == "C" ? "C" : DashboardServer.Rounded(stored.Value!.Value), shown);
        }
        await Screenshot(page, "dashboard-drilldown");
        // The language switch redraws the open breakdown in Chinese.
        await page.Locator("#lang-zh").ClickAsync();
        Assert.Contains("制造业", await page.Locator("#drill-title").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInNationalAnalyst_DrillsFromADivisionToItsEnterprises_AnonymousSeesNoLink()
    {
        const string user = "national-browser";
        using (var store = Ballast.Core.Storage.StoreFactory.Open(server.StorePath))
            if (store.FindAccount(user) is null)
                store.AddAccount(new Ballast.Core.Accounts.Account(user, Ballast.Core.Accounts.Role.NationalAnalyst, "",
                    Ballast.Web.Access.Passwords.Hash(WebAccounts.Password), DateTimeOffset.UtcNow));
        // The division with the most enterprises in the release.
        var division = server.Rows.Where(r => r.Breakdown == "division" && r.Measure == "enterprises")
            .OrderByDescending(r => r.Value ?? 0).ThenBy(r => r.Cell, StringComparer.Ordinal).First().Cell;

        // Anonymous: the breakdown by division, and no way to the enterprises.
        var anonymous = await OpenDashboard("en-US");
        await anonymous.GetByTestId("headline-total-ALL").ClickAsync();
        await anonymous.Locator("#drill-by button", new PageLocatorOptions { HasTextString = "Division" }).First.ClickAsync();
        await anonymous.GetByTestId("drill-row-division-" + division).WaitForAsync();
        Assert.Equal(0, await anonymous.Locator("[data-testid^='enterprises-link-']").CountAsync());

        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "en-US", ViewportSize = new ViewportSize { Width = 1400, Height = 1600 }, BaseURL = server.BaseUrl.ToString(),
        });
        var signIn = await context.APIRequest.PostAsync("/api/session/", new APIRequestContextOptions { DataObject = new { userName = user, password = WebAccounts.Password } });
        Assert.Equal(200, signIn.Status);
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type == "error") log.WriteLine("browser console error: " + m.Text); };
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("() => window.ballast && window.ballast.ready === true", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await page.GetByTestId("headline-total-ALL").ClickAsync();
        await page.Locator("#drill-by button", new PageLocatorOptions { HasTextString = "Division" }).First.ClickAsync();
        await page.GetByTestId("enterprises-link-division-" + division).ClickAsync();
        await page.Locator($"#enterprise-panel[data-breakdown=division][data-cell='{division}']").WaitForAsync();

        // The page shows the API's list for this user, in its order, with its one-decimal figures.
        var api = await context.APIRequest.GetAsync($"/api/dashboard/enterprises?breakdown=division&cell={division}&period={server.Release.Period}");
        Assert.Equal(200, api.Status);
        var lines = JsonDocument.Parse(await api.TextAsync()).RootElement.GetProperty("enterprises").EnumerateArray().ToList();
        var rows = page.Locator("#enterprise-table tbody tr");
        Assert.Equal(lines.Count, await rows.CountAsync());
        using (var store = Ballast.Core.Storage.StoreFactory.Open(server.StorePath))
            Assert.Equal(store.Enterprises().Count(e => e.Division == division), lines.Count);
        for (int i = 0; i < Math.Min(5, lines.Count); i++)
        {
            var row = rows.Nth(i);
            Assert.Equal("enterprise-row-" + lines[i].GetProperty("creditCode").GetString(), await row.GetAttributeAsync("data-testid"));
            Assert.Equal(lines[i].GetProperty("pullDisplay").GetString(), await row.Locator("[data-field=pull]").InnerTextAsync());
            var pull = lines[i].GetProperty("pull");
            if (pull.ValueKind == JsonValueKind.Number) Assert.Equal(DashboardServer.Rounded(pull.GetDouble()), lines[i].GetProperty("pullDisplay").GetString());
        }
        await Screenshot(page, "dashboard-enterprises-national");
    }

    [Fact]
    public async Task BulletinPdf_HeadlineFiguresReadBack_EqualTheStoredRelease()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMinutes(3) };
        using var response = await http.GetAsync(new Uri($"bulletin/{server.Release.Period}.pdf", UriKind.Relative));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var dir = Path.Combine(RepoPaths.Root(), "artifacts", "browser");
        Directory.CreateDirectory(dir);
        var pdf = Path.Combine(dir, $"bulletin-{server.Release.Period}.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        log.WriteLine("Bulletin PDF: " + pdf);

        var text = PdfText(pdf);
        // Table 1 of the bulletin: a line per cell with its month and year-to-date growth.
        foreach (var (breakdown, cell, label) in new[] { ("total", "ALL", "规模以上工业"), ("hightech", "ALL", "高技术制造业"), ("equipment", "ALL", "装备制造业"), ("size", "sme", "中小微企业") })
        {
            var match = Regex.Match(text, "^\\s*" + label + "\\s+(-?\\d+\\.\\d)\\s+(-?\\d+\\.\\d)\\s*$", RegexOptions.Multiline);
            Assert.True(match.Success, $"no line for {label} in the PDF's text:\n{text}");
            Assert.Equal(DashboardServer.Rounded(server.Row(breakdown, cell, "va_yoy_month").Value!.Value), match.Groups[1].Value);
            Assert.Equal(DashboardServer.Rounded(server.Row(breakdown, cell, "va_yoy_ytd").Value!.Value), match.Groups[2].Value);
        }
        // The headline sentence, in Chinese, with the month's growth.
        var month = int.Parse(server.Release.Period[5..], CultureInfo.InvariantCulture);
        Assert.Contains($"{month}月份规模以上工业增加值增长{DashboardServer.Rounded(server.Row("total", "ALL", "va_yoy_month").Value!.Value)}%", text, StringComparison.Ordinal);
    }

    private static string PdfText(string pdf)
    {
        Assert.True(File.Exists("/usr/bin/pdftotext"), "pdftotext is not installed: run scripts/test.sh (Debian package poppler-utils)");
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"])
        {
            RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
