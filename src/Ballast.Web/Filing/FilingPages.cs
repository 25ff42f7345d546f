using Ballast.Web.Access;

namespace Ballast.Web.Filing;

/// <summary>
/// The sign-in, filing and response-monitoring pages: plain HTML, CSS and JavaScript embedded in this assembly
/// (no build step), served at <c>/signin</c>, <c>/filing</c>, <c>/responses</c> and <c>/filing/assets/…</c>.
/// The pages are public; the data behind them is not (each page signs the user in or sends it to /signin).
/// </summary>
public static class FilingPages
{
    private const string Prefix = "Ballast.Web.Filing.";

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    public static void MapFilingPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", () => Page("signin.html")).ForAnyone().ExcludeFromDescription();
        app.MapGet("/filing", () => Page("filing.html")).ForAnyone().ExcludeFromDescription();
        app.MapGet("/responses", () => Page("responses.html")).ForAnyone().ExcludeFromDescription();
        app.MapGet("/filing/assets/{name}", (string name) => Page(name)).ForAnyone().ExcludeFromDescription();
    }

    private static IResult Page(string name)
    {
        string extension = Path.GetExtension(name);
        if (!Types.TryGetValue(extension, out string? type) || name.Contains('/', StringComparison.Ordinal)) return TypedResults.NotFound();
        var stream = typeof(FilingPages).Assembly.GetManifestResourceStream(Prefix + name);
        if (stream is null) return TypedResults.NotFound();
        return TypedResults.Stream(stream, type);
    }

}
