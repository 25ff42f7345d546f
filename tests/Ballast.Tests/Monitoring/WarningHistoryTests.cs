using Ballast.Core.Monitoring;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Warnings;

namespace Ballast.Tests.Monitoring;

public class WarningHistoryTests
{
    private static readonly YearMonth March = new(2025, 3);

    private static WarningAlert Now(string rule, WarningSeverity severity, string cell, string measure = "va_yoy_ytd") =>
        new(rule, severity, March, "province", cell, measure, -1, 0, null, rule + " " + cell, [new WarningDriver("province_division", cell + "|13", "va_pull_ytd", -1)]);

    private static PreviousWarning Before(string rule, WarningSeverity severity, string cell, string measure = "va_yoy_ytd") =>
        new(rule, severity, "province", cell, measure, rule + " " + cell + " before");

    [Fact]
    public void Compare_GivesNewEscalatedEasedUnchangedAndListsTheResolved()
    {
        IReadOnlyList<WarningAlert> current =
        [
            Now("province_contracting", WarningSeverity.Critical, "11"),  // 11 was only slowing (warning): escalated
            Now("province_slowing", WarningSeverity.Warning, "11"),       // same severity as 11's worst before: unchanged
            Now("province_slowing", WarningSeverity.Warning, "14"),       // 14 was contracting (critical): eased
            Now("province_slowing", WarningSeverity.Warning, "21"),       // nothing on 21 before: new
            Now("province_energy", WarningSeverity.Watch, "31", "energy_per_va_yoy_ytd"), // 31 had an alert on another measure only: new
        ];
        IReadOnlyList<PreviousWarning> previous =
        [
            Before("province_slowing", WarningSeverity.Warning, "11"),
            Before("province_contracting", WarningSeverity.Critical, "14"),
            Before("province_slowing", WarningSeverity.Warning, "14"),
            Before("province_slowing", WarningSeverity.Warning, "31"),    // no longer fires: resolved
        ];

        var tracked = WarningHistory.Compare(March, current, previous, (b, c, m) => c == "31" ? 2.5 : null);

        Assert.Equal(
            [("province_contracting", "11", WarningStatus.Escalated), ("province_slowing", "11", WarningStatus.Unchanged),
             ("province_slowing", "14", WarningStatus.Eased), ("province_slowing", "21", WarningStatus.New),
             ("province_energy", "31", WarningStatus.New),
             ("province_contracting", "14", WarningStatus.Resolved), ("province_slowing", "31", WarningStatus.Resolved)],
            tracked.Select(t => (t.Rule, t.Cell, t.Status)));
        Assert.Equal(WarningSeverity.Warning, tracked[0].PreviousSeverity);
        Assert.Null(tracked[3].PreviousSeverity);
        var resolved = tracked[^1];
        Assert.Equal((2.5, "province_slowing 31 before", March), (resolved.Value, resolved.Message, resolved.Period));
        Assert.Empty(resolved.Drivers);
        Assert.Null(tracked[^2].Value);
    }

    [Fact]
    public void StoredForm_RoundTripsTheLevelsAndLeavesTheResolvedOut()
    {
        var tracked = WarningHistory.Compare(March, [Now("province_slowing", WarningSeverity.Warning, "21")],
            [Before("province_contracting", WarningSeverity.Critical, "14")], (_, _, _) => null);
        var stored = tracked.Select(WarningHistory.ToStored).ToList();

        Assert.Equal(["new", "resolved"], stored.Select(s => s.Status));
        Assert.Equal(["warning", "critical"], stored.Select(s => s.Level));
        Assert.Equal("""{"cells":[{"breakdown":"province_division","cell":"21|13","pull":-1}],"enterprises":[]}""", stored[0].Drivers);
        // A driver of a province against the national figure also keeps its pull gap.
        var slowing = Now("province_slowing", WarningSeverity.Warning, "21") with
        {
            Drivers = [new WarningDriver("province_division", "21|13", "va_pull_ytd", -1) { PullGap = -2.5 }],
        };
        Assert.Equal("""{"cells":[{"breakdown":"province_division","cell":"21|13","pull":-1,"pull_gap":-2.5}],"enterprises":[]}""",
            WarningHistory.ToStored(WarningHistory.Compare(March, [slowing], [], (_, _, _) => null)[0]).Drivers);
        // A driver of a fall keeps the change of its pull and the month it is measured from.
        var falling = Now("hightech_losing_pace", WarningSeverity.Watch, "21") with
        {
            Drivers = [new WarningDriver("division", "39", "va_pull_ytd", 0.5) { PullChange = -0.25, ChangeSince = new YearMonth(2024, 12) }],
        };
        Assert.Equal("""{"cells":[{"breakdown":"division","cell":"39","pull":0.5,"pull_change":-0.25,"change_since":"2024-12"}],"enterprises":[]}""",
            WarningHistory.ToStored(WarningHistory.Compare(March, [falling], [], (_, _, _) => null)[0]).Drivers);
        var previous = Assert.Single(WarningHistory.FromStored(stored));
        Assert.Equal(new PreviousWarning("province_slowing", WarningSeverity.Warning, "province", "21", "va_yoy_ytd", "province_slowing 21"), previous);
    }
}
