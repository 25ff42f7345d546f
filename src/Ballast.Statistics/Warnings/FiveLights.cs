using Ballast.Statistics.Release;

namespace Ballast.Statistics.Warnings;

/// <summary>The climate-signal light: blue (too cold) to red (overheating).</summary>
public enum ClimateLight
{
    Blue = 1,
    LightBlue = 2,
    Green = 3,
    Yellow = 4,
    Red = 5,
}

/// <summary>
/// One indicator of the climate signal for a cell: its earlier monthly values (oldest first, not including the
/// current month) and its current value. <see cref="Inverted"/> for an indicator whose rise means cooling, such as
/// energy per value added: its zone is mirrored (5 becomes 1).
/// </summary>
public sealed record ClimateIndicator(string Name, IReadOnlyList<double> History, double Current, bool Inverted = false);

/// <summary>The light of a cell: the mean zone score of the indicators that had enough history, and those scores.</summary>
public sealed record ClimateSignal(ClimateLight Light, double MeanScore, IReadOnlyDictionary<string, int> Scores);

/// <summary>
/// Five lights (the climate signal). For each indicator (va_yoy_month, revenue, profit and export growth, energy per
/// value added), the 10th, 25th, 75th and 90th percentiles of the cell's own history cut five zones scored 1 (blue)
/// to 5 (red): below P10 → 1, P10 up to P25 → 2, P25 to P75 inclusive → 3, above P75 up to P90 → 4, above P90 → 5.
/// The light is the mean score cut at 1.5, 2.5, 3.5 and 4.5 (a mean on a cut takes the upper light). An indicator
/// with fewer than 24 months of history takes no part; with none left there is no light. Percentiles interpolate
/// linearly between order statistics (position p × (n − 1), as Excel PERCENTILE.INC).
/// </summary>
public static class FiveLights
{
    /// <summary>Fewest months of history an indicator needs.</summary>
    public const int MinimumHistory = 24;

    /// <summary>The p-th percentile (0 ≤ p ≤ 1) of <paramref name="values"/>, linear interpolation.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p));
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double position = p * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    /// <summary>The zone score 1..5 of <paramref name="current"/> against <paramref name="history"/>; null when the
    /// history is shorter than <see cref="MinimumHistory"/> or holds a non-finite value.</summary>
    public static int? Score(IReadOnlyList<double> history, double current)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count < MinimumHistory || !double.IsFinite(current) || history.Any(v => !double.IsFinite(v))) return null;
        double p10 = Percentile(history, 0.10), p25 = Percentile(history, 0.25);
        double p75 = Percentile(history, 0.75), p90 = Percentile(history, 0.90);
        if (current < p10) return 1;
        if (current < p25) return 2;
        if (current <= p75) return 3;
        if (current <= p90) return 4;
        return 5;
    }

    /// <summary>The light for a mean score (cuts 1.5, 2.5, 3.5, 4.5).</summary>
    public static ClimateLight LightOf(double meanScore) => meanScore switch
    {
        < 1.5 => ClimateLight.Blue,
        < 2.5 => ClimateLight.LightBlue,
        < 3.5 => ClimateLight.Green,
        < 4.5 => ClimateLight.Yellow,
        _ => ClimateLight.Red,
    };

    /// <summary>The cell's signal over <paramref name="indicators"/>, or null when none has enough history.</summary>
    public static ClimateSignal? Signal(IEnumerable<ClimateIndicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var indicator in indicators)
        {
            if (Score(indicator.History, indicator.Current) is not int s) continue;
            if (!scores.TryAdd(indicator.Name, indicator.Inverted ? 6 - s : s))
                throw new ArgumentException($"indicator {indicator.Name} is given twice", nameof(indicators));
        }
        if (scores.Count == 0) return null;
        double mean = scores.Values.Sum() / (double)scores.Count;
        return new ClimateSignal(LightOf(mean), mean, scores);
    }

    /// <summary>The five indicators of the climate signal, as release measures.</summary>
    public static readonly IReadOnlyList<string> Indicators =
    [
        ReleaseMeasures.VaYoyMonth, ReleaseMeasures.RevenueYoyYtd, ReleaseMeasures.ProfitYoyYtd,
        ReleaseMeasures.ExportYoyYtd, ReleaseMeasures.EnergyPerVaYoyYtd,
    ];

    /// <summary>
    /// The signal of one cell at the latest of <paramref name="releases"/>, each indicator's history being its
    /// values in the earlier releases (months without a value, empty or withheld in the view, are skipped).
    /// <paramref name="energyInverted"/> mirrors energy per value added (a rise read as cooling); off by default.
    /// </summary>
    public static ClimateSignal? SignalOf(IReadOnlyList<MonthlyRelease> releases, string breakdown, string cell,
        ReleaseView view = ReleaseView.Published, bool energyInverted = false)
    {
        ArgumentNullException.ThrowIfNull(releases);
        if (releases.Count == 0) return null;
        var ordered = releases.OrderBy(r => r.Period.Index).ToArray();
        var indicators = new List<ClimateIndicator>();
        foreach (var measure in Indicators)
        {
            if (ordered[^1].Find(breakdown, cell, measure, view)?.Value is not double current) continue;
            var history = new List<double>();
            for (int i = 0; i < ordered.Length - 1; i++)
                if (ordered[i].Find(breakdown, cell, measure, view)?.Value is double v) history.Add(v);
            indicators.Add(new ClimateIndicator(measure, history, current,
                energyInverted && measure == ReleaseMeasures.EnergyPerVaYoyYtd));
        }
        return Signal(indicators);
    }
}
