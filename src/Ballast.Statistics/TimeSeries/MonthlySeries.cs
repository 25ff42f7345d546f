using Ballast.Statistics.Periods;

namespace Ballast.Statistics.TimeSeries;

/// <summary>
/// A monthly series from <see cref="Start"/>, one value per month, <see cref="double.NaN"/> where a value is
/// missing (missing January and February values are the rule in Chinese data).
/// </summary>
public sealed class MonthlySeries
{
    private readonly double[] _values;

    public MonthlySeries(YearMonth start, IEnumerable<double> values)
    {
        Start = start;
        _values = values.ToArray();
        foreach (var v in _values)
            if (double.IsInfinity(v)) throw new ArgumentException("a series value must be finite or NaN (missing)", nameof(values));
    }

    public YearMonth Start { get; }
    public int Length => _values.Length;
    public YearMonth End => Start.AddMonths(_values.Length - 1);
    public double this[int index] => _values[index];
    public double this[YearMonth month] => _values[month - Start];
    public ReadOnlySpan<double> Values => _values;

    public YearMonth MonthAt(int index) => Start.AddMonths(index);
    public bool IsMissing(int index) => double.IsNaN(_values[index]);
    public int MissingCount => _values.Count(double.IsNaN);

    /// <summary>The same series with a value replaced.</summary>
    public MonthlySeries With(int index, double value)
    {
        var copy = (double[])_values.Clone();
        copy[index] = value;
        return new MonthlySeries(Start, copy);
    }

    /// <summary>The months from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public MonthlySeries Slice(YearMonth from, YearMonth to) =>
        new(from, _values.AsSpan(from - Start, to - from + 1).ToArray());
}
