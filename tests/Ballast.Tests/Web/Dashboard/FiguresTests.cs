using Ballast.Web.Dashboard;

namespace Ballast.Tests.Web.Dashboard;

public class FiguresTests
{
    [Theory]
    [InlineData(6.1234567890, "6.1")]
    [InlineData(0.15, "0.2")]     // the double below 0.15 still prints 0.15 in the release CSV: half away from zero gives 0.2
    [InlineData(-0.15, "-0.2")]   // away from zero on the negative side too
    [InlineData(2.25, "2.3")]     // exact in binary; banker's rounding would give 2.2
    [InlineData(1.05, "1.1")]
    [InlineData(1.45, "1.5")]     // JavaScript's (1.45).toFixed(1) gives "1.4": why the page never formats a figure itself
    [InlineData(-2.45, "-2.5")]
    [InlineData(0.04999, "0.0")]
    [InlineData(-0.04, "0.0")]    // no "-0.0"
    [InlineData(-0.05, "-0.1")]
    [InlineData(12345.65, "12345.7")]
    [InlineData(9.95, "10.0")]
    [InlineData(1e-300, "0.0")]
    public void OneDecimal_RoundsHalfAwayFromZero(double value, string expected) =>
        Assert.Equal(expected, Figures.OneDecimal(value));

    [Fact]
    public void OneDecimal_NotANumber_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Figures.OneDecimal(double.NaN));

    [Theory]
    [InlineData(null, "C", "va_yoy_month", "C")]
    [InlineData(null, "E", "va_yoy_month", "E")]
    [InlineData(null, "", "va_yoy_month", "—")]
    [InlineData(694.0, "", "enterprises", "694")]
    [InlineData(2.5, "", "enterprises", "3")]
    [InlineData(-3.25, "", "va_pull_month", "-3.3")]
    public void Show_PrintsTheValueOrTheFlag(double? value, string flag, string measure, string expected) =>
        Assert.Equal(expected, Figures.Show(value, flag, measure));
}
