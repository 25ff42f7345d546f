using System.Net;
using System.Text.Json;
using Ballast.Core.Classifications;

namespace Ballast.Tests.Web.Dashboard;

[Collection(DashboardCollection.Name)]
public class DashboardApiTests(DashboardServer server)
{
    private async Task<JsonElement> Get(string path)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static IEnumerable<JsonElement> FiguresIn(JsonElement element)
    {
        // Every object that carries a measure, a value and a flag, wherever it sits in the answer.
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("measure", out _) && element.TryGetProperty("flag", out _) && element.TryGetProperty("value", out _))
                yield return element;
            foreach (var p in element.EnumerateObject())
                foreach (var f in FiguresIn(p.Value)) yield return f;
        }
        else if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray())
                foreach (var f in FiguresIn(item)) yield return f;
    }

    [Fact]
    public async Task Summary_HeadlineFigures_AreTheStoredReleasesRounded()
    {
        var summary = await Get("api/dashboard/");
        Assert.Equal(server.Release.Period, summary.GetProperty("period").GetString());
        Assert.Equal(server.Release.Id, summary.GetProperty("releaseId").GetInt64());
        var headline = summary.GetProperty("headline").EnumerateArray().ToList();
        Assert.Equal(["total|ALL", "hightech|ALL", "equipment|ALL", "size|sme"],
            headline.Select(h => h.GetProperty("breakdown").GetString() + "|" + h.GetProperty("cell").GetString()));
        foreach (var h in headline)
        {
            string b = h.GetProperty("breakdown").GetString()!, c = h.GetProperty("cell").GetString()!;
            foreach (var (json, measure) in new[] { ("month", "va_yoy_month"), ("yearToDate", "va_yoy_ytd") })
            {
                var stored = server.Row(b, c, measure);
                Assert.Equal("", stored.Flag); // the demo's headline cells are published
                Assert.Equal(DashboardServer.Rounded(stored.Value!.Value), h.GetProperty(json).GetProperty("display").GetString());
            }
        }
        Assert.Equal("规模以上工业", headline[0].GetProperty("name").GetProperty("zh").GetString());
        Assert.Equal("Industry above designated size", headline[0].GetProperty("name").GetProperty("en").GetString());
    }

    [Fact]
    public async Task Summary_AdjustedFigures_AreTheReleasesStoredVintageRounded()
    {
        var summary = await Get("api/dashboard/");
        var vintage = server.Adjusted;
        StoredSaRowValue(out var byKey);
        // The headline: each cell's va_sa_mom of the release month, from the vintage stored with the release.
        foreach (var h in summary.GetProperty("headline").EnumerateArray())
        {
            string b = h.GetProperty("breakdown").GetString()!, c = h.GetProperty("cell").GetString()!;
            var shown = h.GetProperty("adjusted");
            if (!byKey.TryGetValue((b, c, server.Release.Period), out var row))
            {
                Assert.Equal(("size", JsonValueKind.Null), (b, shown.ValueKind)); // sizes are not adjusted
                continue;
            }
            Assert.Equal("va_sa_mom", shown.GetProperty("measure").GetString());
            Assert.Equal(row.Flag == "C" ? "C" : DashboardServer.Rounded(row.Value!.Value), shown.GetProperty("display").GetString());
        }
        // The trend: a va_sa_mom line of the whole industry over the trend's months, and which vintage it is.
        var trend = summary.GetProperty("trend");
        Assert.Equal(vintage.Header.Id, trend.GetProperty("adjustedVintage").GetInt64());
        var months = trend.GetProperty("months").EnumerateArray().Select(m => m.GetString()!).ToList();
        var line = Assert.Single(trend.GetProperty("series").EnumerateArray(), s => s.GetProperty("measure").GetString() == "va_sa_mom");
        Assert.Equal(("total", "ALL"), (line.GetProperty("breakdown").GetString(), line.GetProperty("cell").GetString()));
        var points = line.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(months.Count, points.Count);
        for (int i = 0; i < months.Count; i++)
        {
            var row = byKey[("total", "ALL", months[i])];
            Assert.Equal(row.Value!.Value, points[i].GetProperty("value").GetDouble(), 12);
        }

        void StoredSaRowValue(out Dictionary<(string, string, string), Ballast.Core.Releases.StoredSaRow> rows)
        {
            using var store = Ballast.Core.Storage.StoreFactory.Open(server.StorePath);
            rows = store.SaVintageRows(vintage.Header.Id).ToDictionary(r => (r.Breakdown, r.Cell, r.Period));
        }
    }

    [Fact]
    public async Task Summary_DivisionsAreRankedByPull_AndProvincesAreTheReleases()
    {
        var summary = await Get("api/dashboard/");
        var pulls = summary.GetProperty("divisions").EnumerateArray()
            .Select(d => d.GetProperty("figures").EnumerateArray().First(f => f.GetProperty("measure").GetString() == "va_pull_month"))
            .Where(f => f.GetProperty("value").ValueKind == JsonValueKind.Number).Select(f => f.GetProperty("value").GetDouble()).ToList();
        Assert.True(pulls.Count > 10);
        Assert.Equal(pulls.OrderByDescending(p => p), pulls);
        var provinces = summary.GetProperty("provinces").EnumerateArray().Select(p => p.GetProperty("cell").GetString()).ToList();
        var stored = server.Rows.Where(r => r.Breakdown == "province").Select(r => r.Cell).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(stored, provinces);
        Assert.Equal(31, provinces.Count); // this demo size reaches every province, Tibet included
        Assert.True(summary.GetProperty("trend").GetProperty("months").GetArrayLength() >= 2);
        Assert.Equal(server.Release.Period, summary.GetProperty("trend").GetProperty("months").EnumerateArray().Last().GetString());
    }

    [Fact]
    public async Task NoAnswer_CarriesTheValueOfAConfidentialFigure()
    {
        var confidential = server.Rows.Where(r => r.Flag == "C").ToList();
        Assert.NotEmpty(confidential); // the demo has confidential cells, so the test means something
        var answers = new List<JsonElement> { await Get("api/dashboard/") };
        foreach (var p in new[] { "32", "54", "11" }) answers.Add(await Get($"api/dashboard/drill?breakdown=province&cell={p}"));
        answers.Add(await Get("api/dashboard/drill?breakdown=total&cell=ALL&by=division"));
        var seen = 0;
        foreach (var answer in answers)
            foreach (var figure in FiguresIn(answer))
            {
                if (figure.GetProperty("flag").GetString() != "C") continue;
                seen++;
                Assert.Equal(JsonValueKind.Null, figure.GetProperty("value").ValueKind);
                Assert.Equal("C", figure.GetProperty("display").GetString());
            }
        Assert.True(seen > 0, "the answers showed no confidential figure at all");
        // And the flags agree with the stored release: a drill row's C figure is a stored C figure.
        var drill = await Get("api/dashboard/drill?breakdown=province&cell=54");
        foreach (var child in drill.GetProperty("children").EnumerateArray())
            foreach (var f in child.GetProperty("figures").EnumerateArray())
                Assert.Equal(server.Row("province_division", child.GetProperty("cell").GetString()!, f.GetProperty("measure").GetString()!).Flag,
                    f.GetProperty("flag").GetString());
    }

    [Fact]
    public async Task Summary_Warnings_AreTheBuiltInRulesOnThePublishedView_WithNamedDrivers()
    {
        var summary = await Get("api/dashboard/");
        var warnings = summary.GetProperty("warnings").EnumerateArray().ToList();
        using var store = Ballast.Core.Storage.StoreFactory.Open(server.StorePath);
        var expected = Ballast.Core.Monitoring.WarningService.Evaluate(Ballast.Core.Releases.ReleaseService.LoadPopulation(store),
            Ballast.Statistics.Periods.YearMonth.Parse(server.Release.Period), Ballast.Core.Monitoring.WarningRules.LoadBuiltIn());
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(a => (a.RuleId, a.Breakdown, a.Cell)),
            warnings.Select(w => (w.GetProperty("ruleId").GetString()!, w.GetProperty("breakdown").GetString()!, w.GetProperty("cell").GetString()!)));
        // The leading drivers of each alert, in the evaluator's order, at most DriversShown of them.
        Assert.Equal(expected.Select(a => string.Join(",", a.Drivers.Take(Ballast.Web.Dashboard.DashboardEndpoints.DriversShown).Select(d => d.Breakdown + "/" + d.Cell))),
            warnings.Select(w => string.Join(",", w.GetProperty("drivers").EnumerateArray().Select(d => d.GetProperty("breakdown").GetString() + "/" + d.GetProperty("cell").GetString()))));
        Assert.Contains(expected, a => a.Drivers.Count > Ballast.Web.Dashboard.DashboardEndpoints.DriversShown); // the cut is exercised
        // A province behind the nation carries each driver's pull less the national pull (one decimal); others none.
        foreach (var (alert, shown) in expected.Zip(warnings))
            foreach (var (driver, json) in alert.Drivers.Zip(shown.GetProperty("drivers").EnumerateArray()))
            {
                var gap = json.GetProperty("pullGap");
                if (driver.PullGap is { } g)
                    Assert.Equal(Ballast.Web.Dashboard.Figures.OneDecimal(g), gap.GetString());
                else Assert.Equal(System.Text.Json.JsonValueKind.Null, gap.ValueKind);
                var change = json.GetProperty("pullChange");
                if (driver.PullChange is { } c)
                {
                    Assert.Equal(Ballast.Web.Dashboard.Figures.OneDecimal(c), change.GetString());
                    Assert.Equal(driver.ChangeSince!.Value.ToString(), json.GetProperty("changeSince").GetString());
                }
                else Assert.Equal(System.Text.Json.JsonValueKind.Null, change.ValueKind);
            }
        foreach (var w in warnings)
        {
            // A confidential cell is never alerted on the published view, nor named as a driver.
            var cell = (w.GetProperty("breakdown").GetString()!, w.GetProperty("cell").GetString()!);
            Assert.All(server.Rows.Where(r => (r.Breakdown, r.Cell) == cell), r => Assert.NotEqual("C", r.Flag));
            foreach (var d in w.GetProperty("drivers").EnumerateArray())
            {
                Assert.All(server.Rows.Where(r => r.Breakdown == d.GetProperty("breakdown").GetString() && r.Cell == d.GetProperty("cell").GetString()),
                    r => Assert.NotEqual("C", r.Flag));
                Assert.False(string.IsNullOrEmpty(d.GetProperty("name").GetProperty("zh").GetString()));
            }
            Assert.Matches("^(红色预警|黄色预警|关注)：", w.GetProperty("message").GetProperty("zh").GetString()!);
        }
    }

    [Fact]
    public async Task Drill_ProvinceOpensIntoItsDivisions_SectionIntoItsOwn()
    {
        var drill = await Get("api/dashboard/drill?breakdown=province&cell=32");
        Assert.Equal("division", drill.GetProperty("by").GetString());
        Assert.Equal("江苏省", drill.GetProperty("parent").GetProperty("name").GetProperty("zh").GetString());
        var children = drill.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("cell").GetString()).ToList();
        var expected = server.Rows.Where(r => r.Breakdown == "province_division" && r.Parent == "32").Select(r => r.Cell).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expected, children);

        var section = await Get("api/dashboard/drill?breakdown=section&cell=B");
        var divisions = section.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("cell").GetString()!).ToList();
        Assert.NotEmpty(divisions);
        Assert.All(divisions, d => Assert.Equal('B', Classification.Default.DivisionByCode[d].Section));

        var sme = await Get("api/dashboard/drill?breakdown=size&cell=sme");
        Assert.Equal(["medium", "micro", "small"], sme.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("cell").GetString()));
    }

    [Theory]
    [InlineData("api/dashboard/?period=2025-13", HttpStatusCode.BadRequest, "\\\"2025-13\\\" is not a month")]
    [InlineData("api/dashboard/?period=2019-05", HttpStatusCode.NotFound, "No release of 2019-05 is stored")]
    [InlineData("api/dashboard/drill?breakdown=province&cell=99", HttpStatusCode.NotFound, "has no cell province/99")]
    [InlineData("api/dashboard/drill?breakdown=hightech&cell=ALL", HttpStatusCode.BadRequest, "hightech/ALL does not break down")]
    [InlineData("api/dashboard/drill?breakdown=province&cell=32&by=size", HttpStatusCode.BadRequest, "it opens by: division")]
    public async Task BadRequests_SayWhatIsWrong(string path, HttpStatusCode status, string message)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulletin_TablesShowTheStoredFigures_AndConfidentialCellsOnlyAsC()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var html = await http.GetStringAsync(new Uri("bulletin/" + server.Release.Period, UriKind.Relative));
        var total = server.Row("total", "ALL", "va_yoy_month");
        Assert.Contains($"{server.Release.Period[..4]}年{int.Parse(server.Release.Period[5..], System.Globalization.CultureInfo.InvariantCulture)}月份规模以上工业增加值增长{DashboardServer.Rounded(total.Value!.Value)}%", html, StringComparison.Ordinal);
        // Each division row: code and name, then month, YTD and pull, each the stored figure rounded or its flag.
        foreach (var division in server.Rows.Where(r => r.Breakdown == "division").Select(r => r.Cell).Distinct())
        {
            var name = Classification.Default.DivisionByCode[division].NameZh;
            string Cell(string m) { var r = server.Row("division", division, m); return r.Flag == "C" ? "C" : r.Value is { } v ? DashboardServer.Rounded(v) : r.Flag; }
            Assert.Contains($"<tr><th scope=\"row\">{division} {System.Net.WebUtility.HtmlEncode(name)}</th><td>{Cell("va_yoy_month")}</td><td>{Cell("va_yoy_ytd")}</td><td>{Cell("va_pull_month")}</td></tr>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bulletin_InEnglish_HasTheHeadlineSentenceAndTheFourTables()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var html = await http.GetStringAsync(new Uri($"bulletin/{server.Release.Period}?lang=en", UriKind.Relative));
        var month = server.Row("total", "ALL", "va_yoy_month").Value!.Value;
        var monthName = System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(int.Parse(server.Release.Period[5..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains($"Industrial value added {(month < 0 ? "fell" : "grew")} {DashboardServer.Rounded(Math.Abs(month))} % in {monthName} {server.Release.Period[..4]}", html, StringComparison.Ordinal);
        foreach (var table in new[] { "table-main", "table-divisions", "table-provinces", "table-products" })
            Assert.Contains($"<table id=\"{table}\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-trend\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-pulls\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_ListsThe34Units_AndServesTheBundledFile()
    {
        var map = await Get("api/dashboard/map");
        Assert.False(map.GetProperty("approved").GetBoolean());
        var units = map.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(34, units.Count);
        Assert.Equal(31, units.Count(u => u.GetProperty("hasData").GetBoolean()));
        var geo = await Get(map.GetProperty("geoJsonUrl").GetString()!.TrimStart('/'));
        Assert.Equal(34, geo.GetProperty("features").GetArrayLength());
    }
}
