using System.Net;
using System.Text.Json;
using Ballast.Core.Accounts;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Web.Dashboard;

/// <summary>
/// The dashboard's drill-down to enterprises: who may open which cell, and the figures against a recomputation
/// from the stored reports written here (release.md's definitions) and against the stored release itself.
/// </summary>
public class EnterpriseDrillTests
{
    private static string Path(string breakdown, string cell) =>
        $"/api/dashboard/enterprises?breakdown={breakdown}&cell={Uri.EscapeDataString(cell)}&period={DemoWeb.Period}";

    [Fact]
    public async Task Access_ProvinceSeesOnlyItsProvince_OthersRefusedAndAudited()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock);
        var province = demo.Clients[Role.ProvincialAnalyst];
        string own = demo.ProvinceA, other = demo.FirmB.Province;

        var mine = JsonDocument.Parse(await province.GetStringAsync(Path("province", own))).RootElement;
        var lines = mine.GetProperty("enterprises").EnumerateArray().ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal(own, l.GetProperty("province").GetString()));
        Assert.Contains(lines, l => l.GetProperty("creditCode").GetString() == demo.FirmA.CreditCode);
        using (var pd = await province.GetAsync(Path("province_division", $"{own}|{demo.FirmA.Division}")))
            Assert.Equal(HttpStatusCode.OK, pd.StatusCode);

        // Another province, a division across provinces, another province's province × division: refused, audited.
        string[] refusedPaths = [Path("province", other), Path("division", demo.FirmA.Division), Path("province_division", $"{other}|{demo.FirmB.Division}")];
        foreach (string path in refusedPaths)
        {
            using var response = await province.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            string body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(demo.FirmB.CreditCode, body, StringComparison.Ordinal);
        }
        // Roles without microdata rights on figures of cells: refused by the endpoint's declaration.
        foreach (var role in new[] { Role.Enterprise, Role.Administrator })
            Assert.Equal(HttpStatusCode.Forbidden, (await demo.Clients[role].GetAsync(Path("province", own))).StatusCode);
        using (var anonymous = factory.CreateClient())
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Path("province", own))).StatusCode);

        var national = JsonDocument.Parse(await demo.Clients[Role.NationalAnalyst].GetStringAsync(Path("province", other))).RootElement;
        Assert.All(national.GetProperty("enterprises").EnumerateArray(), l => Assert.Equal(other, l.GetProperty("province").GetString()));

        var store = factory.Store();
        var refused = store.AuditLog(AuditActions.Refused);
        foreach (string path in refusedPaths)
            Assert.Contains(refused, e => e.User == "prov-a" && e.Target == "GET " + path);
        Assert.Contains(refused, e => e.User == "ent-a" && e.Target == "GET " + Path("province", own));
        var microdata = store.AuditLog(AuditActions.Microdata);
        Assert.Contains(microdata, e => e.User == "prov-a" && e.Target == "GET " + Path("province", own));
        Assert.Contains(microdata, e => e.User == "national" && e.Target == "GET " + Path("province", other));
    }

    [Fact]
    public async Task Figures_EqualARecomputationFromTheStoredReports_AndAddUpToTheStoredRelease()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock);
        var store = factory.Store();
        string division = demo.FirmA.Division;
        var view = JsonDocument.Parse(await demo.Clients[Role.NationalAnalyst].GetStringAsync(Path("division", division))).RootElement;
        var lines = view.GetProperty("enterprises").EnumerateArray().ToList();

        // Recomputed here from the stored tables: December only (not a February), VA = output × rate(division, year),
        // comparable VA = VA / (PPI / 100), the base month at the previous year's rate.
        var t = YearMonth.Parse(DemoWeb.Period);
        var rates = store.VaRates().ToDictionary(r => (r.Division, r.Year), r => r.Rate);
        var ppi = store.Ppi().ToDictionary(p => (p.Division, p.Period), p => p.Index);
        var firms = store.Enterprises().Where(e => e.Division == division).Select(e => e.CreditCode).ToHashSet(StringComparer.Ordinal);
        var output = store.Reports().Where(r => firms.Contains(r.CreditCode) && (r.Period == t || r.Period == t.AddMonths(-12)))
            .ToDictionary(r => (r.CreditCode, r.Period), r => r.OutputValue);
        var expected = new Dictionary<string, (double? Output, double A, double B, bool Matched)>(StringComparer.Ordinal);
        foreach (string code in firms)
        {
            bool hasNow = output.TryGetValue((code, t), out double now);
            bool hasBase = output.TryGetValue((code, t.AddMonths(-12)), out double before);
            bool matched = hasNow && hasBase;
            double a = matched ? now * rates[(division, t.Year)] * 100 / ppi[(division, t)] : 0;
            double b = matched ? before * rates[(division, t.Year - 1)] : 0;
            expected[code] = (hasNow ? now : null, a, b, matched);
        }
        double baseOfCell = expected.Values.Where(e => e.Matched).Sum(e => e.B);
        Assert.True(baseOfCell > 0);
        Assert.Equal(firms.Order(StringComparer.Ordinal), lines.Select(l => l.GetProperty("creditCode").GetString()!).Order(StringComparer.Ordinal));
        static double? Num(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
        foreach (var line in lines)
        {
            var e = expected[line.GetProperty("creditCode").GetString()!];
            Assert.Equal(e.Matched, line.GetProperty("matched").GetBoolean());
            Assert.Equal(e.Output, Num(line.GetProperty("outputValue")));
            if (!e.Matched) { Assert.Null(Num(line.GetProperty("pull"))); continue; }
            Assert.Equal((e.A - e.B) / baseOfCell * 100, Num(line.GetProperty("pull"))!.Value, 9);
            if (e.B == 0) Assert.Null(Num(line.GetProperty("growth"))); // a zero base has no growth (E)
            else Assert.Equal((e.A / e.B - 1) * 100, Num(line.GetProperty("growth"))!.Value, 9);
        }
        // Sorted by pull, largest first, those without a pull last.
        var pulls = lines.Select(l => Num(l.GetProperty("pull"))).ToList();
        var withPull = pulls.TakeWhile(p => p is not null).Select(p => p!.Value).ToList();
        Assert.Equal(withPull.OrderDescending(), withPull);
        Assert.All(pulls.Skip(withPull.Count), p => Assert.Null(p));

        // The release engine, independently: the pulls add up to the division's stored growth, and the matched
        // enterprises are the stored count (the data have not changed since the release was computed).
        var stored = store.ReleaseRows(store.Releases(DemoWeb.Period).Single().Id);
        double growth = stored.Single(r => r.Breakdown == "division" && r.Cell == division && r.Measure == "va_yoy_month").Value!.Value;
        double count = stored.Single(r => r.Breakdown == "division" && r.Cell == division && r.Measure == "enterprises").Value!.Value;
        Assert.Equal(growth, withPull.Sum(), 9);
        Assert.Equal(growth, view.GetProperty("growth").GetDouble(), 9);
        Assert.Equal(count, lines.Count(l => l.GetProperty("matched").GetBoolean()));
    }

    [Theory]
    [InlineData("/api/dashboard/enterprises?breakdown=size&cell=sme", HttpStatusCode.BadRequest, "open into enterprises")]
    [InlineData("/api/dashboard/enterprises?breakdown=division&cell=99", HttpStatusCode.NotFound, "no division cell")]
    [InlineData("/api/dashboard/enterprises?breakdown=division", HttpStatusCode.BadRequest, "Say which cell")]
    [InlineData("/api/dashboard/enterprises?breakdown=division&cell=13&period=2025-13", HttpStatusCode.BadRequest, "YYYY-MM")]
    public async Task BadRequests_SayWhatIsWrong(string path, HttpStatusCode status, string message)
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var national = factory.TokenClient("national", Role.NationalAnalyst);
        using var response = await national.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
