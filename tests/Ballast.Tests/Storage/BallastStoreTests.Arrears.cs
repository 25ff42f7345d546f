using Ballast.Core.Arrears;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Storage;

// The arrears tables (migration 007) on both back ends.
public abstract partial class BallastStoreTests
{
    private static ArrearsCase NewCase(int firm, string province = "32", decimal amount = 1234.567891m) => new(
        0, Code(firm), "某市住房和城乡建设局", DebtorType.GovernmentAgency, province, amount,
        new DateOnly(2025, 1, 10), new DateOnly(2025, 3, 11), T1, T1.AddDays(30), CaseState.Registered, null, 0m, null, 0, null, 0);

    private static ArrearsEvent Step(string action, CaseState? from, CaseState to, DateTimeOffset at) =>
        new(0, 0, at, "wang", UserRole.Province, action, from, to, "detail of " + action);

    [Fact]
    public void ArrearsCase_InsertedAndRead_RoundTripsExactly()
    {
        using var store = Open();
        var stored = store.InsertArrearsCase(NewCase(1), Step("register", null, CaseState.Registered, T1));

        Assert.True(stored.Id > 0);
        Assert.Equal(1, stored.Version);
        var read = store.ArrearsCase(stored.Id);
        Assert.Equal(stored, read);
        Assert.Equal(1234.567891m, read!.Amount); // six decimals of 10,000 yuan: whole fen, kept exactly
        Assert.Equal(T1.AddDays(30), read.HandlingDeadline);
        Assert.Null(read.ClosedAt);
        Assert.Null(store.ArrearsCase(stored.Id + 1));
        var e = Assert.Single(store.ArrearsEvents(stored.Id));
        Assert.Equal((stored.Id, 1, "register", (CaseState?)null, CaseState.Registered, "wang", UserRole.Province), (e.CaseId, e.Seq, e.Action, e.FromState, e.ToState, e.ActorName, e.ActorRole));
        Assert.Equal(T1, e.At);
    }

    [Fact]
    public void ArrearsCase_Update_NeedsTheVersionItWasReadAt()
    {
        using var store = Open();
        var c = store.InsertArrearsCase(NewCase(1), Step("register", null, CaseState.Registered, T1));
        var closed = c with { State = CaseState.Closed, Closure = CaseClosure.PartlyPaid, PaidAmount = 0.1m + 0.2m, ClosedAt = T2, EscalationLevel = 2, EscalatedAt = T2 };

        Assert.True(store.UpdateArrearsCase(closed, 1, Step("close", CaseState.Registered, CaseState.Closed, T2)));
        // A second writer that read version 1 too is refused, and writes no history.
        Assert.False(store.UpdateArrearsCase(c with { State = CaseState.Accepted }, 1, Step("accept", CaseState.Registered, CaseState.Accepted, T2)));

        var read = store.ArrearsCase(c.Id)!;
        Assert.Equal(closed with { Version = 2 }, read);
        Assert.Equal(0.3m, read.PaidAmount);
        Assert.Equal([1, 2], store.ArrearsEvents(c.Id).Select(e => e.Seq));
        Assert.Equal(["register", "close"], store.ArrearsEvents(c.Id).Select(e => e.Action));
    }

    [Fact]
    public void ArrearsCases_FilteredByEnterpriseAndProvince_InIdOrder()
    {
        using var store = Open();
        var a = store.InsertArrearsCase(NewCase(1, "32"), Step("register", null, CaseState.Registered, T1));
        var b = store.InsertArrearsCase(NewCase(2, "32"), Step("register", null, CaseState.Registered, T1));
        var c = store.InsertArrearsCase(NewCase(1, "44"), Step("register", null, CaseState.Registered, T1));

        Assert.Equal([a.Id, b.Id, c.Id], store.ArrearsCases().Select(x => x.Id));
        Assert.Equal([a.Id, c.Id], store.ArrearsCases(creditCode: Code(1)).Select(x => x.Id));
        Assert.Equal([a.Id, b.Id], store.ArrearsCases(province: "32").Select(x => x.Id));
        Assert.Equal([c.Id], store.ArrearsCases(Code(1), "44").Select(x => x.Id));
        Assert.Empty(store.ArrearsCases(province: "11"));
    }

    [Fact]
    public void OverdueReceivables_ReadsTheReportedValuesOfTheGivenEnterprises()
    {
        using var store = Open();
        var feb = new YearMonth(2025, 2);
        Import(store, "wang", T1, tx =>
        {
            tx.Write(Firm(1));
            tx.Write(Firm(2));
            tx.Write(Report(1, feb));
            tx.Write(Report(1, Mar2025));
            tx.Write(Report(2, Mar2025));
        });

        // Report() writes overdue_receivables 400.75.
        Assert.Equal([(Code(1), feb, 400.75), (Code(1), Mar2025, 400.75)], store.OverdueReceivables([Code(1), Code(3)]));
        Assert.Equal(2, store.OverdueReceivablesIn(Mar2025).Count);
        Assert.Empty(store.OverdueReceivablesIn(new YearMonth(2025, 1)));
        Assert.Equal(Firm(2), store.FindEnterprise(Code(2)));
        Assert.Null(store.FindEnterprise(Code(3)));
    }
}
