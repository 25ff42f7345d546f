using System.Numerics;
using System.Runtime.InteropServices;

namespace Ballast.Statistics.TimeSeries.RegArima;

/// <summary>SIMD dot product and axpy for the GLS inner loops.</summary>
internal static class VectorOps
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, i = 0;
        double s = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..n]);
            var acc = Vector<double>.Zero;
            for (int v = 0; v < va.Length; v++) acc += va[v] * vb[v];
            s = Vector.Sum(acc);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < n; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>y −= s·x.</summary>
    public static void SubtractScaled(double s, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
            var vs = new Vector<double>(s);
            for (int v = 0; v < vx.Length; v++) vy[v] -= vs * vx[v];
            i = vx.Length * Vector<double>.Count;
        }
        for (; i < n; i++) y[i] -= s * x[i];
    }
}
