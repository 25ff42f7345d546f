using System.Globalization;

namespace Ballast.Core.Arrears;

/// <summary>Who owes the SME: the debtor types of the regulation on ensuring payments to SMEs.</summary>
public enum DebtorType
{
    /// <summary>A government agency (机关).</summary>
    GovernmentAgency,
    /// <summary>A public institution (事业单位).</summary>
    PublicInstitution,
    /// <summary>A state-owned enterprise (国有企业).</summary>
    StateOwnedEnterprise,
    /// <summary>Any other large enterprise (其他大型企业).</summary>
    OtherLargeEnterprise,
}

/// <summary>Where a case stands: registered → accepted → in progress → closed.</summary>
public enum CaseState { Registered, Accepted, InProgress, Closed }

/// <summary>How a closed case ended.</summary>
public enum CaseClosure
{
    /// <summary>The debtor paid the whole amount.</summary>
    Paid,
    /// <summary>The debtor paid part of it (the paid amount is recorded); the rest is not recovered through the case.</summary>
    PartlyPaid,
    /// <summary>The debt is disputed (e.g. goes to court or arbitration); nothing was cleared through the case.</summary>
    Disputed,
    /// <summary>The SME withdrew the case.</summary>
    Withdrawn,
}

/// <summary>The role the acting user holds: it decides which cases the user sees and may handle.</summary>
public enum UserRole
{
    /// <summary>An enterprise: sees and registers its own cases only.</summary>
    Enterprise,
    /// <summary>A province's office: handles the cases assigned to its province.</summary>
    Province,
    /// <summary>The ministry: sees and handles every case, runs escalation.</summary>
    Ministry,
}

/// <summary>
/// The user on whose behalf a service acts (the web platform's signed-in account, or the CLI's --role): a name for
/// the audit trail, the role, and the province or credit code the role is bound to.
/// </summary>
public sealed record ActingUser(string Name, UserRole Role, string? Province = null, string? CreditCode = null)
{
    /// <summary>The ministry's local operator (the CLI's default).</summary>
    public static ActingUser Ministry(string name) => new(name, UserRole.Ministry);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new ArrearsException(ArrearsErrorKind.Forbidden, "the acting user has no name; every step of a case records who took it");
        switch (Role)
        {
            case UserRole.Province when Province is null || Province.Length != 2:
                throw new ArrearsException(ArrearsErrorKind.Forbidden, $"user {Name} acts for a province but names none (two digits, e.g. 32)");
            case UserRole.Enterprise when string.IsNullOrEmpty(CreditCode):
                throw new ArrearsException(ArrearsErrorKind.Forbidden, $"user {Name} acts for an enterprise but names no credit code");
        }
    }
}

/// <summary>One arrears case: an SME's claim against a debtor that has not paid it on time. Money in 10,000 yuan.</summary>
/// <param name="Province">The debtor's province (two digits), which handles the case.</param>
/// <param name="HandlingDeadline">Registration time plus the handling period (<see cref="ArrearsSettings.HandlingDays"/>).</param>
/// <param name="PaidAmount">What the debtor paid through the case: the amount when paid, part of it when partly paid, else 0.</param>
/// <param name="EscalationLevel">0 until the case first passes its handling deadline open; then 1 (to the ministry) and up.</param>
/// <param name="Version">Bumped by every change; an update computed from a stale copy is refused.</param>
public sealed record ArrearsCase(
    long Id,
    string CreditCode,
    string DebtorName,
    DebtorType DebtorType,
    string Province,
    decimal Amount,
    DateOnly ContractDate,
    DateOnly DueDate,
    DateTimeOffset RegisteredAt,
    DateTimeOffset HandlingDeadline,
    CaseState State,
    CaseClosure? Closure,
    decimal PaidAmount,
    DateTimeOffset? ClosedAt,
    int EscalationLevel,
    DateTimeOffset? EscalatedAt,
    int Version)
{
    public bool IsClosed => State == CaseState.Closed;

    /// <summary>Still owed through the case: the amount while open, nothing once closed.</summary>
    public decimal Outstanding => IsClosed ? 0m : Amount;

    /// <summary>Closed without the money: a dispute, a withdrawal, or the unpaid rest of a partial payment.</summary>
    public decimal ClosedUnpaid => IsClosed ? Amount - PaidAmount : 0m;

    /// <summary>True when the case is open past its handling deadline.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => !IsClosed && now > HandlingDeadline;

    /// <summary>Open at the given instant: registered before it and not closed before it.</summary>
    public bool IsOpenAt(DateTimeOffset instant) => RegisteredAt < instant && (ClosedAt is not { } closed || closed >= instant);

    /// <summary>The state as its code: registered, accepted, in_progress, paid, partly_paid, disputed, withdrawn.</summary>
    public string StatusCode => IsClosed ? ArrearsCodes.Code(Closure!.Value) : ArrearsCodes.Code(State);
}

/// <summary>One step in a case's history: who did what, when, from which state to which.</summary>
/// <param name="Action">register, accept, start, close or escalate.</param>
/// <param name="Detail">A plain sentence: the closure and paid amount, the escalation level, the user's note.</param>
public sealed record ArrearsEvent(
    long CaseId, int Seq, DateTimeOffset At, string ActorName, UserRole ActorRole, string Action,
    CaseState? FromState, CaseState ToState, string Detail);

/// <summary>What an SME registers. <paramref name="DueDate"/> null: the contract date plus the payment term.</summary>
public sealed record CaseRegistration(
    string CreditCode,
    string DebtorName,
    DebtorType DebtorType,
    string Province,
    decimal Amount,
    DateOnly ContractDate,
    DateOnly? DueDate);

/// <summary>
/// The settings of the arrears work (docs/arrears.md). The payment term is 60 days by default, from the regulation
/// on ensuring payments to SMEs (保障中小企业款项支付条例); the handling period and the escalation step are the
/// ministry's choice.
/// </summary>
/// <param name="PaymentTermDays">Longest payment term: a due date later than contract date + term is capped to it.</param>
/// <param name="HandlingDays">Days a province has, from registration, to close a case.</param>
/// <param name="EscalationStepDays">Each further step of this many days past the deadline raises the level by one.</param>
/// <param name="MaxEscalationLevel">The highest level (1 = escalated to the ministry).</param>
public sealed record ArrearsSettings(int PaymentTermDays = 60, int HandlingDays = 30, int EscalationStepDays = 30, int MaxEscalationLevel = 3)
{
    public static ArrearsSettings Default { get; } = new();

    internal void Validate()
    {
        if (PaymentTermDays is < 1 or > 3650) throw new ArgumentOutOfRangeException(nameof(PaymentTermDays), PaymentTermDays, "the payment term is 1 to 3650 days");
        if (HandlingDays is < 1 or > 3650) throw new ArgumentOutOfRangeException(nameof(HandlingDays), HandlingDays, "the handling period is 1 to 3650 days");
        if (EscalationStepDays is < 1 or > 3650) throw new ArgumentOutOfRangeException(nameof(EscalationStepDays), EscalationStepDays, "the escalation step is 1 to 3650 days");
        if (MaxEscalationLevel is < 1 or > 10) throw new ArgumentOutOfRangeException(nameof(MaxEscalationLevel), MaxEscalationLevel, "the highest escalation level is 1 to 10");
    }

    /// <summary>
    /// The escalation level a case should have at <paramref name="now"/>: 0 while closed or within its deadline;
    /// past it, 1 + one per full <see cref="EscalationStepDays"/> beyond the deadline, up to the maximum.
    /// </summary>
    public int EscalationLevelAt(ArrearsCase c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.IsOverdueAt(now)) return 0;
        long steps = (long)Math.Floor((now - c.HandlingDeadline).TotalDays / EscalationStepDays);
        return (int)Math.Min(MaxEscalationLevel, 1 + steps);
    }
}

/// <summary>Why a service refused: the API maps these to 400, 403, 404 and 409.</summary>
public enum ArrearsErrorKind { Invalid, Forbidden, NotFound, Conflict }

/// <summary>A refused arrears request, with every problem found (for bad input, one per field).</summary>
public sealed class ArrearsException : Exception
{
    public ArrearsException(ArrearsErrorKind kind, string message) : this(kind, [message]) { }

    public ArrearsException(ArrearsErrorKind kind, IReadOnlyList<string> problems)
        : base(problems.Count == 1 ? problems[0] : string.Join("; ", problems))
    {
        Kind = kind;
        Problems = problems;
    }

    public ArrearsException() : this(ArrearsErrorKind.Invalid, "the arrears request was refused") { }

    public ArrearsException(string message) : this(ArrearsErrorKind.Invalid, message) { }

    public ArrearsException(string message, Exception innerException) : base(message, innerException)
    {
        Kind = ArrearsErrorKind.Invalid;
        Problems = [message];
    }

    public ArrearsErrorKind Kind { get; }

    /// <summary>Each problem as a plain sentence naming the field.</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>The codes cases use in files, the store and commands (lower case, ordinal).</summary>
public static class ArrearsCodes
{
    public static string Code(DebtorType t) => t switch
    {
        DebtorType.GovernmentAgency => "government",
        DebtorType.PublicInstitution => "institution",
        DebtorType.StateOwnedEnterprise => "soe",
        DebtorType.OtherLargeEnterprise => "large",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, null),
    };

    public static string Code(CaseState s) => s switch
    {
        CaseState.Registered => "registered",
        CaseState.Accepted => "accepted",
        CaseState.InProgress => "in_progress",
        CaseState.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, null),
    };

    public static string Code(CaseClosure c) => c switch
    {
        CaseClosure.Paid => "paid",
        CaseClosure.PartlyPaid => "partly_paid",
        CaseClosure.Disputed => "disputed",
        CaseClosure.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    public static string Code(UserRole r) => r switch
    {
        UserRole.Enterprise => "enterprise",
        UserRole.Province => "province",
        UserRole.Ministry => "ministry",
        _ => throw new ArgumentOutOfRangeException(nameof(r), r, null),
    };

    public static readonly IReadOnlyList<DebtorType> DebtorTypes = Enum.GetValues<DebtorType>();
    public static readonly IReadOnlyList<CaseClosure> Closures = Enum.GetValues<CaseClosure>();

    /// <summary>Every status a case can show, in workflow order.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["registered", "accepted", "in_progress", "paid", "partly_paid", "disputed", "withdrawn"];

    public static bool TryParseDebtorType(string? text, out DebtorType type) => TryParse(text, DebtorTypes, Code, out type);
    public static bool TryParseState(string? text, out CaseState state) => TryParse(text, Enum.GetValues<CaseState>(), Code, out state);
    public static bool TryParseClosure(string? text, out CaseClosure closure) => TryParse(text?.Replace('-', '_'), Closures, Code, out closure);
    public static bool TryParseRole(string? text, out UserRole role) => TryParse(text, Enum.GetValues<UserRole>(), Code, out role);

    private static bool TryParse<T>(string? text, IEnumerable<T> values, Func<T, string> code, out T value)
    {
        foreach (var v in values)
            if (string.Equals(code(v), text, StringComparison.Ordinal)) { value = v; return true; }
        value = default!;
        return false;
    }

    internal static T Parse<T>(string text, IEnumerable<T> values, Func<T, string> code, string what) =>
        TryParse(text, values, code, out T v) ? v : throw new Storage.StoreException($"the store holds \"{text}\" where a {what} code belongs; it was not written by Ballast");

    /// <summary>An amount in 10,000 yuan as text: invariant, no exponent, two to six decimals.</summary>
    public static string Money(decimal amount) => amount.ToString("0.00####", CultureInfo.InvariantCulture);

    /// <summary>A date as YYYY-MM-DD.</summary>
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
