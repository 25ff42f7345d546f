using Ballast.Statistics.Periods;

namespace Ballast.Statistics.Tests.Periods;

public class YearMonthTests
{
    [Theory]
    [InlineData("2025-12", 2025, 12)]
    [InlineData("2020-01", 2020, 1)]
    [InlineData("1999-07", 1999, 7)]
    public void Parse_ValidText_GivesYearAndMonth(string text, int year, int month)
    {
        var ym = YearMonth.Parse(text);
        Assert.Equal(year, ym.Year);
        Assert.Equal(month, ym.Month);
        Assert.Equal(text, ym.ToString());
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-00")]
    [InlineData("2025-1")]
    [InlineData("2025/12")]
    [InlineData("25-12")]
    [InlineData("2025-12 ")]
    [InlineData("")]
    [InlineData("+025-12")]
    public void TryParse_InvalidText_IsRefused(string text) => Assert.False(YearMonth.TryParse(text, out _));

    [Fact]
    public void MonthArithmetic_CrossesYears()
    {
        var jan = new YearMonth(2025, 1);
        Assert.Equal(new YearMonth(2024, 12), jan.Previous);
        Assert.Equal(new YearMonth(2024, 1), jan.YearEarlier);
        Assert.Equal(new YearMonth(2026, 3), jan.AddMonths(14));
        Assert.Equal(12, new YearMonth(2026, 1) - jan);
        Assert.Equal(2025 * 12, jan.Index);
    }

    [Fact]
    public void Ordering_FollowsTheCalendar()
    {
        Assert.True(new YearMonth(2024, 12) < new YearMonth(2025, 1));
        Assert.True(new YearMonth(2025, 2) > new YearMonth(2025, 1));
        Assert.Equal(new YearMonth(2025, 6), YearMonth.FromIndex(new YearMonth(2025, 6).Index));
    }

    private sealed record Holder(YearMonth Period);

    [Fact]
    public void Json_IsTheMonthsText_BothWays()
    {
        string json = System.Text.Json.JsonSerializer.Serialize(new Holder(new YearMonth(2025, 3)));
        Assert.Equal("{\"Period\":\"2025-03\"}", json);
        Assert.Equal(new YearMonth(2025, 3), System.Text.Json.JsonSerializer.Deserialize<Holder>(json)!.Period);
        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<Holder>("{\"Period\":\"2025-13\"}"));
    }
}
