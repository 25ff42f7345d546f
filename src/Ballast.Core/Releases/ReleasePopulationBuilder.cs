using Ballast.Core.Classifications;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Statistics.Release;

namespace Ballast.Core.Releases;

/// <summary>
/// Builds the release engine's columnar population from the store's tables and the classifications: size from
/// <see cref="Classification.SizeOf"/>, high-tech from the industry class prefixes, equipment = divisions 33–40,
/// key-industry groups, tiers from the register (undated) or, when given, from the programs registry's dated
/// holdings (release.md: a tier counts for period t when it is held at the end of t).
/// </summary>
public static class ReleasePopulationBuilder
{
    /// <summary>The release codes of a classification: sections, divisions, provinces, region4, ownership, key industries, tiers, products.</summary>
    public static ReleaseCodes CodesOf(Classification classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return new ReleaseCodes(
            sections: [.. classification.Sections.Select(s => s.Code.ToString())],
            divisions: [.. classification.Divisions.Select(d => new ReleaseDivision(d.Code, d.Section.ToString(), d.IsEquipment))],
            provinces: [.. classification.Provinces.Select(p => new ReleaseProvince(p.Code, p.Region4))],
            regions4: Classification.Regions4,
            ownerships: [.. classification.Ownerships.Select(o => o.Code)],
            keyIndustries: [.. classification.KeyIndustryGroups.Select(k => new ReleaseKeyIndustry(k.Code, k.Divisions))],
            tiers: [.. classification.Tiers.Select(t => t.Code)],
            products: [.. classification.Products.Select(p => p.Code)])
        {
            HighTechDivisions = [.. classification.HighTechPrefixes.Select(h => h.ClassPrefix[..2]).Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Builds the population in one pass over each table. Enumerate the register first: reports and product rows
    /// must name enterprises of the register (the store guarantees it; anything else throws ArgumentException).
    /// </summary>
    public static ReleasePopulation Build(
        IEnumerable<Enterprise> enterprises,
        IEnumerable<MonthlyReport> reports,
        IEnumerable<ProductOutput> products,
        IEnumerable<PpiEntry> ppi,
        IEnumerable<VaRate> vaRates,
        Classification? classification = null,
        Func<Enterprise, IEnumerable<TierHolding>>? tiers = null)
    {
        ArgumentNullException.ThrowIfNull(enterprises);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(products);
        ArgumentNullException.ThrowIfNull(ppi);
        ArgumentNullException.ThrowIfNull(vaRates);
        var cls = classification ?? Classification.Default;
        var builder = ReleasePopulation.CreateBuilder(CodesOf(cls));
        foreach (var e in enterprises)
        {
            builder.AddEnterprise(e.CreditCode, e.Division, e.Province, e.Ownership, SizeOf(cls.SizeOf(e.Employees, e.RevenueLastYear)),
                cls.IsHighTech(e.IndustryCode), tiers is null ? e.Tiers.Select(t => new TierHolding(t)) : tiers(e));
        }
        foreach (var r in reports)
        {
            builder.AddReport(r.CreditCode, r.Period, new ReportFigures(
                r.OutputValue, r.Revenue, r.Profit, r.ExportValue, r.RdExpense, r.EnergyTce, r.OverdueReceivables));
        }
        foreach (var p in products) builder.AddProductOutput(p.CreditCode, p.Period, p.Product, p.Output, p.Capacity);
        foreach (var p in ppi) builder.AddPpi(p.Division, p.Period, p.Index);
        foreach (var v in vaRates) builder.AddVaRate(v.Division, v.Year, v.Rate);
        return builder.Build();
    }

    private static EnterpriseSize SizeOf(SizeClass size) => size switch
    {
        SizeClass.Large => EnterpriseSize.Large,
        SizeClass.Medium => EnterpriseSize.Medium,
        SizeClass.Small => EnterpriseSize.Small,
        _ => EnterpriseSize.Micro,
    };
}
