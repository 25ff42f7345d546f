namespace Ballast.Statistics.TimeSeries.X11;

/// <summary>How X-11 combines the components (docs/methodology/x11.md §1).</summary>
public enum X11Mode
{
    /// <summary>Series = trend × seasonal × irregular (X-13 mode=mult, used when the series is log-transformed).</summary>
    Multiplicative,
    /// <summary>Series = trend + seasonal + irregular (X-13 mode=add, used with no transformation).</summary>
    Additive,
}

/// <summary>
/// Options of the X-11 decomposition; the defaults are X-13ARIMA-SEATS's x11{} defaults
/// (docs/methodology/x11.md §4).
/// </summary>
public sealed record X11Options
{
    /// <summary>Multiplicative (default) or additive decomposition.</summary>
    public X11Mode Mode { get; init; } = X11Mode.Multiplicative;

    /// <summary>The seasonal filter for every month and every stage; null (default) = X-13's automatic choice
    /// by the global moving seasonality ratio (seasonalma=msr).</summary>
    public SeasonalFilter? SeasonalFilter { get; init; }

    /// <summary>The Henderson length (odd, 3..101); null (default) = X-13's automatic choice by the I/C ratio.</summary>
    public int? HendersonLength { get; init; }

    /// <summary>Lower sigma limit of the extreme-value weighting (default 1.5).</summary>
    public double LowerSigma { get; init; } = 1.5;

    /// <summary>Upper sigma limit of the extreme-value weighting (default 2.5).</summary>
    public double UpperSigma { get; init; } = 2.5;

    /// <summary>X-11's default options.</summary>
    public static X11Options Default { get; } = new();
}
