using Ballast.Statistics.Warnings;

namespace Ballast.Statistics.Tests.Warnings;

public class FiveLightsTests
{
    /// <summary>0, 1, …, 40 shuffled: 41 values, position p × 40, so P10 = 4, P25 = 10, P75 = 30, P90 = 36 exactly.</summary>
    private static readonly double[] History = [.. Enumerable.Range(0, 41).Select(i => (double)(i * 17 % 41))];

    [Theory]
    [InlineData(3.9, 1)]
    [InlineData(4, 2)]     // at P10: not below it
    [InlineData(9.9, 2)]
    [InlineData(10, 3)]    // at P25
    [InlineData(30, 3)]    // at P75: still the middle zone
    [InlineData(30.1, 4)]
    [InlineData(36, 4)]    // at P90
    [InlineData(36.1, 5)]
    public void Score_UsesThePercentileZones(double current, int expected)
    {
        Assert.Equal(17 * 40 % 41, History[40]); // the history is shuffled, not sorted
        Assert.Equal(expected, FiveLights.Score(History, current));
    }

    [Fact]
    public void Percentile_InterpolatesBetweenOrderStatistics()
    {
        // 1..24: P10 at position 0.1 × 23 = 2.3 → 3 + 0.3 × (4 − 3) = 3.3; P75 at 17.25 → 18.25.
        double[] values = [.. Enumerable.Range(1, 24).Select(i => (double)i).Reverse()];
        Assert.Equal(3.3, FiveLights.Percentile(values, 0.10), 12);
        Assert.Equal(18.25, FiveLights.Percentile(values, 0.75), 12);
    }

    [Fact]
    public void ShortHistory_GivesNoScoreAndNoLight()
    {
        double[] history23 = [.. Enumerable.Range(0, 23).Select(i => (double)i)];
        double[] history24 = [.. Enumerable.Range(0, 24).Select(i => (double)i)];
        Assert.Null(FiveLights.Score(history23, 5));
        Assert.NotNull(FiveLights.Score(history24, 5));
        Assert.Null(FiveLights.Signal([new ClimateIndicator("va_yoy_month", history23, 5)]));
    }

    [Fact]
    public void Signal_IsTheMeanScoreCut()
    {
        double[] short10 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var signal = FiveLights.Signal(
        [
            new ClimateIndicator("va_yoy_month", History, 40),              // 5
            new ClimateIndicator("revenue_yoy_ytd", History, 33),           // 4
            new ClimateIndicator("profit_yoy_ytd", History, 20),            // 3
            new ClimateIndicator("export_yoy_ytd", History, 0),             // 1
            new ClimateIndicator("energy_per_va_yoy_ytd", History, 0, Inverted: true), // 1, mirrored to 5
            new ClimateIndicator("other", short10, 100),                     // too short: left out
        ]);
        Assert.NotNull(signal);
        // (5 + 4 + 3 + 1 + 5) / 5 = 3.6 → yellow (3.5 ≤ 3.6 < 4.5).
        Assert.Equal(3.6, signal.MeanScore, 12);
        Assert.Equal(ClimateLight.Yellow, signal.Light);
        Assert.Equal(5, signal.Scores.Count);
        Assert.Equal(5, signal.Scores["energy_per_va_yoy_ytd"]);
    }

    [Theory]
    [InlineData(1.0, ClimateLight.Blue)]
    [InlineData(1.49, ClimateLight.Blue)]
    [InlineData(1.5, ClimateLight.LightBlue)]
    [InlineData(2.5, ClimateLight.Green)]
    [InlineData(3.49, ClimateLight.Green)]
    [InlineData(3.5, ClimateLight.Yellow)]
    [InlineData(4.5, ClimateLight.Red)]
    public void LightOf_CutsAtHalfPoints(double mean, ClimateLight expected) => Assert.Equal(expected, FiveLights.LightOf(mean));
}
