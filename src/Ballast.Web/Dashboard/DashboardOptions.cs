namespace Ballast.Web.Dashboard;

/// <summary>
/// Settings of the dashboard and the bulletin, from the configuration section <c>Ballast</c>
/// (<c>--Ballast:MapFile=…</c>, environment <c>Ballast__MapFile</c>).
/// </summary>
public sealed class DashboardOptions
{
    /// <summary>
    /// An officially approved map file (GeoJSON) to draw instead of the bundled one, as a deployment in China
    /// requires; its features are matched to provinces by name (short or full) or by a six-digit adcode property.
    /// </summary>
    public string? MapFile { get; set; }

    /// <summary>The approved map's review number (审图号), shown under the map.</summary>
    public string? MapReviewNumber { get; set; }

    /// <summary>The Chromium that prints the bulletin to PDF.</summary>
    public string Chromium { get; set; } = "/usr/bin/chromium";
}
