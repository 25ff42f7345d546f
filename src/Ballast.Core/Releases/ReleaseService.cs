using Ballast.Core.Classifications;
using Ballast.Core.Programs;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Core.Releases;

/// <summary>Computes a release from what a store holds.</summary>
public static class ReleaseService
{
    /// <summary>
    /// Reads the store into the engine's in-memory model (one pass over each table); tiers come from the programs
    /// registry as of the end of each period, the register's tiers being its initial load.
    /// </summary>
    public static ReleasePopulation LoadPopulation(IBallastStore store, Classification? classification = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var registry = ProgramRegistry.Load(store);
        return ReleasePopulationBuilder.Build(store.Enterprises(), store.Reports(), store.Products(), store.Ppi(), store.VaRates(), classification,
            registry.IsEmpty ? null : registry.ReleaseHoldings);
    }

    /// <summary>
    /// The latest period a release can be computed for: the last month with reports, or February when that
    /// month is a January (January is published with February).
    /// </summary>
    public static YearMonth? LatestPeriod(IBallastStore store)
    {
        var last = store.Summary().LastPeriod;
        if (last is null || !YearMonth.TryParse(last, out var period)) return null;
        return period.Month == 1 ? period.AddMonths(-2) : period;
    }
}
