using System.Globalization;
using Ballast.Core.Storage;

namespace Ballast.Core.Programs;

/// <summary>Who acts on programs: an enterprise (its own applications), a province (its own province's), the ministry (all).</summary>
public enum ProgramRole { Enterprise, Province, Ministry }

/// <summary>
/// The acting user, as the web platform's accounts will pass it: name, role, and the scope of the role (the
/// province of a provincial reviewer, the credit code of an enterprise user).
/// </summary>
public sealed record ProgramActor(string User, ProgramRole Role, string? Province = null, string? CreditCode = null)
{
    public static ProgramActor Enterprise(string user, string creditCode) => new(user, ProgramRole.Enterprise, null, creditCode);
    public static ProgramActor ProvinceReviewer(string user, string province) => new(user, ProgramRole.Province, province);
    public static ProgramActor Ministry(string user) => new(user, ProgramRole.Ministry);

    public string RoleText => Role switch
    {
        ProgramRole.Enterprise => "enterprise " + CreditCode,
        ProgramRole.Province => "province " + Province,
        _ => "ministry",
    };
}

/// <summary>The actor may not see or do this (outside its scope or role).</summary>
public sealed class ProgramAccessException(string message) : Exception(message);

/// <summary>The step is not possible now (wrong state, pre-check not passed, unknown tier or factory…): the message says why.</summary>
public sealed class ProgramRuleException(string message) : Exception(message);

/// <summary>
/// Applications and reviews (docs/programs.md): apply with a pre-check that explains every criterion, province
/// review (approve or return with reasons), then the ministry where the tier requires it; approval certifies for
/// the tier's validity; expiry ends the holding and opens a re-review; revocation ends a holding that no longer
/// qualifies. Every step is stored with who and when; the clock is injected. Dates are China's (UTC+8).
/// </summary>
public sealed class ProgramService(IBallastStore store, ProgramCatalog catalog, TimeProvider clock)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Today in China, the date holdings start and end on.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.ToOffset(ChinaOffset).DateTime);

    private (ProgramDefinition Program, TierDefinition Tier) TierOf(string tier) =>
        catalog.Tier(tier) ?? throw new ProgramRuleException($"no program defines tier {tier}; programs: {string.Join(", ", catalog.Programs.Select(p => p.Code))}");

    private static void EnsureSees(ProgramActor actor, string creditCode, string province)
    {
        bool ok = actor.Role switch
        {
            ProgramRole.Enterprise => string.Equals(actor.CreditCode, creditCode, StringComparison.Ordinal),
            ProgramRole.Province => string.Equals(actor.Province, province, StringComparison.Ordinal),
            _ => true,
        };
        if (!ok) throw new ProgramAccessException($"{actor.User} ({actor.RoleText}) may not see enterprise {creditCode} of province {province}");
    }

    /// <summary>Checks a subject against a tier now, explaining every criterion; stores nothing.</summary>
    public TierCheck PreCheck(ProgramActor actor, string tier, string creditCode, string? factoryId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (program, def) = TierOf(tier);
        var indicators = ProgramIndicators.Build(store, [creditCode], Today.Year - 3, Today.Year);
        var enterprise = indicators.Enterprise(creditCode) ?? throw new ProgramRuleException($"{creditCode} is not in the register");
        EnsureSees(actor, creditCode, enterprise.Province);
        return Check(program, def, indicators, creditCode, factoryId);
    }

    private TierCheck Check(ProgramDefinition program, TierDefinition def, ProgramIndicators indicators, string creditCode, string? factoryId)
    {
        if (program.Subject == ProgramSubject.Factory)
        {
            if (factoryId is null) throw new ProgramRuleException($"{program.Code} certifies factories: name the factory (--factory)");
            var owner = (indicators.Factory(factoryId, int.MaxValue) ?? store.Factories().FirstOrDefault(x => x.FactoryId == factoryId))
                ?? throw new ProgramRuleException($"factory {factoryId} is not recorded (import factories.csv)");
            if (owner.CreditCode != creditCode) throw new ProgramRuleException($"factory {factoryId} belongs to {owner.CreditCode}, not {creditCode}");
            _ = indicators.Factory(factoryId, Today.Year) ?? throw new ProgramRuleException($"factory {factoryId} has no evaluation for {Today.Year.ToString(CultureInfo.InvariantCulture)} or earlier");
            return CriteriaEvaluator.Check(program, def, $"factory {factoryId} of {creditCode}", indicators.ForFactory(factoryId, Today));
        }
        if (factoryId is not null) throw new ProgramRuleException($"{program.Code} certifies enterprises, not factories");
        return CriteriaEvaluator.Check(program, def, creditCode, indicators.ForEnterprise(creditCode, Today));
    }

    private TierCheck Recheck(ProgramApplication a)
    {
        var (program, def) = TierOf(a.Tier);
        var indicators = ProgramIndicators.Build(store, [a.CreditCode], Today.Year - 3, Today.Year);
        return Check(program, def, indicators, a.CreditCode, a.FactoryId);
    }

    private static string Summary(TierCheck check)
    {
        if (check.Passed) return "pre-check passes";
        var unmet = check.Criteria.Parts.Count == 0 ? [check.Criteria] : check.Criteria.Parts.Where(p => !p.Met).ToList();
        return "pre-check does not pass: " + string.Join("; ", unmet.Select(u => u.Label + (u.Value is null ? "" : $" = {u.Value}") + $" ({u.Threshold})"));
    }

    private ApplicationEvent Event(ProgramActor actor, string action, ApplicationState? from, ApplicationState to, string note) =>
        new(0, 0, Now, actor.User, actor.RoleText, action, from, to, note);

    private ProgramApplication Certify(ProgramApplication a, TierDefinition def, List<HoldingChange> changes, string source)
    {
        changes.Add(new StartHolding(a.CreditCode, a.FactoryId, a.Tier, Today, source));
        return a with { State = ApplicationState.Certified, CertifiedFrom = Today, ValidUntil = Today.AddYears(def.ValidityYears) };
    }

    /// <summary>
    /// An enterprise applies for a tier (for one of its factories where the program is per factory). A
    /// self-assessed tier is certified at once when the pre-check passes; otherwise the application waits for
    /// its first reviewer, carrying its pre-check.
    /// </summary>
    public (ProgramApplication Application, TierCheck Check) Apply(ProgramActor actor, string tier, string creditCode, string? factoryId = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role != ProgramRole.Enterprise || actor.CreditCode != creditCode)
            throw new ProgramAccessException($"{actor.User} ({actor.RoleText}) may not apply for enterprise {creditCode}: an enterprise applies for itself");
        var (program, def) = TierOf(tier);
        var indicators = ProgramIndicators.Build(store, [creditCode], Today.Year - 3, Today.Year);
        var enterprise = indicators.Enterprise(creditCode) ?? throw new ProgramRuleException($"{creditCode} is not in the register");
        var check = Check(program, def, indicators, creditCode, factoryId);
        var open = store.Applications().FirstOrDefault(x => x.CreditCode == creditCode && x.FactoryId == factoryId && x.Tier == tier &&
            x.State is ApplicationState.Submitted or ApplicationState.ProvinceApproved or ApplicationState.Returned or ApplicationState.Certified);
        if (open is not null)
            throw new ProgramRuleException($"application {open.Id.ToString(CultureInfo.InvariantCulture)} for {tier} is already {open.State}");
        var a = new ProgramApplication(0, program.Code, tier, creditCode, factoryId, enterprise.Province, ApplicationKind.Initial,
            ApplicationState.Submitted, Now, null, null, null, null);
        var changes = new List<HoldingChange>();
        if (def.Reviewers is [ReviewStep.Self])
            a = check.Passed ? Certify(a, def, changes, "self-assessment") : a with { State = ApplicationState.NotPassed };
        long id = store.CreateApplication(a, Event(actor, "apply", null, a.State, Summary(check)), changes);
        return (store.Application(id)!, check);
    }

    /// <summary>Approves at the actor's step: the province (its own province), then the ministry where the tier requires it.</summary>
    public ProgramApplication Approve(ProgramActor actor, long id, string note = "")
    {
        ArgumentNullException.ThrowIfNull(actor);
        var a = Load(actor, id);
        var (_, def) = TierOf(a.Tier);
        var step = ExpectedReviewer(a, def);
        EnsureReviewer(actor, a, step);
        var check = Recheck(a);
        if (!check.Passed)
            throw new ProgramRuleException($"application {id.ToString(CultureInfo.InvariantCulture)} cannot be approved: {Summary(check)}. Return it with reasons instead.");
        var changes = new List<HoldingChange>();
        var next = step == ReviewStep.Province && def.Reviewers.Contains(ReviewStep.Ministry)
            ? a with { State = ApplicationState.ProvinceApproved }
            : Certify(a, def, changes, step == ReviewStep.Province ? "province approval" : "ministry approval");
        string text = (step == ReviewStep.Province ? "province" : "ministry") + " approves" + (note.Length > 0 ? ": " + note : "");
        if (next.State == ApplicationState.Certified)
            text += $"; certified {next.CertifiedFrom:yyyy-MM-dd} to {next.ValidUntil:yyyy-MM-dd}";
        store.RecordStep(next, a.State, Event(actor, "approve", a.State, next.State, text), changes);
        return store.Application(id)!;
    }

    /// <summary>Returns an application to the enterprise with reasons (required).</summary>
    public ProgramApplication Return(ProgramActor actor, long id, string reasons)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reasons)) throw new ProgramRuleException("a return needs its reasons");
        var a = Load(actor, id);
        var (_, def) = TierOf(a.Tier);
        EnsureReviewer(actor, a, ExpectedReviewer(a, def));
        var next = a with { State = ApplicationState.Returned };
        store.RecordStep(next, a.State, Event(actor, "return", a.State, next.State, reasons.Trim()), []);
        return store.Application(id)!;
    }

    /// <summary>The enterprise resubmits a returned application; its pre-check is run again.</summary>
    public (ProgramApplication Application, TierCheck Check) Resubmit(ProgramActor actor, long id, string note = "")
    {
        ArgumentNullException.ThrowIfNull(actor);
        var a = Load(actor, id);
        if (actor.Role != ProgramRole.Enterprise) throw new ProgramAccessException($"{actor.User} ({actor.RoleText}) may not resubmit: the enterprise does");
        if (a.State != ApplicationState.Returned) throw new ProgramRuleException($"application {id.ToString(CultureInfo.InvariantCulture)} is {a.State}, not Returned");
        var check = Recheck(a);
        var next = a with { State = ApplicationState.Submitted };
        store.RecordStep(next, a.State, Event(actor, "resubmit", a.State, next.State, Summary(check) + (note.Length > 0 ? "; " + note : "")), []);
        return (store.Application(id)!, check);
    }

    /// <summary>The enterprise withdraws an application that is not decided yet.</summary>
    public ProgramApplication Withdraw(ProgramActor actor, long id)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var a = Load(actor, id);
        if (actor.Role != ProgramRole.Enterprise) throw new ProgramAccessException($"{actor.User} ({actor.RoleText}) may not withdraw: the enterprise does");
        if (a.State is not (ApplicationState.Submitted or ApplicationState.ProvinceApproved or ApplicationState.Returned))
            throw new ProgramRuleException($"application {id.ToString(CultureInfo.InvariantCulture)} is {a.State}: only an undecided application can be withdrawn");
        var next = a with { State = ApplicationState.Withdrawn };
        store.RecordStep(next, a.State, Event(actor, "withdraw", a.State, next.State, "withdrawn by the enterprise"), []);
        return store.Application(id)!;
    }

    /// <summary>
    /// Ends every certification in the actor's scope whose validity has run out (valid until ≤ today): the holding
    /// ends on its valid-until date and a re-review application is opened, with its pre-check.
    /// </summary>
    public IReadOnlyList<ProgramApplication> ExpireDue(ProgramActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role == ProgramRole.Enterprise) throw new ProgramAccessException($"{actor.User} ({actor.RoleText}) may not run expiry");
        var opened = new List<ProgramApplication>();
        foreach (var a in store.Applications())
        {
            if (a.State != ApplicationState.Certified || a.ValidUntil is not DateOnly until || until > Today) continue;
            if (actor.Role == ProgramRole.Province && a.Province != actor.Province) continue;
            var changes = new List<HoldingChange>();
            if (a.HoldingId is long h) changes.Add(new EndHolding(h, until, "expired"));
            store.RecordStep(a with { State = ApplicationState.Expired }, a.State,
                Event(actor, "expire", a.State, ApplicationState.Expired, $"validity ended {until:yyyy-MM-dd}; re-review opened"), changes);
            var check = Recheck(a);
            var review = new ProgramApplication(0, a.Program, a.Tier, a.CreditCode, a.FactoryId, a.Province, ApplicationKind.ReReview,
                ApplicationState.Submitted, Now, null, null, null, a.Id);
            long id = store.CreateApplication(review, Event(actor, "open re-review", null, ApplicationState.Submitted,
                $"re-review of application {a.Id.ToString(CultureInfo.InvariantCulture)}; {Summary(check)}"), []);
            opened.Add(store.Application(id)!);
        }
        return opened;
    }

    /// <summary>Revokes a certification whose holder no longer qualifies (the province of the holder, or the ministry); the holding ends today.</summary>
    public ProgramApplication Revoke(ProgramActor actor, long id, string reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reason)) throw new ProgramRuleException("a revocation needs its reason");
        var a = Load(actor, id);
        if (actor.Role == ProgramRole.Enterprise) throw new ProgramAccessException($"{actor.User} ({actor.RoleText}) may not revoke");
        var (_, def) = TierOf(a.Tier);
        if (actor.Role == ProgramRole.Province && !def.Reviewers.Contains(ReviewStep.Province) && !def.Reviewers.Contains(ReviewStep.Self))
            throw new ProgramAccessException($"{a.Tier} is recognised by the ministry: the ministry revokes it");
        if (a.State != ApplicationState.Certified) throw new ProgramRuleException($"application {id.ToString(CultureInfo.InvariantCulture)} is {a.State}, not Certified");
        var changes = new List<HoldingChange>();
        if (a.HoldingId is long h) changes.Add(new EndHolding(h, Today, "revoked: " + reason.Trim()));
        store.RecordStep(a with { State = ApplicationState.Revoked }, a.State, Event(actor, "revoke", a.State, ApplicationState.Revoked, reason.Trim()), changes);
        return store.Application(id)!;
    }

    /// <summary>An application, if the actor may see it.</summary>
    public ProgramApplication Get(ProgramActor actor, long id) => Load(actor, id);

    /// <summary>The applications the actor may see, by id.</summary>
    public IReadOnlyList<ProgramApplication> List(ProgramActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return [.. store.Applications().Where(a => actor.Role switch
        {
            ProgramRole.Enterprise => a.CreditCode == actor.CreditCode,
            ProgramRole.Province => a.Province == actor.Province,
            _ => true,
        })];
    }

    /// <summary>The audit trail of an application the actor may see.</summary>
    public IReadOnlyList<ApplicationEvent> Trail(ProgramActor actor, long id)
    {
        Load(actor, id);
        return store.ApplicationEvents(id);
    }

    private ProgramApplication Load(ProgramActor actor, long id)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var a = store.Application(id) ?? throw new ProgramRuleException($"there is no application {id.ToString(CultureInfo.InvariantCulture)}");
        EnsureSees(actor, a.CreditCode, a.Province);
        return a;
    }

    private static ReviewStep ExpectedReviewer(ProgramApplication a, TierDefinition def) => a.State switch
    {
        ApplicationState.Submitted when def.Reviewers.Contains(ReviewStep.Province) => ReviewStep.Province,
        ApplicationState.Submitted when def.Reviewers.Contains(ReviewStep.Ministry) => ReviewStep.Ministry,
        ApplicationState.Submitted => ReviewStep.Province, // a self-assessed tier's re-review goes to the province
        ApplicationState.ProvinceApproved => ReviewStep.Ministry,
        _ => throw new ProgramRuleException($"application {a.Id.ToString(CultureInfo.InvariantCulture)} is {a.State}: there is nothing to review"),
    };

    private static void EnsureReviewer(ProgramActor actor, ProgramApplication a, ReviewStep step)
    {
        bool ok = step == ReviewStep.Province
            ? actor.Role == ProgramRole.Province && actor.Province == a.Province
            : actor.Role == ProgramRole.Ministry;
        if (!ok)
            throw new ProgramAccessException(
                $"application {a.Id.ToString(CultureInfo.InvariantCulture)} waits for {(step == ReviewStep.Province ? "province " + a.Province : "the ministry")}; {actor.User} ({actor.RoleText}) may not review it");
    }
}
