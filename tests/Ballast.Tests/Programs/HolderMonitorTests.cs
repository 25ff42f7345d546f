using Ballast.Core.Programs;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Programs;

public class HolderMonitorTests
{
    private static readonly YearMonth May2026 = new(2026, 5);

    [Fact]
    public void HolderBelowItsTiersRdThreshold_IsListed_WithTheValueAndThreshold()
    {
        // R&D 2.5 % of revenue in every month: year to date 2.5 % < 3 % for SRI_SME (Shanghai, from the register).
        using var w = new ProgramWorld(rdShare: 0.025);
        var findings = HolderMonitor.Run(w.Store, w.Catalog, May2026, ProgramActor.Ministry("wu"));

        var f = Assert.Single(findings);
        Assert.Equal((ProgramWorld.Shanghai, "SRI_SME", "31", "register"), (f.CreditCode, f.Tier, f.Province, f.HeldSince));
        var rd = f.Monitor.Parts.Single(p => p.Id == "sri_monitor_rd");
        Assert.False(rd.Met);
        Assert.Equal("2.5", rd.Value);
        Assert.Equal("≥ 3 (setting monitor_rd_intensity_min)", rd.Threshold);
        Assert.True(f.Monitor.Parts.Single(p => p.Id == "sri_monitor_growth").Met); // +6 % on a year earlier
    }

    [Fact]
    public void HolderAtTheThreshold_IsNotListed()
    {
        using var w = new ProgramWorld(rdShare: 0.03); // exactly 3 %: ≥ is inclusive
        Assert.Empty(HolderMonitor.Run(w.Store, w.Catalog, May2026, ProgramActor.Ministry("wu")));
    }

    [Fact]
    public void AProvinceSeesItsOwnHolders_AnEnterpriseNone()
    {
        using var w = new ProgramWorld(rdShare: 0.025);
        Assert.Empty(HolderMonitor.Run(w.Store, w.Catalog, May2026, ProgramActor.ProvinceReviewer("li", "11")));
        Assert.Single(HolderMonitor.Run(w.Store, w.Catalog, May2026, ProgramActor.ProvinceReviewer("chen", "31")));
        Assert.Throws<ProgramAccessException>(() => HolderMonitor.Run(w.Store, w.Catalog, May2026, ProgramActor.Enterprise("x", ProgramWorld.Shanghai)));
    }
}
