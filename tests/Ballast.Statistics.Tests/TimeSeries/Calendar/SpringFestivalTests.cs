using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Tests.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.Calendar;

namespace Ballast.Statistics.Tests.TimeSeries.Calendar;

public sealed class SpringFestivalTests
{
    private static List<DateOnly> FileDates() =>
        File.ReadLines(SharedData.In("data", "series", "holiday_dates_rpkg_seasonal.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[0] == "cny")
            .Select(f => DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToList();

    [Fact]
    public void LunisolarCalendar_DiffersFromRSeasonalTableOnlyIn1930_1943_1946()
    {
        var differing = FileDates().Where(d => d.Year <= 2100 && SpringFestival.NewYearDay(d.Year) != d).Select(d => d.Year).ToList();
        Assert.Equal([1930, 1943, 1946], differing);
    }

    [Fact]
    public void NewYearDay_KnownDates()
    {
        Assert.Equal(new DateOnly(1998, 1, 28), SpringFestival.NewYearDay(1998));
        Assert.Equal(new DateOnly(2015, 2, 19), SpringFestival.NewYearDay(2015));
        Assert.Equal(new DateOnly(2024, 2, 10), SpringFestival.NewYearDay(2024));
    }

    [Fact]
    public void RawShare_HandCheckedWindows()
    {
        var sf = SpringFestival.Default;
        // 1998: new year 28 Jan. Days −6..−1 = 22..27 Jan: all in January.
        Assert.Equal(1.0, sf.RawShare(new YearMonth(1998, 1), -6, -1), 12);
        Assert.Equal(0.0, sf.RawShare(new YearMonth(1998, 2), -6, -1), 12);
        // Days 0..+6 = 28 Jan..3 Feb: 4 days in January, 3 in February.
        Assert.Equal(4.0 / 7, sf.RawShare(new YearMonth(1998, 1), 0, 6), 12);
        Assert.Equal(3.0 / 7, sf.RawShare(new YearMonth(1998, 2), 0, 6), 12);
        // 2011: new year 3 Feb. Days −6..−1 = 28 Jan..2 Feb: 4 in January, 2 in February.
        Assert.Equal(4.0 / 6, sf.RawShare(new YearMonth(2011, 1), -6, -1), 12);
        Assert.Equal(2.0 / 6, sf.RawShare(new YearMonth(2011, 2), -6, -1), 12);
        // 2015: new year 19 Feb; both windows in February; March untouched.
        Assert.Equal(1.0, sf.RawShare(new YearMonth(2015, 2), -6, -1), 12);
        Assert.Equal(1.0, sf.RawShare(new YearMonth(2015, 2), 0, 6), 12);
        Assert.Equal(0.0, sf.RawShare(new YearMonth(2015, 3), 0, 6), 12);
    }

    [Fact]
    public void Regressor_IsCentredOverTheCentringPeriod()
    {
        var sf = SpringFestival.Default;
        int years = SpringFestival.CentreLastYear - SpringFestival.CentreFirstYear + 1;
        var r = sf.Regressor(new YearMonth(SpringFestival.CentreFirstYear, 1), 12 * years, 0, 6);
        for (int m = 0; m < 12; m++)
        {
            double sum = 0;
            for (int y = 0; y < years; y++) sum += r[12 * y + m];
            Assert.Equal(0.0, sum, 9);
        }
        // In each year the raw shares of the window add to 1, so the centred values add to 0.
        for (int y = 0; y < years; y++)
        {
            double s = 0;
            for (int m = 0; m < 12; m++) s += r[12 * y + m];
            Assert.Equal(0.0, s, 9);
        }
    }

    [Theory]
    [InlineData("cnprod.cement__auto_cny")]
    [InlineData("cnprod.oil__auto_cny")]
    [InlineData("seasonal.imp__auto_cny")]
    [InlineData("seasonal.exp__auto_cny")]
    public void PrePost_WithRSeasonalDates_EqualsTheRegressorsInX13Spec(string id)
    {
        var run = X13Run.Load(id);
        var sf = SpringFestival.FromDates(FileDates());
        var expected = run.Spec.UserRegressors;
        Assert.Equal(2, expected.Count);
        var mine = sf.PrePost(expected[0].Values.Start, expected[0].Values.Length);
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(expected[c].Name, mine[c].Name);
            for (int t = 0; t < expected[c].Values.Length; t++)
                // The spec prints 6 decimals: agreement to half a unit of the last digit.
                Assert.True(Math.Abs(expected[c].Values[t] - mine[c].Values[t]) <= 5.000001e-7,
                    $"{id} {expected[c].Name} {expected[c].Values.MonthAt(t)}: spec {expected[c].Values[t]}, ours {mine[c].Values[t]}");
        }
    }

    [Fact]
    public void CalendarMeans_JanuaryPreShareIs282Of606WithRSeasonalDates()
    {
        // The X-13 spec's January 1998 cny_pre is 1 − 0.534653 = 0.465347 = 282/606 (101 years × 6 days):
        // 282 of the 606 pre-holiday days of 1930–2030 fall in January.
        var means = SpringFestival.FromDates(FileDates()).CalendarMeans(-6, -1);
        Assert.Equal(282.0 / 606, means[0], 12);
        Assert.Equal(1 - 282.0 / 606, means[1], 12);
    }
}
