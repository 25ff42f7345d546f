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
    /// <summary>X-13 automdl reducecv: share by which the critical value is lowered when more than one insignificant ARMA coefficient is dropped.</summary>
    public double ReduceCriticalValue { get; init; } = 0.14286;
    /// <summary>X-13 automdl ljungboxlimit: Ljung–Box confidence above which a model is not accepted (pass2).</summary>
    public double LjungBoxLimit { get; init; } = 0.95;
    /// <summary>Outliers imposed (kept whatever their t); identification adds to them.</summary>
    public IReadOnlyList<Outlier> Outliers { get; init; } = [];
    /// <summary>User-defined regressors, always in the model (e.g. Spring Festival).</summary>
    public IReadOnlyList<UserRegressor> UserRegressors { get; init; } = [];
    /// <summary>
    /// Orders of differencing (d, D) imposed on the order search, or null (the default, as X-13's automdl) to identify
    /// them by X-13's unit-root test (<see cref="DifferencingIdentification"/>) within <see cref="MaxDifferencing"/>.
    /// Ignored when <see cref="Order"/> is imposed.
    /// </summary>
    public (int Regular, int Seasonal)? Differencing { get; init; }
    /// <summary>automdl maxdiff: largest regular and seasonal orders of differencing identified (X-13 default (2 1)).</summary>
    public (int Regular, int Seasonal) MaxDifferencing { get; init; } = (2, 1);
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
    /// <summary>The orders of differencing identified, in the order the rounds identified them (empty when imposed).</summary>
    public IReadOnlyList<DifferencingChoice> DifferencingChoices { get; init; } = [];
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
/// transform test, calendar AIC tests, constant and outliers on the default model, ARMA order search by BIC,
/// outliers with the chosen model, the comparison with the previous model on the Ljung–Box statistic (pass2) with a
/// second round at a lowered critical value and the (3 d 1)(0 D 1) fallback, and the final checks.
/// </summary>
public static class AutomaticModel
{
    /// <summary>Convergence tolerance of the trial fits (X-13's default estimation tolerance is 1e-5).</summary>
    private const double TrialTolerance = 1e-5;

    /// <summary>Floor of the lowered critical value (automd.f, pass2.f: 2.8).</summary>
    private const double MinimumCriticalValue = 2.8;

    /// <summary>X-13's tolerance on the residual standard error when comparing with the previous model (gtinpt.f: 1/(1 − 0.0125)).</summary>
    private const double ResidualSdFactor = 1 / (1 - 0.0125);

    /// <summary>
    /// X-13's pass2.f rule for going back to the previous model (the default model in the first round): the new
    /// model fails the Ljung–Box test (confidence ≥ 0.95) where the previous one passed it, without a clearly smaller
    /// residual standard error (or, in the first round, at all); or both pass, the previous one well (below 0.75),
    /// and the new one has a larger residual standard error, or a worse Ljung–Box confidence without a clearly
    /// smaller error; or the new model has a near-unit AR root next to a missing difference (p = 1, d = 0 with
    /// φ₁ ≥ 0.82 in (1 0 ≤1)(0 1 1), or P = 1, D = 0 with Φ₁ ≥ 0.65 in (0 1 1)(1 0 ≤1)).
    /// "Clearly smaller" is by more than 1.25 % (<see cref="ResidualSdFactor"/>).
    /// </summary>
    /// <param name="round">Identification round (1 or 2).</param>
    /// <param name="order">Orders of the new model.</param>
    /// <param name="firstAr">Its first AR coefficient (regular if p &gt; 0, else seasonal; 0 without AR).</param>
    /// <param name="current">Ljung–Box confidence and residual standard error of the new model.</param>
    /// <param name="previous">The same for the previous model.</param>
    internal static bool PreferPrevious(int round, ArimaOrder order, double firstAr,
        (double Confidence, double ResidualSd) current, (double Confidence, double ResidualSd) previous)
    {
        var (lb, sd) = current;
        var (lb0, sd0) = previous;
        var o = order;
        return (lb < 0.95 && lb0 < 0.75 && sd0 < sd)
            || (round == 1 && lb >= 0.95 && lb0 < 0.95)
            || (lb < 0.95 && lb0 < 0.75 && lb0 < lb && sd0 < ResidualSdFactor * sd)
            || (lb >= 0.95 && lb0 < 0.95 && sd0 < ResidualSdFactor * sd)
            || (o.D == 0 && o.SeasonalD == 1 && o.P == 1 && firstAr >= 0.82 && o.SeasonalP == 0 && o.Q <= 1 && o.SeasonalQ == 1)
            || (o.D == 1 && o.SeasonalD == 0 && o.P == 0 && firstAr >= 0.65 && o.SeasonalP == 1 && o.Q == 1 && o.SeasonalQ <= 1);
    }

    /// <summary>
    /// Ljung–Box confidence (1 − p-value of Q at lag 24, or half the residuals if fewer) and the residual standard
    /// error of a fit, as X-13's mdlchk.f measures a model's adequacy.
    /// </summary>
    private static (double Confidence, double ResidualSd) Adequacy(RegArimaFit fit)
    {
        int n = fit.Residuals.Count, lags = 24 >= n ? n / 2 : 24;
        return (1 - fit.LjungBox(lags).PValue, Math.Sqrt(fit.Variance));
    }

    /// <summary>Identifies the model of <paramref name="series"/> as <paramref name="spec"/> asks.</summary>
    public static IdentifiedModel Identify(MonthlySeries series, AutomaticSpec spec)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(spec);
        int fits = 0;
        var differencing = new List<DifferencingChoice>();
        // The sequence asks more than once for the same model from the same starting values (e.g. the default
        // model again after a round, the previous model in pass2): a fit is a deterministic function of its spec,
        // so a repeated request returns the earlier fit instead of the same numbers computed again.
        var fitted = new Dictionary<FitKey, RegArimaFit>();
        RegArimaFit Fit(RegArimaSpec s)
        {
            var key = new FitKey(s);
            if (fitted.TryGetValue(key, out var known)) return known;
            fits++;
            var f = RegArimaModel.Fit(series, s);
            fitted[key] = f;
            return f;
        }

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

        // 2. Calendar AIC tests on the default model (X-13 tdaic.f, easaic.f): trading day first — none, td,
        //    then td1coef replacing td if its AICC is not larger by more than aicdiff, the winner kept if it
        //    beats none by more than aicdiff —, then Easter likewise (the best window against none).
        var current = Fit(baseSpec);
        if (spec.TradingDay is null) TestTradingDay();
        if (spec.TestEaster)
        {
            var best = current;
            foreach (int w in spec.EasterWindows)
            {
                var f = TryFit(baseSpec with { EasterWindow = w, InitialArma = current.ArmaValues });
                if (f is not null && f.Aicc < best.Aicc) best = f;
            }
            if (best.Aicc + spec.CalendarAicDiff >= current.Aicc) best = current;
            baseSpec = baseSpec with { EasterWindow = best.Spec.EasterWindow };
            current = best;
        }

        double cv = spec.CriticalValue ?? OutlierDetection.DefaultCriticalValue(series.Length - series.MissingCount);

        // 3.–6. With the orders imposed: the constant test and the outliers. Otherwise X-13's automd.f sequence
        //       (docs/methodology/automatic-model.md §Sequence): outliers on the default model, the order search,
        //       outliers with the chosen model, the comparison with the previous model on the Ljung–Box
        //       statistic (pass2), rounds with a lowered critical value, then the final checks.
        double usedCv = cv;
        RegArimaFit final;
        RegArimaFit? result = null;
        RegArimaSpec Finished(RegArimaSpec s) => s with
        {
            ForecastHorizon = spec.ForecastHorizon, FixArma = false,
            SkipArmaStandardErrors = false, Tolerance = new RegArimaSpec().Tolerance,
        };
        if (spec.Order is not null)
        {
            final = WithConstantTested(Fit(baseSpec with { InitialArma = null }));
            if (spec.IdentifyOutliers) final = Identify(final);
        }
        else
        {
            // The constant is tested on the default model before its outliers are searched (automd.f, chkmu).
            var defaultModel = WithConstantTested(current);
            (final, result) = Automdl(spec.IdentifyOutliers ? Identify(defaultModel) : defaultModel);
            usedCv = cv;
        }
        result ??= Fit(Finished(final.Spec) with { InitialArma = final.ArmaValues });
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
            DifferencingChoices = differencing,
            Fit = result,
            Fits = fits,
        };

        // The constant (X-13 checkmu): kept if its t is significant.
        RegArimaFit WithConstantTested(RegArimaFit fit)
        {
            if (fit.Spec.Constant) return fit;
            var withMean = TryFit(fit.Spec with { Constant = true, InitialArma = fit.ArmaValues });
            return withMean is not null && Math.Abs(withMean.Regression[0].T) > 1.96 ? withMean : fit;
        }

        // automd.f after the order search (tdaic, easaic on the new model, before its outliers): the trading-day
        // and Easter choices tested again as in step 2, with the chosen orders.
        RegArimaFit CalendarRetested(RegArimaFit fit)
        {
            double Aicc(RegArimaFit? f) => f?.Aicc ?? double.PositiveInfinity;
            if (spec.TradingDay is null)
            {
                var s0 = fit.Spec with { InitialArma = fit.ArmaValues };
                RegArimaFit? With(TradingDay td) => fit.Spec.TradingDay == td ? fit : TryFit(s0 with { TradingDay = td });
                var none = With(TradingDay.None);
                var six = With(TradingDay.SixContrasts);
                var one = With(TradingDay.OneCoefficient);
                var withTd = Aicc(one) - Aicc(six) <= spec.CalendarAicDiff ? one : six;
                var chosen = Aicc(none) - Aicc(withTd) > spec.CalendarAicDiff ? withTd : none;
                if (chosen is not null) fit = chosen;
            }
            if (spec.TestEaster)
            {
                var s0 = fit.Spec with { InitialArma = fit.ArmaValues };
                var none = fit.Spec.EasterWindow is null ? fit : TryFit(s0 with { EasterWindow = null });
                RegArimaFit? best = null;
                foreach (int w in spec.EasterWindows)
                {
                    var f = fit.Spec.EasterWindow == w ? fit : TryFit(s0 with { EasterWindow = w });
                    if (Aicc(f) < Aicc(best)) best = f;
                }
                var chosen = best is not null && Aicc(best) + spec.CalendarAicDiff < Aicc(none) ? best : none;
                if (chosen is not null) fit = chosen;
            }
            return fit;
        }

        int Automatic(RegArimaFit fit) => fit.Spec.Outliers.Count - spec.Outliers.Count;

        RegArimaFit WithUnitRootsDifferenced(RegArimaFit fit)
        {
            var o = fit.Spec.Order;
            var (regular, seasonalRoots) = DifferencingIdentification.UnitRoots(
                Coefficients(fit, "AR", false), Coefficients(fit, "AR", true), DifferencingIdentification.FinalLimit);
            var reduced = o;
            if (regular > 0 && o.D <= 2) reduced = reduced with { P = reduced.P - 1, D = reduced.D + 1 };
            if (seasonalRoots > 0 && o.SeasonalD <= 1) reduced = reduced with { SeasonalP = reduced.SeasonalP - 1, SeasonalD = reduced.SeasonalD + 1 };
            return reduced == o ? fit : WithOutliersAnew(fit, fit.Spec with { Order = reduced });
        }

        RegArimaFit WithoutOverdifferencing(RegArimaFit fit)
        {
            var reduced = Overdifferenced(fit.Spec.Order, Coefficients(fit, "MA", false));
            return reduced == fit.Spec.Order ? fit : WithOutliersAnew(fit, fit.Spec with { Order = reduced, Constant = true });
        }

        // A changed model estimated afresh, its automatic outliers searched again (or the fit as it was if the
        // changed model cannot be estimated).
        RegArimaFit WithOutliersAnew(RegArimaFit fit, RegArimaSpec changed)
        {
            var refit = TryFit(changed with { Outliers = spec.Outliers, InitialArma = null });
            if (refit is null) return fit;
            return spec.IdentifyOutliers ? Identify(refit) : refit;
        }

        (int Regular, int Seasonal, bool Mean) Differencing(MonthlySeries linear)
        {
            var choice = DifferencingIdentification.Identify(linear, spec.MaxDifferencing);
            differencing.Add(choice);
            return (choice.Regular, choice.Seasonal, choice.MeanSignificant);
        }

        // X-13's automd.f from the default model with its outliers: rounds of order search and outliers, each
        // model compared with the previous one (pass2.f), then the final checks (tstmd2.f). Returns the last trial
        // fit and, when the check of insignificant coefficients passed on it, the finished fit.
        (RegArimaFit Final, RegArimaFit? Finished) Automdl(RegArimaFit defaultFit)
        {
            double originalCv = cv, acceptance = spec.LjungBoxLimit;
            var cur = defaultFit;
            var prevOrder = cur.Spec.Order;
            bool prevMean = cur.Spec.Constant;
            var (lb0, sd0) = Adequacy(cur);
            int auto0 = Automatic(cur), round = 1;
            bool samePrevious = false, identify = true;
            while (true)
            {
                bool outliers = true;
                if (identify && round > 1 && Automatic(cur) == 0) identify = false; // nothing to linearise anew
                if (identify)
                {
                    // The order search on the series linearised by the current model; in the first round the
                    // outliers of the default model are then dropped and searched again with the chosen model,
                    // in later rounds they are kept (automd.f, clrotl only while igo = 0).
                    // The orders of differencing are identified first, on the same linearised series (automd.f,
                    // iddiff before amdid, in every round that identifies).
                    var linear = Linearised(cur);
                    var (dr, ds, mean) = spec.Differencing is { } imposedDiff
                        ? (imposedDiff.Regular, imposedDiff.Seasonal, cur.Spec.Constant)
                        : Differencing(linear);
                    var (order, searchArma) = SearchOrders(linear, dr, ds, spec, ref fits);
                    // Estimated from the default starting values and from the search's estimates of the chosen
                    // orders (X-13 re-estimates the chosen model at the end of amdid and goes on from there when it
                    // adds the constant and the regressors); the second is kept only if its likelihood is clearly
                    // higher (by 0.01), so that near-equal optima do not decide. With a near-unit AR and a constant
                    // (d = 0), the default start can end on a degenerate optimum the search's estimates avoid.
                    var s = cur.Spec with { Order = order, Constant = mean, InitialArma = null };
                    if (round == 1) s = s with { Outliers = spec.Outliers };
                    var fromDefaults = Fit(s);
                    // Only where the two could end apart: the fit from the defaults away from the search's estimates.
                    bool apart = searchArma is not null && fromDefaults.ArmaValues.Zip(searchArma).Any(p => Math.Abs(p.First - p.Second) > 0.05);
                    var fromSearch = apart ? TryFit(s with { InitialArma = searchArma }) : null;
                    var candidate = WithConstantTested(fromSearch is not null && fromSearch.LogLikelihood > fromDefaults.LogLikelihood + 0.01 ? fromSearch : fromDefaults);
                    samePrevious = order == prevOrder && candidate.Spec.Constant == prevMean;
                    if (round == 1 && samePrevious) outliers = false; // the default model is kept with its outliers
                    else cur = CalendarRetested(candidate);
                }
                if (outliers && spec.IdentifyOutliers)
                {
                    cur = Identify(cur);
                }
                var (lb, sd) = Adequacy(cur);

                // pass2: in the first two rounds, fall back to the previous model when the new one is not better on
                // the Ljung–Box statistic or the residual standard error, or has a near-unit AR root; then, if the
                // Ljung–Box confidence exceeds the (rising) limit, lower the critical value and identify again, and
                // the second time settle on (3 d 1)(0 D 1).
                if (round <= 2)
                {
                    int auto = Automatic(cur);
                    var o = cur.Spec.Order;
                    if (auto0 <= auto && (o != prevOrder || cur.Spec.Constant != prevMean))
                    {
                        double ar1 = o.P > 0 || o.SeasonalP > 0 ? cur.Arma[0].Estimate : 0;
                        if (PreferPrevious(round, o, ar1, (lb, sd), (lb0, sd0)))
                        {
                            var previous = TryFit(cur.Spec with { Order = prevOrder, Constant = prevMean, InitialArma = null });
                            if (previous is not null)
                            {
                                cur = previous;
                                samePrevious = true;
                                lb = lb0;
                                sd = sd0;
                            }
                        }
                    }
                    lb0 = lb;
                    sd0 = sd;
                    auto0 = auto;
                    acceptance += round == 1 ? 0.025 : 0.015;
                    if (lb > acceptance)
                    {
                        if (round == 1 && spec.IdentifyOutliers && cv > MinimumCriticalValue)
                            cv = Math.Max(MinimumCriticalValue, cv * (1 - spec.ReduceCriticalValue));
                        prevOrder = cur.Spec.Order;
                        prevMean = cur.Spec.Constant;
                        round++;
                        if (round <= 2)
                        {
                            identify = !samePrevious;
                            samePrevious = false;
                            continue;
                        }
                        var fallback = prevOrder with
                        {
                            P = 3, Q = 1,
                            SeasonalP = prevOrder.SeasonalD > 0 ? 0 : prevOrder.SeasonalP,
                            SeasonalQ = spec.MaxOrder.Seasonal > 0 ? 1 : prevOrder.SeasonalQ,
                        };
                        RegArimaFit? fallbackFit = null;
                        for (int p = 3; p >= 0 && fallbackFit is null; p--)
                            fallbackFit = TryFit(cur.Spec with { Order = fallback with { P = p }, InitialArma = null });
                        // pass2.f estimates the fallback with the outliers identified so far, then clears them
                        // (clrotl) and the outlier search starts from the ARMA values so reached.
                        if (fallbackFit is not null && Automatic(fallbackFit) > 0)
                            fallbackFit = TryFit(fallbackFit.Spec with { Outliers = spec.Outliers, InitialArma = fallbackFit.ArmaValues }) ?? fallbackFit;
                        if (fallbackFit is not null)
                        {
                            cv = originalCv;
                            // Not re-estimated from X-13's initial values: this model's likelihood is often
                            // multimodal (near-cancelling AR and MA factors), and X-13 stays on the optimum reached
                            // from the fallback's own fit through the outlier search.
                            cur = spec.IdentifyOutliers ? Identify(fallbackFit) : fallbackFit;
                        }
                    }
                }

                // Final unit-root check (automd.f, chkrt1 with ubfin = 1.05): an AR root of the chosen model on the
                // unit circle becomes a difference (p − 1, d + 1 while d ≤ 2; P − 1, D + 1 while D ≤ 1), and the
                // model is estimated again with its outliers identified anew.
                cur = WithUnitRootsDifferenced(cur);
                // Then nonseasonal overdifferencing (testodf.f): regular MA coefficients summing to 1 within 0.001
                // (an MA root at 1 cancelling a difference) take one difference and one MA order away and put a
                // constant in; the outliers are identified anew.
                cur = WithoutOverdifferencing(cur);

                // Final checks: near-cancelling factors, then insignificant last coefficients (tstmd2.f), dropped
                // and re-checked until none is left; more than one at once in the first two rounds lowers the
                // critical value and starts a new round from the reduced model.
                while (true)
                {
                    var checkedFit = Fit(Finished(cur.Spec) with { InitialArma = cur.ArmaValues });
                    var cancelled = CancelCommonFactors(checkedFit);
                    if (cancelled != checkedFit.Spec.Order)
                    {
                        cur = Fit(cur.Spec with { Order = cancelled, InitialArma = null });
                        checkedFit = Fit(Finished(cur.Spec) with { InitialArma = cur.ArmaValues });
                    }
                    var reduced = DropInsignificant(checkedFit, series.Length - series.MissingCount, out int dropped);
                    if (dropped == 0) return (cur, checkedFit);
                    cur = Fit(cur.Spec with { Order = reduced, InitialArma = null });
                    if (dropped > 1 && round <= 2 && spec.IdentifyOutliers && cv > MinimumCriticalValue)
                    {
                        cv = Math.Max(MinimumCriticalValue, cv * (1 - spec.ReduceCriticalValue));
                        prevOrder = cur.Spec.Order;
                        prevMean = cur.Spec.Constant;
                        (lb0, sd0) = Adequacy(cur);
                        auto0 = Automatic(cur);
                        round++;
                        identify = true;
                        break;
                    }
                }
            }
        }

        RegArimaFit Identify(RegArimaFit from)
        {
            fits++;
            // Outliers already identified (a later round) stay in the model and the search goes on from them, as
            // X-13's idotlr.f does with the automatically identified outliers of the model it is given.
            var imposed = new HashSet<Outlier>(spec.Outliers);
            var identified = from.Spec.Outliers.Where(o => !imposed.Contains(o)).ToList();
            return OutlierDetection.Identify(series, from.Spec with { Outliers = spec.Outliers }, cv, spec.OutlierKinds, from, identified);
        }

        void TestTradingDay()
        {
            var none = baseSpec.TradingDay == TradingDay.None ? current : Fit(baseSpec with { TradingDay = TradingDay.None, InitialArma = null });
            // A trading-day set the data cannot estimate (the leap-year regressor of an additive model when no
            // February is observed: collinear once differenced) is not a candidate.
            var six = TryFit(baseSpec with { TradingDay = TradingDay.SixContrasts, InitialArma = none.ArmaValues });
            var one = TryFit(baseSpec with { TradingDay = TradingDay.OneCoefficient, InitialArma = none.ArmaValues });
            double Aicc(RegArimaFit? f) => f?.Aicc ?? double.PositiveInfinity;
            var withTd = Aicc(one) - Aicc(six) <= spec.CalendarAicDiff ? one : six;
            current = withTd is not null && none.Aicc - withTd.Aicc > spec.CalendarAicDiff ? withTd : none;
            baseSpec = baseSpec with { TradingDay = current.Spec.TradingDay };
        }

        RegArimaFit? TryFit(RegArimaSpec s)
        {
            try { return Fit(s); }
            catch (ArgumentException) { return null; }
        }
    }

    /// <summary>
    /// A spec compared by value (its lists element by element; user regressors by identity, as they come from
    /// the one automatic spec), to recognise a model already fitted.
    /// </summary>
    private readonly struct FitKey(RegArimaSpec spec) : IEquatable<FitKey>
    {
        private readonly RegArimaSpec _spec = spec;

        public bool Equals(FitKey other)
        {
            RegArimaSpec a = _spec, b = other._spec;
            return a.Transform == b.Transform && a.Order == b.Order && a.TradingDay == b.TradingDay
                && a.EasterWindow == b.EasterWindow && a.ForecastHorizon == b.ForecastHorizon
                && a.ForecastProbability.Equals(b.ForecastProbability) && a.FixArma == b.FixArma
                && a.Constant == b.Constant && a.Tolerance.Equals(b.Tolerance)
                && a.SkipArmaStandardErrors == b.SkipArmaStandardErrors
                && a.Outliers.SequenceEqual(b.Outliers)
                && ReferenceEquals(a.UserRegressors, b.UserRegressors)
                && SameValues(a.InitialArma, b.InitialArma);
        }

        /// <summary>Bit for bit (0 and −0 are different starting values).</summary>
        private static bool SameValues(IReadOnlyList<double>? a, IReadOnlyList<double>? b)
        {
            if (a is null || b is null) return a is null && b is null;
            if (a.Count != b.Count) return false;
            for (int i = 0; i < a.Count; i++)
                if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i])) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is FitKey other && Equals(other);

        public override int GetHashCode()
        {
            var h = new HashCode();
            h.Add(_spec.Transform);
            h.Add(_spec.Order);
            h.Add(_spec.TradingDay);
            h.Add(_spec.EasterWindow);
            h.Add(_spec.Constant);
            h.Add(_spec.Outliers.Count);
            if (_spec.InitialArma is { } init) foreach (double v in init) h.Add(BitConverter.DoubleToInt64Bits(v));
            return h.ToHashCode();
        }
    }

    /// <summary>
    /// Near-cancelling first-order factors (X-13 automdl cancel = 0.1): a regular AR(1) and MA(1), or a seasonal
    /// AR(1) and MA(1), whose coefficients differ by less than 0.1 describe almost the same root on both sides
    /// and are removed together. Higher orders are not checked here.
    /// </summary>
    private static ArimaOrder CancelCommonFactors(RegArimaFit fit)
    {
        const double cancel = 0.1;
        var o = fit.Spec.Order;
        double Coef(string op, bool seasonal) => fit.Arma.First(a => a.Operator == op && a.Seasonal == seasonal).Estimate;
        if (o.P == 1 && o.Q == 1 && Math.Abs(Coef("AR", false) - Coef("MA", false)) < cancel) o = o with { P = 0, Q = 0 };
        if (o.SeasonalP == 1 && o.SeasonalQ == 1 && Math.Abs(Coef("AR", true) - Coef("MA", true)) < cancel) o = o with { SeasonalP = 0, SeasonalQ = 0 };
        return o;
    }

    /// <summary>
    /// X-13's nonseasonal overdifferencing rule (testodf.f): with d &gt; 0 and q &gt; 0, regular MA coefficients (X-13
    /// signs, 1 − Σ θ_j B^j) summing to 1 within 0.001 mean an MA root at 1 cancelling a difference: d − 1, q − 1.
    /// </summary>
    internal static ArimaOrder Overdifferenced(ArimaOrder order, IReadOnlyList<double> regularMa)
    {
        if (order.D == 0 || order.Q == 0) return order;
        double sum = regularMa.Sum();
        return Math.Abs(sum - 1) < 0.001 ? order with { D = order.D - 1, Q = order.Q - 1 } : order;
    }

    /// <summary>Whether the regular or seasonal AR operator of a fit has a partial autocorrelation of modulus ≥ 0.999.</summary>
    private static bool ArOnUnitCircle(RegArimaFit fit) =>
        Estimator.MaxPartialAutocorrelation(Coefficients(fit, "AR", false)) >= 0.999
        || Estimator.MaxPartialAutocorrelation(Coefficients(fit, "AR", true)) >= 0.999;

    /// <summary>The coefficients of one operator of a fit ("AR" or "MA", regular or seasonal), by lag.</summary>
    private static double[] Coefficients(RegArimaFit fit, string op, bool seasonal) =>
        fit.Arma.Where(a => a.Operator == op && a.Seasonal == seasonal).OrderBy(a => a.Lag).Select(a => a.Estimate).ToArray();

    private static MonthlySeries Linearised(RegArimaFit fit)
    {
        int n = fit.Observations;
        var values = new double[n];
        bool log = fit.Spec.Transform == Transform.Log;
        for (int t = 0; t < n; t++)
        {
            double v = fit.Filled[t];
            values[t] = log ? Math.Log(v / fit.PriorFactors[t]) : v;
        }
        foreach (var (group, effect) in fit.RegressionEffects)
        {
            if (string.Equals(group, "Missing value", StringComparison.Ordinal)) continue; // Filled has them
            // X-13's rmfix leaves the constant's effect in the series (the trend it implies stays in the data the
            // unit-root test and the order search see); whether a mean is estimated there is decided separately.
            if (string.Equals(group, "Constant", StringComparison.Ordinal)) continue;
            for (int t = 0; t < n; t++) values[t] -= effect[t];
        }
        return new MonthlySeries(fit.Start, values);
    }

    /// <summary>
    /// X-13's check for insignificant ARMA coefficients (tstmd2.f): the highest-lag coefficient of each operator
    /// (AR, seasonal AR, MA, seasonal MA, in that order) is insignificant if |t| &lt; 1 and |value| &lt; 0.15
    /// (0.1 above 150 observations); an operator whose coefficient has a smaller |t| than all flagged before it
    /// un-flags them. Nothing is dropped from a one-coefficient model.
    /// </summary>
    private static ArimaOrder DropInsignificant(RegArimaFit fit, int observations, out int dropped)
    {
        var o = fit.Spec.Order;
        double cmin = observations <= 150 ? 0.15 : 0.1;
        dropped = 0;
        if (fit.Arma.Count <= 1) return o;
        ArmaEstimate? Last(string op, bool seasonal, int order) =>
            order == 0 ? null : fit.Arma.First(a => a.Operator == op && a.Seasonal == seasonal && a.Lag == (seasonal ? 12 * order : order));
        var candidates = new[] { Last("AR", false, o.P), Last("AR", true, o.SeasonalP), Last("MA", false, o.Q), Last("MA", true, o.SeasonalQ) };
        var flag = new bool[4];
        double bmin = double.PositiveInfinity;
        for (int i = 0; i < 4; i++)
        {
            var a = candidates[i];
            if (a is null) continue;
            double t = Math.Abs(a.Estimate / a.StandardError);
            if (!(t < 1.0 && Math.Abs(a.Estimate) < cmin)) continue;
            flag[i] = true;
            if (t < bmin)
            {
                bmin = t;
                for (int j = 0; j < i; j++) flag[j] = false;
            }
        }
        foreach (bool f in flag) dropped += f ? 1 : 0;
        return new ArimaOrder(o.P - (flag[0] ? 1 : 0), o.D, o.Q - (flag[2] ? 1 : 0), o.SeasonalP - (flag[1] ? 1 : 0), o.SeasonalD, o.SeasonalQ - (flag[3] ? 1 : 0));
    }

    /// <summary>
    /// ARMA orders by BIC on the linearised series (the regression effects of the current model removed and held
    /// fixed, the constant's left in: automd.f, rmfix), with the orders of differencing d and D and no mean (amdid2.f
    /// fits the search models without regressors); in X-13's three stages (amdid.f): seasonal orders with the regular part (3 d 0);
    /// regular orders with the seasonal part chosen; the seasonal orders again (no seasonal AR when D = 1 and the
    /// seasonal maximum is 1). Of every model fitted the five best by BIC/N are kept; a simpler one within a small
    /// BIC distance of the best replaces it (X-13's rules for balanced=no).
    /// </summary>
    private static (ArimaOrder Order, IReadOnlyList<double>? Arma) SearchOrders(MonthlySeries series, int d, int sd, AutomaticSpec spec, ref int fits)
    {
        var s = new RegArimaSpec
        {
            Transform = Transform.None, ForecastHorizon = 0, SkipArmaStandardErrors = true, Tolerance = TrialTolerance,
        };
        var bic = new Dictionary<ArimaOrder, double>();
        var estimates = new Dictionary<ArimaOrder, IReadOnlyList<double>>();
        int count = 0;
        double Bic(ArimaOrder o)
        {
            if (bic.TryGetValue(o, out var b)) return b;
            count++;
            try
            {
                var f = RegArimaModel.Fit(series, s with { Order = o });
                // A fit whose AR operator ends on the unit circle (a drift absorbed by an AR root at 1 cancelling an
                // MA root) is not a stationary model and is not ranked (X-13 did not rank it either where compared:
                // India's IIP, (1 1 2)(0 1 1), absent from its best five).
                b = ArOnUnitCircle(f) ? double.PositiveInfinity : f.Bic / f.EffectiveObservations;
                estimates[o] = f.ArmaValues;
            }
            catch (ArgumentException) { b = double.PositiveInfinity; }
            bic[o] = b;
            return b;
        }
        int maxR = spec.MaxOrder.Regular, maxS = spec.MaxOrder.Seasonal;
        // Stage 1: seasonal orders with the regular part (3 d 0).
        var best = new ArimaOrder(3, d, 0, 0, sd, 1);
        for (int sp = 0; sp <= maxS; sp++)
            for (int sq = 0; sq <= maxS; sq++)
            {
                var o = new ArimaOrder(3, d, 0, sp, sd, sq);
                if (Bic(o) < Bic(best)) best = o;
            }
        int bestSp = best.SeasonalP, bestSq = best.SeasonalQ;
        // X-13 (amdid.f) forgets the first stage's models when ranking if the regular maximum is below 3: their
        // (3 d 0) part is only a device to choose the seasonal orders.
        var stageOne = maxR < 3 ? new HashSet<ArimaOrder>(bic.Keys) : [];
        // Stage 2: regular orders.
        best = new ArimaOrder(0, d, 0, bestSp, sd, bestSq);
        for (int p = 0; p <= maxR; p++)
            for (int q = 0; q <= maxR; q++)
            {
                var o = new ArimaOrder(p, d, q, bestSp, sd, bestSq);
                if (Bic(o) < Bic(best)) best = o;
            }
        // Stage 3: seasonal orders again with the chosen regular part (no seasonal AR when D = 1 and the seasonal
        // maximum is below 2).
        int psar = maxS < 2 && sd == 1 ? 0 : maxS;
        for (int sp = 0; sp <= psar; sp++)
            for (int sq = 0; sq <= maxS; sq++) Bic(best with { SeasonalP = sp, SeasonalQ = sq });
        fits += count;

        // The five best of all models fitted, then X-13's preference for fewer parameters at a near-equal BIC.
        var ranked = bic.Where(kv => double.IsFinite(kv.Value) && !stageOne.Contains(kv.Key)).OrderBy(kv => kv.Value).Take(5).ToList();
        if (ranked.Count == 0) return (new ArimaOrder(0, d, 1, 0, sd, 1), null);
        var chosen = ranked[0].Key;
        double chosenBic = ranked[0].Value;
        double spread = Math.Abs(ranked[0].Value - ranked[^1].Value);
        double scale = spread < 0.003 ? 0.0625 : spread < 0.03 ? 0.25 : 1.0;
        double vc2 = 0.0025 * scale, vc22 = 0.0075 * scale;
        int chosenAt = 0;
        for (int i = 1; i < ranked.Count; i++)
        {
            var o = ranked[i].Key;
            double dbic = Math.Abs(ranked[i].Value - chosenBic);
            int ir1 = chosen.P + chosen.Q, ir2 = o.P + o.Q, is1 = chosen.SeasonalP + chosen.SeasonalQ, is2 = o.SeasonalP + o.SeasonalQ;
            bool take =
                (i == 1 && ir1 == 0 && ir2 == 1 && is2 == is1 && dbic < vc2)
                || (ir2 < ir1 && ir2 > 0 && is2 == is1 && dbic < vc2)
                || (is2 < is1 && is2 > 0 && ir2 == ir1 && dbic < vc2)
                || (o.P < chosen.P && o.Q == chosen.Q && ir2 > 0 && is2 == is1 && dbic < vc22);
            if (take)
            {
                double shift = Math.Abs(ranked[0].Value - ranked[i].Value);
                vc2 -= shift;
                vc22 -= shift;
                chosen = o;
                chosenBic = ranked[i].Value;
                chosenAt = i;
            }
        }
        // A model with no ARMA terms at all gives way to the next in the ranking (amdid.f).
        if (chosen.P + chosen.Q + chosen.SeasonalP + chosen.SeasonalQ == 0 && chosenAt + 1 < ranked.Count)
            chosen = ranked[chosenAt + 1].Key;
        return (chosen, estimates.GetValueOrDefault(chosen));
    }
}
