using System.Globalization;
using System.Text.RegularExpressions;
using Ballast.Core.Accounts;
using Ballast.Core.Programs;
using Ballast.Core.Register;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>
/// The programs (docs/programs.md, docs/api-programs.md): the catalogue, enterprise profiles and factories, the
/// pre-check, applications and their reviews, expiry and revocation, the registry and the monitoring of holders.
/// Scope and review rules live in <see cref="ProgramService"/>; this maps the signed-in caller to its acting user
/// and its refusals to problem details (403 outside the scope, 404 unknown, 409 not possible in this state).
/// "The ministry" is the national analyst: it takes the ministry's review, expiry and revocation steps.
/// </summary>
public static partial class ProgramsApi
{
    public sealed record TierInfo(string Tier, string Name, IReadOnlyList<string> Reviewers, int ValidityYears, bool Monitored);

    public sealed record ProgramInfo(string Code, string NameEn, string NameZh, string Subject, IReadOnlyList<TierInfo> Tiers);

    public sealed record ProfileData(IReadOnlyList<EnterpriseProfile> Profiles, IReadOnlyList<Factory> Factories);

    /// <summary>The body of a profile edit: indicator values as profiles.csv writes them (empty or null: no value).</summary>
    public sealed record ProfileEdit(IReadOnlyDictionary<string, string?>? Values);

    /// <summary>The body of a factory edit: its name and evaluation values as factories.csv writes them.</summary>
    public sealed record FactoryEdit(string? Name, IReadOnlyDictionary<string, string?>? Values);

    /// <summary>A pre-check or application request: the tier, the enterprise, the factory for a per-factory program.</summary>
    public sealed record TierRequest(string? Tier, string? CreditCode, string? FactoryId);

    /// <summary>The body of a review step: the note (approve, resubmit), the reasons (return) or the reason (revoke).</summary>
    public sealed record StepRequest(string? Note, string? Reasons, string? Reason);

    public sealed record Application(
        long Id, string Program, string Tier, string CreditCode, string? FactoryId, string Province, string Kind, string State,
        DateTimeOffset SubmittedAt, DateOnly? CertifiedFrom, DateOnly? ValidUntil, long? HoldingId, long? PreviousApplicationId);

    public sealed record Applied(Application Application, TierCheck Check);

    public sealed record TrailStep(int Seq, DateTimeOffset At, string User, string Role, string Action, string? From, string To, string Note);

    public sealed record Holding(string CreditCode, string Name, string Province, string Division, string Tier, string? FactoryId, DateOnly? From, string Source);

    public static void MapProgramsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/programs").WithTags("Programs");
        g.MapGet("/", Programs).ForSignedIn().WithSummary("The programs with their tiers, reviewers and validity.");
        g.MapGet("/profiles/{creditCode}", ReadProfile).ForSignedIn()
            .WithSummary("An enterprise's yearly profiles and its factories (the enterprise itself, its province, national roles).");
        g.MapPut("/profiles/{creditCode}/{year:int}", EditProfile).For(Role.Enterprise)
            .WithSummary("The enterprise sets its profile of a year: {\"values\": {indicator: value}} as profiles.csv writes them; replaces that year's row.");
        g.MapPut("/profiles/{creditCode}/factories/{factoryId}/{year:int}", EditFactory).For(Role.Enterprise)
            .WithSummary("The enterprise sets a factory's record of a year: {\"name\": …, \"values\": {…}} as factories.csv writes them.");
        g.MapPost("/precheck", PreCheck).For(Role.Enterprise, Role.ProvincialAnalyst, Role.NationalAnalyst)
            .WithSummary("Checks an enterprise (or its factory) against a tier now, explaining every criterion; stores nothing.");
        g.MapPost("/applications", Apply).For(Role.Enterprise)
            .WithSummary("The enterprise applies for a tier (for one of its factories where the program is per factory); answers with the pre-check.");
        g.MapGet("/applications", ListApplications).ForSignedIn()
            .WithSummary("Applications in your scope (an enterprise its own, a province its province's); ?state= filters.");
        g.MapGet("/applications/{id:long}", ReadApplication).ForSignedIn().WithSummary("One application in your scope.");
        g.MapGet("/applications/{id:long}/trail", Trail).ForSignedIn().WithSummary("An application's audit trail: every step with who, when and why.");
        g.MapPost("/applications/{id:long}/approve", Approve).For(Role.ProvincialAnalyst, Role.NationalAnalyst)
            .WithSummary("Approves at your step: the province of the application, then the ministry (national analyst) where the tier requires it.");
        g.MapPost("/applications/{id:long}/return", Return).For(Role.ProvincialAnalyst, Role.NationalAnalyst)
            .WithSummary("Returns the application to the enterprise with {\"reasons\": …} (required), at your review step.");
        g.MapPost("/applications/{id:long}/resubmit", Resubmit).For(Role.Enterprise).WithSummary("The enterprise resubmits a returned application.");
        g.MapPost("/applications/{id:long}/withdraw", Withdraw).For(Role.Enterprise).WithSummary("The enterprise withdraws an undecided application.");
        g.MapPost("/applications/{id:long}/revoke", Revoke).For(Role.ProvincialAnalyst, Role.NationalAnalyst)
            .WithSummary("Revokes a certification with {\"reason\": …}: the ministry, or the holder's province for a tier it reviews.");
        g.MapPost("/expiry", Expire).For(Role.NationalAnalyst)
            .WithSummary("Ends every certification whose validity has run out today and opens its re-review; answers with the re-reviews opened.");
        g.MapGet("/registry/holdings", Holdings).ForSignedIn()
            .WithSummary("Who holds which tier on ?date=YYYY-MM-DD (default today), in your scope.");
        g.MapGet("/registry/counts", Counts).ForSignedIn()
            .WithSummary("Holders on ?date=YYYY-MM-DD (default today) by tier, province and division: published counts.");
        g.MapGet("/monitoring/{period}", Monitoring).For(Role.ProvincialAnalyst, Role.NationalAnalyst)
            .WithSummary("Certified holders whose year-to-date indicators fell below their tier's thresholds in a period (a province: its own).");
    }

    /// <summary>The audit log's action for program decisions (review steps, expiry, revocation).</summary>
    public const string AuditAction = "programs";

    // The built-in programs are parsed once per process.
    private static readonly Lazy<ProgramCatalog> BuiltInCatalog = new(() => ProgramCatalog.Load());

    internal static ProgramCatalog Catalog => BuiltInCatalog.Value;

    private static ProgramService Service(IBallastStore store, TimeProvider clock) => new(store, Catalog, clock);

    /// <summary>The programs' acting user of a caller: national analysts, statisticians and administrators act as the ministry.</summary>
    internal static ProgramActor Actor(Caller caller) => caller.Role switch
    {
        Role.Enterprise => ProgramActor.Enterprise(caller.UserName, caller.Scope),
        Role.ProvincialAnalyst => ProgramActor.ProvinceReviewer(caller.UserName, caller.Scope),
        _ => ProgramActor.Ministry(caller.UserName),
    };

    internal static Application Dto(ProgramApplication a) => new(a.Id, a.Program, a.Tier, a.CreditCode, a.FactoryId, a.Province, a.Kind.ToString(),
        a.State.ToString(), a.SubmittedAt, a.CertifiedFrom, a.ValidUntil, a.HoldingId, a.PreviousApplicationId);

    private static Caller CallerOf(HttpContext context) => Caller.From(context.User)!;

    /// <summary>Runs a service call, mapping its refusals to problem details (a refusal is audited).</summary>
    private static (T? Value, ProblemHttpResult? Problem) Run<T>(HttpContext context, AuditTrail audit, Func<T> call)
    {
        try
        {
            return (call(), null);
        }
        catch (ProgramAccessException e)
        {
            audit.Refused(context, e.Message);
            return (default, TypedResults.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"));
        }
        catch (ProgramRuleException e)
        {
            return (default, TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Not possible now"));
        }
        catch (StoreException e)
        {
            return (default, TypedResults.Problem(e.Message + " Read the application again.", statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile"));
        }
    }

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>((T? Value, ProblemHttpResult? Problem) outcome) =>
        outcome.Problem is { } p ? p : TypedResults.Ok(outcome.Value!);

    /// <summary>An application that does not exist: 404 for national roles; scoped roles get 403, never learning whether it exists.</summary>
    private static ProblemHttpResult? Missing(long id, HttpContext context, IBallastStore store, AuditTrail audit)
    {
        if (store.Application(id) is not null) return null;
        var caller = CallerOf(context);
        if (caller.Role is Role.Enterprise or Role.ProvincialAnalyst)
        {
            audit.Refused(context, $"{Roles.Name(caller.Role)} {caller.Scope} asked for application {id.ToString(CultureInfo.InvariantCulture)} outside its scope");
            return TypedResults.Problem("This application is outside your account's scope.", statusCode: StatusCodes.Status403Forbidden, title: "Outside your scope");
        }
        return TypedResults.Problem($"There is no application {id.ToString(CultureInfo.InvariantCulture)}.", statusCode: StatusCodes.Status404NotFound, title: "No such application");
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    // ---------------------------------------------------------------- catalogue and profiles

    private static Ok<ProgramInfo[]> Programs() => TypedResults.Ok(Catalog.Programs.Select(p => new ProgramInfo(p.Code, p.NameEn, p.NameZh, p.Subject.ToString(),
        [.. p.Tiers.Select(t => new TierInfo(t.Tier, t.NameEn, [.. t.Reviewers.Select(r => r.ToString())], t.ValidityYears, t.Monitor.Count > 0))])).ToArray());

    private static Results<Ok<ProfileData>, ProblemHttpResult> ReadProfile(string creditCode, HttpContext context, IBallastStore store, AuditTrail audit)
    {
        if (Scope.Check(CallerOf(context), creditCode, store.FindEnterprise(creditCode), context, audit) is { } refused) return refused;
        audit.Microdata(context, $"program profile of {creditCode}");
        return TypedResults.Ok(new ProfileData(store.Profiles(creditCode), store.Factories(creditCode)));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IndicatorName();

    /// <summary>Checks edited values as the file reader does: known columns by type, other names stored as supplied indicators.</summary>
    private static Dictionary<string, string[]> CheckValues(IReadOnlyDictionary<string, string?>? values, IReadOnlyList<IndicatorColumn> columns,
        IReadOnlyCollection<string> keys, Dictionary<string, string> clean)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (values is null) { errors["values"] = ["give the indicator values as an object {\"name\": \"value\"}"]; return errors; }
        foreach (var (name, raw) in values)
        {
            string v = raw?.Trim() ?? "";
            if (keys.Contains(name)) { errors["values." + name] = [$"{name} is given by the address, not in the values"]; continue; }
            if (!IndicatorName().IsMatch(name)) { errors["values." + name] = [$"\"{name}\" is not a valid indicator name (lower case letters, digits and _)"]; continue; }
            if (v.Length == 0) continue; // an empty field is no value
            var col = columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
            if (col is not null && ProfileFiles.Check(col, v) is { } problem) { errors["values." + name] = [problem]; continue; }
            clean[name] = v;
        }
        return errors;
    }

    private static Results<Ok<EnterpriseProfile>, ProblemHttpResult, ValidationProblem> EditProfile(string creditCode, int year, ProfileEdit body,
        HttpContext context, IBallastStore store, AuditTrail audit)
    {
        if (Scope.Check(CallerOf(context), creditCode, store.FindEnterprise(creditCode), context, audit) is { } refused) return refused;
        if (year is < 1990 or > 2100) return Invalid("year", $"{year.ToString(CultureInfo.InvariantCulture)} is not a plausible year (1990 to 2100)");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = CheckValues(body.Values, ProfileFiles.ProfileColumns, ["credit_code", "year"], values);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The profile was not stored");
        var profile = new EnterpriseProfile(creditCode, year, values);
        store.SaveProgramData([profile], []);
        audit.Record(context, AuditActions.Import, "ok", $"profile {creditCode} {year.ToString(CultureInfo.InvariantCulture)} set through the API ({values.Count.ToString(CultureInfo.InvariantCulture)} values)");
        return TypedResults.Ok(profile);
    }

    private static Results<Ok<Factory>, ProblemHttpResult, ValidationProblem> EditFactory(string creditCode, string factoryId, int year, FactoryEdit body,
        HttpContext context, IBallastStore store, AuditTrail audit)
    {
        if (Scope.Check(CallerOf(context), creditCode, store.FindEnterprise(creditCode), context, audit) is { } refused) return refused;
        if (year is < 1990 or > 2100) return Invalid("year", $"{year.ToString(CultureInfo.InvariantCulture)} is not a plausible year (1990 to 2100)");
        if (factoryId.Length is 0 or > 64) return Invalid("factoryId", "a factory id has 1 to 64 characters");
        if (store.Factories().FirstOrDefault(f => f.FactoryId == factoryId && f.CreditCode != creditCode) is { } other)
        {
            // Another enterprise's factory: its owner is not named to a scoped caller.
            audit.Refused(context, $"enterprise {creditCode} tried to edit factory {factoryId} of {other.CreditCode}");
            return TypedResults.Problem($"Factory {factoryId} is recorded for another enterprise.", statusCode: StatusCodes.Status409Conflict, title: "Not your factory");
        }
        string name = body.Name?.Trim() ?? "";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = CheckValues(body.Values, ProfileFiles.FactoryColumns, ["factory_id", "credit_code", "name", "year"], values);
        if (name.Length == 0) errors["name"] = ["the factory's name is required"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The factory was not stored");
        var factory = new Factory(factoryId, creditCode, name, year, values);
        store.SaveProgramData([], [factory]);
        audit.Record(context, AuditActions.Import, "ok", $"factory {factoryId} of {creditCode} {year.ToString(CultureInfo.InvariantCulture)} set through the API");
        return TypedResults.Ok(factory);
    }

    // ---------------------------------------------------------------- pre-check and applications

    private static ValidationProblem? CheckTierRequest(TierRequest body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.Tier)) errors["tier"] = ["name the tier (e.g. LITTLE_GIANT)"];
        else if (Catalog.Tier(body.Tier) is null)
            errors["tier"] = [$"no program defines tier {body.Tier}; tiers: {string.Join(", ", Catalog.Programs.SelectMany(p => p.Tiers).Select(t => t.Tier))}"];
        if (string.IsNullOrWhiteSpace(body.CreditCode)) errors["creditCode"] = ["name the enterprise by its credit code"];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }

    private static Results<Ok<TierCheck>, ProblemHttpResult, ValidationProblem> PreCheck(TierRequest body, HttpContext context, IBallastStore store,
        TimeProvider clock, AuditTrail audit)
    {
        if (CheckTierRequest(body) is { } bad) return bad;
        if (Scope.Check(CallerOf(context), body.CreditCode!, store.FindEnterprise(body.CreditCode!), context, audit) is { } refused) return refused;
        if (ForeignFactory(body, store) is { } foreign) return foreign;
        var outcome = Run(context, audit, () => Service(store, clock).PreCheck(Actor(CallerOf(context)), body.Tier!, body.CreditCode!, NullIfEmpty(body.FactoryId)));
        if (outcome.Problem is { } p) return p;
        audit.Microdata(context, $"pre-check of {body.CreditCode} for {body.Tier}");
        return TypedResults.Ok(outcome.Value!);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A factory recorded for another enterprise: refused here, since the service's message names its owner, which a scoped caller must not learn.</summary>
    private static ProblemHttpResult? ForeignFactory(TierRequest body, IBallastStore store)
    {
        string? factoryId = NullIfEmpty(body.FactoryId);
        if (factoryId is null || !store.Factories().Any(f => f.FactoryId == factoryId && f.CreditCode != body.CreditCode)) return null;
        return TypedResults.Problem($"Factory {factoryId} is not a factory of {body.CreditCode}.", statusCode: StatusCodes.Status409Conflict, title: "Not possible now");
    }

    private static Results<Created<Applied>, ProblemHttpResult, ValidationProblem> Apply(TierRequest body, HttpContext context, IBallastStore store,
        TimeProvider clock, AuditTrail audit)
    {
        if (CheckTierRequest(body) is { } bad) return bad;
        if (Scope.Check(CallerOf(context), body.CreditCode!, store.FindEnterprise(body.CreditCode!), context, audit) is { } refused) return refused;
        if (ForeignFactory(body, store) is { } foreign) return foreign;
        var (applied, problem) = Run(context, audit, () => Service(store, clock).Apply(Actor(CallerOf(context)), body.Tier!, body.CreditCode!, NullIfEmpty(body.FactoryId)));
        if (problem is not null) return problem;
        var a = applied.Application;
        return TypedResults.Created($"/api/programs/applications/{a.Id.ToString(CultureInfo.InvariantCulture)}", new Applied(Dto(a), applied.Check));
    }

    private static Results<Ok<Application[]>, ValidationProblem> ListApplications(string? state, HttpContext context, IBallastStore store, TimeProvider clock)
    {
        ApplicationState? filter = null;
        if (state is not null)
        {
            // By name only: Enum.TryParse would also take "3".
            if (!Enum.GetNames<ApplicationState>().Contains(state, StringComparer.Ordinal))
                return Invalid("state", $"\"{state}\" is not a state; states: {string.Join(", ", Enum.GetNames<ApplicationState>())}");
            filter = Enum.Parse<ApplicationState>(state);
        }
        var list = Service(store, clock).List(Actor(CallerOf(context)));
        return TypedResults.Ok(list.Where(a => filter is null || a.State == filter).Select(Dto).ToArray());
    }

    private static Results<Ok<Application>, ProblemHttpResult> ReadApplication(long id, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Missing(id, context, store, audit) is { } missing ? missing
            : Answer(Run(context, audit, () => Dto(Service(store, clock).Get(Actor(CallerOf(context)), id))));

    private static Results<Ok<TrailStep[]>, ProblemHttpResult> Trail(long id, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Missing(id, context, store, audit) is { } missing ? missing
            : Answer(Run(context, audit, () => Service(store, clock).Trail(Actor(CallerOf(context)), id)
                .Select(e => new TrailStep(e.Seq, e.At, e.User, e.Role, e.Action, e.From?.ToString(), e.To.ToString(), e.Note)).ToArray()));

    private static Results<Ok<Application>, ProblemHttpResult> Step(long id, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit,
        Func<ProgramService, ProgramActor, ProgramApplication> step, string what)
    {
        if (Missing(id, context, store, audit) is { } missing) return missing;
        var outcome = Run(context, audit, () => Dto(step(Service(store, clock), Actor(CallerOf(context)))));
        if (outcome.Problem is null)
            audit.Record(context, AuditAction, "ok", $"{what} application {id.ToString(CultureInfo.InvariantCulture)}: now {outcome.Value!.State}");
        return Answer(outcome);
    }

    private static Results<Ok<Application>, ProblemHttpResult> Approve(long id, StepRequest? body, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Step(id, context, store, clock, audit, (s, actor) => s.Approve(actor, id, body?.Note?.Trim() ?? ""), "approved");

    private static Results<Ok<Application>, ProblemHttpResult> Return(long id, StepRequest? body, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Step(id, context, store, clock, audit, (s, actor) => s.Return(actor, id, body?.Reasons ?? ""), "returned");

    private static Results<Ok<Application>, ProblemHttpResult> Resubmit(long id, StepRequest? body, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Step(id, context, store, clock, audit, (s, actor) => s.Resubmit(actor, id, body?.Note?.Trim() ?? "").Application, "resubmitted");

    private static Results<Ok<Application>, ProblemHttpResult> Withdraw(long id, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Step(id, context, store, clock, audit, (s, actor) => s.Withdraw(actor, id), "withdrew");

    private static Results<Ok<Application>, ProblemHttpResult> Revoke(long id, StepRequest? body, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit) =>
        Step(id, context, store, clock, audit, (s, actor) => s.Revoke(actor, id, body?.Reason ?? ""), "revoked");

    private static Results<Ok<Application[]>, ProblemHttpResult> Expire(HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit)
    {
        var outcome = Run(context, audit, () => Service(store, clock).ExpireDue(Actor(CallerOf(context))).Select(Dto).ToArray());
        if (outcome.Problem is null)
            audit.Record(context, AuditAction, "ok", $"expiry run: {outcome.Value!.Length.ToString(CultureInfo.InvariantCulture)} re-reviews opened");
        return Answer(outcome);
    }

    // ---------------------------------------------------------------- registry and monitoring

    private static bool TryDate(string? text, TimeProvider clock, IBallastStore store, out DateOnly date)
    {
        if (text is null) { date = Service(store, clock).Today; return true; }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static Results<Ok<Holding[]>, ValidationProblem> Holdings(string? date, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit)
    {
        if (!TryDate(date, clock, store, out var day)) return Invalid("date", $"\"{date}\" is not a date written YYYY-MM-DD");
        var caller = CallerOf(context);
        IEnumerable<Enterprise> inScope = caller.Role switch
        {
            Role.Enterprise => store.FindEnterprise(caller.Scope) is { } own ? [own] : [],
            Role.ProvincialAnalyst => store.Enterprises().Where(e => e.Province == caller.Scope),
            _ => store.Enterprises(),
        };
        var registry = ProgramRegistry.Load(store);
        var held = inScope.SelectMany(e => registry.HeldOn(e, day).Select(h => new Holding(e.CreditCode, e.Name, e.Province, e.Division, h.Tier, h.FactoryId, h.From, h.Source)))
            .OrderBy(h => h.CreditCode, StringComparer.Ordinal).ThenBy(h => h.Tier, StringComparer.Ordinal).ThenBy(h => h.FactoryId, StringComparer.Ordinal).ToArray();
        audit.Microdata(context, $"registry holdings on {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({held.Length.ToString(CultureInfo.InvariantCulture)})");
        return TypedResults.Ok(held);
    }

    private static Results<Ok<RegistryCount[]>, ValidationProblem> Counts(string? date, IBallastStore store, TimeProvider clock)
    {
        if (!TryDate(date, clock, store, out var day)) return Invalid("date", $"\"{date}\" is not a date written YYYY-MM-DD");
        return TypedResults.Ok(ProgramRegistry.Load(store).Counts(store.Enterprises(), day).ToArray());
    }

    private static Results<Ok<HolderFinding[]>, ProblemHttpResult, ValidationProblem> Monitoring(string period, HttpContext context, IBallastStore store, AuditTrail audit)
    {
        if (!YearMonth.TryParse(period, out var month)) return ReleasesApi.BadPeriod(period);
        var outcome = Run(context, audit, () => HolderMonitor.Run(store, Catalog, month, Actor(CallerOf(context))).ToArray());
        if (outcome.Problem is { } p) return p;
        audit.Microdata(context, $"monitoring of holders in {period}");
        return TypedResults.Ok(outcome.Value!);
    }
}
