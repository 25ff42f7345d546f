using System.Globalization;
using Ballast.Core.Classifications;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Demo;

/// <summary>
/// The reference tables (prices, seasons, value-added rates) and the monthly paths of the demo population.
/// Volumes are in 10k yuan at 2024 average prices; output value = volume × the division's price level.
/// </summary>
internal sealed class DemoModel
{
    private const int Anchor = DemoParameters.AnchorYear, Final = DemoParameters.LastYear;

    public DemoOptions Options { get; }
    public Classification Classification { get; }
    public YearMonth First { get; }
    public YearMonth Last { get; }

    /// <summary>First year whose volumes are computed: the window's, or 2024 when the window is shorter.</summary>
    public int PathStartYear { get; }
    private readonly YearMonth _pathStart;
    private readonly int _pathMonths;

    private readonly DivisionParameters[] _div;
    private readonly double[][] _logPrice;      // [division][month − price start]
    private readonly double[][] _price;         // exp of the above, computed once: millions of rows read it
    private readonly YearMonth _priceStart;
    private readonly double[][][] _season;      // [division][year − path start][month 0..11]
    private readonly double[][] _rate;          // [division][year − path start], rounded as written

    public DemoUnit[] Units { get; set; } = [];
    /// <summary>The planted problems (DemoPlanting.cs); null for a control population.</summary>
    public DemoPlanting? Planting { get; set; }
    public int[] Order { get; set; } = [];
    public IReadOnlyList<Enterprise> Enterprises { get; set; } = [];
    public IReadOnlyList<VaRate> VaRates { get; }
    public IReadOnlyList<PpiEntry> Ppi { get; }
    public DemoCalibration Calibration { get; private set; } = new(0, 0, 0, 0, 0, new Dictionary<string, double>(), 1);

    // Solved 2025 offsets (pp): level, high-tech, equipment, SME, December; per-product adjustments.
    private readonly double[] _x = new double[5];
    private readonly double[] _productAdjustment;
    private double _littleGiantRdScale = 1;

    public DemoModel(DemoOptions options, Classification classification)
    {
        Options = options;
        Classification = classification;
        Last = DemoOptions.LastPeriod;
        First = options.FirstPeriod;
        PathStartYear = Math.Min(First.Year, Anchor);
        _pathStart = new YearMonth(PathStartYear, 1);
        _pathMonths = (Final - PathStartYear + 1) * 12;
        _priceStart = new YearMonth(PathStartYear - 1, 1);
        _div = classification.Divisions.Select(d => DemoParameters.Divisions[d.Code]).ToArray();
        _productAdjustment = new double[DemoParameters.Products.Count];

        _logPrice = BuildPrices();
        _price = _logPrice.Select(p => p.Select(Math.Exp).ToArray()).ToArray();
        _season = BuildSeasons();
        _rate = BuildRates();

        var rates = new List<VaRate>();
        var ppi = new List<PpiEntry>();
        for (int d = 0; d < _div.Length; d++)
        {
            string code = classification.Divisions[d].Code;
            for (int y = First.Year; y <= Final; y++) rates.Add(new VaRate(code, y, Rate(d, y)));
            for (var t = First; t <= Last; t = t.AddMonths(1)) ppi.Add(new PpiEntry(code, t, PpiIndex(d, t)));
        }
        VaRates = rates;
        Ppi = ppi;
    }

    public DivisionParameters DivisionParameters(int division) => _div[division];

    // ---------------------------------------------------------------- reference tables

    private double[][] BuildPrices()
    {
        int n = DemoOptions.LastPeriod - _priceStart + 1;
        var result = new double[_div.Length][];
        for (int d = 0; d < _div.Length; d++)
        {
            var p = new double[n];
            double level = 0;
            for (int i = 0; i < n; i++)
            {
                int year = _priceStart.AddMonths(i).Year;
                double annual = _div[d].PpiDrift + _div[d].PpiSensitivity * DemoParameters.NationalPpi[year];
                level += Math.Log(1 + annual / 100) / 12;
                p[i] = level;
            }
            // Anchor: the 2024 average log price is 0, so 2024 volumes are in 2024 average prices.
            int a = new YearMonth(Anchor, 1) - _priceStart;
            double mean = 0;
            for (int i = 0; i < 12; i++) mean += p[a + i];
            mean /= 12;
            for (int i = 0; i < n; i++) p[i] -= mean;
            result[d] = p;
        }
        return result;
    }

    /// <summary>Production-days lost to the Spring Festival in each month of a year (the date moves each year).</summary>
    public static double[] FestivalLostDays(int year)
    {
        var calendar = new ChineseLunisolarCalendar();
        DateTime newYear = calendar.ToDateTime(year, 1, 1, 0, 0, 0, 0);
        var lost = new double[12];
        for (int k = -DemoParameters.FestivalDaysBefore; k <= DemoParameters.FestivalDaysAfter; k++)
        {
            DateTime day = newYear.AddDays(k);
            if (day.Year == year) lost[day.Month - 1] += DemoParameters.FestivalLoss;
        }
        return lost;
    }

    private double[][][] BuildSeasons()
    {
        int years = Final - PathStartYear + 1;
        var lost = Enumerable.Range(PathStartYear, years).Select(FestivalLostDays).ToArray();
        var result = new double[_div.Length][][];
        for (int d = 0; d < _div.Length; d++)
        {
            result[d] = new double[years][];
            for (int yi = 0; yi < years; yi++)
            {
                var s = new double[12];
                for (int m = 0; m < 12; m++)
                {
                    int days = DateTime.DaysInMonth(PathStartYear + yi, m + 1);
                    s[m] = (days - _div[d].FestivalSensitivity * lost[yi][m]) * DemoParameters.DailyProfile[m] / 30.4;
                }
                result[d][yi] = s;
            }
        }
        return result;
    }

    private double[][] BuildRates()
    {
        int years = Final - PathStartYear + 1;
        var result = new double[_div.Length][];
        for (int d = 0; d < _div.Length; d++)
        {
            result[d] = new double[years];
            for (int yi = 0; yi < years; yi++)
                result[d][yi] = Math.Round(_div[d].VaRate * (1 + _div[d].VaRateDrift * (PathStartYear + yi - Anchor)), 4);
        }
        return result;
    }

    public double Rate(int division, int year) => _rate[division][year - PathStartYear];
    public double Season(int division, int year, int month0) => _season[division][year - PathStartYear][month0];
    public double Price(int division, YearMonth t) => _price[division][t - _priceStart];

    public double PpiIndex(int division, YearMonth t) =>
        Math.Round(100 * Math.Exp(_logPrice[division][t - _priceStart] - _logPrice[division][t - _priceStart - 12]), 4);

    public static double NationalGrowth(int year, int month0) => DemoParameters.NationalGrowth[year][month0];

    // ---------------------------------------------------------------- growth

    /// <summary>The enterprise's own deviation from its group's growth in a year (persistent over the year).</summary>
    private static double Deviation(DemoUnit u, int year) => u.GrowthSigma * u.Random.Normal(Purpose.Growth, year, 2.5);

    /// <summary>Value-added volume growth factor of a year that is not calibrated.</summary>
    private double GrowthBefore(DemoUnit u, int year, int month0)
    {
        double pp = NationalGrowth(year, month0) + _div[u.Division].GrowthOffset - DemoParameters.PriorCentring
            + (u.HighTech ? DemoParameters.PriorHighTech : 0) + (u.Equipment ? DemoParameters.PriorEquipment : 0)
            + (u.Sme ? DemoParameters.PriorSme : 0);
        return Math.Max(0.3, 1 + pp / 100 + Deviation(u, year));
    }

    /// <summary>The 2025 growth factor without the solved offsets (they enter linearly, see <see cref="Calibrate"/>).</summary>
    private double Growth2025Fixed(DemoUnit u, int month0, double deviation) =>
        1 + (NationalGrowth(Final, month0) + _div[u.Division].GrowthOffset + (Planting?.GrowthOffset(u, month0) ?? 0)) / 100 + deviation;

    private double Growth2025(DemoUnit u, int month0, double deviation)
    {
        double solved = _x[0] + (u.HighTech ? _x[1] : 0) + (u.Equipment ? _x[2] : 0) + (u.Sme ? _x[3] : 0) + (month0 == 11 ? _x[4] : 0);
        return Math.Max(0.3, Growth2025Fixed(u, month0, deviation) + solved / 100);
    }

    /// <summary>
    /// Core volumes (before the month's transient noise) for every month of the path. Anchored at 2024, earlier
    /// years backwards: q(y) = q(y−1) × G × rate(y−1)/rate(y) × season(y)/season(y−1), so that measured value-added
    /// growth at comparable prices is G. When <paramref name="calibrated"/> is false, 2025 is left without G.
    /// </summary>
    private void CoreVolumes(DemoUnit u, Span<double> z, bool calibrated, int fromYear)
    {
        int d = u.Division;
        int a = (Anchor - PathStartYear) * 12;
        double sum = 0;
        for (int m = 0; m < 12; m++) sum += Season(d, Anchor, m);
        for (int m = 0; m < 12; m++) z[a + m] = u.Output2024 * Season(d, Anchor, m) / sum;
        for (int y = Anchor - 1; y >= Math.Max(fromYear, PathStartYear); y--)
        {
            int o = (y - PathStartYear) * 12;
            double rr = Rate(d, y) / Rate(d, y + 1);
            for (int m = 0; m < 12; m++)
                z[o + m] = z[o + 12 + m] / (GrowthBefore(u, y + 1, m) * rr) * Season(d, y, m) / Season(d, y + 1, m);
        }
        int f = (Final - PathStartYear) * 12;
        double r25 = Rate(d, Anchor) / Rate(d, Final);
        double dev = Deviation(u, Final);
        for (int m = 0; m < 12; m++)
        {
            z[f + m] = z[a + m] * r25 * Season(d, Final, m) / Season(d, Anchor, m);
            if (calibrated) z[f + m] *= Growth2025(u, m, dev);
        }
    }

    /// <summary>The month's noise factor on the core volume, or 0 in a (rare) month without production.</summary>
    private static double Transient(DemoUnit u, YearMonth t)
    {
        if (u.ZeroMonthChance > 0 && u.Random.Uniform(Purpose.ZeroMonth, t.Index) < u.ZeroMonthChance) return 0;
        return 1 + u.TransientSigma * u.Random.Normal(Purpose.Transient, t.Index);
    }

    private double ProductDeviation(DemoUnit u, int product, int year) =>
        (u.Size == SizeClass.Large ? 0.03 : u.Size == SizeClass.Medium ? 0.05 : 0.08)
        * u.Random.Normal(Purpose.ProductGrowth, year * 64 + product, 2.5);

    private double ProductGrowthBefore(DemoUnit u, int product, int year, int month0)
    {
        double pp = NationalGrowth(year, month0) + DemoParameters.Products[product].Growth2025 - DemoParameters.TargetTotalDec;
        return Math.Max(0.3, 1 + pp / 100 + ProductDeviation(u, product, year));
    }

    /// <summary>Core physical output of one product, on the same pattern as the volumes (no rate term).</summary>
    private void ProductCore(DemoUnit u, UnitProduct p, Span<double> w, bool calibrated, int fromYear)
    {
        int d = u.Division;
        int a = (Anchor - PathStartYear) * 12;
        double sum = 0;
        for (int m = 0; m < 12; m++) sum += Season(d, Anchor, m);
        for (int m = 0; m < 12; m++) w[a + m] = p.Annual2024 * Season(d, Anchor, m) / sum;
        for (int y = Anchor - 1; y >= Math.Max(fromYear, PathStartYear); y--)
        {
            int o = (y - PathStartYear) * 12;
            for (int m = 0; m < 12; m++)
                w[o + m] = w[o + 12 + m] / ProductGrowthBefore(u, p.Product, y + 1, m) * Season(d, y, m) / Season(d, y + 1, m);
        }
        int f = (Final - PathStartYear) * 12;
        double dev = ProductDeviation(u, p.Product, Final);
        double g = Math.Max(0.3, 1 + (DemoParameters.Products[p.Product].Growth2025 + _productAdjustment[p.Product]) / 100 + dev);
        for (int m = 0; m < 12; m++)
        {
            w[f + m] = w[a + m] * Season(d, Final, m) / Season(d, Anchor, m);
            if (calibrated) w[f + m] *= g;
        }
    }

    // ---------------------------------------------------------------- calibration

    /// <summary>
    /// Solves the 2025 offsets so that, on this very population, same-sample growth equals the published figures:
    /// total (Jan–Dec and Jan–Nov), high-tech, equipment, SMEs; then each product's 2025 growth; then the R&amp;D
    /// scale of the little giants. Measured growth is Σ c·G / Σ b over matched pairs with G linear in the offsets,
    /// so five sums per equation give an exact linear system (sums in enterprise order: deterministic).
    /// </summary>
    public void Calibrate()
    {
        var z = new double[_pathMonths];
        int a = (Anchor - PathStartYear) * 12, f = (Final - PathStartYear) * 12;
        // Equations: total Dec, total Nov, high-tech, equipment, SME. Columns: level, HT, EQ, SME, December.
        var m5 = new double[5, 5];
        var b5 = new double[5];
        var f5 = new double[5];
        double[] targets = [DemoParameters.TargetTotalDec, DemoParameters.TargetTotalNov, DemoParameters.TargetHighTech,
            DemoParameters.TargetEquipment, DemoParameters.TargetSme];
        int np = DemoParameters.Products.Count;
        var pb = new double[np];
        var pc = new double[np];
        var pf = new double[np];
        var w = new double[_pathMonths];
        bool[] member = [true, true, false, false, false];
        double[] features = [1, 0, 0, 0, 0];

        foreach (var u in Units)
        {
            if (!u.ActiveIn(Anchor) || !u.ActiveIn(Final)) continue;
            CoreVolumes(u, z, calibrated: false, Anchor);
            double dev = Deviation(u, Final);
            member[2] = u.HighTech;
            member[3] = u.Equipment;
            member[4] = u.Sme;
            features[1] = u.HighTech ? 1 : 0;
            features[2] = u.Equipment ? 1 : 0;
            features[3] = u.Sme ? 1 : 0;
            for (int m = 0; m < 12; m++)
            {
                var t24 = new YearMonth(Anchor, m + 1);
                var t25 = new YearMonth(Final, m + 1);
                double price = Price(u.Division, t24);
                double b = z[a + m] * Transient(u, t24) * price * Rate(u.Division, Anchor);
                double c = z[f + m] * Transient(u, t25) * price * Rate(u.Division, Final);
                double fixedPart = c * Growth2025Fixed(u, m, dev);
                features[4] = m == 11 ? 1 : 0;
                for (int k = 0; k < 5; k++)
                {
                    if (!member[k] || (k == 1 && m == 11)) continue;
                    b5[k] += b;
                    f5[k] += fixedPart;
                    for (int j = 0; j < 5; j++) m5[k, j] += c * features[j] / 100;
                }
            }
            foreach (var p in u.Products)
            {
                ProductCore(u, p, w, calibrated: false, Anchor);
                double dp = ProductDeviation(u, p.Product, Final);
                double g0 = 1 + DemoParameters.Products[p.Product].Growth2025 / 100 + dp;
                for (int m = 0; m < 12; m++)
                {
                    double b = w[a + m] * Transient(u, new YearMonth(Anchor, m + 1));
                    double c = w[f + m] * Transient(u, new YearMonth(Final, m + 1));
                    pb[p.Product] += b;
                    pc[p.Product] += c / 100;
                    pf[p.Product] += c * g0;
                }
            }
        }

        // Each equation divided by its base: Σ_j (M_kj / B_k) x_j = (1 + T_k/100) − F_k / B_k.
        var rows = new double[5, 5];
        var rhs = new double[5];
        for (int k = 0; k < 5; k++)
        {
            if (b5[k] <= 0) continue;
            for (int j = 0; j < 5; j++) rows[k, j] = m5[k, j] / b5[k];
            rhs[k] = 1 + targets[k] / 100 - f5[k] / b5[k];
        }
        var x = SolveRegularised(rows, rhs);
        for (int j = 0; j < 5; j++) _x[j] = Math.Clamp(x[j], -40, 40);

        var adjustments = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int p = 0; p < np; p++)
        {
            var product = DemoParameters.Products[p];
            _productAdjustment[p] = pc[p] > 0 ? Math.Clamp(((1 + product.Growth2025 / 100) * pb[p] - pf[p]) / pc[p], -50, 100) : 0;
            adjustments[product.Code] = _productAdjustment[p];
        }

        // Little giants: scale their R&D so that Σ rd / Σ revenue over 2025 is the published 7 %.
        double revenue = 0, rd = 0;
        foreach (var u in Units)
        {
            if (!u.LittleGiant) continue;
            CoreVolumes(u, z, calibrated: true, Anchor);
            for (int m = 0; m < 12; m++)
            {
                var t = new YearMonth(Final, m + 1);
                var r = Report(u, t, z[f + m] * Transient(u, t), rdScale: 1);
                revenue += r.Revenue;
                rd += r.Revenue * u.RdIntensity * RdNoise(u, t);
            }
        }
        _littleGiantRdScale = rd > 0 ? DemoParameters.TargetLittleGiantRd / 100 * revenue / rd : 1;
        Calibration = new DemoCalibration(_x[0], _x[1], _x[2], _x[3], _x[4], adjustments, _littleGiantRdScale);
    }

    /// <summary>Least squares with a vanishing ridge: the exact solution when the system is regular, a finite one
    /// when a tiny population leaves a group empty.</summary>
    private static double[] SolveRegularised(double[,] a, double[] b)
    {
        int n = b.Length;
        var ata = new double[n, n];
        var atb = new double[n];
        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++) ata[i, j] += a[k, i] * a[k, j];
            for (int k = 0; k < n; k++) atb[i] += a[k, i] * b[k];
            trace += ata[i, i];
        }
        double ridge = 1e-13 * Math.Max(trace, 1e-300);
        for (int i = 0; i < n; i++) ata[i, i] += ridge;
        // Gaussian elimination with partial pivoting on the symmetric positive definite system.
        var x = new double[n];
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++) if (Math.Abs(ata[r, c]) > Math.Abs(ata[pivot, c])) pivot = r;
            if (pivot != c)
            {
                for (int j = 0; j < n; j++) (ata[c, j], ata[pivot, j]) = (ata[pivot, j], ata[c, j]);
                (atb[c], atb[pivot]) = (atb[pivot], atb[c]);
            }
            if (ata[c, c] == 0) continue;
            for (int r = c + 1; r < n; r++)
            {
                double factor = ata[r, c] / ata[c, c];
                for (int j = c; j < n; j++) ata[r, j] -= factor * ata[c, j];
                atb[r] -= factor * atb[c];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            double s = atb[r];
            for (int j = r + 1; j < n; j++) s -= ata[r, j] * x[j];
            x[r] = ata[r, r] == 0 ? 0 : s / ata[r, r];
        }
        return x;
    }

    // ---------------------------------------------------------------- rows

    private static double R2(double v) => Math.Round(v, 2, MidpointRounding.ToEven);
    private static double R4(double v) => Math.Round(v, 4, MidpointRounding.ToEven);

    private static double RdNoise(DemoUnit u, YearMonth t) => Math.Max(0, 1 + 0.1 * u.Random.Normal(Purpose.RdNoise, t.Index));

    /// <summary>One month's report from the month's volume; every value obeys the import rules.</summary>
    private MonthlyReport Report(DemoUnit u, YearMonth t, double volume, double rdScale)
    {
        var rng = u.Random;
        long k = t.Index;
        var div = _div[u.Division];
        int years = t.Year - Anchor;
        int employees = (int)Math.Max(0, Math.Round(u.Employees * (1 + u.EmployeeTrend * years) * (1 + 0.01 * rng.Normal(Purpose.EmployeeNoise, k))));
        double energyTrend = Math.Pow(DemoParameters.EnergyIntensityTrend, years);
        double waterTrend = Math.Pow(DemoParameters.WaterIntensityTrend, years);
        double monthlyRevenue = u.Revenue2024 / 12;
        if (volume <= 0)
        {
            // A month without production: no flows, fixed costs, stocks carried.
            double recv0 = R2(monthlyRevenue * u.ReceivableMonths);
            return new MonthlyReport(u.CreditCode, t, 0, 0, 0, 0, R2(-0.01 * monthlyRevenue), 0,
                R2(0.02 * u.Output2024 / 12 * div.EnergyPerOutput * u.EnergyFactor), R2(0.05 * u.Output2024 / 12 * div.WaterPerOutput * u.WaterFactor),
                recv0, R2(recv0 * u.OverdueShare), employees);
        }
        double output = R2(volume * Price(u.Division, t));
        double sales = R2(output * u.SalesRatio * (1 + 0.015 * rng.Normal(Purpose.SalesNoise, k)));
        double export = 0;
        if (u.ExportShare > 0)
        {
            double share = Math.Clamp(u.ExportShare * (1 + 0.05 * rng.Normal(Purpose.ExportNoise, k)), 0, 0.88);
            export = Math.Min(sales, R2(sales * share));
        }
        double revenue = R2(sales * (1 + u.OtherRevenue));
        double profit = R2(revenue * (u.Margin + 0.015 * rng.Normal(Purpose.MarginNoise, k)));
        double rd = u.RdIntensity > 0 ? R2(revenue * u.RdIntensity * rdScale * RdNoise(u, t)) : 0;
        double energy = R2(volume * div.EnergyPerOutput * u.EnergyFactor * energyTrend * (1 + 0.03 * rng.Normal(Purpose.EnergyNoise, k)));
        double water = R2(volume * div.WaterPerOutput * u.WaterFactor * waterTrend * (1 + 0.03 * rng.Normal(Purpose.WaterNoise, k)));
        double receivables = R2(revenue * u.ReceivableMonths);
        double overdue = Math.Min(receivables, R2(receivables * u.OverdueShare * Math.Max(0, 1 + 0.1 * rng.Normal(Purpose.OverdueNoise, k))));
        return new MonthlyReport(u.CreditCode, t, output, sales, export, revenue, profit, rd, energy, water, receivables, overdue, employees);
    }

    private (int From, int To) ActiveMonths(DemoUnit u)
    {
        var from = YearMonth.FromIndex(Math.Max(First.Index, new YearMonth(u.FirstYear, 1).Index));
        var to = new YearMonth(u.LastYear, 12);
        return (from - _pathStart, to - _pathStart);
    }

    public IEnumerable<MonthlyReport> Reports() => Reports(0, Order.Length);

    /// <summary>The reports of the enterprises at positions [from, to) of the register's order.</summary>
    public IEnumerable<MonthlyReport> Reports(int fromPosition, int toPosition)
    {
        var z = new double[_pathMonths];
        for (int position = fromPosition; position < toPosition; position++)
        {
            int i = Order[position];
            var u = Units[i];
            var (from, to) = ActiveMonths(u);
            if (from > to) continue;
            CoreVolumes(u, z, calibrated: true, _pathStart.AddMonths(from).Year);
            double rdScale = u.LittleGiant ? _littleGiantRdScale : 1;
            for (int k = from; k <= to; k++)
            {
                var t = _pathStart.AddMonths(k);
                yield return Report(u, t, z[k] * Transient(u, t), rdScale);
            }
        }
    }

    public IEnumerable<ProductOutput> Products() => Products(0, Order.Length);

    /// <summary>The product rows of the enterprises at positions [from, to) of the register's order.</summary>
    public IEnumerable<ProductOutput> Products(int fromPosition, int toPosition)
    {
        var w = new double[_pathMonths];
        for (int position = fromPosition; position < toPosition; position++)
        {
            int i = Order[position];
            var u = Units[i];
            if (u.Products.Length == 0) continue;
            var (from, to) = ActiveMonths(u);
            if (from > to) continue;
            int fromYear = _pathStart.AddMonths(from).Year;
            var paths = new double[u.Products.Length][];
            var capacity = new double?[u.Products.Length][];
            for (int p = 0; p < u.Products.Length; p++)
            {
                ProductCore(u, u.Products[p], w, calibrated: true, fromYear);
                paths[p] = (double[])w.Clone();
                var cap = new double?[Final - PathStartYear + 1];
                for (int y = fromYear; y <= Math.Min(u.LastYear, Final); y++)
                {
                    if (!u.Products[p].ReportsCapacity) continue;
                    double annual = 0;
                    for (int m = 0; m < 12; m++) annual += w[(y - PathStartYear) * 12 + m];
                    cap[y - PathStartYear] = R4(annual / (u.Products[p].CapacityUse * (Planting?.CapacityUse(u.Products[p].Product) ?? 1)));
                }
                capacity[p] = cap;
            }
            for (int k = from; k <= to; k++)
            {
                var t = _pathStart.AddMonths(k);
                double noise = Transient(u, t);
                for (int p = 0; p < u.Products.Length; p++)
                    yield return new ProductOutput(u.CreditCode, t, u.Products[p].Code, R4(paths[p][k] * noise), capacity[p][t.Year - PathStartYear]);
            }
        }
    }
}
