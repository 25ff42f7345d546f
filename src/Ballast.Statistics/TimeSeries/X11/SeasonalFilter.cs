namespace Ballast.Statistics.TimeSeries.X11;

/// <summary>The seasonal moving averages X-11 applies to each calendar month's SI ratios.</summary>
public enum SeasonalFilter
{
    /// <summary>3x1 moving average (X-13 option s3x1).</summary>
    S3x1,
    /// <summary>3x3 moving average.</summary>
    S3x3,
    /// <summary>3x5 moving average.</summary>
    S3x5,
    /// <summary>3x9 moving average.</summary>
    S3x9,
    /// <summary>3x15 moving average (stable when a month has fewer than 20 values).</summary>
    S3x15,
    /// <summary>The mean of all values of the month.</summary>
    Stable,
}

/// <summary>
/// Seasonal moving averages with X-11's end weights (docs/methodology/x11.md §3;
/// Ladiray &amp; Quenneville 2001, §3.2 and appendix; the X-13ARIMA-SEATS reference manual, x11 spec).
/// </summary>
public static class SeasonalFilters
{
    // End weights of the 3x9 filter for the first 5 points (6, 7, 8, 9, 10 available values).
    private static readonly double[] EndWeights3x9 =
    [
        0.246, 0.221, 0.197, 0.173, 0.112, 0.051,
        0.208, 0.192, 0.176, 0.160, 0.144, 0.092, 0.028,
        0.173, 0.163, 0.154, 0.143, 0.133, 0.123, 0.079, 0.032,
        0.141, 0.137, 0.132, 0.128, 0.123, 0.117, 0.113, 0.075, 0.034,
        0.084, 0.120, 0.118, 0.117, 0.116, 0.114, 0.113, 0.111, 0.073, 0.034,
    ];

    // End weights of the 3x15 filter for the first 8 points (9 .. 16 available values).
    private static readonly double[] EndWeights3x15 =
    [
        .16000, .16000, .16000, .16000, .16000, .06667, .06667, .04444, .02222,
        .14667, .14667, .14667, .14667, .14667, .06667, .06667, .06667, .04444, .02220,
        .13333, .13333, .13333, .13333, .13333, .06667, .06667, .06667, .06667, .04444, .02223,
        .12000, .12000, .12000, .12000, .12000, .06667, .06667, .06667, .06667, .06667, .04444, .02221,
        .10667, .10667, .10667, .10667, .10667, .06667, .06667, .06667, .06667, .06667, .06667, .04444, .02219,
        .09333, .09333, .09333, .09333, .09333, .06667, .06667, .06667, .06667, .06667, .06667, .06667, .04444, .02222,
        .08000, .08000, .08000, .08000, .08000, .06667, .06667, .06667, .06667, .06667, .06667, .06667, .06667, .04444, .02220,
        .04889, .07111, .07111, .07111, .07111, .06667, .06667, .06667, .06667, .06667, .06667, .06667, .06667, .06667, .04444, .02220,
    ];

    /// <summary>
    /// Smooths one calendar month's values (in time order) with <paramref name="filter"/>, X-11 end weights
    /// at both ends. Needs at least 3 values (4 for 3x5 and wider filters; fewer falls back to the mean).
    /// </summary>
    public static double[] Smooth(ReadOnlySpan<double> values, SeasonalFilter filter)
    {
        int k = values.Length;
        if (k == 0) return [];
        var s = values;
        var a = new double[k];
        switch (filter)
        {
            case SeasonalFilter.S3x3 when k >= 3:
                Centre(s, a, 3, 3);
                a[0] = (11 * (s[0] + s[1]) + 5 * s[2]) / 27;
                a[k - 1] = (11 * (s[k - 1] + s[k - 2]) + 5 * s[k - 3]) / 27;
                if (k == 3) a[1] = (s[0] + s[1] + s[2]) / 3;
                else
                {
                    a[1] = (0.7 * (s[0] + s[2]) + s[1] + 0.3 * s[3]) / 2.7;
                    a[k - 2] = (0.7 * (s[k - 1] + s[k - 3]) + s[k - 2] + 0.3 * s[k - 4]) / 2.7;
                }
                break;
            case SeasonalFilter.S3x5 when k >= 4:
                Centre(s, a, 3, 5);
                a[0] = (17 * (s[0] + s[1] + s[2]) + 9 * s[3]) / 60;
                a[k - 1] = (17 * (s[k - 1] + s[k - 2] + s[k - 3]) + 9 * s[k - 4]) / 60;
                if (k == 4)
                {
                    a[1] = a[2] = (s[0] + s[1] + s[2] + s[3]) / 4;
                }
                else
                {
                    a[1] = (15 * (s[0] + s[1] + s[2]) + 11 * s[3] + 4 * s[4]) / 60;
                    a[k - 2] = (15 * (s[k - 1] + s[k - 2] + s[k - 3]) + 11 * s[k - 4] + 4 * s[k - 5]) / 60;
                }
                if (k == 5) a[2] = (s[0] + s[1] + s[2] + s[3] + s[4]) / 5;
                else if (k > 5)
                {
                    a[2] = (9 * s[0] + 13 * (s[1] + s[2] + s[3]) + 8 * s[4] + 4 * s[5]) / 60;
                    a[k - 3] = (9 * s[k - 1] + 13 * (s[k - 2] + s[k - 3] + s[k - 4]) + 8 * s[k - 5] + 4 * s[k - 6]) / 60;
                }
                break;
            case SeasonalFilter.S3x9:
                Centre(s, a, 3, 9);
                TabulatedEnds(s, a, EndWeights3x9, 5);
                break;
            case SeasonalFilter.S3x15 when k >= 20:
                Centre(s, a, 3, 15);
                TabulatedEnds(s, a, EndWeights3x15, 8);
                break;
            case SeasonalFilter.S3x1 when k >= 2:
                Centre(s, a, 1, 3);
                a[0] = 0.61 * s[0] + 0.39 * s[1];
                a[k - 1] = 0.61 * s[k - 1] + 0.39 * s[k - 2];
                break;
            default:
                double mean = 0;
                foreach (var v in s) mean += v;
                mean /= k;
                Array.Fill(a, mean);
                break;
        }
        return a;
    }

    /// <summary>The symmetric weights of the p x q seasonal filter (p·q combined terms), e.g. 3x3 → 1,2,3,2,1 / 9.</summary>
    public static double[] SymmetricWeights(int p, int q)
    {
        var w = new double[p + q - 1];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < q; j++)
                w[i + j] += 1.0 / (p * q);
        return w;
    }

    /// <summary>p x q composite moving average at every position where it is fully defined.</summary>
    internal static void Centre(ReadOnlySpan<double> s, double[] a, int p, int q)
    {
        int half = (p + q) / 2 - 1;
        double n = p * q;
        for (int t = half; t < s.Length - half; t++)
        {
            double sum = 0;
            int i1 = t - half;
            for (int i = i1; i < i1 + p; i++)
                for (int j = i; j < i + q; j++)
                    sum += s[j];
            a[t] = sum / n;
        }
    }

    // The tabulated end weights run in blocks: for end point jj (1-based) jj+nEnd values are used.
    private static void TabulatedEnds(ReadOnlySpan<double> s, double[] a, double[] table, int nEnd)
    {
        int k = s.Length, offset = 0;
        for (int jj = 1; jj <= nEnd; jj++)
        {
            int head = jj - 1, tail = k - jj;
            if (head > tail) break;
            int used = jj + nEnd;
            if (used > k)
            {
                double mean = 0;
                foreach (var v in s) mean += v;
                a[head] = a[tail] = mean / k;
            }
            else
            {
                double h = 0, t = 0, sw = 0;
                for (int l = 0; l < used; l++)
                {
                    h += table[offset + l] * s[l];
                    t += table[offset + l] * s[k - 1 - l];
                    sw += table[offset + l];
                }
                a[head] = h / sw;
                a[tail] = t / sw;
            }
            offset += used;
        }
    }
}
