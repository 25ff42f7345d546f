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
}
