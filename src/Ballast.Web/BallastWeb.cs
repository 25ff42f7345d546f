using Ballast.Core.Storage;
using Ballast.Web.Access;
using Ballast.Web.Api;
using Ballast.Web.Dashboard;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ballast.Web;

/// <summary>
/// Settings of the web platform, from the configuration section <c>Ballast</c> (command line
/// <c>--Ballast:Db=…</c>, environment <c>Ballast__Db</c>, or set by <c>ballast serve</c>).
/// </summary>
public sealed class BallastWebOptions
{
    public const string Section = "Ballast";

    /// <summary>The store, as <c>--db</c> takes it (null: $BALLAST_DB, then ./ballast.db).</summary>
    public string? Db { get; set; }
}

/// <summary>
/// Builds the web application: the store, the API groups (one file per capability under Api/), the dashboard's
/// static files and the OpenAPI document at <c>/openapi/v1.json</c>. Bound to 127.0.0.1 unless told otherwise.
/// </summary>
public static class BallastWeb
{
    /// <summary>Where Kestrel listens when no URL is given: loopback only, so nothing is exposed by accident.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>The output-cache policy of the anonymous published-figures endpoints (dashboard data, bulletin).</summary>
    public const string PublishedFiguresCache = "published-figures";

    /// <summary>The setting of the framework's log level (default Warning: no line per request).</summary>
    public const string FrameworkLogLevelKey = "Logging:LogLevel:Microsoft.AspNetCore";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        // The framework logs every request at Information, several lines each: under load that was most of a
        // request's cost (a /health request 3 times, a filed report about half). Its warnings and errors still show;
        // Ballast's own messages stay at Information. A default only: Logging:LogLevel:Microsoft.AspNetCore (e.g.
        // the environment variable Logging__LogLevel__Microsoft.AspNetCore=Information) brings the request log back.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { [FrameworkLogLevelKey] = nameof(LogLevel.Warning) },
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrls);
        var options = builder.Configuration.GetSection(BallastWebOptions.Section).Get<BallastWebOptions>() ?? new BallastWebOptions();
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // One store for the process: opening it migrates the schema; the store serialises its own writers.
        builder.Services.AddSingleton<IBallastStore>(_ => StoreFactory.Open(options.Db));
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.AddBallastAccess();
        // The publishing state is read at most once a second under load; this process's publishing endpoints drop it at once.
        builder.Services.AddSingleton(sp => new Ballast.Core.Publishing.PublishedReleases(
            sp.GetRequiredService<IBallastStore>(), sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(1)));
        builder.Services.AddSingleton<ReleaseAnswers>();
        builder.Services.AddSingleton<WarningsApi.Cache>();
        builder.Services.AddSingleton<ImportsApi.Jobs>();
        builder.Services.AddSingleton(sp => new Ballast.Core.Reporting.Filing.ReportFilingQueue(sp.GetRequiredService<IBallastStore>(),
            new Ballast.Core.Reporting.Filing.ReportValidator(Ballast.Core.Classifications.Classification.Default, sp.GetRequiredService<TimeProvider>()),
            sp.GetRequiredService<TimeProvider>()));
        // National imports are large: no multipart size limit (uploads are for administrators only).
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = long.MaxValue);
        builder.Services.AddDashboard(builder.Configuration);
        // Published figures are the same for every anonymous reader: their answers are kept briefly (a new
        // publication shows within seconds; nothing can show before its embargo, answers only stay a little longer).
        builder.Services.AddOutputCache(o => o.AddPolicy(PublishedFiguresCache, p => p.Expire(TimeSpan.FromSeconds(10)).SetVaryByQuery("*")));
        configure?.Invoke(builder);

        var app = builder.Build();
        // A request the endpoint cannot bind (bad JSON, a wrong shape) is the caller's mistake: 400 with problem details.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseBallastAccess();
        app.UseOutputCache();
        app.MapOpenApi().ForAnyone();
        app.UseDashboard();
        app.MapGet("/health", (IBallastStore store, DashboardReadiness dashboard) => TypedResults.Ok(new Health("ok", store.SchemaVersion, dashboard.State)))
            .WithName("Health").ForAnyone();
        app.MapBallastApi();
        return app;
    }
}

/// <summary>
/// The answer of <c>/health</c>: the process is up and its store is open; <c>Dashboard</c> is <c>warming</c> while the
/// dashboard's figures are computed after the start, then <c>ready</c>.
/// </summary>
public sealed record Health(string Status, int SchemaVersion, string Dashboard);
