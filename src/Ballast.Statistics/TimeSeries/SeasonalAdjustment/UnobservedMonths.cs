using Ballast.Statistics.TimeSeries.RegArima;

namespace Ballast.Statistics.TimeSeries.SeasonalAdjustment;

/// <summary>
/// Missing values in a calendar month that is never observed (January and February in much Chinese data):
/// with seasonal differencing, the sum of those months' missing-value regressors is a seasonal dummy that the
/// differencing removes, so their common level is not identified by the data (docs/seasonal-adjustment.md
/// §Gaps). The convention here: those months get a placeholder (log-linear interpolation, linear if not logged,
/// between the nearest observed months) and regressors that span every other direction (each month minus their
/// mean), so the model fits their pattern across years exactly as missing values would, and their mean level
/// is the mean of the placeholders. Other missing months are left to the regARIMA (NaN).
/// </summary>
internal sealed class UnobservedMonths
{
    public const string Group = "Missing value (unobserved calendar month)";

    private readonly List<(string Name, int Index)>[] _byMonth;
    private readonly double[] _placeholder;
    private readonly bool _log;

    private UnobservedMonths(MonthlySeries series, RegArimaSpec model, List<(string, int)>[] byMonth, double[] placeholder, bool log)
    {
        Series = series;
        Model = model;
        _byMonth = byMonth;
        _placeholder = placeholder;
        _log = log;
    }

    /// <summary>The series to fit (placeholders in the unobserved months).</summary>
    public MonthlySeries Series { get; }
    /// <summary>The model to fit (with the contrast regressors).</summary>
    public RegArimaSpec Model { get; }

    public static UnobservedMonths Prepare(MonthlySeries series, RegArimaSpec model)
    {
        int n = series.Length;
        var byMonth = new List<(string, int)>[12];
        if (model.Order.SeasonalD == 0 || series.MissingCount == 0 || series.MissingCount == n)
            return new UnobservedMonths(series, model, byMonth, [], false);
        var observed = new bool[12];
        var present = new bool[12];
        for (int t = 0; t < n; t++)
        {
            int m = series.MonthAt(t).Month - 1;
            present[m] = true;
            if (!series.IsMissing(t)) observed[m] = true;
        }
        bool log = model.Transform == Transform.Log;
        var values = series.Values.ToArray();
        var placeholder = new double[n];
        var regressors = new List<UserRegressor>();
        int total = n + Math.Max(model.ForecastHorizon, 0);
        for (int m = 0; m < 12; m++)
        {
            if (!present[m] || observed[m]) continue;
            var months = new List<(string, int)>();
            for (int t = 0; t < n; t++)
            {
                if (series.MonthAt(t).Month - 1 != m) continue;
                placeholder[t] = Interpolate(series, t, log);
                months.Add(("MV" + new Calendar.Outlier(Calendar.OutlierKind.AO, series.MonthAt(t)).ToString()[2..], t));
            }
            byMonth[m] = months;
            // k − 1 contrasts e_t − mean(e): together with the (removed) sum they span every missing-value dummy.
            int k = months.Count;
            for (int i = 0; i < k - 1; i++)
            {
                var x = new double[total];
                foreach (var (_, t) in months) x[t] = -1.0 / k;
                x[months[i].Item2] += 1.0;
                regressors.Add(new UserRegressor(months[i].Item1, new MonthlySeries(series.Start, x), Group));
            }
        }
        if (regressors.Count == 0 && byMonth.All(b => b is null))
            return new UnobservedMonths(series, model, byMonth, [], false);
        foreach (var list in byMonth)
            if (list is not null)
                foreach (var (_, t) in list) values[t] = placeholder[t];
        var fitSeries = new MonthlySeries(series.Start, values);
        var fitModel = model with { UserRegressors = [.. model.UserRegressors, .. regressors] };
        return new UnobservedMonths(fitSeries, fitModel, byMonth, placeholder, log);
    }

    /// <summary>The series filled: regARIMA's fill for ordinary gaps, placeholder − contrast effects for unobserved months.</summary>
    public MonthlySeries Fill(RegArimaFit fit)
    {
        if (_placeholder.Length == 0) return fit.Filled;
        var values = fit.Filled.Values.ToArray();
        foreach (var list in _byMonth)
        {
            if (list is null) continue;
            var effect = new double[values.Length];
            for (int i = 0; i < list.Count - 1; i++)
            {
                var e = fit.EffectOf(list[i].Name);
                for (int t = 0; t < values.Length; t++) effect[t] += e[t];
            }
            foreach (var (_, t) in list)
                values[t] = _log ? _placeholder[t] * Math.Exp(-effect[t]) : _placeholder[t] - effect[t];
        }
        return new MonthlySeries(fit.Filled.Start, values);
    }

    private static double Interpolate(MonthlySeries s, int t, bool log)
    {
        int a = t - 1; while (a >= 0 && s.IsMissing(a)) a--;
        int b = t + 1; while (b < s.Length && s.IsMissing(b)) b++;
        double F(int i) => log ? Math.Log(s[i]) : s[i];
        double v = a < 0 ? F(b) : b >= s.Length ? F(a) : F(a) + (F(b) - F(a)) * (t - a) / (b - a);
        return log ? Math.Exp(v) : v;
    }
}
