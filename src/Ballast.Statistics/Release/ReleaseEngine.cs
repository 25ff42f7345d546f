using System.Globalization;
using Ballast.Statistics.Periods;

namespace Ballast.Statistics.Release;

/// <summary>
/// Computes the monthly release of the spec release.md (see docs/methodology/release.md): same-sample growth of
/// comparable value added over matched pairs, pulls, contributions, shares, the other measures of a cell, product
/// output, then disclosure control. One pass over the enterprises accumulates every cell of every breakdown at once.
/// </summary>
public static class ReleaseEngine
{
    // Fields of a cell accumulator (one per cell, F doubles).
    private const int AMonth = 0, BMonth = 1, AYtd = 2, BYtd = 3, VaAtT = 4, RevCur = 5, RevBase = 6, ProfitCur = 7,
        ProfitBase = 8, ExportCur = 9, ExportBase = 10, EnergyCur = 11, EnergyBase = 12, RdAll = 13, RevenueAll = 14,
        OverdueCur = 15, OverdueBase = 16, F = 17;

    /// <summary>Enterprises per chunk: fixed, so that the order of floating-point sums does not depend on the cores.</summary>
    private const int ChunkSize = 16384;

    /// <summary>Dominance threshold of primary suppression: one enterprise holding strictly more than 85 %.</summary>
    public const double DominanceShare = 0.85;

    /// <summary>Fewest enterprises with a matched pair (or reporting a product) a published cell may have.</summary>
    public const int MinimumEnterprises = 3;

    /// <summary>
    /// Computes the release for <paramref name="period"/>: every row of release.md "Which rows a release has", both
    /// views (published and unsuppressed), and the disclosure-control log; or the errors that refuse it (a January
    /// period; no report at t or at t − 12; missing value-added rates or PPI, all listed in one error).
    /// </summary>
    public static ReleaseResult Compute(ReleasePopulation population, YearMonth period)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (period.Month == 1)
        {
            return Refused(period, new ReleaseError(ReleaseErrorKind.JanuaryRefused,
                $"There is no release for {period}: January is published together with February. Ask for {period.Year:D4}-02, which reports January and February combined.",
                []));
        }

        var errors = new List<ReleaseError>();
        if (population.ReportsInMonth(period.Index) == 0)
            errors.Add(new ReleaseError(ReleaseErrorKind.NoReportsAtPeriod,
                $"The release for {period} is refused: no enterprise has a report for {period}.", []));
        string yearEarlier = period.Year > YearMonth.MinYear ? period.YearEarlier.ToString() : "the year before";
        if (population.ReportsInMonth(period.Index - 12) == 0)
            errors.Add(new ReleaseError(ReleaseErrorKind.NoReportsYearEarlier,
                $"The release for {period} is refused: no enterprise has a report for {yearEarlier}, the same month a year earlier, so no growth can be computed.", []));
        var missing = MissingReferenceData(population, period);
        if (missing.Count > 0)
            errors.Add(new ReleaseError(ReleaseErrorKind.MissingReferenceData,
                $"The release for {period} is refused: {missing.Count} value-added rate or PPI {(missing.Count == 1 ? "entry is" : "entries are")} missing for divisions with reports in the months it uses: {string.Join(", ", missing)}.",
                missing));
        if (errors.Count > 0) return new ReleaseResult(period, null, errors);

        var layout = new CellLayout(population.Codes);
        var plan = new Plan(population, period);
        var (acc, maxVa, matched, appears) = Accumulate(population, layout, plan);
        var products = ProductAccumulators.Compute(population, plan);

        var confidential = DisclosureControl.Primary(layout, acc, F, VaAtT, maxVa, matched);
        var (secondary, unfixable) = DisclosureControl.Secondary(layout, population.Codes, acc, F, VaAtT, appears, confidential);
        DisclosureControl.SingleDivisionKeyIndustries(layout, population.Codes, confidential);

        var rows = new List<(ReleaseRow Row, bool Confidential)>(layout.Count * 14 + products.Count * 4);
        for (int c = 0; c < layout.Count; c++)
            if (appears[c] > 0) CellRows(rows, layout, period, c, acc, matched[c], confidential[c]);
        for (int p = 0; p < products.Count; p++)
            if (products.Appears[p]) ProductRows(rows, population.Codes.Products[p], period, products, p, plan.MonthNumber);

        rows.Sort(static (x, y) =>
        {
            int c = string.CompareOrdinal(x.Row.Breakdown, y.Row.Breakdown);
            if (c != 0) return c;
            c = string.CompareOrdinal(x.Row.Cell, y.Row.Cell);
            return c != 0 ? c : string.CompareOrdinal(x.Row.Measure, y.Row.Measure);
        });
        var unsuppressed = new ReleaseRow[rows.Count];
        var published = new ReleaseRow[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var (row, isConfidential) = rows[i];
            bool isCount = string.Equals(row.Measure, ReleaseMeasures.Enterprises, StringComparison.Ordinal);
            if (isConfidential && !isCount)
            {
                unsuppressed[i] = row with { Flag = ReleaseFlag.Confidential };
                published[i] = row with { Value = null, Flag = ReleaseFlag.Confidential };
            }
            else
            {
                unsuppressed[i] = row;
                published[i] = row;
            }
        }
        return new ReleaseResult(period, new MonthlyRelease(period, unsuppressed, published, secondary, unfixable), []);
    }

    private static ReleaseResult Refused(YearMonth period, ReleaseError error) => new(period, null, [error]);

    /// <summary>
    /// The value-added rates and PPI a release needs (release.md, Value added): for every division with a report in
    /// a month the release uses (January..t of t's year and the same months a year earlier), rate(d, y) and
    /// rate(d, y − 1); and ppi(d, m) for every month m from January to t in which d has a report.
    /// </summary>
    internal static List<string> MissingReferenceData(ReleasePopulation population, YearMonth period)
    {
        int year = period.Year;
        int january = new YearMonth(year, 1).Index;
        int divisions = population.Codes.Divisions.Count;
        var rates = new SortedSet<string>(StringComparer.Ordinal);
        var ppi = new SortedSet<string>(StringComparer.Ordinal);
        for (int d = 0; d < divisions; d++)
        {
            string code = population.Codes.Divisions[d].Code;
            bool used = false;
            for (int m = january; m <= period.Index; m++)
            {
                if (population.ReportsIn(m - 12, d) > 0) used = true;
                if (population.ReportsIn(m, d) > 0)
                {
                    used = true;
                    if (!population.Ppi.ContainsKey((d, m))) ppi.Add($"ppi {code} {YearMonth.FromIndex(m)}");
                }
            }
            if (!used) continue;
            if (!population.VaRate.ContainsKey((d, year))) rates.Add(string.Create(CultureInfo.InvariantCulture, $"va_rate {code} {year:D4}"));
            if (!population.VaRate.ContainsKey((d, year - 1))) rates.Add(string.Create(CultureInfo.InvariantCulture, $"va_rate {code} {year - 1:D4}"));
        }
        return [.. rates, .. ppi];
    }

    /// <summary>What a release reads: the months, their columns, the rates and PPI per division.</summary>
    internal sealed class Plan
    {
        public readonly int Period, January, MonthNumber, MonthSetStart;
        /// <summary>
        /// For the j-th month of the year: its offset in an enterprise's block of months, and the offset of the same
        /// month a year earlier; −1 when the population holds no such month.
        /// </summary>
        public readonly int[] CurrentOffset, BaseOffset;
        public readonly double[] RateCurrent, RateBase;
        /// <summary>ppi(d, m) / 100 for the j-th month of the year: PpiFactor[j][d].</summary>
        public readonly double[][] PpiFactor;

        public Plan(ReleasePopulation population, YearMonth period)
        {
            Period = period.Index;
            MonthNumber = period.Month;
            January = new YearMonth(period.Year, 1).Index;
            // February reports January and February combined; any later month reports itself.
            MonthSetStart = MonthNumber == 2 ? 0 : MonthNumber - 1;
            CurrentOffset = new int[MonthNumber];
            BaseOffset = new int[MonthNumber];
            for (int j = 0; j < MonthNumber; j++)
            {
                CurrentOffset[j] = Offset(population, January + j);
                BaseOffset[j] = Offset(population, January + j - 12);
            }
            int divisions = population.Codes.Divisions.Count;
            RateCurrent = new double[divisions];
            RateBase = new double[divisions];
            PpiFactor = new double[MonthNumber][];
            for (int j = 0; j < MonthNumber; j++) PpiFactor[j] = new double[divisions];
            for (int d = 0; d < divisions; d++)
            {
                RateCurrent[d] = population.VaRate.TryGetValue((d, period.Year), out var r) ? r : double.NaN;
                RateBase[d] = population.VaRate.TryGetValue((d, period.Year - 1), out var rb) ? rb : double.NaN;
                for (int j = 0; j < MonthNumber; j++)
                    PpiFactor[j][d] = population.Ppi.TryGetValue((d, January + j), out var p) ? p / 100 : double.NaN;
            }
        }

        private static int Offset(ReleasePopulation population, int month)
        {
            int k = month - population.FirstMonth;
            return k >= 0 && k < population.MonthSpan ? k : -1;
        }
    }

    private static (double[] Acc, double[] MaxVa, int[] Matched, int[] Appears) Accumulate(
        ReleasePopulation population, CellLayout layout, Plan plan)
    {
        int n = population.EnterpriseCount;
        int chunks = (n + ChunkSize - 1) / ChunkSize;
        var partial = new (double[] Acc, double[] MaxVa, int[] Matched, int[] Appears)[chunks];
        Parallel.For(0, chunks, chunk =>
        {
            var acc = new double[layout.Count * F];
            var maxVa = new double[layout.Count];
            var matched = new int[layout.Count];
            var appears = new int[layout.Count];
            AccumulateChunk(population, layout, plan, chunk * ChunkSize, Math.Min(n, (chunk + 1) * ChunkSize), acc, maxVa, matched, appears);
            partial[chunk] = (acc, maxVa, matched, appears);
        });
        // Merge in chunk order: the sums do not depend on how the chunks were scheduled.
        var total = (Acc: new double[layout.Count * F], MaxVa: new double[layout.Count], Matched: new int[layout.Count], Appears: new int[layout.Count]);
        foreach (var p in partial)
        {
            for (int i = 0; i < total.Acc.Length; i++) total.Acc[i] += p.Acc[i];
            for (int c = 0; c < layout.Count; c++)
            {
                if (p.MaxVa[c] > total.MaxVa[c]) total.MaxVa[c] = p.MaxVa[c];
                total.Matched[c] += p.Matched[c];
                total.Appears[c] += p.Appears[c];
            }
        }
        return total;
    }

    private static void AccumulateChunk(ReleasePopulation pop, CellLayout layout, Plan plan, int start, int end,
        double[] acc, double[] maxVa, int[] matched, int[] appears)
    {
        Span<double> v = stackalloc double[F];
        var cells = new int[layout.MaxCellsPerEnterprise];
        int months = plan.MonthNumber, monthSetStart = plan.MonthSetStart, span = pop.MonthSpan, t = plan.Period;
        int[] curOffset = plan.CurrentOffset, baseOffset = plan.BaseOffset;
        int stockCur = curOffset[months - 1], stockBase = baseOffset[months - 1];
        bool[] has = pop.Has;
        double[] output = pop.Output, revenue = pop.Revenue, profit = pop.Profit, export = pop.Export, rd = pop.Rd,
            energy = pop.Energy, overdue = pop.Overdue;
        for (int e = start; e < end; e++)
        {
            int d = pop.Division[e];
            int block = e * span;
            double rc = plan.RateCurrent[d], rb = plan.RateBase[d];
            bool reports = false, matchedInMonthSet = false;
            v.Clear();
            for (int j = 0; j < months; j++)
            {
                int oc = curOffset[j];
                if (oc < 0) continue;
                int ic = block + oc;
                if (!has[ic]) continue;
                reports = true;
                double va = output[ic] * rc;
                bool inMonthSet = j >= monthSetStart;
                if (inMonthSet) v[VaAtT] += va;
                v[RdAll] += rd[ic];
                v[RevenueAll] += revenue[ic];
                int ob = baseOffset[j];
                if (ob < 0) continue;
                int ib = block + ob;
                if (!has[ib]) continue;
                // A matched pair (e, m): reports at m and at m − 12.
                double cva = va / plan.PpiFactor[j][d];
                double vb = output[ib] * rb;
                v[AYtd] += cva;
                v[BYtd] += vb;
                v[RevCur] += revenue[ic];
                v[RevBase] += revenue[ib];
                v[ProfitCur] += profit[ic];
                v[ProfitBase] += profit[ib];
                v[ExportCur] += export[ic];
                v[ExportBase] += export[ib];
                v[EnergyCur] += energy[ic];
                v[EnergyBase] += energy[ib];
                if (inMonthSet)
                {
                    v[AMonth] += cva;
                    v[BMonth] += vb;
                    matchedInMonthSet = true;
                }
            }
            if (!reports) continue; // no report from January to t: the enterprise makes no cell appear
            if (stockCur >= 0 && stockBase >= 0 && has[block + stockCur] && has[block + stockBase])
            {
                v[OverdueCur] = overdue[block + stockCur];
                v[OverdueBase] = overdue[block + stockBase];
            }

            int count = 0;
            cells[count++] = CellLayout.Total;
            foreach (int c in layout.DivisionCells[d]) cells[count++] = c;
            int p = pop.Province[e];
            foreach (int c in layout.ProvinceCells[p]) cells[count++] = c;
            cells[count++] = layout.OwnershipBase + pop.Ownership[e];
            int size = pop.Size[e];
            cells[count++] = layout.SizeBase + size;
            if (size != (int)EnterpriseSize.Large) cells[count++] = layout.SizeBase + 4; // sme
            if (pop.HighTech[e]) cells[count++] = layout.HighTechCell;
            cells[count++] = layout.ProvinceDivision(p, d);
            int previousTier = -1;
            for (int h = pop.TierStart[e]; h < pop.TierStart[e + 1]; h++)
            {
                int tier = pop.TierCode[h];
                // Holdings are sorted by tier: two dated holdings of one tier count once.
                if (tier == previousTier || pop.TierFrom[h] > t || pop.TierTo[h] < t) continue;
                cells[count++] = layout.TierBase + tier;
                previousTier = tier;
            }

            double vaT = v[VaAtT];
            for (int i = 0; i < count; i++)
            {
                int c = cells[i];
                var target = acc.AsSpan(c * F, F);
                for (int f = 0; f < F; f++) target[f] += v[f];
                if (vaT > maxVa[c]) maxVa[c] = vaT;
                if (matchedInMonthSet) matched[c]++;
                appears[c]++;
            }
        }
    }

    private static void CellRows(List<(ReleaseRow, bool)> rows, CellLayout layout, YearMonth period, int c,
        double[] acc, int enterprises, bool confidential)
    {
        string breakdown = layout.Breakdown[c], code = layout.Code[c], parentText = layout.ParentText[c];
        ReadOnlySpan<double> a = acc.AsSpan(c * F, F);
        void Add(string measure, double? value) => rows.Add((
            new ReleaseRow(period, breakdown, code, parentText, measure, value is double x ? x + 0.0 : null,
                value is null ? ReleaseFlag.Empty : ReleaseFlag.None), confidential));

        Add(ReleaseMeasures.VaYoyMonth, Growth(a[AMonth], a[BMonth]));
        Add(ReleaseMeasures.VaYoyYtd, Growth(a[AYtd], a[BYtd]));
        Add(ReleaseMeasures.Enterprises, enterprises);
        Add(ReleaseMeasures.RevenueYoyYtd, Growth(a[RevCur], a[RevBase]));
        // Profit growth means nothing over a loss or a zero base.
        Add(ReleaseMeasures.ProfitYoyYtd, a[ProfitBase] <= 0 ? null : Growth(a[ProfitCur], a[ProfitBase]));
        Add(ReleaseMeasures.ExportYoyYtd, Growth(a[ExportCur], a[ExportBase]));
        Add(ReleaseMeasures.RdIntensityYtd, a[RevenueAll] == 0 ? null : a[RdAll] / a[RevenueAll] * 100);
        Add(ReleaseMeasures.EnergyPerVaYoyYtd, a[AYtd] == 0 || a[BYtd] == 0 || a[EnergyBase] == 0
            ? null
            : (a[EnergyCur] / a[AYtd] / (a[EnergyBase] / a[BYtd]) - 1) * 100);
        Add(ReleaseMeasures.OverdueReceivablesYoy, Growth(a[OverdueCur], a[OverdueBase]));

        int parent = layout.Parent[c];
        if (parent < 0) return;
        ReadOnlySpan<double> p = acc.AsSpan(parent * F, F);
        Add(ReleaseMeasures.VaPullMonth, Pull(a[AMonth], a[BMonth], p[BMonth]));
        Add(ReleaseMeasures.VaPullYtd, Pull(a[AYtd], a[BYtd], p[BYtd]));
        Add(ReleaseMeasures.VaContribMonth, Contribution(a[AMonth], a[BMonth], p[AMonth], p[BMonth]));
        Add(ReleaseMeasures.VaContribYtd, Contribution(a[AYtd], a[BYtd], p[AYtd], p[BYtd]));
        Add(ReleaseMeasures.VaShareMonth, p[VaAtT] == 0 ? null : a[VaAtT] / p[VaAtT] * 100);
    }

    private static void ProductRows(List<(ReleaseRow, bool)> rows, string product, YearMonth period,
        ProductAccumulators acc, int p, int monthNumber)
    {
        bool confidential = acc.Confidential(p);
        void Add(string measure, double? value) => rows.Add((
            new ReleaseRow(period, ReleaseBreakdowns.Product, product, "", measure, value is double x ? x + 0.0 : null,
                value is null ? ReleaseFlag.Empty : ReleaseFlag.None), confidential));
        Add(ReleaseMeasures.OutputMonth, acc.OutputMonth[p]);
        Add(ReleaseMeasures.OutputYoyMonth, Growth(acc.MatchedCurMonth[p], acc.MatchedBaseMonth[p]));
        Add(ReleaseMeasures.OutputYoyYtd, Growth(acc.MatchedCurYtd[p], acc.MatchedBaseYtd[p]));
        Add(ReleaseMeasures.CapacityUtilizationYtd, acc.Capacity[p] == 0
            ? null
            : acc.CapacityOutputYtd[p] * 12 / monthNumber / acc.Capacity[p] * 100);
    }

    /// <summary>Same-sample growth (A / B − 1) × 100; empty when the base is 0.</summary>
    private static double? Growth(double current, double @base) => @base == 0 ? null : (current / @base - 1) * 100;

    /// <summary>Pull (A(c) − B(c)) / B(p) × 100, percentage points; empty when B(p) = 0.</summary>
    private static double? Pull(double a, double b, double parentB) => parentB == 0 ? null : (a - b) / parentB * 100;

    /// <summary>Contribution (A(c) − B(c)) / (A(p) − B(p)) × 100; empty when A(p) = B(p).</summary>
    private static double? Contribution(double a, double b, double parentA, double parentB) =>
        parentA == parentB ? null : (a - b) / (parentA - parentB) * 100;

    /// <summary>Per product: output, matched pairs and capacity (release.md, Products and capacity).</summary>
    internal sealed class ProductAccumulators
    {
        public int Count;
        public double[] OutputMonth = [], MatchedCurMonth = [], MatchedBaseMonth = [], MatchedCurYtd = [], MatchedBaseYtd = [];
        public double[] CapacityOutputYtd = [], Capacity = [], MaxOutput = [];
        public int[] Reporters = [];
        public bool[] Appears = [];

        public bool Confidential(int p) =>
            Reporters[p] < MinimumEnterprises || (OutputMonth[p] > 0 && MaxOutput[p] > DominanceShare * OutputMonth[p]);

        public static ProductAccumulators Compute(ReleasePopulation pop, Plan plan)
        {
            int n = pop.Codes.Products.Count;
            var a = new ProductAccumulators
            {
                Count = n,
                OutputMonth = new double[n], MatchedCurMonth = new double[n], MatchedBaseMonth = new double[n],
                MatchedCurYtd = new double[n], MatchedBaseYtd = new double[n], CapacityOutputYtd = new double[n],
                Capacity = new double[n], MaxOutput = new double[n], Reporters = new int[n], Appears = new bool[n],
            };
            int first = plan.January, last = plan.Period, monthSetFirst = plan.January + plan.MonthSetStart;
            for (int s = 0; s < pop.SeriesProduct.Length; s++)
            {
                int p = pop.SeriesProduct[s];
                int lo = pop.SeriesStart[s], hi = pop.SeriesStart[s + 1];
                double outMonth = 0, curMonth = 0, baseMonth = 0, curYtd = 0, baseYtd = 0, ytd = 0, capacityAtT = double.NaN;
                bool appears = false, reportsInMonthSet = false;
                for (int r = lo; r < hi; r++)
                {
                    int m = pop.RowMonth[r];
                    if (m < first || m > last) continue;
                    appears = true;
                    double output = pop.RowOutput[r];
                    ytd += output;
                    bool inMonthSet = m >= monthSetFirst;
                    if (inMonthSet)
                    {
                        outMonth += output;
                        reportsInMonthSet = true;
                    }
                    if (m == last && !double.IsNaN(pop.RowCapacity[r])) capacityAtT = pop.RowCapacity[r];
                    int b = Array.BinarySearch(pop.RowMonth, lo, r - lo, m - 12);
                    if (b < 0) continue;
                    curYtd += output;
                    baseYtd += pop.RowOutput[b];
                    if (inMonthSet)
                    {
                        curMonth += output;
                        baseMonth += pop.RowOutput[b];
                    }
                }
                if (!appears) continue;
                a.Appears[p] = true;
                a.OutputMonth[p] += outMonth;
                a.MatchedCurMonth[p] += curMonth;
                a.MatchedBaseMonth[p] += baseMonth;
                a.MatchedCurYtd[p] += curYtd;
                a.MatchedBaseYtd[p] += baseYtd;
                if (reportsInMonthSet) a.Reporters[p]++;
                if (outMonth > a.MaxOutput[p]) a.MaxOutput[p] = outMonth;
                if (!double.IsNaN(capacityAtT))
                {
                    a.CapacityOutputYtd[p] += ytd;
                    a.Capacity[p] += capacityAtT;
                }
            }
            return a;
        }
    }
}
