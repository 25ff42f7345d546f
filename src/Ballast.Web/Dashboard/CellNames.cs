using Ballast.Core.Classifications;

namespace Ballast.Web.Dashboard;

/// <summary>A name in the two languages of the interface.</summary>
public sealed record Name(string Zh, string En);

/// <summary>The Chinese and English names of release cells, breakdowns and measures, from the classifications.</summary>
public sealed class CellNames(Classification classification)
{
    private static readonly Dictionary<string, Name> Regions4 = new(StringComparer.Ordinal)
    {
        ["east"] = new("东部地区", "East"), ["central"] = new("中部地区", "Central"),
        ["west"] = new("西部地区", "West"), ["northeast"] = new("东北地区", "Northeast"),
    };

    private static readonly Dictionary<string, Name> Sizes = new(StringComparer.Ordinal)
    {
        ["large"] = new("大型企业", "Large enterprises"), ["medium"] = new("中型企业", "Medium enterprises"),
        ["small"] = new("小型企业", "Small enterprises"), ["micro"] = new("微型企业", "Micro enterprises"),
        ["sme"] = new("中小微企业", "SMEs (medium, small and micro)"),
    };

    private static readonly Dictionary<string, Name> Breakdowns = new(StringComparer.Ordinal)
    {
        ["total"] = new("全部", "Total"), ["section"] = new("门类", "Section"), ["division"] = new("行业大类", "Division"),
        ["province"] = new("省份", "Province"), ["region4"] = new("四大区域", "Region"), ["ownership"] = new("经济类型", "Ownership"),
        ["size"] = new("企业规模", "Size"), ["hightech"] = new("高技术制造业", "High-technology manufacturing"),
        ["equipment"] = new("装备制造业", "Equipment manufacturing"), ["key_industry"] = new("重点行业", "Key industry"),
        ["tier"] = new("优质中小企业梯度", "SME programme tier"), ["province_division"] = new("省份×行业", "Province × division"),
        ["product"] = new("主要产品", "Key products"),
    };

    private static readonly Dictionary<string, Name> Measures = new(StringComparer.Ordinal)
    {
        ["va_yoy_month"] = new("增加值当月同比增长(%)", "Value added, month, growth (%)"),
        ["va_yoy_ytd"] = new("增加值累计同比增长(%)", "Value added, year to date, growth (%)"),
        ["va_pull_month"] = new("当月拉动(百分点)", "Pull, month (points)"),
        ["va_pull_ytd"] = new("累计拉动(百分点)", "Pull, year to date (points)"),
        ["va_contrib_month"] = new("当月贡献率(%)", "Contribution, month (%)"),
        ["va_contrib_ytd"] = new("累计贡献率(%)", "Contribution, year to date (%)"),
        ["va_share_month"] = new("增加值占比(%)", "Share of value added (%)"),
        ["enterprises"] = new("企业数(个)", "Enterprises"),
        ["revenue_yoy_ytd"] = new("营业收入累计增长(%)", "Revenue, year to date, growth (%)"),
        ["profit_yoy_ytd"] = new("利润总额累计增长(%)", "Profit, year to date, growth (%)"),
        ["export_yoy_ytd"] = new("出口交货值累计增长(%)", "Exports, year to date, growth (%)"),
        ["rd_intensity_ytd"] = new("研发投入强度(%)", "R&D intensity (%)"),
        ["energy_per_va_yoy_ytd"] = new("单位增加值能耗变化(%)", "Energy per value added, change (%)"),
        ["overdue_receivables_yoy"] = new("逾期应收账款增长(%)", "Overdue receivables, growth (%)"),
        ["output_month"] = new("当月产量", "Output, month"),
        ["output_yoy_month"] = new("产量当月增长(%)", "Output, month, growth (%)"),
        ["output_yoy_ytd"] = new("产量累计增长(%)", "Output, year to date, growth (%)"),
        ["capacity_utilization_ytd"] = new("产能利用率(%)", "Capacity utilisation (%)"),
    };

    /// <summary>The name of a breakdown (e.g. division: 行业大类 / Division).</summary>
    public static Name Breakdown(string breakdown) => Breakdowns.GetValueOrDefault(breakdown) ?? new(breakdown, breakdown);

    /// <summary>The name of a measure, with its unit.</summary>
    public static Name Measure(string measure) => Measures.GetValueOrDefault(measure) ?? new(measure, measure);

    /// <summary>The name of a cell; an unknown code is shown as itself.</summary>
    public Name Cell(string breakdown, string cell)
    {
        switch (breakdown)
        {
            case "total": return new("规模以上工业", "Industry above designated size");
            case "section":
                var section = classification.Sections.FirstOrDefault(s => cell.Length == 1 && s.Code == cell[0]);
                return section is null ? new(cell, cell) : new(section.NameZh, section.NameEn);
            case "division":
                return classification.DivisionByCode.TryGetValue(cell, out var d) ? new(d.NameZh, d.NameEn) : new(cell, cell);
            case "province":
                if (classification.ProvinceByCode.TryGetValue(cell, out var p)) return new(p.NameZh, p.NameEn);
                return ProvinceMap.ByProvinceCode(cell) is { } unit ? new(unit.FullNameZh, unit.NameEn) : new(cell, cell);
            case "region4": return Regions4.GetValueOrDefault(cell) ?? new(cell, cell);
            case "ownership":
                return classification.OwnershipByCode.TryGetValue(cell, out var o) ? new(o.NameZh, o.NameEn) : new(cell, cell);
            case "size": return Sizes.GetValueOrDefault(cell) ?? new(cell, cell);
            case "hightech": return Breakdowns["hightech"];
            case "equipment": return Breakdowns["equipment"];
            case "key_industry":
                return classification.KeyIndustryByCode.TryGetValue(cell, out var k) ? new(k.NameZh, k.NameEn) : new(cell, cell);
            case "tier": return classification.TierByCode.TryGetValue(cell, out var t) ? new(t.NameZh, t.NameEn) : new(cell, cell);
            case "product":
                return classification.ProductByCode.TryGetValue(cell, out var pr) ? new(pr.NameZh, pr.NameEn) : new(cell, cell);
            case "province_division":
                int bar = cell.IndexOf('|', StringComparison.Ordinal);
                if (bar < 0) return new(cell, cell);
                var prov = Cell("province", cell[..bar]);
                var div = Cell("division", cell[(bar + 1)..]);
                return new(prov.Zh + " · " + div.Zh, prov.En + " · " + div.En);
            default: return new(cell, cell);
        }
    }

    /// <summary>The unit of a product's output (e.g. "10k tonnes"), or "" for another cell.</summary>
    public string ProductUnit(string product) => classification.ProductByCode.TryGetValue(product, out var p) ? p.Unit : "";
}
