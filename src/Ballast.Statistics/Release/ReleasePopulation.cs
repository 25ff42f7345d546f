using Ballast.Statistics.Periods;

namespace Ballast.Statistics.Release;

/// <summary>
/// A program tier held by an enterprise, optionally dated: it is held at the end of month t when
/// <see cref="From"/> ≤ t ≤ <see cref="To"/> (both inclusive; null is open). The register's tiers have no dates
/// and hold for every period (release.md, Breakdowns: tiers).
/// </summary>
public readonly record struct TierHolding(string Tier, YearMonth? From = null, YearMonth? To = null);

/// <summary>The figures of one monthly report that the release uses (money in 10k yuan, energy in tce).</summary>
public readonly record struct ReportFigures(
    double OutputValue, double Revenue, double Profit, double ExportValue, double RdExpense, double EnergyTce, double OverdueReceivables);

/// <summary>
/// The in-memory columnar model of the population that the release engine reads: enterprises as arrays of small
/// integer codes (sorted by identifier, ordinal, so that results do not depend on input order), report columns per
/// month indexed by enterprise, product series, PPI and value-added rates. Build it once with <see cref="Builder"/>
/// and compute any number of releases from it. Immutable once built; safe to share between threads.
/// </summary>
public sealed class ReleasePopulation
{
    internal sealed class MonthColumns
    {
        public required bool[] Has;
        public required double[] Output, Revenue, Profit, Export, Rd, Energy, Overdue;
        // Month-major, only while building.
        public int Count;

        public static MonthColumns Allocate(int n) => new()
        {
            Has = new bool[n], Output = new double[n], Revenue = new double[n], Profit = new double[n],
            Export = new double[n], Rd = new double[n], Energy = new double[n], Overdue = new double[n],
        };
    }

    internal ReleaseCodes Codes { get; }
    internal string[] Ids { get; }
    internal short[] Division { get; }
    internal short[] Province { get; }
    internal byte[] Ownership { get; }
    internal byte[] Size { get; }
    internal bool[] HighTech { get; }
    // Tier holdings in CSR form, per enterprise sorted by tier: [TierStart[e], TierStart[e+1]).
    internal int[] TierStart { get; }
    internal short[] TierCode { get; }
    internal int[] TierFrom { get; }
    internal int[] TierTo { get; }
    /// <summary>Month index of the first month held; <see cref="MonthSpan"/> months follow it.</summary>
    internal int FirstMonth { get; }
    internal int MonthSpan { get; }
    // Report columns, enterprise-major: the value of enterprise e for month FirstMonth + k is at e × MonthSpan + k,
    // so that one enterprise's months are contiguous and a pass over the enterprises reads each array in order.
    internal bool[] Has { get; }
    internal double[] Output { get; }
    internal double[] Revenue { get; }
    internal double[] Profit { get; }
    internal double[] Export { get; }
    internal double[] Rd { get; }
    internal double[] Energy { get; }
    internal double[] Overdue { get; }
    /// <summary>Reports per month: MonthReports[month − FirstMonth].</summary>
    internal int[] MonthReports { get; }
    /// <summary>Reports per (month, division): DivisionReports[month − FirstMonth][division].</summary>
    internal int[][] DivisionReports { get; }
    // Product series (one per enterprise and product), rows sorted by month: [SeriesStart[s], SeriesStart[s+1]).
    internal int[] SeriesEnterprise { get; }
    internal short[] SeriesProduct { get; }
    internal int[] SeriesStart { get; }
    internal int[] RowMonth { get; }
    internal double[] RowOutput { get; }
    /// <summary>NaN when the capacity was not reported.</summary>
    internal double[] RowCapacity { get; }
    internal Dictionary<(int Division, int Month), double> Ppi { get; }
    internal Dictionary<(int Division, int Year), double> VaRate { get; }

    /// <summary>Number of enterprises in the register.</summary>
    public int EnterpriseCount => Ids.Length;

    /// <summary>The codes the population was built over.</summary>
    public ReleaseCodes ReleaseCodes => Codes;

    /// <summary>Number of monthly reports held.</summary>
    public long ReportCount { get; }

    /// <summary>Number of product rows held.</summary>
    public int ProductRowCount => RowMonth.Length;

    private ReleasePopulation(Builder b, int[] order)
    {
        Codes = b.Codes;
        int n = order.Length;
        Ids = new string[n];
        Division = new short[n];
        Province = new short[n];
        Ownership = new byte[n];
        Size = new byte[n];
        HighTech = new bool[n];
        TierStart = new int[n + 1];
        int holdings = 0;
        for (int r = 0; r < n; r++) holdings += b.EntTiers[order[r]].Count;
        TierCode = new short[holdings];
        TierFrom = new int[holdings];
        TierTo = new int[holdings];
        int h = 0;
        for (int r = 0; r < n; r++)
        {
            int i = order[r];
            Ids[r] = b.EntIds[i];
            Division[r] = b.EntDivision[i];
            Province[r] = b.EntProvince[i];
            Ownership[r] = b.EntOwnership[i];
            Size[r] = b.EntSize[i];
            HighTech[r] = b.EntHighTech[i];
            TierStart[r] = h;
            foreach (var t in b.EntTiers[i].OrderBy(t => t.Code).ThenBy(t => t.From).ThenBy(t => t.To))
            {
                TierCode[h] = t.Code;
                TierFrom[h] = t.From;
                TierTo[h] = t.To;
                h++;
            }
        }
        TierStart[n] = h;

        // Report columns: transposed into enterprise-major order one field at a time (bounded extra memory).
        int divisions = Codes.Divisions.Count;
        if (b.Months.Count == 0)
        {
            FirstMonth = 0;
            MonthSpan = 0;
            DivisionReports = [];
            MonthReports = [];
            Has = [];
            Output = Revenue = Profit = Export = Rd = Energy = Overdue = [];
        }
        else
        {
            FirstMonth = b.Months.Keys.Min();
            MonthSpan = b.Months.Keys.Max() - FirstMonth + 1;
            int span = MonthSpan;
            DivisionReports = new int[span][];
            MonthReports = new int[span];
            for (int m = 0; m < span; m++) DivisionReports[m] = new int[divisions];
            var months = b.Months.OrderBy(kv => kv.Key).Select(kv => (Offset: kv.Key - FirstMonth, Col: kv.Value)).ToArray();
            Has = new bool[checked(n * span)];
            foreach (var (k, col) in months)
            {
                var counts = DivisionReports[k];
                for (int r = 0; r < n; r++)
                    if (col.Has[order[r]]) { Has[r * span + k] = true; counts[Division[r]]++; }
                MonthReports[k] = col.Count;
                ReportCount += col.Count;
            }
            Output = Transpose(months, c => c.Output, c => c.Output = [], order, span);
            Revenue = Transpose(months, c => c.Revenue, c => c.Revenue = [], order, span);
            Profit = Transpose(months, c => c.Profit, c => c.Profit = [], order, span);
            Export = Transpose(months, c => c.Export, c => c.Export = [], order, span);
            Rd = Transpose(months, c => c.Rd, c => c.Rd = [], order, span);
            Energy = Transpose(months, c => c.Energy, c => c.Energy = [], order, span);
            Overdue = Transpose(months, c => c.Overdue, c => c.Overdue = [], order, span);
            b.Months.Clear();
        }

        // Products: rank the enterprises, sort rows by (enterprise, product, month), cut into series.
        var rank = new int[n];
        for (int r = 0; r < n; r++) rank[order[r]] = r;
        var rows = b.ProductRows;
        var idx = new int[rows.Count];
        for (int i = 0; i < idx.Length; i++) idx[i] = i;
        Array.Sort(idx, (x, y) =>
        {
            var a = rows[x];
            var c = rows[y];
            int cmp = rank[a.Enterprise].CompareTo(rank[c.Enterprise]);
            if (cmp != 0) return cmp;
            cmp = a.Product.CompareTo(c.Product);
            return cmp != 0 ? cmp : a.Month.CompareTo(c.Month);
        });
        RowMonth = new int[idx.Length];
        RowOutput = new double[idx.Length];
        RowCapacity = new double[idx.Length];
        var seriesEnt = new List<int>();
        var seriesProd = new List<short>();
        var seriesStart = new List<int>();
        for (int k = 0; k < idx.Length; k++)
        {
            var row = rows[idx[k]];
            int e = rank[row.Enterprise];
            if (k == 0 || seriesEnt[^1] != e || seriesProd[^1] != row.Product)
            {
                seriesEnt.Add(e);
                seriesProd.Add(row.Product);
                seriesStart.Add(k);
            }
            else if (RowMonth[k - 1] == row.Month)
            {
                throw new ArgumentException($"enterprise {b.EntIds[row.Enterprise]} has two rows of product {Codes.Products[row.Product]} for {YearMonth.FromIndex(row.Month)}");
            }
            RowMonth[k] = row.Month;
            RowOutput[k] = row.Output;
            RowCapacity[k] = row.Capacity;
        }
        seriesStart.Add(idx.Length);
        SeriesEnterprise = [.. seriesEnt];
        SeriesProduct = [.. seriesProd];
        SeriesStart = [.. seriesStart];
        Ppi = new Dictionary<(int, int), double>(b.Ppi);
        VaRate = new Dictionary<(int, int), double>(b.VaRates);
    }

    private static double[] Transpose((int Offset, MonthColumns Col)[] months, Func<MonthColumns, double[]> field,
        Action<MonthColumns> release, int[] order, int span)
    {
        var target = new double[checked(order.Length * span)];
        foreach (var (k, col) in months)
        {
            var source = field(col);
            for (int r = 0; r < order.Length; r++) target[r * span + k] = source[order[r]];
            release(col); // the month-major copy of this field is no longer needed
        }
        return target;
    }

    /// <summary>Number of reports for a month (0 outside the months held).</summary>
    internal int ReportsInMonth(int monthIndex)
    {
        int k = monthIndex - FirstMonth;
        return k >= 0 && k < MonthSpan ? MonthReports[k] : 0;
    }

    internal int ReportsIn(int monthIndex, int division)
    {
        int k = monthIndex - FirstMonth;
        return k >= 0 && k < MonthSpan ? DivisionReports[k][division] : 0;
    }

    /// <summary>Starts a population over the given codes.</summary>
    public static Builder CreateBuilder(ReleaseCodes codes) => new(codes);

    /// <summary>
    /// Collects the register, reports, product rows, PPI and value-added rates, then <see cref="Build"/>s the
    /// population. Add every enterprise before the first report or product row. Unknown codes, unknown
    /// enterprises and duplicate keys are programmer errors and throw <see cref="ArgumentException"/>.
    /// </summary>
    public sealed class Builder
    {
        internal readonly ReleaseCodes Codes;
        internal readonly List<string> EntIds = [];
        internal readonly List<short> EntDivision = [];
        internal readonly List<short> EntProvince = [];
        internal readonly List<byte> EntOwnership = [];
        internal readonly List<byte> EntSize = [];
        internal readonly List<bool> EntHighTech = [];
        internal readonly List<List<(short Code, int From, int To)>> EntTiers = [];
        internal readonly Dictionary<string, int> EntIndex = new(StringComparer.Ordinal);
        internal readonly Dictionary<int, MonthColumns> Months = [];
        internal readonly List<(int Enterprise, short Product, int Month, double Output, double Capacity)> ProductRows = [];
        internal readonly Dictionary<(int, int), double> Ppi = [];
        internal readonly Dictionary<(int, int), double> VaRates = [];
        private bool _sealed;
        private bool _built;

        internal Builder(ReleaseCodes codes)
        {
            ArgumentNullException.ThrowIfNull(codes);
            Codes = codes;
        }

        /// <summary>Adds an enterprise of the register. <paramref name="id"/> is its credit code (unique).</summary>
        public void AddEnterprise(string id, string division, string province, string ownership, EnterpriseSize size,
            bool highTech, IEnumerable<TierHolding>? tiers = null)
        {
            ArgumentNullException.ThrowIfNull(id);
            CheckOpen();
            if (_sealed) throw new InvalidOperationException("add every enterprise before the first report or product row");
            if (!Codes.DivisionIndex.TryGetValue(division, out int d)) throw new ArgumentException($"enterprise {id}: unknown division {division}", nameof(division));
            if (!Codes.ProvinceIndex.TryGetValue(province, out int p)) throw new ArgumentException($"enterprise {id}: unknown province {province}", nameof(province));
            if (!Codes.OwnershipIndex.TryGetValue(ownership, out int o)) throw new ArgumentException($"enterprise {id}: unknown ownership {ownership}", nameof(ownership));
            if (size is < EnterpriseSize.Large or > EnterpriseSize.Micro) throw new ArgumentOutOfRangeException(nameof(size));
            var held = new List<(short, int, int)>();
            foreach (var t in tiers ?? [])
            {
                if (!Codes.TierIndex.TryGetValue(t.Tier, out int ti)) throw new ArgumentException($"enterprise {id}: unknown tier {t.Tier}", nameof(tiers));
                int from = t.From?.Index ?? int.MinValue, to = t.To?.Index ?? int.MaxValue;
                if (from > to) throw new ArgumentException($"enterprise {id}: tier {t.Tier} ends before it starts", nameof(tiers));
                held.Add(((short)ti, from, to));
            }
            if (!EntIndex.TryAdd(id, EntIds.Count)) throw new ArgumentException($"enterprise {id} is added twice", nameof(id));
            EntIds.Add(id);
            EntDivision.Add((short)d);
            EntProvince.Add((short)p);
            EntOwnership.Add((byte)o);
            EntSize.Add((byte)size);
            EntHighTech.Add(highTech);
            EntTiers.Add(held);
        }

        /// <summary>Adds the monthly report of an enterprise for a month (one per enterprise and month).</summary>
        public void AddReport(string enterpriseId, YearMonth period, in ReportFigures figures)
        {
            CheckOpen();
            int e = Enterprise(enterpriseId);
            _sealed = true;
            if (!Months.TryGetValue(period.Index, out var col))
            {
                col = MonthColumns.Allocate(EntIds.Count);
                Months.Add(period.Index, col);
            }
            if (col.Has[e]) throw new ArgumentException($"enterprise {enterpriseId} has two reports for {period}", nameof(period));
            Finite(figures.OutputValue, "output_value", enterpriseId, period);
            Finite(figures.Revenue, "revenue", enterpriseId, period);
            Finite(figures.Profit, "profit", enterpriseId, period);
            Finite(figures.ExportValue, "export_value", enterpriseId, period);
            Finite(figures.RdExpense, "rd_expense", enterpriseId, period);
            Finite(figures.EnergyTce, "energy_tce", enterpriseId, period);
            Finite(figures.OverdueReceivables, "overdue_receivables", enterpriseId, period);
            col.Has[e] = true;
            col.Output[e] = figures.OutputValue;
            col.Revenue[e] = figures.Revenue;
            col.Profit[e] = figures.Profit;
            col.Export[e] = figures.ExportValue;
            col.Rd[e] = figures.RdExpense;
            col.Energy[e] = figures.EnergyTce;
            col.Overdue[e] = figures.OverdueReceivables;
            col.Count++;
        }

        /// <summary>Adds one product row: output in the product's unit, capacity null when not reported.</summary>
        public void AddProductOutput(string enterpriseId, YearMonth period, string product, double output, double? capacity)
        {
            CheckOpen();
            int e = Enterprise(enterpriseId);
            _sealed = true;
            if (!Codes.ProductIndex.TryGetValue(product, out int p)) throw new ArgumentException($"unknown product {product}", nameof(product));
            Finite(output, "output", enterpriseId, period);
            if (capacity is double c) Finite(c, "capacity", enterpriseId, period);
            ProductRows.Add((e, (short)p, period.Index, output, capacity ?? double.NaN));
        }

        /// <summary>Sets the PPI of a division for a month (same month a year earlier = 100).</summary>
        public void AddPpi(string division, YearMonth period, double index)
        {
            CheckOpen();
            if (!Codes.DivisionIndex.TryGetValue(division, out int d)) throw new ArgumentException($"PPI for unknown division {division}", nameof(division));
            if (!double.IsFinite(index) || index <= 0) throw new ArgumentOutOfRangeException(nameof(index), index, $"PPI {division} {period} must be > 0");
            if (!Ppi.TryAdd((d, period.Index), index)) throw new ArgumentException($"PPI {division} {period} is given twice", nameof(period));
        }

        /// <summary>Sets the value-added rate of a division for a year.</summary>
        public void AddVaRate(string division, int year, double rate)
        {
            CheckOpen();
            if (!Codes.DivisionIndex.TryGetValue(division, out int d)) throw new ArgumentException($"va rate for unknown division {division}", nameof(division));
            if (!double.IsFinite(rate)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"va rate {division} {year} must be finite");
            if (!VaRates.TryAdd((d, year), rate)) throw new ArgumentException($"va rate {division} {year} is given twice", nameof(year));
        }

        /// <summary>Builds the population (once per builder).</summary>
        public ReleasePopulation Build()
        {
            CheckOpen();
            _built = true;
            var order = new int[EntIds.Count];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            var ids = EntIds;
            Array.Sort(order, (a, b) => string.CompareOrdinal(ids[a], ids[b]));
            var population = new ReleasePopulation(this, order);
            Months.Clear();
            ProductRows.Clear();
            return population;
        }

        private int Enterprise(string id)
        {
            ArgumentNullException.ThrowIfNull(id);
            return EntIndex.TryGetValue(id, out int e) ? e : throw new ArgumentException($"enterprise {id} is not in the register", nameof(id));
        }

        private void CheckOpen()
        {
            if (_built) throw new InvalidOperationException("this builder has already built its population");
        }

        private static void Finite(double v, string column, string id, YearMonth period)
        {
            if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(column, v, $"enterprise {id} {period}: {column} is not a finite number");
        }
    }
}
