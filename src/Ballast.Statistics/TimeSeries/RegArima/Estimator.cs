using Ballast.Statistics.Periods;

namespace Ballast.Statistics.TimeSeries.RegArima;

/// <summary>
/// Concentrated exact likelihood of the differenced regression model and its Levenberg–Marquardt maximisation.
/// Scratch arrays are allocated once per fit; a likelihood evaluation allocates nothing.
/// </summary>
internal sealed class Estimator
{
    private readonly Design _d;
    private readonly ArimaOrder _o;
    private readonly int _np, _n, _k;
    private readonly ArmaInnovations _arma = new();
    private readonly ArmaInnovations _maOnly = new();
    private readonly double[] _ey, _innov, _qr, _b, _beta, _resid, _phi, _theta;
    private readonly double[][] _ex;
    // The data and the regressors, eight to a group, interleaved for ArmaInnovations.FilterEight (built once: the
    // design does not change between evaluations), with each group's first non-zero index; and the scratch.
    private readonly double[][] _eightIn;
    private readonly int[] _eightFirst;
    private readonly double[] _eightInnov, _eightOut;
    private double _logdet, _ss;
    private int _evaluations;

    public Estimator(Design d)
    {
        _d = d;
        _o = d.Spec.Order;
        _np = _o.P + _o.SeasonalP + _o.Q + _o.SeasonalQ;
        _n = d.N;
        _k = d.K;
        _ey = new double[_n];
        _innov = new double[_n + d.Horizon];
        _ex = new double[_k][];
        for (int c = 0; c < _k; c++) _ex[c] = new double[_n];
        const int lanes = ArmaInnovations.Lanes;
        int groups = _k == 0 ? 0 : (_k + lanes) / lanes;
        _eightIn = new double[groups][];
        _eightFirst = new int[groups];
        for (int g = 0; g < groups; g++)
        {
            var x = _eightIn[g] = new double[lanes * _n];
            int first = _n;
            for (int s = 0; s < lanes; s++)
            {
                int series = g * lanes + s;
                if (series > _k) break;
                var src = series == 0 ? d.WY : d.WX[series - 1];
                for (int t = 0; t < _n; t++)
                {
                    x[t * lanes + s] = src[t];
                    if (src[t] != 0 && t < first) first = t;
                }
            }
            _eightFirst[g] = first;
        }
        _eightInnov = groups == 0 ? [] : new double[lanes * _n];
        _eightOut = groups == 0 ? [] : new double[lanes * _n];
        _qr = new double[_k * _n];
        _b = new double[_n];
        _beta = new double[_k];
        _resid = new double[_n];
        _phi = new double[_o.P + 12 * _o.SeasonalP];
        _theta = new double[_o.Q + 12 * _o.SeasonalQ];
    }

    /// <summary>Σ r² of the scaled residuals: S · |Σ|^{1/N}; minimising it maximises the likelihood.</summary>
    private double Objective => _ss * Math.Exp(_logdet / _n);

    private static bool StepDownStable(ReadOnlySpan<double> f)
    {
        // Levinson step-down: the polynomial 1 − Σ f_i z^i has its roots outside the unit circle iff every
        // partial autocorrelation has modulus < 1.
        int len = f.Length;
        if (len == 0) return true;
        Span<double> a = stackalloc double[len + 1];
        Span<double> b = stackalloc double[len + 1];
        for (int i = 0; i < len; i++) a[i + 1] = f[i];
        for (int k = len; k >= 1; k--)
        {
            double r = a[k];
            if (!(Math.Abs(r) < 1.0)) return false;
            double den = 1 - r * r;
            for (int j = 1; j < k; j++) b[j] = (a[j] + r * a[k - j]) / den;
            for (int j = 1; j < k; j++) a[j] = b[j];
        }
        return true;
    }

    /// <summary>Expands (1 − Σ f_i B^i)(1 − Σ F_i B^{12i}) into <paramref name="poly"/>[1..] (poly[0] = 1 implied).</summary>
    internal static void Expand(ReadOnlySpan<double> f, ReadOnlySpan<double> seasonal, Span<double> poly)
    {
        poly.Clear();
        // poly holds coefficients c_1..c_L of Π, with c_0 = 1.
        for (int i = 0; i < f.Length; i++) poly[i] -= f[i];
        for (int s = 0; s < seasonal.Length; s++)
        {
            int lag = 12 * (s + 1);
            poly[lag - 1] -= seasonal[s];
            for (int i = 0; i < f.Length; i++) poly[lag + i] += f[i] * seasonal[s];
        }
    }

    /// <summary>
    /// X-13's ARMA information for pure MA models: J'J / σ̂², J the Jacobian of the scaled minimum-norm residual
    /// vector of the regression errors with β held at its estimate (X-13 rgarma/fcnar: MINPACK covariance).
    /// </summary>
    private double[,] MinimumNormInformation(double[] x, double ss, int n)
    {
        var d = _d;
        var z = new double[n];
        for (int t = 0; t < n; t++)
        {
            double v = d.WY[t];
            for (int c = 0; c < _k; c++) v -= d.WX[c][t] * _beta[c];
            z[t] = v;
        }
        int len = n + _theta.Length;
        double[] Residuals(double[] p)
        {
            var r = new double[len];
            if (!Evaluate(p, n) || !ExactResidualVector(z, r)) { Array.Fill(r, double.NaN); return r; }
            double f = Math.Exp(_logdet / (2.0 * n));
            for (int i = 0; i < len; i++) r[i] *= f;
            return r;
        }
        var jac = new double[len, _np];
        var xt = (double[])x.Clone();
        for (int i = 0; i < _np; i++)
        {
            double h = 1e-6 * Math.Max(1.0, Math.Abs(x[i]));
            xt[i] = x[i] + h; var rp = Residuals(xt);
            xt[i] = x[i] - h; var rm = Residuals(xt);
            xt[i] = x[i];
            double width = 2 * h;
            // Next to the unit circle one side may be outside the region: use the other side and the centre.
            if (double.IsNaN(rp[0])) { rp = Residuals(xt); width = h; }
            else if (double.IsNaN(rm[0])) { rm = Residuals(xt); width = h; }
            for (int t = 0; t < len; t++) jac[t, i] = (rp[t] - rm[t]) / width;
        }
        double sigma2 = ss / n;
        var info = new double[_np, _np];
        for (int i = 0; i < _np; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int t = 0; t < len; t++) s += jac[t, i] * jac[t, j];
                info[i, j] = info[j, i] = s / sigma2;
            }
        return info;
    }

    /// <summary>
    /// X-13's exact residual vector of a differenced series w (length N) for the current ARMA values
    /// (Ljung–Box style): with u_t = φ(B)w_t (t ≥ p), â = E[a | u] the minimum-norm MA innovations
    /// (length N − p + q), Ψ the covariances of w_1..w_p with those innovations and V = Var(w_p | u),
    /// result = [chol(V)⁻¹ (w_p − Ψ â); â]. Its sum of squares is w'Σ⁻¹w. Returns false if V is not positive.
    /// </summary>
    internal bool ExactResidualVector(ReadOnlySpan<double> w, Span<double> result)
    {
        int n = w.Length, p = _phi.Length, q = _theta.Length, nu = n - p;
        var u = new double[nu];
        for (int t = p; t < n; t++)
        {
            double s = w[t];
            for (int i = 1; i <= p; i++) s -= _phi[i - 1] * w[t - i];
            u[t - p] = s;
        }
        _maOnly.Prepare([], _theta, nu);
        var innov = new double[nu];
        var std = new double[nu];
        _maOnly.Filter(u, innov, std);
        var ahat = result.Slice(p, nu + q);
        _maOnly.MinimumNormResiduals(innov, ahat);
        if (p == 0) return true;

        // ψ weights of θ(B)/φ(B) (Brockwell–Davis signs): Cov(w_i, a_s) = ψ_{i−s}.
        var psi = new double[p + q + 1];
        for (int j = 0; j < psi.Length; j++)
        {
            double s = j == 0 ? 1.0 : j <= q ? _theta[j - 1] : 0.0;
            for (int i = 1; i <= Math.Min(j, p); i++) s += _phi[i - 1] * psi[j - i];
            psi[j] = s;
        }
        // â index k is the innovation at time s = p − q + k (0-based times of w).
        var resid0 = new double[p];
        for (int i = 0; i < p; i++)
        {
            double s = w[i];
            for (int k = 0; k < q; k++)
            {
                int time = p - q + k;
                if (time <= i) s -= psi[i - time] * ahat[k];
            }
            resid0[i] = s;
        }
        // V = Σ_p − (MΨ')'Σ_u⁻¹(MΨ'): column i of MΨ' is c_t = Σ_j θ_j ψ_{i−(t−j)} over the u times t.
        var e = new double[p][];
        var col = new double[nu];
        for (int i = 0; i < p; i++)
        {
            Array.Clear(col);
            for (int t = p; t < Math.Min(n, p + q); t++)
            {
                double s = 0;
                for (int j = 0; j <= q; j++)
                {
                    double th = j == 0 ? 1.0 : _theta[j - 1];
                    int lag = i - (t - j);
                    if (lag >= 0) s += th * psi[lag];
                }
                col[t - p] = s;
            }
            e[i] = new double[nu];
            _maOnly.Filter(col, innov, e[i]);
        }
        var gamma = _arma.Gamma;
        var v = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = gamma[i - j];
                for (int t = 0; t < nu; t++) s -= e[i][t] * e[j][t];
                v[i, j] = v[j, i] = s;
            }
        // Cholesky V = L L' and forward solve L x = w_p − Ψ â.
        var l = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = v[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (!(s > 0)) return false;
                    l[i, i] = Math.Sqrt(s);
                }
                else l[i, j] = s / l[j, j];
            }
        for (int i = 0; i < p; i++)
        {
            double s = resid0[i];
            for (int k = 0; k < i; k++) s -= l[i, k] * result[k];
            result[i] = s / l[i, i];
        }
        return true;
    }

    /// <summary>Minus the numerical Hessian of the profile log-likelihood, or null if it cannot be evaluated.</summary>
    private double[,]? ObservedInformation(double[] x, double ss, double logdet, int n)
    {
        var hess = new double[_np, _np];
        var xt = (double[])x.Clone();
        double Ll(double[] p) => Evaluate(p, n) ? -0.5 * n * Math.Log(_ss / n) - 0.5 * _logdet : double.NaN;
        double l0 = -0.5 * n * Math.Log(ss / n) - 0.5 * logdet;
        const double h = 1e-4;
        for (int i = 0; i < _np; i++)
            for (int j = 0; j <= i; j++)
            {
                double v;
                if (i == j)
                {
                    xt[i] = x[i] + h; double lp = Ll(xt);
                    xt[i] = x[i] - h; double lm = Ll(xt);
                    xt[i] = x[i];
                    v = (lp - 2 * l0 + lm) / (h * h);
                }
                else
                {
                    xt[i] = x[i] + h; xt[j] = x[j] + h; double pp = Ll(xt);
                    xt[j] = x[j] - h; double pm = Ll(xt);
                    xt[i] = x[i] - h; double mm = Ll(xt);
                    xt[j] = x[j] + h; double mp = Ll(xt);
                    xt[i] = x[i]; xt[j] = x[j];
                    v = (pp - pm - mp + mm) / (4 * h * h);
                }
                if (double.IsNaN(v)) return null;
                hess[i, j] = hess[j, i] = -v;
            }
        return hess;
    }

    private void ShortenIntoRegion(double[] x, double[] step, double[] xn)
    {
        int[] sizes = [_o.P, _o.SeasonalP, _o.Q, _o.SeasonalQ];
        int at = 0;
        foreach (int size in sizes)
        {
            for (int halving = 0; halving < 40 && !StepDownStable(xn.AsSpan(at, size)); halving++)
                for (int i = at; i < at + size; i++) { step[i] *= 0.5; xn[i] = x[i] + step[i]; }
            at += size;
        }
    }

    /// <summary>Mask of the operators (AR, seasonal AR, MA, seasonal MA) with a partial autocorrelation of modulus ≥ 0.999.</summary>
    private int OperatorsOnUnitCircle(double[] x)
    {
        int[] sizes = [_o.P, _o.SeasonalP, _o.Q, _o.SeasonalQ];
        int at = 0, mask = 0;
        for (int op = 0; op < 4; op++)
        {
            if (MaxPartialAutocorrelation(x.AsSpan(at, sizes[op])) >= 0.999) mask |= 1 << op;
            at += sizes[op];
        }
        return mask;
    }

    /// <summary>Largest |partial autocorrelation| of 1 − Σ f_i z^i by the Levinson step-down (1 when not stable).</summary>
    internal static double MaxPartialAutocorrelation(ReadOnlySpan<double> f)
    {
        int len = f.Length;
        if (len == 0) return 0;
        Span<double> a = stackalloc double[len + 1];
        Span<double> b = stackalloc double[len + 1];
        for (int i = 0; i < len; i++) a[i + 1] = f[i];
        double max = 0;
        for (int k = len; k >= 1; k--)
        {
            double r = a[k];
            if (!(Math.Abs(r) < 1.0)) return 1;
            max = Math.Max(max, Math.Abs(r));
            double den = 1 - r * r;
            for (int j = 1; j < k; j++) b[j] = (a[j] + r * a[k - j]) / den;
            for (int j = 1; j < k; j++) a[j] = b[j];
        }
        return max;
    }

    /// <summary>Whether parameter <paramref name="i"/> belongs to an operator of <paramref name="mask"/>.</summary>
    private bool InOperators(int i, int mask)
    {
        int[] sizes = [_o.P, _o.SeasonalP, _o.Q, _o.SeasonalQ];
        int at = 0;
        for (int op = 0; op < 4; op++)
        {
            if (i < at + sizes[op]) return (mask & (1 << op)) != 0;
            at += sizes[op];
        }
        return false;
    }

    /// <summary>
    /// Sets φ and θ (Brockwell–Davis signs) from the ARMA parameters and prepares the innovations recursions for
    /// <paramref name="length"/> observations; false outside the stationary and invertible region.
    /// </summary>
    private bool PrepareArma(ReadOnlySpan<double> par, int length)
    {
        var ar = par[.._o.P];
        var sar = par.Slice(_o.P, _o.SeasonalP);
        var ma = par.Slice(_o.P + _o.SeasonalP, _o.Q);
        var sma = par.Slice(_o.P + _o.SeasonalP + _o.Q, _o.SeasonalQ);
        if (!StepDownStable(ar) || !StepDownStable(sar) || !StepDownStable(ma) || !StepDownStable(sma)) return false;
        Span<double> arPoly = _phi;
        Expand(ar, sar, arPoly);
        for (int i = 0; i < arPoly.Length; i++) arPoly[i] = -arPoly[i]; // Brockwell–Davis φ
        Expand(ma, sma, _theta);                                          // Brockwell–Davis θ = coefficients of θ(B)
        return _arma.Prepare(_phi, _theta, length);
    }

    private bool Evaluate(ReadOnlySpan<double> par, int prepareLength)
    {
        _evaluations++;
        if (!PrepareArma(par, prepareLength)) return false;
        // The data and the regressors eight at a time (the same results as one by one).
        if (_k == 0) _arma.Filter(_d.WY, _innov, _ey);
        else FilterDataAndRegressors();
        _logdet = _arma.LogDeterminant(_n);
        if (!Gls()) throw new CollinearRegressorsException();
        return double.IsFinite(_ss) && double.IsFinite(_logdet);
    }

    private void FilterDataAndRegressors()
    {
        const int lanes = ArmaInnovations.Lanes;
        int n = _n;
        for (int g = 0; g < _eightIn.Length; g++)
        {
            int first = _eightFirst[g];
            _arma.FilterEight(_eightIn[g], _eightInnov, _eightOut, n, first);
            for (int s = 0; s < lanes; s++)
            {
                int series = g * lanes + s;
                if (series > _k) break;
                var target = series == 0 ? _ey : _ex[series - 1];
                Array.Clear(target, 0, Math.Min(first, n));
                for (int t = first; t < n; t++) target[t] = _eightOut[t * lanes + s];
            }
        }
    }

    /// <summary>OLS of the filtered y on the filtered regressors by Householder QR (R kept in _qr).</summary>
    private bool Gls()
    {
        int n = _n, k = _k;
        Array.Copy(_ey, _b, n);
        for (int c = 0; c < k; c++) Array.Copy(_ex[c], 0, _qr, c * n, n);
        for (int j = 0; j < k; j++)
        {
            var col = _qr.AsSpan(j * n, n);
            var v = col[j..];
            double norm = Math.Sqrt(VectorOps.Dot(v, v));
            double scale = 0;
            foreach (double e in _ex[j]) scale = Math.Max(scale, Math.Abs(e));
            if (norm <= 1e-10 * Math.Max(scale, 1e-300) || norm == 0) return false;
            double alpha = col[j] > 0 ? -norm : norm;
            // v = x − alpha e_j stored in col[j..]; H = I − 2 v v' / v'v.
            col[j] -= alpha;
            double vv = VectorOps.Dot(v, v);
            for (int c = j + 1; c < k; c++)
            {
                var other = _qr.AsSpan(c * n + j, n - j);
                VectorOps.SubtractScaled(2 * VectorOps.Dot(v, other) / vv, v, other);
            }
            var bj = _b.AsSpan(j, n - j);
            VectorOps.SubtractScaled(2 * VectorOps.Dot(v, bj) / vv, v, bj);
            // Keep R's diagonal in col[j]; the Householder vector is no longer needed.
            col[j] = alpha;
        }
        for (int j = k - 1; j >= 0; j--)
        {
            double s = _b[j];
            for (int c = j + 1; c < k; c++) s -= _qr[c * n + j] * _beta[c];
            _beta[j] = s / _qr[j * n + j];
        }
        Array.Copy(_ey, _resid, n);
        for (int c = 0; c < k; c++) VectorOps.SubtractScaled(_beta[c], _ex[c], _resid);
        _ss = VectorOps.Dot(_resid, _resid);
        return true;
    }

    private void ScaledResiduals(Span<double> r)
    {
        double f = Math.Exp(_logdet / (2.0 * _n));
        for (int t = 0; t < _n; t++) r[t] = _resid[t] * f;
    }

    /// <summary>Forward-difference Jacobian of the scaled GLS residuals, each column a full evaluation.</summary>
    private void FullJacobian(double[] x, double[] r0, double[,] jac)
    {
        var xt = (double[])x.Clone();
        var rp = new double[_n];
        for (int i = 0; i < _np; i++)
        {
            double h = 1e-6 * Math.Max(1.0, Math.Abs(x[i]));
            xt[i] = x[i] + h;
            double width = h;
            bool ok = Evaluate(xt, _n);
            if (!ok)
            {
                xt[i] = x[i] - h;
                width = -h;
                ok = Evaluate(xt, _n);
            }
            if (ok) ScaledResiduals(rp);
            xt[i] = x[i];
            for (int t = 0; t < _n; t++) jac[t, i] = ok ? (rp[t] - r0[t]) / width : 0.0;
        }
    }

    /// <summary>
    /// Forward-difference Jacobian of the scaled residuals at <paramref name="x"/> by variable projection (Kaufman):
    /// β is held at its estimate at x, so that each column needs the innovations recursions and one filter of the
    /// regression errors z = w − Xβ̂ instead of k + 1 filters and a GLS; the columns are then projected off the
    /// filtered regressors. The gradient J'r is that of the concentrated objective (the GLS residuals are orthogonal
    /// to the filtered regressors), and the projected J'J approximates its curvature as the full Jacobian does.
    /// Needs the filter, GLS and residuals at x (<c>_ex</c>, <c>_qr</c>, <c>_beta</c>).
    /// </summary>
    private void Jacobian(double[] x, double[] r0, double[,] jac)
    {
        int n = _n, k = _k;
        var z = new double[n];
        for (int t = 0; t < n; t++)
        {
            double v = _d.WY[t];
            for (int c = 0; c < k; c++) v -= _d.WX[c][t] * _beta[c];
            z[t] = v;
        }
        var xt = (double[])x.Clone();
        var rp = new double[n];
        var col = new double[n];
        var b = new double[k];
        var sol = new double[k];
        for (int i = 0; i < _np; i++)
        {
            double h = 1e-6 * Math.Max(1.0, Math.Abs(x[i]));
            xt[i] = x[i] + h;
            double width = h;
            bool ok = ScaledErrorResiduals(xt, z, rp);
            if (!ok)
            {
                xt[i] = x[i] - h;
                width = -h;
                ok = ScaledErrorResiduals(xt, z, rp);
            }
            xt[i] = x[i];
            for (int t = 0; t < n; t++) col[t] = ok ? (rp[t] - r0[t]) / width : 0.0;
            if (ok && k > 0)
            {
                // col − X̃ (R'R)⁻¹ X̃' col, with R from the Householder QR of the filtered regressors at x.
                for (int c = 0; c < k; c++) b[c] = VectorOps.Dot(_ex[c], col);
                for (int c = 0; c < k; c++)
                {
                    double s = b[c];
                    for (int j = 0; j < c; j++) s -= _qr[c * n + j] * sol[j];
                    sol[c] = s / _qr[c * n + c];
                }
                for (int c = k - 1; c >= 0; c--)
                {
                    double s = sol[c];
                    for (int j = c + 1; j < k; j++) s -= _qr[j * n + c] * sol[j];
                    sol[c] = s / _qr[c * n + c];
                }
                for (int c = 0; c < k; c++) VectorOps.SubtractScaled(sol[c], _ex[c], col);
            }
            for (int t = 0; t < n; t++) jac[t, i] = col[t];
        }
    }

    /// <summary>
    /// The scaled residuals |Σ|^{1/2N} L⁻¹z of fixed regression errors <paramref name="z"/> for the ARMA values
    /// <paramref name="par"/>; false outside the stationary and invertible region. Leaves the filtered regressors,
    /// the GLS and the objective alone.
    /// </summary>
    private bool ScaledErrorResiduals(ReadOnlySpan<double> par, double[] z, double[] r)
    {
        _evaluations++;
        if (!PrepareArma(par, _n)) return false;
        _arma.Filter(z, _innov, r);
        double logdet = _arma.LogDeterminant(_n);
        if (!double.IsFinite(logdet)) return false;
        double f = Math.Exp(logdet / (2.0 * _n));
        for (int t = 0; t < _n; t++) r[t] *= f;
        return true;
    }

    /// <summary>
    /// Cholesky solution of A x = b (A's lower triangle read); false when a pivot is not above
    /// <paramref name="relativePivot"/> times its diagonal element (0: not positive).
    /// </summary>
    internal static bool SolveSpd(double[,] a, double[] b, double[] x, double relativePivot = 0)
    {
        int n = b.Length;
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                if (i == j)
                {
                    if (!(relativePivot == 0 ? s > 0 : s > relativePivot * a[i, i])) return false;
                    l[i, i] = Math.Sqrt(s);
                }
                else l[i, j] = s / l[j, j];
            }
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i, k] * y[k];
            y[i] = s / l[i, i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= l[k, i] * x[k];
            x[i] = s / l[i, i];
        }
        return true;
    }

    private static double[,] Inverse(double[,] a)
    {
        int n = a.GetLength(0);
        var inv = new double[n, n];
        var e = new double[n];
        var x = new double[n];
        for (int c = 0; c < n; c++)
        {
            Array.Clear(e);
            e[c] = 1;
            if (!SolveSpd(a, e, x)) { for (int i = 0; i < n; i++) inv[i, c] = double.NaN; continue; }
            for (int i = 0; i < n; i++) inv[i, c] = x[i];
        }
        return inv;
    }

    public RegArimaFit Run()
    {
        var spec = _d.Spec;
        var x = new double[_np];
        for (int i = 0; i < _np; i++) x[i] = spec.InitialArma is { } init ? init[i] : 0.1;
        if (!Evaluate(x, _n)) throw new ArgumentException("the starting ARMA values are not stationary and invertible");
        var r = new double[_n];
        ScaledResiduals(r);
        double f = Objective;
        // Whether the filter, GLS and residuals hold the values at x (with no horizon): the final evaluation
        // below then would recompute exactly the same numbers.
        bool stateAtX = true;
        // Whether the filtered regressors, GLS and β are those at x (the Jacobian needs them; the filter itself it
        // moves, hence stateAtX apart).
        bool regressionAtX = true;
        // The projected Jacobian serves the trial fits of automatic identification (those that skip the ARMA
        // standard errors), where most of the time goes; a fit to be reported keeps the full Jacobian, whose steps
        // settle more precisely on a flat optimum (a seasonal MA near 1).
        bool projectedJacobian = spec.SkipArmaStandardErrors && _k > 0;
        int iterations = 0;
        bool converged = _np == 0 || spec.FixArma;
        if (_np > 0 && !spec.FixArma)
        {
            var jac = new double[_n, _np];
            var a = new double[_np, _np];
            var g = new double[_np];
            var step = new double[_np];
            var xn = new double[_np];
            var m = new double[_np, _np];
            var rhs = new double[_np];
            double lambda = 1e-3;
            // 0: normal iterations; 1: operators on the unit circle held; 2: all free again (see below).
            int phase = 0;
            var heldParameter = new bool[_np];
            while (iterations < 200 && !converged)
            {
                iterations++;
                if (projectedJacobian)
                {
                    if (!regressionAtX && !Evaluate(x, _n)) throw new InvalidOperationException("the model at the current ARMA values cannot be evaluated again");
                    regressionAtX = true;
                    Jacobian(x, r, jac);
                }
                else FullJacobian(x, r, jac);
                stateAtX = false;
                for (int i = 0; i < _np; i++)
                {
                    double s = 0;
                    for (int t = 0; t < _n; t++) s += jac[t, i] * r[t];
                    g[i] = s;
                    for (int j = 0; j <= i; j++)
                    {
                        double u = 0;
                        for (int t = 0; t < _n; t++) u += jac[t, i] * jac[t, j];
                        a[i, j] = a[j, i] = u;
                    }
                }
                bool accepted = false;
                while (!accepted)
                {
                    for (int i = 0; i < _np; i++)
                    {
                        bool hold = heldParameter[i];
                        for (int j = 0; j < _np; j++) m[i, j] = hold || heldParameter[j] ? (i == j ? 1.0 : 0.0) : a[i, j];
                        if (!hold) m[i, i] += lambda * (a[i, i] + 1e-12);
                        rhs[i] = hold ? 0.0 : -g[i];
                    }
                    if (SolveSpd(m, rhs, step))
                    {
                        for (int i = 0; i < _np; i++) xn[i] = x[i] + step[i];
                        // The part of a step that takes one operator out of the stationary/invertible region is
                        // shortened, the rest kept, so that a parameter near the unit circle (a seasonal MA
                        // close to 1 is common) does not stall the others.
                        ShortenIntoRegion(x, step, xn);
                        bool valid = Evaluate(xn, _n);
                        stateAtX = false;
                        regressionAtX = false;
                        if (valid && Objective < f)
                        {
                            stateAtX = true;
                            regressionAtX = true;
                            double fn = Objective;
                            double rel = (f - fn) / f;
                            double maxStep = 0;
                            for (int i = 0; i < _np; i++) maxStep = Math.Max(maxStep, Math.Abs(step[i]));
                            Array.Copy(xn, x, _np);
                            f = fn;
                            ScaledResiduals(r);
                            lambda = Math.Max(lambda / 10, 1e-10);
                            accepted = true;
                            if (rel < spec.Tolerance || maxStep < 1e-9) converged = true;
                            continue;
                        }
                    }
                    lambda *= 10;
                    if (lambda > 1e10) { converged = true; break; } // no descent left: at the optimum to rounding
                }
                // An operator converging onto the unit circle (a seasonal MA → 1) makes the Gauss–Newton steps of
                // the others vanish with its own, far from their optimum, the likelihood being flat along the
                // circle: once converged, those operators are held and the others optimised, then all released.
                if (converged && phase < 2)
                {
                    int onCircle = phase == 0 ? OperatorsOnUnitCircle(x) : 0;
                    if (phase == 1 || onCircle != 0)
                    {
                        phase++;
                        for (int i = 0; i < _np; i++) heldParameter[i] = InOperators(i, onCircle);
                        converged = false;
                        lambda = 1e-3;
                    }
                }
            }
        }

        // Final evaluation, prepared for the forecast horizon.
        if (!(stateAtX && _d.Horizon == 0) && !Evaluate(x, _n + _d.Horizon)) throw new InvalidOperationException("the estimated model is not stationary and invertible");
        return Assemble(x, iterations, converged);
    }

    private RegArimaFit Assemble(double[] x, int iterations, bool converged)
    {
        var d = _d;
        var spec = d.Spec;
        int n0 = d.N0, n = _n, k = _k, h = d.Horizon;
        double sigma2 = _ss / n;
        double loglik = -0.5 * n * (Math.Log(2 * Math.PI * sigma2) + 1) - 0.5 * _logdet;
        double jacobian = 0;
        if (spec.Transform == Transform.Log)
            for (int t = d.Nd; t < n0; t++)
                if (!d.Series.IsMissing(t)) jacobian += Math.Log(d.Series[t]);

        // Regression estimates: cov β = σ² (R'R)^{-1}.
        var beta = (double[])_beta.Clone();
        var rinv = new double[k, k];
        for (int c = 0; c < k; c++)
        {
            rinv[c, c] = 1.0 / _qr[c * n + c];
            for (int i = c - 1; i >= 0; i--)
            {
                double s = 0;
                for (int j = i + 1; j <= c; j++) s += _qr[j * n + i] * rinv[j, c];
                rinv[i, c] = -s / _qr[i * n + i];
            }
        }
        var regression = new List<RegressionEstimate>(k);
        var covBeta = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int c = Math.Max(i, j); c < k; c++) s += rinv[i, c] * rinv[j, c];
                covBeta[i, j] = sigma2 * s;
            }
        for (int i = 0; i < k; i++)
            regression.Add(new RegressionEstimate(d.Columns[i].Group, d.Columns[i].Name, beta[i], Math.Sqrt(covBeta[i, i])));

        // Residuals as X-13 reports them: the last N entries of its exact residual vector of the differenced
        // regression errors (the standardized innovations are the fallback).
        // Computed when first read: most trial fits of automatic identification never read them. The estimator
        // is not evaluated again once its fit is assembled (the last evaluation below is back at x), so they are
        // the same numbers as computed here.
        var innovationResiduals = (double[])_resid.Clone();
        var residuals = new LazyResiduals(() =>
        {
            var values = innovationResiduals;
            var zz = new double[n];
            for (int t = 0; t < n; t++) { double v = d.WY[t]; for (int c = 0; c < k; c++) v -= d.WX[c][t] * _beta[c]; zz[t] = v; }
            var full = new double[n + _theta.Length];
            if (ExactResidualVector(zz, full)) Array.Copy(full, full.Length - n, values, 0, n);
            return values;
        });
        var logdet = _logdet;
        var ss = _ss;

        // ARMA standard errors as X-13: σ̂² (J'J)⁻¹ with J the Jacobian of its exact residual vector at fixed β̂.
        // If that vector cannot be formed, the observed information (Hessian of the profile likelihood).
        var arma = new List<ArmaEstimate>(_np);
        var se = new double[_np];
        if (spec.SkipArmaStandardErrors) Array.Fill(se, double.NaN);
        if (_np > 0 && !spec.FixArma && !spec.SkipArmaStandardErrors)
        {
            var info = MinimumNormInformation(x, ss, n);
            bool finite = true;
            foreach (var value in info) finite &= double.IsFinite(value);
            if (!finite) info = ObservedInformation(x, ss, logdet, n);
            var inv = info is null ? null : Inverse(info);
            for (int i = 0; i < _np; i++) se[i] = inv is null ? double.NaN : Math.Sqrt(inv[i, i]);
            // Re-prepare for forecasting (the differentiation moved the filter).
            Evaluate(x, n + h);
        }
        int idx = 0;
        for (int i = 1; i <= _o.P; i++, idx++) arma.Add(new ArmaEstimate("AR", false, i, x[idx], se[idx]));
        for (int i = 1; i <= _o.SeasonalP; i++, idx++) arma.Add(new ArmaEstimate("AR", true, 12 * i, x[idx], se[idx]));
        for (int i = 1; i <= _o.Q; i++, idx++) arma.Add(new ArmaEstimate("MA", false, i, x[idx], se[idx]));
        for (int i = 1; i <= _o.SeasonalQ; i++, idx++) arma.Add(new ArmaEstimate("MA", true, 12 * i, x[idx], se[idx]));

        // Regression effects and regression errors z_t = y_t − X_t β.
        int total = n0 + h;
        var xb = new double[total];
        var effects = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (int c = 0; c < k; c++)
        {
            var group = d.Columns[c].Group;
            if (!effects.TryGetValue(group, out var e)) effects[group] = e = new double[total];
            var col = d.Columns[c].Values;
            for (int t = 0; t < total; t++) { e[t] += col[t] * beta[c]; xb[t] += col[t] * beta[c]; }
        }
        var z = new double[total];
        for (int t = 0; t < n0; t++) z[t] = d.Y[t] - xb[t];
        var forecasts = new List<Forecast>(h);
        if (h > 0) forecasts.AddRange(ForecastAll(z, xb, sigma2, covBeta));

        // Missing values filled from the model: the placeholder minus its AO effect.
        var filled = new double[n0];
        for (int t = 0; t < n0; t++) filled[t] = d.Series[t];
        for (int i = 0; i < d.Missing.Length; i++)
        {
            int t = d.Missing[i];
            int c = k - d.Missing.Length + i;
            double v = d.Y[t] - beta[c];
            filled[t] = spec.Transform == Transform.Log ? Math.Exp(v) * d.Prior[t] : v;
        }

        return new RegArimaFit
        {
            Spec = spec,
            Start = d.Series.Start,
            Observations = n0,
            EffectiveObservations = n,
            Regression = regression,
            Arma = arma,
            Variance = sigma2,
            LogLikelihood = loglik,
            LogLikelihoodOriginalScale = loglik - jacobian,
            Parameters = _np + k + 1,
            Residuals = residuals,
            RegressionEffects = effects,
            RegressorValues = d.Columns.Select(c => c.Values).ToArray(),
            PriorFactors = d.Prior,
            Filled = new MonthlySeries(d.Series.Start, filled),
            Forecasts = forecasts,
            Iterations = iterations,
            LikelihoodEvaluations = _evaluations,
            Converged = converged,
        };
    }

    /// <summary>
    /// Predictions of x[n0..n0+H) from x[0..n0) under the ARIMA model, as X-13 makes them (its exact ARMA
    /// filter, then the difference equation): the differenced series w is AR-filtered, u_t = φ(B) w_t for
    /// t ≥ p; the pure MA(q) process u is predicted exactly from u alone (innovations algorithm), and w and x
    /// are then rebuilt by the AR and differencing recursions. Without AR this is the exact finite-sample
    /// predictor; with AR it ignores what w_1..w_p say about the MA innovations, as X-13 does.
    /// </summary>
    private void Extend(double[] x)
    {
        var d = _d;
        int n0 = d.N0, n = _n, h = d.Horizon, nd = d.Nd, p = _phi.Length;
        var delta = d.Delta;
        var w = new double[n + h];
        for (int t = nd; t < n0; t++)
        {
            double s = 0;
            for (int i = 0; i <= nd; i++) s += delta[i] * x[t - i];
            w[t - nd] = s;
        }
        var u = new double[n - p];
        for (int t = p; t < n; t++)
        {
            double s = w[t];
            for (int i = 1; i <= p; i++) s -= _phi[i - 1] * w[t - i];
            u[t - p] = s;
        }
        _maOnly.Prepare([], _theta, n - p + h);
        var innov = new double[n - p];
        var std = new double[n - p];
        _maOnly.Filter(u, innov, std);
        var uf = new double[h];
        _maOnly.Predict(u, innov, uf);
        for (int j = 0; j < h; j++)
        {
            int t = n + j;
            double s = uf[j];
            for (int i = 1; i <= p; i++) s += _phi[i - 1] * w[t - i];
            w[t] = s;
        }
        for (int j = 1; j <= h; j++)
        {
            int t = n0 - 1 + j;
            double s = w[n - 1 + j];
            for (int i = 1; i <= nd; i++) s -= delta[i] * x[t - i];
            x[t] = s;
        }
    }

    /// <summary>
    /// Forecasts with mean squared errors of the ARIMA part (ψ weights, as X-13) plus the error from estimating β: g'Cov(β̂)g with g the part of each regressor's future value
    /// that its own ARIMA prediction misses (the prediction is linear in β̂, and the ARIMA prediction error is
    /// uncorrelated with the past that β̂ depends on).
    /// </summary>
    private IEnumerable<Forecast> ForecastAll(double[] z, double[] xb, double sigma2, double[,] covBeta)
    {
        var d = _d;
        int n0 = d.N0, n = _n, h = d.Horizon, k = _k;
        Extend(z);
        var g = new double[k][];
        for (int c = 0; c < k; c++)
        {
            var col = d.Columns[c].Values;
            var pred = new double[n0 + h];
            Array.Copy(col, pred, n0);
            Extend(pred);
            g[c] = new double[h];
            for (int j = 0; j < h; j++) g[c][j] = col[n0 + j] - pred[n0 + j];
        }
        // ψ(B) = θ(B) / (φ(B) δ(B)): X-13's forecast variance is σ² Σ_{i<h} ψ_i² (plus the regression term).
        var full = new double[_phi.Length + 1];
        full[0] = 1;
        for (int i = 0; i < _phi.Length; i++) full[i + 1] = -_phi[i];
        full = Design.Multiply(full, d.Delta);
        var psi = new double[h];
        for (int r = 0; r < h; r++)
        {
            double s = r == 0 ? 1.0 : r <= _theta.Length ? _theta[r - 1] : 0.0;
            for (int i = 1; i <= Math.Min(r, full.Length - 1); i++) s -= full[i] * psi[r - i];
            psi[r] = s;
        }
        double zq = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + d.Spec.ForecastProbability / 2);
        bool log = d.Spec.Transform == Transform.Log;
        var result = new Forecast[h];
        double psiSum = 0;
        for (int step = 1; step <= h; step++)
        {
            psiSum += psi[step - 1] * psi[step - 1];
            double mse = sigma2 * psiSum;
            for (int a = 0; a < k; a++)
                for (int b = 0; b < k; b++) mse += g[a][step - 1] * covBeta[a, b] * g[b][step - 1];
            double sd = Math.Sqrt(mse);
            int t = n0 - 1 + step;
            double yhat = z[t] + xb[t];
            var month = d.Series.Start.AddMonths(t);
            result[step - 1] = log
                ? new Forecast(month, Math.Exp(yhat) * d.Prior[t], Math.Exp(yhat - zq * sd) * d.Prior[t], Math.Exp(yhat + zq * sd) * d.Prior[t], sd)
                : new Forecast(month, yhat, yhat - zq * sd, yhat + zq * sd, sd);
        }
        return result;
    }
}

/// <summary>A fit's residual vector, computed on first use (thread-safe).</summary>
internal sealed class LazyResiduals(Func<double[]> compute) : IReadOnlyList<double>
{
    private readonly Lazy<double[]> _values = new(compute, LazyThreadSafetyMode.ExecutionAndPublication);
    public double this[int index] => _values.Value[index];
    public int Count => _values.Value.Length;
    public IEnumerator<double> GetEnumerator() => ((IEnumerable<double>)_values.Value).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The regression columns are linearly dependent once differenced (two outliers that coincide, or a
/// regressor that differencing removes): the model cannot be estimated with this regressor set.</summary>
public sealed class CollinearRegressorsException()
    : ArgumentException("the regressors are collinear after differencing (e.g. two outliers that coincide, or a regressor that differencing removes)");
