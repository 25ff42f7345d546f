namespace Ballast.Web.Dashboard;

/// <summary>A figure as the page shows it: <see cref="Display"/> is the one-decimal text (or the flag C/E).</summary>
public sealed record FigureView(string Measure, double? Value, string Flag, string Display);

/// <summary>A release cell with its names, its figures and the ways it can be opened further.</summary>
public sealed record CellView(string Breakdown, string Cell, Name Name, IReadOnlyList<FigureView> Figures, IReadOnlyList<string> DrillBy);

/// <summary>A figure of the headline panel; <c>Adjusted</c> is the month's seasonally adjusted month-on-month growth
/// (<c>va_sa_mom</c>) when a vintage of the release is stored.</summary>
public sealed record HeadlineView(string Breakdown, string Cell, Name Name, FigureView Month, FigureView YearToDate, FigureView? Adjusted = null);

/// <summary>One line of the trend chart.</summary>
public sealed record TrendSeriesView(string Breakdown, string Cell, string Measure, Name Name, IReadOnlyList<FigureView> Points);

/// <summary>The trend chart: the release months, oldest first, and a line per headline cell and measure (with
/// <c>va_sa_mom</c> lines from the vintage <c>AdjustedVintage</c> when one is stored for the release).</summary>
public sealed record TrendView(IReadOnlyList<string> Months, IReadOnlyList<TrendSeriesView> Series, long? AdjustedVintage = null);

/// <summary>A key product: output, its growth and the capacity utilisation.</summary>
public sealed record ProductView(string Cell, Name Name, string Unit, IReadOnlyList<FigureView> Figures);

/// <summary>
/// A cell that drove a warning, with its pull in points and, for a province against the national figure, its pull less
/// the national pull of its division (<see cref="Ballast.Statistics.Warnings.WarningDriver.PullGap"/>), for a fall or a
/// turn the change of its pull since <c>ChangeSince</c> (<see cref="Ballast.Statistics.Warnings.WarningDriver.PullChange"/>).
/// </summary>
public sealed record DriverView(string Breakdown, string Cell, Name Name, string Measure, string Pull, string? PullGap,
    string? PullChange, string? ChangeSince);

/// <summary>A warning of the month on the published view; <see cref="Message"/> in the two languages.</summary>
public sealed record WarningView(string RuleId, string Severity, string Breakdown, string Cell, Name Name, string Measure,
    string Display, Name Message, IReadOnlyList<DriverView> Drivers);

/// <summary>Everything the dashboard page shows, in one answer.</summary>
public sealed record DashboardView(string Period, long ReleaseId, long DataVersion, DateTimeOffset ComputedAt,
    IReadOnlyList<string> Periods, IReadOnlyList<HeadlineView> Headline, TrendView Trend, IReadOnlyList<CellView> Divisions,
    IReadOnlyList<CellView> Provinces, IReadOnlyList<ProductView> Products, IReadOnlyList<WarningView> Warnings);

/// <summary>A cell opened into its breakdown.</summary>
public sealed record DrillView(string Period, CellView Parent, string By, Name ByName, IReadOnlyList<CellView> Children);

/// <summary>A unit of the map with its code and names, and whether the register has data for it.</summary>
public sealed record MapUnitView(string Code, string FeatureName, string FullNameZh, Name Name, bool HasData);

/// <summary>Which map file the page draws and the table that ties its features to province codes.</summary>
/// <param name="Approved">True when an officially approved map file is configured (Ballast:MapFile).</param>
/// <param name="ReviewNumber">The map review number (审图号) to print under the map, when configured.</param>
public sealed record MapView(string GeoJsonUrl, bool Approved, string? ReviewNumber, IReadOnlyList<MapUnitView> Units);
