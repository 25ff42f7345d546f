using Ballast.Core.Accounts;
using Ballast.Core.Classifications;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Web.Access;
using Ballast.Web.Filing;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>
/// The enterprise's filing page's API: who it is, the period due and its deadline, its last reports and its
/// reminders; and the Chinese renderings of the problems the reports API returns (the form shows the server's
/// own validation in either language). Filing itself goes through <see cref="ReportsApi"/>.
/// </summary>
public static class FilingApi
{
    /// <summary>What the filing page shows: the enterprise, the period due, whether it is filed, recent reports, reminders.</summary>
    public sealed record FilingOverview(
        string CreditCode, string Name, string Province, string ProvinceNameZh, string ProvinceNameEn,
        string Division, string DivisionNameZh, string DivisionNameEn,
        string PeriodDue, DateTimeOffset Deadline, bool Filed, IReadOnlyList<ReportView> Reports, IReadOnlyList<ReminderView> Reminders);

    /// <summary>A filed report as the page shows it (the period as YYYY-MM).</summary>
    public sealed record ReportView(
        string Period, double OutputValue, double SalesValue, double ExportValue, double Revenue, double Profit, double RdExpense,
        double EnergyTce, double WaterM3, double Receivables, double OverdueReceivables, int Employees)
    {
        internal static ReportView Of(MonthlyReport r) => new(r.Period.ToString(), r.OutputValue, r.SalesValue, r.ExportValue, r.Revenue, r.Profit,
            r.RdExpense, r.EnergyTce, r.WaterM3, r.Receivables, r.OverdueReceivables, r.Employees);
    }

    public sealed record ReminderView(long Id, string Period, string SentBy, DateTimeOffset SentAt);

    /// <summary>A problem as the reports API returns it (field, code, English sentence).</summary>
    public sealed record ProblemIn(string? Field, string? Code, string? Message);

    /// <summary>A problem in both languages, with its specific code.</summary>
    public sealed record ProblemText(string Field, string Code, string Message, string MessageZh);

    /// <summary>Maps the filing page's API, response monitoring's API and the pages (one line in ApiRoutes).</summary>
    public static void MapFilingAndResponses(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/filing").WithTags("Filing");
        group.MapGet("/", Overview).For(Role.Enterprise)
            .WithSummary("The signed-in enterprise's filing page: the period due and its deadline, its last 12 reports, its reminders.");
        group.MapGet("/reminders", MyReminders).For(Role.Enterprise).WithSummary("The signed-in enterprise's reminders, newest first.");
        group.MapGet("/history/{period}", MyHistory).For(Role.Enterprise)
            .WithSummary("The revision history of one of the signed-in enterprise's reports (earlier values, oldest first).");
        group.MapPost("/messages", Messages).ForSignedIn()
            .WithSummary("Problems of a filed report (as the reports API returns them) with specific codes and Chinese sentences.");
        app.MapResponsesApi();
        app.MapFilingPages();
    }

    internal static ResponseMonitoring Monitoring(IBallastStore store, IConfiguration configuration, TimeProvider clock) =>
        new(store, new ResponseMonitoringOptions
        {
            DeadlineDay = configuration.GetValue("Ballast:Responses:DeadlineDay", 10),
            InactiveAfterMonths = configuration.GetValue("Ballast:Responses:InactiveAfterMonths", 3),
        }, clock);

    private static Results<Ok<FilingOverview>, ProblemHttpResult> Overview(HttpContext context, IBallastStore store, IConfiguration configuration, TimeProvider clock, AuditTrail audit)
    {
        var caller = Caller.From(context.User)!;
        var firm = store.FindEnterprise(caller.Scope);
        if (firm is null)
            return TypedResults.Problem($"Your account names enterprise {caller.Scope}, which is not in the register; ask the statistics office.",
                statusCode: StatusCodes.Status404NotFound, title: "Enterprise not in the register");
        var monitoring = Monitoring(store, configuration, clock);
        var due = monitoring.PeriodDue();
        var reports = store.ReportsOf(firm.CreditCode);
        var names = Classification.Default;
        var province = names.ProvinceByCode.GetValueOrDefault(firm.Province);
        var division = names.DivisionByCode.GetValueOrDefault(firm.Division);
        audit.Microdata(context, $"filing page of {firm.CreditCode}");
        return TypedResults.Ok(new FilingOverview(firm.CreditCode, firm.Name, firm.Province, province?.NameZh ?? "", province?.NameEn ?? "",
            firm.Division, division?.NameZh ?? "", division?.NameEn ?? "", due.ToString(), monitoring.Deadline(due),
            reports.Any(r => r.Period == due), [.. reports.TakeLast(12).Reverse().Select(ReportView.Of)], RemindersOf(store, firm.CreditCode)));
    }

    private static ReminderView[] RemindersOf(IBallastStore store, string creditCode) =>
        [.. store.Reminders(creditCode, null).Select(r => new ReminderView(r.Id, r.Period.ToString(), r.SentBy, r.SentAt))];

    private static Ok<ReminderView[]> MyReminders(HttpContext context, IBallastStore store) =>
        TypedResults.Ok(RemindersOf(store, Caller.From(context.User)!.Scope));

    /// <summary>An earlier version of a report: when it was replaced, by whom, its values.</summary>
    public sealed record RevisionView(long ReplacedByImport, DateTimeOffset ReplacedAt, string User, IReadOnlyDictionary<string, string> OldValues);

    private static Results<Ok<RevisionView[]>, ProblemHttpResult> MyHistory(string period, HttpContext context, IBallastStore store)
    {
        if (!Ballast.Statistics.Periods.YearMonth.TryParse(period, out var month))
            return TypedResults.Problem($"period \"{period}\" is not a month; write YYYY-MM", statusCode: StatusCodes.Status400BadRequest, title: "Bad period");
        string code = Caller.From(context.User)!.Scope;
        return TypedResults.Ok(store.Revisions(FileKind.Reports, code + "|" + month.ToString())
            .Select(r => new RevisionView(r.ReplacedByImport, r.ReplacedAt, r.User, r.OldValues)).ToArray());
    }

    private static Results<Ok<ProblemText[]>, ProblemHttpResult> Messages(ProblemIn[]? problems) =>
        problems is null
            ? TypedResults.Problem("Send the problems to word as a JSON array of {field, code, message}.", statusCode: StatusCodes.Status400BadRequest)
            : TypedResults.Ok(problems.Select(p =>
        {
            string field = p.Field ?? "", code = p.Code ?? "", message = p.Message ?? "";
            return new ProblemText(field, ReportProblemText.Code(code, message), message, ReportProblemText.Chinese(field, code, message) ?? message);
        }).ToArray());
}
