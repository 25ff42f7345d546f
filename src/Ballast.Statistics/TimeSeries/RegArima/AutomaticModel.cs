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
/// final outliers.
/// </summary>
public static class AutomaticModel
{
    /// <summary>Convergence tolerance of the trial fits (X-13's default estimation tolerance is 1e-5).</summary>
    private const double TrialTolerance = 1e-5;

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

        // 5. Final outliers with the chosen model.
        double usedCv = cv;
        if (spec.IdentifyOutliers) final = Identify(final);

        // 6. Insignificant last ARMA coefficients are dropped (X-13 tstmd2); when more than one goes, the
        //    outliers are identified again with the critical value lowered by reducecv.
        RegArimaSpec Finished(RegArimaSpec s) => s with
        {
            ForecastHorizon = spec.ForecastHorizon, FixArma = false,
            SkipArmaStandardErrors = false, Tolerance = new RegArimaSpec().Tolerance,
        };
        RegArimaFit? result = null;
        if (spec.Order is null)
        {
            // The check needs the ARMA standard errors: it is made on the finished fit, kept if nothing is dropped.
            var checkedFit = Fit(Finished(final.Spec) with { InitialArma = final.ArmaValues });
            var cancelled = CancelCommonFactors(checkedFit);
            if (cancelled != checkedFit.Spec.Order)
            {
                final = Fit(final.Spec with { Order = cancelled, InitialArma = null });
                checkedFit = Fit(Finished(final.Spec) with { InitialArma = final.ArmaValues });
            }
            var reduced = DropInsignificant(checkedFit, series.Length - series.MissingCount, out int dropped);
            if (dropped > 0)
            {
                final = Fit(final.Spec with { Order = reduced, InitialArma = null });
                if (dropped > 1 && spec.IdentifyOutliers)
                {
                    usedCv = Math.Max(2.8, cv * (1 - spec.ReduceCriticalValue));
                    cv = usedCv;
                    final = Identify(final);
                }
            }
            else result = checkedFit;
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
            Fit = result,
            Fits = fits,
        };

        RegArimaFit Identify(RegArimaFit from)
        {
            fits++;
            var start = from.Spec.Outliers.Count == spec.Outliers.Count ? from : null;
            return OutlierDetection.Identify(series, from.Spec with { Outliers = spec.Outliers }, cv, spec.OutlierKinds, start);
        }

        void TestTradingDay()
        {
            var none = baseSpec.TradingDay == TradingDay.None ? current : Fit(baseSpec with { TradingDay = TradingDay.None, InitialArma = null });
            var six = Fit(baseSpec with { TradingDay = TradingDay.SixContrasts, InitialArma = none.ArmaValues });
            var one = Fit(baseSpec with { TradingDay = TradingDay.OneCoefficient, InitialArma = none.ArmaValues });
            var withTd = one.Aicc - six.Aicc <= spec.CalendarAicDiff ? one : six;
            current = none.Aicc - withTd.Aicc > spec.CalendarAicDiff ? withTd : none;
            baseSpec = baseSpec with { TradingDay = current.Spec.TradingDay };
        }

        RegArimaFit? TryFit(RegArimaSpec s)
        {
            try { return Fit(s); }
            catch (ArgumentException) { return null; }
        }
    }

    /// <summary>
    /// X-13's check for insignificant ARMA coefficients (tstmd2.f): the highest-lag coefficient of each operator
    /// (AR, seasonal AR, MA, seasonal MA, in that order) is insignificant if |t| &lt; 1 and |value| &lt; 0.15
    /// (0.1 above 150 observations); an operator whose coefficient has a smaller |t| than all flagged before it
    /// un-flags them. Nothing is dropped from a one-coefficient model.
    /// </summary>
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
            for (int t = 0; t < n; t++) values[t] -= effect[t];
        }
        return new MonthlySeries(fit.Start, values);
    }

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
    /// ARMA orders by BIC with the regressors of <paramref name="fit"/> held (d = 1, D = 1), in X-13's three
    /// stages (amdid.f): seasonal orders with the regular part (3 d 0); regular orders with the seasonal part
    /// chosen; the seasonal orders again (no seasonal AR when D = 1 and the seasonal maximum is 1). Of every model
    /// fitted the five best by BIC/N are kept; a simpler one within a small BIC distance of the best replaces it
    /// (X-13's rules for balanced=no).
    /// </summary>
    private static ArimaOrder SearchOrders(RegArimaFit fit, AutomaticSpec spec, ref int fits, MonthlySeries series)
    {
        // X-13 identifies the orders on the series linearised by the default model (its regression effects
        // removed and held fixed: automd.f, rmfix), so each candidate is a pure ARIMA fit.
        var linear = Linearised(fit);
        var s = new RegArimaSpec
        {
            Transform = Transform.None, ForecastHorizon = 0, SkipArmaStandardErrors = true, Tolerance = TrialTolerance,
        };
        series = linear;
        var bic = new Dictionary<ArimaOrder, double>();
        int count = 0;
        double Bic(ArimaOrder o)
        {
            if (bic.TryGetValue(o, out var b)) return b;
            count++;
            try
            {
                var f = RegArimaModel.Fit(series, s with { Order = o });
                b = f.Bic / f.EffectiveObservations;
            }
            catch (ArgumentException) { b = double.PositiveInfinity; }
            bic[o] = b;
            return b;
        }
        int maxR = spec.MaxOrder.Regular, maxS = spec.MaxOrder.Seasonal;
        // Stage 1: seasonal orders with the regular part (3 1 0).
        var best = new ArimaOrder(3, 1, 0, 0, 1, 1);
        for (int sp = 0; sp <= maxS; sp++)
            for (int sq = 0; sq <= maxS; sq++)
            {
                var o = new ArimaOrder(3, 1, 0, sp, 1, sq);
                if (Bic(o) < Bic(best)) best = o;
            }
        int bestSp = best.SeasonalP, bestSq = best.SeasonalQ;
        // Stage 2: regular orders.
        best = new ArimaOrder(0, 1, 0, bestSp, 1, bestSq);
        for (int p = 0; p <= maxR; p++)
            for (int q = 0; q <= maxR; q++)
            {
                var o = new ArimaOrder(p, 1, q, bestSp, 1, bestSq);
                if (Bic(o) < Bic(best)) best = o;
            }
        // Stage 3: seasonal orders again with the chosen regular part.
        int psar = maxS < 2 ? 0 : maxS;
        for (int sp = 0; sp <= psar; sp++)
            for (int sq = 0; sq <= maxS; sq++) Bic(best with { SeasonalP = sp, SeasonalQ = sq });
        fits += count;

        // The five best of all models fitted, then X-13's preference for fewer parameters at a near-equal BIC.
        var ranked = bic.Where(kv => double.IsFinite(kv.Value)).OrderBy(kv => kv.Value).Take(5).ToList();
        if (ranked.Count == 0) return ArimaOrder.Airline;
        var chosen = ranked[0].Key;
        double chosenBic = ranked[0].Value;
        double spread = Math.Abs(ranked[0].Value - ranked[^1].Value);
        double scale = spread < 0.003 ? 0.0625 : spread < 0.03 ? 0.25 : 1.0;
        double vc2 = 0.0025 * scale, vc22 = 0.0075 * scale;
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
            }
        }
        return chosen;
    }
}
