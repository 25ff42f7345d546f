using Ballast.Core.Monitoring;

namespace Ballast.Tests.Storage;

// Stored warnings (migration 003), on both back ends.
public abstract partial class BallastStoreTests
{
    [Fact]
    public void StoredWarnings_KeepTheirOrderValuesAndDrivers_RunsNewestFirstByPeriodAndView()
    {
        using var store = Open();
        StoredWarning[] warnings =
        [
            new("province_contracting", "critical", "province", "11", "va_yoy_ytd", -3.123456789012345, "Province 11: contracted.", "escalated",
                """{"cells":[{"breakdown":"province_division","cell":"11|13","pull":-2.5}],"enterprises":[]}"""),
            new("capacity_utilization_low", "warning", "product", "CEMENT", "capacity_utilization_ytd", 61.5, "Cement 61.5 %.", "new",
                """{"cells":[],"enterprises":[]}"""),
            new("province_slowing", "warning", "province", "14", "va_yoy_ytd", null, "Province 14 slowed.", "resolved", """{"cells":[],"enterprises":[]}"""),
        ];
        long id1 = store.SaveWarnings(new StoredWarningRun(0, "2025-12", "published", T1, "统计员", 7, 3), warnings);
        long id2 = store.SaveWarnings(new StoredWarningRun(0, "2025-12", "confidential", T2, "b", 8, 1), warnings.Take(1).ToList());
        long id3 = store.SaveWarnings(new StoredWarningRun(0, "2025-12", "published", T2, "b", 8, 0), []);

        Assert.Equal([id3, id1], store.WarningRuns("2025-12", "published").Select(r => r.Id));
        Assert.Equal(new StoredWarningRun(id1, "2025-12", "published", T1, "统计员", 7, 3), store.WarningRuns("2025-12", "published")[1]);
        Assert.Equal([id2], store.WarningRuns(view: "confidential").Select(r => r.Id));
        Assert.Empty(store.WarningRuns("2025-11"));
        Assert.Equal(3, store.WarningRuns().Count);
        Assert.Equal(warnings, store.Warnings(id1)); // in saved order (not sorted), null value kept, full precision
        Assert.Empty(store.Warnings(id3));
    }
}
