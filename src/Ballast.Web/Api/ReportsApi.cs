using System.Text.Json;
using System.Text.Json.Serialization;
using Ballast.Core.Accounts;
using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Filing;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>
/// Monthly reports: an enterprise files (POST) and revises (PUT) its own, validated exactly as a row of an
/// imported reports.csv (the importer's own run, over the one report in memory) and stored through the group
/// commit of <see cref="ReportFilingQueue"/>; everyone in scope reads them and their revision history.
/// </summary>
public static class ReportsApi
{
    /// <summary>One problem of a filed report: the field (a reports.csv column), a stable code, a sentence.</summary>
    public sealed record FieldProblem(string Field, string Code, string Message);

    public sealed record FiledReport(string CreditCode, string Period, bool Revised, long ImportId, IReadOnlyList<FieldProblem> Warnings);

    public sealed record Revision(long ReplacedByImport, DateTimeOffset ReplacedAt, string User, IReadOnlyDictionary<string, string> OldValues);

    public sealed record History(ReportRow? Current, IReadOnlyList<Revision> Revisions);

    /// <summary>A monthly report with the field names of reports.csv (the names a filing uses).</summary>
    public sealed record ReportRow(
        [property: JsonPropertyName("credit_code")] string CreditCode,
        [property: JsonPropertyName("period")] string Period,
        [property: JsonPropertyName("output_value")] double OutputValue,
        [property: JsonPropertyName("sales_value")] double SalesValue,
        [property: JsonPropertyName("export_value")] double ExportValue,
        [property: JsonPropertyName("revenue")] double Revenue,
        [property: JsonPropertyName("profit")] double Profit,
        [property: JsonPropertyName("rd_expense")] double RdExpense,
        [property: JsonPropertyName("energy_tce")] double EnergyTce,
        [property: JsonPropertyName("water_m3")] double WaterM3,
        [property: JsonPropertyName("receivables")] double Receivables,
        [property: JsonPropertyName("overdue_receivables")] double OverdueReceivables,
        [property: JsonPropertyName("employees")] int Employees)
    {
        public static ReportRow Of(MonthlyReport r) => new(r.CreditCode, r.Period.ToString(), r.OutputValue, r.SalesValue, r.ExportValue, r.Revenue,
            r.Profit, r.RdExpense, r.EnergyTce, r.WaterM3, r.Receivables, r.OverdueReceivables, r.Employees);
    }

    public static void MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports");
        group.MapGet("/{creditCode}", List).ForSignedIn().WithSummary("An enterprise's monthly reports (in your scope).");
        group.MapPost("/{creditCode}", File).For(Role.Enterprise)
            .WithSummary("File this enterprise's report of a month: a JSON object with the reports.csv columns (period, output_value, …); errors as problem details.");
        group.MapPut("/{creditCode}/{period}", Revise).For(Role.Enterprise)
            .WithSummary("Revise a filed report (same fields and validation); the old values go to the revision history.");
        group.MapGet("/{creditCode}/{period}/history", ReadHistory).ForSignedIn().WithSummary("A report and its earlier versions, oldest first.");
    }

    private static Results<Ok<ReportRow[]>, ProblemHttpResult> List(string creditCode, HttpContext context, IBallastStore store, AuditTrail audit)
    {
        var caller = Caller.From(context.User)!;
        if (Scope.Check(caller, creditCode, store.FindEnterprise(creditCode), context, audit) is { } refused) return refused;
        audit.Microdata(context, $"reports of {creditCode}");
        return TypedResults.Ok(store.ReportsOf(creditCode).Select(ReportRow.Of).ToArray());
    }

    private static Results<Ok<History>, ProblemHttpResult, ValidationProblem> ReadHistory(string creditCode, string period, HttpContext context, IBallastStore store, AuditTrail audit)
    {
        var caller = Caller.From(context.User)!;
        if (Scope.Check(caller, creditCode, store.FindEnterprise(creditCode), context, audit) is { } refused) return refused;
        if (!YearMonth.TryParse(period, out _)) return ReleasesApi.BadPeriod(period);
        var current = store.ReportsOf(creditCode).Where(r => r.Period.ToString() == period).Select(ReportRow.Of).FirstOrDefault();
        var revisions = store.Revisions(FileKind.Reports, creditCode + "|" + period)
            .Select(r => new Revision(r.ReplacedByImport, r.ReplacedAt, r.User, r.OldValues)).ToArray();
        audit.Microdata(context, $"report history {creditCode} {period}");
        return TypedResults.Ok(new History(current, revisions));
    }

    private static async Task<Results<Created<FiledReport>, ProblemHttpResult>> File(string creditCode, JsonElement body, HttpContext context,
        IBallastStore store, AuditTrail audit, ReportFilingQueue filing) =>
        await Submit(creditCode, null, body, revise: false, context, store, audit, filing) is var (created, problem) && problem is null
            ? TypedResults.Created($"/api/reports/{creditCode}/{created!.Period}/history", created) : problem!;

    private static async Task<Results<Ok<FiledReport>, ProblemHttpResult>> Revise(string creditCode, string period, JsonElement body, HttpContext context,
        IBallastStore store, AuditTrail audit, ReportFilingQueue filing) =>
        await Submit(creditCode, period, body, revise: true, context, store, audit, filing) is var (revised, problem) && problem is null
            ? TypedResults.Ok(revised!) : problem!;

    private static async Task<(FiledReport?, ProblemHttpResult?)> Submit(string creditCode, string? period, JsonElement body, bool revise,
        HttpContext context, IBallastStore store, AuditTrail audit, ReportFilingQueue filing)
    {
        var caller = Caller.From(context.User)!;
        // An enterprise's scope is its own credit code: filing its own report needs no lookup (the register check
        // is part of the validation); anyone else goes through the usual scope check and its refusal.
        if (!(caller.Role == Role.Enterprise && string.Equals(caller.Scope, creditCode, StringComparison.Ordinal))
            && Scope.Check(caller, creditCode, store.FindEnterprise(creditCode), context, audit) is { } refused) return (null, refused);
        if (body.ValueKind != JsonValueKind.Object)
            return (null, Invalid([new FieldProblem("", "E_NOT_AN_OBJECT", "the report is a JSON object with the columns of reports.csv")]));
        var columns = FileKinds.Columns(FileKind.Reports);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<FieldProblem>();
        foreach (var p in body.EnumerateObject())
        {
            if (!columns.Contains(p.Name)) { problems.Add(new FieldProblem(p.Name, "E_UNKNOWN_FIELD", $"\"{p.Name}\" is not a field of a monthly report ({string.Join(", ", columns)})")); continue; }
            values[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString()!,
                JsonValueKind.Number => p.Value.GetRawText(),
                JsonValueKind.Null => "",
                _ => p.Value.GetRawText(),
            };
        }
        if (values.TryGetValue("credit_code", out var code) && code != creditCode)
            problems.Add(new FieldProblem("credit_code", "E_OTHER_ENTERPRISE", $"the report names {code}, but is filed for {creditCode}"));
        values["credit_code"] = creditCode;
        if (period is not null)
        {
            if (values.TryGetValue("period", out var p) && p != period)
                problems.Add(new FieldProblem("period", "E_OTHER_PERIOD", $"the report is for {p}, but revises {period}"));
            values["period"] = period;
        }
        if (problems.Count > 0) return (null, Invalid(problems));
        if (!values.TryGetValue("period", out var periodText) || !YearMonth.TryParse(periodText, out var month))
            return (null, Invalid([new FieldProblem("period", "E_PERIOD", $"the period is written YYYY-MM; got \"{values.GetValueOrDefault("period")}\"")]));

        // Validated with the importer's rules and stored by the filing queue's writer, which commits many
        // concurrent filings at once (and their audit records with them) and answers after the commit.
        var entry = audit.Entry(context, AuditActions.Import, "ok", $"{(revise ? "revised" : "filed")} report {creditCode} {month}");
        var result = await filing.FileAsync(new ReportFiling(caller.UserName, values, revise ? FilingMode.Revision : FilingMode.New, entry)).ConfigureAwait(false);
        return result.Status switch
        {
            FilingStatus.Stored => (new FiledReport(creditCode, month.ToString(), revise, result.FilingId,
                [.. result.Warnings.Select(w => new FieldProblem(w.Column ?? "", w.Code, w.Message))]), null),
            FilingStatus.AlreadyFiled => (null, TypedResults.Problem($"{creditCode} has filed {month} already: revise it with PUT /api/reports/{creditCode}/{month}.", statusCode: StatusCodes.Status409Conflict, title: "Report filed already")),
            FilingStatus.NotFiled => (null, TypedResults.Problem($"{creditCode} has not filed {month} yet: file it with POST /api/reports/{creditCode}.", statusCode: StatusCodes.Status404NotFound, title: "No such report")),
            _ => (null, Invalid([.. result.Errors.Select(e => new FieldProblem(e.Column ?? "", ErrorCode(e), e.Message))])),
        };
    }

    /// <summary>The code of a report's error in the API: a problem of one field, or of the report as a whole.</summary>
    public static string ErrorCode(ImportProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Column is null ? "E_INVALID_REPORT" : "E_INVALID_VALUE";
    }

    private static ProblemHttpResult Invalid(IReadOnlyList<FieldProblem> problems) =>
        TypedResults.Problem("The report was not stored: " + string.Join("; ", problems.Select(p => p.Field.Length > 0 ? $"{p.Field}: {p.Message}" : p.Message)),
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "The report has errors",
            extensions: new Dictionary<string, object?> { ["errors"] = problems });
}
