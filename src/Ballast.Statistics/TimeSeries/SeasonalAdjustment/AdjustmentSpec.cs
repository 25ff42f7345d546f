using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.X11;

namespace Ballast.Statistics.TimeSeries.SeasonalAdjustment;

/// <summary>
/// The parts of the regARIMA model that are left to automatic identification (X-13 transform{function=auto},
/// automdl{}, regression{aictest=(td easter)}, outlier{}). <see cref="None"/> = the whole model is imposed.
/// </summary>
[Flags]
public enum ModelChoice
{
    /// <summary>Everything imposed.</summary>
    None = 0,
    /// <summary>Log or no transformation.</summary>
    Transform = 1,
    /// <summary>The ARIMA orders.</summary>
    Arima = 2,
    /// <summary>Trading day: td, td1coef or none.</summary>
    TradingDay = 4,
    /// <summary>Easter: a window or none.</summary>
    Easter = 8,
    /// <summary>Outliers (AO, LS, TC) beyond the imposed ones.</summary>
    Outliers = 16,
    /// <summary>
    /// The orders of differencing within the ARIMA search, by X-13's unit-root test (only with <see cref="Arima"/>;
    /// without it the search keeps d = 1, D = 1).
    /// </summary>
    Differencing = 32,
    /// <summary>Everything, as X-13's automatic specs do.</summary>
    All = Transform | Arima | TradingDay | Easter | Outliers | Differencing,
}

/// <summary>
/// Automatic model identification, plugged into <see cref="SeasonalAdjuster"/>: turns a series and the imposed
/// part of the model into a complete model. Implementations must keep every imposed choice and decide only those
/// in <paramref name="toIdentify"/>; user regressors (e.g. Spring Festival) are imposed data and are kept.
/// </summary>
public interface IModelIdentifier
{
    /// <summary>The complete model for <paramref name="series"/> (NaN = missing).</summary>
    RegArimaSpec Identify(MonthlySeries series, RegArimaSpec imposed, ModelChoice toIdentify);
}

/// <summary>
/// What to adjust and how (docs/seasonal-adjustment.md): the regARIMA model, with the choices that are not
/// imposed listed in <see cref="Identify"/>, and the X-11 options. The X-11 mode follows the transform
/// (multiplicative for log, additive for none) as in X-13; the forecast horizon is the model's (12 by default,
/// the year X-13 extends the series by before X-11).
/// </summary>
public sealed record AdjustmentSpec
{
    /// <summary>The imposed model: transform, orders, trading day, Easter, outliers, user regressors.</summary>
    public RegArimaSpec Model { get; init; } = new();
    /// <summary>The choices left to automatic identification; <see cref="ModelChoice.None"/> = all imposed.</summary>
    public ModelChoice Identify { get; init; }
    /// <summary>X-11 options (seasonal filter, Henderson length, sigma limits); <see cref="X11Options.Mode"/> is
    /// overridden by the transform.</summary>
    public X11Options X11 { get; init; } = X11Options.Default;

    /// <summary>Minimum length: three years of months (X-11 needs them for its seasonal filters).</summary>
    public const int MinimumMonths = 36;

    /// <summary>A fully imposed adjustment with the given model.</summary>
    public static AdjustmentSpec Imposed(RegArimaSpec model) => new() { Model = model };
}
