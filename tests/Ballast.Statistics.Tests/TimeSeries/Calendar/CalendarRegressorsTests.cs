using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries.Calendar;

namespace Ballast.Statistics.Tests.TimeSeries.Calendar;

public sealed class CalendarRegressorsTests
{
    private static double[] Td(int year, int month)
    {
        var six = new double[6];
        CalendarRegressors.TradingDayContrasts(new YearMonth(year, month), six);
        return six;
    }

    [Fact]
    public void January2024_MondayToWednesdayOneMoreThanSunday()
    {
        // 1 Jan 2024 is a Monday; 31 days = 4 weeks + Mon, Tue, Wed. Counts Mon..Sun = 5,5,5,4,4,4,4.
        Assert.Equal(new double[] { 1, 1, 1, 0, 0, 0 }, Td(2024, 1));
        // Weekdays 5+5+5+4+4 = 23, weekend 4+4 = 8: 23 − 2.5 × 8 = 3.
        Assert.Equal(3.0, CalendarRegressors.WeekdayContrast(new YearMonth(2024, 1)));
    }

    [Fact]
    public void February2024_LeapYearThursdayExtra()
    {
        // 1 Feb 2024 is a Thursday; 29 days = 4 weeks + Thursday.
        Assert.Equal(new double[] { 0, 0, 0, 1, 0, 0 }, Td(2024, 2));
        Assert.Equal(1.0, CalendarRegressors.WeekdayContrast(new YearMonth(2024, 2))); // 21 − 2.5 × 8
        Assert.Equal(0.75, CalendarRegressors.LeapYear(new YearMonth(2024, 2)));
        Assert.Equal(29.0 / 28.25, CalendarRegressors.LeapYearFactor(new YearMonth(2024, 2)), 15);
    }

    [Fact]
    public void February2023_AllContrastsZero()
    {
        Assert.Equal(new double[6], Td(2023, 2));
        Assert.Equal(0.0, CalendarRegressors.WeekdayContrast(new YearMonth(2023, 2)));
        Assert.Equal(-0.25, CalendarRegressors.LeapYear(new YearMonth(2023, 2)));
        Assert.Equal(28.0 / 28.25, CalendarRegressors.LeapYearFactor(new YearMonth(2023, 2)), 15);
        Assert.Equal(0.0, CalendarRegressors.LeapYear(new YearMonth(2023, 3)));
        Assert.Equal(1.0, CalendarRegressors.LeapYearFactor(new YearMonth(2024, 3)));
    }

    [Fact]
    public void June2024_FiveSaturdaysAndSundays()
    {
        // 1 Jun 2024 is a Saturday; 30 days = 4 weeks + Sat, Sun. Mon..Fri 4, Sat 5, Sun 5.
        Assert.Equal(new double[] { -1, -1, -1, -1, -1, 0 }, Td(2024, 6));
        Assert.Equal(-5.0, CalendarRegressors.WeekdayContrast(new YearMonth(2024, 6))); // 20 − 2.5 × 10
    }

    [Fact]
    public void EasterSunday_MatchesTheHolidayDateFile()
    {
        string file = SharedData.In("data", "series", "holiday_dates_rpkg_seasonal.csv");
        Assert.True(File.Exists(file), file + " is missing");
        int checkedYears = 0;
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var f = line.Split(',');
            if (f[0] != "easter") continue;
            var date = DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(date, CalendarRegressors.EasterSunday(date.Year));
            checkedYears++;
        }
        Assert.True(checkedYears >= 100, $"only {checkedYears} Easter dates checked");
    }

    [Fact]
    public void Easter8_SharesByHand()
    {
        // 2024: Easter 31 March; the 8 days before are 23–30 March: all in March.
        Assert.Equal(1.0, CalendarRegressors.EasterShareRaw(new YearMonth(2024, 3), 8));
        Assert.Equal(0.0, CalendarRegressors.EasterShareRaw(new YearMonth(2024, 4), 8));
        // 2025: Easter 20 April; 12–19 April: all in April.
        Assert.Equal(0.0, CalendarRegressors.EasterShareRaw(new YearMonth(2025, 3), 8));
        Assert.Equal(1.0, CalendarRegressors.EasterShareRaw(new YearMonth(2025, 4), 8));
        // 2021: Easter 4 April; 27 March – 3 April: 5 days in March (27–31), 3 in April.
        Assert.Equal(5.0 / 8, CalendarRegressors.EasterShareRaw(new YearMonth(2021, 3), 8), 15);
        Assert.Equal(3.0 / 8, CalendarRegressors.EasterShareRaw(new YearMonth(2021, 4), 8), 15);
        Assert.Equal(0.0, CalendarRegressors.EasterShareRaw(new YearMonth(2021, 5), 8));
    }

    [Fact]
    public void Easter8_MeanCorrected()
    {
        // X-13's long-run means for w = 8: March 0.382, April 0.618 (and 0 for February).
        Assert.Equal(5.0 / 8 - 0.382, CalendarRegressors.Easter(new YearMonth(2021, 3), 8), 12);
        Assert.Equal(3.0 / 8 - 0.618, CalendarRegressors.Easter(new YearMonth(2021, 4), 8), 12);
        Assert.Equal(0.0, CalendarRegressors.Easter(new YearMonth(2021, 2), 8));
        Assert.Equal(0.0, CalendarRegressors.Easter(new YearMonth(2021, 7), 8));
        // The March and April values of one year sum to 1 − (0.382 + 0.618) = 0 whatever the date.
        Assert.Equal(0.0, CalendarRegressors.Easter(new YearMonth(2030, 3), 8) + CalendarRegressors.Easter(new YearMonth(2030, 4), 8), 12);
    }

    [Fact]
    public void Easter1_MeanCorrected()
    {
        // 2018: Easter 1 April; the day before is 31 March. Means for w = 1: March 0.266, April 0.734.
        Assert.Equal(1 - 0.266, CalendarRegressors.Easter(new YearMonth(2018, 3), 1), 12);
        Assert.Equal(-0.734, CalendarRegressors.Easter(new YearMonth(2018, 4), 1), 12);
    }

    [Fact]
    public void Easter_WindowOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarRegressors.Easter(new YearMonth(2020, 3), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarRegressors.Easter(new YearMonth(2020, 3), 26));
    }
}
