namespace Ballast.Statistics.TimeSeries.RegArima;

/// <summary>
/// Hannan–Rissanen estimates of a multiplicative seasonal ARMA model by least squares, as X-13's amdest.f and
/// hrest.f compute them for the unit-root test of automdl: a long autoregression (Durbin–Levinson on the sample
/// autocorrelations) gives estimated innovations; the series is regressed on its own lags and the lagged
/// innovations, the cross terms of the seasonal factors entered as free coefficients; with both AR and MA terms,
/// the MA part is estimated again on the series filtered by the AR estimates. Coefficients are in X-13's signs:
/// (1 − φB)(1 − ΦB^s) w_t = (1 − θB)(1 − ΘB^s) a_t.
/// </summary>
internal static class HannanRissanen
{
    /// <summary>X-13 hrest.f: the long autoregression is at most this long in the first step.</summary>
    private const int MaxLongAr = 50;

    /// <summary>Estimates, or null when the regression is singular (X-13's info &gt; 0).</summary>
    public sealed record Estimate(double[] Ar, double[] SeasonalAr, double[] Ma, double[] SeasonalMa);

    /// <summary>
    /// Estimates the (p 0 q)(P 0 Q)s model on <paramref name="x"/>, which the caller has already corrected for its
    /// mean (X-13 subtracts the mean before calling amdest).
    /// </summary>
    public static Estimate? Fit(ReadOnlySpan<double> x, int p, int seasonalP, int q, int seasonalQ, int period = 12)
    {
        int n = x.Length;
        int ip = p + period * seasonalP, iq = q + period * seasonalQ;
        if (ip + iq == 0) return new Estimate([], [], [], []);
        // Too short for the lagged regression (the caller falls back on maximum likelihood).
        if (n < 2 * (Math.Max(ip, iq) + 1)) return null;
        int longAr = Math.Min(LongArOrder(n, Math.Max(LogSquared(n), Math.Max(ip, 2 * iq))), MaxLongAr);
        var (c0, r) = Autocorrelations(x, longAr, subtractMean: true);
        var first = Regress(x, r, c0, longAr, p, seasonalP, q, seasonalQ, period);
        if (first is null || ip == 0 || iq == 0) return first;

        // Second step: the series filtered by the AR estimates (regular factor, then seasonal), MA estimated again.
        var filtered = x.ToArray();
        int len = n;
        len = ApplyAr(filtered, len, first.Ar, 1);
        len = ApplyAr(filtered, len, first.SeasonalAr, period);
        var y = filtered.AsSpan(0, len);
        longAr = LongArOrder(len, Math.Max(LogSquared(len), 2 * iq));
        // X-13 acfar.f: at least ip + iq + 1 lags, the autocorrelations taken about zero.
        longAr = LongArOrder(len, Math.Max(longAr, ip + iq + 1));
        var (c0f, rf) = Autocorrelations(y, longAr, subtractMean: false);
        var second = Regress(y, rf, c0f, longAr, 0, 0, q, seasonalQ, period);
        return second is null ? null : first with { Ma = second.Ma, SeasonalMa = second.SeasonalMa };
    }

    private static int LogSquared(int n) => (int)Math.Pow(Math.Log(n), 2);

    /// <summary>X-13's order of the long autoregression: at least m1 and ⌊ln² n⌋, or m1 capped at n − n/4 when that reaches n.</summary>
    private static int LongArOrder(int n, int m1)
    {
        int order = Math.Max(m1, LogSquared(n));
        return order >= n ? Math.Min(m1, n - n / 4) : order;
    }

    /// <summary>In place: x[i] = x[i + L] − Σ φ_j x[i + L − j·lag] for i &lt; len − L (X-13 arflt.f); the new length.</summary>
    private static int ApplyAr(double[] x, int len, double[] coefficients, int lag)
    {
        int k = coefficients.Length;
        if (k == 0) return len;
        int maxLag = k * lag, newLen = len - maxLag;
        for (int i = 0; i < newLen; i++)
        {
            double s = x[i + maxLag];
            for (int j = 1; j <= k; j++) s -= coefficients[j - 1] * x[i + maxLag - j * lag];
            x[i] = s;
        }
        return newLen;
    }

    /// <summary>C0 (the variance, divisor n) and autocorrelations r_1..r_m (divisor n), about the mean or zero.</summary>
    private static (double C0, double[] R) Autocorrelations(ReadOnlySpan<double> x, int m, bool subtractMean)
    {
        int n = x.Length;
        double mu = 0;
        if (subtractMean)
        {
            foreach (double v in x) mu += v;
            mu /= n;
        }
        double c0 = 0;
        foreach (double v in x) c0 += (v - mu) * (v - mu);
        c0 /= n;
        var r = new double[m + 1];
        for (int k = 1; k <= m; k++)
        {
            double s = 0;
            for (int t = k; t < n; t++) s += (x[t] - mu) * (x[t - k] - mu);
            r[k] = s / n / c0;
        }
        return (c0, r);
    }

    private static Estimate? Regress(ReadOnlySpan<double> x, double[] r, double c0, int longAr,
        int p, int seasonalP, int q, int seasonalQ, int period)
    {
        int n = x.Length;
        int iq = q + period * seasonalQ;
        // Innovations of the long autoregression (Durbin–Levinson), used as the lagged MA regressors.
        var a = new double[n];
        if (iq > 0)
        {
            if (!(c0 > 0)) return null;
            var phi = new double[longAr + 1];
            var tmp = new double[longAr + 1];
            double pv = c0 * (1 - r[1] * r[1]);
            phi[1] = r[1];
            for (int i = 2; i <= longAr; i++)
            {
                double s = 0;
                for (int j = 1; j < i; j++) { s += phi[j] * r[i - j] * c0; tmp[j] = phi[i - j]; }
                double pcf = (r[i] * c0 - s) / pv;
                pv *= 1 - pcf * pcf;
                phi[i] = pcf;
                for (int j = 1; j < i; j++) phi[j] -= pcf * tmp[j];
            }
            for (int t = 0; t < n; t++)
            {
                double s = x[t];
                for (int j = 1; j <= Math.Min(longAr, t); j++) s -= phi[j] * x[t - j];
                a[t] = s;
            }
        }
        // Columns: AR lags, seasonal AR lags each with its cross terms, MA lags, seasonal MA lags with cross terms.
        int cols = p + seasonalP * (p + 1) + q + seasonalQ * (q + 1);
        int maxLag = Math.Max(p + period * seasonalP, q + period * seasonalQ);
        var xtx = new double[cols, cols];
        var xty = new double[cols];
        var row = new double[cols];
        for (int t = maxLag; t < n; t++)
        {
            int c = 0;
            for (int j = 1; j <= p; j++) row[c++] = -x[t - j];
            for (int j = 1; j <= seasonalP; j++)
            {
                row[c++] = -x[t - j * period];
                for (int k = 1; k <= p; k++) row[c++] = -x[t - j * period - k];
            }
            for (int j = 1; j <= q; j++) row[c++] = a[t - j];
            for (int j = 1; j <= seasonalQ; j++)
            {
                row[c++] = a[t - j * period];
                for (int k = 1; k <= q; k++) row[c++] = a[t - j * period - k];
            }
            for (int i = 0; i < cols; i++)
            {
                xty[i] += row[i] * x[t];
                for (int j = 0; j <= i; j++) xtx[i, j] += row[i] * row[j];
            }
        }
        var b = new double[cols];
        if (!Estimator.SolveSpd(xtx, xty, b, relativePivot: 1e-13)) return null;
        // X-13's coefficients are minus the regression coefficients (the regressors enter with these signs).
        var ar = new double[p];
        var sar = new double[seasonalP];
        var ma = new double[q];
        var sma = new double[seasonalQ];
        for (int j = 1; j <= p; j++) ar[j - 1] = -b[j - 1];
        for (int j = 1; j <= seasonalP; j++) sar[j - 1] = -b[(p + 1) * j - 1];
        int kk = p + (p + 1) * seasonalP;
        for (int j = 1; j <= q; j++) ma[j - 1] = -b[kk + j - 1];
        for (int j = 1; j <= seasonalQ; j++) sma[j - 1] = -b[kk + (q + 1) * j - 1];
        return new Estimate(ar, sar, ma, sma);
    }
}
