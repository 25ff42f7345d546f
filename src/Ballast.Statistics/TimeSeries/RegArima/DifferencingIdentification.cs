namespace Ballast.Statistics.TimeSeries.RegArima;

/// <summary>The orders of differencing identified, and whether the mean of the differenced series is significant.</summary>
/// <param name="Regular">d.</param>
/// <param name="Seasonal">D.</param>
/// <param name="MeanSignificant">Whether the differenced series has a significant mean (X-13 then searches the ARMA
/// orders with the mean removed and keeps a constant).</param>
/// <param name="Rounds">The estimates each round decided on, for the record: (d, D) in force, φ, Φ, θ, Θ (the last four
/// only from the second round).</param>
public sealed record DifferencingChoice(int Regular, int Seasonal, bool MeanSignificant, IReadOnlyList<string> Rounds);

/// <summary>
/// X-13's automdl identification of the orders of differencing (the TRAMO unit-root procedure of iddiff.f; X-13
/// reference manual, automdl, maxdiff, ub1, ub2, cancel; docs/methodology/automatic-model.md §Differencing).
/// On the series linearised by the default model:
/// <list type="number">
/// <item>Round 1: a (2 0 0)(1 0 0) model by Hannan–Rissanen on the mean-corrected series (exact maximum likelihood
/// if that estimate is not stationary); every AR root of modulus at most ub1 = 1/0.96, positive real part and
/// imaginary part at most 0.05 is a unit root: a regular one adds to d, a seasonal one to D.</item>
/// <item>Later rounds: a (1 d 1)(1 D 1) model on the differenced, mean-corrected series (Hannan–Rissanen; maximum
/// likelihood when that fails, when the previous round found an explosive root, or from the third round on with
/// nothing differenced yet); a regular AR within 1.005 − ub2 (+ ub2 − 0.869) of 1 adds a difference unless it
/// nearly cancels with the MA (within <c>cancel</c>, lowered by 0.002 each round); a seasonal AR within 0.19 of 1
/// likewise; with nothing differenced after round 2, X-13's further rules on the largest AR root of round 1.
/// Rounds continue while something changes, up to seven, within maxdiff.</item>
/// <item>The mean: with no differencing, the t of the sample mean; otherwise the t of the constant in the
/// (1 d 1)(1 D 1) model fitted by maximum likelihood, against X-13's length-dependent critical values.</item>
/// </list>
/// </summary>
public static class DifferencingIdentification
{
    private const double Ub1 = 1.0 / 0.96, Ub2 = 0.88, CancelLimit = 0.1;

    /// <summary>X-13 ubfinal: the modulus up to which an AR root of the chosen model counts as a unit root.</summary>
    internal const double FinalLimit = 1.05;
    private const double NotSet = -999.0; // X-13's DNOTST for a largest root not found

    /// <summary>
    /// Identifies d and D of <paramref name="series"/> (complete: no missing months), at most
    /// <paramref name="maxDifferencing"/> (X-13 maxdiff, default (2 1)).
    /// </summary>
    public static DifferencingChoice Identify(MonthlySeries series, (int Regular, int Seasonal) maxDifferencing)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.MissingCount > 0) throw new ArgumentException("the unit-root test needs a complete series (the linearised one)", nameof(series));
        var y = series.Values.ToArray();
        int n = y.Length;
        const int period = 12;
        var rounds = new List<string>();
        int limR = maxDifferencing.Regular, limS = maxDifferencing.Seasonal;
        int d = 0, sd = 0, round = 1;
        double rmaxR = 0, rmaxS = 0, cancel = CancelLimit;
        bool explosive = false; // X-13 irm1: an AR estimate beyond 1.02 (or 1.12) in the previous round

        while (true)
        {
            int icon = 0;
            if (round == 1)
            {
                var x = MeanCorrected(y);
                var est = HannanRissanen.Fit(x, 2, 1, 0, 0, period);
                double[] ar, sar;
                bool stationary = false;
                if (est is not null)
                {
                    (_, _, _, _, stationary) = RootCheck(est.Ar, est.SeasonalAr);
                }
                if (est is not null && stationary) { ar = est.Ar; sar = est.SeasonalAr; }
                else
                {
                    // X-13 falls back on maximum likelihood of the same model (from 0.1), on the series as it is.
                    var ml = MaximumLikelihood(series, new ArimaOrder(2, 0, 0, 1, 0, 0), [0.1, 0.1, 0.1], constant: false);
                    if (ml is not null) { ar = [ml[0], ml[1]]; sar = [ml[2]]; }
                    else if (est is not null) { ar = est.Ar; sar = est.SeasonalAr; }
                    else { ar = [0, 0]; sar = [0]; }
                }
                var (ur, us, rr, rs, _) = RootCheck(ar, sar);
                rmaxR = rr;
                rmaxS = rs;
                d += ur;
                sd += us;
                rounds.Add(FormattableString.Invariant($"round 1: φ ({ar[0]:F4} {ar[1]:F4}) Φ {sar[0]:F4}: unit roots {ur} regular, {us} seasonal"));
            }
            else
            {
                var w = Design.Difference(y, Design.DifferencingPolynomial(d, sd), y.Length);
                var x = MeanCorrected(w);
                var est = HannanRissanen.Fit(x, 1, 1, 1, 1, period);
                double phi, sphi, theta, stheta;
                // Maximum likelihood instead when Hannan–Rissanen fails (from 0.1 for the ARs, 0.2 for the MAs), after
                // an explosive root (from 0.1), or from the third round with nothing differenced (from its estimates).
                if (est is not null && !explosive && !(d == 0 && sd == 0 && round > 2))
                    (phi, sphi, theta, stheta) = (est.Ar[0], est.SeasonalAr[0], est.Ma[0], est.SeasonalMa[0]);
                else
                {
                    double[] start = explosive ? [0.1, 0.1, 0.1, 0.1]
                        : est is null ? [0.1, 0.1, 0.2, 0.2]
                        : [est.Ar[0], est.SeasonalAr[0], est.Ma[0], est.SeasonalMa[0]];
                    var order = new ArimaOrder(1, d, 1, 1, sd, 1);
                    var ml = MaximumLikelihood(series, order, start, constant: false)
                        ?? MaximumLikelihood(series, order, [0.1, 0.1, 0.1, 0.1], constant: false);
                    (phi, sphi, theta, stheta) = ml is null ? (0.0, 0.0, 0.0, 0.0) : (ml[0], ml[1], ml[2], ml[3]);
                }
                rounds.Add(FormattableString.Invariant($"round {round}: (1 {d} 1)(1 {sd} 1) φ {phi:F4} Φ {sphi:F4} θ {theta:F4} Θ {stheta:F4}"));
                explosive = false;
                // X-13 lowers the cancellation limit a little each round and widens the regular band when ub2 ≥ 0.869.
                double din = 1.005 - Ub2 + (Ub2 >= 0.869 ? Ub2 - 0.869 : 0);
                cancel -= 0.002;
                if (Math.Abs(1 - phi) <= din)
                {
                    if (phi > 1.02) { explosive = true; icon = 1; }
                    else if (Math.Abs(phi - theta) > cancel) { icon++; d++; }
                }
                else if (Math.Abs(phi) > 1.12) { explosive = true; icon = 1; }
                if (Math.Abs(1 - sphi) <= 0.19)
                {
                    if (sphi > 1.02) { explosive = true; icon = 1; }
                    else if (Math.Abs(sphi - stheta) > cancel && sd == 0)
                    {
                        icon++;
                        sd++;
                        if (explosive) { explosive = false; icon--; }
                    }
                }
                else if (Math.Abs(sphi) > 1.12) { explosive = true; icon = 1; }

                // Nothing differenced after the second round although round 1 saw a large AR root: X-13 differences
                // on the larger of the two roots when the ARMA factors nearly cancel or an AR is near 1.
                bool none = d == 0 && sd == 0;
                if (round == 2 && none && (Math.Abs(phi - theta) <= cancel || Math.Abs(sphi - stheta) <= cancel)
                    && (rmaxR >= 0.9 || rmaxS >= 0.9))
                {
                    if (explosive && icon == 1) { explosive = false; icon = 0; }
                    icon++;
                    if (rmaxR > rmaxS) d++; else sd++;
                }
                none = d == 0 && sd == 0;
                // X-13's second alternative tests the seasonal AR against 0.17 only when it already passed 0.16
                // (lchks2), so it always holds for a seasonal model.
                if (round == 2 && none
                    && ((Math.Abs(1 - phi) <= 0.15 || Math.Abs(1 - sphi) <= 0.16) && (rmaxR >= 0.9 || rmaxS >= 0.88)
                        || (rmaxR >= 0.91 || rmaxS >= 0.89)))
                {
                    if (explosive && icon == 1) { explosive = false; icon = 0; }
                    icon++;
                    if (rmaxR > rmaxS) d++; else sd++;
                }
                none = d == 0 && sd == 0;
                if (none && (Math.Abs(1 - phi) <= 0.15 || Math.Abs(1 - sphi) <= 0.25))
                {
                    rmaxR = phi;
                    rmaxS = sphi;
                    if (rmaxR > rmaxS) d++; else sd++;
                }
                if (icon == 2)
                {
                    d--;
                    sd--;
                    if (rmaxR > rmaxS) { if (rmaxR > -9999) d++; }
                    else if (rmaxS > -9999) sd++;
                }
            }

            round++;
            if (d == 3) { d = 2; icon = 0; }
            if (sd == 2) { sd = 1; icon = 0; }
            if (d > limR) { d = limR; break; }
            if (sd > limS) { sd = limS; break; }
            if (!((icon >= 1 && round <= 7) || round == 2)) break;
        }
        d = Math.Max(0, d);
        sd = Math.Max(0, sd);
        return new DifferencingChoice(d, sd, MeanSignificant(series, y, d, sd), rounds);
    }

    /// <summary>
    /// X-13's chkrt1.f on the (2 0 0)(1 0 0) estimates: unit roots counted per factor (modulus ≤ ub1, positive real
    /// part, imaginary part ≤ 0.05 compared with its sign, so one root of a complex pair can count), and the largest
    /// inverse modulus of the other roots with positive real part and imaginary part ≤ 0.02 (likewise signed).
    /// </summary>
    internal static (int Regular, int Seasonal, double RmaxRegular, double RmaxSeasonal, bool Stationary) RootCheck(double[] ar, double[] sar)
        => RootCheck(ar, sar, Ub1);

    private static (int Regular, int Seasonal, double RmaxRegular, double RmaxSeasonal, bool Stationary) RootCheck(double[] ar, double[] sar, double limit)
    {
        int ur = 0, us = 0;
        double rmaxR = NotSet, rmaxS = NotSet;
        bool stationary = true;
        foreach (var (re, im) in Roots(ar))
        {
            double mod = Math.Sqrt(re * re + im * im);
            if (mod < 1) stationary = false;
            if (mod <= limit && im <= 0.05 && re > 0) ur++;
            else if (im <= 0.02 && re > 0) rmaxR = Math.Max(rmaxR, 1 / mod);
        }
        foreach (var (re, im) in Roots(sar))
        {
            double mod = Math.Sqrt(re * re + im * im);
            if (mod < 1) stationary = false;
            if (mod <= limit && im <= 0.05 && re > 0) us++;
            else if (im <= 0.02 && re > 0) rmaxS = Math.Max(rmaxS, 1 / mod);
        }
        return (ur, us, rmaxR, rmaxS, stationary);
    }

    /// <summary>
    /// Unit roots of the regular and seasonal AR factors (X-13 signs; the seasonal one in powers of B¹²) by X-13's
    /// chkrt1.f rule with the modulus limit <paramref name="limit"/> (ub1 for the test, ubfinal for the final check).
    /// </summary>
    internal static (int Regular, int Seasonal) UnitRoots(double[] ar, double[] sar, double limit)
    {
        var r = RootCheck(ar, sar, limit);
        return (r.Regular, r.Seasonal);
    }

    /// <summary>Roots z of 1 − Σ φ_i z^i, a complex pair as (re, +im) and (re, −im); degree ≤ 2 in closed form.</summary>
    private static IEnumerable<(double Re, double Im)> Roots(double[] phi)
    {
        int degree = phi.Length;
        while (degree > 0 && phi[degree - 1] == 0) degree--;
        if (degree > 2)
        {
            // Ascending coefficients of 1 − Σ φ_i z^i, roots as eigenvalues of the companion matrix.
            var c = new double[degree + 1];
            c[0] = 1;
            for (int i = 1; i <= degree; i++) c[i] = -phi[i - 1];
            foreach (var z in MathNet.Numerics.FindRoots.Polynomial(c)) yield return (z.Real, z.Imaginary);
            yield break;
        }
        double a = phi.Length > 1 ? phi[1] : 0, b = phi.Length > 0 ? phi[0] : 0;
        // φ2 z² + φ1 z − 1 = 0
        if (a == 0)
        {
            if (b != 0) yield return (1 / b, 0);
            yield break;
        }
        double disc = b * b + 4 * a;
        if (disc >= 0)
        {
            double s = Math.Sqrt(disc);
            // The numerically stable pair of formulas for the two real roots.
            double qv = -0.5 * (b + (b >= 0 ? s : -s));
            yield return (qv / a, 0);
            yield return (-1 / qv, 0);
        }
        else
        {
            double re = -b / (2 * a), im = Math.Sqrt(-disc) / (2 * Math.Abs(a));
            yield return (re, im);
            yield return (re, -im);
        }
    }

    private static bool MeanSignificant(MonthlySeries series, double[] y, int d, int sd)
    {
        int n = y.Length;
        if (d == 0 && sd == 0)
        {
            // X-13 divides by the root mean square about zero (sdev with iopt = 1), not by the standard deviation.
            double mean = y.Average();
            double ss = 0;
            foreach (double v in y) ss += v * v;
            double t = Math.Sqrt(n) * mean / Math.Sqrt(ss / n);
            double limit = n <= 80 ? 1.96 : n <= 200 ? 2.0 : 2.55;
            return Math.Abs(t) >= limit;
        }
        RegArimaFit fit;
        try
        {
            fit = RegArimaModel.Fit(series, new RegArimaSpec
            {
                Transform = Transform.None, Order = new ArimaOrder(1, d, 1, 1, sd, 1), Constant = true,
                InitialArma = [0.1, 0.1, 0.1, 0.1], ForecastHorizon = 0, SkipArmaStandardErrors = true, Tolerance = 1e-3,
            });
        }
        catch (ArgumentException) { return false; }
        double tc = fit.Regression[0].T;
        double cv = n <= 80 ? 1.96 : n <= 155 ? 1.98 : n <= 230 ? 2.1 : n <= 350 ? 2.3 : 2.5;
        return Math.Abs(tc) >= cv;
    }

    private static double[]? MaximumLikelihood(MonthlySeries series, ArimaOrder order, double[] start, bool constant)
    {
        try
        {
            var fit = RegArimaModel.Fit(series, new RegArimaSpec
            {
                Transform = Transform.None, Order = order, Constant = constant, InitialArma = start,
                ForecastHorizon = 0, SkipArmaStandardErrors = true, Tolerance = 1e-3,
            });
            return fit.ArmaValues.ToArray();
        }
        catch (ArgumentException) { return null; }
    }

    private static double[] MeanCorrected(ReadOnlySpan<double> x)
    {
        double mean = 0;
        foreach (double v in x) mean += v;
        mean /= x.Length;
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i++) r[i] = x[i] - mean;
        return r;
    }
}
