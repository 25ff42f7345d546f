using System.Globalization;
using Ballast.Core.Classifications;
using Ballast.Core.Register;
using Ballast.Core.Reporting.Import;

namespace Ballast.Core.Arrears;

/// <summary>
/// The arrears work (docs/arrears.md): an SME registers a case against a debtor that has not paid it on time; the
/// debtor's province accepts it, works on it and closes it within the handling period; open cases past that
/// deadline escalate to the ministry. Every call takes the acting user, whose role decides what it may see and do:
/// an enterprise its own cases, a province the cases assigned to it, the ministry all. Time comes from the
/// injected clock.
/// </summary>
public sealed partial class ArrearsService
{
    /// <summary>Largest amount of one case: 100,000,000 × 10,000 yuan (one trillion yuan), far above any real claim.</summary>
    public const decimal MaxAmount = 100_000_000m;

    /// <summary>Longest debtor name, in characters.</summary>
    public const int MaxDebtorName = 200;

    private readonly IArrearsStore _store;
    private readonly TimeProvider _clock;
    private readonly Classification _classification;

    public ArrearsService(IArrearsStore store, TimeProvider clock, ArrearsSettings? settings = null, Classification? classification = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        _store = store;
        _clock = clock;
        Settings = settings ?? ArrearsSettings.Default;
        Settings.Validate();
        _classification = classification ?? Classification.Default;
    }

    public ArrearsSettings Settings { get; }

    // Both stores keep microseconds: a time with finer ticks would not read back equal.
    private DateTimeOffset Now()
    {
        var now = _clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    private DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChinaTime.TimeZone).DateTime);

    // ---------------------------------------------------------------- registering

    /// <summary>
    /// Registers a case for an SME. The acting user is that SME (or the ministry on its behalf). Every problem with
    /// the input is reported at once (<see cref="ArrearsErrorKind.Invalid"/>, one sentence per field).
    /// </summary>
    public ArrearsCase Register(ActingUser user, CaseRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(registration);
        user.Validate();
        switch (user.Role)
        {
            case UserRole.Province:
                throw new ArrearsException(ArrearsErrorKind.Forbidden, $"user {user.Name} acts for province {user.Province}: provinces handle cases, the SME registers them");
            case UserRole.Enterprise when !string.Equals(user.CreditCode, registration.CreditCode, StringComparison.Ordinal):
                throw new ArrearsException(ArrearsErrorKind.Forbidden, $"user {user.Name} acts for enterprise {user.CreditCode} and cannot register a case for {registration.CreditCode}");
        }

        var now = Now();
        var today = Today(now);
        var problems = new List<string>();
        string code = registration.CreditCode ?? "";
        if (CreditCode.Problem(code) is { } codeProblem)
            problems.Add($"credit_code: {codeProblem}");
        else if (_store.FindEnterprise(code) is not { } enterprise)
            problems.Add($"credit_code: {code} is not in the register; only registered enterprises can register arrears cases");
        else if (_classification.SizeOf(enterprise.Employees, enterprise.RevenueLastYear) == SizeClass.Large)
            problems.Add($"credit_code: {code} is a large enterprise by the register ({enterprise.Employees.ToString(CultureInfo.InvariantCulture)} employees, revenue " +
                         $"{enterprise.RevenueLastYear.ToString("0.##", CultureInfo.InvariantCulture)}); arrears cases are for medium, small and micro enterprises");

        string debtor = registration.DebtorName?.Trim() ?? "";
        if (debtor.Length == 0) problems.Add("debtor_name: empty; name the debtor that owes the money");
        else if (debtor.Length > MaxDebtorName) problems.Add($"debtor_name: {debtor.Length.ToString(CultureInfo.InvariantCulture)} characters; at most {MaxDebtorName.ToString(CultureInfo.InvariantCulture)}");

        if (!Enum.IsDefined(registration.DebtorType))
            problems.Add($"debtor_type: {(int)registration.DebtorType} is not a debtor type");

        string province = registration.Province ?? "";
        if (!_classification.ProvinceByCode.ContainsKey(province))
            problems.Add($"province: \"{province}\" is not one of the 31 province codes (two digits, e.g. 32 for Jiangsu)");

        decimal amount = registration.Amount;
        if (amount <= 0) problems.Add($"amount: {ArrearsCodes.Money(amount)} must be more than 0 (10,000 yuan)");
        else if (amount > MaxAmount) problems.Add($"amount: {ArrearsCodes.Money(amount)} is more than {ArrearsCodes.Money(MaxAmount)} (10,000 yuan); check the unit");
        else if (amount * 1_000_000m != decimal.Truncate(amount * 1_000_000m)) problems.Add($"amount: {amount.ToString(CultureInfo.InvariantCulture)} has a fraction of a fen; at most 6 decimals of 10,000 yuan");

        var contract = registration.ContractDate;
        if (contract > today) problems.Add($"contract_date: {ArrearsCodes.Date(contract)} is in the future (today is {ArrearsCodes.Date(today)} in Beijing time)");
        var termEnd = contract.AddDays(Settings.PaymentTermDays);
        var due = registration.DueDate ?? termEnd;
        if (due < contract) problems.Add($"due_date: {ArrearsCodes.Date(due)} is before the contract date {ArrearsCodes.Date(contract)}");
        // The regulation caps the payment term: a later due date in the contract does not delay the debt.
        if (due > termEnd) due = termEnd;
        if (due >= contract && contract <= today && due >= today)
            problems.Add($"due_date: the payment is not overdue yet (due {ArrearsCodes.Date(due)}, today {ArrearsCodes.Date(today)} in Beijing time); register it from {ArrearsCodes.Date(due.AddDays(1))}");
        if (problems.Count > 0) throw new ArrearsException(ArrearsErrorKind.Invalid, problems);

        var newCase = new ArrearsCase(0, code, debtor, registration.DebtorType, province, amount, contract, due, now,
            now.AddDays(Settings.HandlingDays), CaseState.Registered, null, 0m, null, 0, null, 0);
        var step = new ArrearsEvent(0, 1, now, user.Name, user.Role, "register", null, CaseState.Registered,
            $"registered {ArrearsCodes.Money(amount)} (10,000 yuan) owed by {debtor} ({ArrearsCodes.Code(registration.DebtorType)}), due {ArrearsCodes.Date(due)}; " +
            $"assigned to province {province}, to be handled by {newCase.HandlingDeadline.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        return _store.InsertArrearsCase(newCase, step);
    }

    // ---------------------------------------------------------------- reading

    /// <summary>One case, if the user may see it.</summary>
    public ArrearsCase Get(ActingUser user, long id)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Validate();
        var c = _store.ArrearsCase(id) ?? throw new ArrearsException(ArrearsErrorKind.NotFound, $"there is no arrears case {id.ToString(CultureInfo.InvariantCulture)}");
        EnsureCanSee(user, c);
        return c;
    }

    /// <summary>A case's history (oldest first), if the user may see the case.</summary>
    public IReadOnlyList<ArrearsEvent> History(ActingUser user, long id)
    {
        Get(user, id);
        return _store.ArrearsEvents(id);
    }

    /// <summary>The cases the user may see: an enterprise its own, a province those assigned to it, the ministry all.</summary>
    public IReadOnlyList<ArrearsCase> List(ActingUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Validate();
        return user.Role switch
        {
            UserRole.Enterprise => _store.ArrearsCases(creditCode: user.CreditCode),
            UserRole.Province => _store.ArrearsCases(province: user.Province),
            _ => _store.ArrearsCases(),
        };
    }

    private static void EnsureCanSee(ActingUser user, ArrearsCase c)
    {
        bool allowed = user.Role switch
        {
            UserRole.Enterprise => string.Equals(user.CreditCode, c.CreditCode, StringComparison.Ordinal),
            UserRole.Province => string.Equals(user.Province, c.Province, StringComparison.Ordinal),
            _ => true,
        };
        if (!allowed)
            throw new ArrearsException(ArrearsErrorKind.Forbidden, user.Role == UserRole.Enterprise
                ? $"case {c.Id.ToString(CultureInfo.InvariantCulture)} is not a case of enterprise {user.CreditCode}; an enterprise sees only its own cases"
                : $"case {c.Id.ToString(CultureInfo.InvariantCulture)} is assigned to another province, not {user.Province}; a province handles only its own cases");
    }

    // ---------------------------------------------------------------- handling

    /// <summary>The province (or the ministry) accepts a registered case.</summary>
    public ArrearsCase Accept(ActingUser user, long id, string? note = null) =>
        Transition(user, id, "accept", CaseState.Accepted, null, null, note);

    /// <summary>The province (or the ministry) starts work on an accepted case.</summary>
    public ArrearsCase Start(ActingUser user, long id, string? note = null) =>
        Transition(user, id, "start", CaseState.InProgress, null, null, note);

    /// <summary>
    /// Closes a case. Paid, partly paid and disputed close a case in progress (province or ministry); withdrawn
    /// closes any open case, by the SME itself or by the province on its request. <paramref name="paidAmount"/> is
    /// required for partly paid (more than 0, less than the amount) and must be absent otherwise.
    /// </summary>
    public ArrearsCase Close(ActingUser user, long id, CaseClosure closure, decimal? paidAmount = null, string? note = null)
    {
        if (!Enum.IsDefined(closure)) throw new ArrearsException(ArrearsErrorKind.Invalid, $"outcome: {(int)closure} is not a closure");
        return Transition(user, id, "close", CaseState.Closed, closure, paidAmount, note);
    }

    private ArrearsCase Transition(ActingUser user, long id, string action, CaseState to, CaseClosure? closure, decimal? paidAmount, string? note)
    {
        ArgumentNullException.ThrowIfNull(user);
        var c = Get(user, id);
        bool withdrawal = closure == CaseClosure.Withdrawn;
        if (user.Role == UserRole.Enterprise && !withdrawal)
            throw new ArrearsException(ArrearsErrorKind.Forbidden, $"user {user.Name} acts for the enterprise; the province handles the case (the enterprise may only withdraw it)");

        var from = c.State;
        bool allowed = (from, to) switch
        {
            (CaseState.Registered, CaseState.Accepted) => true,
            (CaseState.Accepted, CaseState.InProgress) => true,
            (CaseState.InProgress, CaseState.Closed) => true,
            (CaseState.Registered or CaseState.Accepted, CaseState.Closed) => withdrawal,
            _ => false,
        };
        string idText = id.ToString(CultureInfo.InvariantCulture);
        if (!allowed)
        {
            string what = closure is { } cl ? $"close it as {ArrearsCodes.Code(cl)}" : action;
            string allowedNext = from switch
            {
                CaseState.Registered => "accept it, or close it as withdrawn",
                CaseState.Accepted => "start it, or close it as withdrawn",
                CaseState.InProgress => "close it (paid, partly_paid, disputed or withdrawn)",
                _ => "nothing: it is closed",
            };
            throw new ArrearsException(ArrearsErrorKind.Conflict, $"case {idText} is {c.StatusCode}: cannot {what}; from there one can {allowedNext}");
        }

        decimal paid = 0m;
        if (closure == CaseClosure.PartlyPaid)
        {
            if (paidAmount is not { } p)
                throw new ArrearsException(ArrearsErrorKind.Invalid, $"paid: a partly paid case needs the amount paid (10,000 yuan, less than the case's {ArrearsCodes.Money(c.Amount)})");
            if (p <= 0 || p >= c.Amount)
                throw new ArrearsException(ArrearsErrorKind.Invalid, $"paid: {ArrearsCodes.Money(p)} must be more than 0 and less than the case's amount {ArrearsCodes.Money(c.Amount)}; a full payment is 'paid'");
            if (p * 1_000_000m != decimal.Truncate(p * 1_000_000m))
                throw new ArrearsException(ArrearsErrorKind.Invalid, $"paid: {p.ToString(CultureInfo.InvariantCulture)} has a fraction of a fen; at most 6 decimals of 10,000 yuan");
            paid = p;
        }
        else if (paidAmount is not null)
            throw new ArrearsException(ArrearsErrorKind.Invalid, $"paid: an amount is given only for a partly paid case, not for {(closure is { } cl ? ArrearsCodes.Code(cl) : action)}");
        else if (closure == CaseClosure.Paid)
            paid = c.Amount;

        var now = Now();
        var updated = c with
        {
            State = to,
            Closure = closure,
            PaidAmount = paid,
            ClosedAt = to == CaseState.Closed ? now : null,
            Version = c.Version + 1,
        };
        string detail = closure switch
        {
            CaseClosure.Paid => $"paid in full: {ArrearsCodes.Money(paid)}",
            CaseClosure.PartlyPaid => $"partly paid: {ArrearsCodes.Money(paid)} of {ArrearsCodes.Money(c.Amount)}",
            CaseClosure.Disputed => "disputed",
            CaseClosure.Withdrawn => "withdrawn",
            _ => action == "accept" ? "accepted" : "in progress",
        };
        if (!string.IsNullOrWhiteSpace(note)) detail += "; note: " + note.Trim();
        var step = new ArrearsEvent(id, 0, now, user.Name, user.Role, action, from, to, detail);
        if (!_store.UpdateArrearsCase(updated, c.Version, step))
            throw new ArrearsException(ArrearsErrorKind.Conflict, $"case {idText} was changed by someone else meanwhile; read it again and retry");
        return updated;
    }

    // ---------------------------------------------------------------- escalation

    /// <summary>
    /// Raises the escalation level of every open case past its handling deadline to the level it has reached now
    /// (<see cref="ArrearsSettings.EscalationLevelAt"/>), recording who and when; the ministry runs it (daily, or
    /// from the CLI). Returns the cases it escalated.
    /// </summary>
    public IReadOnlyList<ArrearsCase> Escalate(ActingUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Validate();
        if (user.Role != UserRole.Ministry)
            throw new ArrearsException(ArrearsErrorKind.Forbidden, $"user {user.Name} is not the ministry; overdue cases are escalated to the ministry by the ministry");
        var now = Now();
        var escalated = new List<ArrearsCase>();
        foreach (var c in _store.ArrearsCases())
        {
            int level = Settings.EscalationLevelAt(c, now);
            if (level <= c.EscalationLevel) continue;
            var updated = c with { EscalationLevel = level, EscalatedAt = now, Version = c.Version + 1 };
            int days = (int)Math.Floor((now - c.HandlingDeadline).TotalDays);
            var step = new ArrearsEvent(c.Id, 0, now, user.Name, user.Role, "escalate", c.State, c.State,
                $"escalated to level {level.ToString(CultureInfo.InvariantCulture)}: {c.StatusCode} and {days.ToString(CultureInfo.InvariantCulture)} days past the handling deadline " +
                c.HandlingDeadline.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
            // A case changed meanwhile is left for the next run, when its state is read afresh.
            if (_store.UpdateArrearsCase(updated, c.Version, step)) escalated.Add(updated);
        }
        return escalated;
    }

    /// <summary>The open cases the user may see that are past their handling deadline now.</summary>
    public IReadOnlyList<ArrearsCase> Overdue(ActingUser user)
    {
        var now = Now();
        return List(user).Where(c => c.IsOverdueAt(now)).ToList();
    }
}
