using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries.RegArima;

namespace Ballast.Statistics.TimeSeries.SeasonalAdjustment;

/// <summary>
/// The two Spring Festival holiday regressors of the reference runs (docs/seasonal-adjustment.md §Spring
/// Festival): <c>cny_pre</c>, the share of the 6 days before Chinese New Year (days −6..−1) that fall in the
/// month, and <c>cny_post</c>, the share of New Year's day and the 6 days after (0..+6); each centred by
/// subtracting its calendar-month mean over 1930–2030 (X-13 genhol with center=calendar), so that they carry no
/// seasonality of their own. Used until the automatic identification brings its own holiday module.
/// </summary>
public static class SpringFestivalRegressors
{
    /// <summary>Days before New Year in <c>cny_pre</c>.</summary>
    public const int DaysBefore = 6;
    /// <summary>Days after New Year's day in <c>cny_post</c> (New Year's day itself included besides).</summary>
    public const int DaysAfter = 6;
    private const int MeanFrom = 1930, MeanTo = 2030;

    private static readonly ChineseLunisolarCalendar Lunar = new();
    private static readonly Lazy<(double[] Pre, double[] Post)> Means = new(ComputeMeans);

    /// <summary>
    /// Chinese New Year (first day of the first lunar month) of a Gregorian year, 1902..2100: .NET's lunisolar
    /// calendar, except in 1930, 1943 and 1946, where it is a day later than the dates of the R package seasonal
    /// (chinesenewyears.info) that made the reference regressors; those dates are kept so that the centring means
    /// are the reference's.
    /// </summary>
    public static DateOnly NewYear(int year)
    {
        if (year is < 1902 or > 2100) throw new ArgumentOutOfRangeException(nameof(year), year, "Chinese New Year is known for 1902..2100");
        return year switch
        {
            1930 => new DateOnly(1930, 1, 29),
            1943 => new DateOnly(1943, 2, 4),
            1946 => new DateOnly(1946, 2, 1),
            _ => DateOnly.FromDateTime(Lunar.ToDateTime(year, 1, 1, 0, 0, 0, 0)),
        };
    }

    /// <summary>Uncentred share of the days <paramref name="from"/>..<paramref name="to"/> around New Year in the month.</summary>
    public static double RawShare(YearMonth month, int from, int to)
    {
        var ny = NewYear(month.Year);
        int inside = 0;
        for (int k = from; k <= to; k++)
        {
            var d = ny.AddDays(k);
            if (d.Year == month.Year && d.Month == month.Month) inside++;
        }
        return (double)inside / (to - from + 1);
    }

    /// <summary><c>cny_pre</c> of a month (centred).</summary>
    public static double Pre(YearMonth month) => RawShare(month, -DaysBefore, -1) - Means.Value.Pre[month.Month - 1];

    /// <summary><c>cny_post</c> of a month (centred).</summary>
    public static double Post(YearMonth month) => RawShare(month, 0, DaysAfter) - Means.Value.Post[month.Month - 1];

    /// <summary>
    /// <c>cny_pre</c> and <c>cny_post</c> from <paramref name="from"/> to <paramref name="to"/> as holiday user
    /// regressors (they go to the holiday and calendar components): cover the span and the forecast horizon.
    /// </summary>
    public static IReadOnlyList<UserRegressor> Create(YearMonth from, YearMonth to)
    {
        if (to < from) throw new ArgumentException("the end is before the start", nameof(to));
        int n = to - from + 1;
        var pre = new double[n];
        var post = new double[n];
        for (int t = 0; t < n; t++)
        {
            pre[t] = Pre(from.AddMonths(t));
            post[t] = Post(from.AddMonths(t));
        }
        return
        [
            new UserRegressor("cny_pre", new MonthlySeries(from, pre), SeasonalAdjuster.HolidayGroup),
            new UserRegressor("cny_post", new MonthlySeries(from, post), SeasonalAdjuster.HolidayGroup),
        ];
    }

    private static (double[] Pre, double[] Post) ComputeMeans()
    {
        var pre = new double[12];
        var post = new double[12];
        for (int y = MeanFrom; y <= MeanTo; y++)
            for (int m = 1; m <= 12; m++)
            {
                var month = new YearMonth(y, m);
                pre[m - 1] += RawShare(month, -DaysBefore, -1);
                post[m - 1] += RawShare(month, 0, DaysAfter);
            }
        int years = MeanTo - MeanFrom + 1;
        for (int m = 0; m < 12; m++) { pre[m] /= years; post[m] /= years; }
        return (pre, post);
    }
}
