using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    private double[] _kappaMixed = []; // κ(a, b) for b < m ≤ a < 2m, by a − b
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
        // κ(a, b) for b < m ≤ a < 2m depends on a − b only: once per lag, not once per element.
        if (_kappaMixed.Length < 2 * _m) _kappaMixed = new double[2 * _m];
        for (int h = 1; h < 2 * _m; h++)
        {
            double k = _gamma[h];
            for (int r = 1; r <= _p; r++) k -= _phi[r - 1] * _gamma[Math.Abs(r - h)];
            _kappaMixed[h] = k;
        }
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
            return _kappaMixed[h];
        }
        return h > _q ? 0.0 : _maCov[h];
    }

    private void Recursions()
    {
        // The hot loop of every likelihood evaluation. Each θ_{n,·} is a running difference whose additions form
        // one serial chain, so the loop runs at the latency of an addition; two neighbouring elements of a row
        // are computed together (the second needs the first only in its last term), which doubles the work done
        // per unit of latency; in the band (n ≥ 2m) whole rows go four (RowQuad) or two (RowPair) at a time. Each
        // chain keeps its terms and their order: results are bit for bit those of the one-at-a-time loop.
        // Unchecked references stay inside the arrays (bounds as in the indexed version).
        int w = _width, m = _m, q = _q, twoM = 2 * m;
        if (_length < 1) return;
        ref double th = ref MemoryMarshal.GetArrayDataReference(_th);
        ref double v = ref MemoryMarshal.GetArrayDataReference(_v);
        ref double maCov = ref MemoryMarshal.GetArrayDataReference(_maCov);
        v = Kappa(0, 0);
        for (int n = 1; n < _length; n++)
        {
            if (n >= twoM && q >= 4 && n + 3 < _length)
            {
                RowQuad(n);
                n += 3;
                continue;
            }
            if (n >= twoM && q >= 1 && n + 1 < _length)
            {
                RowPair(n);
                n++;
                continue;
            }
            int start = n >= m ? Math.Max(0, n - q) : 0;
            bool stationary = n >= twoM; // κ(n, k) = Σ θ_r θ_{r+h} (k ≥ n − q ≥ m there)
            // Row n of θ: th[n * w + lag], lag = n − j for the innovation at time j (always inside the row).
            ref double rowN = ref Unsafe.Add(ref th, n * w);
            int k = start;
            for (; k + 1 < n; k += 2)
            {
                int h0 = n - k, h1 = h0 - 1;
                double s0 = stationary ? Unsafe.Add(ref maCov, h0) : Kappa(n, k);
                double s1 = stationary ? Unsafe.Add(ref maCov, h1) : Kappa(n, k + 1);
                ref double rowK0 = ref Unsafe.Add(ref th, k * w);
                ref double rowK1 = ref Unsafe.Add(ref th, (k + 1) * w);
                for (int j = start; j < k; j++)
                {
                    double tn = Unsafe.Add(ref rowN, n - j), vj = Unsafe.Add(ref v, j);
                    s0 -= Unsafe.Add(ref rowK0, k - j) * tn * vj;
                    s1 -= Unsafe.Add(ref rowK1, k + 1 - j) * tn * vj;
                }
                double vk = Unsafe.Add(ref v, k);
                double t0 = s0 / vk;
                Unsafe.Add(ref rowN, h0) = t0;
                s1 -= Unsafe.Add(ref rowK1, 1) * t0 * vk;
                Unsafe.Add(ref rowN, h1) = s1 / Unsafe.Add(ref v, k + 1);
            }
            if (k < n)
            {
                int h = n - k;
                double s = stationary ? Unsafe.Add(ref maCov, h) : Kappa(n, k);
                ref double rowK = ref Unsafe.Add(ref th, k * w);
                for (int j = start; j < k; j++)
                    s -= Unsafe.Add(ref rowK, k - j) * Unsafe.Add(ref rowN, n - j) * Unsafe.Add(ref v, j);
                Unsafe.Add(ref rowN, h) = s / Unsafe.Add(ref v, k);
            }
            double vn = stationary ? Unsafe.Add(ref maCov, 0) : Kappa(n, n);
            for (int j = start; j < n; j++)
            {
                double t = Unsafe.Add(ref rowN, n - j);
                vn -= t * t * Unsafe.Add(ref v, j);
            }
            Unsafe.Add(ref v, n) = vn;
        }
    }

    /// <summary>
    /// Rows n and n + 1 of the recursions where κ is the MA covariance (n ≥ 2m, band q ≥ 1). Row n + 1 needs row
    /// n only for its last element, so the two rows' chains advance side by side, each with its own terms in its
    /// own order (bit for bit the row-by-row results).
    /// </summary>
    private void RowPair(int n)
    {
        int w = _width, q = _q, n1 = n + 1, start = n - q;
        ref double th = ref MemoryMarshal.GetArrayDataReference(_th);
        ref double v = ref MemoryMarshal.GetArrayDataReference(_v);
        ref double maCov = ref MemoryMarshal.GetArrayDataReference(_maCov);
        ref double rowN = ref Unsafe.Add(ref th, n * w);
        ref double rowN1 = ref Unsafe.Add(ref th, n1 * w);
        double vStart = Unsafe.Add(ref v, start);
        // Row n's first element has no terms.
        Unsafe.Add(ref rowN, q) = Unsafe.Add(ref maCov, q) / vStart;
        double first = Unsafe.Add(ref rowN, q);
        for (int k = start + 1; k < n; k++)
        {
            ref double rowK = ref Unsafe.Add(ref th, k * w);
            double s0 = Unsafe.Add(ref maCov, n - k), s1 = Unsafe.Add(ref maCov, n1 - k);
            s0 -= Unsafe.Add(ref rowK, k - start) * first * vStart;
            for (int j = start + 1; j < k; j++)
            {
                double c = Unsafe.Add(ref rowK, k - j), vj = Unsafe.Add(ref v, j);
                s0 -= c * Unsafe.Add(ref rowN, n - j) * vj;
                s1 -= c * Unsafe.Add(ref rowN1, n1 - j) * vj;
            }
            double vk = Unsafe.Add(ref v, k);
            Unsafe.Add(ref rowN, n - k) = s0 / vk;
            Unsafe.Add(ref rowN1, n1 - k) = s1 / vk;
        }
        // v_n, and row n + 1's element at k = n (whose weights are row n).
        double vn = Unsafe.Add(ref maCov, 0), sLast = Unsafe.Add(ref maCov, 1);
        vn -= first * first * vStart;
        for (int j = start + 1; j < n; j++)
        {
            double t = Unsafe.Add(ref rowN, n - j), vj = Unsafe.Add(ref v, j);
            vn -= t * t * vj;
            sLast -= t * Unsafe.Add(ref rowN1, n1 - j) * vj;
        }
        Unsafe.Add(ref v, n) = vn;
        Unsafe.Add(ref rowN1, 1) = sLast / vn;
        double vn1 = Unsafe.Add(ref maCov, 0);
        for (int j = start + 1; j <= n; j++)
        {
            double t = Unsafe.Add(ref rowN1, n1 - j);
            vn1 -= t * t * Unsafe.Add(ref v, j);
        }
        Unsafe.Add(ref v, n1) = vn1;
    }

    /// <summary>
    /// Rows n … n + 3 of the recursions where κ is the MA covariance (n ≥ 2m, band q ≥ 4): as <see cref="RowPair"/>
    /// with four chains side by side. Row n + i starts at innovation n − q + i and needs the rows before it only
    /// for its last i elements, so the elements of the four rows at each earlier innovation are computed together,
    /// then the last elements and the variances in row order. Each chain keeps its terms and their order: bit for
    /// bit the row-by-row results.
    /// </summary>
    private void RowQuad(int n)
    {
        int w = _width, q = _q, start = n - q;
        ref double th = ref MemoryMarshal.GetArrayDataReference(_th);
        ref double v = ref MemoryMarshal.GetArrayDataReference(_v);
        ref double maCov = ref MemoryMarshal.GetArrayDataReference(_maCov);
        ref double r0 = ref Unsafe.Add(ref th, n * w);
        ref double r1 = ref Unsafe.Add(ref th, (n + 1) * w);
        ref double r2 = ref Unsafe.Add(ref th, (n + 2) * w);
        ref double r3 = ref Unsafe.Add(ref th, (n + 3) * w);
        // Elements at the innovations k < n (rows k complete). Row n + i holds innovation k at lag n + i − k.
        for (int k = start; k < start + 3; k++)
        {
            // Only rows n … n + (k − start) reach back to k: each on its own, as the one-row loop.
            ref double rowK = ref Unsafe.Add(ref th, k * w);
            for (int i = 0; i <= k - start; i++)
            {
                int r = n + i;
                ref double rowR = ref Unsafe.Add(ref th, r * w);
                double s = Unsafe.Add(ref maCov, r - k);
                for (int j = start + i; j < k; j++)
                    s -= Unsafe.Add(ref rowK, k - j) * Unsafe.Add(ref rowR, r - j) * Unsafe.Add(ref v, j);
                Unsafe.Add(ref rowR, r - k) = s / Unsafe.Add(ref v, k);
            }
        }
        double v0 = Unsafe.Add(ref v, start), v1 = Unsafe.Add(ref v, start + 1), v2 = Unsafe.Add(ref v, start + 2);
        nint o1 = w + 1, o2 = 2 * o1, o3 = 3 * o1;
        for (int k = start + 3; k < n; k++)
        {
            ref double rowK = ref Unsafe.Add(ref th, k * w);
            double s0 = Unsafe.Add(ref maCov, n - k), s1 = Unsafe.Add(ref maCov, n + 1 - k);
            double s2 = Unsafe.Add(ref maCov, n + 2 - k), s3 = Unsafe.Add(ref maCov, n + 3 - k);
            // The first three innovations belong to fewer rows' bands.
            double c = Unsafe.Add(ref rowK, k - start);
            s0 -= c * Unsafe.Add(ref r0, q) * v0;
            c = Unsafe.Add(ref rowK, k - start - 1);
            s0 -= c * Unsafe.Add(ref r0, q - 1) * v1;
            s1 -= c * Unsafe.Add(ref r1, q) * v1;
            c = Unsafe.Add(ref rowK, k - start - 2);
            s0 -= c * Unsafe.Add(ref r0, q - 2) * v2;
            s1 -= c * Unsafe.Add(ref r1, q - 1) * v2;
            s2 -= c * Unsafe.Add(ref r2, q) * v2;
            // Walking references instead of indices (the loop is short and its index arithmetic was half its
            // instructions): row k backwards from lag k − j, v forwards from j, row n backwards from lag n − j;
            // rows n + 1 … n + 3 sit w + 1, 2(w + 1), 3(w + 1) further than row n's element (one row on, one lag on).
            ref double pk = ref Unsafe.Add(ref rowK, k - start - 3);
            ref double pv = ref Unsafe.Add(ref v, start + 3);
            ref double p0 = ref Unsafe.Add(ref r0, q - 3);
            for (int count = k - start - 3; count > 0; count--)
            {
                double cj = pk, vj = pv;
                s0 -= cj * p0 * vj;
                s1 -= cj * Unsafe.Add(ref p0, o1) * vj;
                s2 -= cj * Unsafe.Add(ref p0, o2) * vj;
                s3 -= cj * Unsafe.Add(ref p0, o3) * vj;
                pk = ref Unsafe.Add(ref pk, -1);
                pv = ref Unsafe.Add(ref pv, 1);
                p0 = ref Unsafe.Add(ref p0, -1);
            }
            double vk = Unsafe.Add(ref v, k);
            int h = n - k;
            Unsafe.Add(ref r0, h) = s0 / vk;
            Unsafe.Add(ref r1, h + 1) = s1 / vk;
            Unsafe.Add(ref r2, h + 2) = s2 / vk;
            Unsafe.Add(ref r3, h + 3) = s3 / vk;
        }
        // v_n, and rows n + 1 … n + 3 at innovation n (whose weights are row n).
        {
            double vn = Unsafe.Add(ref maCov, 0), a1 = Unsafe.Add(ref maCov, 1);
            double a2 = Unsafe.Add(ref maCov, 2), a3 = Unsafe.Add(ref maCov, 3);
            double t = Unsafe.Add(ref r0, q);
            vn -= t * t * v0;
            t = Unsafe.Add(ref r0, q - 1);
            vn -= t * t * v1;
            a1 -= t * Unsafe.Add(ref r1, q) * v1;
            t = Unsafe.Add(ref r0, q - 2);
            vn -= t * t * v2;
            a1 -= t * Unsafe.Add(ref r1, q - 1) * v2;
            a2 -= t * Unsafe.Add(ref r2, q) * v2;
            for (int j = start + 3; j < n; j++)
            {
                int lag = n - j;
                double tj = Unsafe.Add(ref r0, lag), vj = Unsafe.Add(ref v, j);
                vn -= tj * tj * vj;
                a1 -= tj * Unsafe.Add(ref r1, lag + 1) * vj;
                a2 -= tj * Unsafe.Add(ref r2, lag + 2) * vj;
                a3 -= tj * Unsafe.Add(ref r3, lag + 3) * vj;
            }
            Unsafe.Add(ref v, n) = vn;
            Unsafe.Add(ref r1, 1) = a1 / vn;
            Unsafe.Add(ref r2, 2) = a2 / vn;
            Unsafe.Add(ref r3, 3) = a3 / vn;
        }
        // v_{n+1}, and rows n + 2, n + 3 at innovation n + 1 (weights: row n + 1).
        {
            double vn = Unsafe.Add(ref maCov, 0), a2 = Unsafe.Add(ref maCov, 1), a3 = Unsafe.Add(ref maCov, 2);
            double t = Unsafe.Add(ref r1, q);
            vn -= t * t * v1;
            t = Unsafe.Add(ref r1, q - 1);
            vn -= t * t * v2;
            a2 -= t * Unsafe.Add(ref r2, q) * v2;
            for (int j = start + 3; j <= n; j++)
            {
                int lag = n + 1 - j;
                double tj = Unsafe.Add(ref r1, lag), vj = Unsafe.Add(ref v, j);
                vn -= tj * tj * vj;
                a2 -= tj * Unsafe.Add(ref r2, lag + 1) * vj;
                a3 -= tj * Unsafe.Add(ref r3, lag + 2) * vj;
            }
            Unsafe.Add(ref v, n + 1) = vn;
            Unsafe.Add(ref r2, 1) = a2 / vn;
            Unsafe.Add(ref r3, 2) = a3 / vn;
        }
        // v_{n+2}, and row n + 3 at innovation n + 2 (weights: row n + 2).
        {
            double vn = Unsafe.Add(ref maCov, 0), a3 = Unsafe.Add(ref maCov, 1);
            double t = Unsafe.Add(ref r2, q);
            vn -= t * t * v2;
            for (int j = start + 3; j <= n + 1; j++)
            {
                int lag = n + 2 - j;
                double tj = Unsafe.Add(ref r2, lag), vj = Unsafe.Add(ref v, j);
                vn -= tj * tj * vj;
                a3 -= tj * Unsafe.Add(ref r3, lag + 1) * vj;
            }
            Unsafe.Add(ref v, n + 2) = vn;
            Unsafe.Add(ref r3, 1) = a3 / vn;
        }
        {
            double vn = Unsafe.Add(ref maCov, 0);
            for (int j = start + 3; j <= n + 2; j++)
            {
                double tj = Unsafe.Add(ref r3, n + 3 - j);
                vn -= tj * tj * Unsafe.Add(ref v, j);
            }
            Unsafe.Add(ref v, n + 3) = vn;
        }
    }

    /// <summary>
    /// Innovations u_t = x_t − x̂_t of a series (length ≤ <see cref="Length"/>) divided by √v_t: uncorrelated with
    /// variance σ² under the model. <paramref name="innovations"/> receives the unscaled u_t.
    /// </summary>
    public void Filter(ReadOnlySpan<double> x, Span<double> innovations, Span<double> standardized)
    {
        int n = x.Length, m = _m, p = _p, q = _q, w = _width;
        if (innovations.Length < n || standardized.Length < n || n > _length)
            throw new ArgumentException("the output spans must hold the series, and the filter be prepared for its length");
        // Leading zeros (outlier regressors) filter to zeros: start at the first non-zero value.
        int first = 0;
        while (first < n && x[first] == 0) first++;
        innovations[..first].Clear();
        standardized[..first].Clear();
        // Unchecked references (bounds checked above); same arithmetic in the same order as indexed loops.
        ref double th = ref MemoryMarshal.GetArrayDataReference(_th);
        ref double phi = ref MemoryMarshal.GetArrayDataReference(_phi);
        ref double invSqrtV = ref MemoryMarshal.GetArrayDataReference(_invSqrtV);
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double u = ref MemoryMarshal.GetReference(innovations);
        ref double z = ref MemoryMarshal.GetReference(standardized);
        for (int t = first; t < n; t++)
        {
            double pred = 0;
            int jmax;
            if (t >= m)
            {
                for (int i = 1; i <= p; i++) pred += Unsafe.Add(ref phi, i - 1) * Unsafe.Add(ref xs, t - i);
                jmax = Math.Min(q, t);
            }
            else jmax = t;
            ref double row = ref Unsafe.Add(ref th, t * w);
            for (int j = 1; j <= jmax; j++) pred += Unsafe.Add(ref row, j) * Unsafe.Add(ref u, t - j);
            double ut = Unsafe.Add(ref xs, t) - pred;
            Unsafe.Add(ref u, t) = ut;
            Unsafe.Add(ref z, t) = ut * Unsafe.Add(ref invSqrtV, t);
        }
    }

    /// <summary>Series filtered at once by <see cref="FilterEight"/>.</summary>
    public const int Lanes = 8;

    /// <summary>
    /// <see cref="Filter"/>'s standardized innovations of eight series of length <paramref name="n"/> at once, stored
    /// interleaved (value t of series s at [8t + s]), from index <paramref name="first"/> on (every series zero
    /// before it). Each series' arithmetic is Filter's, term for term, four series to a SIMD register: a series'
    /// results are bit for bit what Filter gives it (leading zeros filter to zeros in both). The whitening of the
    /// outlier candidates, thousands of series per pass, runs here.
    /// </summary>
    public void FilterEight(ReadOnlySpan<double> x, Span<double> innovations, Span<double> standardized, int n, int first)
    {
        int m = _m, p = _p, q = _q, w = _width;
        if (x.Length < Lanes * n || innovations.Length < Lanes * n || standardized.Length < Lanes * n || n > _length || first < 0)
            throw new ArgumentException("the spans must hold eight interleaved series, and the filter be prepared for their length");
        ref double th = ref MemoryMarshal.GetArrayDataReference(_th);
        ref double phi = ref MemoryMarshal.GetArrayDataReference(_phi);
        ref double invSqrtV = ref MemoryMarshal.GetArrayDataReference(_invSqrtV);
        ref double xs = ref MemoryMarshal.GetReference(x);
        ref double u = ref MemoryMarshal.GetReference(innovations);
        ref double z = ref MemoryMarshal.GetReference(standardized);
        for (int t = first; t < n; t++)
        {
            var pa = Vector256<double>.Zero;
            var pb = Vector256<double>.Zero;
            int jmax;
            if (t >= m)
            {
                // Values before `first` are zeros and are not read either (a zero term leaves a sum as it is).
                int imax = Math.Min(p, t - first);
                for (int i = 1; i <= imax; i++)
                {
                    var f = Vector256.Create(Unsafe.Add(ref phi, i - 1));
                    nuint at = (nuint)((t - i) * Lanes);
                    pa += f * Vector256.LoadUnsafe(ref xs, at);
                    pb += f * Vector256.LoadUnsafe(ref xs, at + 4);
                }
                jmax = Math.Min(q, t);
            }
            else jmax = t;
            jmax = Math.Min(jmax, t - first);
            ref double row = ref Unsafe.Add(ref th, t * w);
            for (int j = 1; j <= jmax; j++)
            {
                var c = Vector256.Create(Unsafe.Add(ref row, j));
                nuint at = (nuint)((t - j) * Lanes);
                pa += c * Vector256.LoadUnsafe(ref u, at);
                pb += c * Vector256.LoadUnsafe(ref u, at + 4);
            }
            nuint here = (nuint)(t * Lanes);
            var s = Vector256.Create(Unsafe.Add(ref invSqrtV, t));
            var ua = Vector256.LoadUnsafe(ref xs, here) - pa;
            var ub = Vector256.LoadUnsafe(ref xs, here + 4) - pb;
            ua.StoreUnsafe(ref u, here);
            ub.StoreUnsafe(ref u, here + 4);
            (ua * s).StoreUnsafe(ref z, here);
            (ub * s).StoreUnsafe(ref z, here + 4);
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
