using Ballast.Core.Accounts;
using Ballast.Core.Classifications;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>
/// Response monitoring for provincial analysts (their province), national analysts and statisticians (all):
/// response rates of a period by province and division, the non-filers after the deadline, and in-app reminders.
/// </summary>
public static class ResponsesApi
{
    public sealed record RateView(string Code, string NameZh, string NameEn, int Expected, int Filed, double? Rate);

    public sealed record NonFilerView(string CreditCode, string Name, string Province, string Division, string? LatestFiled, int RemindersSent);

    /// <summary>
    /// A period's response: rates (whole scope, by province, by division); non-filers from <see cref="Offset"/>
    /// (at most <c>limit</c>), <see cref="NonFilerCount"/> in all. Before the deadline the non-filers have not
    /// filed yet; after it they have not filed by the deadline.
    /// </summary>
    public sealed record ResponseView(
        string Period, string? Province, DateTimeOffset Deadline, DateTimeOffset AsOf, bool PastDeadline,
        RateView Total, IReadOnlyList<RateView> ByProvince, IReadOnlyList<RateView> ByDivision,
        int NonFilerCount, int Offset, IReadOnlyList<NonFilerView> NonFilers);

    /// <summary>The body of a reminder request: the enterprises to remind (null or absent: every non-filer in scope).</summary>
    public sealed record ReminderRequest(string[]? CreditCodes);

    public sealed record RefusedView(string CreditCode, string Reason);

    /// <summary>A stored reminder: who sent it to whom, when, for which period.</summary>
    public sealed record ReminderView(long Id, string Period, string CreditCode, string SentBy, DateTimeOffset SentAt)
    {
        internal static ReminderView Of(Reminder r) => new(r.Id, r.Period.ToString(), r.CreditCode, r.SentBy, r.SentAt);
    }

    public sealed record RemindersSent(string Period, int Count, IReadOnlyList<ReminderView> Reminders, IReadOnlyList<RefusedView> Skipped);

    private static readonly Role[] Monitors = [Role.ProvincialAnalyst, Role.NationalAnalyst, Role.Statistician];

    internal static void MapResponsesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/responses").WithTags("Responses");
        group.MapGet("/", Read).For(Monitors)
            .WithSummary("Response rates of a period (?period=YYYY-MM, default the period due) by province and division, and the non-filers (?province=, ?offset=, ?limit=).");
        group.MapPost("/{period}/reminders", Remind).For(Monitors)
            .WithSummary("Send in-app reminders of a period to non-filers in your scope after the deadline: {\"creditCodes\": [...]} or {} for all.");
        group.MapGet("/{period}/reminders", Reminders).For(Monitors).WithSummary("The reminders of a period sent in your scope, newest first.");
    }

    /// <summary>The province the caller may look at: its own for a provincial analyst, the asked one (or all) otherwise.</summary>
    private static (string? Province, ProblemHttpResult? Refused) ScopeOf(Caller caller, string? asked, HttpContext context, AuditTrail audit)
    {
        if (caller.Role != Role.ProvincialAnalyst) return (string.IsNullOrEmpty(asked) ? null : asked, null);
        if (string.IsNullOrEmpty(asked) || asked == caller.Scope) return (caller.Scope, null);
        audit.Refused(context, $"provincial_analyst {caller.Scope} asked for the responses of province {asked}");
        return (null, TypedResults.Problem($"Your account sees province {caller.Scope} only.", statusCode: StatusCodes.Status403Forbidden, title: "Outside your scope"));
    }

    private static Results<Ok<ResponseView>, ProblemHttpResult> Read(string? period, string? province, int? offset, int? limit,
        HttpContext context, IBallastStore store, IConfiguration configuration, TimeProvider clock, AuditTrail audit)
    {
        var caller = Caller.From(context.User)!;
        var (scope, refused) = ScopeOf(caller, province, context, audit);
        if (refused is not null) return refused;
        var monitoring = FilingApi.Monitoring(store, configuration, clock);
        YearMonth month;
        if (string.IsNullOrEmpty(period)) month = monitoring.PeriodDue();
        else if (!YearMonth.TryParse(period, out month))
            return TypedResults.Problem($"period \"{period}\" is not a month; write YYYY-MM, e.g. 2025-03", statusCode: StatusCodes.Status400BadRequest, title: "Bad period");
        int from = Math.Max(0, offset ?? 0), count = Math.Clamp(limit ?? 200, 1, 5000);
        var report = monitoring.Report(month, scope);
        audit.Microdata(context, $"responses {month} {scope ?? "all"}");
        var names = Classification.Default;
        RateView ProvinceRate(ResponseRate r) => new(r.Code, names.ProvinceByCode.GetValueOrDefault(r.Code)?.NameZh ?? "", names.ProvinceByCode.GetValueOrDefault(r.Code)?.NameEn ?? "", r.Expected, r.Filed, r.Rate);
        RateView DivisionRate(ResponseRate r) => new(r.Code, names.DivisionByCode.GetValueOrDefault(r.Code)?.NameZh ?? "", names.DivisionByCode.GetValueOrDefault(r.Code)?.NameEn ?? "", r.Expected, r.Filed, r.Rate);
        return TypedResults.Ok(new ResponseView(month.ToString(), scope, report.Deadline, report.AsOf, report.PastDeadline,
            new RateView(report.Total.Code, "", "", report.Total.Expected, report.Total.Filed, report.Total.Rate),
            [.. report.ByProvince.Select(ProvinceRate)], [.. report.ByDivision.Select(DivisionRate)],
            report.NonFilers.Count, from,
            [.. report.NonFilers.Skip(from).Take(count).Select(n => new NonFilerView(n.CreditCode, n.Name, n.Province, n.Division, n.LatestFiled?.ToString(), n.RemindersSent))]));
    }

    private static Results<Ok<RemindersSent>, ProblemHttpResult> Remind(string period, ReminderRequest? request,
        HttpContext context, IBallastStore store, IConfiguration configuration, TimeProvider clock, AuditTrail audit)
    {
        var caller = Caller.From(context.User)!;
        if (!YearMonth.TryParse(period, out var month))
            return TypedResults.Problem($"period \"{period}\" is not a month; write YYYY-MM, e.g. 2025-03", statusCode: StatusCodes.Status400BadRequest, title: "Bad period");
        string? scope = caller.Role == Role.ProvincialAnalyst ? caller.Scope : null;
        var outcome = FilingApi.Monitoring(store, configuration, clock).Remind(month, scope, request?.CreditCodes, caller.UserName);
        var refusals = outcome.Refused.Select(r => new RefusedView(r.CreditCode, r.Reason)).ToArray();
        if (outcome.Sent.Count == 0 && refusals.Length > 0)
        {
            var outside = refusals.Where(r => r.Reason.StartsWith("not in province", StringComparison.Ordinal)).ToArray();
            if (outside.Length > 0)
            {
                audit.Refused(context, $"provincial_analyst {caller.Scope} tried to remind {string.Join(", ", outside.Select(o => o.CreditCode))} of {month}");
                return TypedResults.Problem($"Outside your province {caller.Scope}: {string.Join(", ", outside.Select(o => o.CreditCode))}. No reminder was sent.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Outside your scope",
                    extensions: new Dictionary<string, object?> { ["refused"] = refusals });
            }
            return TypedResults.Problem("No reminder was sent: " + string.Join("; ", refusals.Select(r => r.CreditCode.Length == 0 ? r.Reason : $"{r.CreditCode}: {r.Reason}")),
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Reminders refused",
                extensions: new Dictionary<string, object?> { ["refused"] = refusals });
        }
        audit.Record(context, AuditActions.Account, "ok", $"{outcome.Sent.Count} reminders of {month} sent");
        return TypedResults.Ok(new RemindersSent(month.ToString(), outcome.Sent.Count, [.. outcome.Sent.Select(ReminderView.Of)], refusals));
    }

    private static Results<Ok<ReminderView[]>, ProblemHttpResult> Reminders(string period, HttpContext context, IBallastStore store)
    {
        var caller = Caller.From(context.User)!;
        if (!YearMonth.TryParse(period, out var month))
            return TypedResults.Problem($"period \"{period}\" is not a month; write YYYY-MM, e.g. 2025-03", statusCode: StatusCodes.Status400BadRequest, title: "Bad period");
        var all = store.Reminders(null, month);
        if (caller.Role == Role.ProvincialAnalyst)
        {
            var mine = store.FilingRecords(month, caller.Scope).Select(r => r.CreditCode).ToHashSet(StringComparer.Ordinal);
            all = [.. all.Where(r => mine.Contains(r.CreditCode))];
        }
        return TypedResults.Ok(all.Select(ReminderView.Of).ToArray());
    }
}
