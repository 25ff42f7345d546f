using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.RegArima;

namespace Ballast.Statistics.Tests.TimeSeries.RegArima;

/// <summary>
/// The unit-root test of automdl (X-13 iddiff.f) and its Hannan–Rissanen estimates: hand-worked root checks, the
/// least-squares estimate recomputed directly, and the orders of differencing of series whose unit roots are known
/// by construction. Agreement with X-13's own first identification on the 49 reference runs is in
/// <see cref="AutomaticModelGoldenTests"/>.
/// </summary>
public sealed class DifferencingIdentificationTests
{
    [Fact]
    public void RootCheck_HandWorkedPolynomials()
    {
        // 1 − 0.5z: root 2, outside 1/0.96; the largest inverse root 0.5 is recorded.
        var r = DifferencingIdentification.RootCheck([0.5, 0.0], [0.5]);
        Assert.Equal((0, 0), (r.Regular, r.Seasonal));
        Assert.Equal(0.5, r.RmaxRegular, 12);
        Assert.Equal(0.5, r.RmaxSeasonal, 12);
        Assert.True(r.Stationary);

        // 1 − 0.5z − 0.5z² = (1 − z)(1 + 0.5z): roots 1 (a unit root) and −2 (negative: neither counted nor recorded).
        r = DifferencingIdentification.RootCheck([0.5, 0.5], [0.0]);
        Assert.Equal((1, 0), (r.Regular, r.Seasonal));
        Assert.Equal(-999.0, r.RmaxRegular);
        Assert.True(r.Stationary); // a root on the unit circle is not inside it

        // Seasonal 1 − 0.99z: root 1.0101 ≤ 1/0.96 = 1.041667, a seasonal unit root; 1 − 0.95z: root 1.0526, not one.
        r = DifferencingIdentification.RootCheck([0.0, 0.0], [0.99]);
        Assert.Equal((0, 1), (r.Regular, r.Seasonal));
        r = DifferencingIdentification.RootCheck([0.0, 0.0], [0.95]);
        Assert.Equal((0, 0), (r.Regular, r.Seasonal));
        Assert.Equal(0.95, r.RmaxSeasonal, 12);

        // 1 − 1.1z: root 0.909 inside the unit circle: a unit root, and the estimate is not stationary.
        r = DifferencingIdentification.RootCheck([1.1, 0.0], [0.0]);
        Assert.Equal(1, r.Regular);
        Assert.False(r.Stationary);

        // 1 + 0.9z²: roots ±i/√0.9, real part 0: not counted.
        r = DifferencingIdentification.RootCheck([0.0, -0.9], [0.0]);
        Assert.Equal(0, r.Regular);
    }

    [Fact]
    public void HannanRissanen_PureAutoregression_IsOrdinaryLeastSquaresOnTheLags()
    {
        var x = Simulate(600, seed: 7, (w, a, t) => 0.6 * Lag(w, t, 1) + a[t]);
        var mc = MeanCorrected(x);
        var est = HannanRissanen.Fit(mc, 1, 0, 0, 0);
        Assert.NotNull(est);
        // Independent recomputation: φ = Σ x_t x_{t−1} / Σ x_{t−1}², t = 1..n−1.
        double sxy = 0, sxx = 0;
        for (int t = 1; t < mc.Length; t++) { sxy += mc[t] * mc[t - 1]; sxx += mc[t - 1] * mc[t - 1]; }
        Assert.Equal(sxy / sxx, est.Ar[0], 12);
        Assert.InRange(est.Ar[0], 0.5, 0.7);
    }

    [Fact]
    public void HannanRissanen_SeasonalArma_RecoversTheParameters()
    {
        // (1 − 0.5B)(1 − 0.6B¹²) w = (1 − 0.3B)(1 − 0.4B¹²) a, 4,000 months: the estimates are consistent.
        var w = Simulate(4000, seed: 11, (w, a, t) =>
            0.5 * Lag(w, t, 1) + 0.6 * Lag(w, t, 12) - 0.3 * Lag(w, t, 13)
            + a[t] - 0.3 * Lag(a, t, 1) - 0.4 * Lag(a, t, 12) + 0.12 * Lag(a, t, 13));
        var est = HannanRissanen.Fit(MeanCorrected(w), 1, 1, 1, 1);
        Assert.NotNull(est);
        // Least squares on estimated innovations is consistent but not efficient: within 0.15 of the truth (a sign
        // or a misplaced seasonal column would be far off).
        Assert.InRange(est.Ar[0], 0.35, 0.65);
        Assert.InRange(est.SeasonalAr[0], 0.45, 0.75);
        Assert.InRange(est.Ma[0], 0.15, 0.45);
        Assert.InRange(est.SeasonalMa[0], 0.25, 0.55);
    }

    [Fact]
    public void StationaryNoiseAroundALevel_IsNotDifferenced_AndItsMeanIsSignificant()
    {
        var x = Simulate(240, seed: 3, (w, a, t) => 0.3 * Lag(w, t, 1) + a[t]).Select(v => 100 + v).ToArray();
        var c = DifferencingIdentification.Identify(Monthly(x), (2, 1));
        Assert.Equal((0, 0), (c.Regular, c.Seasonal));
        Assert.True(c.MeanSignificant);
    }

    [Fact]
    public void AirlineProcess_GetsOneRegularAndOneSeasonalDifference()
    {
        var c = DifferencingIdentification.Identify(Monthly(Airline()), (2, 1));
        Assert.Equal((1, 1), (c.Regular, c.Seasonal));
        Assert.False(c.MeanSignificant);
    }

    [Fact]
    public void SeasonalRandomWalkWithStationaryNoise_GetsOnlyTheSeasonalDifference()
    {
        // (1 − B¹²) y = u, (1 − 0.3B) u = a: a seasonal unit root only.
        var u = Simulate(240, seed: 9, (u, a, t) => 0.3 * Lag(u, t, 1) + a[t]);
        var y = new double[u.Length];
        for (int t = 0; t < y.Length; t++) y[t] = (t >= 12 ? y[t - 12] : 50 + 10 * Math.Sin(t)) + u[t];
        var c = DifferencingIdentification.Identify(Monthly(y), (2, 1));
        Assert.Equal((0, 1), (c.Regular, c.Seasonal));
    }

    [Fact]
    public void MaxDifferencing_CapsTheOrders()
    {
        var c = DifferencingIdentification.Identify(Monthly(Airline()), (0, 1));
        Assert.Equal(0, c.Regular);
    }

    [Fact]
    public void ImposedDifferencing_SkipsTheTest_AndIsUsedByTheOrderSearch()
    {
        var run = X13Run.Load("ipi_c_eu.MT__auto"); // X-13's first identification there is (0 1)
        var m = AutomaticModel.Identify(run.Series, new AutomaticSpec { Differencing = (1, 1), IdentifyOutliers = false });
        Assert.Empty(m.DifferencingChoices);
        Assert.Equal(1, m.Order.D);
        Assert.Equal(1, m.Order.SeasonalD);
        var identified = AutomaticModel.Identify(run.Series, new AutomaticSpec { IdentifyOutliers = false }); // identified by default
        Assert.Equal((0, 1), (identified.DifferencingChoices[0].Regular, identified.DifferencingChoices[0].Seasonal));
    }

    [Fact]
    public void Overdifferencing_MaRootAtOne_TakesADifferenceAway()
    {
        var airline = ArimaOrder.Airline;
        // θ = 0.9995: 1 − θ within 0.001 of 0, an MA root at 1 cancelling the regular difference.
        Assert.Equal(new ArimaOrder(0, 0, 0, 0, 1, 1), AutomaticModel.Overdifferenced(airline, [0.9995]));
        Assert.Equal(airline, AutomaticModel.Overdifferenced(airline, [0.998]));
        // (0 1 2): θ₁ + θ₂ = 0.6 + 0.3996 → (0 0 1).
        Assert.Equal(new ArimaOrder(0, 0, 1, 0, 1, 1), AutomaticModel.Overdifferenced(new ArimaOrder(0, 1, 2, 0, 1, 1), [0.6, 0.3996]));
        // No regular difference, or no regular MA: nothing to check.
        Assert.Equal(new ArimaOrder(1, 0, 1, 0, 1, 1), AutomaticModel.Overdifferenced(new ArimaOrder(1, 0, 1, 0, 1, 1), [1.0]));
        Assert.Equal(new ArimaOrder(1, 1, 0, 0, 1, 1), AutomaticModel.Overdifferenced(new ArimaOrder(1, 1, 0, 0, 1, 1), []));
    }

    [Fact]
    public void ShortSeries_TooShortForHannanRissanen_FallsBackWithoutFailing()
    {
        // 24 months: too few rows for the lagged regressions (14 lags in round 1), so every round goes to maximum
        // likelihood; the test still returns orders within maxdiff.
        Assert.Null(HannanRissanen.Fit(new double[24], 2, 1, 0, 0));
        var y = Simulate(24, seed: 13, (y, a, t) => Lag(y, t, 12) + a[t]).Select(v => v + 50).ToArray();
        var c = DifferencingIdentification.Identify(Monthly(y), (2, 1));
        Assert.InRange(c.Regular, 0, 2);
        Assert.InRange(c.Seasonal, 0, 1);
    }

    [Fact]
    public void OrderSearch_ModelWithoutArmaTerms_GivesWayToTheNextInTheRanking()
    {
        // (1 − B)(1 − B¹²) y = a, seed 1: the search ranks (0 1 0)(0 1 0) first (it ends the identification when the
        // rule is off); X-13 (amdid.f) takes the next model of its best five instead, one with an ARMA term.
        var y = Simulate(240, seed: 1, (y, a, t) => Lag(y, t, 1) + Lag(y, t, 12) - Lag(y, t, 13) + a[t]).Select(v => v + 500).ToArray();
        var m = AutomaticModel.Identify(Monthly(y), new AutomaticSpec
        {
            Transform = Transform.None, Differencing = (1, 1), IdentifyOutliers = false, TestEaster = false,
        });
        var o = m.Order;
        Assert.Equal((1, 1), (o.D, o.SeasonalD));
        Assert.True(o.P + o.Q + o.SeasonalP + o.SeasonalQ >= 1, o.ToString());
    }

    [Fact]
    public void SeriesWithGaps_IsRefused()
    {
        var x = Enumerable.Range(0, 60).Select(i => i == 13 ? double.NaN : 100.0 + i % 12).ToArray();
        Assert.Throws<ArgumentException>(() => DifferencingIdentification.Identify(Monthly(x), (2, 1)));
    }

    private static MonthlySeries Monthly(double[] values) => new(new YearMonth(2000, 1), values);

    /// <summary>(1 − B)(1 − B¹²) y = (1 − 0.4B)(1 − 0.5B¹²) a around 500, 240 months: a regular and a seasonal unit root.</summary>
    private static double[] Airline() => Simulate(240, seed: 5, (y, a, t) =>
            Lag(y, t, 1) + Lag(y, t, 12) - Lag(y, t, 13)
            + a[t] - 0.4 * Lag(a, t, 1) - 0.5 * Lag(a, t, 12) + 0.2 * Lag(a, t, 13))
        .Select(v => v + 500).ToArray();

    private static double Lag(double[] x, int t, int k) => t >= k ? x[t - k] : 0.0;

    /// <summary>A series from a recursion on itself and Gaussian innovations a (Box–Muller, seeded), after a burn-in.</summary>
    private static double[] Simulate(int n, int seed, Func<double[], double[], int, double> next)
    {
        const int burn = 200;
        var rng = new Random(seed);
        var a = new double[n + burn];
        for (int t = 0; t < a.Length; t++)
            a[t] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var w = new double[n + burn];
        for (int t = 0; t < w.Length; t++) w[t] = next(w, a, t);
        return w[burn..];
    }

    private static double[] MeanCorrected(double[] x)
    {
        double m = x.Average();
        return x.Select(v => v - m).ToArray();
    }
}
