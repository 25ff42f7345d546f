using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballast.Core.Accounts;

namespace Ballast.Tests.Web;

public class PublishingApiTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static Task<HttpResponseMessage> Prepare(HttpClient client, string? notes = null) =>
        client.PostAsJsonAsync($"/api/releases/{DemoWeb.Period}/versions", new { notes });

    private static Task<HttpResponseMessage> Approve(HttpClient client, int version) =>
        client.PostAsync($"/api/releases/{DemoWeb.Period}/versions/{version}/approval", null);

    [Fact]
    public async Task Approve_ByItsPreparer_RefusedAsSamePerson_BySecondStatistician_Approved()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock, publish: false);
        var stat1 = demo.Clients[Role.Statistician];
        using var stat2 = factory.TokenClient("stat2", Role.Statistician);
        using var prepared = await Prepare(stat1);
        Assert.Equal(HttpStatusCode.Created, prepared.StatusCode);
        var draft = await Json(prepared);
        Assert.Equal(("draft", 1, "stat1"), (draft.GetProperty("status").GetString(), draft.GetProperty("version").GetInt32(), draft.GetProperty("preparedBy").GetString()));

        using var own = await Approve(stat1, 1);
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Equal("SamePerson", (await Json(own)).GetProperty("refusal").GetString());
        Assert.Null(factory.Store().ReleaseVersions(DemoWeb.Period).Single().ApprovedBy);

        using var second = await Approve(stat2, 1);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var approved = await Json(second);
        Assert.Equal("stat2", approved.GetProperty("approvedBy").GetString());
        Assert.Equal("approved", approved.GetProperty("status").GetString()); // no embargo set yet: not published
        using var again = await Approve(stat2, 1);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(factory.Store().AuditLog(AuditActions.Publishing), e => e.User == "stat1" && e.Outcome == "refused");
    }

    [Fact]
    public async Task ApprovedRelease_InvisibleToPublishedFigureRolesBeforeEmbargo_VisibleAfter()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock, publish: false);
        using var stat2 = factory.TokenClient("stat2", Role.Statistician);
        Assert.Equal(HttpStatusCode.Created, (await Prepare(demo.Clients[Role.Statistician])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Approve(stat2, 1)).StatusCode);
        var embargo = DemoWeb.Start.AddHours(2);
        using var set = await stat2.PutAsJsonAsync($"/api/calendar/{DemoWeb.Period}", new { embargoAt = embargo });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var calendar = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/calendar"); // the calendar is public
        Assert.Equal(embargo, calendar[0].GetProperty("embargoAt").GetDateTimeOffset());

        clock.Now = embargo.AddSeconds(-1);
        foreach (var role in new[] { Role.Enterprise, Role.ProvincialAnalyst, Role.Administrator })
        {
            var client = demo.Clients[role];
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/releases/{DemoWeb.Period}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/releases/{DemoWeb.Period}?format=sdmx-json")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/warnings/{DemoWeb.Period}")).StatusCode);
            Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/releases")).GetArrayLength());
            var series = await client.GetFromJsonAsync<JsonElement>("/api/series?breakdown=total&cell=ALL&measure=va_yoy_month");
            Assert.Equal(0, series.GetProperty("points").GetArrayLength());
        }
        // Roles with confidential-figure rights prepare the release and see it before the embargo.
        Assert.Equal(HttpStatusCode.OK, (await demo.Clients[Role.NationalAnalyst].GetAsync($"/api/releases/{DemoWeb.Period}")).StatusCode);

        clock.Now = embargo;
        var provincial = demo.Clients[Role.ProvincialAnalyst];
        Assert.Equal(HttpStatusCode.OK, (await provincial.GetAsync($"/api/releases/{DemoWeb.Period}")).StatusCode);
        var listed = await provincial.GetFromJsonAsync<JsonElement>("/api/releases");
        Assert.Equal("published", listed[0].GetProperty("status").GetString());
        var total = await provincial.GetFromJsonAsync<JsonElement>("/api/series?breakdown=total&cell=ALL&measure=va_yoy_month");
        Assert.Equal(DemoWeb.Period, total.GetProperty("points")[0].GetProperty("period").GetString());
    }

    [Fact]
    public async Task PublishedPeriod_Locked_RevisedOnlyWithNotes_ThroughTheSameApproval()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock); // published: prepared by stat1, approved by stat2, embargo passed
        var stat1 = demo.Clients[Role.Statistician];
        using var stat2 = factory.TokenClient("stat2", Role.Statistician);
        var provincial = demo.Clients[Role.ProvincialAnalyst];
        string totalPath = $"/api/releases/{DemoWeb.Period}?breakdown=total&cell=ALL&measure=va_yoy_month";
        double before = (await provincial.GetFromJsonAsync<JsonElement>(totalPath))[0].GetProperty("value").GetDouble();

        using var noNotes = await Prepare(stat1);
        Assert.Equal(HttpStatusCode.Conflict, noNotes.StatusCode);
        Assert.Equal("LockedNeedsNotes", (await Json(noNotes)).GetProperty("refusal").GetString());
        using var moveEmbargo = await stat1.PutAsJsonAsync($"/api/calendar/{DemoWeb.Period}", new { embargoAt = DemoWeb.Start.AddDays(1) });
        Assert.Equal(HttpStatusCode.Conflict, moveEmbargo.StatusCode);
        using var sameData = await Prepare(stat1, "nothing new");
        Assert.Equal("NothingChanged", (await Json(sameData)).GetProperty("refusal").GetString());

        // The enterprise revises its December report: output doubled.
        var enterprise = demo.Clients[Role.Enterprise];
        var reports = await enterprise.GetFromJsonAsync<JsonElement>($"/api/reports/{demo.FirmA.CreditCode}");
        var december = reports.EnumerateArray().Single(r => r.GetProperty("period").GetString() == DemoWeb.Period);
        var revised = december.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.Clone());
        revised["output_value"] = december.GetProperty("output_value").GetDouble() * 2;
        using var put = await enterprise.PutAsJsonAsync($"/api/reports/{demo.FirmA.CreditCode}/{DemoWeb.Period}", revised);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using var revision = await Prepare(stat1, "output of one enterprise revised after publication");
        Assert.Equal(HttpStatusCode.Created, revision.StatusCode);
        var draft = await Json(revision);
        Assert.Equal(("draft", 2), (draft.GetProperty("status").GetString(), draft.GetProperty("version").GetInt32()));
        // Until approved, users without confidential-figure rights still see version 1, unchanged.
        using (var v1 = await provincial.GetAsync(totalPath))
        {
            Assert.Equal("1", v1.Headers.GetValues("X-Ballast-Release-Version").Single());
            Assert.Equal(before, (await Json(v1))[0].GetProperty("value").GetDouble());
        }
        var diff = await stat2.GetFromJsonAsync<JsonElement>($"/api/releases/{DemoWeb.Period}/versions/2/diff");
        Assert.Equal(1, diff.GetProperty("againstVersion").GetInt32());
        Assert.Equal("output of one enterprise revised after publication", diff.GetProperty("notes").GetString());
        var totalChange = diff.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("breakdown").GetString() == "total" && c.GetProperty("measure").GetString() == "va_yoy_month");
        Assert.Equal(before, totalChange.GetProperty("oldValue").GetDouble());

        Assert.Equal(HttpStatusCode.Conflict, (await Approve(stat1, 2)).StatusCode); // four eyes again
        Assert.Equal(HttpStatusCode.OK, (await Approve(stat2, 2)).StatusCode);
        using var v2 = await provincial.GetAsync(totalPath);
        Assert.Equal("2", v2.Headers.GetValues("X-Ballast-Release-Version").Single());
        double after = (await Json(v2))[0].GetProperty("value").GetDouble();
        Assert.Equal(totalChange.GetProperty("newValue").GetDouble(), after);
        Assert.NotEqual(before, after);
        // Version 1's figures are kept, not overwritten.
        Assert.Equal(2, factory.Store().ReleaseVersions(DemoWeb.Period).Select(v => v.ReleaseId).Distinct().Count());
    }
}
