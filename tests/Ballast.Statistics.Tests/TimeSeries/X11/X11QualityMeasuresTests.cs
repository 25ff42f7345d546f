using Ballast.Statistics.TimeSeries.X11;

namespace Ballast.Statistics.Tests.TimeSeries.X11;

public class X11QualityMeasuresTests
{
    [Fact]
    public void AverageDurationOfRun_ThreeRuns_IsStepsOverRuns()
    {
        // 1,2,3 rise; 3,2,1 fall; 1,2 rise: 3 runs over 5 steps → 5/3.
        Assert.Equal(5 / 3.0, X11QualityMeasures.AverageDurationOfRun([1, 2, 3, 2, 1, 2]), 15);
    }

    [Fact]
    public void StableSeasonalityF_TwoYears_MatchesHandComputedAnova()
    {
        // Month j (1..12) has values j + 1 and j − 1: between-months SS = 2 Σ (j − 6.5)² = 2 × 143 = 286 on 11
        // degrees of freedom, within SS = 24 × 1 = 24 on 12: F = (286 / 11) / (24 / 12) = 13.
        var d8 = Enumerable.Range(0, 24).Select(t => (t % 12 + 1) + (t < 12 ? 1.0 : -1.0)).ToArray();
        Assert.Equal(13.0, X11QualityMeasures.StableSeasonalityF(d8), 10);
    }

    [Fact]
    public void MovingSeasonalityF_ThreeYears_MatchesHandComputedTwoWayAnova()
    {
        // |SI − 1| laid out years × months: year 1 all 0.01, year 2 all 0.03, year 3 alternating 0.01/0.03
        // (mean 0.02). Grand mean 0.02; years SS = 12 × (0.01² + 0.01² + 0) = 0.0024 on 2 df; months SS:
        // column means 0.0166.. / 0.0233.. → 12 × 3 × (1/300)² = 0.0004; total SS = 12 × 0.0001 × 3 = 0.0036;
        // error SS = 0.0036 − 0.0024 − 0.0004 = 0.0008 on 22 df. F = (0.0024 / 2) / (0.0008 / 22) = 33.
        var d8 = new double[36];
        for (int t = 0; t < 36; t++)
        {
            int year = t / 12;
            double dev = year == 0 ? 0.01 : year == 1 ? 0.03 : (t % 2 == 0 ? 0.01 : 0.03);
            d8[t] = 1 + dev;
        }
        Assert.Equal(33.0, X11QualityMeasures.MovingSeasonalityF(d8, 1, additive: false), 8);
    }

    [Fact]
    public void MeanAbsoluteChanges_Multiplicative_ArePercentages()
    {
        // 100, 110, 99: one-month changes +10 % and −10 % → mean 10; two-month change −1 % → 1.
        var bar = X11QualityMeasures.MeanAbsoluteChanges([100.0, 110.0, 99.0], additive: false);
        Assert.Equal(10.0, bar[0], 12);
        Assert.Equal(1.0, bar[1], 12);
    }

    [Fact]
    public void Q_IsTheWeightedMeanOfTheMeasures()
    {
        // On a reference run, Q recomputed from the reported measures with X-11's weights (10, 11, 10, 8, 11, 10,
        // 18, 7, 7, 4, 4; M6 left out unless the 3x5 filter was chosen by the MSR) equals the reported Q.
        var run = X13ReferenceRun.Load("cnprod.ore__auto");
        var r = X11Decomposition.Decompose(run.PriorAdjustedExtended, run.StartMonth, run.Forecasts.Length);
        var q = X11QualityMeasures.Compute(r, run.Effects);
        double[] weights = [10, 11, 10, 8, 11, 10, 18, 7, 7, 4, 4];
        double sum = 0, total = 0;
        for (int k = 0; k < 11; k++)
        {
            if (k == 5 && !q.M6InQ) continue;
            sum += weights[k] * q.Measures[k];
            total += weights[k];
        }
        Assert.True(q.M6InQ); // MSR 4.33 lies in 3.5..5.5
        Assert.Equal(sum / total, q.Q, 12);
        Assert.Equal((sum - 11 * q.M2) / (total - 11), q.QWithoutM2, 12);
    }
}
