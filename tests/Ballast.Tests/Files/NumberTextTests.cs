using System.Globalization;
using System.Text.RegularExpressions;
using Ballast.Core.Files;

namespace Ballast.Tests.Files;

public partial class NumberTextTests
{
    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex ImportGrammar();

    [Theory]
    // A pull of a small cell: 17 significant digits, which a 15-digit format would lose.
    [InlineData(-6.0959838123979246E-05, "-0.000060959838123979246")]
    [InlineData(1.5E-07, "0.00000015")]
    [InlineData(1E+22, "10000000000000000000000")]
    [InlineData(1.2345678901234568E+21, "1234567890123456800000")]
    [InlineData(0.1, "0.1")]
    [InlineData(-2.5, "-2.5")]
    public void Format_WritesFixedNotationThatReadsBackTheSameDouble(double value, string expected)
    {
        string text = NumberText.Format(value);
        Assert.Equal(expected, text);
        Assert.Matches(ImportGrammar(), text);
        Assert.Equal(value, double.Parse(text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Format_RoundTripsEveryMagnitude()
    {
        var random = new Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            // Random mantissa and a decimal exponent from 1e-300 to 1e300.
            double value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 301));
            string text = NumberText.Format(value);
            Assert.Matches(ImportGrammar(), text);
            Assert.Equal(value, double.Parse(text, CultureInfo.InvariantCulture));
        }
    }
}
