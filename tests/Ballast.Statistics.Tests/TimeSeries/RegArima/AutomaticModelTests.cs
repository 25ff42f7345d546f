using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;

namespace Ballast.Statistics.Tests.TimeSeries.RegArima;

public sealed class AutomaticModelTests
{
    [Fact]
    public void EverythingImposed_GivesTheFixedModelFit()
    {
        // cnprod.ore__auto with X-13's choices imposed: Log, airline, no trading day, AO1998.Dec.
        var run = X13Run.Load("cnprod.ore__auto");
        var spec = new AutomaticSpec
        {
            Transform = Transform.Log,
            Order = ArimaOrder.Airline,
            TradingDay = TradingDay.None,
            IdentifyOutliers = false,
            Outliers = [Outlier.Parse("AO1998.Dec")],
        };
        var m = AutomaticModel.Identify(run.Series, spec);
        var direct = RegArimaModel.Fit(run.Series, run.Spec);
        Assert.Equal(Transform.Log, m.Transform);
        Assert.Equal(ArimaOrder.Airline, m.Order);
        Assert.Empty(m.Outliers); // imposed outliers are not reported as identified
        Assert.Equal(direct.LogLikelihood, m.Fit.LogLikelihood, 6);
        // Both fits converge to 1e-8 in the objective, from different starting values (the automatic one from its
        // trial fit): the same optimum to well below X-13's printed precision.
        Assert.Equal(direct.Regression[0].Estimate, m.Fit.Regression[0].Estimate, 5);
        Assert.Equal(12, m.Fit.Forecasts.Count);
        Assert.False(double.IsNaN(m.Fit.Arma[0].StandardError)); // the final fit has ARMA standard errors
    }

    [Fact]
    public void ImposedOutlier_IsKeptEvenIfInsignificant()
    {
        // An AO in an ordinary month of a smooth series has |t| far below the critical value; imposed, it stays.
        var run = X13Run.Load("cnprod.ore__auto");
        var imposed = new Outlier(OutlierKind.AO, new YearMonth(2005, 7));
        var m = AutomaticModel.Identify(run.Series, new AutomaticSpec
        {
            Transform = Transform.Log, Order = ArimaOrder.Airline, Outliers = [imposed],
        });
        Assert.Contains(imposed, m.Spec.Outliers);
        Assert.DoesNotContain(imposed, m.Outliers);
        Assert.Contains(new Outlier(OutlierKind.AO, new YearMonth(1998, 12)), m.Outliers);
    }

    [Fact]
    public void NonPositiveValue_IsNotLogged()
    {
        var run = X13Run.Load("cnprod.ore__auto");
        var series = run.Series.With(20, 0.0);
        var m = AutomaticModel.Identify(series, new AutomaticSpec { Order = ArimaOrder.Airline, IdentifyOutliers = false });
        Assert.Equal(Transform.None, m.Transform);
        Assert.Null(m.TransformAicc);
    }

    [Fact]
    public void MissingJanuaryAndFebruary_AreFilledAndNeverOutliers()
    {
        // Chinese data often lack January and February: blank them in two years of cnprod.ore.
        var run = X13Run.Load("cnprod.ore__auto");
        var series = run.Series;
        foreach (var month in new[] { new YearMonth(2003, 1), new YearMonth(2003, 2), new YearMonth(2007, 1), new YearMonth(2007, 2) })
            series = series.With(month - series.Start, double.NaN);
        var m = AutomaticModel.Identify(series, new AutomaticSpec { Transform = null, Order = null, TradingDay = null });
        Assert.DoesNotContain(m.Outliers, o => o.Month == new YearMonth(2003, 1) || o.Month == new YearMonth(2003, 2)
            || o.Month == new YearMonth(2007, 1) || o.Month == new YearMonth(2007, 2));
        Assert.False(double.IsNaN(m.Fit.Filled[new YearMonth(2003, 1) - series.Start]));
        Assert.Equal(4, m.Fit.Regression.Count(r => r.Group == "Missing value"));
        // The big AO of December 1998 is still found.
        Assert.Contains(new Outlier(OutlierKind.AO, new YearMonth(1998, 12)), m.Outliers);
    }

    private static readonly ArimaOrder Mixed = new(1, 1, 1, 0, 1, 1);

    [Fact]
    public void FirstRound_NewModelFailingLjungBoxWherePreviousPassed_GoesBack()
        // Ljung–Box confidence 0.96 ≥ 0.95 against the previous 0.90 < 0.95, in round 1: back, whatever the errors.
        => Assert.True(AutomaticModel.PreferPrevious(1, Mixed, 0.3, (0.96, 0.80), (0.90, 1.00)));

    [Theory]
    // Round 2, new model fails (0.96), previous passes (0.90): back only if the previous error is not clearly larger,
    // sd0 < sd / (1 − 0.0125): 0.99 < 1.0 × 1.012658 = 1.0127 → back; 0.99 < 0.97 × 1.012658 = 0.9823 → no.
    [InlineData(1.00, true)]
    [InlineData(0.97, false)]
    public void SecondRound_NewModelFailingLjungBox_GoesBackUnlessClearlyBetterFit(double sd, bool expected)
        => Assert.Equal(expected, AutomaticModel.PreferPrevious(2, Mixed, 0.3, (0.96, sd), (0.90, 0.99)));

    [Theory]
    // Both pass, the previous one well (0.60 < 0.75): back when the new error is larger (0.99 < 1.00); with a smaller
    // error (0.98) and a better Ljung–Box (0.50 < 0.60) the new model stays.
    [InlineData(1.00, true)]
    [InlineData(0.98, false)]
    public void BothPassing_LargerResidualError_GoesBack(double sd, bool expected)
        => Assert.Equal(expected, AutomaticModel.PreferPrevious(2, Mixed, 0.3, (0.50, sd), (0.60, 0.99)));

    [Theory]
    // (1 0 1)(0 1 1) with φ₁ ≥ 0.82 stands for a missing regular difference: back even though it fits better
    // (Ljung–Box 0.50 against 0.90, error 0.90 against 1.00); φ₁ = 0.80 is below the limit.
    [InlineData(0.85, true)]
    [InlineData(0.80, false)]
    public void NearUnitRegularAr_WithoutRegularDifference_GoesBack(double phi, bool expected)
        => Assert.Equal(expected, AutomaticModel.PreferPrevious(1, new ArimaOrder(1, 0, 1, 0, 1, 1), phi, (0.50, 0.90), (0.90, 1.00)));
}
