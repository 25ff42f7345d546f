using Ballast.Core.Storage;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Programs;

/// <summary>A certified holder whose year-to-date indicators fell below its tier's monitoring thresholds.</summary>
public sealed record HolderFinding(
    string CreditCode, string Name, string Province, string Division, string Tier, string? FactoryId, string HeldSince,
    long? ApplicationId, CriterionOutcome Monitor);

/// <summary>
/// Monitoring of certified holders (docs/programs.md): for a release period, every enterprise holding a tier at
/// the end of the period whose tier has monitoring criteria is checked on its year-to-date indicators; those that
/// fail are listed for the program's reviewers (a province sees its own province's).
/// </summary>
public static class HolderMonitor
{
    public static IReadOnlyList<HolderFinding> Run(IBallastStore store, ProgramCatalog catalog, YearMonth period, ProgramActor actor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role == ProgramRole.Enterprise) throw new ProgramAccessException($"{actor.User} ({actor.RoleText}) may not see other holders: monitoring is for reviewers");
        var end = new DateOnly(period.Year, period.Month, DateTime.DaysInMonth(period.Year, period.Month));
        var registry = ProgramRegistry.Load(store);
        var monitored = catalog.Programs.SelectMany(p => p.Tiers.Where(t => t.Monitor.Count > 0).Select(t => (p, t)))
            .ToDictionary(x => x.t.Tier, StringComparer.Ordinal);
        var holders = new List<(Ballast.Core.Register.Enterprise E, HeldTier H)>();
        foreach (var e in store.Enterprises())
        {
            if (actor.Role == ProgramRole.Province && e.Province != actor.Province) continue;
            foreach (var h in registry.HeldOn(e, end))
                if (monitored.ContainsKey(h.Tier)) holders.Add((e, h));
        }
        if (holders.Count == 0) return [];
        var indicators = ProgramIndicators.Build(store, [.. holders.Select(x => x.E.CreditCode).Distinct()], period.Year - 3, period.Year);
        var applications = store.Applications().Where(a => a.State == ApplicationState.Certified)
            .GroupBy(a => (a.CreditCode, a.Tier)).ToDictionary(g => g.Key, g => g.Last().Id);
        var findings = new List<HolderFinding>();
        foreach (var (e, h) in holders)
        {
            var (program, tier) = monitored[h.Tier];
            var outcome = CriteriaEvaluator.Monitor(program, tier, indicators.ForMonitoring(e.CreditCode, period))!;
            if (outcome.Met) continue;
            findings.Add(new HolderFinding(e.CreditCode, e.Name, e.Province, e.Division, h.Tier, h.FactoryId,
                h.From is DateOnly f ? f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "register",
                applications.TryGetValue((e.CreditCode, h.Tier), out long id) ? id : null, outcome));
        }
        return findings;
    }
}
