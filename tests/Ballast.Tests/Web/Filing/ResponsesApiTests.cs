using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballast.Core.Accounts;

namespace Ballast.Tests.Web.Filing;

public class ResponsesApiTests
{
    // Reports of 2026-01 are due by the end of 2026-02-10 in Beijing: 2026-02-10T24:00+08:00 = 2026-02-10T16:00Z.
    private static readonly DateTimeOffset Deadline = new(2026, 2, 10, 16, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AfterDeadline = new(2026, 2, 20, 2, 0, 0, TimeSpan.Zero);

    private static FilingWebFactory Seeded(DateTimeOffset now)
    {
        var factory = new FilingWebFactory(now);
        factory.SeedPopulation();
        return factory;
    }

    private static string Code(int i) => FilingWebFactory.Code(i);

    private static (string, int, int)[] Rates(JsonElement rows) =>
        [.. rows.EnumerateArray().Select(r => (r.GetProperty("code").GetString()!, r.GetProperty("expected").GetInt32(), r.GetProperty("filed").GetInt32()))];

    private static string[] NonFilers(JsonElement view) =>
        [.. view.GetProperty("nonFilers").EnumerateArray().Select(n => n.GetProperty("creditCode").GetString()!)];

    [Fact]
    public async Task NationalAnalyst_SmallPopulation_RatesByProvinceAndDivisionAsHandCounted()
    {
        using var factory = Seeded(AfterDeadline);
        using var national = factory.TokenClient("national", Role.NationalAnalyst);
        var view = await national.GetFromJsonAsync<JsonElement>("/api/responses?period=2026-01");
        var total = view.GetProperty("total");
        Assert.Equal((5, 2), (total.GetProperty("expected").GetInt32(), total.GetProperty("filed").GetInt32()));
        Assert.Equal(0.4, total.GetProperty("rate").GetDouble(), 12); // 2 / 5
        Assert.Equal([("11", 2, 1), ("44", 3, 1)], Rates(view.GetProperty("byProvince")));
        Assert.Equal([("13", 2, 0), ("33", 3, 2)], Rates(view.GetProperty("byDivision")));
        Assert.Equal("广东省", view.GetProperty("byProvince")[1].GetProperty("nameZh").GetString());
        Assert.Equal([Code(2), Code(3), Code(7)], NonFilers(view));
        Assert.Equal(3, view.GetProperty("nonFilerCount").GetInt32());
        Assert.Equal("2025-10", view.GetProperty("nonFilers")[2].GetProperty("latestFiled").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("nonFilers")[1].GetProperty("latestFiled").ValueKind); // A3 never filed
    }

    [Fact]
    public async Task ProvincialAnalyst_SeesOnlyItsProvince_AnotherProvinceIs403AndAudited()
    {
        using var factory = Seeded(AfterDeadline);
        using var guangdong = factory.TokenClient("prov-44", Role.ProvincialAnalyst, "44");
        var view = await guangdong.GetFromJsonAsync<JsonElement>("/api/responses?period=2026-01");
        Assert.Equal("44", view.GetProperty("province").GetString());
        Assert.Equal([("44", 3, 1)], Rates(view.GetProperty("byProvince")));
        Assert.Equal([("13", 1, 0), ("33", 2, 1)], Rates(view.GetProperty("byDivision"))); // A3 | A1, A2
        Assert.Equal([Code(2), Code(3)], NonFilers(view));

        using var other = await guangdong.GetAsync("/api/responses?period=2026-01&province=11");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains(factory.Store.AuditLog(AuditActions.Refused), e => e.Detail.Contains("province 11", StringComparison.Ordinal));

        using var enterprise = factory.TokenClient("firm", Role.Enterprise, Code(2));
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/responses?period=2026-01")).StatusCode);
    }

    [Fact]
    public async Task Deadline_InjectedClock_NonFilersAreLateOnlyFromTheDeadlineAndRemindersWaitForIt()
    {
        using var factory = Seeded(Deadline.AddSeconds(-1));
        using var national = factory.TokenClient("national", Role.NationalAnalyst);
        var before = await national.GetFromJsonAsync<JsonElement>("/api/responses?period=2026-01");
        Assert.False(before.GetProperty("pastDeadline").GetBoolean());
        Assert.Equal(Deadline, before.GetProperty("deadline").GetDateTimeOffset());
        using var early = await national.PostAsJsonAsync("/api/responses/2026-01/reminders", new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("has not passed", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(factory.Store.Reminders(null, null));

        factory.Clock.Now = Deadline;
        var after = await national.GetFromJsonAsync<JsonElement>("/api/responses?period=2026-01");
        Assert.True(after.GetProperty("pastDeadline").GetBoolean());
        using var sent = await national.PostAsJsonAsync("/api/responses/2026-01/reminders", new { });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal([Code(2), Code(3), Code(7)], factory.Store.Reminders(null, FilingWebFactory.Period).Select(r => r.CreditCode).Order(StringComparer.Ordinal));
        Assert.All(factory.Store.Reminders(null, null), r => Assert.Equal((Deadline, "national"), (r.SentAt, r.SentBy)));
    }

    [Fact]
    public async Task DefaultPeriod_IsThePreviousMonthInBeijing()
    {
        // 2026-01-31T16:30Z is 2026-02-01 00:30 in Beijing: February has begun there, so January is due.
        using var factory = Seeded(new DateTimeOffset(2026, 1, 31, 16, 30, 0, TimeSpan.Zero));
        using var national = factory.TokenClient("national", Role.NationalAnalyst);
        var view = await national.GetFromJsonAsync<JsonElement>("/api/responses");
        Assert.Equal("2026-01", view.GetProperty("period").GetString());
    }

    [Fact]
    public async Task Reminders_ProvinceCannotRemindAnotherProvincesEnterprise_NothingStored()
    {
        using var factory = Seeded(AfterDeadline);
        using var guangdong = factory.TokenClient("prov-44", Role.ProvincialAnalyst, "44");
        using var refused = await guangdong.PostAsJsonAsync("/api/responses/2026-01/reminders", new { creditCodes = new[] { Code(2), Code(7) } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(Code(7), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(factory.Store.Reminders(null, null)); // all or nothing: Code(2) was not reminded either
        Assert.Contains(factory.Store.AuditLog(AuditActions.Refused), e => e.Detail.Contains(Code(7), StringComparison.Ordinal));

        using var filed = await guangdong.PostAsJsonAsync("/api/responses/2026-01/reminders", new { creditCodes = new[] { Code(1) } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, filed.StatusCode); // A1 has filed
        Assert.Contains("has filed", await filed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var all = await guangdong.PostAsJsonAsync("/api/responses/2026-01/reminders", new { });
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var stored = factory.Store.Reminders(null, null);
        Assert.Equal([Code(2), Code(3)], stored.Select(r => r.CreditCode).Order(StringComparer.Ordinal)); // only its province's non-filers
        Assert.All(stored, r => Assert.Equal("prov-44", r.SentBy));

        var list = await guangdong.GetFromJsonAsync<JsonElement>("/api/responses/2026-01/reminders");
        Assert.Equal(2, list.GetArrayLength());
        var view = await guangdong.GetFromJsonAsync<JsonElement>("/api/responses?period=2026-01");
        Assert.All(view.GetProperty("nonFilers").EnumerateArray(), n => Assert.Equal(1, n.GetProperty("remindersSent").GetInt32()));
    }

    [Fact]
    public async Task Reminders_EnterpriseSeesOnlyItsOwn_OnItsFilingPage()
    {
        using var factory = Seeded(AfterDeadline);
        using var national = factory.TokenClient("national", Role.NationalAnalyst);
        Assert.Equal(HttpStatusCode.OK, (await national.PostAsJsonAsync("/api/responses/2026-01/reminders", new { creditCodes = new[] { Code(2), Code(7) } })).StatusCode);

        using var a2 = factory.TokenClient("a2", Role.Enterprise, Code(2));
        using var a3 = factory.TokenClient("a3", Role.Enterprise, Code(3));
        var mine = await a2.GetFromJsonAsync<JsonElement>("/api/filing/reminders");
        Assert.Equal(1, mine.GetArrayLength());
        Assert.Equal(("2026-01", "national"), (mine[0].GetProperty("period").GetString(), mine[0].GetProperty("sentBy").GetString()));
        Assert.Equal(0, (await a3.GetFromJsonAsync<JsonElement>("/api/filing/reminders")).GetArrayLength());

        var page = await a2.GetFromJsonAsync<JsonElement>("/api/filing");
        Assert.Equal(Code(2), page.GetProperty("creditCode").GetString());
        Assert.Equal("2026-01", page.GetProperty("periodDue").GetString()); // 2026-02-20 in Beijing
        Assert.False(page.GetProperty("filed").GetBoolean());
        Assert.Single(page.GetProperty("reminders").EnumerateArray());
        Assert.Single(page.GetProperty("reports").EnumerateArray()); // its 2025-12 report

        Assert.Equal(HttpStatusCode.Forbidden, (await national.GetAsync("/api/filing/reminders")).StatusCode); // enterprises only
    }

    [Fact]
    public async Task FiledReportWithNegativeOutput_ProblemHasSpecificCodeAndChineseSentence()
    {
        using var factory = Seeded(AfterDeadline);
        using var a2 = factory.TokenClient("a2", Role.Enterprise, Code(2));
        var report = new Dictionary<string, string>
        {
            ["period"] = "2026-01", ["output_value"] = "-5", ["sales_value"] = "1100", ["export_value"] = "100", ["revenue"] = "1150",
            ["profit"] = "35.5", ["rd_expense"] = "12", ["energy_tce"] = "640", ["water_m3"] = "15000", ["receivables"] = "3200",
            ["overdue_receivables"] = "400", ["employees"] = "118",
        };
        using var filed = await a2.PostAsJsonAsync($"/api/reports/{Code(2)}", report);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, filed.StatusCode);
        var errors = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        using var texts = await a2.PostAsJsonAsync("/api/filing/messages", errors);
        var problem = Assert.Single((await texts.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal("output_value", problem.GetProperty("field").GetString());
        Assert.Equal("E_NEGATIVE", problem.GetProperty("code").GetString());
        Assert.Contains("is negative", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("“-5”为负数；工业总产值必须大于或等于 0", problem.GetProperty("messageZh").GetString());

        var view = await factory.TokenClient("national", Role.NationalAnalyst).GetFromJsonAsync<JsonElement>("/api/responses?period=2026-01");
        Assert.Equal(2, view.GetProperty("total").GetProperty("filed").GetInt32()); // the refused report was not stored
        report["output_value"] = "1250";
        Assert.Equal(HttpStatusCode.Created, (await a2.PostAsJsonAsync($"/api/reports/{Code(2)}", report)).StatusCode);
        view = await factory.TokenClient("national2", Role.NationalAnalyst).GetFromJsonAsync<JsonElement>("/api/responses?period=2026-01");
        Assert.Equal(3, view.GetProperty("total").GetProperty("filed").GetInt32()); // 3 of 5
        Assert.Equal([Code(3), Code(7)], NonFilers(view));
    }

    [Fact]
    public async Task Pages_ServedToAnyone_SignInFilingResponses()
    {
        using var factory = new FilingWebFactory(AfterDeadline);
        using var client = factory.CreateClient();
        foreach (var (path, marker) in new[] { ("/signin", "signin-form"), ("/filing", "report-form"), ("/responses", "non-filers"), ("/filing/assets/common.js", "X-XSRF-TOKEN") })
        {
            using var r = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains(marker, await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/filing/assets/nothing.js")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/filing")).StatusCode); // the data is not public
    }
}
