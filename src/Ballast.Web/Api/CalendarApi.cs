using Ballast.Core.Accounts;
using Ballast.Core.Publishing;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>The release calendar: when each period's release is published (its embargo). Public; set by statisticians.</summary>
public static class CalendarApi
{
    public sealed record EmbargoRequest(DateTimeOffset? EmbargoAt);

    public static void MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar");
        group.MapGet("/", (IBallastStore store) => TypedResults.Ok(store.Calendar().ToArray())).ForAnyone()
            .WithSummary("The release calendar: period and embargo time (UTC) of each release.");
        group.MapPut("/{period}", SetEmbargo).For(Role.Statistician)
            .WithSummary("Set or move a period's embargo (ISO 8601 time with offset); refused once the period is published.");
    }

    private static Results<Ok<CalendarEntry>, ProblemHttpResult, ValidationProblem> SetEmbargo(string period, EmbargoRequest request,
        HttpContext context, IBallastStore store, PublishedReleases published, AuditTrail audit, TimeProvider clock)
    {
        if (!YearMonth.TryParse(period, out var month)) return ReleasesApi.BadPeriod(period);
        if (request.EmbargoAt is not { } at)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["embargoAt"] = ["give the embargo time, e.g. \"2026-01-16T10:00:00+08:00\""] });
        try
        {
            var entry = ReleasePublishing.SetEmbargo(store, month, at, Caller.From(context.User)!.UserName, clock.GetUtcNow());
            published.Invalidate();
            audit.Record(context, AuditActions.Publishing, "ok", $"embargo of {period} set to {at:O}");
            return TypedResults.Ok(entry);
        }
        catch (PublishingException e)
        {
            audit.Record(context, AuditActions.Publishing, "refused", e.Message);
            return ReleasesApi.Refused(e);
        }
    }
}
