using System.Collections.Frozen;

namespace Ballast.Statistics.Release;

/// <summary>A division (two digits) with its section letter and whether it is equipment manufacturing (33–40).</summary>
public sealed record ReleaseDivision(string Code, string Section, bool Equipment);

/// <summary>A province (two digits) with its region4 (east, central, west, northeast).</summary>
public sealed record ReleaseProvince(string Code, string Region4);

/// <summary>A key-industry group and the divisions it is made of (release.md, Breakdowns).</summary>
public sealed record ReleaseKeyIndustry(string Code, IReadOnlyList<string> Divisions);

/// <summary>The size classes of the release's <c>size</c> breakdown (release.md, Breakdowns).</summary>
public enum EnterpriseSize { Large = 0, Medium = 1, Small = 2, Micro = 3 }

/// <summary>
/// The code lists a release is built over, supplied by the caller so that the engine stays independent of the
/// classification files. The order of each list does not matter: cells are sorted by code (ordinal) in the output.
/// </summary>
public sealed class ReleaseCodes
{
    /// <summary>The size cell codes, large..micro then <c>sme</c>.</summary>
    public static readonly IReadOnlyList<string> SizeCodes = ["large", "medium", "small", "micro", "sme"];

    public ReleaseCodes(
        IReadOnlyList<string> sections,
        IReadOnlyList<ReleaseDivision> divisions,
        IReadOnlyList<ReleaseProvince> provinces,
        IReadOnlyList<string> regions4,
        IReadOnlyList<string> ownerships,
        IReadOnlyList<ReleaseKeyIndustry> keyIndustries,
        IReadOnlyList<string> tiers,
        IReadOnlyList<string> products)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(divisions);
        ArgumentNullException.ThrowIfNull(provinces);
        ArgumentNullException.ThrowIfNull(regions4);
        ArgumentNullException.ThrowIfNull(ownerships);
        ArgumentNullException.ThrowIfNull(keyIndustries);
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(products);
        Sections = [.. sections];
        Divisions = [.. divisions];
        Provinces = [.. provinces];
        Regions4 = [.. regions4];
        Ownerships = [.. ownerships];
        KeyIndustries = [.. keyIndustries];
        Tiers = [.. tiers];
        Products = [.. products];
        SectionIndex = Index(Sections, s => s, "section");
        DivisionIndex = Index(Divisions, d => d.Code, "division");
        ProvinceIndex = Index(Provinces, p => p.Code, "province");
        Region4Index = Index(Regions4, r => r, "region4");
        OwnershipIndex = Index(Ownerships, o => o, "ownership");
        KeyIndustryIndex = Index(KeyIndustries, k => k.Code, "key-industry group");
        TierIndex = Index(Tiers, t => t, "tier");
        ProductIndex = Index(Products, p => p, "product");
        foreach (var d in Divisions)
            if (!SectionIndex.ContainsKey(d.Section)) throw new ArgumentException($"division {d.Code} names section {d.Section}, which is not in the section list", nameof(divisions));
        foreach (var p in Provinces)
            if (!Region4Index.ContainsKey(p.Region4)) throw new ArgumentException($"province {p.Code} names region4 {p.Region4}, which is not in the region4 list", nameof(provinces));
        foreach (var k in KeyIndustries)
        {
            if (k.Divisions.Count == 0) throw new ArgumentException($"key-industry group {k.Code} has no division", nameof(keyIndustries));
            foreach (var d in k.Divisions)
                if (!DivisionIndex.ContainsKey(d)) throw new ArgumentException($"key-industry group {k.Code} names division {d}, which is not in the division list", nameof(keyIndustries));
        }
    }

    public IReadOnlyList<string> Sections { get; }
    public IReadOnlyList<ReleaseDivision> Divisions { get; }
    public IReadOnlyList<ReleaseProvince> Provinces { get; }
    public IReadOnlyList<string> Regions4 { get; }
    public IReadOnlyList<string> Ownerships { get; }
    public IReadOnlyList<ReleaseKeyIndustry> KeyIndustries { get; }
    public IReadOnlyList<string> Tiers { get; }
    public IReadOnlyList<string> Products { get; }

    /// <summary>
    /// The divisions that hold a high-tech industry class (the first two digits of the high-tech class prefixes).
    /// Warnings on high-tech manufacturing name these as drivers; empty (not supplied): every division.
    /// </summary>
    public IReadOnlyList<string> HighTechDivisions
    {
        get => _highTechDivisions;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var d in value)
                if (!DivisionIndex.ContainsKey(d)) throw new ArgumentException($"high-tech division {d} is not in the division list", nameof(value));
            _highTechDivisions = [.. value.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }
    }

    private readonly IReadOnlyList<string> _highTechDivisions = [];

    internal FrozenDictionary<string, int> SectionIndex { get; }
    internal FrozenDictionary<string, int> DivisionIndex { get; }
    internal FrozenDictionary<string, int> ProvinceIndex { get; }
    internal FrozenDictionary<string, int> Region4Index { get; }
    internal FrozenDictionary<string, int> OwnershipIndex { get; }
    internal FrozenDictionary<string, int> KeyIndustryIndex { get; }
    internal FrozenDictionary<string, int> TierIndex { get; }
    internal FrozenDictionary<string, int> ProductIndex { get; }

    private static FrozenDictionary<string, int> Index<T>(IReadOnlyList<T> items, Func<T, string> code, string what)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            var c = code(items[i]);
            if (string.IsNullOrEmpty(c)) throw new ArgumentException($"a {what} code is empty");
            if (!map.TryAdd(c, i)) throw new ArgumentException($"{what} code {c} is listed twice");
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
