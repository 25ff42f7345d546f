using Ballast.Statistics.TimeSeries.X11;

namespace Ballast.Statistics.Tests.TimeSeries.X11;

public class HendersonFilterTests
{
    // Published symmetric Henderson weights, e.g. Ladiray & Quenneville (2001), "Seasonal Adjustment with the
    // X-11 Method", table 3.3 (5, 9, 13 and 23 terms), rounded to 5 decimals.
    [Theory]
    [InlineData(5, new[] { -0.07343, 0.29371, 0.55944 })]
    [InlineData(9, new[] { -0.04072, -0.00987, 0.11847, 0.26656, 0.33114 })]
    [InlineData(13, new[] { -0.01935, -0.02786, 0.00000, 0.06549, 0.14736, 0.21434, 0.24006 })]
    [InlineData(23, new[] { -0.00428, -0.01092, -0.01569, -0.01453, -0.00495, 0.01343, 0.03893, 0.06830, 0.09740, 0.12195, 0.13832, 0.14406 })]
    public void SymmetricWeights_PublishedLengths_MatchPublishedValues(int length, double[] firstHalf)
    {
        var w = HendersonFilter.SymmetricWeights(length);
        Assert.Equal(length, w.Length);
        for (int i = 0; i < firstHalf.Length; i++)
        {
            Assert.Equal(firstHalf[i], w[i], 5);
            Assert.Equal(firstHalf[i], w[length - 1 - i], 5);
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(15)]
    [InlineData(41)]
    [InlineData(101)]
    public void SymmetricWeights_AnyOddLength_SumToOneAndKeepCubics(int length)
    {
        // A Henderson filter reproduces polynomials of degree 3 exactly (Kenny & Durbin 1982).
        var w = HendersonFilter.SymmetricWeights(length);
        Assert.Equal(1.0, w.Sum(), 12);
        int m = length / 2;
        double cubicAtCentre = 0;
        for (int j = -m; j <= m; j++) cubicAtCentre += w[j + m] * (2.0 + 0.5 * j - 0.25 * j * j + 0.01 * j * j * j);
        Assert.Equal(2.0, cubicAtCentre, 10); // the cubic at j = 0
    }

    [Fact]
    public void EndWeights_13TermsLastPoint_MatchPublishedMusgraveWeights()
    {
        // X-11's asymmetric 13-term Henderson weights for the last point (I/C = 3.5), as tabulated by Doherty
        // (2001), "The surrogate Henderson filters in X-11", Aust. N. Z. J. Stat. 43(4), table 1, and by
        // Ladiray & Quenneville (2001), table 3.4.
        double[] published = [-0.09186, -0.05811, 0.01202, 0.11977, 0.24390, 0.35315, 0.42113];
        var w = HendersonFilter.EndWeights(13, 7, 3.5);
        Assert.Equal(published.Length, w.Length);
        for (int i = 0; i < w.Length; i++) Assert.Equal(published[i], w[i], 5);
    }

    [Theory]
    [InlineData(9, 1.0)]
    [InlineData(13, 3.5)]
    [InlineData(23, 4.5)]
    public void EndWeights_EveryTruncation_SumToOne(int length, double ic)
    {
        for (int kept = length / 2 + 1; kept < length; kept++)
            Assert.Equal(1.0, HendersonFilter.EndWeights(length, kept, ic).Sum(), 12);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1)]
    [InlineData(0)]
    public void SymmetricWeights_EvenOrTooShort_IsRefused(int length) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HendersonFilter.SymmetricWeights(length));
}
