using System.Net;
using System.Text.Json;
using Ballast.Core.Accounts;
using Ballast.Core.Releases;

namespace Ballast.Tests.Web;

/// <summary>
/// <c>/api/series</c> with the seasonally adjusted figures: the points are the stored vintage's, from one vintage; the
/// published view takes the vintage computed on the data of the published release and withholds C values.
/// </summary>
public class SeriesApiTests
{
    private static JsonElement[] Points(JsonElement series) => [.. series.GetProperty("points").EnumerateArray()];

    [Fact]
    public async Task AdjustedSeries_ValuesAreTheStoredVintages_ConfidentialValueWithheldForPublishedView()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock);
        var store = factory.Store();
        var release = store.Releases(DemoWeb.Period).Single();
        // The vintage of the published release's data, and a newer one on other data (as after a later import).
        StoredSaRow[] asPublished =
        [
            new("division", "13", "2025-10", 0.4321, ""),
            new("division", "13", "2025-11", -1.25, "C"),
            new("division", "13", "2025-12", null, "E"),
            new("total", "ALL", "2025-11", 0.61, ""),
            new("total", "ALL", "2025-12", 0.73, ""),
        ];
        long published = store.SaveSaVintage(new StoredSaVintage(0, DemoWeb.Period, release.DataVersion, DemoWeb.Start, "stat1", asPublished.Length), asPublished, []);
        StoredSaRow[] later = [new("division", "13", "2025-11", -1.5, "C"), new("division", "13", "2025-12", 2.5, "")];
        long newer = store.SaveSaVintage(new StoredSaVintage(0, DemoWeb.Period, release.DataVersion + 1, DemoWeb.Start, "stat1", later.Length), later, []);

        foreach (var role in new[] { Role.ProvincialAnalyst, Role.Enterprise })
        {
            var series = JsonDocument.Parse(await demo.Clients[role].GetStringAsync("/api/series?breakdown=division&cell=13&measure=va_sa_mom")).RootElement;
            Assert.Equal("sa", series.GetProperty("adjustment").GetString());
            Assert.Equal(published, series.GetProperty("vintage").GetProperty("id").GetInt64());
            Assert.Equal(1, series.GetProperty("vintage").GetProperty("releaseVersion").GetInt32());
            var points = Points(series);
            Assert.Equal(["2025-10", "2025-11", "2025-12"], points.Select(p => p.GetProperty("period").GetString()));
            Assert.Equal(0.4321, points[0].GetProperty("value").GetDouble());
            Assert.Equal(JsonValueKind.Null, points[1].GetProperty("value").ValueKind); // C: withheld
            Assert.Equal("C", points[1].GetProperty("flag").GetString());
            Assert.Equal(JsonValueKind.Null, points[2].GetProperty("value").ValueKind);
            Assert.Equal("E", points[2].GetProperty("flag").GetString());
            Assert.DoesNotContain("1.25", series.GetRawText(), StringComparison.Ordinal);
        }

        // The national analyst sees the newest vintage, unsuppressed, and the read is audited.
        var national = JsonDocument.Parse(await demo.Clients[Role.NationalAnalyst].GetStringAsync("/api/series?breakdown=division&cell=13&adjustment=sa&measure=va_sa_mom")).RootElement;
        Assert.Equal(newer, national.GetProperty("vintage").GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, national.GetProperty("vintage").GetProperty("releaseVersion").ValueKind); // no release on that data
        Assert.Equal([-1.5, 2.5], Points(national).Select(p => p.GetProperty("value").GetDouble()));
        Assert.Contains(store.AuditLog(AuditActions.Microdata), e => e.User == "national" && e.Detail.Contains($"vintage #{newer}", StringComparison.Ordinal));

        // The raw series is still the release's, and asking for an adjusted series of another measure is a clear 400.
        var raw = JsonDocument.Parse(await demo.Clients[Role.ProvincialAnalyst].GetStringAsync("/api/series?breakdown=total&cell=ALL&measure=va_yoy_month")).RootElement;
        Assert.Equal("raw", raw.GetProperty("adjustment").GetString());
        var stored = store.ReleaseRows(release.Id).Single(r => r.Breakdown == "total" && r.Cell == "ALL" && r.Measure == "va_yoy_month");
        Assert.Equal(stored.Value, Points(raw).Single().GetProperty("value").GetDouble());
        using var bad = await demo.Clients[Role.ProvincialAnalyst].GetAsync("/api/series?breakdown=total&cell=ALL&measure=va_yoy_month&adjustment=sa");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("va_sa_mom", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdjustedSeries_NoVintageOnThePublishedData_NoPoints()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock);
        var store = factory.Store();
        long dataVersion = store.Releases(DemoWeb.Period).Single().DataVersion;
        // Only a vintage of other data: the published view must not show figures that were never published.
        store.SaveSaVintage(new StoredSaVintage(0, DemoWeb.Period, dataVersion + 7, DemoWeb.Start, "stat1", 1), [new("total", "ALL", "2025-12", 0.9, "")], []);
        var series = JsonDocument.Parse(await demo.Clients[Role.ProvincialAnalyst].GetStringAsync("/api/series?breakdown=total&cell=ALL&measure=va_sa_mom")).RootElement;
        Assert.Empty(Points(series));
        Assert.Equal(JsonValueKind.Null, series.GetProperty("vintage").ValueKind);
    }
}
