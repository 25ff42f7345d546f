using Ballast.Core.Accounts;
using Ballast.Core.Classifications;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Warnings;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Dashboard;

/// <summary>
/// The analysts' dashboard: its page at <c>/</c> (static files from wwwroot), its data under <c>/api/dashboard</c>,
/// the map file, and the bulletin at <c>/bulletin/{period}</c> (HTML) and <c>/bulletin/{period}.pdf</c>.
/// Published view for everyone; the drill-down to enterprises only for roles that may see microdata.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Registers the dashboard's services (its one data seam, its settings).</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Ballast").Get<DashboardOptions>() ?? new DashboardOptions();
        services.AddSingleton(options);
        services.AddSingleton(Classification.Default);
        services.AddSingleton<DashboardData>();
        services.AddSingleton<EnterpriseDrill.Reference>();
        services.AddSingleton<SummaryAnswers>();
        services.AddSingleton<BulletinPdf>();
        services.AddSingleton<DashboardReadiness>();
        services.AddHostedService<DashboardWarmUp>();
        return services;
    }

    /// <summary>Serves the page, its data, the map and the bulletin.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        // Published figures are public, as a statistics bureau's release is: anyone may read them (published view only).
        var api = app.MapGroup("/api/dashboard").WithTags("Dashboard");
        api.MapGet("/", Summary).WithName("DashboardSummary").CacheOutput(BallastWeb.PublishedFiguresCache).ForAnyone()
            .Produces<DashboardView>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/drill", Drill).WithName("DashboardDrill").CacheOutput(BallastWeb.PublishedFiguresCache).ForAnyone();
        // Microdata: never cached, scoped by province for provincial analysts, every answer audited.
        api.MapGet("/enterprises", EnterpriseDrill.Handle).WithName("DashboardEnterprises")
            .For(Role.ProvincialAnalyst, Role.NationalAnalyst, Role.Statistician)
            .WithSummary("A cell (breakdown=province|division|province_division, cell, period) opened into its enterprises: output value, "
                + "growth and pull of each on the current data, sorted by pull. Microdata: provincial analysts their own province only; audited.");
        api.MapGet("/map", Map).WithName("DashboardMap").CacheOutput(BallastWeb.PublishedFiguresCache).ForAnyone();
        app.MapGet("/dashboard/map.geojson", MapFile).WithName("DashboardMapFile").WithTags("Dashboard").ForAnyone();
        app.MapGet("/bulletin", (DashboardData data) => data.Release() is { } r
                ? Results.Redirect("/bulletin/" + r.Period.ToString())
                : Results.Problem(NoRelease, statusCode: StatusCodes.Status404NotFound))
            .WithName("BulletinLatest").WithTags("Bulletin").ForAnyone();
        app.MapGet("/bulletin/{period}", Bulletin).WithName("Bulletin").WithTags("Bulletin").CacheOutput(BallastWeb.PublishedFiguresCache).ForAnyone();
        app.MapGet("/bulletin/{period}.pdf", BulletinAsPdf).WithName("BulletinPdf").WithTags("Bulletin").ForAnyone();
        return app;
    }

    internal const string NoRelease = "No release is stored yet: compute one with `ballast release` (or `ballast run`).";

    private static IResult Summary(DashboardData data, Classification classification, SummaryAnswers answers,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, string? period = null)
    {
        if (!TryRelease(data, period, out var release, out var problem)) return problem!;
        var bytes = answers.Get(data.SummaryKey(release!),
            () => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(BuildSummary(data, classification, release!), json.Value.SerializerOptions));
        return TypedResults.Bytes(bytes, "application/json; charset=utf-8");
    }

    private static Results<Ok<DrillView>, ProblemHttpResult> Drill(DashboardData data, Classification classification,
        string? breakdown, string? cell, string? by = null, string? period = null)
    {
        if (string.IsNullOrEmpty(breakdown) || string.IsNullOrEmpty(cell))
            return TypedResults.Problem("Say which cell to open: ?breakdown=…&cell=… (e.g. breakdown=total&cell=ALL).", statusCode: StatusCodes.Status400BadRequest);
        if (!TryRelease(data, period, out var release, out var problem)) return problem!;
        var names = new CellNames(classification);
        if (release!.Find(breakdown, cell, "enterprises") is null)
            return TypedResults.Problem($"The release of {release.Period} has no cell {breakdown}/{cell}.", statusCode: StatusCodes.Status404NotFound);
        var options = Drilldown.Options(breakdown, cell);
        by ??= options.FirstOrDefault();
        var children = by is null ? null : Drilldown.Children(release, classification, breakdown, cell, by);
        if (children is null)
            return TypedResults.Problem($"{breakdown}/{cell} does not break down" + (by is null ? "." : $" by {by}; it opens by: {string.Join(", ", options)}."),
                statusCode: StatusCodes.Status400BadRequest);
        return TypedResults.Ok(new DrillView(release.Period.ToString(), Cell(release, names, breakdown, cell), by!, CellNames.Breakdown(by!),
            children.Select(c => Cell(release, names, c.Breakdown, c.Cell)).ToList()));
    }

    private static MapView Map(DashboardOptions options, Classification classification) => new(
        "/dashboard/map.geojson", !string.IsNullOrWhiteSpace(options.MapFile), string.IsNullOrWhiteSpace(options.MapReviewNumber) ? null : options.MapReviewNumber,
        ProvinceMap.Units.Select(u => new MapUnitView(u.Code, u.FeatureName, u.FullNameZh, new Name(ProvinceMap.NameZh(u, classification), u.NameEn), u.HasData)).ToList());

    private static IResult MapFile(DashboardOptions options, IWebHostEnvironment environment)
    {
        var path = string.IsNullOrWhiteSpace(options.MapFile)
            ? Path.Combine(environment.WebRootPath, "lib", "china.geo.json")
            : Path.GetFullPath(options.MapFile);
        if (!File.Exists(path))
            return Results.Problem($"The map file {path} does not exist" + (string.IsNullOrWhiteSpace(options.MapFile) ? " (the build copies it from web/: rebuild Ballast.Web)." : " (setting Ballast:MapFile)."),
                statusCode: StatusCodes.Status500InternalServerError);
        return Results.File(path, "application/geo+json");
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Bulletin(DashboardData data, Classification classification, string period, string? lang = null)
    {
        if (!TryRelease(data, period, out var release, out var problem)) return problem!;
        var html = BulletinPage.Render(release!, data.Trend(release!), new CellNames(classification), lang == "en" ? BulletinLanguage.English : BulletinLanguage.Chinese);
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> BulletinAsPdf(DashboardData data, BulletinPdf printer, HttpContext http, string period, string? lang = null)
    {
        if (!TryRelease(data, period, out var release, out var problem)) return problem!;
        var page = "/bulletin/" + release!.Period.ToString() + (lang == "en" ? "?lang=en" : "");
        var result = await printer.PrintAsync(http, page, http.RequestAborted);
        return result.Pdf is { } pdf
            ? Results.File(pdf, "application/pdf", $"ballast-bulletin-{release.Period}.pdf")
            : Results.Problem(result.Error, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static bool TryRelease(DashboardData data, string? period, out ShownRelease? release, out ProblemHttpResult? problem)
    {
        release = null;
        problem = null;
        YearMonth? month = null;
        if (!string.IsNullOrEmpty(period))
        {
            if (!YearMonth.TryParse(period, out var m))
            {
                problem = TypedResults.Problem($"\"{period}\" is not a month in the form YYYY-MM.", statusCode: StatusCodes.Status400BadRequest);
                return false;
            }
            month = m;
        }
        release = data.Release(month);
        if (release is null)
            problem = TypedResults.Problem(month is null ? NoRelease : $"No release of {month} is stored.", statusCode: StatusCodes.Status404NotFound);
        return release is not null;
    }

    internal static FigureView Figure(ShownFigure? f, string measure) => f is null
        ? new FigureView(measure, null, "", "—")
        : new FigureView(measure, f.Value, f.Flag, Figures.Show(f.Value, f.Flag, measure));

    internal static CellView Cell(ShownRelease release, CellNames names, string breakdown, string cell) => new(
        breakdown, cell, names.Cell(breakdown, cell),
        release.Of(breakdown, cell).Select(f => Figure(f, f.Measure)).ToList(),
        Drilldown.Options(breakdown, cell));

    internal static DashboardView BuildSummary(DashboardData data, Classification classification, ShownRelease release)
    {
        var names = new CellNames(classification);
        var adjusted = data.Adjusted(release);
        string month = release.Period.ToString();
        var headline = new[] { ("total", "ALL"), ("hightech", "ALL"), ("equipment", "ALL"), ("size", "sme") }
            .Select(c => new HeadlineView(c.Item1, c.Item2, names.Cell(c.Item1, c.Item2),
                Figure(release.Find(c.Item1, c.Item2, "va_yoy_month"), "va_yoy_month"),
                Figure(release.Find(c.Item1, c.Item2, "va_yoy_ytd"), "va_yoy_ytd"),
                // Cells the release does not adjust (size) have none.
                adjusted?.Find(c.Item1, c.Item2, month) is { } sa ? Figure(sa, DashboardData.AdjustedMeasure) : null))
            .ToList();

        var trend = data.Trend(release);
        var series = new List<TrendSeriesView>();
        foreach (var (b, c) in DashboardData.TrendCells)
            foreach (var m in new[] { "va_yoy_month", "va_yoy_ytd" })
                series.Add(new TrendSeriesView(b, c, m, names.Cell(b, c),
                    trend.Select(p => Figure(p.Figures.FirstOrDefault(f => f.Breakdown == b && f.Cell == c && f.Measure == m), m)).ToList()));
        // The adjusted month-on-month growth of the whole industry over the same months, from the release's vintage.
        if (adjusted is not null)
            series.Add(new TrendSeriesView("total", "ALL", DashboardData.AdjustedMeasure, names.Cell("total", "ALL"),
                trend.Select(p => Figure(adjusted.Find("total", "ALL", p.Period.ToString()), DashboardData.AdjustedMeasure)).ToList()));

        // Ranked by pull, largest first; divisions whose pull is withheld (C) or empty (E) come last, by code.
        var divisions = release.Cells("division")
            .Select(d => (Cell: d, Pull: release.Find("division", d, "va_pull_month")?.Value))
            .OrderBy(d => d.Pull is null ? 1 : 0).ThenByDescending(d => d.Pull ?? 0).ThenBy(d => d.Cell, StringComparer.Ordinal)
            .Select(d => Cell(release, names, "division", d.Cell)).ToList();
        var provinces = release.Cells("province").Select(p => Cell(release, names, "province", p)).ToList();
        var products = release.Cells("product").Select(p => new ProductView(p, names.Cell("product", p), names.ProductUnit(p),
            release.Of("product", p).Select(f => Figure(f, f.Measure)).ToList())).ToList();
        var warnings = data.Warnings(release).Select(a => Warning(a, names)).ToList();
        return new DashboardView(release.Period.ToString(), release.Stored.Id, release.Stored.DataVersion, release.Stored.ComputedAt,
            data.Periods(), headline, new TrendView(trend.Select(p => p.Period.ToString()).ToList(), series, adjusted?.VintageId), divisions, provinces, products, warnings);
    }

    /// <summary>The rules word their messages in English; the Chinese interface says the same from the alert's fields.</summary>
    private static string WarningZh(WarningAlert a, CellNames names)
    {
        var severity = a.Severity switch { WarningSeverity.Critical => "红色预警", WarningSeverity.Warning => "黄色预警", _ => "关注" };
        var text = $"{severity}：{names.Cell(a.Breakdown, a.Cell).Zh}{CellNames.Measure(a.Measure).Zh}为{Figures.OneDecimal(a.Value)}";
        if (a.ParentValue is { } parent) text += $"，所属总体为{Figures.OneDecimal(parent)}";
        if (a.Threshold is { } threshold) text += $"（规则界限{Figures.OneDecimal(threshold)}）";
        return text + $"。规则：{a.RuleId}";
    }

    private static WarningView Warning(WarningAlert a, CellNames names) => new(
        a.RuleId, a.Severity.ToString().ToLowerInvariant(), a.Breakdown, a.Cell, names.Cell(a.Breakdown, a.Cell), a.Measure,
        Figures.OneDecimal(a.Value), new Name(WarningZh(a, names), a.Message),
        a.Drivers.Take(DriversShown).Select(d => new DriverView(d.Breakdown, d.Cell, names.Cell(d.Breakdown, d.Cell), d.Measure, Figures.OneDecimal(d.Pull),
            d.PullGap is { } gap ? Figures.OneDecimal(gap) : null,
            d.PullChange is { } change ? Figures.OneDecimal(change) : null, d.ChangeSince?.ToString())).ToList());

    /// <summary>
    /// The leading drivers a warning shows on the dashboard (the warnings API and the CLI give all): a slowing province
    /// has one candidate per division, and forty names in a line are read by no one (they were a third of the answer).
    /// </summary>
    public const int DriversShown = 5;
}
