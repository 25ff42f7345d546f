using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.X11;

namespace Ballast.Statistics.TimeSeries.SeasonalAdjustment;

/// <summary>Outcome of <see cref="SeasonalAdjuster.Adjust"/>.</summary>
public enum AdjustmentStatus
{
    /// <summary>Adjusted: every component is present.</summary>
    Adjusted,
    /// <summary>Fewer than <see cref="AdjustmentSpec.MinimumMonths"/> months: not adjusted.</summary>
    TooShort,
    /// <summary>Some model choices are not imposed and no automatic identification was given.</summary>
    ModelNotImposed,
    /// <summary>The model cannot be fitted to the data (e.g. log of a non-positive value, too many regressors).</summary>
    Rejected,
}

/// <summary>
/// The final components as X-13ARIMA-SEATS publishes them (tables D10, D11, D12, D13, D16, D18 and the holiday
/// component), month by month over the observed span. Factors in multiplicative mode, series units in additive
/// mode (docs/seasonal-adjustment.md §Components).
/// </summary>
public sealed class AdjustmentComponents
{
    internal AdjustmentComponents() { }

    /// <summary>First month.</summary>
    public required YearMonth Start { get; init; }
    /// <summary>Multiplicative (log transform) or additive.</summary>
    public required X11Mode Mode { get; init; }
    /// <summary>The series as given, NaN where missing.</summary>
    public required IReadOnlyList<double> Original { get; init; }
    /// <summary>The series with missing months filled by the regARIMA model (X-13's input to X-11).</summary>
    public required IReadOnlyList<double> Filled { get; init; }
    /// <summary>D10: final seasonal factors.</summary>
    public required IReadOnlyList<double> Seasonal { get; init; }
    /// <summary>D11: seasonally adjusted series (calendar effects removed too, outliers kept).</summary>
    public required IReadOnlyList<double> SeasonallyAdjusted { get; init; }
    /// <summary>D12: trend (level shifts included).</summary>
    public required IReadOnlyList<double> Trend { get; init; }
    /// <summary>D13: irregular (additive outliers and transitory changes included).</summary>
    public required IReadOnlyList<double> Irregular { get; init; }
    /// <summary>D16: combined seasonal and calendar adjustment factors (D10 × D18).</summary>
    public required IReadOnlyList<double> CombinedAdjustment { get; init; }
    /// <summary>D18: combined calendar factors (trading day, leap year, holidays); null when the model has none.</summary>
    public required IReadOnlyList<double>? Calendar { get; init; }
    /// <summary>Holiday component (Easter and user-defined holiday regressors); null when the model has none.</summary>
    public required IReadOnlyList<double>? Holiday { get; init; }
    /// <summary>
    /// Seasonally adjusted month-on-month growth in percent, 100 (D11_t / D11_{t−1} − 1); NaN in the first month.
    /// </summary>
    public required IReadOnlyList<double> Growth { get; init; }

    /// <summary>Number of months.</summary>
    public int Count => Original.Count;
    /// <summary>The month of position <paramref name="index"/>.</summary>
    public YearMonth MonthAt(int index) => Start.AddMonths(index);
}

/// <summary>The result of a seasonal adjustment: components, quality statistics, model tables and forecasts.</summary>
public sealed class AdjustmentResult
{
    internal AdjustmentResult() { }

    /// <summary>Adjusted, or why not.</summary>
    public required AdjustmentStatus Status { get; init; }
    /// <summary>Why the series was not adjusted; null when adjusted.</summary>
    public string? Message { get; init; }
    /// <summary>What was asked.</summary>
    public required AdjustmentSpec Spec { get; init; }
    /// <summary>The model fitted: the imposed model completed by automatic identification; null if not adjusted.</summary>
    public RegArimaSpec? Model { get; init; }
    /// <summary>The regARIMA fit (regression table, ARMA table, forecasts, likelihood); null if not adjusted.</summary>
    public RegArimaFit? Fit { get; init; }
    /// <summary>The X-11 tables of the prior-adjusted series (B1, D8, C17, filters chosen); null if not adjusted.</summary>
    public X11Result? Decomposition { get; init; }
    /// <summary>The published components; null if not adjusted.</summary>
    public AdjustmentComponents? Components { get; init; }
    /// <summary>M1..M11 and Q with the prior adjustment taken into account (X-13's F3); null if not adjusted.</summary>
    public X11Quality? Quality { get; init; }

    /// <summary>True when <see cref="Status"/> is <see cref="AdjustmentStatus.Adjusted"/>.</summary>
    public bool IsAdjusted => Status == AdjustmentStatus.Adjusted;

    /// <summary>Forecasts with their prediction limits (95 % unless the model says otherwise), original scale.</summary>
    public IReadOnlyList<Forecast> Forecasts => Fit?.Forecasts ?? [];
    /// <summary>The regression table (X-13 order: leap year, trading day, Easter, user, outliers, missing values).</summary>
    public IReadOnlyList<RegressionEstimate> Regression => Fit?.Regression ?? [];
    /// <summary>The ARMA table (X-13 signs).</summary>
    public IReadOnlyList<ArmaEstimate> Arma => Fit?.Arma ?? [];
    /// <summary>The outlier rows of the regression table.</summary>
    public IReadOnlyList<RegressionEstimate> Outliers =>
        Regression.Where(r => string.Equals(r.Group, SeasonalAdjuster.OutlierGroup, StringComparison.Ordinal)).ToArray();
}
