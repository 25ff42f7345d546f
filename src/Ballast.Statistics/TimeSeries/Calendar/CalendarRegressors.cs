using Ballast.Statistics.Periods;

namespace Ballast.Statistics.TimeSeries.Calendar;

/// <summary>
/// Calendar regressors as X-13ARIMA-SEATS defines them (reference manual, regression spec, table of
/// predefined variables; docs/methodology/regarima.md §Calendar): trading-day contrasts, the one-coefficient
/// weekday contrast, leap year, and Easter[w].
/// </summary>
public static class CalendarRegressors
{
    /// <summary>Average length of February over the 4-year leap cycle (X-13's leap-year constant).</summary>
    public const double MeanFebruaryLength = 28.25;

    /// <summary>
    /// Number of Mondays, Tuesdays, …, Sundays in the month (index 0 = Monday … 6 = Sunday).
    /// </summary>
    public static void DayCounts(YearMonth month, Span<int> counts)
    {
        if (counts.Length < 7) throw new ArgumentException("need room for 7 days", nameof(counts));
        int days = DateTime.DaysInMonth(month.Year, month.Month);
        // Day of week of the 1st, Monday = 0.
        int first = ((int)new DateTime(month.Year, month.Month, 1).DayOfWeek + 6) % 7;
        for (int d = 0; d < 7; d++) counts[d] = 4;
        for (int extra = 0; extra < days - 28; extra++) counts[(first + extra) % 7]++;
    }

    /// <summary>
    /// X-13's <c>td</c> (without leap year): six contrasts (number of Mondays − number of Sundays, …, number of
    /// Saturdays − number of Sundays), in the order Mon, Tue, Wed, Thu, Fri, Sat.
    /// </summary>
    public static void TradingDayContrasts(YearMonth month, Span<double> six)
    {
        if (six.Length < 6) throw new ArgumentException("need room for 6 contrasts", nameof(six));
        Span<int> c = stackalloc int[7];
        DayCounts(month, c);
        for (int d = 0; d < 6; d++) six[d] = c[d] - c[6];
    }

    /// <summary>
    /// X-13's <c>td1coef</c>: number of weekdays − 5/2 × number of Saturdays and Sundays (zero on average:
    /// five weekdays for two weekend days).
    /// </summary>
    public static double WeekdayContrast(YearMonth month)
    {
        Span<int> c = stackalloc int[7];
        DayCounts(month, c);
        return c[0] + c[1] + c[2] + c[3] + c[4] - 2.5 * (c[5] + c[6]);
    }

    /// <summary>X-13's <c>lpyear</c> regressor: 0.75 in a leap-year February, −0.25 in other Februaries, else 0.</summary>
    public static double LeapYear(YearMonth month) =>
        month.Month != 2 ? 0.0 : DateTime.IsLeapYear(month.Year) ? 0.75 : -0.25;

    /// <summary>
    /// X-13's leap-year prior-adjustment factor (used instead of the lpyear regressor when the series is
    /// logged and trading day is modelled): February length / 28.25, 1 in other months.
    /// </summary>
    public static double LeapYearFactor(YearMonth month) =>
        month.Month != 2 ? 1.0 : (DateTime.IsLeapYear(month.Year) ? 29.0 : 28.0) / MeanFebruaryLength;

    /// <summary>Western (Gregorian) Easter Sunday of a year (anonymous Gregorian computus).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>
    /// Share of the <paramref name="window"/> days before Easter Sunday (Easter − w … Easter − 1) that fall in
    /// the month, before mean correction.
    /// </summary>
    public static double EasterShareRaw(YearMonth month, int window)
    {
        if (window is < 1 or > 25) throw new ArgumentOutOfRangeException(nameof(window), window, "Easter window must be 1..25 days");
        if (month.Month is < 2 or > 4) return 0.0;
        var easter = EasterSunday(month.Year);
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var from = easter.AddDays(-window);
        var to = easter.AddDays(-1);
        var lo = from > first ? from : first;
        var hi = to < last ? to : last;
        int inside = hi.DayNumber - lo.DayNumber + 1;
        return inside > 0 ? (double)inside / window : 0.0;
    }

    /// <summary>
    /// X-13's Easter[w] regressor: <see cref="EasterShareRaw"/> minus its long-run mean for February, March and
    /// April (X-13's default eastermeans=yes). The means are X-13's tabulated long-run values (source file
    /// estrmu.f of X-13ARIMA-SEATS 1.1), so the regressor has no seasonal mean and does not move the level.
    /// </summary>
    public static double Easter(YearMonth month, int window)
    {
        double raw = EasterShareRaw(month, window);
        return month.Month switch
        {
            2 => raw - EasterMeanFebruary[25 - window],
            3 => raw - EasterMeanMarch[25 - window],
            4 => raw - EasterMeanApril[25 - window],
            _ => raw,
        };
    }

    /// <summary>Long-run means of the Easter share by window w = 25, 24, …, 1 (index 25 − w).</summary>
    private static readonly double[] EasterMeanFebruary =
    [
        0.00368, 0.002083333, 0.001130435, 0.0002727273, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    private static readonly double[] EasterMeanMarch =
    [
        0.6576, 0.6450833, 0.6311304, 0.6162727, 0.5999048, 0.583, 0.5661053, 0.549, 0.5318824, 0.514625,
        0.4973333, 0.4807143, 0.4643077, 0.4476667, 0.4305455, 0.4136, 0.3975556, 0.382, 0.3654286, 0.3483333,
        0.3304, 0.3125, 0.2966667, 0.281, 0.266,
    ];

    private static readonly double[] EasterMeanApril =
    [
        0.33872, 0.3528333, 0.3677391, 0.3834545, 0.4000952, 0.417, 0.4338947, 0.451, 0.4681176, 0.485375,
        0.5026667, 0.5192857, 0.5356923, 0.5523333, 0.5694545, 0.5864, 0.6024444, 0.618, 0.6345714, 0.6516667,
        0.6696, 0.6875, 0.7033333, 0.719, 0.734,
    ];
}
