namespace Ballast.Statistics.TimeSeries.RegArima;

/// <summary>
/// Exact one-step prediction of a stationary ARMA process by the innovations algorithm applied to Ansley's
/// transformed process (Brockwell &amp; Davis, Time Series: Theory and Methods, §5.3 and §8.7). Prepared once
/// per parameter value, it then filters any number of series (the differenced data and every differenced
/// regressor) in O(n(p+q)) each, which is what GLS with an exact ARMA likelihood needs. Variances are in
/// units of the innovation variance σ² (σ² = 1 here; the likelihood concentrates it out).
/// Polynomials use Brockwell–Davis signs: X_t − Σ φ_i X_{t−i} = Z_t + Σ θ_j Z_{t−j}.
/// </summary>
internal sealed class ArmaInnovations
{
    private double[] _phi = [];   // φ_1..φ_p at [0..p-1]
    private double[] _theta = []; // θ_0 = 1, θ_1..θ_q
    private int _p, _q, _m, _width, _length;
    private double[] _gamma = [];
    private double[] _th = [];    // θ_{n,j} at [n * _width + j]
    private double[] _v = [];
    private double[] _invSqrtV = [];
    private double[] _sys = [];
    private double[] _maCov = [];  // Σ_r θ_r θ_{r+h}, h = 0..q: κ of the transformed process beyond 2m

    public int P => _p;
    public int Q => _q;
    /// <summary>m = max(p, q): the first m observations are predicted from the untransformed covariances.</summary>
    public int M => _m;
    public int Length => _length;
    public ReadOnlySpan<double> Variances => _v.AsSpan(0, _length);
    /// <summary>Autocovariances γ(0..) of the ARMA process (σ² = 1), valid up to lag 2m + p.</summary>
    public ReadOnlySpan<double> Gamma => _gamma.AsSpan(0, 2 * _m + _p + 2);

    /// <summary>θ_{n,j}: weight of the j-th last innovation in the prediction of observation n (0-based).</summary>
    public double Theta(int n, int j) => j == 0 ? 1.0 : (n >= _m && j > _q) || j > n ? 0.0 : _th[n * _width + j];

    /// <summary>
    /// Sets the model and runs the innovations recursions for <paramref name="length"/> observations.
    /// Returns false if the autoregressive part is not stationary (no autocovariances exist).
    /// </summary>
    public bool Prepare(ReadOnlySpan<double> phi, ReadOnlySpan<double> theta, int length)
    {
        _p = phi.Length;
        _q = theta.Length;
        _m = Math.Max(_p, _q);
        _length = length;
        if (_phi.Length < _p) _phi = new double[_p];
        phi.CopyTo(_phi);
        if (_theta.Length < _q + 1) _theta = new double[_q + 1];
        _theta[0] = 1.0;
        theta.CopyTo(_theta.AsSpan(1));
        if (!Autocovariances()) return false;
        if (_maCov.Length < _q + 1) _maCov = new double[_q + 1];
        for (int h = 0; h <= _q; h++)
        {
            double t = 0;
            for (int r = 0; r + h <= _q; r++) t += _theta[r] * _theta[r + h];
            _maCov[h] = t;
        }
        _width = Math.Max(_m, _q + 1);
        if (_th.Length < length * _width) _th = new double[length * _width];
        if (_v.Length < length) { _v = new double[length]; _invSqrtV = new double[length]; }
        Recursions();
        for (int t = 0; t < length; t++) _invSqrtV[t] = 1.0 / Math.Sqrt(_v[t]);
        return true;
    }

    private bool Autocovariances()
    {
        int p = _p, q = _q, m = _m;
        int kmax = 2 * m + p + 1;
        if (_gamma.Length < kmax + 1) _gamma = new double[kmax + 1];
        Span<double> psi = stackalloc double[q + 1];
        for (int j = 0; j <= q; j++)
        {
            double s = _theta[j];
            for (int i = 1; i <= Math.Min(j, p); i++) s += _phi[i - 1] * psi[j - i];
            psi[j] = s;
        }
        // rhs_k = Σ_{j=k}^{q} θ_j ψ_{j−k}
        double Rhs(int k, Span<double> ps)
        {
            double s = 0;
            for (int j = k; j <= q; j++) s += _theta[j] * ps[j - k];
            return s;
        }
        int dim = p + 1;
        if (_sys.Length < dim * (dim + 1)) _sys = new double[dim * (dim + 1)];
        var a = _sys.AsSpan(0, dim * (dim + 1));
        a.Clear();
        // Row k: γ(k) − Σ_i φ_i γ(|k−i|) = rhs_k, unknowns γ(0..p); augmented column at index dim.
        for (int k = 0; k <= p; k++)
        {
            int row = k * (dim + 1);
            a[row + k] += 1.0;
            for (int i = 1; i <= p; i++) a[row + Math.Abs(k - i)] -= _phi[i - 1];
            a[row + dim] = Rhs(k, psi);
        }
        // Gaussian elimination with partial pivoting.
        for (int c = 0; c < dim; c++)
        {
            int piv = c;
            double best = Math.Abs(a[c * (dim + 1) + c]);
            for (int r = c + 1; r < dim; r++)
            {
                double x = Math.Abs(a[r * (dim + 1) + c]);
                if (x > best) { best = x; piv = r; }
            }
            if (best < 1e-12) return false;
            if (piv != c)
                for (int j = 0; j <= dim; j++)
                    (a[c * (dim + 1) + j], a[piv * (dim + 1) + j]) = (a[piv * (dim + 1) + j], a[c * (dim + 1) + j]);
            double d = a[c * (dim + 1) + c];
            for (int r = c + 1; r < dim; r++)
            {
                double f = a[r * (dim + 1) + c] / d;
                if (f == 0) continue;
                for (int j = c; j <= dim; j++) a[r * (dim + 1) + j] -= f * a[c * (dim + 1) + j];
            }
        }
        for (int r = dim - 1; r >= 0; r--)
        {
            double s = a[r * (dim + 1) + dim];
            for (int j = r + 1; j < dim; j++) s -= a[r * (dim + 1) + j] * _gamma[j];
            _gamma[r] = s / a[r * (dim + 1) + r];
        }
        if (!(_gamma[0] > 0) || double.IsNaN(_gamma[0])) return false;
        for (int k = p + 1; k <= kmax; k++)
        {
            double s = k <= q ? Rhs(k, psi) : 0.0;
            for (int i = 1; i <= p; i++) s += _phi[i - 1] * _gamma[k - i];
            _gamma[k] = s;
        }
        return true;
    }

    /// <summary>Covariance κ(a, b) of Ansley's transformed process, 0-based, a ≥ b.</summary>
    private double Kappa(int a, int b)
    {
        int h = a - b, m = _m;
        if (a < m) return _gamma[h];
        if (b < m)
        {
            if (a >= 2 * m) return 0.0;
            double s = _gamma[h];
            for (int r = 1; r <= _p; r++) s -= _phi[r - 1] * _gamma[Math.Abs(r - h)];
            return s;
        }
        return h > _q ? 0.0 : _maCov[h];
    }

    private void Recursions()
    {
        int w = _width, m = _m, q = _q;
        var th = _th;
        var v = _v;
        v[0] = Kappa(0, 0);
        for (int n = 1; n < _length; n++)
        {
            int start = n >= m ? Math.Max(0, n - q) : 0;
            int rowN = n * w;
            for (int k = start; k < n; k++)
            {
                double s = Kappa(n, k);
                int rowK = k * w;
                for (int j = start; j < k; j++) s -= th[rowK + k - j] * th[rowN + n - j] * v[j];
                th[rowN + n - k] = s / v[k];
            }
            double vn = Kappa(n, n);
            for (int j = start; j < n; j++)
            {
                double t = th[rowN + n - j];
                vn -= t * t * v[j];
            }
            v[n] = vn;
        }
    }

    /// <summary>
    /// Innovations u_t = x_t − x̂_t of a series (length ≤ <see cref="Length"/>) divided by √v_t: uncorrelated with
    /// variance σ² under the model. <paramref name="innovations"/> receives the unscaled u_t.
    /// </summary>
    public void Filter(ReadOnlySpan<double> x, Span<double> innovations, Span<double> standardized)
    {
        int n = x.Length, m = _m, p = _p, q = _q, w = _width;
        var th = _th;
        // Leading zeros (outlier regressors) filter to zeros: start at the first non-zero value.
        int first = 0;
        while (first < n && x[first] == 0) first++;
        innovations[..first].Clear();
        standardized[..first].Clear();
        for (int t = first; t < n; t++)
        {
            double pred = 0;
            int jmax;
            if (t >= m)
            {
                for (int i = 1; i <= p; i++) pred += _phi[i - 1] * x[t - i];
                jmax = Math.Min(q, t);
            }
            else jmax = t;
            int row = t * w;
            for (int j = 1; j <= jmax; j++) pred += th[row + j] * innovations[t - j];
            double u = x[t] - pred;
            innovations[t] = u;
            standardized[t] = u * _invSqrtV[t];
        }
    }

    /// <summary>
    /// The transpose of <see cref="Filter"/> (standardized output) applied to <paramref name="v"/>: with the
    /// filter written x = A w (A lower triangular), result = A'v. Then x'v = w'(A'v) for any w, which lets a
    /// sparse w be correlated with v without filtering it. <paramref name="scratch"/> has the length of v.
    /// </summary>
    public void FilterTranspose(ReadOnlySpan<double> v, Span<double> result, Span<double> scratch)
    {
        int n = v.Length, m = _m, p = _p, q = _q, w = _width;
        var th = _th;
        // A = D^{-1/2} B^{-1} C: C the AR operator (rows t ≥ m), B unit lower triangular with B[t, t−j] = θ_{t,j}.
        // Solve B'y = D^{-1/2} v backwards, then result = C'y.
        var y = scratch;
        int reach = Math.Max(m, q);
        for (int s = n - 1; s >= 0; s--)
        {
            double acc = v[s] * _invSqrtV[s];
            int top = Math.Min(reach, n - 1 - s);
            for (int j = 1; j <= top; j++)
            {
                int t = s + j;
                int jmax = t >= m ? Math.Min(q, t) : t;
                if (j <= jmax) acc -= th[t * w + j] * y[t];
            }
            y[s] = acc;
        }
        for (int s = 0; s < n; s++)
        {
            double acc = y[s];
            for (int i = 1; i <= p; i++)
            {
                int t = s + i;
                if (t >= n) break;
                if (t >= m) acc -= _phi[i - 1] * y[t];
            }
            result[s] = acc;
        }
    }

    /// <summary>Sum of log v_t over the first n observations (the log-determinant of the correlation matrix).</summary>
    public double LogDeterminant(int n)
    {
        double s = 0;
        for (int t = 0; t < n; t++) s += Math.Log(_v[t]);
        return s;
    }

    /// <summary>
    /// h-step predictions (h = 1..H) of a series observed at t &lt; n = x.Length, given its innovations; requires
    /// <see cref="Length"/> ≥ n + H.
    /// </summary>
    public void Predict(ReadOnlySpan<double> x, ReadOnlySpan<double> innovations, Span<double> forecasts)
    {
        int n = x.Length, horizon = forecasts.Length, m = _m, p = _p, q = _q;
        if (n + horizon > _length) throw new InvalidOperationException("prepare for the forecast horizon first");
        for (int h = 1; h <= horizon; h++)
        {
            int t = n - 1 + h;
            double pred = 0;
            int jmax;
            if (t >= m)
            {
                for (int i = 1; i <= p; i++)
                {
                    int s = t - i;
                    pred += _phi[i - 1] * (s < n ? x[s] : forecasts[s - n]);
                }
                jmax = Math.Min(q, t);
            }
            else jmax = t;
            for (int j = h; j <= jmax; j++) pred += _th[t * _width + j] * innovations[t - j];
            forecasts[h - 1] = pred;
        }
    }

    /// <summary>
    /// For a pure MA model (p = 0): the minimum-norm innovations â_{−q..n−1} that reproduce the series
    /// (â = M'Σ⁻¹x with x = M a), given the innovations u of <see cref="Filter"/>. Σ â² equals the exact
    /// quadratic form x'Σ⁻¹x; this is the residual vector whose Jacobian X-13 uses for ARMA standard errors.
    /// </summary>
    public void MinimumNormResiduals(ReadOnlySpan<double> innovations, Span<double> result)
    {
        if (_p != 0) throw new InvalidOperationException("minimum-norm residuals are defined here for pure MA models");
        int n = innovations.Length, q = _q;
        Span<double> s = n <= 4096 ? stackalloc double[n] : new double[n];
        for (int t = n - 1; t >= 0; t--)
        {
            double v = innovations[t] / _v[t];
            for (int j = 1; j <= q && t + j < n; j++) v -= Theta(t + j, j) * s[t + j];
            s[t] = v;
        }
        // â_k for k = −q..n−1 stored at k + q: Σ_t θ_{t−k} s_t over t in [max(0,k), min(n−1, k+q)].
        for (int k = -q; k < n; k++)
        {
            double a = 0;
            for (int t = Math.Max(0, k); t <= Math.Min(n - 1, k + q); t++) a += _theta[t - k] * s[t];
            result[k + q] = a;
        }
    }
}
