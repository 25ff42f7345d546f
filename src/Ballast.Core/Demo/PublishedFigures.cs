using Ballast.Core.Register;
using Ballast.Statistics.Release;

namespace Ballast.Core.Demo;

/// <summary>One published 2025 figure (published-figures.md) against what a release of the demo population gives.</summary>
public sealed record PublishedFigureCheck(string Figure, string Target, double? Measured, bool Holds);

/// <summary>
/// The published 2025 figures the demo population is calibrated to (published-figures.md), checked against the
/// release engine's own output: for the calibration tests and for the full-scale benchmark.
/// </summary>
public static class PublishedFigures
{
    /// <summary>
    /// Checks every figure: <paramref name="december"/> and <paramref name="november"/> are the releases for
    /// 2025-12 and 2025-11 (unsuppressed view: a figure withheld from publication is still checked), the register
    /// gives the tier counts, scaled by N / 520,000.
    /// </summary>
    public static IReadOnlyList<PublishedFigureCheck> Check(MonthlyRelease december, MonthlyRelease november, IReadOnlyList<Enterprise> register)
    {
        ArgumentNullException.ThrowIfNull(december);
        ArgumentNullException.ThrowIfNull(november);
        ArgumentNullException.ThrowIfNull(register);
        double scale = register.Count / 520_000.0;
        double? V(MonthlyRelease r, string b, string c, string m) => r.Find(b, c, m, ReleaseView.Confidential)?.Value;
        PublishedFigureCheck Growth(string name, double target, double tolerance, double? measured) =>
            new(name, $"{target} ± {tolerance}", measured, measured is double v && Math.Abs(v - target) <= tolerance);
        int Holding(string tier) => register.Count(e => e.Tiers.Contains(tier, StringComparer.Ordinal));
        PublishedFigureCheck Count(string name, string tier, double low, double high)
        {
            int n = Holding(tier);
            return new(name, $"{low * scale:N0} to {high * scale:N0}", n, n >= low * scale && n <= high * scale);
        }

        double shares = 0;
        bool allShares = true;
        foreach (var row in december.ConfidentialRows)
            if (row.Breakdown == ReleaseBreakdowns.KeyIndustry && row.Measure == ReleaseMeasures.VaShareMonth)
            {
                if (row.Value is double v) shares += v; else allShares = false;
            }
        double? energy = V(december, ReleaseBreakdowns.Total, ReleaseBreakdowns.All, ReleaseMeasures.EnergyPerVaYoyYtd);
        return
        [
            Growth("value added, 2025 (total va_yoy_ytd 2025-12)", 5.9, 0.3, V(december, "total", "ALL", ReleaseMeasures.VaYoyYtd)),
            Growth("value added, Jan–Nov 2025 (total va_yoy_ytd 2025-11)", 6.0, 0.3, V(november, "total", "ALL", ReleaseMeasures.VaYoyYtd)),
            Growth("high-tech manufacturing, 2025", 9.4, 0.3, V(december, "hightech", "ALL", ReleaseMeasures.VaYoyYtd)),
            Growth("equipment manufacturing, 2025", 9.2, 0.3, V(december, "equipment", "ALL", ReleaseMeasures.VaYoyYtd)),
            Growth("SMEs, 2025 (size/sme)", 6.9, 0.3, V(december, "size", "sme", ReleaseMeasures.VaYoyYtd)),
            Growth("integrated circuits output, 2025 (product IC output_yoy_ytd)", 26.7, 0.3, V(december, "product", "IC", ReleaseMeasures.OutputYoyYtd)),
            Growth("R&D intensity of little giants (tier LITTLE_GIANT)", 7, 0.5, V(december, "tier", "LITTLE_GIANT", ReleaseMeasures.RdIntensityYtd)),
            new("ten key industries' share of value added (sum of va_share_month)", "65 to 80", allShares ? shares : null, allShares && shares is >= 65 and <= 80),
            Count("little giants (enterprises holding LITTLE_GIANT)", "LITTLE_GIANT", 17_600 * 0.9, 17_600 * 1.1),
            Count("specialized, refined, distinctive, innovative SMEs (SRI_SME)", "SRI_SME", 60_000, 140_000),
            Count("intelligent factories, basic", "SMART_BASIC", 35_000 * 0.9, 35_000 * 1.1),
            Count("intelligent factories, advanced", "SMART_ADVANCED", 8_200 * 0.9, 8_200 * 1.1),
            Count("intelligent factories, excellent", "SMART_EXCELLENT", 500 * 0.9, 500 * 1.1),
            Count("intelligent factories, leading", "SMART_LEADING", 15 * 0.9, 15 * 1.1),
            Count("national green factories", "GREEN_FACTORY", 8_000, 8_000 * 1.25),
            new("energy per unit of value added falls (total energy_per_va_yoy_ytd < 0)", "< 0", energy, energy is < 0),
        ];
    }
}
