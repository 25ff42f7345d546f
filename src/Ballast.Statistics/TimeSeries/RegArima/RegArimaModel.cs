using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries.Calendar;

namespace Ballast.Statistics.TimeSeries.RegArima;

/// <summary>
/// regARIMA as X-13ARIMA-SEATS estimates it (reference manual, estimate spec; docs/methodology/regarima.md):
/// y_t (transformed) = Σ x_{it} β_i + z_t, with z_t seasonal ARIMA. The differenced regression model is fitted
/// by exact Gaussian maximum likelihood of the ARMA errors; β and σ² are concentrated out by GLS and the ARMA
/// parameters are found by Levenberg–Marquardt on the concentrated likelihood written as a sum of squares.
/// </summary>
public static class RegArimaModel
{
    /// <summary>Fits the model of <paramref name="spec"/> to <paramref name="series"/> (NaN = missing).</summary>
    public static RegArimaFit Fit(MonthlySeries series, RegArimaSpec spec)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(spec);
        var design = Design.Build(series, spec);
        var estimator = new Estimator(design);
        return estimator.Run();
    }
}

/// <summary>The transformed series and regressors over span + horizon, and their differenced versions.</summary>
internal sealed class Design
{
    public required RegArimaSpec Spec { get; init; }
    public required MonthlySeries Series { get; init; }
    public required int N0 { get; init; }            // observations
    public required int Horizon { get; init; }
    public required double[] Y { get; init; }        // transformed, placeholders at missing
    public required double[] Prior { get; init; }    // n + H
    public required List<(string Group, string Name, double[] Values)> Columns { get; init; }
    public required double[] Delta { get; init; }    // differencing polynomial δ_0 = 1 .. δ_nd
    public required double[] WY { get; init; }       // differenced y
    public required double[][] WX { get; init; }     // differenced regressors
    public required int[] Missing { get; init; }
    public int K => Columns.Count;
    public int Nd => Delta.Length - 1;
    public int N => N0 - Nd;

    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    public static Design Build(MonthlySeries series, RegArimaSpec spec)
    {
        int n = series.Length, h = spec.ForecastHorizon, total = n + h;
        if (h < 0) throw new ArgumentException("forecast horizon must be ≥ 0", nameof(spec));
        if (!(spec.ForecastProbability is > 0 and < 1)) throw new ArgumentException("forecast probability must be between 0 and 1", nameof(spec));
        if (spec.EasterWindow is < 1 or > 25) throw new ArgumentException("Easter window must be 1..25 days", nameof(spec));
        int np = spec.Order.P + spec.Order.Q + spec.Order.SeasonalP + spec.Order.SeasonalQ;
        if (spec.InitialArma is { } init && init.Count != np)
            throw new ArgumentException($"InitialArma has {init.Count} values; the model {spec.Order} has {np} ARMA parameters", nameof(spec));
        if (spec.FixArma && spec.InitialArma is null && np > 0)
            throw new ArgumentException("FixArma needs InitialArma", nameof(spec));
        var start = series.Start;
        bool log = spec.Transform == Transform.Log;
        var prior = new double[total];
        for (int t = 0; t < total; t++)
            prior[t] = log && spec.TradingDay != TradingDay.None ? CalendarRegressors.LeapYearFactor(start.AddMonths(t)) : 1.0;

        var missing = new List<int>();
        var y = new double[n];
        for (int t = 0; t < n; t++)
        {
            double v = series[t];
            if (double.IsNaN(v)) { missing.Add(t); continue; }
            if (log && v <= 0)
                throw new ArgumentException($"the log transform needs positive values; {series.MonthAt(t)} is {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}", nameof(series));
            y[t] = log ? Math.Log(v / prior[t]) : v;
        }
        if (missing.Count == n) throw new ArgumentException("the series has no observed value", nameof(series));
        // Placeholder for a missing value: linear interpolation of its observed neighbours. Any value would do
        // (its AO regressor absorbs it); a near value keeps the GLS well scaled.
        foreach (int t in missing)
        {
            int a = t - 1; while (a >= 0 && double.IsNaN(series[a])) a--;
            int b = t + 1; while (b < n && double.IsNaN(series[b])) b++;
            y[t] = a < 0 ? y[b] : b >= n ? y[a] : y[a] + (y[b] - y[a]) * (t - a) / (b - a);
        }

        var cols = new List<(string, string, double[])>();
        if (spec.TradingDay != TradingDay.None && !log)
            cols.Add(("Leap Year", "Leap Year", Fill(total, t => CalendarRegressors.LeapYear(start.AddMonths(t)))));
        if (spec.TradingDay == TradingDay.SixContrasts)
        {
            var td = new double[6][];
            for (int d = 0; d < 6; d++) td[d] = new double[total];
            Span<double> six = stackalloc double[6];
            for (int t = 0; t < total; t++)
            {
                CalendarRegressors.TradingDayContrasts(start.AddMonths(t), six);
                for (int d = 0; d < 6; d++) td[d][t] = six[d];
            }
            for (int d = 0; d < 6; d++) cols.Add(("Trading Day", Days[d], td[d]));
        }
        else if (spec.TradingDay == TradingDay.OneCoefficient)
            cols.Add(("1-Coefficient Trading Day", "Weekday", Fill(total, t => CalendarRegressors.WeekdayContrast(start.AddMonths(t)))));
        if (spec.EasterWindow is int w)
        {
            string name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Easter[{w}]");
            cols.Add((name, name, Fill(total, t => CalendarRegressors.Easter(start.AddMonths(t), w))));
        }
        foreach (var u in spec.UserRegressors)
        {
            var vals = new double[total];
            for (int t = 0; t < total; t++)
            {
                var month = start.AddMonths(t);
                if (month < u.Values.Start || month > u.Values.End || u.Values.IsMissing(month - u.Values.Start))
                    throw new ArgumentException($"user regressor {u.Name} has no value for {month} (it must cover the span and the forecast horizon)", nameof(spec));
                vals[t] = u.Values[month];
            }
            cols.Add((u.Group, u.Name, vals));
        }
        foreach (var o in spec.Outliers)
        {
            int at = o.Month - start;
            if (at < 0 || at >= n) throw new ArgumentException($"outlier {o} is outside the span {start}..{series.End}", nameof(spec));
            if (o.Kind == OutlierKind.LS && at == 0) throw new ArgumentException($"level shift {o} at the first month cannot be estimated", nameof(spec));
            cols.Add(("Outliers", o.ToString(), Fill(total, t => o.ValueAt(start.AddMonths(t)))));
        }
        foreach (int t in missing)
        {
            var o = new Outlier(OutlierKind.AO, start.AddMonths(t));
            cols.Add(("Missing value", "MV" + o.ToString()[2..], Fill(total, s => s == t ? 1.0 : 0.0)));
        }

        var order = spec.Order;
        var delta = DifferencingPolynomial(order.D, order.SeasonalD);
        int nd = delta.Length - 1;
        if (spec.Constant)
        {
            // c_t = δ(B)^{-1} 1 from the first month: δ(B) c_t = 1 for every t, so it is a mean of the differenced series.
            var c = new double[total];
            for (int t = 0; t < total; t++)
            {
                double s = 1.0;
                for (int i = 1; i <= nd && i <= t; i++) s -= delta[i] * c[t - i];
                c[t] = s;
            }
            cols.Insert(0, ("Constant", "Constant", c));
        }
        int armaCount = order.P + order.Q + order.SeasonalP + order.SeasonalQ;
        if (n - nd <= armaCount + cols.Count + 1)
            throw new ArgumentException($"the series is too short ({n} months) for the model {order} with {cols.Count} regressors", nameof(series));
        var wy = Difference(y, delta, n);
        var wx = new double[cols.Count][];
        for (int c = 0; c < cols.Count; c++) wx[c] = Difference(cols[c].Item3, delta, n);
        return new Design
        {
            Spec = spec, Series = series, N0 = n, Horizon = h, Y = y, Prior = prior, Columns = cols, Delta = delta,
            WY = wy, WX = wx, Missing = missing.ToArray(),
        };
    }

    private static double[] Fill(int n, Func<int, double> f)
    {
        var a = new double[n];
        for (int t = 0; t < n; t++) a[t] = f(t);
        return a;
    }

    internal static double[] Multiply(double[] a, double[] b)
    {
        var c = new double[a.Length + b.Length - 1];
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++) c[i + j] += a[i] * b[j];
        return c;
    }

    /// <summary>δ(B) = (1 − B)^d (1 − B¹²)^D, coefficients δ_0 = 1 .. δ_{d+12D}.</summary>
    internal static double[] DifferencingPolynomial(int d, int seasonalD)
    {
        var delta = new double[] { 1.0 };
        for (int i = 0; i < d; i++) delta = Multiply(delta, [1.0, -1.0]);
        for (int i = 0; i < seasonalD; i++)
        {
            var s = new double[13]; s[0] = 1; s[12] = -1;
            delta = Multiply(delta, s);
        }
        return delta;
    }

    /// <summary>δ(B) x_t for t = nd .. n − 1 (the first n values of x).</summary>
    internal static double[] Difference(double[] x, double[] delta, int n)
    {
        int nd = delta.Length - 1;
        var w = new double[n - nd];
        for (int t = nd; t < n; t++)
        {
            double s = 0;
            for (int i = 0; i <= nd; i++) s += delta[i] * x[t - i];
            w[t - nd] = s;
        }
        return w;
    }
}
