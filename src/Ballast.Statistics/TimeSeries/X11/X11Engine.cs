namespace Ballast.Statistics.TimeSeries.X11;

/// <summary>
/// One run of X-11. Arrays are 1-based and aligned on the calendar: position p holds the month
/// ((p − 1) mod 12) + 1, position 1 being January of the first year, so that "the same month of the
/// neighbouring years" is p ± 12 and the 5-year spans of the extreme-value step fall on calendar years, as in
/// Positions <see cref="_first"/>..<see cref="_lastObserved"/> are observed, up to <see cref="_last"/>
/// with the forecasts.
/// </summary>
internal sealed class X11Engine
{
    private const int Ny = 12;
    private readonly bool _additive;
    private readonly int _first, _lastObserved, _last;
    private readonly X11Options _options;
    private readonly double[] _b1;
    private readonly double _unit; // 1 for multiplicative, 0 for additive

    // Per calendar month (index 1..12): the seasonal filter in force; null = MSR choice still pending.
    private readonly SeasonalFilter?[] _monthFilter = new SeasonalFilter?[Ny + 1];

    // X-13 keeps the I/C ratio the Henderson end weights assume across the B, C and D passes.
    private double _endIc;
    private double _lastIcRatio = double.NaN;
    private int _lastHendersonLength;
    private double _lastMsr = double.NaN;
    private bool _threeByFiveByRule;

    public X11Engine(ReadOnlySpan<double> b1, int startMonth, int forecastCount, X11Options options)
    {
        _options = options;
        _additive = options.Mode == X11Mode.Additive;
        _unit = _additive ? 0 : 1;
        _first = startMonth;
        _lastObserved = startMonth + b1.Length - forecastCount - 1;
        _last = startMonth + b1.Length - 1;
        _b1 = NewArray();
        for (int i = 0; i < b1.Length; i++) _b1[_first + i] = b1[i];
        for (int m = 1; m <= Ny; m++) _monthFilter[m] = options.SeasonalFilter;
        _endIc = options.HendersonLength is { } h ? (h <= 9 ? 1.0 : h > 13 ? 4.5 : 3.5) : 3.5;
    }

    private double[] NewArray()
    {
        var a = new double[_last + Ny + 2];
        Array.Fill(a, double.NaN);
        return a;
    }

    public X11Result Run()
    {
        int p1 = _first, pf = _lastObserved, pff = _last;
        var sto = _b1;
        var stcsi = (double[])sto.Clone();
        double[] stc = NewArray(), sts = NewArray(), stsi = NewArray(), stex = NewArray(), stwt = NewArray();
        for (int part = 2; ; part++)
        {
            // B2/C2/D2: centred 2x12 trend; B3/C4/D4: SI ratios where it exists.
            stc = NewArray();
            MovingAverage2x12(stcsi, stc, p1, pff);
            int mfda = p1 + Ny / 2, mlda = pff - Ny / 2;
            stsi = NewArray();
            Divide(stsi, stcsi, stc, mfda, mlda);
            sts = NewArray();
            if (part == 2) SeasonalWithExtremes(sts, stsi, mfda, mlda, section: 1);
            else SeasonalFactors(sts, stsi, mfda, mlda, section: 1);
            // The 6 months at each end repeat the factor of the same month of the adjacent year.
            for (int i = 1; i <= Ny / 2; i++)
            {
                sts[mlda + i] = sts[mlda + i - Ny];
                sts[mfda - i] = sts[mfda - i + Ny];
            }
            // B6/C6/D6 and B7/C7/D7: Henderson trend of the preliminary adjusted series.
            var stci = NewArray();
            Divide(stci, stcsi, sts, p1, pff);
            stc = NewArray();
            HendersonTrend(stc, stci, part);
            stsi = NewArray();
            Divide(stsi, stcsi, stc, p1, pff);
            if (part == 4) break;
            if (part == 2) SeasonalWithExtremes(sts, stsi, p1, pff, section: 2);
            else SeasonalFactors(sts, stsi, p1, pff, section: 2);
            // B11/C11, B13/C13: irregular of the unmodified series; B17/C17 weights; B20/C20 factors.
            stci = NewArray();
            Divide(stci, sto, sts, p1, pff);
            var sti = NewArray();
            Divide(sti, stci, stc, p1, pff);
            stwt = ExtremeWeights(sti, p1, pff);
            stex = NewArray();
            for (int i = p1; i <= pff; i++)
                stex[i] = _additive ? sti[i] * (1 - stwt[i]) : sti[i] / (1 + stwt[i] * (sti[i] - 1));
            // C1/D1: the series modified for extreme values.
            stcsi = NewArray();
            Divide(stcsi, sto, stex, p1, pff);
        }

        // D8: unmodified SI ratios (B1 / D7); D9: modified where C17 weighted them (D1 / D7).
        var d8 = NewArray();
        for (int i = p1; i <= pff; i++) d8[i] = _additive ? stsi[i] + stex[i] : stsi[i] * stex[i];
        // D9A/D10: final seasonal filter chosen by the global moving seasonality ratio.
        if (_options.SeasonalFilter is null) ChooseSeasonalFilter(stsi);
        _lastMsr = MovingSeasonalityRatio(stsi, p1, pf, out var monthlyIs);
        sts = NewArray();
        SeasonalFactors(sts, stsi, p1, pff, section: 2);
        // D12: Henderson trend of the modified adjusted series D1 / D10.
        var modifiedSa = NewArray();
        Divide(modifiedSa, stcsi, sts, p1, pff);
        stc = NewArray();
        HendersonTrend(stc, modifiedSa, part: 4);
        var d11 = NewArray();
        Divide(d11, sto, sts, p1, pff);
        var d13 = NewArray();
        Divide(d13, d11, stc, p1, pff);

        int n = pf - p1 + 1;
        return new X11Result(
            startMonth: p1,
            mode: _options.Mode,
            seasonal: Slice(sts, p1, pf),
            forecastSeasonal: Slice(sts, pf + 1, pff),
            adjusted: Slice(d11, p1, pf),
            trend: Slice(stc, p1, pf),
            irregular: Slice(d13, p1, pf),
            unmodifiedSi: Slice(d8, p1, pf),
            extremeWeights: Slice(stwt, p1, pf),
            priorAdjusted: Slice(sto, p1, pf),
            seasonalFilter: _monthFilter[1] ?? SeasonalFilter.S3x5,
            seasonalFilterByMsr: _options.SeasonalFilter is null,
            movingSeasonalityRatio: _lastMsr,
            monthlyMovingSeasonalityRatios: monthlyIs,
            hendersonLength: _lastHendersonLength,
            icRatio: _lastIcRatio,
            observedCount: n,
            includesM6: _threeByFiveByRule || _options.SeasonalFilter == SeasonalFilter.S3x5);
    }

    private static double[] Slice(double[] a, int from, int to) => a.AsSpan(from, Math.Max(0, to - from + 1)).ToArray();

    private void Divide(double[] result, double[] a, double[] b, int from, int to)
    {
        for (int i = from; i <= to; i++) result[i] = _additive ? a[i] - b[i] : a[i] / b[i];
    }

    /// <summary>Centred 2x12 moving average over [from, to]; the 6 points at each end stay undefined.</summary>
    internal static void MovingAverage2x12(double[] x, double[] y, int from, int to)
    {
        for (int k = from + 6; k <= to - 6; k++)
        {
            double s = 0.5 * (x[k - 6] + x[k + 6]);
            for (int j = k - 5; j <= k + 5; j++) s += x[j];
            y[k] = s / 12;
        }
    }

    // ---- Seasonal factors (vsfb + vsfc) ----

    private SeasonalFilter FilterFor(int month, int section, bool shortSpan)
    {
        if (shortSpan) return SeasonalFilter.Stable;
        return _monthFilter[month] ?? (section == 1 ? SeasonalFilter.S3x3 : SeasonalFilter.S3x5);
    }

    /// <summary>Seasonal moving average of each month's SI over [from, to], then centred on 1 (0) by a 2x12.</summary>
    private void SeasonalFactors(double[] sts, double[] stsi, int from, int to, int section)
    {
        bool shortSpan = to - from + 1 < 5 * Ny;
        var values = new List<double>();
        for (int j = from; j < from + Ny; j++)
        {
            int month = (j - 1) % Ny + 1;
            values.Clear();
            for (int i = j; i <= to; i += Ny) values.Add(stsi[i]);
            var smoothed = SeasonalFilters.Smooth(values.ToArray(), FilterFor(month, section, shortSpan));
            int k = 0;
            for (int i = j; i <= to; i += Ny) sts[i] = smoothed[k++];
        }
        Centre(sts, from, to);
    }

    private void Centre(double[] sts, int from, int to)
    {
        var temp = NewArray();
        MovingAverage2x12(sts, temp, from, to);
        int kfda = from + Ny / 2, klda = to - Ny / 2;
        for (int i = 1; i <= Ny / 2; i++)
        {
            // Stable months repeat the same month's centring value; others take the first (last) one.
            int before = kfda - i, after = klda + i;
            temp[before] = IsStable((before - 1) % Ny + 1) ? temp[before + Ny] : temp[kfda];
            temp[after] = IsStable((after - 1) % Ny + 1) ? temp[after - Ny] : temp[klda];
        }
        Divide(sts, sts, temp, from, to);
    }

    private bool IsStable(int month) => _monthFilter[month] == SeasonalFilter.Stable;

    /// <summary>B4/B9 (and B5/B10): seasonal factors, extreme SI ratios found and replaced, factors again.</summary>
    private void SeasonalWithExtremes(double[] sts, double[] stsi, int from, int to, int section)
    {
        SeasonalFactors(sts, stsi, from, to, section);
        var sti = NewArray();
        Divide(sti, stsi, sts, from, to);
        var weights = ExtremeWeights(sti, from, to);
        ReplaceExtremes(stsi, weights, from, to);
        SeasonalFactors(sts, stsi, from, to, section);
    }

    // ---- Extreme values (xtrm, sdxtrm, wtxtrm, replac) ----

    /// <summary>
    /// Weights of the irregular values over [from, to]: 1 within 1.5σ, 0 beyond 2.5σ, linear between, where σ
    /// is the root mean square deviation (from 1, or 0 if additive) over moving 5-year spans of calendar years,
    /// computed twice: the second time without the values beyond 2.5σ of the first.
    /// </summary>
    internal double[] ExtremeWeights(double[] xi, int from, int to)
    {
        double lower = _options.LowerSigma, upper = _options.UpperSigma;
        var w = NewArray();
        for (int i = from; i <= to; i++) w[i] = 1;
        const int n1 = 2 * Ny, n2 = n1 + Ny - 1, n3 = n2 + n1;
        int jfda = (from + Ny - 2) / Ny * Ny + 1;          // first January at or after the start
        int jlda = to / Ny * Ny - n3;                      // January starting the last 5 full years
        int nfda = (from - 1) / Ny * Ny + 1;               // January of the first year
        int nlda = ((to - 1) / Ny + 1) * Ny - n3;          // January starting the 5 years ending with the last year
        if (jlda < jfda) nlda = nfda;
        for (int step = 1; step <= 2; step++)
        {
            for (int i = nfda; i <= nlda; i += Ny)
            {
                int j, k, l, m;
                if (nlda <= nfda) { j = from; k = to; l = from; m = to; }
                else if (i <= nfda) { j = from; k = nfda + n2; l = from; m = jfda + n3; }
                else if (i < nlda) { j = i + n1; k = i + n2; l = i; m = n3 + i; }
                else { j = nlda + n1; k = to; l = jlda; m = to; }
                double ss = 0, count = 0;
                for (int t = l; t <= m; t++)
                {
                    if (step == 2 && w[t] == 0) continue;
                    ss += (xi[t] - _unit) * (xi[t] - _unit);
                    count++;
                }
                double sigma = Math.Sqrt(ss / count);
                if (sigma == 0) continue;
                for (int t = j; t <= k; t++)
                {
                    double z = Math.Abs(xi[t] - _unit) / sigma;
                    if (z <= upper)
                    {
                        if (step == 2 && z > lower) w[t] = (upper - z) / (upper - lower);
                    }
                    else if (step == 1) w[t] = 0;
                    else if (w[t] > 0) w[t] = -1;
                }
            }
        }
        for (int i = from; i <= to; i++) if (w[i] < 0) w[i] = 0;
        return w;
    }

    /// <summary>
    /// Replaces each weighted SI ratio by (w·SI + sum of the 4 nearest full-weight ratios of its month) / (w + 4):
    /// two before and two after where they exist, otherwise more on the other side, and the first (last) four
    /// near the ends; the month's mean where fewer than four have full weight.
    /// </summary>
    internal static void ReplaceExtremes(double[] x, double[] w, int from, int to)
    {
        for (int month = 0; month < Ny; month++)
        {
            int kfda = from + month;
            if (kfda > to) continue;
            int klda = (to - kfda) / Ny * Ny + kfda;
            double mean = 0; int count = 0;
            for (int j = kfda; j <= klda; j += Ny) { mean += x[j]; count++; }
            mean /= count;
            for (int j = kfda; j <= to; j += Ny)
            {
                if (w[j] == 1) continue;
                var picked = new List<double>(4);
                if (j - Ny <= kfda)
                {
                    for (int m = kfda; m <= klda && picked.Count < 4; m += Ny) if (w[m] >= 1) picked.Add(x[m]);
                }
                else if (klda - Ny <= j)
                {
                    for (int m = klda; m >= kfda && picked.Count < 4; m -= Ny) if (w[m] >= 1) picked.Add(x[m]);
                }
                else
                {
                    var after = new List<double>();
                    var before = new List<double>();
                    for (int m = j + Ny; m <= klda && after.Count < 4; m += Ny) if (w[m] == 1) after.Add(x[m]);
                    for (int m = j - Ny; m >= kfda && before.Count < 4; m -= Ny) if (w[m] == 1) before.Add(x[m]);
                    int fromAfter = Math.Min(2, after.Count), fromBefore = Math.Min(2, before.Count);
                    if (fromAfter < 2) fromBefore = Math.Min(4 - fromAfter, before.Count);
                    else if (fromBefore < 2) fromAfter = Math.Min(4 - fromBefore, after.Count);
                    picked.AddRange(after.Take(fromAfter));
                    picked.AddRange(before.Take(fromBefore));
                }
                x[j] = picked.Count >= 4 ? (w[j] * x[j] + picked.Sum()) / (picked.Count + w[j]) : mean;
            }
        }
    }

    // ---- Henderson trend (vtc, hndtrn) ----

    /// <summary>
    /// Henderson trend of <paramref name="stci"/> over the whole extended span. The length is chosen by the I/C
    /// ratio of a 13-term first pass, measured over the observed span: below 1 → 9 terms; from 3.5 → 23 terms;
    /// otherwise 13 (always 13 in part B unless the ratio is below 1).
    /// </summary>
    private void HendersonTrend(double[] stc, double[] stci, int part)
    {
        int p1 = _first, pff = _last;
        int nterm = Ny + 1;
        HendersonFilter.SmoothCentre(stci, stc, p1, pff, nterm);
        int ib = p1 + nterm / 2, ie1 = _lastObserved - nterm / 2 - 1;
        double apcc = 0, apci = 0;
        for (int i = ib; i <= ie1; i++)
        {
            double ci = stci[i] - stc[i], ci1 = stci[i + 1] - stc[i + 1];
            if (_additive)
            {
                apcc += Math.Abs(stc[i + 1] - stc[i]);
                apci += Math.Abs(ci1 - ci);
            }
            else
            {
                double ir = stci[i] / stc[i], ir1 = stci[i + 1] / stc[i + 1];
                apcc += Math.Abs(stc[i + 1] - stc[i]) / stc[i];
                apci += Math.Abs(ir1 - ir) / ir;
            }
        }
        double ratio = apcc == 0 ? 999 : apci / apcc;
        _lastIcRatio = ratio;
        if (_options.HendersonLength is { } fixedLength)
        {
            if (fixedLength != nterm)
            {
                nterm = fixedLength;
                HendersonFilter.SmoothCentre(stci, stc, p1, pff, nterm);
            }
        }
        else if ((part == 2 && ratio >= 1) || (ratio >= 1 && ratio < 3.5))
        {
            // keep 13 terms and the end-weight I/C in force
        }
        else if (ratio < 1)
        {
            nterm = 9;
            _endIc = 1.0;
            HendersonFilter.SmoothCentre(stci, stc, p1, pff, nterm);
        }
        else
        {
            nterm = 23;
            _endIc = 4.5;
            HendersonFilter.SmoothCentre(stci, stc, p1, pff, nterm);
        }
        HendersonFilter.SmoothEnds(stci, stc, p1, pff, nterm, _endIc);
        _lastHendersonLength = nterm;
    }

    // ---- Moving seasonality ratio (vsfa, sfmsr) ----

    /// <summary>
    /// Global moving seasonality ratio Σ Ī / Σ S̄ over the months: each month's SI (from..to) is smoothed by a
    /// 7-term average after padding 3 values at each end with the mean of the 3 end values; Ī and S̄ are the
    /// mean absolute (relative) changes of irregular and seasonal, with X-11's small-sample corrections.
    /// </summary>
    internal double MovingSeasonalityRatio(double[] stsi, int from, int to, out double[] monthly)
    {
        monthly = new double[Ny];
        double r1 = 0, r2 = 0;
        for (int j = from; j < from + Ny; j++)
        {
            int month = (j - 1) % Ny + 1;
            var s = new List<double>();
            for (int i = j; i <= to; i += Ny) s.Add(stsi[i]);
            int count = s.Count;
            if (count < 2) continue;
            double head = (s[0] + s[1] + s[Math.Min(2, count - 1)]) / 3;
            double tail = (s[count - 1] + s[count - 2] + s[Math.Max(0, count - 3)]) / 3;
            var padded = new double[count + 6];
            for (int i = 0; i < 3; i++) { padded[i] = head; padded[count + 3 + i] = tail; }
            for (int i = 0; i < count; i++) padded[i + 3] = s[i];
            var savg = new double[count];
            var irr = new double[count];
            for (int i = 0; i < count; i++)
            {
                double sum = 0;
                for (int d = 0; d < 7; d++) sum += padded[i + d];
                savg[i] = sum / 7;
                irr[i] = _additive ? s[i] - savg[i] : s[i] / savg[i];
            }
            int n = count - 1;
            double fis = SmallSampleFactors(n, out double cs);
            double ri = 0, rs = 0;
            for (int i = 1; i < count; i++)
            {
                if (_additive)
                {
                    ri += Math.Abs(irr[i] - irr[i - 1]) * fis;
                    rs += Math.Abs(savg[i] - savg[i - 1]) * cs;
                }
                else
                {
                    ri += Math.Abs(irr[i] - irr[i - 1]) / irr[i - 1];
                    rs += Math.Abs(savg[i] - savg[i - 1]) / savg[i - 1];
                }
            }
            if (!_additive)
            {
                ri *= 100 * fis;
                rs *= 100 * cs;
            }
            r1 += ri;
            r2 += rs;
            monthly[month - 1] = rs != 0 && ri <= 999 * rs ? ri / rs : 999.99;
        }
        return r1 <= 999 * r2 && r2 != 0 ? r1 / r2 : 999.99;
    }

    // X-11's corrections of the mean changes for the short 7-term average (vsfa/fis in X-13).
    private static double SmallSampleFactors(int n, out double cs)
    {
        ReadOnlySpan<double> c = [1.00000, 1.02584, 1.01779, 1.01383, 1.00000, 3.00000, 1.55291, 1.30095];
        if (n < 6)
        {
            cs = c[n + 2];
            return c[n - 2];
        }
        cs = n * 1.732051 / (8.485281 + (n - 6) * 1.732051);
        return n * 12.247449 / (73.239334 + (n - 6) * 12.247449);
    }

    /// <summary>
    /// X-13's choice of the final seasonal filter: the global MSR over complete years ≤ 2.5 → 3x3, ≥ 6.5 → 3x9,
    /// 3.5..5.5 → 3x5; otherwise drop the last year and try again; 3x5 when fewer than 5 years remain.
    /// </summary>
    private void ChooseSeasonalFilter(double[] stsi)
    {
        int lastDecember = _lastObserved - _lastObserved % Ny;
        SeasonalFilter chosen;
        while (true)
        {
            if (lastDecember - _first + 1 < 5 * Ny) { chosen = SeasonalFilter.S3x5; break; }
            double msr = MovingSeasonalityRatio(stsi, _first, lastDecember, out _);
            if (msr <= 2.5) { chosen = SeasonalFilter.S3x3; break; }
            if (msr >= 6.5) { chosen = SeasonalFilter.S3x9; break; }
            if (msr >= 3.5 && msr <= 5.5) { chosen = SeasonalFilter.S3x5; _threeByFiveByRule = true; break; }
            lastDecember -= Ny;
        }
        for (int m = 1; m <= Ny; m++) _monthFilter[m] = chosen;
    }
}
