using Ballast.Web.Access;

namespace Ballast.Web.Programs;

/// <summary>
/// The pages of the programs and of the arrears owed to SMEs: plain HTML, CSS and JavaScript embedded in this
/// assembly, in the look of the filing pages and with their helpers (/filing/assets/common.js, filing.css).
/// <c>/programs</c> and <c>/arrears</c> are the enterprise's; <c>/programs/review</c> and <c>/arrears/review</c> the
/// reviewers' (a provincial analyst its province, a national analyst the ministry). The pages themselves are public
/// shells, as the filing pages are: the data behind them comes from the programs and arrears API, which checks the
/// role and scope of every call, and each page sends a user of another role away.
/// </summary>
public static class ProgramPages
{
    private const string Prefix = "Ballast.Web.Programs.";

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    public static void MapProgramPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/programs", () => Page("programs.html")).ForAnyone().ExcludeFromDescription();
        app.MapGet("/programs/review", () => Page("program-review.html")).ForAnyone().ExcludeFromDescription();
        app.MapGet("/arrears", () => Page("arrears.html")).ForAnyone().ExcludeFromDescription();
        app.MapGet("/arrears/review", () => Page("arrears-review.html")).ForAnyone().ExcludeFromDescription();
        app.MapGet("/programs/assets/{name}", (string name) => Page(name)).ForAnyone().ExcludeFromDescription();
    }

    private static IResult Page(string name)
    {
        if (!Types.TryGetValue(Path.GetExtension(name), out string? type) || name.Contains('/', StringComparison.Ordinal)) return TypedResults.NotFound();
        var stream = typeof(ProgramPages).Assembly.GetManifestResourceStream(Prefix + name);
        return stream is null ? TypedResults.NotFound() : TypedResults.Stream(stream, type);
    }
}
