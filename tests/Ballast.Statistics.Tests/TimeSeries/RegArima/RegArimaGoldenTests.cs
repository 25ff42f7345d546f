using System.Globalization;
using Ballast.Statistics.TimeSeries.RegArima;
using Xunit.Abstractions;

namespace Ballast.Statistics.Tests.TimeSeries.RegArima;

/// <summary>
/// Fixed-model comparisons with X-13ARIMA-SEATS 1.1 b60 (../shared/data/reference/x13): X-13's chosen
/// transform, ARIMA orders, trading day, Easter, user regressors and outliers are imposed; the estimates,
/// standard errors, likelihood and forecasts must agree.
/// </summary>
public sealed class RegArimaGoldenTests(ITestOutputHelper output)
{
    /// <summary>Runs that agree within the tolerances of <see cref="Passes"/> (44 of the 49 ok runs).</summary>
    private const int PassingRunsReached = 44;

    /// <summary>
    /// Runs known not to agree, and why (see docs/methodology/regarima.md §Agreement with X-13):
    /// ES, IT, CY: X-13 stopped (tolerance 1e-5) short of the maximum in a flat likelihood; we find a higher
    /// likelihood (+2.0, +1.6, +3.9). TR: X-13 reached a higher local maximum (MA1 = 0.994) that our start at
    /// 0.1 does not. plastic: the seasonal MA goes to the unit circle; X-13 stops at 0.9985, we go on to 0.99999,
    /// which moves the other estimates by 1.5e-3. (ME and iip agree since the estimator holds an operator that
    /// reached the unit circle while it optimises the others.)
    /// </summary>
    private static readonly HashSet<string> KnownDifferent = new(StringComparer.Ordinal)
    {
        "ipi_c_eu.ES__auto", "ipi_c_eu.IT__auto", "ipi_c_eu.CY__auto", "ipi_c_eu.TR__auto", "cnprod.plastic__auto",
    };

    private static bool Passes(X13Run.Comparison c) =>
        c.Arma <= 1e-3 && c.Regression <= 1e-3 && c.ForecastRelative <= 1e-3 && c.LimitsRelative <= 1e-3;

    [Fact]
    public void Ore_AirlineLogOneAo_MatchesX13()
    {
        // cnprod.ore__auto: Log, (0 1 1)(0 1 1), AO1998.Dec, no trading day.
        var run = X13Run.Load("cnprod.ore__auto");
        var fit = RegArimaModel.Fit(run.Series, run.Spec);
        Assert.True(fit.Converged);
        Assert.Equal(178, fit.EffectiveObservations); // X-13 nefobs
        Assert.Equal(0.48100264589733, fit.Arma[0].Estimate, 4);
        Assert.Equal(0.064136998079682, fit.Arma[0].StandardError, 4);
        Assert.Equal(0.75366782566797, fit.Arma[1].Estimate, 4);
        Assert.Equal(0.05022120143067, fit.Arma[1].StandardError, 4);
        var ao = Assert.Single(fit.Regression);
        Assert.Equal("AO1998.Dec", ao.Name);
        Assert.Equal(0.373718756906087, ao.Estimate, 4);
        Assert.Equal(0.0649263480171933, ao.StandardError, 4);
        Assert.Equal(5.75604155045224, ao.T, 2);
        Assert.Equal(0.56920618652706E-02, fit.Variance, 6);  // variance$mle
        Assert.Equal(0.202274623939147E+03, fit.LogLikelihood, 2);
        Assert.Equal(0.339994864981047E+04, fit.Aicc, 2);
        Assert.Equal(0.339971743593763E+04, fit.Aic, 2);
        Assert.Equal(0.341244457013880E+04, fit.Bic, 2);
        // Residual autocorrelation flagged by X-13 (sigacf$06: −0.1911).
        Assert.Equal(-0.1911, fit.ResidualAutocorrelation(6), 4);
        Assert.Equal(178, fit.Residuals.Count);
        Assert.Equal(93142.13737, fit.Forecasts[0].Point, 0);
        Assert.Equal(80338.963, fit.Forecasts[0].Lower, 0);
        Assert.Equal(202344.9823, fit.Forecasts[11].Upper, 202344.9823 * 1e-5);
    }

    [Theory]
    [InlineData("cnprod.cement__auto_cny")]   // user-defined Spring Festival regressors, LS and TC outliers
    [InlineData("cnprod.clothes__auto")]      // eight outliers of all three types
    [InlineData("ipi_c_eu.CZ__auto")]         // log, td (prior leap-year factor), Easter[8]
    [InlineData("ipi_c_eu.BE__auto")]         // no transform, td1coef + leap-year regressor, Easter[1]
    [InlineData("ipi_c_eu.EE__auto")]         // (2 1 0)(1 1 1): AR and seasonal AR
    [InlineData("cnprod.oil__auto")]          // (0 1 0)(1 1 1), no transform, td
    [InlineData("seasonal.imp__auto")]        // 30 years, td1coef
    public void FixedModel_MatchesX13(string id)
    {
        var run = X13Run.Load(id);
        var fit = RegArimaModel.Fit(run.Series, run.Spec);
        var c = run.Compare(fit);
        Assert.True(Passes(c), $"{id}: {c}");
        Assert.True(c.RegressionSeRelative < 1e-3, $"{id}: regression standard errors {c.RegressionSeRelative}");
        // ARMA standard errors (oil: 3e-3, its likelihood is flat and the estimates differ by 3e-4).
        Assert.True(c.ArmaSeRelative < 5e-3, $"{id}: ARMA standard errors {c.ArmaSeRelative}");
        Assert.Equal(run.Aicc, fit.Aicc, 1);
        Assert.Equal(run.Variance, fit.Variance, 1e-3 * run.Variance);
    }

    [Fact]
    public void AllOkRuns_PassCountAtLeastReached()
    {
        int passing = 0;
        var unexpected = new List<string>();
        foreach (var id in X13Run.OkRuns())
        {
            var run = X13Run.Load(id);
            var fit = RegArimaModel.Fit(run.Series, run.Spec);
            var c = run.Compare(fit);
            bool ok = Passes(c);
            if (ok)
            {
                passing++;
                // Where the estimates agree, so must the AICC and the standard errors (except iip's AICC: X-13's
                // printed log-likelihood is 7.5 below that of its own estimates, see the test below).
                if (id != "seasonal.iip__auto")
                    Assert.True(Math.Abs(fit.Aicc - run.Aicc) < 1e-2, $"{id}: AICC {fit.Aicc} vs {run.Aicc}");
                Assert.True(c.RegressionSeRelative < 1e-3, $"{id}: regression standard errors {c.RegressionSeRelative}");
                Assert.True(c.ArmaSeRelative < 5e-3, $"{id}: ARMA standard errors {c.ArmaSeRelative}");
            }
            else if (!KnownDifferent.Contains(id)) unexpected.Add(id);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(ok ? "pass" : "DIFF")} {id,-26} arma {c.Arma:E1} reg {c.Regression:E1} fcst {c.ForecastRelative:E1} lim {c.LimitsRelative:E1} armaSE {c.ArmaSeRelative:E1} regSE {c.RegressionSeRelative:E1} dLL {fit.LogLikelihood - run.LogLikelihood:F3} it {fit.Iterations}"));
        }
        Assert.Empty(unexpected);
        Assert.True(passing >= PassingRunsReached, $"{passing} runs agree with X-13, fewer than the {PassingRunsReached} reached");
    }

    [Fact]
    public void AllOkRuns_AtX13ArmaValues_ReproduceLikelihoodRegressionAndForecasts()
    {
        // With the ARMA parameters fixed at X-13's estimates, the likelihood, GLS and forecasts must agree for
        // every run: what remains of the differences above is the optimiser's.
        double worstLl = 0, worstReg = 0, worstFc = 0, worstLim = 0;
        string worstId = "";
        foreach (var id in X13Run.OkRuns())
        {
            // Two runs where X-13's printed numbers are not consistent with its own printed ARMA values: iip
            // (printed log-likelihood 7.5 below that of its estimates) and CY (β and likelihood 0.095 away:
            // presumably X-13 stopped in a flat likelihood between an ARMA update and the GLS update).
            if (id is "seasonal.iip__auto" or "ipi_c_eu.CY__auto") continue;
            var run = X13Run.Load(id);
            var fit = RegArimaModel.Fit(run.Series, run.Spec with { InitialArma = run.Arma.Select(a => a.Estimate).ToList(), FixArma = true });
            var c = run.Compare(fit);
            double dll = Math.Abs(fit.LogLikelihood - run.LogLikelihood);
            if (dll > 1e-6 || c.Regression > 1e-7 || c.ForecastRelative > 1e-7)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id,-26} dLL {dll:E1} reg {c.Regression:E1} fcst {c.ForecastRelative:E1} lim {c.LimitsRelative:E1}"));
            if (dll > worstLl) { worstLl = dll; worstId = id; }
            worstReg = Math.Max(worstReg, c.Regression);
            worstFc = Math.Max(worstFc, c.ForecastRelative);
            worstLim = Math.Max(worstLim, c.LimitsRelative);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst |dLL| {worstLl:E2} ({worstId}), regression {worstReg:E2}, forecast {worstFc:E2}, limits {worstLim:E2}"));
        Assert.True(worstLl < 1e-4, $"log-likelihood differs by {worstLl} in {worstId}");
        Assert.True(worstReg < 1e-6, $"regression estimates differ by {worstReg}");
        Assert.True(worstFc < 1e-6, $"forecasts differ by {worstFc}");
        Assert.True(worstLim < 1e-4, $"forecast limits differ by {worstLim}");
    }
}
