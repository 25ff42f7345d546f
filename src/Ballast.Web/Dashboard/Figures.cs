using System.Globalization;

namespace Ballast.Web.Dashboard;

/// <summary>
/// How the dashboard and the bulletin print a figure: one decimal, rounded half away from zero. The rounding is
/// done on the shortest decimal that round-trips the double (the form the release CSV prints), so 0.15 shows as
/// 0.2 as a reader of the CSV expects, although the nearest double to 0.15 lies just below it.
/// </summary>
public static class Figures
{
    /// <summary>The value with one decimal, half away from zero; "-0.0" never appears (it prints as 0.0).</summary>
    public static string OneDecimal(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "a published figure is finite");
        // Beyond decimal's range the digits after the point do not matter: fall back to the double's own rounding.
        if (Math.Abs(value) >= 1e27) return Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);
        var exact = decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        var rounded = decimal.Round(exact, 1, MidpointRounding.AwayFromZero);
        if (rounded == 0m) rounded = 0m; // drops the sign of a negative zero
        return rounded.ToString("0.0", CultureInfo.InvariantCulture);
    }

    /// <summary>A count (the <c>enterprises</c> measure, product output) as an integer, half away from zero.</summary>
    public static string Whole(double value) =>
        Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>How a figure of a release is shown: its value, or its flag when it has none.</summary>
    public static string Show(double? value, string flag, string measure)
    {
        if (value is null) return flag.Length > 0 ? flag : "—";
        return measure is "enterprises" ? Whole(value.Value) : OneDecimal(value.Value);
    }
}
