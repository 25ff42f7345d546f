namespace Ballast.Statistics.Release;

/// <summary>
/// Disclosure control of release.md (Disclosure control): primary suppression by count and dominance, secondary
/// suppression over the tables that partition their parent, and single-division key-industry groups.
/// </summary>
internal static class DisclosureControl
{
    /// <summary>A partition line: the table's own cells (the only ones secondary suppression may change) and its parent.</summary>
    internal sealed record Line(string Name, int[] Cells, int Parent);

    /// <summary>
    /// Rule 1: fewer than 3 enterprises with a matched pair, or one enterprise holding strictly more than 85 % of the
    /// cell's current-price VA at t (a cell whose VA is 0 is not dominated).
    /// </summary>
    public static bool[] Primary(CellLayout layout, double[] acc, int fields, int vaField, double[] maxVa, int[] matched)
    {
        var confidential = new bool[layout.Count];
        for (int c = 0; c < layout.Count; c++)
        {
            double va = acc[c * fields + vaField];
            confidential[c] = matched[c] < ReleaseEngine.MinimumEnterprises
                || (va > 0 && maxVa[c] > ReleaseEngine.DominanceShare * va);
        }
        return confidential;
    }

    /// <summary>
    /// The partition lines in the order of rule 3: section, division, province, region4, ownership, size (the four
    /// classes), {large, sme}, then the rows of province × division by province, then its columns by division.
    /// Only cells that appear are part of a line; a line without any is left out.
    /// </summary>
    public static List<Line> Lines(CellLayout layout, ReleaseCodes codes, int[] appears)
    {
        var lines = new List<Line>();
        void AddLine(string name, IEnumerable<int> cells, int parent)
        {
            int[] present = cells.Where(c => appears[c] > 0).ToArray();
            if (present.Length > 0) lines.Add(new Line(name, present, parent));
        }
        const int total = CellLayout.Total;
        AddLine("section", Enumerable.Range(layout.SectionBase, codes.Sections.Count), total);
        AddLine("division", Enumerable.Range(layout.DivisionBase, layout.Divisions), total);
        AddLine("province", Enumerable.Range(layout.ProvinceBase, layout.Provinces), total);
        AddLine("region4", Enumerable.Range(layout.Region4Base, codes.Regions4.Count), total);
        AddLine("ownership", Enumerable.Range(layout.OwnershipBase, codes.Ownerships.Count), total);
        AddLine("size", Enumerable.Range(layout.SizeBase, 4), total);
        AddLine("size {large, sme}", [layout.SizeBase + (int)EnterpriseSize.Large, layout.SizeBase + 4], total);
        var provinces = Enumerable.Range(0, layout.Provinces).OrderBy(p => codes.Provinces[p].Code, StringComparer.Ordinal).ToArray();
        var divisions = Enumerable.Range(0, layout.Divisions).OrderBy(d => codes.Divisions[d].Code, StringComparer.Ordinal).ToArray();
        foreach (int p in provinces)
            AddLine($"province_division row {codes.Provinces[p].Code}",
                divisions.Select(d => layout.ProvinceDivision(p, d)), layout.ProvinceBase + p);
        foreach (int d in divisions)
            AddLine($"province_division column {codes.Divisions[d].Code}",
                provinces.Select(p => layout.ProvinceDivision(p, d)), layout.DivisionBase + d);
        return lines;
    }

    /// <summary>
    /// Rule 3: while some line has exactly one confidential cell (its parent counted) and a non-confidential own cell
    /// left, take the first such line and suppress its own cell with the smallest VA at t (ties: smallest code,
    /// ordinal); scan again from the first line. Lines left with exactly one confidential cell are unfixable.
    /// </summary>
    public static (List<SecondarySuppression> Suppressed, List<UnfixableLine> Unfixable) Secondary(
        CellLayout layout, ReleaseCodes codes, double[] acc, int fields, int vaField, int[] appears, bool[] confidential)
    {
        var lines = Lines(layout, codes, appears);
        var suppressed = new List<SecondarySuppression>();
        while (true)
        {
            bool changed = false;
            foreach (var line in lines)
            {
                if (ConfidentialCount(line, confidential) != 1) continue;
                int candidate = -1;
                foreach (int c in line.Cells)
                {
                    if (confidential[c]) continue;
                    if (candidate < 0) { candidate = c; continue; }
                    double va = acc[c * fields + vaField], best = acc[candidate * fields + vaField];
                    if (va < best || (va == best && string.CompareOrdinal(layout.Code[c], layout.Code[candidate]) < 0))
                        candidate = c;
                }
                if (candidate < 0) continue; // unfixable for now; its parent may still become confidential
                confidential[candidate] = true;
                suppressed.Add(new SecondarySuppression(layout.Breakdown[candidate], layout.Code[candidate], line.Name));
                changed = true;
                break;
            }
            if (!changed) break;
        }
        var unfixable = new List<UnfixableLine>();
        foreach (var line in lines)
        {
            if (ConfidentialCount(line, confidential) != 1) continue;
            int only = confidential[line.Parent] ? line.Parent : line.Cells.First(c => confidential[c]);
            unfixable.Add(new UnfixableLine(line.Name, layout.Breakdown[only], layout.Code[only]));
        }
        return (suppressed, unfixable);
    }

    /// <summary>A key-industry group made of a single division is that division's cell: it takes its final flag.</summary>
    public static void SingleDivisionKeyIndustries(CellLayout layout, ReleaseCodes codes, bool[] confidential)
    {
        for (int k = 0; k < codes.KeyIndustries.Count; k++)
        {
            var group = codes.KeyIndustries[k];
            var divisions = group.Divisions.Distinct(StringComparer.Ordinal).ToList();
            if (divisions.Count != 1) continue;
            confidential[layout.KeyIndustryBase + k] = confidential[layout.DivisionBase + codes.DivisionIndex[divisions[0]]];
        }
    }

    private static int ConfidentialCount(Line line, bool[] confidential)
    {
        int count = confidential[line.Parent] ? 1 : 0;
        foreach (int c in line.Cells)
            if (confidential[c]) count++;
        return count;
    }
}
