using System.Globalization;
using Ballast.Core.Classifications;
using Ballast.Statistics.Release;

namespace Ballast.Core.Releases;

/// <summary>
/// The headline figures of a release written like a statistics bureau's monthly release: total, sections,
/// high-tech, equipment, SMEs, the divisions pulling most and least, provinces, key products. Reads the
/// published view only, so a confidential figure is never printed.
/// </summary>
public static class ReleaseSummary
{
    public static IReadOnlyList<string> Lines(MonthlyRelease release, Classification? classification = null)
    {
        var cls = classification ?? Classification.Default;
        var p = release.Period;
        string monthName = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(p.Month);
        bool febCombined = p.Month == 2;
        string monthLabel = febCombined ? $"January–February {p.Year}" : $"{monthName} {p.Year}";
        string ytdLabel = febCombined ? "" : $"January–{monthName}";
        var lines = new List<string>();

        string Fig(string breakdown, string cell, string measure, string unit = "%")
        {
            var row = release.Find(breakdown, cell, measure);
            return row switch
            {
                null => "n/a",
                { Flag: ReleaseFlag.Confidential } => "(confidential)",
                { Value: null } => "(not computable)",
                { Value: double v } when measure == ReleaseMeasures.Enterprises => v.ToString("N0", CultureInfo.InvariantCulture),
                { Value: double v } => Format1(v) + unit,
            };
        }
        string Growth(string breakdown, string cell) =>
            febCombined ? Fig(breakdown, cell, ReleaseMeasures.VaYoyMonth)
            : $"{Fig(breakdown, cell, ReleaseMeasures.VaYoyMonth)} in {monthName}, {Fig(breakdown, cell, ReleaseMeasures.VaYoyYtd)} {ytdLabel}";

        lines.Add($"Industrial production, {monthLabel} — value added of industrial enterprises above designated size, year on year at comparable prices");
        lines.Add($"  Total                       {Growth(ReleaseBreakdowns.Total, ReleaseBreakdowns.All)}   ({Fig(ReleaseBreakdowns.Total, ReleaseBreakdowns.All, ReleaseMeasures.Enterprises, "")} enterprises in matched pairs)");
        foreach (var s in cls.Sections)
            lines.Add($"  {s.NameEn,-26}  {Growth(ReleaseBreakdowns.Section, s.Code.ToString())}");
        lines.Add($"  High-technology manufacturing {Growth(ReleaseBreakdowns.HighTech, ReleaseBreakdowns.All)}");
        lines.Add($"  Equipment manufacturing     {Growth(ReleaseBreakdowns.Equipment, ReleaseBreakdowns.All)}");
        lines.Add($"  Small and medium-sized      {Growth(ReleaseBreakdowns.Size, "sme")}");
        lines.Add($"  Revenue {Fig(ReleaseBreakdowns.Total, ReleaseBreakdowns.All, ReleaseMeasures.RevenueYoyYtd)}, profit {Fig(ReleaseBreakdowns.Total, ReleaseBreakdowns.All, ReleaseMeasures.ProfitYoyYtd)}, exports {Fig(ReleaseBreakdowns.Total, ReleaseBreakdowns.All, ReleaseMeasures.ExportYoyYtd)} (year to date, same sample); energy per unit of value added {Fig(ReleaseBreakdowns.Total, ReleaseBreakdowns.All, ReleaseMeasures.EnergyPerVaYoyYtd)}");

        var pulls = release.PublishedRows
            .Where(r => r.Breakdown == ReleaseBreakdowns.Division && r.Measure == ReleaseMeasures.VaPullMonth && r.Value is not null)
            .OrderByDescending(r => r.Value).ThenBy(r => r.Cell, StringComparer.Ordinal).ToList();
        if (pulls.Count > 0)
        {
            string Div(ReleaseRow r) => $"{r.Cell} {(cls.DivisionByCode.TryGetValue(r.Cell, out var d) ? d.NameEn : r.Cell)} {Signed(r.Value!.Value)} pp";
            lines.Add("  Divisions pulling growth most: " + string.Join("; ", pulls.Take(5).Select(Div)));
            lines.Add("  Divisions pulling least:       " + string.Join("; ", pulls.TakeLast(3).Reverse().Select(Div)));
        }
        var provinces = release.PublishedRows
            .Where(r => r.Breakdown == ReleaseBreakdowns.Province && r.Measure == ReleaseMeasures.VaYoyYtd && r.Value is not null)
            .OrderByDescending(r => r.Value).ThenBy(r => r.Cell, StringComparer.Ordinal).ToList();
        if (provinces.Count > 0)
        {
            string Prov(ReleaseRow r) => $"{(cls.ProvinceByCode.TryGetValue(r.Cell, out var pr) ? pr.NameEn : r.Cell)} {Format1(r.Value!.Value)}%";
            lines.Add($"  Provinces, fastest ({(febCombined ? "Jan–Feb" : "year to date")}): " + string.Join(", ", provinces.Take(5).Select(Prov)));
            lines.Add($"  Provinces, slowest:            " + string.Join(", ", provinces.TakeLast(5).Reverse().Select(Prov)));
        }
        var products = cls.Products.Where(pr => release.Find(ReleaseBreakdowns.Product, pr.Code, ReleaseMeasures.OutputMonth) is not null).ToList();
        if (products.Count > 0)
        {
            lines.Add("  Key products (output this month; growth year to date; capacity utilisation):");
            foreach (var pr in products)
                lines.Add($"    {pr.NameEn,-30} {Fig(ReleaseBreakdowns.Product, pr.Code, ReleaseMeasures.OutputMonth, " " + pr.Unit),-28} {Fig(ReleaseBreakdowns.Product, pr.Code, ReleaseMeasures.OutputYoyYtd),-12} {Fig(ReleaseBreakdowns.Product, pr.Code, ReleaseMeasures.CapacityUtilizationYtd)}");
        }
        int confidential = release.PublishedRows.Count(r => r.Flag == ReleaseFlag.Confidential);
        lines.Add($"  {release.PublishedRows.Count:N0} figures, {confidential:N0} withheld as confidential (C), {release.UnfixableLines.Count} disclosure lines that could not be fixed.");
        return lines;
    }

    /// <summary>One decimal, rounded half away from zero, as figures are published.</summary>
    public static string Format1(double value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Signed(double value) => (value >= 0 ? "+" : "") + Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
}
