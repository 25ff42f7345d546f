using Ballast.Core.Register;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Storage;

// Response monitoring (migration 008): filing records and reminders, on both back ends.
public abstract partial class BallastStoreTests
{
    [Fact]
    public void FilingRecords_FirstAndLatestFiledUpToThePeriod_ByProvince()
    {
        using var store = Open();
        Import(store, "wang", T1, tx =>
        {
            tx.Write(Firm(1));                                        // Beijing (110105)
            tx.Write(Firm(2) with { RegionCode = "440300" });         // Guangdong
            tx.Write(Firm(3));                                        // never filed
            tx.Write(Report(1, new YearMonth(2025, 1)));
            tx.Write(Report(1, new YearMonth(2025, 3)));
            tx.Write(Report(1, new YearMonth(2025, 6)));              // after the period asked: not the latest
            tx.Write(Report(2, new YearMonth(2025, 2)));
        });
        var all = store.FilingRecords(new YearMonth(2025, 4), null);
        Assert.Equal([Code(1), Code(2), Code(3)], all.Select(r => r.CreditCode));
        Assert.Equal((new YearMonth(2025, 1), new YearMonth(2025, 3)), (all[0].FirstFiled, all[0].LatestFiledUpTo));
        Assert.Equal((new YearMonth(2025, 2), new YearMonth(2025, 2)), (all[1].FirstFiled, all[1].LatestFiledUpTo));
        Assert.Equal(((YearMonth?)null, (YearMonth?)null), (all[2].FirstFiled, all[2].LatestFiledUpTo));
        Assert.Equal(("11", "33"), (all[0].Province, all[0].Division));

        var guangdong = store.FilingRecords(new YearMonth(2025, 4), "44");
        Assert.Equal([Code(2)], guangdong.Select(r => r.CreditCode));
        Assert.Null(store.FilingRecords(new YearMonth(2024, 12), null)[0].LatestFiledUpTo); // nothing filed up to then
    }

    [Fact]
    public void Reminders_StoredWithWhoWhenWhomPeriod_ReadNewestFirstByEnterpriseAndPeriod()
    {
        using var store = Open();
        var jan = new YearMonth(2026, 1);
        var feb = new YearMonth(2026, 2);
        var ids = store.AddReminders(jan, [Code(1), Code(2)], "prov-11", T1);
        store.AddReminders(feb, [Code(1)], "national", T2);
        Assert.Equal(2, ids.Count);
        Assert.True(ids[1] > ids[0]);
        Assert.Empty(store.AddReminders(jan, [], "x", T1));

        var mine = store.Reminders(Code(1), null);
        Assert.Equal([feb, jan], mine.Select(r => r.Period));
        Assert.Equal(("national", T2), (mine[0].SentBy, mine[0].SentAt));
        Assert.Equal(("prov-11", T1, Code(1)), (mine[1].SentBy, mine[1].SentAt, mine[1].CreditCode));
        Assert.Equal([Code(2), Code(1)], store.Reminders(null, jan).Select(r => r.CreditCode));
        Assert.Single(store.Reminders(Code(2), jan));
        Assert.Empty(store.Reminders(Code(2), feb));
        Assert.Equal(3, store.Reminders(null, null).Count);
    }
}
