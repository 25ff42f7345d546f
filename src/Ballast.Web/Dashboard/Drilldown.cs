using Ballast.Core.Classifications;

namespace Ballast.Web.Dashboard;

/// <summary>
/// Where a cell breaks down: the total into any one-dimensional breakdown, a section into its divisions, a
/// province into its divisions (province_division), a division across the provinces, a region into its
/// provinces, SMEs into medium/small/micro, equipment and key industries into their divisions.
/// </summary>
public static class Drilldown
{
    /// <summary>The breakdowns the total opens into, in the order the dashboard offers them.</summary>
    public static readonly IReadOnlyList<string> TotalBy =
        ["section", "division", "province", "region4", "ownership", "size", "hightech", "equipment", "key_industry", "tier"];

    /// <summary>The ways <paramref name="breakdown"/>/<paramref name="cell"/> can be opened (empty: it is a leaf here).</summary>
    public static IReadOnlyList<string> Options(string breakdown, string cell) => breakdown switch
    {
        "total" => TotalBy,
        "section" or "equipment" or "key_industry" or "province" => ["division"],
        "division" or "region4" => ["province"],
        "size" when cell == "sme" => ["size"],
        _ => [],
    };

    /// <summary>
    /// The children of a cell opened by <paramref name="by"/>, as (breakdown, cell) pairs present in the release,
    /// in code order; null when the cell cannot be opened that way.
    /// </summary>
    public static IReadOnlyList<(string Breakdown, string Cell)>? Children(
        ShownRelease release, Classification classification, string breakdown, string cell, string by)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(classification);
        if (!Options(breakdown, cell).Contains(by, StringComparer.Ordinal)) return null;
        IEnumerable<(string, string)> Of(string b, Func<string, bool> keep) =>
            release.Cells(b).Where(keep).Select(c => (b, c));
        var children = (breakdown, by) switch
        {
            ("total", _) => Of(by, _ => true),
            ("section", _) => Of("division", d => classification.DivisionByCode.TryGetValue(d, out var div) && div.Section.ToString() == cell),
            ("equipment", _) => Of("division", d => classification.DivisionByCode.TryGetValue(d, out var div) && div.IsEquipment),
            ("key_industry", _) => Of("division", d => classification.KeyIndustryByCode.TryGetValue(cell, out var g) && g.Divisions.Contains(d, StringComparer.Ordinal)),
            ("province", _) => Of("province_division", pd => pd.StartsWith(cell + "|", StringComparison.Ordinal)),
            ("division", _) => Of("province_division", pd => pd.EndsWith("|" + cell, StringComparison.Ordinal)),
            ("region4", _) => Of("province", p => classification.ProvinceByCode.TryGetValue(p, out var prov) && prov.Region4 == cell),
            ("size", _) => Of("size", s => s is "medium" or "small" or "micro"),
            _ => [],
        };
        return children.ToList();
    }
}
