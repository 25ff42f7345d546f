using System.Globalization;
using Ballast.Core.Reporting.Import;

namespace Ballast.Tests.Reporting;

public sealed class NumberGrammarTests
{
    [Theory]
    [InlineData("0", true, false)]
    [InlineData("-0", true, false)]
    [InlineData("12", true, false)]
    [InlineData("-12.50", true, true)]
    [InlineData("007.5", true, true)]
    [InlineData("", false, false)]
    [InlineData("-", false, false)]
    [InlineData("12.", false, true)]
    [InlineData(".5", false, false)]
    [InlineData("+5", false, false)]
    [InlineData("1e5", false, false)]
    [InlineData("1E5", false, false)]
    [InlineData("1,000", false, false)]
    [InlineData(" 5", false, false)]
    [InlineData("5 ", false, false)]
    [InlineData("1.2.3", false, true)]
    [InlineData("NaN", false, false)]
    [InlineData("٣", false, false)] // an Arabic-Indic digit is not 0-9
    public void Text_MatchesTheGrammarOnlyWhenItIsPlainDecimal(string text, bool matches, bool hasPoint)
    {
        Assert.Equal(matches, NumberGrammar.Matches(text, out bool point));
        if (matches) Assert.Equal(hasPoint, point);
        Assert.Equal(matches, NumberGrammar.TryParse(text, out _, out _));
    }

    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("-45.5", -45.5)]
    [InlineData("52000.5", 52000.5)]
    [InlineData("0.30000000000000004", 0.30000000000000004)]
    [InlineData("123456789012345678901234567890", 1.2345678901234568E+29)]
    [InlineData("0.000000000000000000000001", 1e-24)]
    [InlineData("9007199254740993", 9007199254740992)] // 2^53 + 1 rounds to even
    public void Text_IsReadAsTheNearestDouble(string text, double expected)
    {
        Assert.True(NumberGrammar.TryParse(text, out double value, out _));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void RandomDecimals_AreReadExactlyAsTheRuntimeParserReadsThem()
    {
        var random = new Random(42);
        for (int n = 0; n < 200_000; n++)
        {
            int intDigits = random.Next(1, 19), fracDigits = random.Next(0, 25);
            var chars = new List<char>();
            if (random.Next(4) == 0) chars.Add('-');
            for (int i = 0; i < intDigits; i++) chars.Add((char)('0' + random.Next(10)));
            if (fracDigits > 0)
            {
                chars.Add('.');
                for (int i = 0; i < fracDigits; i++) chars.Add((char)('0' + random.Next(10)));
            }
            string text = new([.. chars]);
            Assert.True(NumberGrammar.TryParse(text, out double value, out bool point), text);
            Assert.Equal(fracDigits > 0, point);
            double expected = double.Parse(text, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value) || (expected == 0 && value == 0), text);
        }
    }
}
