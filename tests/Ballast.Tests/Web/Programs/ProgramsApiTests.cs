using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballast.Core.Accounts;
using Ballast.Core.Programs;
using Ballast.Tests.Programs;

namespace Ballast.Tests.Web.Programs;

/// <summary>
/// The programs through the API, on the world of the programs tests (two enterprises in Beijing, one in Shanghai,
/// all meeting the little-giant criteria) and a clock the test moves.
/// </summary>
public sealed class ProgramsApiTests : IDisposable
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, China));
    private readonly BallastWebFactory _factory;
    private readonly HttpClient _firm1, _firm2, _beijing, _shanghai, _ministry;

    public ProgramsApiTests()
    {
        _factory = new BallastWebFactory(_clock);
        ProgramWorld.Seed(_factory.Store(), _clock.Now);
        _firm1 = _factory.TokenClient("zhang", Role.Enterprise, ProgramWorld.Beijing1);
        _firm2 = _factory.TokenClient("zhao", Role.Enterprise, ProgramWorld.Beijing2);
        _beijing = _factory.TokenClient("li", Role.ProvincialAnalyst, "11");
        _shanghai = _factory.TokenClient("chen", Role.ProvincialAnalyst, "31");
        _ministry = _factory.TokenClient("wu", Role.NationalAnalyst);
    }

    public void Dispose()
    {
        foreach (var c in new[] { _firm1, _firm2, _beijing, _shanghai, _ministry }) c.Dispose();
        _factory.Dispose();
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> Post(HttpClient client, string url, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.PostAsJsonAsync(url, body ?? new { });
        return await Json(response, expected);
    }

    private static async Task<JsonElement> Get(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        return await Json(response, expected);
    }

    /// <summary>The LITTLE_GIANT holdings on a date (the Shanghai firm's register tier SRI_SME is left aside).</summary>
    private static async Task<List<JsonElement>> LittleGiants(HttpClient client, string date) =>
        [.. (await Get(client, "/api/programs/registry/holdings?date=" + date)).EnumerateArray().Where(h => h.GetProperty("tier").GetString() == "LITTLE_GIANT")];

    private static string State(JsonElement application) => application.GetProperty("state").GetString()!;

    private async Task<long> ApplyForLittleGiant()
    {
        var applied = await Post(_firm1, "/api/programs/applications", new { tier = "LITTLE_GIANT", creditCode = ProgramWorld.Beijing1 }, HttpStatusCode.Created);
        return applied.GetProperty("application").GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task WholeLifecycle_ThroughTheApi_EveryStepInTheAuditTrail()
    {
        // Pre-check on 2026-03-10: the 2025 reports (revenue 12,000 × 1.06^5, R&D 4 %) and the profile meet every criterion.
        var check = await Post(_firm1, "/api/programs/precheck", new { tier = "LITTLE_GIANT", creditCode = ProgramWorld.Beijing1 });
        Assert.True(check.GetProperty("passed").GetBoolean());
        Assert.Equal("LITTLE_GIANT", check.GetProperty("tier").GetString());
        Assert.True(check.GetProperty("criteria").GetProperty("parts").GetArrayLength() > 0); // every criterion explained

        var applied = await Post(_firm1, "/api/programs/applications", new { tier = "LITTLE_GIANT", creditCode = ProgramWorld.Beijing1 }, HttpStatusCode.Created);
        var application = applied.GetProperty("application");
        long id = application.GetProperty("id").GetInt64();
        Assert.Equal("Submitted", State(application));
        Assert.Equal("11", application.GetProperty("province").GetString());
        Assert.True(applied.GetProperty("check").GetProperty("passed").GetBoolean());

        Assert.Equal("ProvinceApproved", State(await Post(_beijing, $"/api/programs/applications/{id}/approve", new { note = "meets all six dimensions" })));
        Assert.Empty(await LittleGiants(_ministry, "2026-12-31")); // not certified before the ministry approves

        _clock.Now = _clock.Now.AddDays(20); // 2026-03-30 09:00 in Beijing
        var certified = await Post(_ministry, $"/api/programs/applications/{id}/approve", null);
        Assert.Equal("Certified", State(certified));
        Assert.Equal("2026-03-30", certified.GetProperty("certifiedFrom").GetString());
        Assert.Equal("2029-03-30", certified.GetProperty("validUntil").GetString()); // 3 years of validity

        // The registry: held from the certification date, not the day before; counted in Beijing, division 34.
        var held = Assert.Single((await Get(_firm1, "/api/programs/registry/holdings?date=2027-01-01")).EnumerateArray());
        Assert.Equal(("LITTLE_GIANT", ProgramWorld.Beijing1), (held.GetProperty("tier").GetString(), held.GetProperty("creditCode").GetString()));
        Assert.Empty(await LittleGiants(_firm1, "2026-03-29"));
        var counts = (await Get(_firm2, "/api/programs/registry/counts?date=2027-01-01")).EnumerateArray()
            .Where(c => c.GetProperty("tier").GetString() == "LITTLE_GIANT").ToList();
        var count = Assert.Single(counts);
        Assert.Equal(("11", "34", 1), (count.GetProperty("province").GetString(), count.GetProperty("division").GetString(), count.GetProperty("enterprises").GetInt32()));

        // The day before the end of validity nothing expires.
        _clock.Now = new DateTimeOffset(2029, 3, 29, 12, 0, 0, China);
        Assert.Empty((await Post(_ministry, "/api/programs/expiry", null)).EnumerateArray());

        // Time passes: on 2029-03-30 the validity ends and a re-review opens.
        _clock.Now = new DateTimeOffset(2029, 3, 30, 8, 0, 0, China);
        var review = Assert.Single((await Post(_ministry, "/api/programs/expiry", null)).EnumerateArray());
        long reviewId = review.GetProperty("id").GetInt64();
        Assert.Equal("ReReview", review.GetProperty("kind").GetString());
        Assert.Equal(id, review.GetProperty("previousApplicationId").GetInt64());
        Assert.Equal("Expired", State(await Get(_firm1, $"/api/programs/applications/{id}")));
        Assert.Empty(await LittleGiants(_ministry, "2029-03-30")); // held until the day before

        // The re-review goes through the province and the ministry again.
        Assert.Equal("ProvinceApproved", State(await Post(_beijing, $"/api/programs/applications/{reviewId}/approve", null)));
        var recertified = await Post(_ministry, $"/api/programs/applications/{reviewId}/approve", null);
        Assert.Equal("Certified", State(recertified));
        Assert.Equal("2032-03-30", recertified.GetProperty("validUntil").GetString());

        // The holder no longer qualifies: the ministry revokes; the holding ends that day.
        _clock.Now = new DateTimeOffset(2030, 6, 1, 10, 0, 0, China);
        var revoked = await Post(_ministry, $"/api/programs/applications/{reviewId}/revoke", new { reason = "R&D intensity below 3 % in 2030 monitoring" });
        Assert.Equal("Revoked", State(revoked));
        Assert.Single(await LittleGiants(_ministry, "2030-05-31"));
        Assert.Empty(await LittleGiants(_ministry, "2030-06-01"));

        // Every step in the audit trail, read by the enterprise through the API.
        var first = (await Get(_firm1, $"/api/programs/applications/{id}/trail")).EnumerateArray().ToList();
        Assert.Equal(["apply", "approve", "approve", "expire"], first.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["zhang", "li", "wu", "wu"], first.Select(e => e.GetProperty("user").GetString()));
        Assert.Equal(["enterprise " + ProgramWorld.Beijing1, "province 11", "ministry", "ministry"], first.Select(e => e.GetProperty("role").GetString()));
        Assert.Equal(["Submitted", "ProvinceApproved", "Certified", "Expired"], first.Select(e => e.GetProperty("to").GetString()));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 9, 0, 0, China), first[2].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("pre-check passes", first[0].GetProperty("note").GetString());
        Assert.Equal("province approves: meets all six dimensions", first[1].GetProperty("note").GetString());
        var second = (await Get(_firm1, $"/api/programs/applications/{reviewId}/trail")).EnumerateArray().ToList();
        Assert.Equal(["open re-review", "approve", "approve", "revoke"], second.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(new DateTimeOffset(2030, 6, 1, 10, 0, 0, China), second[3].GetProperty("at").GetDateTimeOffset());
        Assert.Equal("R&D intensity below 3 % in 2030 monitoring", second[3].GetProperty("note").GetString());
    }

    [Fact]
    public async Task OtherEnterprise_CannotReadTheApplicationOrItsTrail_403AndAudited()
    {
        long id = await ApplyForLittleGiant();
        await Get(_firm2, $"/api/programs/applications/{id}", HttpStatusCode.Forbidden);
        await Get(_firm2, $"/api/programs/applications/{id}/trail", HttpStatusCode.Forbidden);
        await Get(_firm2, "/api/programs/applications/999", HttpStatusCode.Forbidden); // a scoped caller never learns which ids exist
        await Get(_ministry, "/api/programs/applications/999", HttpStatusCode.NotFound);
        Assert.Empty((await Get(_firm2, "/api/programs/applications")).EnumerateArray());
        Assert.Single((await Get(_firm1, "/api/programs/applications")).EnumerateArray());
        Assert.Single((await Get(_ministry, "/api/programs/applications?state=Submitted")).EnumerateArray());
        Assert.Empty((await Get(_ministry, "/api/programs/applications?state=Certified")).EnumerateArray());
        await Get(_ministry, "/api/programs/applications?state=3", HttpStatusCode.BadRequest);
        Assert.True(_factory.Store().AuditLog(AuditActions.Refused).Count(e => e.User == "zhao") >= 3);
    }

    [Fact]
    public async Task OtherProvince_CannotReviewTheApplication_403AndNothingChanges()
    {
        long id = await ApplyForLittleGiant();
        await Post(_shanghai, $"/api/programs/applications/{id}/approve", null, HttpStatusCode.Forbidden);
        await Post(_shanghai, $"/api/programs/applications/{id}/return", new { reasons = "not ours" }, HttpStatusCode.Forbidden);
        Assert.Empty((await Get(_shanghai, "/api/programs/applications")).EnumerateArray());
        Assert.Equal("Submitted", State(await Get(_ministry, $"/api/programs/applications/{id}")));
        Assert.Single((await Get(_ministry, $"/api/programs/applications/{id}/trail")).EnumerateArray()); // only the application itself
    }

    [Fact]
    public async Task WrongStepOrRole_RefusedWithoutChange()
    {
        long id = await ApplyForLittleGiant();
        // The ministry cannot approve before the province: the application waits for province 11 (403).
        await Post(_ministry, $"/api/programs/applications/{id}/approve", null, HttpStatusCode.Forbidden);
        // An enterprise is not a reviewer at all: the endpoint refuses its role.
        using (var own = await _firm1.PostAsJsonAsync($"/api/programs/applications/{id}/approve", new { }))
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        // A second application for the same tier while one is open: 409 naming the open one.
        var again = await Post(_firm1, "/api/programs/applications", new { tier = "LITTLE_GIANT", creditCode = ProgramWorld.Beijing1 }, HttpStatusCode.Conflict);
        Assert.Contains("already Submitted", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // An enterprise cannot apply for another one.
        await Post(_firm2, "/api/programs/applications", new { tier = "LITTLE_GIANT", creditCode = ProgramWorld.Beijing1 }, HttpStatusCode.Forbidden);
        // A return without reasons is refused (409: not possible), with reasons it is done.
        await Post(_beijing, $"/api/programs/applications/{id}/return", new { reasons = " " }, HttpStatusCode.Conflict);
        Assert.Equal("Returned", State(await Post(_beijing, $"/api/programs/applications/{id}/return", new { reasons = "attach the 2025 audit report" })));
        Assert.Equal("Submitted", State(await Post(_firm1, $"/api/programs/applications/{id}/resubmit", new { note = "attached" })));
        var trail = (await Get(_beijing, $"/api/programs/applications/{id}/trail")).EnumerateArray().ToList();
        Assert.Equal(["apply", "return", "resubmit"], trail.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("attach the 2025 audit report", trail[1].GetProperty("note").GetString());
    }

    [Fact]
    public async Task PerFactoryTier_AppliedForAFactory_SelfAssessedCertifiedAtOnce_HeldThroughTheFactory()
    {
        // SMART_BASIC certifies factories: without one it is not possible (409 saying so).
        var noFactory = await Post(_firm1, "/api/programs/applications", new { tier = "SMART_BASIC", creditCode = ProgramWorld.Beijing1 }, HttpStatusCode.Conflict);
        Assert.Contains("name the factory", noFactory.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Another enterprise's factory: not possible (409), without naming the enterprise it belongs to.
        var foreign = await Post(_firm2, "/api/programs/applications", new { tier = "SMART_BASIC", creditCode = ProgramWorld.Beijing2, factoryId = "BJ1-F1" }, HttpStatusCode.Conflict);
        Assert.DoesNotContain(ProgramWorld.Beijing1, foreign.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await Get(_ministry, "/api/programs/applications")).EnumerateArray());

        var applied = await Post(_firm1, "/api/programs/applications",
            new { tier = "SMART_BASIC", creditCode = ProgramWorld.Beijing1, factoryId = "BJ1-F1" }, HttpStatusCode.Created);
        var application = applied.GetProperty("application");
        Assert.Equal(("Certified", "BJ1-F1"), (State(application), application.GetProperty("factoryId").GetString())); // self-assessed, pre-check passes
        Assert.Equal("2026-03-10", application.GetProperty("certifiedFrom").GetString());
        var held = Assert.Single((await Get(_beijing, "/api/programs/registry/holdings?date=2026-03-10")).EnumerateArray());
        Assert.Equal(("SMART_BASIC", "BJ1-F1", "self-assessment"), (held.GetProperty("tier").GetString(), held.GetProperty("factoryId").GetString(), held.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task UnknownTier_400NamingTheField()
    {
        var bad = await Post(_firm1, "/api/programs/precheck", new { tier = "GIANT", creditCode = ProgramWorld.Beijing1 }, HttpStatusCode.BadRequest);
        Assert.Contains("no program defines tier GIANT", bad.GetProperty("errors").GetProperty("tier")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_EditedByTheEnterprise_ReadByItsProvince_NotByAnother()
    {
        using var put = await _firm1.PutAsJsonAsync($"/api/programs/profiles/{ProgramWorld.Beijing1}/2026",
            new { values = new Dictionary<string, string> { ["debt_ratio"] = "48.5", ["own_brand"] = "yes", ["zero_carbon_plan"] = "yes" } });
        await Json(put, HttpStatusCode.OK);
        var data = await Get(_beijing, $"/api/programs/profiles/{ProgramWorld.Beijing1}");
        var p2026 = data.GetProperty("profiles").EnumerateArray().Single(p => p.GetProperty("year").GetInt32() == 2026);
        Assert.Equal("48.5", p2026.GetProperty("values").GetProperty("debt_ratio").GetString());
        Assert.Equal("yes", p2026.GetProperty("values").GetProperty("zero_carbon_plan").GetString()); // a supplied indicator for user programs
        Assert.Single(data.GetProperty("factories").EnumerateArray()); // BJ1-F1

        await Get(_shanghai, $"/api/programs/profiles/{ProgramWorld.Beijing1}", HttpStatusCode.Forbidden);
        await Get(_firm2, $"/api/programs/profiles/{ProgramWorld.Beijing1}", HttpStatusCode.Forbidden);
        using var other = await _firm2.PutAsJsonAsync($"/api/programs/profiles/{ProgramWorld.Beijing1}/2026", new { values = new Dictionary<string, string> { ["debt_ratio"] = "10" } });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);

        // Bad values: each named by its field; nothing stored.
        using var bad = await _firm1.PutAsJsonAsync($"/api/programs/profiles/{ProgramWorld.Beijing1}/2027",
            new { values = new Dictionary<string, string> { ["main_business_share"] = "120", ["own_brand"] = "maybe" } });
        var errors = (await Json(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("above 100", errors.GetProperty("values.main_business_share")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("not yes or no", errors.GetProperty("values.own_brand")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.Store().Profiles(ProgramWorld.Beijing1), p => p.Year == 2027);
    }

    [Fact]
    public async Task Factory_EditedByItsEnterprise_AnotherEnterprisesFactoryRefused()
    {
        using var put = await _firm1.PutAsJsonAsync($"/api/programs/profiles/{ProgramWorld.Beijing1}/factories/BJ1-F1/2026",
            new { name = "一号工厂", values = new Dictionary<string, string> { ["maturity_level"] = "3", ["scenario_count"] = "8" } });
        await Json(put, HttpStatusCode.OK);
        var stored = _factory.Store().Factories(ProgramWorld.Beijing1).Single(f => f.Year == 2026);
        Assert.Equal("3", stored.Values["maturity_level"]);

        using var steal = await _firm2.PutAsJsonAsync($"/api/programs/profiles/{ProgramWorld.Beijing2}/factories/BJ1-F1/2026",
            new { name = "不是我的", values = new Dictionary<string, string>() });
        Assert.Equal(HttpStatusCode.Conflict, steal.StatusCode);
        Assert.DoesNotContain(_factory.Store().Factories(), f => f.CreditCode == ProgramWorld.Beijing2);
    }

    [Fact]
    public async Task Programs_ListedForEverySignedInUser_MonitoringForReviewersOnly()
    {
        var programs = (await Get(_firm2, "/api/programs")).EnumerateArray().ToList();
        var sme = programs.SelectMany(p => p.GetProperty("tiers").EnumerateArray()).Single(t => t.GetProperty("tier").GetString() == "LITTLE_GIANT");
        Assert.Equal(["Province", "Ministry"], sme.GetProperty("reviewers").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(3, sme.GetProperty("validityYears").GetInt32());

        using (var anonymous = _factory.CreateClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/programs")).StatusCode);
        using (var firm = await _firm1.GetAsync("/api/programs/monitoring/2026-02"))
            Assert.Equal(HttpStatusCode.Forbidden, firm.StatusCode);
        // The world's holders meet their thresholds (R&D 4 % ≥ 3 %, revenue +6 %): no findings.
        Assert.Empty((await Get(_ministry, "/api/programs/monitoring/2026-02")).EnumerateArray());
        await Get(_beijing, "/api/programs/monitoring/2026-13", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Monitoring_HolderBelowItsThreshold_ListedForItsProvinceAndTheMinistryOnly()
    {
        // A world where R&D is 2.5 % of revenue: the Shanghai holder of SRI_SME (from the register) falls below 3 %.
        using var factory = new BallastWebFactory(_clock);
        ProgramWorld.Seed(factory.Store(), _clock.Now, rdShare: 0.025);
        using var shanghai = factory.TokenClient("chen", Role.ProvincialAnalyst, "31");
        using var beijing = factory.TokenClient("li", Role.ProvincialAnalyst, "11");
        using var ministry = factory.TokenClient("wu", Role.NationalAnalyst);

        var finding = Assert.Single((await Get(shanghai, "/api/programs/monitoring/2026-05")).EnumerateArray());
        Assert.Equal((ProgramWorld.Shanghai, "SRI_SME"), (finding.GetProperty("creditCode").GetString(), finding.GetProperty("tier").GetString()));
        var rd = finding.GetProperty("monitor").GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "sri_monitor_rd");
        Assert.Equal(("2.5", false), (rd.GetProperty("value").GetString(), rd.GetProperty("met").GetBoolean()));
        Assert.Single((await Get(ministry, "/api/programs/monitoring/2026-05")).EnumerateArray());
        Assert.Empty((await Get(beijing, "/api/programs/monitoring/2026-05")).EnumerateArray());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheProgramsAndArrearsEndpoints()
    {
        using var anonymous = _factory.CreateClient();
        var paths = (await Get(anonymous, "/openapi/v1.json")).GetProperty("paths");
        foreach (var path in new[] { "/api/programs/applications/{id}/trail", "/api/programs/precheck", "/api/programs/monitoring/{period}",
                     "/api/arrears/cases", "/api/arrears/cases/{id}/close", "/api/arrears/statistics" })
            Assert.True(paths.TryGetProperty(path, out _), path + " is missing from the API description");
    }

    [Fact]
    public void ActingUser_OfEachRole_MapsToTheProgramsRoleAndScope()
    {
        var firm = Ballast.Web.Api.ProgramsApi.Actor(new Ballast.Web.Access.Caller("zhang", Role.Enterprise, ProgramWorld.Beijing1));
        Assert.Equal((ProgramRole.Enterprise, ProgramWorld.Beijing1), (firm.Role, firm.CreditCode));
        var province = Ballast.Web.Api.ProgramsApi.Actor(new Ballast.Web.Access.Caller("li", Role.ProvincialAnalyst, "11"));
        Assert.Equal((ProgramRole.Province, "11"), (province.Role, province.Province));
        foreach (var national in new[] { Role.NationalAnalyst, Role.Statistician, Role.Administrator })
            Assert.Equal(ProgramRole.Ministry, Ballast.Web.Api.ProgramsApi.Actor(new Ballast.Web.Access.Caller("wu", national, "")).Role);
    }
}
