using System.Globalization;
using Ballast.Statistics.Periods;

namespace Ballast.Statistics.TimeSeries.Calendar;

/// <summary>Outlier types of X-13's regression and outlier specs.</summary>
public enum OutlierKind
{
    /// <summary>Additive outlier: 1 in its month, 0 elsewhere.</summary>
    AO,
    /// <summary>Level shift, X-13 convention: −1 before its month, 0 from its month on.</summary>
    LS,
    /// <summary>Temporary change: 0 before its month, rate^(t − t0) from its month on (rate 0.7).</summary>
    TC,
}

/// <summary>An outlier regressor at a month, named as X-13 names it (e.g. <c>AO1998.Dec</c>).</summary>
public readonly record struct Outlier(OutlierKind Kind, YearMonth Month)
{
    /// <summary>X-13's default TC decay rate for monthly series.</summary>
    public const double TcRate = 0.7;

    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The regressor's value in <paramref name="month"/>.</summary>
    public double ValueAt(YearMonth month)
    {
        int lag = month - Month;
        return Kind switch
        {
            OutlierKind.AO => lag == 0 ? 1.0 : 0.0,
            OutlierKind.LS => lag < 0 ? -1.0 : 0.0,
            OutlierKind.TC => lag < 0 ? 0.0 : Math.Pow(TcRate, lag),
            _ => throw new InvalidOperationException("unknown outlier kind"),
        };
    }

    /// <summary>X-13's label, e.g. <c>LS2008.Nov</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind}{Month.Year:D4}.{MonthNames[Month.Month - 1]}");

    /// <summary>Parses X-13's label (<c>AO1998.Dec</c>, also <c>ao1998.dec</c> or <c>AO1998.12</c>).</summary>
    public static Outlier Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.Length < 8 || t[6] != '.')
            throw new FormatException($"\"{text}\" is not an outlier label such as AO1998.Dec");
        OutlierKind kind = t[..2].ToUpperInvariant() switch
        {
            "AO" => OutlierKind.AO,
            "LS" => OutlierKind.LS,
            "TC" => OutlierKind.TC,
            _ => throw new FormatException($"\"{text}\": outlier type must be AO, LS or TC"),
        };
        if (!int.TryParse(t.AsSpan(2, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year))
            throw new FormatException($"\"{text}\": bad year");
        var m = t[7..];
        int month = Array.FindIndex(MonthNames, n => string.Equals(n, m, StringComparison.OrdinalIgnoreCase)) + 1;
        if (month == 0 && !int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out month))
            throw new FormatException($"\"{text}\": bad month");
        return new Outlier(kind, new YearMonth(year, month));
    }
}
