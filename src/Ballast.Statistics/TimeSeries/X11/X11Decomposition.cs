namespace Ballast.Statistics.TimeSeries.X11;

/// <summary>
/// The X-11 seasonal decomposition (tables B, C, D) as X-13ARIMA-SEATS computes it
/// (docs/methodology/x11.md; Ladiray &amp; Quenneville 2001; X-13ARIMA-SEATS reference manual, x11 spec).
/// </summary>
public static class X11Decomposition
{
    /// <summary>
    /// Decomposes the prior-adjusted series B1, already extended with <paramref name="forecastCount"/> forecasts
    /// (X-13 extends it with a year of regARIMA forecasts). <paramref name="startMonth"/> is the calendar month
    /// (1..12) of the first value. The result covers the observed span only (length − forecastCount).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 3 years observed, a missing or non-finite value, or a
    /// non-positive value in multiplicative mode.</exception>
    public static X11Result Decompose(ReadOnlySpan<double> priorAdjustedExtended, int startMonth, int forecastCount, X11Options? options = null)
    {
        options ??= X11Options.Default;
        if (startMonth is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(startMonth), "the start month must be 1..12");
        if (forecastCount < 0 || forecastCount >= priorAdjustedExtended.Length)
            throw new ArgumentOutOfRangeException(nameof(forecastCount), "the forecast count must be between 0 and the series length");
        int observed = priorAdjustedExtended.Length - forecastCount;
        if (observed < 36) throw new ArgumentException("X-11 needs at least 3 years of observations", nameof(priorAdjustedExtended));
        for (int i = 0; i < priorAdjustedExtended.Length; i++)
        {
            double v = priorAdjustedExtended[i];
            if (!double.IsFinite(v)) throw new ArgumentException($"value {i} is missing or not finite; fill it before X-11", nameof(priorAdjustedExtended));
            if (options.Mode == X11Mode.Multiplicative && v <= 0)
                throw new ArgumentException($"value {i} is not positive; a multiplicative decomposition needs positive values", nameof(priorAdjustedExtended));
        }
        if (options.HendersonLength is { } h && (h < 3 || h > 101 || h % 2 == 0))
            throw new ArgumentOutOfRangeException(nameof(options), "the Henderson length must be odd, 3..101");
        if (!(options.LowerSigma > 0 && options.UpperSigma > options.LowerSigma))
            throw new ArgumentOutOfRangeException(nameof(options), "the sigma limits must satisfy 0 < lower < upper");
        return new X11Engine(priorAdjustedExtended, startMonth, forecastCount, options).Run();
    }

    /// <summary>
    /// Decomposes a prior-adjusted monthly series whose last <paramref name="forecastCount"/> values are forecasts.
    /// </summary>
    public static X11Result Decompose(MonthlySeries priorAdjustedExtended, int forecastCount, X11Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(priorAdjustedExtended);
        return Decompose(priorAdjustedExtended.Values, priorAdjustedExtended.Start.Month, forecastCount, options);
    }
}
