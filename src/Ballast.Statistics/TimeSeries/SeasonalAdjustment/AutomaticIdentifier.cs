using Ballast.Statistics.TimeSeries.RegArima;

namespace Ballast.Statistics.TimeSeries.SeasonalAdjustment;

/// <summary>
/// X-13-style automatic identification (<see cref="AutomaticModel"/>) behind <see cref="IModelIdentifier"/>: the
/// choices left open are identified (transform test, automdl, AIC tests for trading day and Easter, outliers);
/// every imposed choice, imposed outlier and user regressor is kept.
/// </summary>
public sealed class AutomaticIdentifier : IModelIdentifier
{
    public RegArimaSpec Identify(MonthlySeries series, RegArimaSpec imposed, ModelChoice toIdentify)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(imposed);
        var automatic = new AutomaticSpec
        {
            Transform = toIdentify.HasFlag(ModelChoice.Transform) ? null : imposed.Transform,
            Order = toIdentify.HasFlag(ModelChoice.Arima) ? null : imposed.Order,
            Differencing = toIdentify.HasFlag(ModelChoice.Differencing) ? null : (1, 1),
            TradingDay = toIdentify.HasFlag(ModelChoice.TradingDay) ? null : imposed.TradingDay,
            TestEaster = toIdentify.HasFlag(ModelChoice.Easter),
            EasterWindow = imposed.EasterWindow,
            IdentifyOutliers = toIdentify.HasFlag(ModelChoice.Outliers),
            Outliers = imposed.Outliers,
            UserRegressors = imposed.UserRegressors,
        };
        var model = AutomaticModel.Identify(series, automatic);
        return model.Spec with { ForecastHorizon = imposed.ForecastHorizon, ForecastProbability = imposed.ForecastProbability };
    }
}
