using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.X11;

namespace Ballast.Statistics.Tests.TimeSeries.X11;

public class X11DecompositionTests
{
    // Seasonal pattern with mean 1 (multiplicative) and 0 (additive): a 2x12 average of it is exactly its mean.
    private static readonly double[] Ratios = [0.80, 0.90, 1.05, 1.00, 1.10, 1.15, 1.05, 0.95, 1.00, 1.05, 1.00, 0.95];
    private static readonly double[] Offsets = [-8, -5, 2, 0, 4, 6, 3, -2, 0, 2, 0, -2];

    [Fact]
    public void Decompose_PurelySeasonalMultiplicative_RecoversThePattern()
    {
        // B1 = 200 × pattern(month), 8 observed years from March plus 12 forecasts: every SI ratio is exactly the
        // pattern, every irregular exactly 1 (so no extreme), and the trend is flat at 200.
        const int startMonth = 3;
        var b1 = Enumerable.Range(0, 8 * 12 + 12).Select(t => 200 * Ratios[(startMonth - 1 + t) % 12]).ToArray();
        var r = X11Decomposition.Decompose(b1, startMonth, 12);
        Assert.Equal(96, r.Count);
        for (int t = 0; t < r.Count; t++)
        {
            Assert.Equal(Ratios[(startMonth - 1 + t) % 12], r.SeasonalFactors[t], 10);
            Assert.Equal(200.0, r.SeasonallyAdjusted[t], 8);
            Assert.Equal(200.0, r.Trend[t], 8);
            Assert.Equal(1.0, r.Irregular[t], 10);
        }
        Assert.Equal(12, r.ForecastSeasonalFactors.Count);
        Assert.Equal(Ratios[(startMonth - 1 + 96) % 12], r.ForecastSeasonalFactors[0], 10);
    }

    [Fact]
    public void Decompose_PurelySeasonalAdditive_RecoversThePattern()
    {
        // Additive mode (X-13's choice for an untransformed series): B1 = 50 + offset(month).
        var b1 = Enumerable.Range(0, 7 * 12 + 12).Select(t => 50 + Offsets[t % 12]).ToArray();
        var r = X11Decomposition.Decompose(b1, 1, 12, new X11Options { Mode = X11Mode.Additive });
        for (int t = 0; t < r.Count; t++)
        {
            Assert.Equal(Offsets[t % 12], r.SeasonalFactors[t], 9);
            Assert.Equal(50.0, r.SeasonallyAdjusted[t], 9);
            Assert.Equal(50.0, r.Trend[t], 9);
            Assert.Equal(0.0, r.Irregular[t], 9);
        }
    }

    [Fact]
    public void Decompose_AdditiveX13Run_ComponentsAddUp()
    {
        // ipi_c_eu.BE__auto: X-13 chose no transformation, so X-11 was additive: original = D16 + D11 and
        // D11 = D12 + D13, in series units (reference README).
        var run = X13ReferenceRun.Load("ipi_c_eu.BE__auto");
        Assert.True(run.Additive);
        var r = X11Decomposition.Decompose(run.PriorAdjustedExtended, run.StartMonth, run.Forecasts.Length, new X11Options { Mode = X11Mode.Additive });
        var final = r.WithRegressionEffects(run.Original, run.Effects);
        for (int t = 0; t < run.Count; t++)
        {
            Assert.Equal(run.Original[t], final.CombinedAdjustmentFactors[t] + final.SeasonallyAdjusted[t], 9);
            Assert.Equal(final.SeasonallyAdjusted[t], final.Trend[t] + final.Irregular[t], 9);
            Assert.True(Math.Abs(final.SeasonallyAdjusted[t] - run.D11[t]) < 1e-6, $"D11 month {t}");
            Assert.True(Math.Abs(r.SeasonalFactors[t] - run.D10[t]) < 1e-6, $"D10 month {t}");
        }
    }

    [Fact]
    public void Decompose_MonthlySeries_TakesTheStartMonthFromTheSeries()
    {
        var b1 = Enumerable.Range(0, 6 * 12 + 12).Select(t => 10 * Ratios[(4 + t) % 12]).ToArray();
        var series = new MonthlySeries(new YearMonth(2015, 5), b1);
        var r = X11Decomposition.Decompose(series, 12);
        Assert.Equal(5, r.StartMonth);
        Assert.Equal(Ratios[4], r.SeasonalFactors[0], 10); // May
    }

    [Fact]
    public void Decompose_FixedFilters_AreUsed()
    {
        var b1 = Enumerable.Range(0, 10 * 12 + 12).Select(t => 100 * Ratios[t % 12] * (1 + 0.01 * Math.Sin(t))).ToArray();
        var r = X11Decomposition.Decompose(b1, 1, 12, new X11Options { SeasonalFilter = SeasonalFilter.S3x9, HendersonLength = 23 });
        Assert.Equal(SeasonalFilter.S3x9, r.SeasonalFilter);
        Assert.False(r.SeasonalFilterByMsr);
        Assert.Equal(23, r.HendersonLength);
    }

    [Fact]
    public void Decompose_OneExtremeMonth_GetsZeroWeightAndStaysInTheIrregular()
    {
        // A seasonal series with a ±1 % irregular and one month raised by 20 %: C17 gives that month weight 0 and
        // D13 carries the spike (X-11 alone lets part of it into the trend; X-13 avoids that with an AO regressor).
        const int spike = 62;
        var b1 = Enumerable.Range(0, 10 * 12 + 12)
            .Select(t => 100 * Ratios[t % 12] * (1 + 0.01 * ((t * 7919) % 13 - 6) / 6.0) * (t == spike ? 1.2 : 1))
            .ToArray();
        var r = X11Decomposition.Decompose(b1, 1, 12);
        Assert.Equal(0.0, r.ExtremeWeights[spike]);
        Assert.True(r.Irregular[spike] > 1.1, $"irregular {r.Irregular[spike]}");
        Assert.Equal(r.Irregular.Max(), r.Irregular[spike]);
        Assert.True(Math.Abs(r.SeasonalFactors[spike] / Ratios[spike % 12] - 1) < 0.02, $"seasonal {r.SeasonalFactors[spike]}");
    }

    [Fact]
    public void ReplaceExtremes_InteriorAndEndValues_UseNearestFullWeightValuesOfTheMonth()
    {
        // Positions are calendar-aligned (1 = January of year 1), 7 years; only January has non-trivial values.
        var x = new double[7 * 12 + 1];
        var w = new double[7 * 12 + 1];
        Array.Fill(w, 1.0);
        double[] january = [1, 2, 3, 10, 5, 6, 7];
        for (int y = 0; y < 7; y++) x[1 + 12 * y] = january[y];
        w[1 + 12 * 3] = 0.5; // the 10
        X11Engine.ReplaceExtremes(x, w, 1, 84);
        // Interior: two full-weight neighbours each side: (0.5 × 10 + 3 + 2 + 5 + 6) / (4 + 0.5) = 21 / 4.5.
        Assert.Equal(21 / 4.5, x[1 + 12 * 3], 12);

        Array.Fill(w, 1.0);
        for (int y = 0; y < 7; y++) x[1 + 12 * y] = january[y];
        w[1 + 12 * 1] = 0; // the 2, second value: the first four full-weight values of the month are used
        X11Engine.ReplaceExtremes(x, w, 1, 84);
        Assert.Equal((1 + 3 + 10 + 5) / 4.0, x[1 + 12 * 1], 12);
    }

    [Theory]
    [InlineData(36, 0, 1)]
    [InlineData(36, 12, 12)]
    [InlineData(47, 12, 7)]
    [InlineData(59, 6, 2)]
    [InlineData(61, 0, 12)]
    [InlineData(100, 12, 5)]
    [InlineData(150, 24, 9)]
    public void Decompose_AnyLengthAndStart_GivesFiniteComponentsThatMultiplyBack(int observed, int forecasts, int startMonth)
    {
        var b1 = Enumerable.Range(0, observed + forecasts)
            .Select(t => 50 * (1 + 0.003 * t) * Ratios[(startMonth - 1 + t) % 12] * (1 + 0.02 * Math.Sin(1.7 * t)))
            .ToArray();
        var r = X11Decomposition.Decompose(b1, startMonth, forecasts);
        Assert.Equal(observed, r.Count);
        for (int t = 0; t < observed; t++)
        {
            Assert.True(double.IsFinite(r.SeasonalFactors[t]) && double.IsFinite(r.Trend[t]) && double.IsFinite(r.Irregular[t]));
            Assert.Equal(b1[t], r.SeasonalFactors[t] * r.SeasonallyAdjusted[t], 9);                 // B1 = D10 × D11
            Assert.Equal(r.SeasonallyAdjusted[t], r.Trend[t] * r.Irregular[t], 9);                // D11 = D12 × D13
            Assert.InRange(r.ExtremeWeights[t], 0.0, 1.0);
        }
        Assert.True(double.IsFinite(r.Quality.M7) && double.IsFinite(r.Quality.Q));
    }

    [Fact]
    public void Decompose_TooShortOrMissing_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => X11Decomposition.Decompose(Enumerable.Repeat(1.0, 35 + 12).ToArray(), 1, 12));
        var withGap = Enumerable.Repeat(1.0, 60).ToArray();
        withGap[10] = double.NaN;
        Assert.Throws<ArgumentException>(() => X11Decomposition.Decompose(withGap, 1, 12));
        var withZero = Enumerable.Repeat(1.0, 60).ToArray();
        withZero[5] = 0;
        Assert.Throws<ArgumentException>(() => X11Decomposition.Decompose(withZero, 1, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => X11Decomposition.Decompose(Enumerable.Repeat(1.0, 60).ToArray(), 13, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => X11Decomposition.Decompose(Enumerable.Repeat(1.0, 60).ToArray(), 1, 12, new X11Options { HendersonLength = 12 }));
    }
}
