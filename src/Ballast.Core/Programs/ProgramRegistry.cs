using Ballast.Core.Classifications;
using Ballast.Core.Register;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Core.Programs;

/// <summary>A tier held on a date: by the enterprise itself, or through one of its factories.</summary>
public sealed record HeldTier(string CreditCode, string? FactoryId, string Tier, DateOnly? From, string Source);

/// <summary>Holders of a tier in one province and division on a date: enterprises, and factories for per-factory tiers.</summary>
public sealed record RegistryCount(string Tier, string Province, string Division, int Enterprises, int Factories);

/// <summary>
/// Who holds which tier at any date. The register's <c>tiers</c> column is the initial load: an (enterprise, tier)
/// that the registry has no holding of is held as the register says, with no dates (release.md); once the
/// registry dates a holding of that tier for that enterprise (or one of its factories), the registry alone governs it.
/// An enterprise holds a per-factory tier when one of its factories does.
/// </summary>
public sealed class ProgramRegistry
{
    private readonly Dictionary<string, List<RegistryHolding>> _byEnterprise = new(StringComparer.Ordinal);

    public ProgramRegistry(IEnumerable<RegistryHolding> holdings)
    {
        ArgumentNullException.ThrowIfNull(holdings);
        foreach (var h in holdings)
        {
            if (!_byEnterprise.TryGetValue(h.CreditCode, out var list)) _byEnterprise[h.CreditCode] = list = [];
            list.Add(h);
        }
    }

    public static ProgramRegistry Load(IProgramStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new ProgramRegistry(store.Holdings());
    }

    public bool IsEmpty => _byEnterprise.Count == 0;

    /// <summary>The registry's holdings of an enterprise (history included).</summary>
    public IReadOnlyList<RegistryHolding> HoldingsOf(string creditCode) =>
        _byEnterprise.TryGetValue(creditCode, out var list) ? list : [];

    private static bool HeldOn(RegistryHolding h, DateOnly d) => (h.From is not DateOnly f || f <= d) && (h.Until is not DateOnly u || d < u);

    /// <summary>The tiers an enterprise holds on <paramref name="date"/>, with the factory that holds a per-factory tier.</summary>
    public IReadOnlyList<HeldTier> HeldOn(Enterprise enterprise, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        var own = HoldingsOf(enterprise.CreditCode);
        var held = new List<HeldTier>();
        foreach (var t in enterprise.Tiers)
            if (!own.Any(h => h.Tier == t)) held.Add(new HeldTier(enterprise.CreditCode, null, t, null, "register"));
        foreach (var h in own)
            if (HeldOn(h, date)) held.Add(new HeldTier(h.CreditCode, h.FactoryId, h.Tier, h.From, h.Source));
        return held;
    }

    /// <summary>The open holding of a tier by an enterprise (and factory), or null.</summary>
    public RegistryHolding? OpenHolding(string creditCode, string? factoryId, string tier) =>
        HoldingsOf(creditCode).LastOrDefault(h => h.Tier == tier && h.FactoryId == factoryId && h.Until is null);

    /// <summary>The highest intelligent-factory rank (tiers.csv) a factory holds on a date, 0 when none.</summary>
    public int SmartLevel(string creditCode, string factoryId, DateOnly date, Classification? classification = null)
    {
        var cls = classification ?? Classification.Default;
        int level = 0;
        foreach (var h in HoldingsOf(creditCode))
            if (h.FactoryId == factoryId && HeldOn(h, date) && cls.TierByCode.TryGetValue(h.Tier, out var t) && t.Program == "intelligent_factory")
                level = Math.Max(level, t.Rank);
        return level;
    }

    /// <summary>
    /// The tier holdings of an enterprise in months, for the release engine: held at the end of month t when the
    /// holding started on or before its last day and ends after it. Tiers that classifications/tiers.csv does not
    /// list (a new program's) are not release cells and are left out.
    /// </summary>
    public IEnumerable<TierHolding> ReleaseHoldings(Enterprise enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        var own = HoldingsOf(enterprise.CreditCode);
        foreach (var t in enterprise.Tiers)
            if (!own.Any(h => h.Tier == t)) yield return new TierHolding(t);
        var known = Classification.Default.TierByCode;
        foreach (var h in own)
        {
            if (!known.ContainsKey(h.Tier)) continue;
            YearMonth? from = h.From is DateOnly f ? new YearMonth(f.Year, f.Month) : null;
            YearMonth? to = h.Until is DateOnly u ? new YearMonth(u.Year, u.Month).Previous : null;
            if (from is { } a && to is { } b && a > b) continue; // begun and ended within one month: never held at a month end
            yield return new TierHolding(h.Tier, from, to);
        }
    }

    /// <summary>Holders on a date by tier, province and division (enterprises; factories for per-factory tiers).</summary>
    public IReadOnlyList<RegistryCount> Counts(IEnumerable<Enterprise> register, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(register);
        var counts = new Dictionary<(string Tier, string Province, string Division), (int E, int F)>();
        foreach (var e in register)
        {
            var held = HeldOn(e, date);
            foreach (var g in held.GroupBy(h => h.Tier, StringComparer.Ordinal))
            {
                var key = (g.Key, e.Province, e.Division);
                counts.TryGetValue(key, out var c);
                counts[key] = (c.E + 1, c.F + g.Count(h => h.FactoryId is not null));
            }
        }
        return [.. counts.OrderBy(p => p.Key.Tier, StringComparer.Ordinal).ThenBy(p => p.Key.Province, StringComparer.Ordinal).ThenBy(p => p.Key.Division, StringComparer.Ordinal)
            .Select(p => new RegistryCount(p.Key.Tier, p.Key.Province, p.Key.Division, p.Value.E, p.Value.F))];
    }
}
