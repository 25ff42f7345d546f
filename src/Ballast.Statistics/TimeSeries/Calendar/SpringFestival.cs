using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries.RegArima;

namespace Ballast.Statistics.TimeSeries.Calendar;

/// <summary>
/// Spring Festival (Chinese New Year) holiday regressors in the style of R seasonal::genhol with
/// center="calendar" (docs/methodology/automatic-model.md §Spring Festival): for a window of days relative to
/// the new-year day, the share of the window falling in each month, minus that calendar month's mean share over
/// <see cref="CentreFirstYear"/>–<see cref="CentreLastYear"/>, so the regressor has no seasonal mean.
/// </summary>
public sealed class SpringFestival
{
    /// <summary>First year of the centring period (genhol's range of the holiday dates used for the X-13 runs).</summary>
    public const int CentreFirstYear = 1930;
    /// <summary>Last year of the centring period.</summary>
    public const int CentreLastYear = 2030;

    private static readonly ChineseLunisolarCalendar Lunisolar = new();
    private readonly Func<int, DateOnly> _newYear;

    private SpringFestival(Func<int, DateOnly> newYear) => _newYear = newYear;

    /// <summary>Dates from <see cref="ChineseLunisolarCalendar"/> (years 1901–2100).</summary>
    public static SpringFestival Default { get; } = new(NewYearDay);

    /// <summary>
    /// The dates Ballast uses by default (`ballast sa --holiday cny`): <see cref="ChineseLunisolarCalendar"/>, except
    /// 1930, 1943 and 1946, where .NET's calendar is a day later than the published tables (R seasonal's
    /// holiday dates, from chinesenewyears.info, which made the X-13 reference regressors); the centring means then
    /// equal the reference's.
    /// </summary>
    public static SpringFestival Published { get; } = new(year => year switch
    {
        1930 => new DateOnly(1930, 1, 29),
        1943 => new DateOnly(1943, 2, 4),
        1946 => new DateOnly(1946, 2, 1),
        _ => NewYearDay(year),
    });

    /// <summary>
    /// Dates from a list (e.g. R seasonal's holiday table, which X-13 reference runs used); a year missing from
    /// the list falls back to <see cref="NewYearDay"/>.
    /// </summary>
    public static SpringFestival FromDates(IEnumerable<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var byYear = new Dictionary<int, DateOnly>();
        foreach (var d in dates)
            if (!byYear.TryAdd(d.Year, d))
                throw new ArgumentException($"two Spring Festival dates in {d.Year.ToString(CultureInfo.InvariantCulture)}", nameof(dates));
        return new SpringFestival(y => byYear.TryGetValue(y, out var d) ? d : NewYearDay(y));
    }

    /// <summary>The Gregorian date of the first day of the first lunar month of <paramref name="year"/>.</summary>
    public static DateOnly NewYearDay(int year)
    {
        if (year < 1901 || year > 2100)
            throw new ArgumentOutOfRangeException(nameof(year), year, "Spring Festival dates are known for 1901–2100");
        return DateOnly.FromDateTime(Lunisolar.ToDateTime(year, 1, 1, 0, 0, 0, 0));
    }

    /// <summary>The new-year day this instance uses for <paramref name="year"/>.</summary>
    public DateOnly DateIn(int year) => _newYear(year);

    /// <summary>
    /// Uncentred share of the window (days <paramref name="fromDay"/>..<paramref name="toDay"/> relative to the
    /// new-year day, 0 = the day itself) falling in <paramref name="month"/>.
    /// </summary>
    public double RawShare(YearMonth month, int fromDay, int toDay)
    {
        if (toDay < fromDay) throw new ArgumentException("the window must end on or after its start", nameof(toDay));
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        int inside = 0;
        // A window may reach into the neighbouring years' months: count every new year whose window can touch.
        for (int y = month.Year - 1; y <= month.Year + 1; y++)
        {
            if (y < 1901 || y > 2100) continue;
            var day = _newYear(y);
            var lo = day.AddDays(fromDay);
            var hi = day.AddDays(toDay);
            if (lo < first) lo = first;
            if (hi > last) hi = last;
            if (hi >= lo) inside += hi.DayNumber - lo.DayNumber + 1;
        }
        return (double)inside / (toDay - fromDay + 1);
    }

    /// <summary>Mean raw share of each calendar month (index 0 = January) over the centring period.</summary>
    public double[] CalendarMeans(int fromDay, int toDay)
    {
        var means = new double[12];
        for (int y = CentreFirstYear; y <= CentreLastYear; y++)
            for (int m = 1; m <= 12; m++) means[m - 1] += RawShare(new YearMonth(y, m), fromDay, toDay);
        for (int m = 0; m < 12; m++) means[m] /= CentreLastYear - CentreFirstYear + 1;
        return means;
    }

    /// <summary>The centred regressor over <paramref name="length"/> months from <paramref name="start"/>.</summary>
    public MonthlySeries Regressor(YearMonth start, int length, int fromDay, int toDay)
    {
        var means = CalendarMeans(fromDay, toDay);
        var values = new double[length];
        for (int t = 0; t < length; t++)
        {
            var m = start.AddMonths(t);
            values[t] = RawShare(m, fromDay, toDay) - means[m.Month - 1];
        }
        return new MonthlySeries(start, values);
    }

    /// <summary>
    /// The two user regressors of the reference runs: <c>cny_pre</c> (days −6..−1) and <c>cny_post</c> (days 0..+6),
    /// in X-13's holiday group, covering <paramref name="length"/> months from <paramref name="start"/> (give the
    /// span plus the forecast horizon).
    /// </summary>
    public IReadOnlyList<UserRegressor> PrePost(YearMonth start, int length, int daysBefore = 6, int daysAfter = 6) =>
    [
        new UserRegressor("cny_pre", Regressor(start, length, -daysBefore, -1), "User-defined Holiday"),
        new UserRegressor("cny_post", Regressor(start, length, 0, daysAfter), "User-defined Holiday"),
    ];
}
