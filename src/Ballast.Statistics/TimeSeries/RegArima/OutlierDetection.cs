using Ballast.Statistics.TimeSeries.Calendar;

namespace Ballast.Statistics.TimeSeries.RegArima;

/// <summary>
/// Automatic outlier identification as X-13ARIMA-SEATS does it by default (reference manual, outlier spec,
/// method=addone; idotlr.f; docs/methodology/automatic-model.md §Outliers): forward passes that each add the
/// candidate AO/LS/TC with the largest |t| above the critical value (t from the GLS regression with the ARMA
/// values of the current fit and X-13's robust residual standard error, median |residual| / 0.6745 of the model's
/// exact residuals) and re-estimate the whole model; then a backward pass that removes, one at a time, the
/// identified outlier with the smallest |t| (ordinary standard errors) while it is below the critical value.
/// </summary>
public static class OutlierDetection
{
    /// <summary>Φ⁻¹(3/4) to four digits as X-13 uses it: the robust standard error is median |residual| / 0.6745.</summary>
    public const double MadQuantile = 0.6745;

    /// <summary>X-13's default estimation tolerance (estimate spec tol): the largest change of the log-likelihood at convergence.</summary>
    private const double X13LikelihoodTolerance = 1e-5;

    /// <summary>
    /// X-13's default critical value for <paramref name="observations"/> months searched (source setcv.f of
    /// X-13ARIMA-SEATS 1.1; docs/methodology/automatic-model.md §Critical value): the curve
    /// b₁ + b₂ (ln ln n + ln 4π)/(2a) + b₃ a, a = √(2 ln n), through the normal two-sided quantile at n = 2 and
    /// Ljung's (1993) approximation at n = 100 and n = 200, with significance <paramref name="alpha"/>.
    /// </summary>
    public static double DefaultCriticalValue(int observations, double alpha = 0.05)
    {
        if (observations < 2) throw new ArgumentOutOfRangeException(nameof(observations), observations, "need at least 2 observations");
        if (!(alpha is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(alpha));
        double[] points = [2.0, 100.0, 200.0];
        var m = new double[3, 3];
        var y = new double[3];
        for (int i = 0; i < 3; i++)
        {
            double n = points[i], a = Math.Sqrt(2 * Math.Log(n));
            m[i, 0] = 1;
            m[i, 1] = (Math.Log(Math.Log(n)) + Math.Log(4 * Math.PI)) / (2 * a);
            m[i, 2] = a;
            y[i] = i == 0 ? MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, (1 + Math.Sqrt(1 - alpha)) / 2) : Ljung(n, alpha);
        }
        var beta = Solve3(m, y);
        double an = Math.Sqrt(2 * Math.Log(observations));
        return beta[0] + beta[1] * (Math.Log(Math.Log(observations)) + Math.Log(4 * Math.PI)) / (2 * an) + beta[2] * an;
    }

    /// <summary>Ljung's (1993) critical value for the maximum of n outlier statistics.</summary>
    private static double Ljung(double n, double alpha)
    {
        double pmod = 2 - Math.Sqrt(1 + alpha);
        double a = Math.Sqrt(2 * Math.Log(n));
        double b = a - (Math.Log(Math.Log(n)) + Math.Log(4 * Math.PI)) / (2 * a);
        double x = -Math.Log(-0.5 * Math.Log(pmod));
        return x / a + b;
    }

    private static double[] Solve3(double[,] a, double[] b)
    {
        var m = (double[,])a.Clone();
        var r = (double[])b.Clone();
        for (int c = 0; c < 3; c++)
        {
            int piv = c;
            for (int i = c + 1; i < 3; i++) if (Math.Abs(m[i, c]) > Math.Abs(m[piv, c])) piv = i;
            if (piv != c)
            {
                for (int j = 0; j < 3; j++) (m[c, j], m[piv, j]) = (m[piv, j], m[c, j]);
                (r[c], r[piv]) = (r[piv], r[c]);
            }
            for (int i = c + 1; i < 3; i++)
            {
                double f = m[i, c] / m[c, c];
                for (int j = c; j < 3; j++) m[i, j] -= f * m[c, j];
                r[i] -= f * r[c];
            }
        }
        var x = new double[3];
        for (int i = 2; i >= 0; i--)
        {
            double s = r[i];
            for (int j = i + 1; j < 3; j++) s -= m[i, j] * x[j];
            x[i] = s / m[i, i];
        }
        return x;
    }

    /// <summary>
    /// Identifies outliers for the model of <paramref name="spec"/> (its own <see cref="RegArimaSpec.Outliers"/>
    /// are kept as imposed and never removed). Returns the final fit, whose spec lists the imposed outliers
    /// followed by the identified ones in date order.
    /// </summary>
    /// <param name="series">The series.</param>
    /// <param name="spec">The model; its outliers are imposed.</param>
    /// <param name="criticalValue">Critical |t|.</param>
    /// <param name="kinds">Outlier types searched (AO, LS, TC by default).</param>
    /// <param name="startFit">The fit of <paramref name="spec"/> with <paramref name="identified"/>, when already made.</param>
    /// <param name="identified">Outliers identified before (X-13's later automdl rounds): kept in the model, not tested
    /// again, and subject to the backward deletion like the new ones.</param>
    public static RegArimaFit Identify(MonthlySeries series, RegArimaSpec spec, double criticalValue,
        IReadOnlyCollection<OutlierKind>? kinds = null, RegArimaFit? startFit = null, IReadOnlyList<Outlier>? identified = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(spec);
        kinds ??= [OutlierKind.AO, OutlierKind.LS, OutlierKind.TC];
        var imposed = spec.Outliers;
        var found = new List<Outlier>(identified ?? []);
        var fit = startFit ?? (found.Count == 0 ? RegArimaModel.Fit(series, spec) : RegArimaModel.Fit(series, spec with { Outliers = [.. imposed, .. found.OrderBy(o => o.Month).ThenBy(o => o.Kind)] }));
        var scan = new CandidateScan(series.Length);
        // A ceiling on identified outliers (one per five months after the first seasonal difference): a series the
        // model fits badly would otherwise collect outliers until the regression has no degrees of freedom left.
        // X-13 sets none; every reference run stays far below it (at most 20 in 191 months).
        int ceiling = Math.Max(1, (series.Length - 13) / 5);
        // Forward (X-13 idotlr.f, method addone): every candidate's t from the current fit, the largest above the
        // critical value added, the whole model re-estimated (ARMA included, from the current values), again
        // until none is above it.
        var untestable = new HashSet<Outlier>();
        while (found.Count < ceiling && scan.Prepare(series, fit, kinds, untestable))
        {
            var best = scan.Best(kinds);
            if (best is null || Math.Abs(best.Value.T) < criticalValue) break;
            found.Add(best.Value.Outlier);
            try { fit = Refit(series, spec, imposed, found, fit, fixArma: false); }
            catch (CollinearRegressorsException)
            {
                // A candidate dependent on the regressors once differenced (X-13: a singular point, not tested again).
                found.RemoveAt(found.Count - 1);
                untestable.Add(best.Value.Outlier);
            }
        }
        // Backward deletion with the ordinary t-statistics of the re-estimated model.
        while (found.Count > 0)
        {
            int weakest = -1;
            double minT = double.PositiveInfinity;
            for (int i = 0; i < found.Count; i++)
            {
                string name = found[i].ToString();
                var est = fit.Regression.First(r => string.Equals(r.Name, name, StringComparison.Ordinal));
                double t = Math.Abs(est.T);
                if (t < minT) { minT = t; weakest = i; }
            }
            if (minT >= criticalValue) break;
            found.RemoveAt(weakest);
            fit = Refit(series, spec, imposed, found, fit, fixArma: false);
        }
        return fit;
    }

    /// <summary>The forward pass's t-statistic of every candidate outlier for a fit (diagnostics and tests).</summary>
    internal static List<(Outlier Outlier, double T)> CandidateTStatistics(MonthlySeries series, RegArimaFit fit, IReadOnlyCollection<OutlierKind> kinds, out double sigma)
    {
        var scan = new CandidateScan(series.Length);
        var all = new List<(Outlier, double)>();
        sigma = double.NaN;
        if (!scan.Prepare(series, fit, kinds)) return all;
        sigma = scan.Sigma;
        scan.Best(kinds, all);
        return all;
    }

    private static RegArimaFit Refit(MonthlySeries series, RegArimaSpec spec, IReadOnlyList<Outlier> imposed, List<Outlier> found, RegArimaFit previous, bool fixArma)
    {
        var sorted = found.OrderBy(o => o.Month).ThenBy(o => o.Kind).ToList();
        var outliers = new List<Outlier>(imposed.Count + sorted.Count);
        outliers.AddRange(imposed);
        outliers.AddRange(sorted);
        var next = spec with
        {
            Outliers = outliers,
            InitialArma = spec.FixArma ? spec.InitialArma : previous.ArmaValues,
            FixArma = spec.FixArma || (fixArma && previous.Arma.Count > 0),
            // X-13's convergence test (estimate tol = 1e-5) bounds the change of the log-likelihood, which is
            // N/2 times the relative change of the objective here: the looser trial tolerance leaves ARMA values
            // whose error decides between near-equal candidates later on.
            Tolerance = Math.Min(spec.Tolerance, 2 * X13LikelihoodTolerance / previous.EffectiveObservations),
        };
        return RegArimaModel.Fit(series, next);
    }

    /// <summary>
    /// t-statistics of every candidate outlier given a fit: the differenced data and regressors are whitened
    /// with the fit's ARMA values (innovations filter), the regressors are orthonormalised, and each candidate's
    /// whitened column is projected off them. An added outlier extends the basis (GLS with the same ARMA
    /// values). Scratch arrays are reused across candidates.
    /// </summary>
    private sealed class CandidateScan(int length)
    {
        private static readonly double[] TcPowers = Enumerable.Range(0, 120).Select(k => Math.Pow(Outlier.TcRate, k)).ToArray();
        private readonly ArmaInnovations _arma = new();
        private readonly double[] _raw = new double[length];
        private readonly double[] _diff = new double[length];
        private readonly double[] _innov = new double[length];
        private readonly double[] _white = new double[length];
        private readonly double[] _interleaved = new double[ArmaInnovations.Lanes * length];
        private readonly double[] _innovEight = new double[ArmaInnovations.Lanes * length];
        private readonly double[] _whiteEight = new double[ArmaInnovations.Lanes * length];
        // The differenced candidates, per kind and month. They depend on the span's length and δ only, not on the
        // data: kept per thread for the next series of the same length and differencing (a batch of release series
        // shares them), read-only once built.
        // - Whole: the differenced candidate over the span (zeros before its first month), as the whitening pass
        //   reads it, and that first month.
        // - Sparse: its stretch [first, first + length) (a TC cut where 0.7^k is below 1e-16), for the projections.
        private sealed class DifferencedCandidates(int n0, double[] delta)
        {
            public int N0 { get; } = n0;
            public double[] Delta { get; } = delta;
            public double[][][] Whole { get; } = [new double[n0][], new double[n0][], new double[n0][]];
            public int[][] WholeFirst { get; } = [new int[n0], new int[n0], new int[n0]];
            public double[][][] Sparse { get; } = [new double[n0][], new double[n0][], new double[n0][]];
            public int[][] SparseFirst { get; } = [new int[n0], new int[n0], new int[n0]];
            public bool[] Built { get; } = new bool[3];
        }

        [ThreadStatic] private static DifferencedCandidates? t_candidates;
        private DifferencedCandidates _candidates = null!;
        // Per kind and month: |x|² less its projections on the basis (updated as the basis grows, in basis order, so
        // each value is the same number the per-candidate loop computed).
        private readonly double[][] _xxResidual = [new double[length], new double[length], new double[length]];
        private readonly double[] _e = new double[length];
        private readonly double[] _abs = new double[length];
        private readonly List<double[]> _basis = [];
        private readonly List<double[]> _basisT = [];          // A'b of each basis vector (A the whitening filter)
        private readonly double[][] _xx = [new double[length], new double[length], new double[length]]; // |x|² by kind, month
        private readonly double[] _g = new double[length];     // A'e
        private readonly double[] _scratch = new double[length];
        private readonly HashSet<Outlier> _existing = [];
        private readonly HashSet<int> _missing = [];
        private MonthlySeries _series = null!;
        private double[] _delta = [];
        private int _n, _nd, _n0;
        private double _sigma;

        public bool Prepare(MonthlySeries series, RegArimaFit fit, IReadOnlyCollection<OutlierKind> kinds, IReadOnlyCollection<Outlier>? untestable = null)
        {
            var spec = fit.Spec with { ForecastHorizon = 0 };
            var d = Design.Build(series, spec);
            var o = spec.Order;
            var arma = fit.ArmaValues;
            var ar = new double[o.P];
            var sar = new double[o.SeasonalP];
            var ma = new double[o.Q];
            var sma = new double[o.SeasonalQ];
            int at = 0;
            for (int i = 0; i < o.P; i++) ar[i] = arma[at++];
            for (int i = 0; i < o.SeasonalP; i++) sar[i] = arma[at++];
            for (int i = 0; i < o.Q; i++) ma[i] = arma[at++];
            for (int i = 0; i < o.SeasonalQ; i++) sma[i] = arma[at++];
            var phi = new double[o.P + 12 * o.SeasonalP];
            var theta = new double[o.Q + 12 * o.SeasonalQ];
            Estimator.Expand(ar, sar, phi);
            for (int i = 0; i < phi.Length; i++) phi[i] = -phi[i];
            Estimator.Expand(ma, sma, theta);
            _series = series;
            _n = d.N; _nd = d.Nd; _n0 = d.N0; _delta = d.Delta;
            int n = _n;
            if (!_arma.Prepare(phi, theta, n)) return false;
            _basis.Clear();
            _basisT.Clear();
            for (int c = 0; c < d.K; c++)
            {
                var col = new double[n];
                _arma.Filter(d.WX[c], _innov, col);
                AddToBasis(col, 0);
            }
            var e = _e.AsSpan(0, n);
            _arma.Filter(d.WY, _innov, e);
            foreach (var b in _basis) VectorOps.SubtractScaled(VectorOps.Dot(b, e), b, e);
            _existing.Clear();
            foreach (var x in spec.Outliers) _existing.Add(x);
            if (untestable is not null) foreach (var x in untestable) _existing.Add(x);
            _missing.Clear();
            foreach (int t in d.Missing) _missing.Add(t);
            // |x|² of every candidate depends on the ARMA values only: once per pass (two candidates filtered
            // side by side, with the results of one at a time).
            _candidates = BuildCandidates(kinds);
            foreach (var kind in kinds)
            {
                var xxKind = _xx[(int)kind];
                var whole = _candidates.Whole[(int)kind];
                var wholeFirst = _candidates.WholeFirst[(int)kind];
                const int lanes = ArmaInnovations.Lanes;
                for (int t0 = 0; t0 < _n0; t0 += lanes)
                {
                    int count = Math.Min(lanes, _n0 - t0);
                    int first = n;
                    for (int s = 0; s < count; s++) first = Math.Min(first, wholeFirst[t0 + s]);
                    // Interleaved from `first` on (all eight are zero before it); lanes past the last candidate
                    // filter zeros.
                    if (count < lanes) Array.Clear(_interleaved, first * lanes, (n - first) * lanes);
                    for (int s = 0; s < count; s++)
                    {
                        var src = whole[t0 + s];
                        for (int t = first; t < n; t++) _interleaved[t * lanes + s] = src[t];
                    }
                    _arma.FilterEight(_interleaved, _innovEight, _whiteEight, n, first);
                    for (int s = 0; s < count; s++)
                    {
                        int from = wholeFirst[t0 + s];
                        for (int t = from; t < n; t++) _white[t] = _whiteEight[t * lanes + s];
                        var tail = _white.AsSpan(from, n - from);
                        xxKind[t0 + s] = VectorOps.Dot(tail, tail);
                    }
                }
            }
            foreach (var kind in kinds)
            {
                var xxKind = _xx[(int)kind];
                var residual = _xxResidual[(int)kind];
                for (int t0 = 0; t0 < _n0; t0++)
                {
                    double xx = xxKind[t0];
                    var w = _candidates.Sparse[(int)kind][t0];
                    int first = _candidates.SparseFirst[(int)kind][t0];
                    foreach (var bt in _basisT)
                    {
                        double p = VectorOps.Dot(w, bt.AsSpan(first, w.Length));
                        xx -= p * p;
                    }
                    residual[t0] = xx;
                }
            }
            return UpdateSigma(fit.Residuals);
        }

        private void AddToBasis(double[] col, int first)
        {
            foreach (var b in _basis) VectorOps.SubtractScaled(VectorOps.Dot(b.AsSpan(first), col.AsSpan(first)), b, col);
            double norm = Math.Sqrt(VectorOps.Dot(col, col));
            if (norm < 1e-12) return;
            for (int t = 0; t < col.Length; t++) col[t] /= norm;
            _basis.Add(col);
            var colT = new double[col.Length];
            _arma.FilterTranspose(col, colT, _scratch.AsSpan(0, col.Length));
            _basisT.Add(colT);
        }

        /// <summary>
        /// X-13's robust residual standard error (idotlr.f, medabs): the median |residual| / 0.6745 of the fit's
        /// residuals — the exact (minimum-norm) residuals of the estimated model, not the standardised innovations,
        /// which differ from them where an MA factor is close to the unit circle.
        /// </summary>
        private bool UpdateSigma(IReadOnlyList<double> residuals)
        {
            int n = residuals.Count;
            var abs = n <= _abs.Length ? _abs : new double[n];
            for (int t = 0; t < n; t++) abs[t] = Math.Abs(residuals[t]);
            Array.Sort(abs, 0, n);
            double median = n % 2 == 1 ? abs[n / 2] : 0.5 * (abs[n / 2 - 1] + abs[n / 2]);
            _sigma = median / MadQuantile;
            return _sigma > 0;
        }

        /// <summary>The differenced regressor of a candidate over the whole span into <paramref name="target"/>
        /// (zeros outside its stretch); returns the index where its stretch starts.</summary>
        private int Differenced(OutlierKind kind, int t0, double[] target)
        {
            int n = _n, nd = _nd, n0 = _n0;
            var raw = _raw;
            // The differenced candidate is zero before its month (δ sums to zero on the LS's constant part)
            // and, for AO and LS, after nd more months: only that stretch is built and filtered.
            int from = Math.Max(t0, nd);
            int to = kind == OutlierKind.TC ? n0 - 1 : Math.Min(n0 - 1, t0 + nd);
            for (int t = t0; t < n0; t++) raw[t] = 0.0;
            if (kind == OutlierKind.AO) raw[t0] = 1.0;
            else if (kind == OutlierKind.TC)
            {
                double v = 1.0;
                for (int t = t0; t < n0; t++) { raw[t] = v; v *= Outlier.TcRate; }
            }
            var w = target.AsSpan(0, n);
            w.Clear();
            for (int t = from; t <= to; t++)
            {
                double s = 0;
                for (int i = 0; i <= nd; i++)
                {
                    int u = t - i;
                    s += _delta[i] * (u >= t0 ? raw[u] : kind == OutlierKind.LS ? -1.0 : 0.0);
                }
                w[t - nd] = s;
            }
            return from - nd;
        }

        /// <summary>The differenced candidates of this span length and δ (this thread's, built where missing).</summary>
        private DifferencedCandidates BuildCandidates(IReadOnlyCollection<OutlierKind> kinds)
        {
            var c = t_candidates;
            if (c is null || c.N0 != _n0 || !c.Delta.AsSpan().SequenceEqual(_delta))
                t_candidates = c = new DifferencedCandidates(_n0, (double[])_delta.Clone());
            foreach (var kind in kinds)
            {
                int k = (int)kind;
                if (c.Built[k]) continue;
                for (int t0 = 0; t0 < _n0; t0++)
                {
                    var whole = new double[_n];
                    c.WholeFirst[k][t0] = Differenced(kind, t0, whole);
                    c.Whole[k][t0] = whole;
                    var (first, last) = Differenced(kind, t0);
                    c.SparseFirst[k][t0] = Math.Max(first, 0);
                    c.Sparse[k][t0] = last < first ? [] : _diff.AsSpan(first, last - first + 1).ToArray();
                }
                c.Built[k] = true;
            }
            return c;
        }

        /// <summary>
        /// The differenced candidate (not whitened) into _diff over [from − nd, to − nd]; zero elsewhere (a TC is
        /// cut where 0.7^k is below 1e-16).
        /// </summary>
        private (int First, int Last) Differenced(OutlierKind kind, int t0)
        {
            int nd = _nd, n0 = _n0;
            int from = Math.Max(t0, nd);
            int to = Math.Min(n0 - 1, kind == OutlierKind.TC ? t0 + nd + 104 : t0 + nd);
            for (int t = from; t <= to; t++)
            {
                double s = 0;
                for (int i = 0; i <= nd; i++)
                {
                    int u = t - i;
                    double r = u < t0 ? (kind == OutlierKind.LS ? -1.0 : 0.0)
                        : kind == OutlierKind.AO ? (u == t0 ? 1.0 : 0.0)
                        : kind == OutlierKind.TC ? TcPowers[u - t0] : 0.0;
                    s += _delta[i] * r;
                }
                _diff[t - nd] = s;
            }
            return (from - nd, to - nd);
        }

        public double Sigma => _sigma;

        public (Outlier Outlier, double T)? Best(IReadOnlyCollection<OutlierKind> kinds, List<(Outlier, double)>? all = null)
        {
            int n = _n, n0 = _n0;
            _arma.FilterTranspose(_e.AsSpan(0, n), _g.AsSpan(0, n), _scratch.AsSpan(0, n));
            (Outlier, double)? best = null;
            bool withAo = kinds.Contains(OutlierKind.AO);
            foreach (var kind in kinds)
            {
                var xxKind = _xx[(int)kind];
                var residual = _xxResidual[(int)kind];
                var candidates = _candidates.Sparse[(int)kind];
                var firsts = _candidates.SparseFirst[(int)kind];
                for (int t0 = 0; t0 < n0; t0++)
                {
                    // X-13's candidates (idotlr.f): no LS at the first month; with AOs searched, no LS at the second
                    // or last month nor TC at the last, which would only repeat the AO there.
                    if (kind == OutlierKind.LS && (t0 == 0 || (withAo && (t0 == 1 || t0 == n0 - 1)))) continue;
                    if (kind == OutlierKind.TC && withAo && t0 == n0 - 1) continue;
                    if (_missing.Contains(t0)) continue;
                    var w = candidates[t0];
                    if (w.Length == 0) continue;
                    var candidate = new Outlier(kind, _series.MonthAt(t0));
                    if (_existing.Contains(candidate)) continue;
                    // x'e = w'(A'e) with w the sparse differenced candidate; |x|² less its projections on the
                    // basis (b'x = w'(A'b)) is kept up to date by Prepare and Add.
                    int first = firsts[t0];
                    double xe = VectorOps.Dot(w, _g.AsSpan(first, w.Length));
                    double xx = residual[t0];
                    if (!(xx > 1e-10 * xxKind[t0])) continue;
                    double tStat = xe / (_sigma * Math.Sqrt(xx));
                    all?.Add((candidate, tStat));
                    // A tie (to rounding) goes to the earlier type, AO before LS before TC as X-13 orders them: with
                    // TC(m+1) in the model, AO(m) and TC(m) span the same columns and have the same t.
                    if (best is null || Math.Abs(tStat) > Math.Abs(best.Value.Item2) * (1 + 1e-9)) best = (candidate, tStat);
                }
            }
            return best;
        }
    }
}
