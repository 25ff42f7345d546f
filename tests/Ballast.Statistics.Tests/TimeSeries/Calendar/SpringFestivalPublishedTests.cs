using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Tests.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.Calendar;

namespace Ballast.Statistics.Tests.TimeSeries.SeasonalAdjustment;

/// <summary>The published dates (<see cref="SpringFestival.Published"/>) and the regressors `ballast sa --holiday cny` adds.</summary>
public sealed class SpringFestivalPublishedTests
{
    [Fact]
    public void NewYear_EveryYearOfTheHolidayFile_IsTheFilesDate()
    {
        // holiday_dates_rpkg_seasonal.csv (R package seasonal): cny dates 1930..2030.
        var lines = File.ReadLines(SharedData.In("data", "series", "holiday_dates_rpkg_seasonal.csv"))
            .Skip(1).Select(l => l.Split(',')).Where(f => f[0] == "cny").ToList();
        Assert.Equal(101, lines.Count);
        foreach (var f in lines)
        {
            var date = DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(date, SpringFestival.Published.DateIn(date.Year));
        }
    }

    [Fact]
    public void RawShare_2014_HandWorked()
    {
        // New Year 2014-01-31: days −6..−1 = Jan 25..30, all in January; days 0..6 = Jan 31, Feb 1..6: 1/7 and 6/7.
        var jan = new YearMonth(2014, 1);
        var feb = new YearMonth(2014, 2);
        Assert.Equal(1.0, SpringFestival.Published.RawShare(jan, -6, -1));
        Assert.Equal(0.0, SpringFestival.Published.RawShare(feb, -6, -1));
        Assert.Equal(1.0 / 7, SpringFestival.Published.RawShare(jan, 0, 6), 15);
        Assert.Equal(6.0 / 7, SpringFestival.Published.RawShare(feb, 0, 6), 15);
    }

    public static IEnumerable<object[]> CnyRuns() =>
        X13Run.OkRuns().Where(id => id.EndsWith("_cny", StringComparison.Ordinal)).Select(id => new object[] { id });

    [Theory]
    [MemberData(nameof(CnyRuns))]
    public void Create_ReferenceRunSpan_EqualsTheRegressorsX13WasGiven(string id)
    {
        // input.spc carries the regressors (6 decimals) made by the R package seasonal's genhol(center="calendar").
        var given = X13Run.Load(id).Spec.UserRegressors;
        Assert.Equal(2, given.Count);
        var mine = SpringFestival.Published.PrePost(given[0].Values.Start, given[0].Values.Length);
        for (int r = 0; r < 2; r++)
        {
            Assert.Equal(given[r].Name, mine[r].Name);
            for (int t = 0; t < given[r].Values.Length; t++)
                Assert.True(Math.Abs(given[r].Values[t] - mine[r].Values[t]) <= 5e-7 + 1e-12,
                    $"{given[r].Name} {given[r].Values.MonthAt(t)}: {mine[r].Values[t]} vs {given[r].Values[t]}");
        }
    }
}
