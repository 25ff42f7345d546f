using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.Warnings;
using FsCheck;
using FsCheck.Fluent;

namespace Ballast.Statistics.Tests.Warnings;

/// <summary>Year-end target risk against cases worked out another way.</summary>
public class TargetRiskTests
{
    private static readonly YearMonth Start = new(2020, 1), June2025 = new(2025, 6);
    private const double Delta = 0.01;

    /// <summary>
    /// log I alternates between log 100 and log 100 + δ: a random walk in logs whose differences are ±δ, so the
    /// maximum-likelihood σ² (Σ w² / n, no constant) is exactly δ².
    /// </summary>
    private static MonthlySeries AlternatingWalk(YearMonth end) =>
        new(Start, Enumerable.Range(0, end - Start + 1).Select(k => 100 * Math.Exp(Delta * (k % 2))));

    private static readonly RegArimaSpec RandomWalkInLogs = new() { Transform = Transform.Log, Order = new ArimaOrder(0, 1, 0, 0, 0, 0) };

    private static double NormalCdf(double z) => MathNet.Numerics.Distributions.Normal.CDF(0, 1, z);

    /// <summary>
    /// December YTD growth of the random walk from 2025-06, in closed form: the rest of the year is
    /// R = I_t Σ_{h=1..6} exp(S_h), S_h ~ N(0, hσ²) with Cov(S_h, S_k) = min(h, k)σ², so
    /// E R = I_t Σ e^{hσ²/2} and Cov(e^{S_h}, e^{S_k}) = e^{(h+k)σ²/2}(e^{min(h,k)σ²} − 1).
    /// </summary>
    private static (double Mean, double Sd) ClosedForm()
    {
        double low = 100, high = 100 * Math.Exp(Delta), s2 = Delta * Delta;
        // 2024 (k = 48..59): six months at each level; 2025-01..06 (k = 60..65) likewise; 2025-06 is k = 65, odd: high.
        double baseYear = 6 * low + 6 * high, observed = 3 * low + 3 * high, last = high;
        double mean = 0, variance = 0;
        for (int h = 1; h <= 6; h++)
        {
            mean += Math.Exp(h * s2 / 2);
            for (int k = 1; k <= 6; k++) variance += Math.Exp((h + k) * s2 / 2) * (Math.Exp(Math.Min(h, k) * s2) - 1);
        }
        double growthMean = (observed + last * mean) / baseYear * 100 - 100;
        double growthSd = last * Math.Sqrt(variance) / baseYear * 100;
        return (growthMean, growthSd);
    }

    [Fact]
    public void RandomWalkInLogs_AtJune_MatchesTheClosedForm()
    {
        var (mean, sd) = ClosedForm();
        // A target half a standard deviation below the mean: P = Φ(−0.5) = 0.3085 (the sum of six lognormals with
        // σ ≤ 2.5 % is normal to well within the Monte Carlo error of ±0.005 with 10,000 paths).
        double target = mean - 0.5 * sd;
        var r = TargetRisk.Assess(AlternatingWalk(June2025), June2025, new TargetRiskOptions { Target = target, Model = RandomWalkInLogs });
        Assert.False(r.Known);
        Assert.Equal(10_000, r.Paths);
        Assert.True(Math.Abs(r.Sigma - Delta) < 1e-9, $"σ {r.Sigma}");
        Assert.True(Math.Abs(r.Probability - NormalCdf(-0.5)) < 0.015, $"P {r.Probability} against {NormalCdf(-0.5)}");
        Assert.True(Math.Abs(r.Mean - mean) < 0.03, $"mean {r.Mean} against {mean}");
        // 90 % interval: mean ± 1.645 sd.
        Assert.True(Math.Abs(r.Low - (mean - 1.6449 * sd)) < 0.06, $"low {r.Low} against {mean - 1.6449 * sd}");
        Assert.True(Math.Abs(r.High - (mean + 1.6449 * sd)) < 0.06, $"high {r.High} against {mean + 1.6449 * sd}");
    }

    [Fact]
    public void SameSeed_SameAnswer_OtherSeed_WithinMonteCarloError()
    {
        var options = new TargetRiskOptions { Target = 0.2, Model = RandomWalkInLogs, Paths = 4000 };
        var a = TargetRisk.Assess(AlternatingWalk(June2025), June2025, options);
        var b = TargetRisk.Assess(AlternatingWalk(June2025), June2025, options);
        var c = TargetRisk.Assess(AlternatingWalk(June2025), June2025, options with { Seed = 7 });
        Assert.Equal(a, b);
        Assert.NotEqual(a.Probability, c.Probability);
        Assert.True(Math.Abs(a.Probability - c.Probability) < 0.05); // 2 × 3.3 SE of a proportion near 0.4 with 4,000 paths
    }

    [Fact]
    public void ProbabilityIsMonotoneInTheTarget()
    {
        var walk = AlternatingWalk(June2025);
        var cases = Arb.From(
            from x in Gen.Choose(-200, 200)
            from y in Gen.Choose(-200, 200)
            from seed in Gen.Choose(1, 1000)
            select (x, y, seed));
        Prop.ForAll(cases, c =>
        {
            var (x, y, seed) = c;
            double lower = Math.Min(x, y) / 100.0, higher = Math.Max(x, y) / 100.0;
            var options = new TargetRiskOptions { Model = RandomWalkInLogs, Paths = 500, Seed = seed };
            var p1 = TargetRisk.Assess(walk, June2025, options with { Target = lower }).Probability;
            var p2 = TargetRisk.Assess(walk, June2025, options with { Target = higher }).Probability;
            Assert.True(p1 <= p2, $"P(<{lower}) = {p1} > P(<{higher}) = {p2}");
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void December_IsKnown_ProbabilityZeroOrOne()
    {
        // 2024 at 100 every month, 2025 at 104: Σ 2025 / Σ 2024 = 1248 / 1200 → growth 4 %.
        var index = new MonthlySeries(new YearMonth(2024, 1), Enumerable.Range(0, 24).Select(k => k < 12 ? 100.0 : 104.0));
        var december = new YearMonth(2025, 12);
        var below = TargetRisk.Assess(index, december, new TargetRiskOptions { Target = 5 });
        Assert.True(below.Known);
        Assert.Equal(1, below.Probability);
        Assert.True(Math.Abs(below.Mean - 4) < 1e-12);
        Assert.Equal(below.Mean, below.Low);
        Assert.Equal(below.Mean, below.High);
        Assert.Equal(0, TargetRisk.Assess(index, december, new TargetRiskOptions { Target = 3 }).Probability);
    }

    [Fact]
    public void MissingMonthOfTheBaseYear_IsRefusedWithTheMonth()
    {
        var index = new MonthlySeries(new YearMonth(2024, 1), Enumerable.Range(0, 18).Select(k => k == 4 ? double.NaN : 100.0));
        var e = Assert.Throws<ArgumentException>(() => TargetRisk.Assess(index, June2025));
        Assert.Contains("2024-05", e.Message, StringComparison.Ordinal);
        var tooLate = new MonthlySeries(new YearMonth(2024, 3), Enumerable.Range(0, 16).Select(_ => 100.0));
        Assert.Contains("2024-01", Assert.Throws<ArgumentException>(() => TargetRisk.Assess(tooLate, June2025)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PsiWeights_Airline_ByHand()
    {
        // (1 − 0.5B)(1 − 0.6B¹²) / ((1 − B)(1 − B¹²)): below lag 12, (1 − 0.5B)/(1 − B) = 1 + 0.5B + 0.5B² + …;
        // at lag 12 the seasonal part adds 1 − 0.6 = 0.4 times (1 + 0.5B + …)'s terms: ψ12 = 0.5 + 0.4 × 1 = 0.9,
        // ψ13 = 0.5 + 0.4 × 0.5 = 0.7.
        ArmaEstimate[] arma = [new("MA", false, 1, 0.5, 0), new("MA", true, 12, 0.6, 0)];
        var psi = TargetRisk.PsiWeights(arma, ArimaOrder.Airline, 14);
        Assert.Equal(1, psi[0], 12);
        for (int j = 1; j < 12; j++) Assert.Equal(0.5, psi[j], 12);
        Assert.Equal(0.9, psi[12], 12);
        Assert.Equal(0.7, psi[13], 12);
    }

    [Fact]
    public void PsiWeights_GiveTheForecastStandardErrorsOfTheRegArimaFit()
    {
        // An AR(1) and airline model with no regressor: the fit's forecast variance is σ² Σ_{j<h} ψ_j².
        var series = new MonthlySeries(Start, Enumerable.Range(0, 72).Select(k =>
            100 * Math.Pow(1.004, k) * (1 + 0.05 * Math.Sin(2 * Math.PI * k / 12)) * (1 + 0.01 * Math.Sin(2.3 * k))));
        var spec = new RegArimaSpec { Order = new ArimaOrder(1, 1, 1, 0, 1, 1) };
        var fit = RegArimaModel.Fit(series, spec);
        var psi = TargetRisk.PsiWeights(fit.Arma, spec.Order, 12);
        double sum = 0;
        for (int h = 1; h <= 12; h++)
        {
            sum += psi[h - 1] * psi[h - 1];
            Assert.Equal(fit.Forecasts[h - 1].StandardErrorTransformed, Math.Sqrt(fit.Variance * sum), 9);
        }
    }

    [Fact]
    public void IdentifiedModel_ExtremeTargets_GiveZeroAndOne()
    {
        var series = new MonthlySeries(Start, Enumerable.Range(0, 66).Select(k =>
            100 * Math.Pow(1.004, k) * (1 + 0.05 * Math.Sin(2 * Math.PI * k / 12)) * (1 + 0.01 * Math.Sin(2.3 * k))));
        var low = TargetRisk.Assess(series, June2025, new TargetRiskOptions { Target = -50, Paths = 1000 });
        var high = TargetRisk.Assess(series, June2025, new TargetRiskOptions { Target = 50, Paths = 1000 });
        Assert.Equal(0, low.Probability);
        Assert.Equal(1, high.Probability);
        // Growth of 0.4 % a month: about 4.9 % a year; the simulated mean is near it.
        Assert.InRange(low.Mean, 3.5, 6.5);
        Assert.True(low.Low < low.Mean && low.Mean < low.High);
        Assert.NotEqual("", low.Model);
    }
}
