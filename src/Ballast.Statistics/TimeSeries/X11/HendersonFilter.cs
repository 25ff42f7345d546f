namespace Ballast.Statistics.TimeSeries.X11;

/// <summary>
/// Henderson trend filters of any odd length, with the Musgrave asymmetric end weights X-11 uses
/// (docs/methodology/x11.md §2; Ladiray &amp; Quenneville 2001, §3.3 and §3.4).
/// </summary>
public static class HendersonFilter
{
    /// <summary>
    /// The symmetric weights w(-m..m) of the Henderson filter of <paramref name="length"/> = 2m+1 terms,
    /// from Henderson's closed formula (the weights that minimise the sum of squared third differences).
    /// </summary>
    public static double[] SymmetricWeights(int length)
    {
        CheckLength(length);
        var half = HalfWeights(length);
        int m = length / 2;
        var w = new double[length];
        for (int i = 0; i <= m; i++)
        {
            w[m + i] = half[i];
            w[m - i] = half[i];
        }
        return w;
    }

    /// <summary>
    /// The asymmetric Musgrave surrogate weights used when only <paramref name="available"/> points
    /// (the target and the points before it, or by symmetry after it) are known;
    /// <paramref name="icRatio"/> is the I/C ratio the end weights assume (X-11: 1.0 for 9 terms,
    /// 3.5 for 13 terms, 4.5 for 23 terms). Element 0 applies to the oldest point, the last element to the
    /// target point itself when <paramref name="available"/> = m + 1.
    /// </summary>
    public static double[] EndWeights(int length, int available, double icRatio)
    {
        CheckLength(length);
        if (available <= length / 2 || available >= length)
            throw new ArgumentOutOfRangeException(nameof(available), "available points must lie between m+1 and 2m for a 2m+1-term filter");
        double beta = 4.0 / (icRatio * icRatio * Math.PI);
        return Musgrave(SymmetricWeights(length), available, beta);
    }

    internal static double[] HalfWeights(int length)
    {
        // Henderson's formula with n = (length+3)/2 (Ladiray & Quenneville 2001, eq. 3.11).
        double y = (length + 3) / 2;
        int m = (length + 1) / 2;
        double y1 = (y - 1) * (y - 1), y2 = y * y, y3 = (y + 1) * (y + 1), y4 = 3 * y2 - 16, y5 = 4 * y2;
        double denominator = 8 * y * (y2 - 1) * (y5 - 1) * (y5 - 9) * (y5 - 25) / 315;
        var w = new double[m];
        for (int i = 0; i < m; i++)
        {
            double x = (double)i * i;
            w[i] = (y1 - x) * (y2 - x) * (y3 - x) * (y4 - 11 * x) / denominator;
        }
        return w;
    }

    /// <summary>
    /// Musgrave's surrogate: the first <paramref name="kept"/> weights of the symmetric filter, plus an equal
    /// share of the dropped weights, plus a linear correction scaled by beta = 4/(π·(I/C)²).
    /// </summary>
    internal static double[] Musgrave(double[] symmetric, int kept, double beta)
    {
        int n = symmetric.Length;
        double u1 = 0, u2 = 0;
        for (int j = kept + 1; j <= n; j++)
        {
            u1 += symmetric[j - 1];
            u2 += (j - (kept + 1) / 2.0) * symmetric[j - 1];
        }
        double c2 = 1 + (kept * (kept - 1.0) * (kept + 1.0) / 12.0) * beta;
        var w = new double[kept];
        for (int i = 1; i <= kept; i++)
        {
            double c1 = (i - (kept + 1) / 2.0) * beta;
            w[i - 1] = symmetric[i - 1] + u1 / kept + u2 * (c1 / c2);
        }
        return w;
    }

    /// <summary>
    /// Smooths <paramref name="x"/> over positions [first, last] (inclusive) with the
    /// <paramref name="length"/>-term Henderson filter; the m points at each end get the Musgrave weights.
    /// </summary>
    internal static void Smooth(double[] x, double[] trend, int first, int last, int length, double icRatio)
    {
        SmoothCentre(x, trend, first, last, length);
        SmoothEnds(x, trend, first, last, length, icRatio);
    }

    internal static void SmoothCentre(double[] x, double[] trend, int first, int last, int length)
    {
        var half = HalfWeights(length);
        int m = length / 2;
        for (int t = first + m; t <= last - m; t++)
        {
            double s = half[0] * x[t];
            for (int i = 1; i <= m; i++) s += half[i] * (x[t - i] + x[t + i]);
            trend[t] = s;
        }
    }

    internal static void SmoothEnds(double[] x, double[] trend, int first, int last, int length, double icRatio)
    {
        var symmetric = SymmetricWeights(length);
        double beta = 4.0 / (icRatio * icRatio * Math.PI);
        int m = length / 2;
        for (int i = 1; i <= m; i++)
        {
            int kept = m + i; // points available for the i-th point from an end
            var w = Musgrave(symmetric, kept, beta);
            double head = 0, tail = 0;
            for (int j = 1; j <= kept; j++)
            {
                head += w[kept - j] * x[first + j - 1];
                tail += w[kept - j] * x[last - j + 1];
            }
            trend[first + i - 1] = head;
            trend[last - i + 1] = tail;
        }
    }

    private static void CheckLength(int length)
    {
        if (length < 3 || length % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(length), "a Henderson filter has an odd number of terms, at least 3");
    }
}
