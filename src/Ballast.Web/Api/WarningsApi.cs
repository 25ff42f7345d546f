using System.Collections.Concurrent;
using Ballast.Core.Monitoring;
using Ballast.Core.Publishing;
using Ballast.Core.Releases;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>
/// The warnings of a period (built-in rules). Users without rights to confidential figures get them only for a
/// published period and in the published view (a confidential cell is never alerted nor named as a driver).
/// </summary>
public static class WarningsApi
{
    /// <summary>
    /// A driver cell; <c>PullGap</c> (a province against the national figure only) is its pull less the national pull of
    /// its division, <c>PullChange</c> (a fall or a turn only) its pull less its pull at <c>ChangeSince</c>.
    /// </summary>
    public sealed record Driver(string Breakdown, string Cell, string Measure, double Pull, double? PullGap, double? PullChange, string? ChangeSince);

    public sealed record Warning(string RuleId, string Severity, string Period, string Breakdown, string Cell, string Measure,
        double Value, double? Threshold, double? ParentValue, string Message, IReadOnlyList<Driver> Drivers);

    /// <summary>Evaluations keyed by period, data version and view: the same data give the same warnings.</summary>
    public sealed class Cache
    {
        internal ConcurrentDictionary<(string, long, ReleaseView), Lazy<Warning[]>> Entries { get; } = new();
    }

    public static void MapWarningsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/warnings/{period}", Read).WithTags("Warnings").ForSignedIn()
            .WithSummary("The warnings of a period with their drivers (published view unless you may see confidential figures).");
    }

    private static Results<Ok<Warning[]>, ProblemHttpResult, ValidationProblem> Read(string period, HttpContext context, IBallastStore store,
        PublishedReleases published, Cache cache, AuditTrail audit)
    {
        if (!YearMonth.TryParse(period, out var month)) return ReleasesApi.BadPeriod(period);
        var caller = Caller.From(context.User)!;
        if (!caller.SeesConfidentialFigures && published.Latest(period) is null)
            return TypedResults.Problem($"There is no published release of {period}.", statusCode: StatusCodes.Status404NotFound, title: "No such release");
        var view = caller.SeesConfidentialFigures ? ReleaseView.Confidential : ReleaseView.Published;
        long dataVersion = store.DataVersion();
        var warnings = cache.Entries.GetOrAdd((period, dataVersion, view), _ => new Lazy<Warning[]>(() =>
        {
            var population = ReleaseService.LoadPopulation(store);
            return [.. WarningService.Evaluate(population, month, WarningRules.LoadBuiltIn(), view).Select(ToDto)];
        })).Value;
        if (view == ReleaseView.Confidential) audit.Microdata(context, $"unsuppressed warnings of {period}");
        return TypedResults.Ok(warnings);
    }

    private static Warning ToDto(WarningAlert a) => new(a.RuleId, a.Severity.ToString().ToLowerInvariant(), a.Period.ToString(), a.Breakdown, a.Cell, a.Measure,
        a.Value, a.Threshold, a.ParentValue, a.Message, [.. a.Drivers.Select(d => new Driver(d.Breakdown, d.Cell, d.Measure, d.Pull, d.PullGap, d.PullChange, d.ChangeSince?.ToString()))]);
}
