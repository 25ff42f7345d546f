using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace Ballast.Tests.Web.Dashboard;

public class DashboardSettingsTests : IDisposable
{
    private readonly TempFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task EmptyStore_DashboardSaysHowToComputeARelease()
    {
        using var factory = new BallastWebFactory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/api/dashboard/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No release is stored yet", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/dashboard.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovedMapFile_IsServedInsteadOfTheBundledOne_WithItsReviewNumber()
    {
        var file = Path.Combine(_folders.New("map"), "approved.json");
        File.WriteAllText(file, """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"广东省","adcode":440000},"geometry":{"type":"Polygon","coordinates":[[[113,23],[114,23],[114,24],[113,23]]]}}]}""");
        using var factory = new BallastWebFactory().WithWebHostBuilder(b =>
        {
            b.UseSetting("Ballast:MapFile", file);
            b.UseSetting("Ballast:MapReviewNumber", "GS(2024)0650号");
        });
        using var client = factory.CreateClient();
        var map = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/dashboard/map", UriKind.Relative))).RootElement;
        Assert.True(map.GetProperty("approved").GetBoolean());
        Assert.Equal("GS(2024)0650号", map.GetProperty("reviewNumber").GetString());
        Assert.Equal(File.ReadAllText(file), await client.GetStringAsync(new Uri(map.GetProperty("geoJsonUrl").GetString()!, UriKind.Relative)));
    }

    [Fact]
    public async Task MissingMapFile_IsNamedInTheError()
    {
        var missing = Path.Combine(_folders.New("map"), "nowhere.json");
        using var factory = new BallastWebFactory().WithWebHostBuilder(b => b.UseSetting("Ballast:MapFile", missing));
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/dashboard/map.geojson", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(missing, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
