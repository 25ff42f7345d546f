using Ballast.Statistics.Periods;

namespace Ballast.Statistics.TimeSeries.RegArima;

/// <summary>A regression coefficient with its standard error and t value (X-13 regression table).</summary>
public sealed record RegressionEstimate(string Group, string Name, double Estimate, double StandardError)
{
    /// <summary>t value: estimate / standard error.</summary>
    public double T => Estimate / StandardError;
}

/// <summary>
/// An ARMA coefficient in X-13's sign convention: operators are written (1 − φ_1 B − …) and (1 − θ_1 B − …).
/// </summary>
public sealed record ArmaEstimate(string Operator, bool Seasonal, int Lag, double Estimate, double StandardError);

/// <summary>A forecast in the original scale with its prediction interval.</summary>
public sealed record Forecast(YearMonth Month, double Point, double Lower, double Upper, double StandardErrorTransformed);

/// <summary>The result of <see cref="RegArimaModel.Fit"/>.</summary>
public sealed class RegArimaFit
{
    internal RegArimaFit() { }

    /// <summary>The spec that was fitted.</summary>
    public required RegArimaSpec Spec { get; init; }
    /// <summary>First month of the span.</summary>
    public required YearMonth Start { get; init; }
    /// <summary>Observations in the span.</summary>
    public required int Observations { get; init; }
    /// <summary>Observations after differencing: X-13's nefobs, the N of the likelihood and AICC.</summary>
    public required int EffectiveObservations { get; init; }
    /// <summary>Regression estimates in X-13's order (leap year, trading day, Easter, user, outliers, missing values).</summary>
    public required IReadOnlyList<RegressionEstimate> Regression { get; init; }
    /// <summary>ARMA estimates: AR, seasonal AR, MA, seasonal MA (X-13 signs; §Model).</summary>
    public required IReadOnlyList<ArmaEstimate> Arma { get; init; }
    /// <summary>Maximum-likelihood innovation variance σ̂² = S/N (X-13 variance$mle).</summary>
    public required double Variance { get; init; }
    /// <summary>Log-likelihood of the transformed series (X-13 loglikelihood; no Jacobian).</summary>
    public required double LogLikelihood { get; init; }
    /// <summary>Log-likelihood in the scale of the original series (with the Jacobian of the transform).</summary>
    public required double LogLikelihoodOriginalScale { get; init; }
    /// <summary>Number of estimated parameters: ARMA + regression + variance.</summary>
    public required int Parameters { get; init; }
    /// <summary>AIC in the original scale (X-13 aic).</summary>
    public double Aic => -2 * LogLikelihoodOriginalScale + 2 * Parameters;
    /// <summary>X-13's AICC: −2 L + 2 np N / (N − np − 1), L in the original scale.</summary>
    public double Aicc => -2 * LogLikelihoodOriginalScale + 2.0 * Parameters * EffectiveObservations / (EffectiveObservations - Parameters - 1);
    /// <summary>BIC in the original scale (X-13 bic).</summary>
    public double Bic => -2 * LogLikelihoodOriginalScale + Parameters * Math.Log(EffectiveObservations);
    /// <summary>
    /// Model residuals as X-13 reports them: the last N entries of the exact residual vector of the differenced
    /// regression errors (Ljung–Box style, docs/methodology/regarima.md §Estimation 7); variance ≈ σ².
    /// </summary>
    public required IReadOnlyList<double> Residuals { get; init; }
    /// <summary>Regression effect (Σ x_t β) per group, in the transformed scale, over span + forecast horizon.</summary>
    public required IReadOnlyDictionary<string, double[]> RegressionEffects { get; init; }
    /// <summary>Prior adjustment factors (leap year) over span + horizon; all 1 when none.</summary>
    public required IReadOnlyList<double> PriorFactors { get; init; }
    /// <summary>The series with missing values filled by the model (original scale).</summary>
    public required MonthlySeries Filled { get; init; }
    /// <summary>Forecasts with limits in the original scale (§Forecasts).</summary>
    public required IReadOnlyList<Forecast> Forecasts { get; init; }
    /// <summary>Levenberg–Marquardt iterations.</summary>
    public required int Iterations { get; init; }
    /// <summary>Likelihood evaluations, including those for standard errors.</summary>
    public required int LikelihoodEvaluations { get; init; }
    /// <summary>False if the iteration limit (200) was reached before convergence.</summary>
    public required bool Converged { get; init; }

    /// <summary>Regressor values over span + horizon, by regressor name (same order as <see cref="Regression"/>).</summary>
    internal IReadOnlyList<double[]> RegressorValues { get; init; } = [];

    /// <summary>
    /// Effect x_t β of one regressor (by name, e.g. "LS2008.Nov", "Mon", "cny_pre") per month over span +
    /// horizon, in the transformed scale: lets X-11 give AO/TC to the irregular and LS to the trend.
    /// </summary>
    public double[] EffectOf(string name)
    {
        for (int i = 0; i < Regression.Count; i++)
            if (string.Equals(Regression[i].Name, name, StringComparison.Ordinal))
                return RegressorValues[i].Select(v => v * Regression[i].Estimate).ToArray();
        throw new ArgumentException($"no regressor named {name} in the model", nameof(name));
    }

    /// <summary>The ARMA estimates in spec order, to warm-start a re-fit: <c>spec with { InitialArma = fit.ArmaValues }</c>.</summary>
    public IReadOnlyList<double> ArmaValues => Arma.Select(a => a.Estimate).ToArray();

    /// <summary>
    /// The combined effect of the named regression groups per month over span + horizon, in the original
    /// scale: a factor exp(Σ x β) for the log transform (to divide by), an amount Σ x β otherwise (to subtract).
    /// Group names as in <see cref="RegressionEstimate.Group"/>, e.g. "Trading Day", "Easter[8]", "Outliers".
    /// The leap-year prior factors (<see cref="PriorFactors"/>) are not included.
    /// </summary>
    public double[] Effect(params string[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        int total = Observations + Spec.ForecastHorizon;
        var sum = new double[total];
        foreach (var g in groups)
            if (RegressionEffects.TryGetValue(g, out var e))
                for (int t = 0; t < total; t++) sum[t] += e[t];
        if (Spec.Transform == Transform.Log)
            for (int t = 0; t < total; t++) sum[t] = Math.Exp(sum[t]);
        return sum;
    }

    /// <summary>Sample autocorrelation of the residuals at a lag (about their mean), as in X-13's ACF table.</summary>
    public double ResidualAutocorrelation(int lag)
    {
        var r = Residuals;
        int n = r.Count;
        if (lag < 1 || lag >= n) throw new ArgumentOutOfRangeException(nameof(lag));
        double mean = 0;
        for (int t = 0; t < n; t++) mean += r[t];
        mean /= n;
        double c0 = 0, ck = 0;
        for (int t = 0; t < n; t++) c0 += (r[t] - mean) * (r[t] - mean);
        for (int t = lag; t < n; t++) ck += (r[t] - mean) * (r[t - lag] - mean);
        return ck / c0;
    }

    /// <summary>
    /// Ljung–Box Q of the residuals at <paramref name="lags"/>, with degrees of freedom lags − number of ARMA
    /// parameters (X-13 check spec) and its p-value.
    /// </summary>
    public (double Q, int DegreesOfFreedom, double PValue) LjungBox(int lags)
    {
        var r = Residuals;
        int n = r.Count;
        if (lags < 1 || lags >= n) throw new ArgumentOutOfRangeException(nameof(lags));
        double mean = 0;
        for (int t = 0; t < n; t++) mean += r[t];
        mean /= n;
        double c0 = 0;
        for (int t = 0; t < n; t++) c0 += (r[t] - mean) * (r[t] - mean);
        double q = 0;
        for (int k = 1; k <= lags; k++)
        {
            double ck = 0;
            for (int t = k; t < n; t++) ck += (r[t] - mean) * (r[t - k] - mean);
            double rho = ck / c0;
            q += rho * rho / (n - k);
        }
        q *= n * (n + 2.0);
        int df = Math.Max(1, lags - Arma.Count);
        double p = 1 - MathNet.Numerics.Distributions.ChiSquared.CDF(df, q);
        return (q, df, p);
    }
}
