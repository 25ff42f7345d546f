using Ballast.Statistics.TimeSeries.RegArima;

namespace Ballast.Statistics.Tests.TimeSeries.RegArima;

public sealed class ArmaInnovationsTests
{
    [Fact]
    public void Ar1_MatchesClosedFormExactLikelihood()
    {
        // Exact AR(1) likelihood (σ² = 1), φ = 0.5: x_1 ~ N(0, 1/(1 − φ²)), then x_t − φ x_{t−1} ~ N(0, 1).
        // x = (1, 2, −1): v = (1/0.75, 1, 1); innovations (1, 2 − 0.5·1, −1 − 0.5·2) = (1, 1.5, −2);
        // Σ u²/v = 0.75 + 2.25 + 4 = 7; log-determinant = log(4/3).
        var arma = new ArmaInnovations();
        Assert.True(arma.Prepare([0.5], [], 3));
        double[] x = [1, 2, -1];
        var u = new double[3];
        var e = new double[3];
        arma.Filter(x, u, e);
        Assert.Equal(new[] { 1.0, 1.5, -2.0 }, u);
        Assert.Equal(4.0 / 3, arma.Variances[0], 12);
        Assert.Equal(1.0, arma.Variances[1], 12);
        Assert.Equal(1.0, arma.Variances[2], 12);
        Assert.Equal(7.0, e.Sum(v => v * v), 12);
        Assert.Equal(Math.Log(4.0 / 3), arma.LogDeterminant(3), 12);
    }

    [Fact]
    public void Ma1_InnovationVariancesByHand()
    {
        // MA(1), x_t = z_t + 0.5 z_{t−1}: γ(0) = 1.25, γ(1) = 0.5.
        // v_0 = 1.25; θ_11 = 0.5/1.25 = 0.4; v_1 = 1.25 − 0.4²·1.25 = 1.05;
        // θ_21 = 0.5/1.05; v_2 = 1.25 − (0.5/1.05)²·1.05 = 1.25 − 0.25/1.05 = 1.0119047619…
        var arma = new ArmaInnovations();
        Assert.True(arma.Prepare([], [0.5], 4));
        Assert.Equal(1.25, arma.Variances[0], 12);
        Assert.Equal(1.05, arma.Variances[1], 12);
        Assert.Equal(1.25 - 0.25 / 1.05, arma.Variances[2], 12);
        Assert.Equal(0.4, arma.Theta(1, 1), 12);
        Assert.Equal(0.5 / 1.05, arma.Theta(2, 1), 12);
        Assert.Equal(0.0, arma.Theta(2, 2), 12);
        // One-step prediction of x = (1, 0, ·): x̂_2 = 0.4·1 = 0.4, u_2 = −0.4; x̂_3 = (0.5/1.05)(−0.4).
        double[] x = [1, 0, 2];
        var u = new double[3];
        var e = new double[3];
        arma.Filter(x, u, e);
        Assert.Equal(-0.4, u[1], 12);
        Assert.Equal(2 + 0.5 / 1.05 * 0.4, u[2], 12);
    }

    [Fact]
    public void NonStationaryAr_IsRefused()
    {
        var arma = new ArmaInnovations();
        Assert.False(arma.Prepare([1.0], [], 5));
    }

    [Fact]
    public void Arma11_LongRunVariancesTendToOne()
    {
        // For an invertible model the innovation variances converge to σ² = 1.
        var arma = new ArmaInnovations();
        Assert.True(arma.Prepare([0.7], [0.4], 200));
        Assert.Equal(1.0, arma.Variances[199], 10);
        Assert.True(arma.Variances[0] > 1.0);
    }

    [Fact]
    public void FilterTranspose_IsTheAdjointOfFilter()
    {
        // For the whitening x = A w, (A w)'v = w'(A'v) for every w and v. Seasonal ARMA (p = 13, q = 13), 60
        // points, deterministic pseudo-random vectors.
        var arma = new ArmaInnovations();
        var phi = new double[13]; phi[0] = 0.4; phi[11] = 0.3; phi[12] = -0.12;     // (1 − 0.4B)(1 − 0.3B¹²)
        var theta = new double[13]; theta[0] = -0.5; theta[11] = -0.6; theta[12] = 0.3; // (1 − 0.5B)(1 − 0.6B¹²)
        Assert.True(arma.Prepare(phi, theta, 60));
        var w = new double[60];
        var v = new double[60];
        for (int t = 0; t < 60; t++) { w[t] = Math.Sin(0.7 * t + 1); v[t] = Math.Cos(1.3 * t) + 0.01 * t; }
        var x = new double[60];
        arma.Filter(w, new double[60], x);
        var atv = new double[60];
        arma.FilterTranspose(v, atv, new double[60]);
        double left = 0, right = 0;
        for (int t = 0; t < 60; t++) { left += x[t] * v[t]; right += w[t] * atv[t]; }
        Assert.Equal(left, right, 10);
        Assert.NotEqual(0.0, left, 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FilterEight_GivesEachSeriesExactlyWhatFilterGives(bool withAr)
    {
        // Eight series interleaved, as the outlier scan whitens its candidates (pulses and steps starting at
        // different months, one smooth series, one all zero), must each give bit for bit what Filter gives it.
        const int n = 50;
        var arma = new ArmaInnovations();
        var theta = new double[13];
        theta[0] = 0.4; theta[11] = 0.6; theta[12] = 0.24;
        Assert.True(arma.Prepare(withAr ? [0.3, -0.2] : [], theta, n));
        var series = new double[ArmaInnovations.Lanes][];
        for (int s = 0; s < series.Length; s++)
            series[s] = Enumerable.Range(0, n).Select(t => s switch
            {
                0 => Math.Sin(0.7 * t) + 0.01 * t,
                7 => 0.0,
                _ when s % 2 == 1 => t >= 10 + s ? 1.0 : 0.0,
                _ => t == 10 + s ? 1.0 : t == 22 + s ? -1.0 : 0.0,
            }).ToArray();
        const int first = 0;
        var x = new double[ArmaInnovations.Lanes * n];
        for (int t = 0; t < n; t++)
            for (int s = 0; s < series.Length; s++) x[t * ArmaInnovations.Lanes + s] = series[s][t];
        var u8 = new double[x.Length];
        var z8 = new double[x.Length];
        arma.FilterEight(x, u8, z8, n, first);
        // From a later start too: all but series 0 are zero before month 11.
        var x2 = (double[])x.Clone();
        for (int t = 0; t < n; t++) x2[t * ArmaInnovations.Lanes] = t >= 11 ? series[0][t] : 0.0;
        var u82 = new double[x.Length];
        var z82 = new double[x.Length];
        arma.FilterEight(x2, u82, z82, n, 11);
        for (int s = 0; s < series.Length; s++)
        {
            var u = new double[n];
            var z = new double[n];
            arma.Filter(series[s], u, z);
            for (int t = 0; t < n; t++)
            {
                Assert.Equal(u[t], u8[t * ArmaInnovations.Lanes + s]);
                Assert.Equal(z[t], z8[t * ArmaInnovations.Lanes + s]);
            }
            var later = s == 0 ? series[0].Select((v, t) => t >= 11 ? v : 0.0).ToArray() : series[s];
            arma.Filter(later, u, z);
            for (int t = 11; t < n; t++) Assert.Equal(z[t], z82[t * ArmaInnovations.Lanes + s]);
        }
        Assert.Contains(z8, v => v != 0);
    }

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(0, 2, false)]
    [InlineData(0, 3, false)]
    [InlineData(0, 4, false)]
    [InlineData(1, 5, false)]
    [InlineData(2, 13, false)]
    [InlineData(13, 13, false)]
    [InlineData(14, 14, false)]
    [InlineData(0, 13, true)]
    [InlineData(13, 13, true)]
    public void BandRows_AreBitForBitTheOneRowRecursion(int p, int q, bool airline)
    {
        // Beyond row 2m the recursions advance several rows at once (chains side by side). Recomputed here one row
        // at a time by the textbook recursion, θ_{n,n−k} = (κ(n − k) − Σ_{j<k} θ_{k,k−j} θ_{n,n−j} v_j) / v_k,
        // v_n = κ(0) − Σ θ_{n,n−j}² v_j, with κ the transformed process's MA covariance and the terms in the same
        // order, every θ and v must be the same double, for every length (all remainders of the blocks).
        var phi = Enumerable.Range(1, p).Select(i => 0.3 / i * (i % 2 == 0 ? -1 : 1)).ToArray();
        // The airline shape (1 + 0.45B)(1 + 0.7B¹²) has exact zeros between its lags, hence zeros in κ's band.
        var theta = Enumerable.Range(1, q).Select(j => j == 12 ? 0.7 : j == 1 ? 0.45 : j == 13 ? 0.315 : airline ? 0.0 : 0.05 / j).ToArray();
        int m = Math.Max(p, q);
        var kappa = new double[q + 1];
        double[] th0 = [1.0, .. theta];
        for (int h = 0; h <= q; h++)
            for (int r = 0; r + h <= q; r++) kappa[h] += th0[r] * th0[r + h];
        for (int length = 2 * m + 1; length <= 2 * m + 9; length++)
        {
            var arma = new ArmaInnovations();
            Assert.True(arma.Prepare(phi, theta, length));
            var t = new double[length, q + 1];
            var v = new double[length];
            for (int n = 0; n < 2 * m; n++)
            {
                v[n] = arma.Variances[n];
                for (int j = 1; j <= Math.Min(q, n); j++) t[n, j] = arma.Theta(n, j);
            }
            for (int n = 2 * m; n < length; n++)
            {
                int start = n - q;
                for (int k = start; k < n; k++)
                {
                    double s = kappa[n - k];
                    for (int j = start; j < k; j++) s -= t[k, k - j] * t[n, n - j] * v[j];
                    t[n, n - k] = s / v[k];
                }
                double vn = kappa[0];
                for (int j = start; j < n; j++) vn -= t[n, n - j] * t[n, n - j] * v[j];
                v[n] = vn;
            }
            for (int n = 2 * m; n < length; n++)
            {
                Assert.Equal(v[n], arma.Variances[n]);
                for (int j = 1; j <= q; j++) Assert.Equal(t[n, j], arma.Theta(n, j));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SeasonalMa_LongSeries_MatchesDenseCholeskyOfTheCovarianceMatrix(bool withAr)
    {
        // The airline model's MA part, (1 + 0.4B)(1 + 0.6B¹²) = 1 + 0.4B + 0.6B¹² + 0.24B¹³, on 240 observations
        // (and with an AR(1) φ = 0.5 in front): the exact likelihood's two parts, log|Γ| and x'Γ⁻¹x, recomputed
        // independently from the dense n × n covariance matrix by a plain Cholesky factorisation.
        const int n = 240;
        var theta = new double[13];
        theta[0] = 0.4;
        theta[11] = 0.6;
        theta[12] = 0.24;
        double[] phi = withAr ? [0.5] : [];
        // γ(h) = Σ ψ_j ψ_{j+h}, ψ the MA(∞) weights of θ(B)/φ(B) (0.5^3000 is far below rounding).
        var psi = new double[3000];
        for (int j = 0; j < psi.Length; j++)
        {
            double v = j == 0 ? 1.0 : j <= 13 ? theta[j - 1] : 0.0;
            if (withAr && j > 0) v += 0.5 * psi[j - 1];
            psi[j] = v;
        }
        var gamma = new double[n];
        for (int h = 0; h < n; h++)
            for (int j = 0; j + h < psi.Length; j++) gamma[h] += psi[j] * psi[j + h];
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = gamma[i - j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        var random = new Random(20261122);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var z = new double[n]; // L z = x
        for (int i = 0; i < n; i++)
        {
            double sum = x[i];
            for (int k = 0; k < i; k++) sum -= l[i, k] * z[k];
            z[i] = sum / l[i, i];
        }
        double logDet = 0, quadratic = 0;
        for (int i = 0; i < n; i++)
        {
            logDet += 2 * Math.Log(l[i, i]);
            quadratic += z[i] * z[i];
        }

        var arma = new ArmaInnovations();
        Assert.True(arma.Prepare(phi, theta, n));
        var u = new double[n];
        var e = new double[n];
        arma.Filter(x, u, e);
        Assert.Equal(logDet, arma.LogDeterminant(n), 1e-9 * Math.Abs(logDet) + 1e-9);
        Assert.Equal(quadratic, e.Sum(v => v * v), 1e-9 * quadratic);
    }
}
