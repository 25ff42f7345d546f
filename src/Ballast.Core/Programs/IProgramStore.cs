namespace Ballast.Core.Programs;

/// <summary>Where an application stands.</summary>
public enum ApplicationState
{
    /// <summary>Waiting for the province (or the ministry alone, for a ministry-only tier).</summary>
    Submitted,
    /// <summary>Approved by the province, waiting for the ministry.</summary>
    ProvinceApproved,
    /// <summary>Returned to the enterprise with reasons; it may resubmit.</summary>
    Returned,
    /// <summary>Certified: the tier is held until <see cref="ProgramApplication.ValidUntil"/>.</summary>
    Certified,
    /// <summary>A self-assessed tier whose pre-check did not pass.</summary>
    NotPassed,
    /// <summary>The validity ran out; a re-review application was opened.</summary>
    Expired,
    /// <summary>Revoked: the holder no longer qualified.</summary>
    Revoked,
    /// <summary>Withdrawn by the enterprise.</summary>
    Withdrawn,
}

/// <summary>A first application, or the re-review that expiry opens.</summary>
public enum ApplicationKind { Initial, ReReview }

/// <summary>
/// An application for a tier, by an enterprise, for one of its factories where the program is per factory.
/// <see cref="Province"/> is the enterprise's (the province that reviews it). Holdings run from
/// <see cref="CertifiedFrom"/> to the day before <see cref="ValidUntil"/>.
/// </summary>
public sealed record ProgramApplication(
    long Id, string Program, string Tier, string CreditCode, string? FactoryId, string Province,
    ApplicationKind Kind, ApplicationState State, DateTimeOffset SubmittedAt,
    DateOnly? CertifiedFrom, DateOnly? ValidUntil, long? HoldingId, long? PreviousApplicationId);

/// <summary>One step of an application's audit trail: who, when, in which role, what, from which state to which, and why.</summary>
public sealed record ApplicationEvent(
    long ApplicationId, int Seq, DateTimeOffset At, string User, string Role, string Action,
    ApplicationState? From, ApplicationState To, string Note);

/// <summary>
/// A dated holding of a tier in the registry: held on day d when <see cref="From"/> ≤ d &lt; <see cref="Until"/>
/// (null From: since before the registry, the register's initial load; null Until: open).
/// </summary>
public sealed record RegistryHolding(
    long Id, string CreditCode, string? FactoryId, string Tier, DateOnly? From, DateOnly? Until,
    long? ApplicationId, string Source, string? EndReason);

/// <summary>A change to the registry made with an application step: a new holding, or the end of one.</summary>
public abstract record HoldingChange;

public sealed record StartHolding(string CreditCode, string? FactoryId, string Tier, DateOnly? From, string Source) : HoldingChange;

public sealed record EndHolding(long HoldingId, DateOnly Until, string Reason) : HoldingChange;

/// <summary>The programs' storage: profiles, factories, applications with their audit trail, the registry.</summary>
public interface IProgramStore
{
    /// <summary>Stores profiles and factories in one transaction; a row whose key (enterprise or factory, year) exists replaces it.</summary>
    void SaveProgramData(IReadOnlyList<EnterpriseProfile> profiles, IReadOnlyList<Factory> factories);

    /// <summary>Profiles, sorted by credit code and year (of one enterprise when given).</summary>
    IReadOnlyList<EnterpriseProfile> Profiles(string? creditCode = null);

    /// <summary>Factories with their yearly evaluations, sorted by factory id and year (of one enterprise when given).</summary>
    IReadOnlyList<Factory> Factories(string? creditCode = null);

    /// <summary>Stores a new application with its first step and registry changes in one transaction; returns its id.</summary>
    long CreateApplication(ProgramApplication application, ApplicationEvent first, IReadOnlyList<HoldingChange> changes);

    /// <summary>
    /// Stores a step: the application's new state, the event (its Seq is assigned), the registry changes. A started
    /// holding is linked to the application. Throws <see cref="Storage.StoreException"/> when the stored state is no
    /// longer <paramref name="expected"/> (someone else acted first).
    /// </summary>
    void RecordStep(ProgramApplication application, ApplicationState expected, ApplicationEvent step, IReadOnlyList<HoldingChange> changes);

    ProgramApplication? Application(long id);

    /// <summary>Every application, by id.</summary>
    IReadOnlyList<ProgramApplication> Applications();

    /// <summary>An application's audit trail, in order.</summary>
    IReadOnlyList<ApplicationEvent> ApplicationEvents(long applicationId);

    /// <summary>Every holding of the registry (history kept), by id.</summary>
    IReadOnlyList<RegistryHolding> Holdings();

    /// <summary>The monthly reports of the given enterprises, sorted by credit code and period (a pre-check reads one enterprise, not the table).</summary>
    IEnumerable<Reporting.MonthlyReport> ReportsOf(IReadOnlyCollection<string> creditCodes);

    /// <summary>Revenue and profit summed by division (two digits) and year, over every enterprise's reports of those years.</summary>
    IReadOnlyDictionary<(string Division, int Year), (double Revenue, double Profit)> DivisionTotals(int firstYear, int lastYear);

    /// <summary>Adds holdings outside applications (the register's initial load, the demo); returns how many.</summary>
    int AddHoldings(IEnumerable<StartHolding> holdings);
}
