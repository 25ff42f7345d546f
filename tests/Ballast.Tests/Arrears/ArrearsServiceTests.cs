using Ballast.Core.Arrears;
using static Ballast.Tests.Arrears.ArrearsFixture;

namespace Ballast.Tests.Arrears;

public sealed partial class ArrearsServiceTests : IDisposable
{
    private readonly ArrearsFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static ArrearsException Refused(ArrearsErrorKind kind, Action action)
    {
        var e = Assert.Throws<ArrearsException>(action);
        Assert.Equal(kind, e.Kind);
        return e;
    }

    // ------------------------------------------------------------------ registering

    [Fact]
    public void Register_ValidCase_DueDateFromThePaymentTermAndDeadlineFromTheHandlingPeriod()
    {
        var c = _f.Register(1, 12.5m);

        Assert.Equal(CaseState.Registered, c.State);
        Assert.Equal("registered", c.StatusCode);
        Assert.Equal(new DateOnly(2025, 4, 30), c.DueDate);            // 2025-03-01 + 60 days: 30 to Mar 31, 30 more to Apr 30
        Assert.Equal(Start, c.RegisteredAt);
        Assert.Equal(Start.AddDays(30), c.HandlingDeadline);            // handling period 30 days by default
        Assert.Equal(c, _f.Service.Get(Ministry, c.Id));
        var e = Assert.Single(_f.Service.History(Ministry, c.Id));
        Assert.Equal(("register", "li (enterprise 1)", UserRole.Enterprise, Start, CaseState.Registered), (e.Action, e.ActorName, e.ActorRole, e.At, e.ToState));
    }

    [Fact]
    public void Register_DueDateBeyondThePaymentTerm_IsCappedToTheTerm()
    {
        var c = _f.Service.Register(Sme(1), Case(1) with { ContractDate = new DateOnly(2025, 1, 2), DueDate = new DateOnly(2025, 12, 31) });
        Assert.Equal(new DateOnly(2025, 3, 3), c.DueDate); // Jan 2 + 60 days: 29 to Jan 31, 28 to Feb 28, 3 to Mar 3
    }

    [Fact]
    public void Register_PaymentTermIsASetting()
    {
        using var f = new ArrearsFixture(new ArrearsSettings(PaymentTermDays: 30));
        var c = f.Register(1);
        Assert.Equal(new DateOnly(2025, 3, 31), c.DueDate); // 2025-03-01 + 30 days
    }

    [Fact]
    public void Register_OnTheDueDateInBeijing_IsNotOverdueYet_TheDayAfterIs()
    {
        // 2025-05-31 16:30 UTC is already 2025-06-01 00:30 in Beijing: a payment due on 2025-05-31 is overdue there.
        _f.Clock.Now = new DateTimeOffset(2025, 5, 31, 16, 30, 0, TimeSpan.Zero);
        var contract = new DateOnly(2025, 5, 1);

        var e = Refused(ArrearsErrorKind.Invalid, () => _f.Service.Register(Sme(1), Case(1) with { ContractDate = contract, DueDate = new DateOnly(2025, 6, 1) }));
        Assert.Contains("due_date: the payment is not overdue yet (due 2025-06-01, today 2025-06-01", e.Message, StringComparison.Ordinal);

        var c = _f.Service.Register(Sme(1), Case(1) with { ContractDate = contract, DueDate = new DateOnly(2025, 5, 31) });
        Assert.Equal(new DateOnly(2025, 5, 31), c.DueDate);
    }

    [Fact]
    public void Register_BadInput_ListsEveryProblemByField()
    {
        var bad = new CaseRegistration(Code(1), "  ", DebtorType.GovernmentAgency, "99", -5m, new DateOnly(2025, 6, 2), null);

        var e = Refused(ArrearsErrorKind.Invalid, () => _f.Service.Register(Sme(1), bad));

        Assert.Equal(4, e.Problems.Count);
        Assert.StartsWith("debtor_name: empty", e.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("province: \"99\" is not one of the 31 province codes", e.Problems[1], StringComparison.Ordinal);
        Assert.StartsWith("amount: -5.00 must be more than 0", e.Problems[2], StringComparison.Ordinal);
        Assert.StartsWith("contract_date: 2025-06-02 is in the future (today is 2025-06-01 in Beijing time)", e.Problems[3], StringComparison.Ordinal);
        Assert.Empty(_f.Store.ArrearsCases());
    }

    [Theory]
    [InlineData("1.0000001", "has a fraction of a fen")]
    [InlineData("100000000.01", "is more than 100000000.00")]
    [InlineData("0", "must be more than 0")]
    public void Register_AmountOutOfBounds_IsRefused(string amount, string expected)
    {
        var e = Refused(ArrearsErrorKind.Invalid, () => _f.Service.Register(Sme(1), Case(1, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Contains(expected, Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_AtTheLargestAmountAndAtOneFen_IsAccepted()
    {
        Assert.Equal(ArrearsService.MaxAmount, _f.Register(1, ArrearsService.MaxAmount).Amount);
        Assert.Equal(0.000001m, _f.Register(1, 0.000001m).Amount); // one fen
    }

    [Fact]
    public void Register_LargeEnterprise_IsRefused()
    {
        var e = Refused(ArrearsErrorKind.Invalid, () => _f.Service.Register(Ministry, Case(9)));
        Assert.Contains("is a large enterprise by the register (1500 employees", Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_EnterpriseNotInRegisterOrBadCode_IsRefused()
    {
        var e = Refused(ArrearsErrorKind.Invalid, () => _f.Service.Register(Ministry, Case(5)));
        Assert.Contains("is not in the register", Assert.Single(e.Problems), StringComparison.Ordinal);
        var bad = Refused(ArrearsErrorKind.Invalid, () => _f.Service.Register(Ministry, Case(1) with { CreditCode = "91110000000000000X" }));
        Assert.StartsWith("credit_code: ", Assert.Single(bad.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_MinistryOnBehalfOfAnSme_IsAccepted_ProvinceAndOtherEnterprisesAreNot()
    {
        Assert.Equal(Code(2), _f.Service.Register(Ministry, Case(2)).CreditCode);
        Refused(ArrearsErrorKind.Forbidden, () => _f.Service.Register(Province("32"), Case(2)));
        var e = Refused(ArrearsErrorKind.Forbidden, () => _f.Service.Register(Sme(1), Case(2)));
        Assert.Contains("cannot register a case for " + Code(2), e.Message, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ access

    [Fact]
    public void Enterprise_CannotReadAnotherEnterprisesCase()
    {
        var mine = _f.Register(1);
        var theirs = _f.Register(2);

        var e = Refused(ArrearsErrorKind.Forbidden, () => _f.Service.Get(Sme(1), theirs.Id));
        Assert.Contains("an enterprise sees only its own cases", e.Message, StringComparison.Ordinal);
        Refused(ArrearsErrorKind.Forbidden, () => _f.Service.History(Sme(1), theirs.Id));
        Assert.Equal([mine.Id], _f.Service.List(Sme(1)).Select(c => c.Id));
        Assert.Equal(1, _f.Service.Statistics(Sme(1)).Total.Cases);
        Assert.Equal(mine, _f.Service.Get(Sme(1), mine.Id));
    }

    [Fact]
    public void Province_CannotHandleAnotherProvincesCase()
    {
        var jiangsu = _f.Register(1, province: "32");
        var guangdong = _f.Register(1, province: "44");

        var e = Refused(ArrearsErrorKind.Forbidden, () => _f.Service.Accept(Province("44"), jiangsu.Id));
        Assert.Contains("a province handles only its own cases", e.Message, StringComparison.Ordinal);
        Refused(ArrearsErrorKind.Forbidden, () => _f.Service.Close(Province("44"), jiangsu.Id, CaseClosure.Withdrawn));
        Assert.Equal(CaseState.Registered, _f.Service.Get(Ministry, jiangsu.Id).State);
        Assert.Single(_f.Service.History(Ministry, jiangsu.Id));

        Assert.Equal([guangdong.Id], _f.Service.List(Province("44")).Select(c => c.Id));
        Assert.Equal(CaseState.Accepted, _f.Service.Accept(Province("44"), guangdong.Id).State);
        Assert.Equal([jiangsu.Id, guangdong.Id], _f.Service.List(Ministry).Select(c => c.Id));
        Assert.Equal(CaseState.Accepted, _f.Service.Accept(Ministry, jiangsu.Id).State); // the ministry handles any case
    }

    [Fact]
    public void Enterprise_MayWithdrawItsCase_ButNotHandleIt()
    {
        var c = _f.Register(1);
        var e = Refused(ArrearsErrorKind.Forbidden, () => _f.Service.Accept(Sme(1), c.Id));
        Assert.Contains("the province handles the case", e.Message, StringComparison.Ordinal);
        Refused(ArrearsErrorKind.Forbidden, () => _f.Service.Escalate(Sme(1)));
        Refused(ArrearsErrorKind.Forbidden, () => _f.Service.Escalate(Province("32")));

        var withdrawn = _f.Service.Close(Sme(1), c.Id, CaseClosure.Withdrawn, note: "paid after a phone call");
        Assert.Equal("withdrawn", withdrawn.StatusCode);
        Assert.Equal("withdrawn; note: paid after a phone call", _f.Service.History(Sme(1), c.Id)[^1].Detail);
    }

    [Fact]
    public void ActingUser_WithoutItsScope_IsRefused()
    {
        Refused(ArrearsErrorKind.Forbidden, () => _f.Service.List(new ActingUser("x", UserRole.Province)));
        Refused(ArrearsErrorKind.Forbidden, () => _f.Service.List(new ActingUser("x", UserRole.Enterprise)));
        Refused(ArrearsErrorKind.Forbidden, () => _f.Service.List(new ActingUser(" ", UserRole.Ministry)));
        Refused(ArrearsErrorKind.NotFound, () => _f.Service.Get(Ministry, 404));
    }

    // ------------------------------------------------------------------ handling

    [Fact]
    public void Lifecycle_EveryStepRecordedWithWhoAndWhen()
    {
        var c = _f.Register(1, 10m);
        var t0 = _f.Clock.Now;
        _f.Clock.Advance(TimeSpan.FromDays(2));
        _f.Service.Accept(Province("32"), c.Id);
        _f.Clock.Advance(TimeSpan.FromDays(3));
        _f.Service.Start(Province("32"), c.Id, "called the debtor's finance office");
        _f.Clock.Advance(TimeSpan.FromDays(10));
        var closed = _f.Service.Close(Province("32"), c.Id, CaseClosure.PartlyPaid, 3.25m);

        Assert.Equal(("partly_paid", 3.25m, t0.AddDays(15)), (closed.StatusCode, closed.PaidAmount, closed.ClosedAt!.Value));
        Assert.Equal(closed, _f.Service.Get(Sme(1), c.Id));
        var history = _f.Service.History(Sme(1), c.Id);
        Assert.Equal(
            [
                (1, "register", "li (enterprise 1)", t0, (CaseState?)null, CaseState.Registered),
                (2, "accept", "wang (province 32)", t0.AddDays(2), CaseState.Registered, CaseState.Accepted),
                (3, "start", "wang (province 32)", t0.AddDays(5), CaseState.Accepted, CaseState.InProgress),
                (4, "close", "wang (province 32)", t0.AddDays(15), CaseState.InProgress, CaseState.Closed),
            ],
            history.Select(e => (e.Seq, e.Action, e.ActorName, e.At, e.FromState, e.ToState)));
        Assert.Equal("in progress; note: called the debtor's finance office", history[2].Detail);
        Assert.Equal("partly paid: 3.25 of 10.00", history[3].Detail);
    }

    [Fact]
    public void Transition_NotAllowed_IsAConflictNamingWhatCanBeDone()
    {
        var c = _f.Register(1);
        var e = Refused(ArrearsErrorKind.Conflict, () => _f.Service.Start(Ministry, c.Id));
        Assert.Equal($"case {c.Id} is registered: cannot start; from there one can accept it, or close it as withdrawn", e.Message);
        Refused(ArrearsErrorKind.Conflict, () => _f.Service.Close(Ministry, c.Id, CaseClosure.Paid));
        _f.Service.Accept(Ministry, c.Id);
        Refused(ArrearsErrorKind.Conflict, () => _f.Service.Accept(Ministry, c.Id));
        Refused(ArrearsErrorKind.Conflict, () => _f.Service.Close(Ministry, c.Id, CaseClosure.Disputed));
        _f.Service.Start(Ministry, c.Id);
        _f.Service.Close(Ministry, c.Id, CaseClosure.Paid);
        var closed = Refused(ArrearsErrorKind.Conflict, () => _f.Service.Close(Sme(1), c.Id, CaseClosure.Withdrawn));
        Assert.Contains("is paid: cannot close it as withdrawn; from there one can nothing: it is closed", closed.Message, StringComparison.Ordinal);
        Assert.Equal(4, _f.Service.History(Ministry, c.Id).Count);
    }

    [Fact]
    public void Close_PaidAmount_MustFitTheClosure()
    {
        var c = _f.Register(1, 10m);
        _f.Service.Accept(Ministry, c.Id);
        _f.Service.Start(Ministry, c.Id);
        Assert.Contains("needs the amount paid", Refused(ArrearsErrorKind.Invalid, () => _f.Service.Close(Ministry, c.Id, CaseClosure.PartlyPaid)).Message, StringComparison.Ordinal);
        Assert.Contains("a full payment is 'paid'", Refused(ArrearsErrorKind.Invalid, () => _f.Service.Close(Ministry, c.Id, CaseClosure.PartlyPaid, 10m)).Message, StringComparison.Ordinal);
        Refused(ArrearsErrorKind.Invalid, () => _f.Service.Close(Ministry, c.Id, CaseClosure.PartlyPaid, 0m));
        Refused(ArrearsErrorKind.Invalid, () => _f.Service.Close(Ministry, c.Id, CaseClosure.Paid, 10m));
        Assert.Equal(9.999999m, _f.Service.Close(Ministry, c.Id, CaseClosure.PartlyPaid, 9.999999m).PaidAmount); // one fen short of the whole
    }

    // ------------------------------------------------------------------ deadlines and escalation

    [Fact]
    public void Escalation_FollowsTheInjectedClock()
    {
        var c = _f.Register(1);
        var deadline = Start.AddDays(30);

        _f.Clock.Now = deadline; // at the deadline: not yet overdue
        Assert.Empty(_f.Service.Overdue(Ministry));
        Assert.Empty(_f.Service.Escalate(Ministry));

        _f.Clock.Now = deadline.AddSeconds(1);
        Assert.Equal([c.Id], _f.Service.Overdue(Province("32")).Select(x => x.Id));
        var first = Assert.Single(_f.Service.Escalate(Ministry));
        Assert.Equal((1, deadline.AddSeconds(1)), (first.EscalationLevel, first.EscalatedAt!.Value));
        Assert.Empty(_f.Service.Escalate(Ministry)); // nothing new at the same time

        _f.Clock.Now = deadline.AddDays(30).AddSeconds(-1); // just short of one more step
        Assert.Empty(_f.Service.Escalate(Ministry));
        _f.Clock.Now = deadline.AddDays(30);
        Assert.Equal(2, Assert.Single(_f.Service.Escalate(Ministry)).EscalationLevel);
        _f.Clock.Now = deadline.AddDays(365); // 1 + 12 steps, capped at the highest level
        Assert.Equal(3, Assert.Single(_f.Service.Escalate(Ministry)).EscalationLevel);

        var stored = _f.Service.Get(Ministry, c.Id);
        Assert.Equal((3, deadline.AddDays(365), CaseState.Registered), (stored.EscalationLevel, stored.EscalatedAt!.Value, stored.State));
        var escalations = _f.Service.History(Ministry, c.Id).Where(e => e.Action == "escalate").ToList();
        Assert.Equal([deadline.AddSeconds(1), deadline.AddDays(30), deadline.AddDays(365)], escalations.Select(e => e.At));
        Assert.All(escalations, e => Assert.Equal(("zhao (ministry)", UserRole.Ministry), (e.ActorName, e.ActorRole)));
        Assert.StartsWith("escalated to level 1: registered and 0 days past the handling deadline", escalations[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalation_ClosedCaseOrCaseWithinItsDeadline_IsLeftAlone()
    {
        var closed = _f.Register(1);
        _f.Service.Close(Sme(1), closed.Id, CaseClosure.Withdrawn);
        _f.Clock.Advance(TimeSpan.FromDays(20));
        var recent = _f.Register(2);
        _f.Clock.Advance(TimeSpan.FromDays(15)); // 35 days after the first, 15 after the second

        Assert.Empty(_f.Service.Escalate(Ministry));
        Assert.Equal([0, 0], _f.Store.ArrearsCases().Select(x => x.EscalationLevel));
        Assert.Equal(recent.Id, Assert.Single(_f.Service.List(Ministry), x => !x.IsClosed).Id);
    }

    [Fact]
    public void HandlingPeriod_IsASetting()
    {
        using var f = new ArrearsFixture(new ArrearsSettings(HandlingDays: 10, EscalationStepDays: 5, MaxEscalationLevel: 2));
        var c = f.Register(1);
        Assert.Equal(Start.AddDays(10), c.HandlingDeadline);
        f.Clock.Now = Start.AddDays(15); // 5 days past: 1 + 1 step
        Assert.Equal(2, Assert.Single(f.Service.Escalate(Ministry)).EscalationLevel);
    }
}
