using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;

namespace Ballast.Statistics.Tests.TimeSeries.RegArima;

public sealed class RegArimaModelTests
{
    private static readonly YearMonth Jan2000 = new(2000, 1);

    [Fact]
    public void FixedAr1_LikelihoodAndAiccByHand()
    {
        // Model (1 0 0), φ fixed at 0.5, no regressors, no transform, y = (1, 2, −1).
        // As in ArmaInnovationsTests: S = 7, log|Σ| = log(4/3), N = 3, σ̂² = 7/3.
        // L = −N/2 (log(2π σ̂²) + 1) − ½ log|Σ|; parameters: φ + σ² = 2;
        // AICC = −2L + 2·2·3/(3 − 2 − 1) would divide by zero, so use y of length 5 below for AICC.
        var fit = RegArimaModel.Fit(new MonthlySeries(Jan2000, [1, 2, -1]), new RegArimaSpec
        {
            Transform = Transform.None, Order = new ArimaOrder(1, 0, 0, 0, 0, 0),
            InitialArma = [0.5], FixArma = true, ForecastHorizon = 0,
        });
        double expected = -1.5 * (Math.Log(2 * Math.PI * 7 / 3) + 1) - 0.5 * Math.Log(4.0 / 3);
        Assert.Equal(expected, fit.LogLikelihood, 10);
        Assert.Equal(7.0 / 3, fit.Variance, 12);
    }

    [Fact]
    public void RandomWalk_VarianceLikelihoodAiccAndForecastByHand()
    {
        // Model (0 1 0): w = Δy = (2, 1, 4, −1); no ARMA, so S = 4 + 1 + 16 + 1 = 22, N = 4, σ̂² = 5.5,
        // L = −2 (log(2π·5.5) + 1); np = 1 (σ²); AICC = −2L + 2·1·4/(4 − 1 − 1) = −2L + 4.
        // Forecasts: last value 12 for every lead; ψ weights all 1, so se_h = √(5.5 h).
        var fit = RegArimaModel.Fit(new MonthlySeries(Jan2000, [5, 7, 8, 12, 11]), new RegArimaSpec
        {
            Transform = Transform.None, Order = new ArimaOrder(0, 1, 0, 0, 0, 0), ForecastHorizon = 3,
        });
        Assert.Equal(4, fit.EffectiveObservations);
        Assert.Equal(5.5, fit.Variance, 12);
        double l = -2 * (Math.Log(2 * Math.PI * 5.5) + 1);
        Assert.Equal(l, fit.LogLikelihood, 10);
        Assert.Equal(-2 * l + 4, fit.Aicc, 10);
        Assert.All(fit.Forecasts, f => Assert.Equal(11.0, f.Point, 10));
        Assert.Equal(Math.Sqrt(5.5 * 3), fit.Forecasts[2].StandardErrorTransformed, 10);
        Assert.Equal(11 + 1.959963984540054 * Math.Sqrt(5.5), fit.Forecasts[0].Upper, 8);
    }

    [Fact]
    public void LogTransform_LikelihoodHasJacobian()
    {
        // L(original) = L(log y) − Σ log y_t over the differenced observations (t ≥ d).
        double[] y = [5, 7, 8, 12, 11];
        var fit = RegArimaModel.Fit(new MonthlySeries(Jan2000, y), new RegArimaSpec
        {
            Transform = Transform.Log, Order = new ArimaOrder(0, 1, 0, 0, 0, 0), ForecastHorizon = 1,
        });
        double jac = Math.Log(7) + Math.Log(8) + Math.Log(12) + Math.Log(11);
        Assert.Equal(fit.LogLikelihood - jac, fit.LogLikelihoodOriginalScale, 10);
        // Log forecast of a random walk: the last log value, i.e. 11, and limits exp(log 11 ± z σ).
        Assert.Equal(11.0, fit.Forecasts[0].Point, 10);
        Assert.Equal(121.0, fit.Forecasts[0].Lower * fit.Forecasts[0].Upper, 8);
    }

    [Fact]
    public void RegressionOnly_IsOrdinaryLeastSquares()
    {
        // (0 1 0) with an AO at t = 2: Δy = (1, 5, −3, 1); ΔAO = (0, 1, −1, 0).
        // OLS: β = Σ wx / Σ x² = (5 + 3)/2 = 4; residuals (1, 1, 1, 1): S = 4, σ̂² = 1.
        // se(β) = √(σ̂² / Σ x²) = √(1/2).
        var fit = RegArimaModel.Fit(new MonthlySeries(Jan2000, [0, 1, 6, 3, 4]), new RegArimaSpec
        {
            Transform = Transform.None, Order = new ArimaOrder(0, 1, 0, 0, 0, 0), ForecastHorizon = 0,
            Outliers = [new Outlier(OutlierKind.AO, Jan2000.AddMonths(2))],
        });
        var ao = Assert.Single(fit.Regression);
        Assert.Equal("AO2000.Mar", ao.Name);
        Assert.Equal(4.0, ao.Estimate, 12);
        Assert.Equal(Math.Sqrt(0.5), ao.StandardError, 12);
        Assert.Equal(1.0, fit.Variance, 12);
        Assert.Equal(4.0, fit.RegressionEffects["Outliers"][2], 12);
        Assert.Equal(new[] { 0.0, 0.0, 4.0, 0.0, 0.0 }, fit.Effect("Outliers"));
        Assert.Equal(new double[5], fit.Effect("Trading Day")); // no such group: no effect
        Assert.Equal(new[] { 0.0, 0.0, 4.0, 0.0, 0.0 }, fit.EffectOf("AO2000.Mar"));
        Assert.Throws<ArgumentException>(() => fit.EffectOf("LS2000.Mar"));
    }

    private static MonthlySeries Synthetic(int n)
    {
        // Trend + evolving seasonality + noise from a fixed linear congruential generator (reproducible).
        var v = new double[n];
        var season = new double[12];
        for (int m = 0; m < 12; m++) season[m] = 8 * Math.Sin(2 * Math.PI * m / 12);
        ulong state = 12345;
        double Noise()
        {
            double s = 0;
            for (int i = 0; i < 12; i++)
            {
                state = state * 6364136223846793005UL + 1442695040888963407UL;
                s += (state >> 11) / (double)(1UL << 53);
            }
            return s - 6; // ≈ N(0, 1)
        }
        double level = 100;
        for (int t = 0; t < n; t++)
        {
            level += 0.3 + 0.8 * Noise();
            season[t % 12] += 0.5 * Noise();
            v[t] = level + season[t % 12] + Noise();
        }
        return new MonthlySeries(Jan2000, v);
    }

    [Fact]
    public void MissingValue_SameAsExplicitAoOnAPlaceholder()
    {
        // X-13 treats a missing value as an AO on a placeholder: the ARMA estimates do not depend on the
        // placeholder, and the filled value is placeholder − AO effect.
        var full = Synthetic(96);
        var withGap = full.With(40, double.NaN);
        var spec = new RegArimaSpec { Transform = Transform.Log, Order = ArimaOrder.Airline };
        var a = RegArimaModel.Fit(withGap, spec);
        var b = RegArimaModel.Fit(full.With(40, 500.0), spec with { Outliers = [new Outlier(OutlierKind.AO, full.MonthAt(40))] });
        Assert.Equal(b.Arma[0].Estimate, a.Arma[0].Estimate, 6);
        Assert.Equal(b.Arma[1].Estimate, a.Arma[1].Estimate, 6);
        Assert.Equal(b.LogLikelihood, a.LogLikelihood, 6);
        var mv = Assert.Single(a.Regression);
        Assert.Equal("MV2003.May", mv.Name);
        double filledFromB = 500.0 / Math.Exp(b.Regression[0].Estimate);
        Assert.Equal(filledFromB, a.Filled[40], 6);
        Assert.False(double.IsNaN(a.Filled[40]));
        Assert.Equal(full[39], a.Filled[39]);
    }

    [Fact]
    public void Airline_ConvergesAndResidualsHaveModelVariance()
    {
        var fit = RegArimaModel.Fit(Synthetic(120), new RegArimaSpec { Transform = Transform.Log });
        Assert.True(fit.Converged);
        Assert.Equal(120 - 13, fit.EffectiveObservations);
        Assert.Equal(fit.EffectiveObservations, fit.Residuals.Count);
        // The residuals are the last N of a vector whose squares sum to N σ̂² (q = 13 more in front).
        double ss = fit.Residuals.Sum(r => r * r);
        Assert.True(ss <= fit.Variance * fit.EffectiveObservations * (1 + 1e-12));
        Assert.True(ss > 0.8 * fit.Variance * fit.EffectiveObservations);
        var (q, df, p) = fit.LjungBox(24);
        Assert.Equal(22, df);
        Assert.True(q > 0 && p is >= 0 and <= 1);
        Assert.Equal(12, fit.Forecasts.Count);
        Assert.All(fit.Forecasts, f => Assert.True(f.Lower < f.Point && f.Point < f.Upper));
        Assert.Equal(new YearMonth(2010, 1), fit.Forecasts[0].Month);
        // A warm start from the estimate converges at once to the same estimate.
        var again = RegArimaModel.Fit(Synthetic(120), new RegArimaSpec { Transform = Transform.Log, InitialArma = fit.ArmaValues });
        Assert.Equal(fit.Arma[0].Estimate, again.Arma[0].Estimate, 4);
        Assert.True(again.LikelihoodEvaluations < fit.LikelihoodEvaluations);
    }

    [Fact]
    public void BadInputs_ClearErrors()
    {
        var s = Synthetic(60);
        var e1 = Assert.Throws<ArgumentException>(() => RegArimaModel.Fit(s.With(3, -1), new RegArimaSpec { Transform = Transform.Log }));
        Assert.Contains("positive", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<ArgumentException>(() => RegArimaModel.Fit(s, new RegArimaSpec { Outliers = [new Outlier(OutlierKind.AO, new YearMonth(2030, 1))] }));
        Assert.Contains("outside the span", e2.Message, StringComparison.Ordinal);
        var e3 = Assert.Throws<ArgumentException>(() => RegArimaModel.Fit(s, new RegArimaSpec
        {
            UserRegressors = [new UserRegressor("x", new MonthlySeries(Jan2000, new double[60]))],
        }));
        Assert.Contains("forecast horizon", e3.Message, StringComparison.Ordinal);
        var e4 = Assert.Throws<CollinearRegressorsException>(() => RegArimaModel.Fit(s, new RegArimaSpec
        {
            Outliers = [new Outlier(OutlierKind.AO, Jan2000.AddMonths(5)), new Outlier(OutlierKind.AO, Jan2000.AddMonths(5))],
        }));
        Assert.Contains("collinear", e4.Message, StringComparison.Ordinal);
        var e6 = Assert.Throws<ArgumentException>(() => RegArimaModel.Fit(s, new RegArimaSpec { InitialArma = [0.1] }));
        Assert.Contains("2 ARMA parameters", e6.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RegArimaModel.Fit(s, new RegArimaSpec { EasterWindow = 30 }));
        Assert.Throws<ArgumentException>(() => RegArimaModel.Fit(s, new RegArimaSpec { FixArma = true }));
        // 14 months, airline: N = 1 after differencing, fewer than the 2 ARMA parameters + 1.
        var e5 = Assert.Throws<ArgumentException>(() => RegArimaModel.Fit(Synthetic(14), new RegArimaSpec()));
        Assert.Contains("too short", e5.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArimaOrder_ParsesX13Notation()
    {
        Assert.Equal(new ArimaOrder(2, 1, 0, 1, 1, 1), ArimaOrder.Parse("(2 1 0)(1 1 1)"));
        Assert.Equal("(0 1 1)(0 1 1)", ArimaOrder.Airline.ToString());
        Assert.Throws<FormatException>(() => ArimaOrder.Parse("(0 1 1)"));
    }

    [Fact]
    public void Fit_SeasonalMaConvergingOntoTheUnitCircle_StillOptimisesTheOtherCoefficients()
    {
        // India's IIP cut at 2013-11, log (0 1 1)(0 1 1) with td1coef and a constant: X-13 1.1 b60 estimates
        // θ₁ = 0.35576, Θ₁ = 0.99991 (variance 0.41722E-03). The likelihood is flat in Θ₁ near 1, where the
        // Gauss–Newton steps of θ₁ vanish with Θ₁'s: the estimator stopped at θ₁ = 0.3085 (log-likelihood lower by
        // 0.11) until the operator on the circle was held while the others were optimised.
        var full = X13Run.Load("seasonal.iip__auto").Series;
        var series = full.Slice(full.Start, full.End.AddMonths(-12));
        var spec = new RegArimaSpec { Transform = Transform.Log, TradingDay = TradingDay.OneCoefficient, Constant = true, ForecastHorizon = 0 };
        var fit = RegArimaModel.Fit(series, spec);
        var atX13 = RegArimaModel.Fit(series, spec with { InitialArma = [0.35576, 0.99991], FixArma = true });
        Assert.Equal(0.35576, fit.Arma[0].Estimate, 0.001);
        Assert.True(fit.Arma[1].Estimate > 0.999, $"seasonal MA {fit.Arma[1].Estimate}");
        Assert.True(fit.LogLikelihood >= atX13.LogLikelihood - 1e-4, $"{fit.LogLikelihood} < {atX13.LogLikelihood}");
        Assert.Equal(0.41722e-3, fit.Variance, 0.0001e-3);
    }
}
