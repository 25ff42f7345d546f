using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.SeasonalAdjustment;

namespace Ballast.Statistics.Warnings;

/// <summary>Settings of <see cref="TargetRisk.Assess"/>.</summary>
public sealed record TargetRiskOptions
{
    /// <summary>The year's growth target in percent (December year-to-date growth); 5 % by default.</summary>
    public double Target { get; init; } = 5.0;
    /// <summary>Simulated paths.</summary>
    public int Paths { get; init; } = 10_000;
    /// <summary>Seed of the innovations: the same seed gives the same answer.</summary>
    public int Seed { get; init; } = 20_250_601;
    /// <summary>Coverage of the interval around the simulated growth (0.90: the 5th and 95th percentiles).</summary>
    public double IntervalCoverage { get; init; } = 0.90;
    /// <summary>
    /// The regARIMA model imposed whole; null = identified automatically with the Spring Festival regressors
    /// (as <see cref="SeasonallyAdjustedRelease.SpecFor"/>).
    /// </summary>
    public RegArimaSpec? Model { get; init; }
}

/// <summary>
/// The risk that the year misses its growth target, from month t of year Y. <see cref="Probability"/> that the
/// December year-to-date growth ends below <see cref="Target"/>, its mean and an interval
/// (<see cref="Low"/>..<see cref="High"/>). <see cref="Known"/> at December: the growth is observed, the
/// probability 0 or 1.
/// </summary>
public sealed record TargetRiskResult(
    YearMonth Period, double Target, double Probability, double Mean, double Low, double High, bool Known, int Paths,
    string Model, double Sigma);

/// <summary>
/// Year-end target risk (docs/methodology/target-risk.md): the regARIMA model of the national monthly volume
/// index simulates the months left to December — innovations a ~ N(0, σ²) from a seeded generator, the forecast
/// errors of the transformed series e_h = Σ_{j&lt;h} ψ_j a_{t+h−j} with the ψ weights of θ(B) / (φ(B) δ(B)), so the
/// errors of successive months are correlated as the model says — each path is mapped to the December
/// year-to-date growth Σ I(Jan..Dec of Y) / Σ I(Jan..Dec of Y − 1) × 100 − 100.
/// The uncertainty of the estimated parameters is not simulated.
/// </summary>
public static class TargetRisk
{
    /// <summary>
    /// Assesses the risk at <paramref name="period"/> from <paramref name="index"/> (which must hold every month
    /// from January of the year before to <paramref name="period"/>; later months are ignored).
    /// </summary>
    /// <exception cref="ArgumentException">A month needed is missing, or the model cannot be fitted (the message says why).</exception>
    public static TargetRiskResult Assess(MonthlySeries index, YearMonth period, TargetRiskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        options ??= new TargetRiskOptions();
        if (options.Paths < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Paths, "at least one path is needed");
        if (!(options.IntervalCoverage is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(options), options.IntervalCoverage, "the interval coverage must be between 0 and 1");
        var previousJanuary = new YearMonth(period.Year - 1, 1);
        if (index.Start > previousJanuary || index.End < period)
            throw new ArgumentException($"the index runs {index.Start}..{index.End}; the target risk at {period} needs every month from {previousJanuary} to {period}", nameof(index));
        var series = index.Slice(index.Start, period);
        double baseYear = 0, observed = 0;
        for (int m = 0; m < 12; m++) baseYear += Value(series, previousJanuary.AddMonths(m));
        for (int m = 1; m <= period.Month; m++) observed += Value(series, new YearMonth(period.Year, m));
        if (!(baseYear > 0)) throw new ArgumentException($"the index sums to {baseYear.ToString(CultureInfo.InvariantCulture)} over {period.Year - 1}: no growth can be computed", nameof(index));

        int h = 12 - period.Month;
        if (h == 0)
        {
            double growth = (observed / baseYear - 1) * 100;
            return new TargetRiskResult(period, options.Target, growth < options.Target ? 1 : 0, growth, growth, growth, true, 0, "", 0);
        }

        RegArimaSpec model;
        try
        {
            model = options.Model ?? Identify(series);
            model = model with { ForecastHorizon = h };
            var fit = RegArimaModel.Fit(series, model);
            var psi = PsiWeights(fit.Arma, model.Order, h);
            double sigma = Math.Sqrt(fit.Variance);
            var point = fit.Forecasts.Select(f => f.Point).ToArray();
            bool log = model.Transform == Transform.Log;

            var rng = new Random(options.Seed);
            var growths = new double[options.Paths];
            var a = new double[h];
            int below = 0;
            double sum = 0;
            for (int path = 0; path < options.Paths; path++)
            {
                for (int k = 0; k < h; k++) a[k] = sigma * StandardNormal(rng);
                double rest = 0;
                for (int k = 0; k < h; k++)
                {
                    double e = 0;
                    for (int j = 0; j <= k; j++) e += psi[j] * a[k - j];
                    rest += log ? point[k] * Math.Exp(e) : point[k] + e;
                }
                double growth = ((observed + rest) / baseYear - 1) * 100;
                growths[path] = growth;
                sum += growth;
                if (growth < options.Target) below++;
            }
            Array.Sort(growths);
            double tail = (1 - options.IntervalCoverage) / 2;
            return new TargetRiskResult(period, options.Target, (double)below / options.Paths, sum / options.Paths,
                Quantile(growths, tail), Quantile(growths, 1 - tail), false, options.Paths, SeasonallyAdjustedRelease.Describe(model), sigma);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"the model of the index cannot be fitted: {e.Message}", nameof(index), e);
        }
    }

    /// <summary>
    /// The ψ weights ψ_0..ψ_{h−1} of the ARIMA model: the coefficients of θ(B)Θ(B^12) / (φ(B)Φ(B^12)(1 − B)^d(1 − B^12)^D),
    /// in X-13's signs (each operator 1 − Σ c_i B^i). The forecast error h months ahead is Σ_{j&lt;h} ψ_j a_{t+h−j}.
    /// </summary>
    public static double[] PsiWeights(IReadOnlyList<ArmaEstimate> arma, ArimaOrder order, int h)
    {
        ArgumentNullException.ThrowIfNull(arma);
        // Each operator is 1 − Σ c_i B^i over its lags (as the estimator expands them); the seasonal one multiplies.
        double[] Sum(string name, bool seasonal)
        {
            var terms = arma.Where(x => string.Equals(x.Operator, name, StringComparison.Ordinal) && x.Seasonal == seasonal).ToArray();
            if (terms.Length == 0) return [1];
            var poly = new double[terms.Max(x => x.Lag) + 1];
            poly[0] = 1;
            foreach (var t in terms) poly[t.Lag] -= t.Estimate;
            return poly;
        }
        var ar = Multiply(Sum("AR", false), Sum("AR", true));
        for (int i = 0; i < order.D; i++) ar = Multiply(ar, [1, -1]);
        for (int i = 0; i < order.SeasonalD; i++)
        {
            var s = new double[13];
            s[0] = 1;
            s[12] = -1;
            ar = Multiply(ar, s);
        }
        var ma = Multiply(Sum("MA", false), Sum("MA", true));
        var psi = new double[h];
        for (int r = 0; r < h; r++)
        {
            double v = r < ma.Length ? ma[r] : 0;
            for (int i = 1; i <= Math.Min(r, ar.Length - 1); i++) v -= ar[i] * psi[r - i];
            psi[r] = v;
        }
        return psi;
    }

    private static RegArimaSpec Identify(MonthlySeries series)
    {
        var spec = SeasonallyAdjustedRelease.SpecFor(series.Start, series.Length);
        return new AutomaticIdentifier().Identify(series, spec.Model, spec.Identify);
    }

    private static double Value(MonthlySeries series, YearMonth month)
    {
        double v = series[month];
        if (!double.IsFinite(v)) throw new ArgumentException($"the index has no value for {month}, which the year-to-date growth needs", nameof(series));
        return v;
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var c = new double[a.Length + b.Length - 1];
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++) c[i + j] += a[i] * b[j];
        return c;
    }

    /// <summary>Box–Muller: one standard normal draw from two uniforms.</summary>
    private static double StandardNormal(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(); // (0, 1]: the log is finite
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Linear interpolation between order statistics at position (n − 1) q.</summary>
    private static double Quantile(double[] sorted, double q)
    {
        double pos = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
