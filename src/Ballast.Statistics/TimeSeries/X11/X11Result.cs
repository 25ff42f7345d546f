namespace Ballast.Statistics.TimeSeries.X11;

/// <summary>
/// The X-11 tables over the observed span (docs/methodology/x11.md §5). Arrays run from the first observed month;
/// factors are ratios in multiplicative mode and series units in additive mode.
/// </summary>
public sealed class X11Result
{
    internal X11Result(int startMonth, X11Mode mode, double[] seasonal, double[] forecastSeasonal, double[] adjusted,
        double[] trend, double[] irregular, double[] unmodifiedSi, double[] extremeWeights, double[] priorAdjusted,
        SeasonalFilter seasonalFilter, bool seasonalFilterByMsr, double movingSeasonalityRatio,
        double[] monthlyMovingSeasonalityRatios, int hendersonLength, double icRatio, int observedCount, bool includesM6)
    {
        StartMonth = startMonth;
        Mode = mode;
        SeasonalFactors = seasonal;
        ForecastSeasonalFactors = forecastSeasonal;
        SeasonallyAdjusted = adjusted;
        Trend = trend;
        Irregular = irregular;
        UnmodifiedSiRatios = unmodifiedSi;
        ExtremeWeights = extremeWeights;
        PriorAdjusted = priorAdjusted;
        SeasonalFilter = seasonalFilter;
        SeasonalFilterByMsr = seasonalFilterByMsr;
        MovingSeasonalityRatio = movingSeasonalityRatio;
        MonthlyMovingSeasonalityRatios = monthlyMovingSeasonalityRatios;
        HendersonLength = hendersonLength;
        IcRatio = icRatio;
        Count = observedCount;
        IncludesM6 = includesM6;
        Quality = X11QualityMeasures.Compute(this);
    }

    /// <summary>Calendar month (1..12) of the first value.</summary>
    public int StartMonth { get; }
    /// <summary>Multiplicative or additive.</summary>
    public X11Mode Mode { get; }
    /// <summary>Number of observed months.</summary>
    public int Count { get; }
    /// <summary>B1: the prior-adjusted input over the observed span.</summary>
    public IReadOnlyList<double> PriorAdjusted { get; }
    /// <summary>D10: final seasonal factors.</summary>
    public IReadOnlyList<double> SeasonalFactors { get; }
    /// <summary>D10 over the forecast months (the factors X-13 would project for them).</summary>
    public IReadOnlyList<double> ForecastSeasonalFactors { get; }
    /// <summary>D11 of the prior-adjusted series: B1 / D10 (B1 − D10 if additive).</summary>
    public IReadOnlyList<double> SeasonallyAdjusted { get; }
    /// <summary>D12: final Henderson trend of the prior-adjusted series.</summary>
    public IReadOnlyList<double> Trend { get; }
    /// <summary>D13: final irregular, D11 / D12 (D11 − D12 if additive).</summary>
    public IReadOnlyList<double> Irregular { get; }
    /// <summary>D8: final unmodified SI ratios, B1 / D7.</summary>
    public IReadOnlyList<double> UnmodifiedSiRatios { get; }
    /// <summary>C17: the final extreme-value weights (1 regular, 0 extreme).</summary>
    public IReadOnlyList<double> ExtremeWeights { get; }
    /// <summary>The final seasonal filter (D10).</summary>
    public SeasonalFilter SeasonalFilter { get; }
    /// <summary>True when the filter was chosen by the moving seasonality ratio.</summary>
    public bool SeasonalFilterByMsr { get; }
    /// <summary>Global moving seasonality ratio (D9A, I/S) over the observed span.</summary>
    public double MovingSeasonalityRatio { get; }
    /// <summary>Moving seasonality ratio of each calendar month (index 0 = January).</summary>
    public IReadOnlyList<double> MonthlyMovingSeasonalityRatios { get; }
    /// <summary>Length of the final Henderson filter (D12).</summary>
    public int HendersonLength { get; }
    /// <summary>I/C ratio that chose the final Henderson length.</summary>
    public double IcRatio { get; }
    // X-13 counts M6 in Q only when the 3x5 filter was chosen by the MSR rule (or by the user).
    internal bool IncludesM6 { get; }

    /// <summary>M1..M11, Q and Q without M2 (no calendar factors; see <see cref="X11QualityMeasures.Compute(X11Result, IReadOnlyList{double}?)"/>).</summary>
    public X11Quality Quality { get; }

    /// <summary>
    /// The final components of the original series once the regression effects the prior adjustment removed are
    /// put back as X-13 does: D16 = D10 × calendar, D11 = original / D16, D12 × level shifts, D13 = D11 / D12 (so
    /// additive outliers and transitory changes land in the irregular). In additive mode every × is a +.
    /// </summary>
    public FinalComponents WithRegressionEffects(IReadOnlyList<double> original, X11RegressionEffects effects)
    {
        if (original.Count != Count) throw new ArgumentException("the original series must cover the observed span", nameof(original));
        effects.Check(Count);
        bool add = Mode == X11Mode.Additive;
        var sa = new double[Count];
        var trend = new double[Count];
        var irregular = new double[Count];
        var combined = new double[Count];
        for (int t = 0; t < Count; t++)
        {
            double cal = effects.CalendarAt(t, add);
            double ls = effects.LevelShiftAt(t, add);
            combined[t] = add ? SeasonalFactors[t] + cal : SeasonalFactors[t] * cal;
            sa[t] = add ? original[t] - combined[t] : original[t] / combined[t];
            trend[t] = add ? Trend[t] + ls : Trend[t] * ls;
            irregular[t] = add ? sa[t] - trend[t] : sa[t] / trend[t];
        }
        return new FinalComponents(combined, sa, trend, irregular);
    }
}

/// <summary>
/// The regression effects the prior adjustment removed from the original series to make B1, over the observed
/// span, as factors (multiplicative) or in series units (additive); null where absent. B1 = original /
/// (Calendar × LevelShifts × OtherOutliers).
/// </summary>
/// <param name="Calendar">Trading day, holiday and leap-year effects (X-13 table D18).</param>
/// <param name="LevelShifts">Level shifts (they go back into the trend D12).</param>
/// <param name="OtherOutliers">Additive outliers, transitory changes and other regression effects (they go back
/// into the irregular D13).</param>
public sealed record X11RegressionEffects(
    IReadOnlyList<double>? Calendar = null,
    IReadOnlyList<double>? LevelShifts = null,
    IReadOnlyList<double>? OtherOutliers = null)
{
    /// <summary>No regression effects.</summary>
    public static X11RegressionEffects None { get; } = new();

    internal void Check(int count)
    {
        foreach (var e in new[] { Calendar, LevelShifts, OtherOutliers })
            if (e is not null && e.Count != count)
                throw new ArgumentException("regression effects must cover the observed span");
    }

    internal double CalendarAt(int t, bool additive) => Calendar?[t] ?? (additive ? 0 : 1);
    internal double LevelShiftAt(int t, bool additive) => LevelShifts?[t] ?? (additive ? 0 : 1);
    internal double OtherAt(int t, bool additive) => OtherOutliers?[t] ?? (additive ? 0 : 1);
}

/// <summary>Final X-13-style components of the original series (D16, D11, D12, D13).</summary>
public sealed record FinalComponents(
    IReadOnlyList<double> CombinedAdjustmentFactors,
    IReadOnlyList<double> SeasonallyAdjusted,
    IReadOnlyList<double> Trend,
    IReadOnlyList<double> Irregular);
