using System.Globalization;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.X11;

namespace Ballast.Statistics.TimeSeries.SeasonalAdjustment;

/// <summary>
/// Seasonal adjustment as X-13ARIMA-SEATS does it with X-11 (docs/seasonal-adjustment.md): a regARIMA model
/// (imposed, or completed by an <see cref="IModelIdentifier"/>) estimates the calendar and outlier effects,
/// fills missing months and forecasts a year; the series divided by those effects (minus, if additive) and
/// extended by the forecasts is X-11's input B1; the effects are put back into the published components
/// (D16, D11, D12, D13) and enter the quality statistics.
/// </summary>
public static class SeasonalAdjuster
{
    /// <summary>Group name of the outlier rows in the regression table.</summary>
    public const string OutlierGroup = "Outliers";
    /// <summary>Group name of user regressors that are holidays (X-13 usertype=holiday): they go to the holiday
    /// and calendar components.</summary>
    public const string HolidayGroup = "User-defined Holiday";

    /// <summary>
    /// Adjusts <paramref name="series"/> (NaN = missing month; gaps allowed). Series shorter than
    /// <see cref="AdjustmentSpec.MinimumMonths"/> give <see cref="AdjustmentStatus.TooShort"/>; choices not imposed
    /// without an <paramref name="identifier"/> give <see cref="AdjustmentStatus.ModelNotImposed"/>; a model that
    /// cannot be fitted gives <see cref="AdjustmentStatus.Rejected"/>. Each carries a message saying why.
    /// </summary>
    public static AdjustmentResult Adjust(MonthlySeries series, AdjustmentSpec spec, IModelIdentifier? identifier = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(spec);
        if (series.Length < AdjustmentSpec.MinimumMonths)
            return NotAdjusted(spec, AdjustmentStatus.TooShort, string.Create(CultureInfo.InvariantCulture,
                $"too short: {series.Length} months from {series.Start}; seasonal adjustment needs at least {AdjustmentSpec.MinimumMonths} (three years)"));

        var f = Fitted(series, spec.Model, spec.Identify, identifier, forX11: true);
        if (f.Fit is null) return NotAdjusted(spec, f.Status, f.Error!);
        return Decompose(series, spec, f.Model!, f.Fit, f.Unobserved!.Fill(f.Fit));
    }

    /// <summary>
    /// The model identified where choices are open, then fitted with the never-observed calendar months'
    /// convention; or the status and reason why not.
    /// </summary>
    private static (RegArimaSpec? Model, RegArimaFit? Fit, UnobservedMonths? Unobserved, AdjustmentStatus Status, string? Error) Fitted(
        MonthlySeries series, RegArimaSpec imposed, ModelChoice identify, IModelIdentifier? identifier, bool forX11)
    {
        var model = imposed;
        if (identify != ModelChoice.None)
        {
            if (identifier is null)
                return (null, null, null, AdjustmentStatus.ModelNotImposed,
                    $"the model is not fully imposed ({Describe(identify)} to choose) and no automatic identification is available");
            var (identified, error) = IdentifyModel(series, imposed, identify, identifier);
            if (identified is null) return (null, null, null, AdjustmentStatus.Rejected, error);
            model = identified;
        }
        if (forX11 && model.ForecastHorizon < 1)
            return (null, null, null, AdjustmentStatus.Rejected, "X-11 needs the series extended by forecasts: the forecast horizon must be at least 1");
        if (NotEstimable(series, model) is { } why) return (null, null, null, AdjustmentStatus.Rejected, why);
        var unobserved = UnobservedMonths.Prepare(series, model);
        try
        {
            return (model, RegArimaModel.Fit(unobserved.Series, unobserved.Model), unobserved, AdjustmentStatus.Adjusted, null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return (null, null, null, AdjustmentStatus.Rejected, e.Message);
        }
    }

    private static AdjustmentResult Decompose(MonthlySeries series, AdjustmentSpec spec, RegArimaSpec model, RegArimaFit fit, MonthlySeries filled)
    {
        int n = series.Length, h = model.ForecastHorizon, total = n + h;
        bool log = model.Transform == Transform.Log;

        // Regression effects by destination, in the transformed scale, over span + horizon.
        var tradingDay = new double[total];
        var holiday = new double[total];
        var levelShift = new double[total];
        var other = new double[total];
        bool hasTradingDay = false, hasHoliday = false, hasLevelShift = false, hasOther = false;
        foreach (var r in fit.Regression)
        {
            double[] target;
            switch (Destination(r))
            {
                case Component.TradingDay: target = tradingDay; hasTradingDay = true; break;
                case Component.Holiday: target = holiday; hasHoliday = true; break;
                case Component.LevelShift: target = levelShift; hasLevelShift = true; break;
                case Component.Other: target = other; hasOther = true; break;
                default: continue; // missing-value regressors (the value is filled instead), the trend constant
            }
            var e = fit.EffectOf(r.Name);
            for (int t = 0; t < total; t++) target[t] += e[t];
        }
        bool hasCalendar = hasTradingDay || hasHoliday || model.TradingDay != TradingDay.None;
        // Original scale: factors for log, amounts otherwise. The leap-year prior factor (log with trading day)
        // is part of the calendar component (X-13's D18).
        var calendar = new double[total];
        var holidayEffect = new double[total];
        var ls = new double[total];
        var others = new double[total];
        for (int t = 0; t < total; t++)
        {
            calendar[t] = log ? Math.Exp(tradingDay[t] + holiday[t]) * fit.PriorFactors[t] : tradingDay[t] + holiday[t];
            holidayEffect[t] = log ? Math.Exp(holiday[t]) : holiday[t];
            ls[t] = log ? Math.Exp(levelShift[t]) : levelShift[t];
            others[t] = log ? Math.Exp(other[t]) : other[t];
        }

        // B1 extended: the filled series and the forecasts, without the regression effects.
        var b1 = new double[total];
        for (int t = 0; t < total; t++)
        {
            double y = t < n ? filled[t] : fit.Forecasts[t - n].Point;
            b1[t] = log ? y / (calendar[t] * ls[t] * others[t]) : y - calendar[t] - ls[t] - others[t];
        }
        var options = spec.X11 with { Mode = log ? X11Mode.Multiplicative : X11Mode.Additive };
        X11Result x11;
        try
        {
            x11 = X11Decomposition.Decompose(b1, series.Start.Month, h, options);
        }
        catch (ArgumentException e)
        {
            return NotAdjusted(spec, AdjustmentStatus.Rejected, "X-11: " + e.Message);
        }
        var effects = new X11RegressionEffects(
            hasCalendar ? calendar[..n] : null,
            hasLevelShift ? ls[..n] : null,
            hasOther ? others[..n] : null);
        var filledObserved = filled.Values.ToArray();
        var final = x11.WithRegressionEffects(filledObserved, effects);
        var quality = X11QualityMeasures.Compute(x11, effects);
        var growth = new double[n];
        growth[0] = double.NaN;
        for (int t = 1; t < n; t++)
            growth[t] = 100 * (final.SeasonallyAdjusted[t] / final.SeasonallyAdjusted[t - 1] - 1);
        var components = new AdjustmentComponents
        {
            Start = series.Start,
            Mode = options.Mode,
            Original = series.Values.ToArray(),
            Filled = filledObserved,
            Seasonal = x11.SeasonalFactors,
            SeasonallyAdjusted = final.SeasonallyAdjusted,
            Trend = final.Trend,
            Irregular = final.Irregular,
            CombinedAdjustment = final.CombinedAdjustmentFactors,
            Calendar = hasCalendar ? calendar[..n] : null,
            Holiday = hasHoliday ? holidayEffect[..n] : null,
            Growth = growth,
        };
        return new AdjustmentResult
        {
            Status = AdjustmentStatus.Adjusted, Spec = spec, Model = model, Fit = fit, Decomposition = x11,
            Components = components, Quality = quality,
        };
    }

    private enum Component { TradingDay, Holiday, LevelShift, Other, None }

    // Where X-13 puts each regression effect: trading day and leap year, Easter and user holidays to the
    // calendar component D18; level shifts to the trend; AO, TC and other user regressors to the irregular.
    private static Component Destination(RegressionEstimate r) => r.Group switch
    {
        "Leap Year" or "Trading Day" or "1-Coefficient Trading Day" => Component.TradingDay,
        HolidayGroup => Component.Holiday,
        OutlierGroup => r.Name.StartsWith("LS", StringComparison.Ordinal) ? Component.LevelShift : Component.Other,
        "Missing value" or "Constant" or UnobservedMonths.Group => Component.None,
        _ when r.Group.StartsWith("Easter[", StringComparison.Ordinal) => Component.Holiday,
        _ => Component.Other,
    };

    // Regressors the data cannot estimate because they are zero in every observed month: say which and why,
    // rather than the regARIMA's general "collinear" message.
    /// <summary>
    /// The regARIMA model of <paramref name="series"/> as the adjustment identifies and fits it (never-observed
    /// calendar months by the same convention), for forecasts without the X-11 part. The fit, or why there is none.
    /// </summary>
    public static (RegArimaFit? Fit, string? Error) FitModel(MonthlySeries series, RegArimaSpec imposed, ModelChoice identify, IModelIdentifier? identifier)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(imposed);
        var f = Fitted(series, imposed, identify, identifier, forX11: false);
        return (f.Fit, f.Error);
    }

    /// <summary>
    /// Automatic identification. A calendar month never observed (January and February in much Chinese data) makes
    /// the default model's missing-value regressors collinear once seasonally differenced, as it does the final
    /// fit's: identification sees the same convention (placeholders and contrast regressors, UnobservedMonths), under
    /// the default model, and the contrasts are dropped from the identified model (added again for the model chosen).
    /// </summary>
    private static (RegArimaSpec? Model, string? Error) IdentifyModel(MonthlySeries series, RegArimaSpec imposed, ModelChoice identify, IModelIdentifier identifier)
    {
        var forIdentification = UnobservedMonths.Prepare(series, imposed with
        {
            Order = identify.HasFlag(ModelChoice.Arima) ? ArimaOrder.Airline : imposed.Order,
            Transform = !identify.HasFlag(ModelChoice.Transform) ? imposed.Transform
                : AllObservedPositive(series) ? Transform.Log : Transform.None,
        });
        bool contrasts = forIdentification.Model.UserRegressors.Count > imposed.UserRegressors.Count;
        RegArimaSpec model;
        try
        {
            model = contrasts
                ? identifier.Identify(forIdentification.Series, forIdentification.Model with { Order = imposed.Order, Transform = imposed.Transform }, identify)
                : identifier.Identify(series, imposed, identify);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return (null, "the model could not be identified: " + e.Message);
        }
        if (contrasts)
            model = model with
            {
                UserRegressors = model.UserRegressors.Where(u => !string.Equals(u.Group, UnobservedMonths.Group, StringComparison.Ordinal)).ToList(),
            };
        return (model, null);
    }

    private static bool AllObservedPositive(MonthlySeries series)
    {
        foreach (double v in series.Values)
            if (!double.IsNaN(v) && v <= 0) return false;
        return true;
    }

    private static string? NotEstimable(MonthlySeries series, RegArimaSpec model)
    {
        if (series.MissingCount == 0) return null;
        foreach (var o in model.Outliers)
        {
            int t = o.Month - series.Start;
            if (o.Kind == Calendar.OutlierKind.AO && t >= 0 && t < series.Length && series.IsMissing(t))
                return $"the additive outlier {o} is in a missing month; leave it out (the missing value is estimated anyway)";
        }
        foreach (var u in model.UserRegressors)
        {
            bool seen = false;
            for (int t = 0; t < series.Length && !seen; t++)
            {
                var month = series.MonthAt(t);
                seen = !series.IsMissing(t) && month >= u.Values.Start && month <= u.Values.End && u.Values[month] != 0;
            }
            if (!seen) return $"the regressor {u.Name} is zero in every observed month, so it cannot be estimated; leave it out";
        }
        if (model.TradingDay != TradingDay.None && model.Transform == Transform.None)
        {
            bool february = false;
            for (int t = 0; t < series.Length && !february; t++) february = series.MonthAt(t).Month == 2 && !series.IsMissing(t);
            if (!february)
                return "no February is observed, so the leap-year regressor that goes with trading day in an additive model cannot be estimated; use no trading day or the log transform";
        }
        return null;
    }

    private static AdjustmentResult NotAdjusted(AdjustmentSpec spec, AdjustmentStatus status, string message) =>
        new() { Status = status, Spec = spec, Message = message };

    /// <summary>The choices as words, e.g. "transform, ARIMA model".</summary>
    public static string Describe(ModelChoice choices)
    {
        var words = new List<string>();
        if (choices.HasFlag(ModelChoice.Transform)) words.Add("transform");
        if (choices.HasFlag(ModelChoice.Arima)) words.Add("ARIMA model");
        if (choices.HasFlag(ModelChoice.TradingDay)) words.Add("trading day");
        if (choices.HasFlag(ModelChoice.Easter)) words.Add("Easter");
        if (choices.HasFlag(ModelChoice.Outliers)) words.Add("outliers");
        if (choices.HasFlag(ModelChoice.Differencing)) words.Add("orders of differencing");
        return string.Join(", ", words);
    }
}
