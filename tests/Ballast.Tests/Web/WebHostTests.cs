using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        Assert.Contains(health.GetProperty("dashboard").GetString(), new[] { "warming", "ready" });
    }

    [Fact]
    public async Task Health_SaysReady_OnceTheDashboardsWarmUpHasEnded()
    {
        using var factory = new BallastWebFactory();
        using var client = factory.CreateClient();
        // An empty store has no release: the warm-up has nothing to compute and ends at once.
        string? state = null;
        for (int i = 0; i < 300 && state != "ready"; i++)
        {
            state = (await client.GetFromJsonAsync<JsonElement>("/health")).GetProperty("dashboard").GetString();
            if (state != "ready") await Task.Delay(100);
        }
        Assert.Equal("ready", state);
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

public class ServerLoggingTests
{
    [Fact]
    public async Task FrameworkRequestLog_IsOffByDefault_AndCanBeTurnedOn()
    {
        string db = Path.Combine(Path.GetTempPath(), "ballast-logging-" + Guid.NewGuid().ToString("N") + ".db");
        await using (var quiet = Ballast.Web.BallastWeb.Create(["--Ballast:Db=" + db]))
        {
            var loggers = quiet.Services.GetRequiredService<ILoggerFactory>();
            // The line per request ("Request starting/finished") is the hosting diagnostics' Information.
            Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
            Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
            Assert.True(loggers.CreateLogger("Ballast.Web.Api").IsEnabled(LogLevel.Information));
        }
        await using (var verbose = Ballast.Web.BallastWeb.Create(["--Ballast:Db=" + db, "--Logging:LogLevel:Microsoft.AspNetCore=Information"]))
        {
            var loggers = verbose.Services.GetRequiredService<ILoggerFactory>();
            Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        }
        File.Delete(db);
    }
}

public class OpenApiCoverageTests
{
    [Fact]
    public async Task OpenApiDocument_ListsEveryApiEndpointWithItsMethod()
    {
        using var factory = new BallastWebFactory();
        using var client = factory.CreateClient();
        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        var source = factory.Services.GetService(typeof(Microsoft.AspNetCore.Routing.EndpointDataSource)) as Microsoft.AspNetCore.Routing.EndpointDataSource;
        var missing = new List<string>();
        foreach (var e in source!.Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>())
        {
            string pattern = e.RoutePattern.RawText!;
            if (pattern.StartsWith("/openapi", StringComparison.Ordinal)) continue; // the document itself
            // Pages for people (sign-in, filing) say so explicitly; every other endpoint must be described.
            if (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
                && !pattern.StartsWith("/api/", StringComparison.Ordinal)) continue;
            // OpenAPI writes {id} for {id:long}.
            string path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:]+)(:[^}]+)?\}", "{$1}");
            if (path.Length > 1) path = path.TrimEnd('/');
            var methods = e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var m in methods)
                if (!doc.TryGetProperty(path, out var item) || !item.TryGetProperty(m.ToLowerInvariant(), out _)) missing.Add($"{m} {path}");
        }
        Assert.True(missing.Count == 0, "not in /openapi/v1.json: " + string.Join(", ", missing));
    }
}
