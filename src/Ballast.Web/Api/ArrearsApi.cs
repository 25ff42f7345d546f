using System.Globalization;
using Ballast.Core.Accounts;
using Ballast.Core.Arrears;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>
/// Arrears owed to SMEs (docs/arrears.md, docs/api-programs.md): an SME registers its cases; the debtor's province
/// accepts, works on and closes them; the ministry (national analyst) escalates the overdue ones; statistics and the
/// link to the monthly reports for the reviewers. Scope rules live in <see cref="ArrearsService"/>; its refusals map
/// to 400 (invalid input, every problem listed), 403, 404 and 409 problem details.
/// </summary>
public static class ArrearsApi
{
    /// <summary>The audit log's action for arrears steps (registration, handling, escalation).</summary>
    public const string AuditAction = "arrears";

    /// <summary>A registration: <c>creditCode</c> defaults to the caller's; dates YYYY-MM-DD; amount in 10,000 yuan; debtorType a code (government, institution, soe, large).</summary>
    public sealed record NewCase(string? CreditCode, string? DebtorName, string? DebtorType, string? Province, decimal? Amount, string? ContractDate, string? DueDate);

    /// <summary>A handling step: a note; for a closure the outcome (paid, partly_paid, disputed, withdrawn) and, when partly paid, the amount paid.</summary>
    public sealed record CaseStep(string? Note, string? Outcome, decimal? Paid);

    public sealed record Case(
        long Id, string CreditCode, string DebtorName, string DebtorType, string Province, decimal Amount, DateOnly ContractDate, DateOnly DueDate,
        DateTimeOffset RegisteredAt, DateTimeOffset HandlingDeadline, string State, string Status, decimal PaidAmount, DateTimeOffset? ClosedAt,
        int EscalationLevel, DateTimeOffset? EscalatedAt, bool Overdue);

    public sealed record CaseStepRecord(int Seq, DateTimeOffset At, string User, string Role, string Action, string? From, string To, string Detail);

    public sealed record CaseWithHistory(Case Case, IReadOnlyList<CaseStepRecord> History);

    public sealed record ProvinceDebtorTally(string Province, string DebtorType, ArrearsTally Tally);

    public sealed record Statistics(DateTimeOffset AsOf, ArrearsTally Total, IReadOnlyDictionary<string, ArrearsTally> ByDebtorType,
        IReadOnlyDictionary<string, ArrearsTally> ByProvince, IReadOnlyList<ProvinceDebtorTally> ByProvinceAndDebtorType);

    public sealed record LinkWarning(string Code, string CreditCode, string EnterpriseName, string Period, decimal Outstanding, double Reported, int OpenCases, string Message);

    public static void MapArrearsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/arrears").WithTags("Arrears");
        g.MapPost("/cases", Register).For(Role.Enterprise)
            .WithSummary("The SME registers a case against a debtor that has not paid it on time; every problem of the input is listed (400).");
        g.MapGet("/cases", List).ForSignedIn()
            .WithSummary("Cases in your scope: an enterprise its own, a province those assigned to it, national roles all; ?overdue=true for those past their deadline.");
        g.MapGet("/cases/{id:long}", Read).ForSignedIn().WithSummary("One case in your scope, with its history.");
        g.MapPost("/cases/{id:long}/accept", Accept).For(Role.ProvincialAnalyst, Role.NationalAnalyst)
            .WithSummary("The debtor's province (or the ministry) accepts a registered case.");
        g.MapPost("/cases/{id:long}/start", Start).For(Role.ProvincialAnalyst, Role.NationalAnalyst)
            .WithSummary("The debtor's province (or the ministry) starts work on an accepted case.");
        g.MapPost("/cases/{id:long}/close", Close).For(Role.Enterprise, Role.ProvincialAnalyst, Role.NationalAnalyst)
            .WithSummary("Closes a case: {\"outcome\": paid|partly_paid|disputed|withdrawn, \"paid\": amount when partly paid}; the SME may only withdraw its own.");
        g.MapPost("/escalation", Escalate).For(Role.NationalAnalyst)
            .WithSummary("The ministry raises the escalation level of every open case past its handling deadline; answers with the cases escalated.");
        g.MapGet("/statistics", ReadStatistics).For(Role.ProvincialAnalyst, Role.NationalAnalyst)
            .WithSummary("Cases and amounts registered, cleared and outstanding, by debtor type and province (a province: its own cases).");
        g.MapGet("/link-check", LinkCheck).For(Role.ProvincialAnalyst, Role.NationalAnalyst)
            .WithSummary("Months where an SME's open registered cases exceed the overdue receivables it reported (?period=YYYY-MM for one month).");
    }

    /// <summary>The arrears' acting user of a caller: national analysts, statisticians and administrators act as the ministry.</summary>
    internal static ActingUser Actor(Caller caller) => caller.Role switch
    {
        Role.Enterprise => new ActingUser(caller.UserName, UserRole.Enterprise, CreditCode: caller.Scope),
        Role.ProvincialAnalyst => new ActingUser(caller.UserName, UserRole.Province, Province: caller.Scope),
        _ => ActingUser.Ministry(caller.UserName),
    };

    private static ArrearsService Service(IBallastStore store, TimeProvider clock) => new(store, clock);

    internal static Case Dto(ArrearsCase c, DateTimeOffset now) => new(c.Id, c.CreditCode, c.DebtorName, ArrearsCodes.Code(c.DebtorType), c.Province, c.Amount,
        c.ContractDate, c.DueDate, c.RegisteredAt, c.HandlingDeadline, ArrearsCodes.Code(c.State), c.StatusCode, c.PaidAmount, c.ClosedAt,
        c.EscalationLevel, c.EscalatedAt, c.IsOverdueAt(now));

    private static Caller CallerOf(HttpContext context) => Caller.From(context.User)!;

    /// <summary>Runs a service call; an <see cref="ArrearsException"/> becomes 400/403/404/409 with every problem listed (a 403 is audited).</summary>
    private static Results<Ok<T>, ProblemHttpResult> Run<T>(HttpContext context, AuditTrail audit, Func<T> call, string? done = null)
    {
        try
        {
            var value = call();
            if (done is not null) audit.Record(context, AuditAction, "ok", done);
            return TypedResults.Ok(value);
        }
        catch (ArrearsException e)
        {
            return Problem(context, audit, e);
        }
    }

    private static ProblemHttpResult Problem(HttpContext context, AuditTrail audit, ArrearsException e)
    {
        var (status, title) = e.Kind switch
        {
            ArrearsErrorKind.Invalid => (StatusCodes.Status400BadRequest, "The request has errors"),
            ArrearsErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed"),
            ArrearsErrorKind.NotFound => (StatusCodes.Status404NotFound, "No such case"),
            _ => (StatusCodes.Status409Conflict, "Not possible now"),
        };
        if (e.Kind == ArrearsErrorKind.Forbidden) audit.Refused(context, e.Message);
        return TypedResults.Problem(e.Message, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["errors"] = e.Problems });
    }

    private static ProblemHttpResult Invalid(IReadOnlyList<string> problems) =>
        TypedResults.Problem(string.Join("; ", problems), statusCode: StatusCodes.Status400BadRequest, title: "The request has errors",
            extensions: new Dictionary<string, object?> { ["errors"] = problems });

    private static Results<Created<Case>, ProblemHttpResult> Register(NewCase body, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit)
    {
        var caller = CallerOf(context);
        var problems = new List<string>();
        var type = default(DebtorType);
        if (!ArrearsCodes.TryParseDebtorType(body.DebtorType, out type))
            problems.Add($"debtor_type: \"{body.DebtorType}\" is not one of {string.Join(", ", ArrearsCodes.DebtorTypes.Select(ArrearsCodes.Code))}");
        DateOnly contract = default;
        if (!DateOnly.TryParseExact(body.ContractDate ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out contract))
            problems.Add($"contract_date: \"{body.ContractDate}\" is not a date written YYYY-MM-DD");
        DateOnly? due = null;
        if (!string.IsNullOrEmpty(body.DueDate))
        {
            if (DateOnly.TryParseExact(body.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) due = d;
            else problems.Add($"due_date: \"{body.DueDate}\" is not a date written YYYY-MM-DD (or leave it out: the contract date plus the payment term)");
        }
        if (body.Amount is null) problems.Add("amount: missing; the amount owed in 10,000 yuan");
        if (problems.Count > 0) return Invalid(problems);
        var registration = new CaseRegistration(body.CreditCode ?? caller.Scope, body.DebtorName ?? "", type, body.Province ?? "", body.Amount!.Value, contract, due);
        try
        {
            var c = Service(store, clock).Register(Actor(caller), registration);
            audit.Record(context, AuditAction, "ok", $"case {c.Id.ToString(CultureInfo.InvariantCulture)} registered by {c.CreditCode}");
            return TypedResults.Created($"/api/arrears/cases/{c.Id.ToString(CultureInfo.InvariantCulture)}", Dto(c, clock.GetUtcNow()));
        }
        catch (ArrearsException e)
        {
            return Problem(context, audit, e);
        }
    }

    private static Results<Ok<Case[]>, ProblemHttpResult> List(bool? overdue, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Run(context, audit, () =>
        {
            var now = clock.GetUtcNow();
            var service = Service(store, clock);
            var actor = Actor(CallerOf(context));
            var cases = overdue == true ? service.Overdue(actor) : service.List(actor);
            return cases.Select(c => Dto(c, now)).ToArray();
        });

    private static Results<Ok<CaseWithHistory>, ProblemHttpResult> Read(long id, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Run(context, audit, () =>
        {
            var service = Service(store, clock);
            var actor = Actor(CallerOf(context));
            var c = service.Get(actor, id);
            return new CaseWithHistory(Dto(c, clock.GetUtcNow()), [.. service.History(actor, id).Select(e => new CaseStepRecord(e.Seq, e.At, e.ActorName,
                ArrearsCodes.Code(e.ActorRole), e.Action, e.FromState is { } f ? ArrearsCodes.Code(f) : null, ArrearsCodes.Code(e.ToState), e.Detail))]);
        });

    private static Results<Ok<Case>, ProblemHttpResult> Accept(long id, CaseStep? body, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Run(context, audit, () => Dto(Service(store, clock).Accept(Actor(CallerOf(context)), id, body?.Note), clock.GetUtcNow()),
            $"case {id.ToString(CultureInfo.InvariantCulture)} accepted");

    private static Results<Ok<Case>, ProblemHttpResult> Start(long id, CaseStep? body, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Run(context, audit, () => Dto(Service(store, clock).Start(Actor(CallerOf(context)), id, body?.Note), clock.GetUtcNow()),
            $"case {id.ToString(CultureInfo.InvariantCulture)} started");

    private static Results<Ok<Case>, ProblemHttpResult> Close(long id, CaseStep body, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit)
    {
        if (!ArrearsCodes.TryParseClosure(body.Outcome, out var closure))
            return Invalid([$"outcome: \"{body.Outcome}\" is not one of {string.Join(", ", ArrearsCodes.Closures.Select(ArrearsCodes.Code))}"]);
        return Run(context, audit, () => Dto(Service(store, clock).Close(Actor(CallerOf(context)), id, closure, body.Paid, body.Note), clock.GetUtcNow()),
            $"case {id.ToString(CultureInfo.InvariantCulture)} closed as {ArrearsCodes.Code(closure)}");
    }

    private static Results<Ok<Case[]>, ProblemHttpResult> Escalate(HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit)
    {
        var outcome = Run(context, audit, () => Service(store, clock).Escalate(Actor(CallerOf(context))).Select(c => Dto(c, clock.GetUtcNow())).ToArray());
        if (outcome.Result is Ok<Case[]> ok)
            audit.Record(context, AuditAction, "ok", $"escalation run: {ok.Value!.Length.ToString(CultureInfo.InvariantCulture)} cases escalated");
        return outcome;
    }

    private static Results<Ok<Statistics>, ProblemHttpResult> ReadStatistics(HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Run(context, audit, () =>
        {
            var s = Service(store, clock).Statistics(Actor(CallerOf(context)));
            return new Statistics(s.AsOf, s.Total,
                s.ByDebtorType.ToDictionary(p => ArrearsCodes.Code(p.Key), p => p.Value, StringComparer.Ordinal),
                s.ByProvince,
                [.. s.ByProvinceAndDebtorType.OrderBy(p => p.Key.Province, StringComparer.Ordinal).ThenBy(p => p.Key.DebtorType)
                    .Select(p => new ProvinceDebtorTally(p.Key.Province, ArrearsCodes.Code(p.Key.DebtorType), p.Value))]);
        });

    private static Results<Ok<LinkWarning[]>, ProblemHttpResult, ValidationProblem> LinkCheck(string? period, HttpContext context, IBallastStore store,
        TimeProvider clock, AuditTrail audit)
    {
        YearMonth? month = null;
        if (period is not null)
        {
            if (!YearMonth.TryParse(period, out var m)) return ReleasesApi.BadPeriod(period);
            month = m;
        }
        var outcome = Run(context, audit, () => Service(store, clock).CheckReports(Actor(CallerOf(context)), month)
            .Select(w => new LinkWarning(ArrearsLinkWarning.Code, w.CreditCode, w.EnterpriseName, w.Period.ToString(), w.Outstanding, w.Reported, w.OpenCases, w.Message)).ToArray());
        if (outcome.Result is Ok<LinkWarning[]> ok)
        {
            audit.Microdata(context, $"arrears link check{(month is null ? "" : " of " + period)}");
            return ok;
        }
        return (ProblemHttpResult)outcome.Result;
    }
}
