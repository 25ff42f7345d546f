namespace Ballast.Statistics.TimeSeries.X11;

/// <summary>
/// X-11's monitoring and quality assessment statistics M1..M11 and Q (table F3), each between 0 and 3 with 1 as
/// the acceptance limit (docs/methodology/x11.md §6; Lothian &amp; Morry 1978; Ladiray &amp; Quenneville 2001, §5.3).
/// M8..M11 are NaN when fewer than 6 years are observed (Q then reuses M7, M1 and M2 as X-11 does).
/// </summary>
public sealed record X11Quality(
    double M1, double M2, double M3, double M4, double M5, double M6, double M7,
    double M8, double M9, double M10, double M11, double Q, double QWithoutM2,
    bool M6InQ, double StableSeasonalityF, double MovingSeasonalityF, int MonthsForCyclicalDominance)
{
    /// <summary>M1..M11 as an array (index 0 = M1).</summary>
    public double[] Measures => [M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11];
}

/// <summary>Computes <see cref="X11Quality"/> from the X-11 tables.</summary>
public static class X11QualityMeasures
{
    private static readonly double[] Weights = [10, 11, 10, 8, 11, 10, 18, 7, 7, 4, 4];

    /// <summary>The quality statistics of a decomposition whose prior adjustment removed nothing.</summary>
    public static X11Quality Compute(X11Result result) => Compute(result, X11RegressionEffects.None);

    /// <summary>
    /// The quality statistics when the prior adjustment removed <paramref name="effects"/>: as in X-13, the calendar
    /// effects and the outliers (the "prior" component of table F2) enter the variance decomposition behind M1
    /// and M2, and the series modified for extremes (E1) keeps its calendar effects and level shifts.
    /// </summary>
    public static X11Quality Compute(X11Result result, X11RegressionEffects effects)
    {
        int n = result.Count;
        bool add = result.Mode == X11Mode.Additive;
        double unit = add ? 0 : 1;
        effects.Check(n);
        var b1 = result.PriorAdjusted;
        var s = result.SeasonalFactors;
        var c = result.Trend;
        var i = result.Irregular;
        var sa = result.SeasonallyAdjusted;
        var w = result.ExtremeWeights;
        var cal = new double[n];
        var prior = new double[n];
        var levelShift = new double[n];
        for (int t = 0; t < n; t++)
        {
            cal[t] = effects.CalendarAt(t, add);
            levelShift[t] = effects.LevelShiftAt(t, add);
            double other = effects.OtherAt(t, add);
            prior[t] = add ? levelShift[t] + other : levelShift[t] * other;
        }

        // E1, E2, E3: original, adjusted series and irregular modified for extremes (zero-weight months).
        var e1 = new double[n];
        var e2 = new double[n];
        var e3 = new double[n];
        for (int t = 0; t < n; t++)
        {
            double o = add ? b1[t] + cal[t] + levelShift[t] : b1[t] * cal[t] * levelShift[t];
            bool regular = w[t] > 0;
            e1[t] = regular ? o : add ? o - i[t] : o / i[t];
            e2[t] = regular ? sa[t] : c[t];
            e3[t] = regular ? i[t] : unit;
        }

        // F2.A: mean absolute (percent) change over 1..12 months.
        var ibar = MeanAbsoluteChanges(i, add);
        var cbar = MeanAbsoluteChanges(c, add);
        var isq = Square(MeanAbsoluteChanges(e3, add));
        var csq = Square(cbar);
        var ssq = Square(MeanAbsoluteChanges(s, add));
        var tdsq = effects.Calendar is null ? new double[12] : Square(MeanAbsoluteChanges(cal, add));
        bool hasPrior = effects.LevelShifts is not null || effects.OtherOutliers is not null;
        var psq = hasPrior ? Square(MeanAbsoluteChanges(prior, add)) : new double[12];
        // F2.B: relative contributions to the variance of the k-month changes.
        double total3 = isq[2] + csq[2] + ssq[2] + tdsq[2] + psq[2];
        double m1 = isq[2] / total3 / (1 - psq[2] / total3) / 0.10;

        // F2.F: relative contribution of the irregular to the stationary variance (series without linear trend).
        var linear = LinearTrend(c, add);
        var detrendedTrend = new double[n];
        var detrended = new double[n];
        for (int t = 0; t < n; t++)
        {
            detrendedTrend[t] = add ? c[t] - linear[t] : c[t] / linear[t];
            detrended[t] = add ? e1[t] - linear[t] : e1[t] / linear[t];
        }
        double vo = Variance(detrended, add, centred: true) / 100;
        double vi = Variance(e3, add, centred: false) / vo;
        double vp = hasPrior ? Variance(prior, add, centred: true) / vo : 0;
        double m2 = vi / Math.Abs(100 - vp) / 0.10;

        double m3 = (result.IcRatio - 1) / 2;
        double runs = AverageDurationOfRun(i);
        double m4 = Math.Abs(3 * (n - 1) / runs - 2 * n + 1) / (Math.Sqrt(1.6 * n - 2.9) * 2.577);

        // F2.E: months for cyclical dominance.
        var smic = new double[12];
        for (int k = 0; k < 12; k++) smic[k] = ibar[k] / cbar[k];
        int mcd = 12;
        bool allBelow = false;
        while (smic[mcd - 1] < 1)
        {
            if (mcd == 1) { allBelow = true; break; }
            mcd--;
        }
        if (!allBelow) mcd = Math.Min(mcd + 1, 12);
        double rmcd;
        if (mcd == 1)
        {
            rmcd = Math.Clamp(1 + (smic[0] - 1) / (smic[0] - smic[1]), 0.5, 1.0);
        }
        else
        {
            double d = smic[mcd - 2] - smic[mcd - 1];
            rmcd = d <= 0 && mcd == 12 ? 15.5 : mcd + (smic[mcd - 1] - 1) / d;
        }
        double m5 = (rmcd - 0.5) / 5;
        double m6 = Math.Abs(result.MovingSeasonalityRatio - 4.0) / 2.5;

        // D8 F-tests: stable seasonality (one-way ANOVA) and moving seasonality (two-way, complete years).
        double fs = StableSeasonalityF(result.UnmodifiedSiRatios);
        double fm = MovingSeasonalityF(result.UnmodifiedSiRatios, result.StartMonth, add);
        double test1 = fs * 9 >= 7 ? 7 / fs : 9;
        double test2 = fs > 0 ? 3 * fm / fs : 9;
        if (test2 > 9) test2 = 9;
        double m7 = Math.Sqrt((test1 + test2) / 2);

        double m8 = double.NaN, m9 = double.NaN, m10 = double.NaN, m11 = double.NaN;
        int years = n / 12;
        if (years >= 6) (m8, m9, m10, m11) = SeasonalMovement(s, add);

        // X-13 reports (and weighs) each measure clipped to [0, 3].
        m1 = Clip(m1); m2 = Clip(m2); m3 = Clip(m3); m4 = Clip(m4); m5 = Clip(m5); m6 = Clip(m6); m7 = Clip(m7);
        m8 = Clip(m8); m9 = Clip(m9); m10 = Clip(m10); m11 = Clip(m11);
        bool m6InQ = result.SeasonalFilter == SeasonalFilter.S3x5 && result.IncludesM6;
        double[] m = [m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11];
        int nn = years >= 6 ? 11 : 7;
        double q = 0, twt = 0;
        for (int k = 0; k < 11; k++)
        {
            double value;
            if (k < nn)
            {
                if (k == 5 && !m6InQ) continue;
                value = Math.Clamp(m[k], 0, 3);
            }
            else value = Math.Clamp(k < 9 ? m7 : k == 9 ? m1 : m2, 0, 3);
            q += value * Weights[k];
            twt += Weights[k];
        }
        q /= twt;
        double twt2 = nn == 7 ? 15 : 11;
        double q2 = (q * twt - Math.Clamp(m2, 0, 3) * twt2) / (twt - twt2);
        return new X11Quality(m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, q, q2, m6InQ, fs, fm, mcd);
    }

    private static double Clip(double m) => double.IsNaN(m) ? m : Math.Clamp(m, 0, 3);

    private static double[] Square(double[] x) => x.Select(v => v * v).ToArray();

    /// <summary>Mean of |x(t+k) − x(t)| (as a percentage of x(t) if multiplicative), k = 1..12.</summary>
    internal static double[] MeanAbsoluteChanges(IReadOnlyList<double> x, bool additive)
    {
        var bar = new double[12];
        for (int k = 1; k <= 12; k++)
        {
            double sum = 0;
            int count = 0;
            for (int t = 0; t + k < x.Count; t++)
            {
                double d = x[t + k] - x[t];
                if (!additive) d = d * 100 / x[t];
                sum += Math.Abs(d);
                count++;
            }
            bar[k - 1] = sum / count;
        }
        return bar;
    }

    /// <summary>A straight line through the trend (through its logarithm if multiplicative), without intercept
    /// (the intercept cancels in the centred variances that use it).</summary>
    private static double[] LinearTrend(IReadOnlyList<double> c, bool additive)
    {
        int n = c.Count;
        double sum = 0;
        for (int t = 0; t < n; t++)
        {
            double v = additive ? c[t] : Math.Log(c[t]);
            sum += v * (2 * t - (n - 1));
        }
        double slope = 6 * sum / ((double)n * ((double)n * n - 1));
        var line = new double[n];
        for (int t = 0; t < n; t++) line[t] = additive ? slope * (t + 1) : Math.Exp(slope * (t + 1));
        return line;
    }

    /// <summary>Sum of squares (of logarithms if multiplicative), about the mean or about zero.</summary>
    private static double Variance(double[] x, bool additive, bool centred)
    {
        var v = x.Select(a => additive ? a : Math.Log(a)).ToArray();
        double mean = centred ? v.Average() : 0;
        return v.Sum(a => (a - mean) * (a - mean));
    }

    /// <summary>Average duration of run: (n − 1) / number of runs of rises and falls.</summary>
    internal static double AverageDurationOfRun(IReadOnlyList<double> y)
    {
        int last = y.Count - 1, i = 0;
        double runs = 1;
        int state;
        if (y[0] < y[1]) state = 1;
        else if (y[0] == y[1])
        {
            state = 0;
            while (state == 0)
            {
                i++;
                if (i >= last) return last / runs;
                if (y[i] < y[i + 1]) state = 1;
                else if (y[i] > y[i + 1]) state = -1;
            }
        }
        else state = -1;
        while (true)
        {
            i++;
            if (i >= last) break;
            if (state == 1 && y[i] > y[i + 1]) { runs++; state = -1; }
            else if (state == -1 && y[i] < y[i + 1]) { runs++; state = 1; }
        }
        return last / runs;
    }

    /// <summary>F statistic of the one-way analysis of variance of D8 by calendar month (table D8.A).</summary>
    internal static double StableSeasonalityF(IReadOnlyList<double> d8)
    {
        int n = d8.Count;
        double total = 0, squares = 0, between = 0;
        for (int month = 0; month < 12 && month < n; month++)
        {
            double sum = 0;
            int count = 0;
            for (int t = month; t < n; t += 12) { sum += d8[t]; squares += d8[t] * d8[t]; count++; }
            total += sum;
            between += sum * sum / count;
        }
        double ssTotal = squares - total * total / n;
        double ssMonths = between - total * total / n;
        double ssResidual = ssTotal - ssMonths;
        return ssMonths / 11 / (ssResidual / (n - 12));
    }

    /// <summary>F statistic for moving seasonality: two-way analysis (years × months) of |D8 − 1| (|D8| if
    /// additive) over complete calendar years (table D8.A).</summary>
    internal static double MovingSeasonalityF(IReadOnlyList<double> d8, int startMonth, bool additive)
    {
        int firstJanuary = startMonth == 1 ? 0 : 13 - startMonth;
        int years = (d8.Count - firstJanuary) / 12;
        var x = new double[years, 12];
        double grand = 0;
        for (int y = 0; y < years; y++)
            for (int m = 0; m < 12; m++)
            {
                double v = d8[firstJanuary + 12 * y + m];
                x[y, m] = Math.Abs(additive ? v : v - 1);
                grand += x[y, m];
            }
        double mean = grand / (12.0 * years);
        double ssMonths = 0, ssYears = 0, ssTotal = 0;
        for (int m = 0; m < 12; m++)
        {
            double col = 0;
            for (int y = 0; y < years; y++) col += x[y, m];
            col /= years;
            ssMonths += (col - mean) * (col - mean);
        }
        ssMonths *= years;
        for (int y = 0; y < years; y++)
        {
            double row = 0;
            for (int m = 0; m < 12; m++) row += x[y, m];
            row /= 12;
            ssYears += (row - mean) * (row - mean);
        }
        ssYears *= 12;
        for (int y = 0; y < years; y++)
            for (int m = 0; m < 12; m++)
                ssTotal += (x[y, m] - mean) * (x[y, m] - mean);
        double ssError = ssTotal - ssMonths - ssYears;
        return ssYears / (years - 1) / (ssError / (11.0 * (years - 1)));
    }

    /// <summary>M8..M11: size and linear movement of the standardised seasonal factors, whole span and recent years.</summary>
    private static (double M8, double M9, double M10, double M11) SeasonalMovement(IReadOnlyList<double> s, bool additive)
    {
        int n = s.Count;
        double centre = additive ? 0 : 1;
        double sd = Math.Sqrt(s.Sum(v => (v - centre) * (v - centre)) / n);
        var z = s.Select(v => (v - centre) / sd).ToArray();
        double sum1 = 0, sum2 = 0, sum3 = 0, sum4 = 0, count = 0, ct1 = 0, ct2 = 0;
        for (int i = 0; i < 12; i++)
        {
            double ct = 0;
            int k = i;
            for (int j = i + 12; j < n; j += 12)
            {
                ct++;
                count++;
                sum1 += Math.Abs(z[j] - z[j - 12]);
                k = j;
            }
            sum2 += Math.Abs(z[k] - z[i]) / ct;
            k -= 24;
            int first = k - 36;
            if (first >= 0)
            {
                sum3 += Math.Abs(z[k] - z[first]) / 3;
                ct1++;
                for (int l = first + 12; l <= k; l += 12)
                {
                    if (l - 12 >= 0) { ct2++; sum4 += Math.Abs(z[l] - z[l - 12]); }
                }
            }
        }
        sum1 /= count;
        sum2 /= 12;
        if (ct1 > 0) { sum3 /= ct1; sum4 /= ct2; }
        return (10 * sum1, 10 * sum2, 10 * sum4, 10 * sum3);
    }
}
