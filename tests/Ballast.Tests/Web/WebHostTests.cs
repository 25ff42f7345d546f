using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ballast.Tests.Web;

public class WebHostTests
{
    [Fact]
    public async Task Health_AnswersWithTheStoresSchemaVersion()
    {
        using var factory = new BallastWebFactory();
        using var client = factory.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("schemaVersion").GetInt32() >= 2); // the store was opened and migrated
        Assert.True(File.Exists(factory.StorePath));
    }

    [Fact]
    public async Task OpenApiDocument_IsServedAndListsTheEndpoints()
    {
        using var factory = new BallastWebFactory();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", doc.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(doc.RootElement.GetProperty("paths").TryGetProperty("/health", out _));
    }
}
