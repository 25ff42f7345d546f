using Ballast.Core.Programs;
using Ballast.Core.Register;
using Ballast.Core.Releases;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Tests.Programs;

public sealed class ProgramRegistryTests : IDisposable
{
    private readonly ProgramWorld _w = new();

    public void Dispose() => _w.Dispose();

    private double? Holders(string tier, YearMonth period)
    {
        var result = ReleaseEngine.Compute(ReleaseService.LoadPopulation(_w.Store), period);
        Assert.True(result.Succeeded);
        return result.Release!.Find(ReleaseBreakdowns.Tier, tier, ReleaseMeasures.Enterprises, ReleaseView.Confidential)?.Value;
    }

    [Fact]
    public void ReleaseTierCells_FollowTheRegistry_AsOfTheEndOfEachPeriod()
    {
        // Before the registry: the register's tiers column (Shanghai holds SRI_SME) is held in every period.
        Assert.Equal(1, Holders("SRI_SME", new YearMonth(2026, 2)));
        Assert.Equal(0, Holders("LITTLE_GIANT", new YearMonth(2026, 3)) ?? 0);

        // Beijing1 is certified LITTLE_GIANT on 2026-03-30: held at the end of March, not of February.
        var s = _w.Service;
        var (a, _) = s.Apply(ProgramActor.Enterprise("zhang", ProgramWorld.Beijing1), "LITTLE_GIANT", ProgramWorld.Beijing1);
        s.Approve(ProgramActor.ProvinceReviewer("li", "11"), a.Id);
        _w.Clock.Now = new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(8));
        s.Approve(ProgramActor.Ministry("wu"), a.Id);
        Assert.Equal(0, Holders("LITTLE_GIANT", new YearMonth(2026, 2)) ?? 0);
        Assert.Equal(1, Holders("LITTLE_GIANT", new YearMonth(2026, 3)));
        Assert.Equal(1, Holders("LITTLE_GIANT", new YearMonth(2026, 5)));

        // Revoked on 2026-05-31 (the last day of May): not held at the end of May.
        _w.Clock.Now = new DateTimeOffset(2026, 5, 31, 9, 0, 0, TimeSpan.FromHours(8));
        s.Revoke(ProgramActor.ProvinceReviewer("li", "11"), a.Id, "no longer qualifies");
        Assert.Equal(1, Holders("LITTLE_GIANT", new YearMonth(2026, 4)));
        Assert.Equal(0, Holders("LITTLE_GIANT", new YearMonth(2026, 5)) ?? 0);

        // Once the registry dates Shanghai's SRI_SME, it alone governs that holding: from 2026-04-15 only.
        _w.Store.AddHoldings([new StartHolding(ProgramWorld.Shanghai, null, "SRI_SME", new DateOnly(2026, 4, 15), "registry load")]);
        Assert.Equal(0, Holders("SRI_SME", new YearMonth(2026, 3)) ?? 0);
        Assert.Equal(1, Holders("SRI_SME", new YearMonth(2026, 4)));
    }

    [Fact]
    public void ReleaseHoldings_ConvertDatesToMonthEnds()
    {
        var e = new Enterprise("X", "x", "110105", "3411", "PRIVATE", 10, 10, ["GREEN_FACTORY"]);
        var registry = new ProgramRegistry(
        [
            // From 2026-01-31 until 2026-03-01: held at the end of January and February.
            new RegistryHolding(1, "X", null, "LITTLE_GIANT", new DateOnly(2026, 1, 31), new DateOnly(2026, 3, 1), null, "t", null),
            // From 2026-02-01 until 2026-02-28: never held at a month end.
            new RegistryHolding(2, "X", null, "SRI_SME", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), null, "t", null),
            // A tier that tiers.csv does not list is not a release cell.
            new RegistryHolding(3, "X", "F", "ZERO_CARBON_FACTORY", null, null, null, "t", null),
        ]);
        var holdings = registry.ReleaseHoldings(e).ToList();
        Assert.Equal(
            [new TierHolding("GREEN_FACTORY"), new TierHolding("LITTLE_GIANT", new YearMonth(2026, 1), new YearMonth(2026, 2))],
            holdings);
    }

    [Fact]
    public void Counts_ByTierProvinceAndDivision_CountEnterprisesAndFactories()
    {
        Enterprise[] register =
        [
            new("A", "a", "110105", "3411", "PRIVATE", 10, 10, ["LITTLE_GIANT"]),
            new("B", "b", "110105", "3411", "PRIVATE", 10, 10, []),
            new("C", "c", "310105", "2614", "PRIVATE", 10, 10, []),
        ];
        var registry = new ProgramRegistry(
        [
            new RegistryHolding(1, "B", "B-1", "SMART_BASIC", new DateOnly(2025, 1, 1), null, null, "t", null),
            new RegistryHolding(2, "B", "B-2", "SMART_BASIC", new DateOnly(2025, 6, 1), null, null, "t", null),
            new RegistryHolding(3, "C", "C-1", "SMART_BASIC", new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 1), null, "t", null),
            new RegistryHolding(4, "B", null, "LITTLE_GIANT", new DateOnly(2024, 1, 1), null, null, "t", null),
        ]);
        var counts = registry.Counts(register, new DateOnly(2025, 7, 1));
        Assert.Equal(
            [new RegistryCount("LITTLE_GIANT", "11", "34", 2, 0), new RegistryCount("SMART_BASIC", "11", "34", 1, 2)],
            counts);
    }
}
