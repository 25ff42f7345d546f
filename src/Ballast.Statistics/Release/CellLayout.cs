namespace Ballast.Statistics.Release;

/// <summary>
/// Every cell of the one-dimensional breakdowns and of province × division, numbered densely so that one pass over
/// the enterprises can accumulate all of them into flat arrays. Built from the codes alone.
/// </summary>
internal sealed class CellLayout
{
    public readonly int Count;
    public readonly string[] Breakdown;
    public readonly string[] Code;
    /// <summary>The parent column of the output table: "", "ALL" or the province code.</summary>
    public readonly string[] ParentText;
    /// <summary>The parent cell for pulls, contributions and shares; −1 for total.</summary>
    public readonly int[] Parent;

    public const int Total = 0;
    public readonly int SectionBase, DivisionBase, ProvinceBase, Region4Base, OwnershipBase, SizeBase;
    public readonly int HighTechCell, EquipmentCell, KeyIndustryBase, TierBase, ProvinceDivisionBase;
    public readonly int Divisions, Provinces;
    /// <summary>Cells an enterprise belongs to through its division: section, division, equipment, key industries.</summary>
    public readonly int[][] DivisionCells;
    /// <summary>Cells an enterprise belongs to through its province: province, region4.</summary>
    public readonly int[][] ProvinceCells;
    /// <summary>The most cells one enterprise can belong to.</summary>
    public readonly int MaxCellsPerEnterprise;

    public CellLayout(ReleaseCodes codes)
    {
        var breakdown = new List<string>();
        var code = new List<string>();
        var parent = new List<int>();
        var parentText = new List<string>();
        void Add(string b, string c, int p, string pt) { breakdown.Add(b); code.Add(c); parent.Add(p); parentText.Add(pt); }

        const string all = ReleaseBreakdowns.All;
        Add(ReleaseBreakdowns.Total, all, -1, "");
        SectionBase = code.Count;
        foreach (var s in codes.Sections) Add(ReleaseBreakdowns.Section, s, Total, all);
        DivisionBase = code.Count;
        foreach (var d in codes.Divisions) Add(ReleaseBreakdowns.Division, d.Code, Total, all);
        ProvinceBase = code.Count;
        foreach (var p in codes.Provinces) Add(ReleaseBreakdowns.Province, p.Code, Total, all);
        Region4Base = code.Count;
        foreach (var r in codes.Regions4) Add(ReleaseBreakdowns.Region4, r, Total, all);
        OwnershipBase = code.Count;
        foreach (var o in codes.Ownerships) Add(ReleaseBreakdowns.Ownership, o, Total, all);
        SizeBase = code.Count;
        foreach (var s in ReleaseCodes.SizeCodes) Add(ReleaseBreakdowns.Size, s, Total, all);
        HighTechCell = code.Count;
        Add(ReleaseBreakdowns.HighTech, all, Total, all);
        EquipmentCell = code.Count;
        Add(ReleaseBreakdowns.Equipment, all, Total, all);
        KeyIndustryBase = code.Count;
        foreach (var k in codes.KeyIndustries) Add(ReleaseBreakdowns.KeyIndustry, k.Code, Total, all);
        TierBase = code.Count;
        foreach (var t in codes.Tiers) Add(ReleaseBreakdowns.Tier, t, Total, all);
        ProvinceDivisionBase = code.Count;
        Divisions = codes.Divisions.Count;
        Provinces = codes.Provinces.Count;
        for (int p = 0; p < Provinces; p++)
            for (int d = 0; d < Divisions; d++)
                Add(ReleaseBreakdowns.ProvinceDivision, codes.Provinces[p].Code + "|" + codes.Divisions[d].Code,
                    ProvinceBase + p, codes.Provinces[p].Code);

        Count = code.Count;
        Breakdown = [.. breakdown];
        Code = [.. code];
        Parent = [.. parent];
        ParentText = [.. parentText];

        DivisionCells = new int[Divisions][];
        int maxDivisionCells = 0;
        for (int d = 0; d < Divisions; d++)
        {
            var div = codes.Divisions[d];
            var cells = new List<int> { SectionBase + codes.SectionIndex[div.Section], DivisionBase + d };
            if (div.Equipment) cells.Add(EquipmentCell);
            for (int k = 0; k < codes.KeyIndustries.Count; k++)
                if (codes.KeyIndustries[k].Divisions.Contains(div.Code, StringComparer.Ordinal)) cells.Add(KeyIndustryBase + k);
            DivisionCells[d] = [.. cells];
            maxDivisionCells = Math.Max(maxDivisionCells, cells.Count);
        }
        ProvinceCells = new int[Provinces][];
        for (int p = 0; p < Provinces; p++)
            ProvinceCells[p] = [ProvinceBase + p, Region4Base + codes.Region4Index[codes.Provinces[p].Region4]];
        // total, province cells (2), ownership, size, sme, hightech, province × division, tiers.
        MaxCellsPerEnterprise = 1 + maxDivisionCells + 2 + 1 + 2 + 1 + 1 + codes.Tiers.Count;
    }

    public int ProvinceDivision(int province, int division) => ProvinceDivisionBase + province * Divisions + division;
}
