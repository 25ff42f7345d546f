using System.Globalization;
using Ballast.Statistics.Periods;

namespace Ballast.Statistics.Release;

/// <summary>
/// The monthly volume index of one release cell (docs/seasonal-adjustment.md, "In the release"): over the first
/// 12 months of a segment the cell's current-price value added, then I(m) = I(m − 12) · (1 + g(c,{m}) / 100) with
/// g the same-sample growth of the single month m (January and February each on their own). A month whose growth
/// is empty (E, no matched pair) ends the segment: the next one starts there from current-price value added.
/// </summary>
public sealed class VolumeIndexSeries
{
    internal VolumeIndexSeries() { }

    /// <summary>The breakdown (total, section, division, province, hightech, equipment).</summary>
    public required string Breakdown { get; init; }
    /// <summary>The cell code as in the release (ALL, a section letter, a two-digit division or province).</summary>
    public required string Cell { get; init; }
    /// <summary>The first month in which an enterprise of the cell has a report.</summary>
    public required YearMonth Start { get; init; }
    /// <summary>Current-price value added of every reporting enterprise of the cell, per month from <see cref="Start"/>.</summary>
    public required IReadOnlyList<double> ValueAdded { get; init; }
    /// <summary>Same-sample growth of the single month in percent; null (E) when the month has no matched pair.</summary>
    public required IReadOnlyList<double?> Growth { get; init; }
    /// <summary>The volume index; NaN in a month where no enterprise of the cell reported.</summary>
    public required IReadOnlyList<double> Index { get; init; }
    /// <summary>Positions (from <see cref="Start"/>) where a segment starts; the first is 0.</summary>
    public required IReadOnlyList<int> SegmentStarts { get; init; }
    /// <summary>Enterprises with a matched pair, per month.</summary>
    public required IReadOnlyList<int> MatchedEnterprises { get; init; }
    /// <summary>
    /// Primary suppression of the single month (release.md, Disclosure control rule 1): fewer than 3 enterprises
    /// with a matched pair, or one enterprise holding more than 85 % of the month's current-price value added.
    /// </summary>
    public required IReadOnlyList<bool> PrimaryConfidential { get; init; }

    /// <summary>Number of months.</summary>
    public int Count => Index.Count;

    /// <summary>The last month.</summary>
    public YearMonth End => Start.AddMonths(Index.Count - 1);

    /// <summary>The segments as (first position, length).</summary>
    public IEnumerable<(int First, int Length)> Segments()
    {
        for (int s = 0; s < SegmentStarts.Count; s++)
        {
            int first = SegmentStarts[s];
            int end = s + 1 < SegmentStarts.Count ? SegmentStarts[s + 1] : Index.Count;
            yield return (first, end - first);
        }
    }
}

/// <summary>The volume indices of every cell, or the reference data that are missing to compute them.</summary>
public sealed record VolumeIndexResult(YearMonth Through, IReadOnlyList<VolumeIndexSeries> Series, IReadOnlyList<string> MissingKeys)
{
    /// <summary>True when every value-added rate and PPI needed was there.</summary>
    public bool Succeeded => MissingKeys.Count == 0;

    /// <summary>The series of a cell, or null when the cell has no report.</summary>
    public VolumeIndexSeries? Find(string breakdown, string cell) =>
        Series.FirstOrDefault(s => string.Equals(s.Breakdown, breakdown, StringComparison.Ordinal) && string.Equals(s.Cell, cell, StringComparison.Ordinal));
}

/// <summary>Builds the volume index of each cell of the seasonally adjusted breakdowns from the population.</summary>
public static class VolumeIndex
{
    /// <summary>The breakdowns that get a volume index and a seasonally adjusted growth.</summary>
    public static readonly IReadOnlyList<string> Breakdowns =
        [ReleaseBreakdowns.Total, ReleaseBreakdowns.Section, ReleaseBreakdowns.Division, ReleaseBreakdowns.Province,
         ReleaseBreakdowns.HighTech, ReleaseBreakdowns.Equipment];

    /// <summary>Months a segment starts with at current prices: one year, the base of the first growth.</summary>
    public const int BaseMonths = 12;

    /// <summary>
    /// The volume index of every cell of <see cref="Breakdowns"/> that has a report up to <paramref name="through"/>,
    /// from the first month the population holds. Value added and comparable value added as in release.md (rate of
    /// the month's own year; PPI of the month); every missing rate or PPI is listed instead.
    /// </summary>
    public static VolumeIndexResult Compute(ReleasePopulation population, YearMonth through)
    {
        ArgumentNullException.ThrowIfNull(population);
        var codes = population.Codes;
        // Cells: total, sections, divisions, provinces, hightech, equipment.
        var cells = new List<(string Breakdown, string Code)> { (ReleaseBreakdowns.Total, ReleaseBreakdowns.All) };
        int sectionBase = cells.Count;
        foreach (var s in codes.Sections) cells.Add((ReleaseBreakdowns.Section, s));
        int divisionBase = cells.Count;
        foreach (var d in codes.Divisions) cells.Add((ReleaseBreakdowns.Division, d.Code));
        int provinceBase = cells.Count;
        foreach (var p in codes.Provinces) cells.Add((ReleaseBreakdowns.Province, p.Code));
        int highTechCell = cells.Count;
        cells.Add((ReleaseBreakdowns.HighTech, ReleaseBreakdowns.All));
        int equipmentCell = cells.Count;
        cells.Add((ReleaseBreakdowns.Equipment, ReleaseBreakdowns.All));
        int nc = cells.Count;

        int first = population.FirstMonth;
        int months = Math.Min(through.Index, first + population.MonthSpan - 1) - first + 1;
        if (population.MonthSpan == 0 || months <= 0) return new VolumeIndexResult(through, [], []);
        int span = population.MonthSpan;
        int divisions = codes.Divisions.Count;

        // Rates per (division, month) for the month's year and the year before; PPI factor per (division, month).
        var rate = new double[divisions * months];
        var rateBase = new double[divisions * months];
        var ppi = new double[divisions * months];
        for (int d = 0; d < divisions; d++)
            for (int k = 0; k < months; k++)
            {
                int year = YearMonth.FromIndex(first + k).Year;
                rate[d * months + k] = population.VaRate.TryGetValue((d, year), out var r) ? r : double.NaN;
                rateBase[d * months + k] = population.VaRate.TryGetValue((d, year - 1), out var rb) ? rb : double.NaN;
                ppi[d * months + k] = population.Ppi.TryGetValue((d, first + k), out var p) ? p / 100 : double.NaN;
            }

        var a = new double[nc * months];
        var b = new double[nc * months];
        var va = new double[nc * months];
        var maxVa = new double[nc * months];
        var reports = new int[nc * months];
        var matched = new int[nc * months];
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        Span<int> mine = stackalloc int[6];
        bool[] has = population.Has;
        double[] output = population.Output;
        for (int e = 0; e < population.EnterpriseCount; e++)
        {
            int d = population.Division[e];
            int count = 0;
            mine[count++] = 0;
            mine[count++] = sectionBase + codes.SectionIndex[codes.Divisions[d].Section];
            mine[count++] = divisionBase + d;
            mine[count++] = provinceBase + population.Province[e];
            if (population.HighTech[e]) mine[count++] = highTechCell;
            if (codes.Divisions[d].Equipment) mine[count++] = equipmentCell;
            int block = e * span;
            for (int k = 0; k < months; k++)
            {
                if (!has[block + k]) continue;
                int dk = d * months + k;
                double v = output[block + k] * rate[dk];
                if (double.IsNaN(rate[dk])) missing.Add(string.Create(CultureInfo.InvariantCulture, $"va_rate {codes.Divisions[d].Code} {YearMonth.FromIndex(first + k).Year:D4}"));
                bool isMatched = k >= 12 && has[block + k - 12];
                double cva = 0, vb = 0;
                if (isMatched)
                {
                    if (double.IsNaN(ppi[dk])) missing.Add($"ppi {codes.Divisions[d].Code} {YearMonth.FromIndex(first + k)}");
                    if (double.IsNaN(rateBase[dk])) missing.Add(string.Create(CultureInfo.InvariantCulture, $"va_rate {codes.Divisions[d].Code} {YearMonth.FromIndex(first + k).Year - 1:D4}"));
                    cva = v / ppi[dk];
                    vb = output[block + k - 12] * rateBase[dk];
                }
                for (int i = 0; i < count; i++)
                {
                    int ck = mine[i] * months + k;
                    va[ck] += v;
                    reports[ck]++;
                    if (v > maxVa[ck]) maxVa[ck] = v;
                    if (!isMatched) continue;
                    a[ck] += cva;
                    b[ck] += vb;
                    matched[ck]++;
                }
            }
        }
        if (missing.Count > 0) return new VolumeIndexResult(through, [], [.. missing]);

        var series = new List<VolumeIndexSeries>(nc);
        for (int c = 0; c < nc; c++)
        {
            int s0 = -1;
            for (int k = 0; k < months && s0 < 0; k++)
                if (reports[c * months + k] > 0) s0 = k;
            if (s0 < 0) continue; // the cell has no report: it does not appear
            int n = months - s0;
            var vaSeries = new double[n];
            var growth = new double?[n];
            var index = new double[n];
            var matchedSeries = new int[n];
            var confidential = new bool[n];
            var starts = new List<int> { 0 };
            int segment = 0;
            for (int j = 0; j < n; j++)
            {
                int ck = c * months + s0 + j;
                vaSeries[j] = va[ck];
                matchedSeries[j] = matched[ck];
                growth[j] = b[ck] == 0 ? null : (a[ck] / b[ck] - 1) * 100;
                confidential[j] = matched[ck] < ReleaseEngine.MinimumEnterprises
                                  || (va[ck] > 0 && maxVa[ck] > ReleaseEngine.DominanceShare * va[ck]);
                double current = reports[ck] > 0 ? va[ck] : double.NaN;
                if (j - segment < BaseMonths) index[j] = current;
                else if (growth[j] is double g) index[j] = index[j - 12] * (1 + g / 100);
                else
                {
                    // Empty base: the chain breaks and a new segment starts from current-price value added.
                    segment = j;
                    starts.Add(j);
                    index[j] = current;
                }
            }
            series.Add(new VolumeIndexSeries
            {
                Breakdown = cells[c].Breakdown,
                Cell = cells[c].Code,
                Start = YearMonth.FromIndex(first + s0),
                ValueAdded = vaSeries,
                Growth = growth,
                Index = index,
                SegmentStarts = starts,
                MatchedEnterprises = matchedSeries,
                PrimaryConfidential = confidential,
            });
        }
        series.Sort((x, y) =>
        {
            int cmp = string.CompareOrdinal(x.Breakdown, y.Breakdown);
            return cmp != 0 ? cmp : string.CompareOrdinal(x.Cell, y.Cell);
        });
        return new VolumeIndexResult(through, series, []);
    }
}
