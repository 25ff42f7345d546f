using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries.Calendar;

namespace Ballast.Statistics.TimeSeries.RegArima;

/// <summary>Transformation of the series before modelling (X-13 transform spec).</summary>
public enum Transform
{
    /// <summary>No transformation: additive model.</summary>
    None,
    /// <summary>Natural logarithm: multiplicative model; the likelihood includes the Jacobian.</summary>
    Log,
}

/// <summary>Trading-day regressors (X-13 regression variables td, td1coef).</summary>
public enum TradingDay
{
    /// <summary>No trading-day regressor (and no leap-year treatment).</summary>
    None,
    /// <summary>X-13 <c>td</c>: six day-of-week contrasts, plus leap year (regressor if not logged, prior factor if logged).</summary>
    SixContrasts,
    /// <summary>X-13 <c>td1coef</c>: weekdays − 5/2 weekend days, plus leap year as for <see cref="SixContrasts"/>.</summary>
    OneCoefficient,
}

/// <summary>Seasonal ARIMA orders (p d q)(P D Q)12 as X-13 writes them.</summary>
public readonly record struct ArimaOrder(int P, int D, int Q, int SeasonalP, int SeasonalD, int SeasonalQ)
{
    /// <summary>The airline model (0 1 1)(0 1 1).</summary>
    public static ArimaOrder Airline => new(0, 1, 1, 0, 1, 1);

    /// <summary>Parses X-13's notation <c>(0 1 1)(0 1 1)</c>.</summary>
    public static ArimaOrder Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Replace("(", " ", StringComparison.Ordinal).Replace(")", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6) throw new FormatException($"\"{text}\" is not an ARIMA model such as (0 1 1)(0 1 1)");
        var n = parts.Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (n.Any(x => x < 0 || x > 4)) throw new FormatException($"\"{text}\": orders must be 0..4");
        return new ArimaOrder(n[0], n[1], n[2], n[3], n[4], n[5]);
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({P} {D} {Q})({SeasonalP} {SeasonalD} {SeasonalQ})");
}

/// <summary>A user-defined regressor (X-13 <c>user=</c>), with values covering the data span and the forecast horizon.</summary>
public sealed record UserRegressor(string Name, MonthlySeries Values, string Group = "User-defined");

/// <summary>
/// What to fit: transform, ARIMA orders, regressors (X-13 transform, arima, regression and forecast specs;
/// docs/methodology/regarima.md). Immutable; derive variants with <c>with</c> to re-fit cheaply with another
/// regressor set (e.g. for outlier detection or AIC tests).
/// </summary>
public sealed record RegArimaSpec
{
    /// <summary>Transformation (X-13 transform spec; §Model).</summary>
    public Transform Transform { get; init; } = Transform.Log;
    /// <summary>ARIMA orders (X-13 arima spec).</summary>
    public ArimaOrder Order { get; init; } = ArimaOrder.Airline;
    /// <summary>Trading-day regressors (§Regressors).</summary>
    public TradingDay TradingDay { get; init; } = TradingDay.None;
    /// <summary>Easter[w] window w in days (1..25), or null for no Easter regressor.</summary>
    public int? EasterWindow { get; init; }
    /// <summary>Fixed (pre-specified or already identified) outliers, in X-13's order of output.</summary>
    public IReadOnlyList<Outlier> Outliers { get; init; } = [];
    /// <summary>User-defined regressors, e.g. Spring Festival holiday regressors (§Regressors).</summary>
    public IReadOnlyList<UserRegressor> UserRegressors { get; init; } = [];
    /// <summary>Forecast lead (X-13 forecast maxlead; 12 by default here as in the reference runs).</summary>
    public int ForecastHorizon { get; init; } = 12;
    /// <summary>Coverage of the forecast intervals (X-13 forecast probability).</summary>
    public double ForecastProbability { get; init; } = 0.95;
    /// <summary>Starting ARMA values in the order AR, seasonal AR, MA, seasonal MA; null = 0.1 each as X-13.</summary>
    public IReadOnlyList<double>? InitialArma { get; init; }
    /// <summary>Keep <see cref="InitialArma"/> fixed instead of estimating it (X-13 fixed coefficients, e.g. ma=(0.5f)).</summary>
    public bool FixArma { get; init; }
    /// <summary>
    /// Add X-13's constant (trend constant) regressor: the column whose differenced version is 1, i.e. a mean
    /// for the differenced series.
    /// </summary>
    public bool Constant { get; init; }
    /// <summary>Relative change of the likelihood objective at which the optimisation stops.</summary>
    public double Tolerance { get; init; } = 1e-8;
    /// <summary>Skip the ARMA standard errors (NaN in the fit): for the many trial fits of automatic identification.</summary>
    internal bool SkipArmaStandardErrors { get; init; }
}
