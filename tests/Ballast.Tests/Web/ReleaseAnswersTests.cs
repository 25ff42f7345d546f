using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballast.Core.Accounts;
using Ballast.Core.Files;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Web;

/// <summary>
/// The release answers kept in memory: a revision approved through the API is what the next request sees, at once
/// (the kept publishing state is dropped by the approval), and each view keeps its own answer.
/// </summary>
public class ReleaseAnswersTests
{
    private static double TotalGrowth(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Single(r => r.GetProperty("measure").GetString() == "va_yoy_month").GetProperty("value").GetDouble();

    [Fact]
    public async Task RevisionApprovedThroughTheApi_NextRequestSeesIt_AndTheOldAnswerIsNotServed()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock);
        var store = factory.Store();
        var province = demo.Clients[Role.ProvincialAnalyst];
        const string path = "/api/releases/2025-12?breakdown=total&cell=ALL";
        using var first = await province.GetAsync(path);
        Assert.Equal("1", first.Headers.GetValues("X-Ballast-Release-Version").Single());
        double v1 = TotalGrowth(await first.Content.ReadAsStringAsync());
        Assert.Equal(v1, TotalGrowth(await province.GetStringAsync(path))); // the kept answer

        // A late revision: one enterprise's December output doubled; a revised version prepared and approved.
        var t = YearMonth.Parse(DemoWeb.Period);
        var report = store.Reports().First(r => r.Period == t && r.OutputValue > 0
            && store.ReportsOf(r.CreditCode).Any(b => b.Period == t.AddMonths(-12)));
        using (var tx = store.BeginImport(new ImportHeader("revision", clock.GetUtcNow())))
        {
            tx.Write(report with { OutputValue = report.OutputValue * 2 });
            tx.Flush();
            tx.Commit(new ImportOutcome([], new Dictionary<FileKind, long>(), new Dictionary<FileKind, long>(), [], 0, [], TimeSpan.Zero));
        }
        using var stat2 = factory.TokenClient("stat2", Role.Statistician);
        using (var prepared = await demo.Clients[Role.Statistician].PostAsJsonAsync($"/api/releases/{DemoWeb.Period}/versions", new { notes = "late report" }))
            Assert.Equal(HttpStatusCode.Created, prepared.StatusCode);
        // A draft is not published: the province still reads version 1 (and the state read here is kept).
        using (var meanwhile = await province.GetAsync(path))
            Assert.Equal("1", meanwhile.Headers.GetValues("X-Ballast-Release-Version").Single());
        using (var approved = await stat2.PostAsync($"/api/releases/{DemoWeb.Period}/versions/2/approval", null))
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        using var second = await province.GetAsync(path);
        Assert.Equal("2", second.Headers.GetValues("X-Ballast-Release-Version").Single());
        double v2 = TotalGrowth(await second.Content.ReadAsStringAsync());
        var stored = store.ReleaseRows(store.ReleaseVersions(DemoWeb.Period).Single(v => v.Version == 2).ReleaseId)
            .Single(r => r.Breakdown == "total" && r.Cell == "ALL" && r.Measure == "va_yoy_month");
        Assert.Equal(stored.Value, v2);
        Assert.NotEqual(v1, v2);
        // Version 1 is superseded for the published view; the statistician still reads it by number.
        Assert.Equal(HttpStatusCode.NotFound, (await province.GetAsync(path + "&version=1")).StatusCode);
        Assert.Equal(v1, TotalGrowth(await demo.Clients[Role.NationalAnalyst].GetStringAsync(path + "&version=1")));
    }
}
