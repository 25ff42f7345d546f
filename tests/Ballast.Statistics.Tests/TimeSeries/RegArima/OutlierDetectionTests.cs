using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;

namespace Ballast.Statistics.Tests.TimeSeries.RegArima;

public sealed class OutlierDetectionTests
{
    [Theory]
    // X-13 1.1 b60's aocrit in the reference runs' diagnostics (nobsoutlierspan → critical value).
    [InlineData(116, 3.84333538327736)]
    [InlineData(123, 3.85615770071240)]
    [InlineData(180, 3.93559288915549)]
    [InlineData(191, 3.94739616950706)]
    [InlineData(252, 4.00067395151017)]
    [InlineData(274, 4.01618561394882)]
    [InlineData(372, 4.07073856468784)]
    public void DefaultCriticalValue_EqualsX13(int observations, double x13)
    {
        Assert.Equal(x13, OutlierDetection.DefaultCriticalValue(observations), 1e-9);
    }

    [Fact]
    public void DefaultCriticalValue_TwoObservations_IsTheNormalQuantile()
    {
        // At n = 2 the curve passes through Φ⁻¹((1 + √(1 − 0.05)) / 2) = Φ⁻¹(0.987340) = 2.2365.
        Assert.Equal(2.2365, OutlierDetection.DefaultCriticalValue(2), 3);
    }

    [Fact]
    public void Identify_PlantedLevelShiftAndAdditiveOutlier_AreFound()
    {
        // A deterministic seasonal pattern plus a slow wave, with a level shift of +30 from 2012-01 and a
        // spike of +25 in 2015-06; the noise is a fixed pseudo-random sequence of unit size.
        var start = new YearMonth(2005, 1);
        var values = new double[180];
        uint state = 12345;
        for (int t = 0; t < values.Length; t++)
        {
            state = state * 1664525 + 1013904223;
            double noise = (state >> 8) / (double)(1 << 24) - 0.5;
            values[t] = 100 + 10 * Math.Sin(2 * Math.PI * (t % 12) / 12) + 0.05 * t + 2 * noise;
            if (start.AddMonths(t) >= new YearMonth(2012, 1)) values[t] += 30;
            if (start.AddMonths(t) == new YearMonth(2015, 6)) values[t] += 25;
        }
        var series = new MonthlySeries(start, values);
        var spec = new RegArimaSpec { Transform = Transform.None, ForecastHorizon = 0 };
        var fit = OutlierDetection.Identify(series, spec, OutlierDetection.DefaultCriticalValue(series.Length));
        Assert.Contains(new Outlier(OutlierKind.LS, new YearMonth(2012, 1)), fit.Spec.Outliers);
        Assert.Contains(new Outlier(OutlierKind.AO, new YearMonth(2015, 6)), fit.Spec.Outliers);
        // Every kept outlier passes the critical value with the ordinary t-statistic (backward deletion).
        foreach (var r in fit.Regression.Where(r => r.Group == "Outliers"))
            Assert.True(Math.Abs(r.T) >= OutlierDetection.DefaultCriticalValue(series.Length), r.Name);
    }

    [Fact]
    public void Identify_WhenNearlyEveryMonthQualifies_StopsAtTheCeiling_AndStillFits()
    {
        // With a critical value of 0.5 almost every month's candidate passes, as in a series the model fits badly.
        // Without a ceiling the search adds outliers until the regression cannot be estimated; with it, it stops
        // at one per five months after the first seasonal difference: (72 − 13) / 5 = 11.
        var start = new YearMonth(2019, 1);
        var values = new double[72];
        uint state = 777;
        for (int t = 0; t < values.Length; t++)
        {
            state = state * 1664525 + 1013904223;
            double noise = (state >> 8) / (double)(1 << 24) - 0.5;
            values[t] = 200 + 15 * Math.Sin(2 * Math.PI * (t % 12) / 12) + 0.1 * t + 4 * noise;
        }
        var series = new MonthlySeries(start, values);
        var spec = new RegArimaSpec { Transform = Transform.None, ForecastHorizon = 0 };
        var fit = OutlierDetection.Identify(series, spec, criticalValue: 0.5);
        Assert.Equal(11, fit.Spec.Outliers.Count);
        Assert.True(double.IsFinite(fit.LogLikelihood));
    }

    /// <summary>
    /// India's IIP cut at 2013-11 (the `last12` hold-out origin), X-13's default model of that span:
    /// log, (0 1 1)(0 1 1), td1coef and a constant.
    /// </summary>
    private static (MonthlySeries Series, RegArimaSpec Spec) IndiaIipLast12()
    {
        var full = X13Run.Load("seasonal.iip__auto").Series;
        var series = full.Slice(full.Start, full.End.AddMonths(-12));
        var spec = new RegArimaSpec { Transform = Transform.Log, TradingDay = TradingDay.OneCoefficient, Constant = true, ForecastHorizon = 0 };
        return (series, spec);
    }

    [Fact]
    public void CandidateTStatistics_IndiaIipDefaultModel_EqualX13FirstForwardPass()
    {
        // X-13 1.1 b60 on that span (outlier{print=all}, forward addition pass 1) prints robust root mse 1.39E-02 and
        // the t-values AO2011.Oct −4.6589, LS2008.Dec −4.73783, LS2006.Nov 4.46626, TC2006.Nov 4.1791, AO2006.Nov
        // 4.047, and adds LS2008.Dec first. The robust root mse is median |residual| / 0.6745 of the model's exact
        // residuals: the standardised innovations give 1.65E-02 here (seasonal MA ≈ 1), and then AO2011.Oct first.
        var (series, spec) = IndiaIipLast12();
        var fit = RegArimaModel.Fit(series, spec);
        var all = OutlierDetection.CandidateTStatistics(series, fit, [OutlierKind.AO, OutlierKind.LS, OutlierKind.TC], out double sigma);
        Assert.Equal(1.39e-2, sigma, 0.005e-2);
        double T(OutlierKind kind, int year, int month) => all.Single(a => a.Outlier == new Outlier(kind, new YearMonth(year, month))).T;
        Assert.Equal(-4.6589, T(OutlierKind.AO, 2011, 10), 0.005);
        Assert.Equal(-4.7378, T(OutlierKind.LS, 2008, 12), 0.005);
        Assert.Equal(4.4663, T(OutlierKind.LS, 2006, 11), 0.005);
        Assert.Equal(4.1791, T(OutlierKind.TC, 2006, 11), 0.005);
        Assert.Equal(4.0470, T(OutlierKind.AO, 2006, 11), 0.005);
        Assert.Equal(new Outlier(OutlierKind.LS, new YearMonth(2008, 12)), all.MaxBy(a => Math.Abs(a.T)).Outlier);
    }

    [Fact]
    public void CandidateTStatistics_LevelShiftAtSecondOrLastMonth_IsNotACandidateWhenAdditiveOutliersAre()
    {
        // X-13 (idotlr.f) skips LS at the first month, and with AOs searched LS at the second and last month and TC
        // at the last, which only repeat the AO there once differenced.
        var (series, spec) = IndiaIipLast12();
        var fit = RegArimaModel.Fit(series, spec);
        var all = OutlierDetection.CandidateTStatistics(series, fit, [OutlierKind.AO, OutlierKind.LS, OutlierKind.TC], out _);
        Assert.DoesNotContain(all, a => a.Outlier == new Outlier(OutlierKind.LS, series.Start));
        Assert.DoesNotContain(all, a => a.Outlier == new Outlier(OutlierKind.LS, series.Start.AddMonths(1)));
        Assert.DoesNotContain(all, a => a.Outlier == new Outlier(OutlierKind.LS, series.End));
        Assert.DoesNotContain(all, a => a.Outlier == new Outlier(OutlierKind.TC, series.End));
        Assert.Contains(all, a => a.Outlier == new Outlier(OutlierKind.AO, series.End));
        Assert.Contains(all, a => a.Outlier == new Outlier(OutlierKind.LS, series.Start.AddMonths(2)));
        // Without AOs searched the LS at the last month is one.
        var lsOnly = OutlierDetection.CandidateTStatistics(series, fit, [OutlierKind.LS], out _);
        Assert.Contains(lsOnly, a => a.Outlier == new Outlier(OutlierKind.LS, series.End));
    }

    [Fact]
    public void Identify_IndiaIipDefaultModel_AddsOneAtATimeAsX13()
    {
        // X-13's forward passes at the critical value 3.82 (n = 104): +LS2008.Dec (|t| 4.74), then nothing above it
        // (pass 2, robust root mse 1.51E-02); the backward pass keeps it. Adding the largest three of pass 1 at
        // once with the ARMA values held, as Ballast did before, kept AO2011.Oct and LS2006.Nov instead.
        var (series, spec) = IndiaIipLast12();
        var fit = OutlierDetection.Identify(series, spec, OutlierDetection.DefaultCriticalValue(104));
        Assert.Equal([new Outlier(OutlierKind.LS, new YearMonth(2008, 12))], fit.Spec.Outliers);
    }
}
