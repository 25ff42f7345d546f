using System.Globalization;

namespace Ballast.Core.Programs;

/// <summary>
/// An indicator of an enterprise or a factory: a number (percent values in percent, money in 10,000 yuan) or a
/// code (yes/no flags are the codes "yes" and "no"), and where it came from ("profile 2025", "monthly reports
/// 2025", "registry") so that a pre-check can say which source a figure rests on.
/// </summary>
public sealed record IndicatorValue(double? Number, string? Code, string Source)
{
    public static IndicatorValue Of(double number, string source) => new(number, null, source);
    public static IndicatorValue OfCode(string code, string source) => new(null, code, source);
    public static IndicatorValue OfFlag(bool flag, string source) => new(null, flag ? "yes" : "no", source);

    public override string ToString() => Number is double n ? FormatNumber(n) : Code ?? "";

    /// <summary>Up to four decimals, invariant culture, no exponent: what explanations print.</summary>
    public static string FormatNumber(double n) => Math.Round(n, 4).ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>The indicators of one subject (an enterprise, or a factory with its enterprise's indicators), by name.</summary>
public sealed class Indicators
{
    private readonly Dictionary<string, IndicatorValue> _values = new(StringComparer.Ordinal);

    public IndicatorValue? this[string name] => _values.TryGetValue(name, out var v) ? v : null;

    public Indicators Set(string name, IndicatorValue? value)
    {
        if (value is null) _values.Remove(name);
        else _values[name] = value;
        return this;
    }

    public Indicators Set(string name, double value, string source) => Set(name, IndicatorValue.Of(value, source));

    public IEnumerable<KeyValuePair<string, IndicatorValue>> All => _values.OrderBy(p => p.Key, StringComparer.Ordinal);

    public Indicators Copy()
    {
        var c = new Indicators();
        foreach (var (k, v) in _values) c._values[k] = v;
        return c;
    }
}
