using Ballast.Statistics.TimeSeries.X11;

namespace Ballast.Statistics.Tests.TimeSeries.X11;

public class SeasonalFiltersTests
{
    // The weight a filter gives to value j when estimating point i: smooth the j-th unit vector.
    private static double Weight(SeasonalFilter filter, int count, int point, int value)
    {
        var unit = new double[count];
        unit[value] = 1;
        return SeasonalFilters.Smooth(unit, filter)[point];
    }

    [Fact]
    public void SymmetricWeights_3x3And3x5_AreTheCompositeAverages()
    {
        // 3x3 = (1, 2, 3, 2, 1) / 9 and 3x5 = (1, 2, 3, 3, 3, 2, 1) / 15 (Ladiray & Quenneville 2001, §3.2).
        double[] w33 = [1 / 9.0, 2 / 9.0, 3 / 9.0, 2 / 9.0, 1 / 9.0];
        double[] w35 = [1 / 15.0, 2 / 15.0, 3 / 15.0, 3 / 15.0, 3 / 15.0, 2 / 15.0, 1 / 15.0];
        Assert.Equal(w33.Length, SeasonalFilters.SymmetricWeights(3, 3).Length);
        Assert.Equal(w35.Length, SeasonalFilters.SymmetricWeights(3, 5).Length);
        for (int j = 0; j < w33.Length; j++) Assert.Equal(w33[j], SeasonalFilters.SymmetricWeights(3, 3)[j], 15);
        for (int j = 0; j < w35.Length; j++) Assert.Equal(w35[j], SeasonalFilters.SymmetricWeights(3, 5)[j], 15);
        for (int j = 0; j < 5; j++) Assert.Equal(SeasonalFilters.SymmetricWeights(3, 3)[j], Weight(SeasonalFilter.S3x3, 12, 6, 4 + j), 15);
        for (int j = 0; j < 7; j++) Assert.Equal(SeasonalFilters.SymmetricWeights(3, 5)[j], Weight(SeasonalFilter.S3x5, 12, 6, 3 + j), 15);
    }

    [Fact]
    public void Smooth_3x3Ends_UseX11EndWeights()
    {
        // X-11's 3x3 end weights (X-11-ARIMA/X-12 manuals; Ladiray & Quenneville 2001, table 3.2):
        // last point 11/27, 11/27, 5/27 (on the last, second-last, third-last values);
        // second-last point 7/27, 10/27, 7/27, 3/27.
        Assert.Equal(11 / 27.0, Weight(SeasonalFilter.S3x3, 10, 9, 9), 12);
        Assert.Equal(11 / 27.0, Weight(SeasonalFilter.S3x3, 10, 9, 8), 12);
        Assert.Equal(5 / 27.0, Weight(SeasonalFilter.S3x3, 10, 9, 7), 12);
        Assert.Equal(7 / 27.0, Weight(SeasonalFilter.S3x3, 10, 8, 9), 12);
        Assert.Equal(10 / 27.0, Weight(SeasonalFilter.S3x3, 10, 8, 8), 12);
        Assert.Equal(7 / 27.0, Weight(SeasonalFilter.S3x3, 10, 8, 7), 12);
        Assert.Equal(3 / 27.0, Weight(SeasonalFilter.S3x3, 10, 8, 6), 12);
        // The first points mirror the last ones.
        Assert.Equal(5 / 27.0, Weight(SeasonalFilter.S3x3, 10, 0, 2), 12);
    }

    [Fact]
    public void Smooth_3x5Ends_UseX11EndWeights()
    {
        // X-11's 3x5 end weights (same sources): last point 17,17,17,9 /60; second-last 15,15,15,11,4 /60;
        // third-last 9,13,13,13,8,4 /60 (listed from the last value backwards).
        for (int back = 0; back < 3; back++)
        {
            int point = 11 - back;
            double[] byValue = back switch
            {
                0 => [17, 17, 17, 9],          // on values 11, 10, 9, 8
                1 => [15, 15, 15, 11, 4],      // on values 11, 10, 9, 8, 7
                _ => [9, 13, 13, 13, 8, 4],    // on values 11, 10, 9, 8, 7, 6
            };
            for (int j = 0; j < byValue.Length; j++) Assert.Equal(byValue[j] / 60, Weight(SeasonalFilter.S3x5, 12, point, 11 - j), 12);
        }
    }

    [Theory]
    [InlineData(SeasonalFilter.S3x1)]
    [InlineData(SeasonalFilter.S3x3)]
    [InlineData(SeasonalFilter.S3x5)]
    [InlineData(SeasonalFilter.S3x9)]
    [InlineData(SeasonalFilter.S3x15)]
    [InlineData(SeasonalFilter.Stable)]
    public void Smooth_AnyFilter_KeepsAConstant(SeasonalFilter filter)
    {
        // Every weight set sums to 1 (the 3x9 and 3x15 tables to their rounding, hence the normalisation).
        var smoothed = SeasonalFilters.Smooth(Enumerable.Repeat(1.07, 25).ToArray(), filter);
        Assert.All(smoothed, v => Assert.Equal(1.07, v, 12));
    }

    [Fact]
    public void Smooth_Stable_IsTheMean()
    {
        var smoothed = SeasonalFilters.Smooth([1.0, 2.0, 6.0], SeasonalFilter.Stable);
        Assert.All(smoothed, v => Assert.Equal(3.0, v, 15)); // (1 + 2 + 6) / 3
    }
}
