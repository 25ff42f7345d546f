using Ballast.Statistics.TimeSeries.Calendar;

namespace Ballast.Statistics.TimeSeries.RegArima;

/// <summary>
/// What to identify automatically and what to impose (X-13 transform{function=auto}, regression{aictest=…},
/// automdl{}, outlier{} specs; docs/methodology/automatic-model.md). A null choice is identified; a value is
/// imposed. The defaults are X-13's for the reference runs' `auto` specs.
/// </summary>
public sealed record AutomaticSpec
{
    /// <summary>Transform, or null for X-13's AICC test of log against no transformation.</summary>
    public Transform? Transform { get; init; }
    /// <summary>X-13 transform aicdiff: no transformation is chosen if its AICC is below log's AICC + aicdiff.</summary>
    public double TransformAicDiff { get; init; } = -2.0;
    /// <summary>ARIMA orders, or null for automdl.</summary>
    public ArimaOrder? Order { get; init; }
    /// <summary>Trading day, or null for the AIC test of td against td1coef against none (aictest=(td)).</summary>
    public TradingDay? TradingDay { get; init; } = RegArima.TradingDay.None;
    /// <summary>True to test Easter (aictest=(easter)); otherwise <see cref="EasterWindow"/> is imposed.</summary>
    public bool TestEaster { get; init; }
    /// <summary>Imposed Easter window when <see cref="TestEaster"/> is false (null = none).</summary>
    public int? EasterWindow { get; init; }
    /// <summary>Easter windows X-13 tries (easter[1], easter[8], easter[15]).</summary>
    public IReadOnlyList<int> EasterWindows { get; init; } = [1, 8, 15];
    /// <summary>X-13 regression aicdiff: a calendar regressor is kept if its AICC + aicdiff is below the AICC without.</summary>
    public double CalendarAicDiff { get; init; }
    /// <summary>True to identify outliers (outlier spec).</summary>
    public bool IdentifyOutliers { get; init; } = true;
    /// <summary>Outlier types searched (X-13 types=(ao ls tc)).</summary>
    public IReadOnlyList<OutlierKind> OutlierKinds { get; init; } = [OutlierKind.AO, OutlierKind.LS, OutlierKind.TC];
    /// <summary>Critical |t|, or null for X-13's default from the series length (<see cref="OutlierDetection.DefaultCriticalValue"/>).</summary>
    public double? CriticalValue { get; init; }
    /// <summary>X-13 automdl reducecv: share by which the critical value is lowered when the chosen model fails the Ljung–Box check.</summary>
    public double ReduceCriticalValue { get; init; } = 0.14286;
    /// <summary>Outliers imposed (kept whatever their t); identification adds to them.</summary>
    public IReadOnlyList<Outlier> Outliers { get; init; } = [];
    /// <summary>User-defined regressors, always in the model (e.g. Spring Festival).</summary>
    public IReadOnlyList<UserRegressor> UserRegressors { get; init; } = [];
    /// <summary>automdl maxorder: largest regular and seasonal ARMA orders searched (X-13 default (2 1)).</summary>
    public (int Regular, int Seasonal) MaxOrder { get; init; } = (2, 1);
    /// <summary>Forecast lead of the final fit.</summary>
    public int ForecastHorizon { get; init; } = 12;
    /// <summary>Forecast interval coverage of the final fit.</summary>
    public double ForecastProbability { get; init; } = 0.95;
}

/// <summary>The identified model: the choices made and the final fit.</summary>
public sealed class IdentifiedModel
{
    /// <summary>Chosen transform.</summary>
    public required Transform Transform { get; init; }
    /// <summary>Chosen ARIMA orders.</summary>
    public required ArimaOrder Order { get; init; }
    /// <summary>Chosen trading-day regressors.</summary>
    public required TradingDay TradingDay { get; init; }
    /// <summary>Chosen Easter window, or null.</summary>
    public required int? EasterWindow { get; init; }
    /// <summary>Whether the constant (trend mean) was kept.</summary>
    public required bool Constant { get; init; }
    /// <summary>Automatically identified outliers, in date order (imposed ones excluded).</summary>
    public required IReadOnlyList<Outlier> Outliers { get; init; }
    /// <summary>Critical value used in the final outlier identification.</summary>
    public required double CriticalValue { get; init; }
    /// <summary>AICC of the transform test (no transformation, log), when it ran.</summary>
    public (double None, double Log)? TransformAicc { get; init; }
    /// <summary>The final spec (re-usable to re-fit the identified model with <see cref="RegArimaModel.Fit"/>).</summary>
    public RegArimaSpec Spec => Fit.Spec;
    /// <summary>The final fit.</summary>
    public required RegArimaFit Fit { get; init; }
    /// <summary>Number of regARIMA fits made during identification (cost indicator).</summary>
    public required int Fits { get; init; }
}

/// <summary>
/// Automatic regARIMA modelling as X-13ARIMA-SEATS does it for transform{function=auto},
/// regression{aictest=(td easter)}, automdl{} and outlier{} (reference manual; docs/methodology/automatic-model.md):
/// transform test, calendar AIC tests, outliers on the default model, ARMA order search by BIC, constant test,
/// final outliers and Ljung–Box check.
/// </summary>
public static class AutomaticModel
{
    /// <summary>Convergence tolerance of the trial fits (X-13's default estimation tolerance is 1e-5).</summary>
    private const double TrialTolerance = 1e-6;

    /// <summary>Identifies the model of <paramref name="series"/> as <paramref name="spec"/> asks.</summary>
    public static IdentifiedModel Identify(MonthlySeries series, AutomaticSpec spec)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(spec);
        int fits = 0;
        RegArimaFit Fit(RegArimaSpec s) { fits++; return RegArimaModel.Fit(series, s); }

        var baseSpec = new RegArimaSpec
        {
            Transform = spec.Transform ?? Transform.Log,
            Order = spec.Order ?? ArimaOrder.Airline,
            TradingDay = spec.TradingDay ?? TradingDay.None,
            EasterWindow = spec.TestEaster ? null : spec.EasterWindow,
            Outliers = spec.Outliers,
            UserRegressors = spec.UserRegressors,
            ForecastHorizon = 0,
            ForecastProbability = spec.ForecastProbability,
            SkipArmaStandardErrors = true,
            Tolerance = TrialTolerance,
        };

        // 1. Transform: AICC of the default model (with the imposed regressors) in levels and in logs.
        (double None, double Log)? transformAicc = null;
        if (spec.Transform is null)
        {
            bool positive = true;
            foreach (var v in series.Values) if (!double.IsNaN(v) && v <= 0) { positive = false; break; }
            if (positive)
            {
                var level = Fit(baseSpec with { Transform = Transform.None });
                var log = Fit(baseSpec with { Transform = Transform.Log });
                transformAicc = (level.Aicc, log.Aicc);
                baseSpec = baseSpec with { Transform = level.Aicc < log.Aicc + spec.TransformAicDiff ? Transform.None : Transform.Log };
            }
            else baseSpec = baseSpec with { Transform = Transform.None };
        }

        // 2. Calendar AIC tests on the default model.
        var current = Fit(baseSpec);
        if (spec.TradingDay is null)
        {
            var best = current;
            foreach (var td in new[] { TradingDay.SixContrasts, TradingDay.OneCoefficient })
            {
                var f = Fit(baseSpec with { TradingDay = td, InitialArma = current.ArmaValues });
                if (f.Aicc < best.Aicc && (best == current ? f.Aicc + spec.CalendarAicDiff < current.Aicc : true)) best = f;
            }
            if (best.Aicc + spec.CalendarAicDiff >= current.Aicc) best = current;
            baseSpec = baseSpec with { TradingDay = best.Spec.TradingDay };
            current = best;
        }
        if (spec.TestEaster)
        {
            var best = current;
            foreach (int w in spec.EasterWindows)
            {
                var f = Fit(baseSpec with { EasterWindow = w, InitialArma = current.ArmaValues });
                if (f.Aicc < best.Aicc) best = f;
            }
            if (best.Aicc + spec.CalendarAicDiff >= current.Aicc) best = current;
            baseSpec = baseSpec with { EasterWindow = best.Spec.EasterWindow };
            current = best;
        }

        double cv = spec.CriticalValue ?? OutlierDetection.DefaultCriticalValue(series.Length - series.MissingCount);

        // 3. Outliers on the default model, then the ARMA order search with them held.
        ArimaOrder order = baseSpec.Order;
        if (spec.Order is null)
        {
            var withOutliers = spec.IdentifyOutliers ? Identify(current) : current;
            order = SearchOrders(withOutliers, spec, ref fits, series);
        }
        baseSpec = baseSpec with { Order = order, InitialArma = null };

        // 4. Constant: kept if significant (X-13 automdl checkmu).
        var final = Fit(baseSpec);
        var withMean = TryFit(baseSpec with { Constant = true, InitialArma = final.ArmaValues });
        if (withMean is not null && Math.Abs(withMean.Regression[0].T) > 1.96)
        {
            baseSpec = baseSpec with { Constant = true };
            final = withMean;
        }

        // 5. Final outliers with the chosen model; a lower critical value if the residuals fail Ljung–Box.
        double usedCv = cv;
        if (spec.IdentifyOutliers)
        {
            var first = Identify(final);
            if (first.LjungBox(24).PValue < 0.05 && spec.ReduceCriticalValue > 0)
            {
                usedCv = cv * (1 - spec.ReduceCriticalValue);
                first = Identify(final, usedCv);
            }
            final = first;
        }
        var finalSpec = final.Spec with
        {
            ForecastHorizon = spec.ForecastHorizon, InitialArma = final.ArmaValues, FixArma = false,
            SkipArmaStandardErrors = false, Tolerance = new RegArimaSpec().Tolerance,
        };
        var result = Fit(finalSpec);
        var imposed = new HashSet<Outlier>(spec.Outliers);
        return new IdentifiedModel
        {
            Transform = result.Spec.Transform,
            Order = result.Spec.Order,
            TradingDay = result.Spec.TradingDay,
            EasterWindow = result.Spec.EasterWindow,
            Constant = result.Spec.Constant,
            Outliers = result.Spec.Outliers.Where(o => !imposed.Contains(o)).ToList(),
            CriticalValue = usedCv,
            TransformAicc = transformAicc,
            Fit = result,
            Fits = fits,
        };

        RegArimaFit Identify(RegArimaFit from, double? critical = null)
        {
            fits++;
            var start = from.Spec.Outliers.Count == spec.Outliers.Count ? from : null;
            return OutlierDetection.Identify(series, from.Spec with { Outliers = spec.Outliers }, critical ?? cv, spec.OutlierKinds, start);
        }

        RegArimaFit? TryFit(RegArimaSpec s)
        {
            try { return Fit(s); }
            catch (ArgumentException) { return null; }
        }
    }

    /// <summary>
    /// ARMA orders by BIC with the regressors of <paramref name="fit"/> held (d = 1, D = 1): seasonal orders
    /// with the regular part (0 1 1), then regular orders up to the maximum, then the seasonal orders again.
    /// </summary>
    private static ArimaOrder SearchOrders(RegArimaFit fit, AutomaticSpec spec, ref int fits, MonthlySeries series)
    {
        var s = fit.Spec with { InitialArma = null };
        var bic = new Dictionary<ArimaOrder, double>();
        int count = 0;
        double Bic(ArimaOrder o)
        {
            if (bic.TryGetValue(o, out var b)) return b;
            count++;
            try { b = RegArimaModel.Fit(series, s with { Order = o }).Bic; }
            catch (ArgumentException) { b = double.PositiveInfinity; }
            bic[o] = b;
            return b;
        }
        var best = new ArimaOrder(0, 1, 1, 0, 1, 1);
        for (int pass = 0; pass < 2; pass++)
        {
            var bestSeasonal = best;
            for (int sp = 0; sp <= spec.MaxOrder.Seasonal; sp++)
                for (int sq = 0; sq <= spec.MaxOrder.Seasonal; sq++)
                {
                    var o = best with { SeasonalP = sp, SeasonalQ = sq };
                    if (Bic(o) < Bic(bestSeasonal)) bestSeasonal = o;
                }
            best = bestSeasonal;
            var bestRegular = best;
            for (int p = 0; p <= spec.MaxOrder.Regular; p++)
                for (int q = 0; q <= spec.MaxOrder.Regular; q++)
                {
                    var o = best with { P = p, Q = q };
                    if (Bic(o) < Bic(bestRegular)) bestRegular = o;
                }
            if (bestRegular == best && pass > 0) break;
            best = bestRegular;
        }
        fits += count;
        return best;
    }
}
