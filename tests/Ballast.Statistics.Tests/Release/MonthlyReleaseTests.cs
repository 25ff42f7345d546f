using Ballast.Statistics.Release;

namespace Ballast.Statistics.Tests.Release;

/// <summary>The tidy CSV of release.md "Output table", compared with literal text.</summary>
public class MonthlyReleaseTests
{
    private static string[] Lines(MonthlyRelease release, ReleaseView view)
    {
        using var writer = new StringWriter();
        release.WriteCsv(writer, view);
        string text = writer.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        return text[..^1].Split('\n');
    }

    [Fact]
    public void PublishedCsv_IsSortedWithRoundTripValuesAndIntegerCounts()
    {
        // Rate 0.5, PPI 100. A = 50 + 50 + 100 = 200, B = 150: (200/150 − 1) × 100 = 33.33333333333333 (binary64).
        var release = new PopulationSketch()
            .Enterprise("E1").Enterprise("E2").Enterprise("E3")
            .Report("E1", "2024-03", 100, revenue: 100, profit: 10).Report("E1", "2025-03", 100, revenue: 150, profit: 15)
            .Report("E2", "2024-03", 100, revenue: 100, profit: 10).Report("E2", "2025-03", 100, revenue: 150, profit: 15)
            .Report("E3", "2024-03", 100, revenue: 100, profit: 10).Report("E3", "2025-03", 200, revenue: 150, profit: 15)
            .Reference()
            .Release("2025-03");

        var lines = Lines(release, ReleaseView.Published);

        Assert.Equal("period,breakdown,cell,parent,measure,value,flag", lines[0]);
        Assert.Equal("2025-03,division,13,ALL,energy_per_va_yoy_ytd,,E", lines[1]);
        Assert.Contains("2025-03,division,13,ALL,va_pull_month,33.33333333333333,", lines);  // (200 − 150) / 150 × 100
        Assert.Contains("2025-03,division,13,ALL,va_share_month,100,", lines);
        Assert.Contains("2025-03,province_division,11|13,11,va_contrib_ytd,100,", lines);
        Assert.Contains("2025-03,size,sme,ALL,enterprises,3,", lines);
        // 9 cells with 14 rows (division, key_industry, ownership, province, province_division, region4, section,
        // size small and sme) and the 9 rows of total, which sorts last.
        Assert.Equal(1 + 9 * 14 + 9, lines.Length);
        Assert.Equal(
            [
                "2025-03,total,ALL,,energy_per_va_yoy_ytd,,E",     // base energy 0
                "2025-03,total,ALL,,enterprises,3,",
                "2025-03,total,ALL,,export_yoy_ytd,,E",            // base export 0
                "2025-03,total,ALL,,overdue_receivables_yoy,,E",   // base overdue 0
                "2025-03,total,ALL,,profit_yoy_ytd,50,",           // 45 / 30
                "2025-03,total,ALL,,rd_intensity_ytd,0,",          // 0 / 450
                "2025-03,total,ALL,,revenue_yoy_ytd,50,",          // 450 / 300
                "2025-03,total,ALL,,va_yoy_month,33.33333333333333,",
                "2025-03,total,ALL,,va_yoy_ytd,33.33333333333333,",
            ],
            lines[^9..]);
    }

    [Fact]
    public void ConfidentialCells_LoseTheirValuesInPublished_AndKeepThemWithCInTheUnsuppressedView()
    {
        // Two enterprises: every cell is confidential. A = 75 + 75 = 150, B = 100: growth 50.
        var release = new PopulationSketch()
            .Enterprise("E1").Enterprise("E2")
            .Pair("E1", "2024-03", 100, "2025-03", 150).Pair("E2", "2024-03", 100, "2025-03", 150)
            .Reference()
            .Release("2025-03");

        var published = Lines(release, ReleaseView.Published);
        var unsuppressed = Lines(release, ReleaseView.Confidential);

        Assert.Contains("2025-03,province_division,11|13,11,va_yoy_month,,C", published);
        Assert.Contains("2025-03,province_division,11|13,11,enterprises,2,", published);
        Assert.Contains("2025-03,total,ALL,,energy_per_va_yoy_ytd,,C", published); // C takes precedence over E
        Assert.Contains("2025-03,province_division,11|13,11,va_yoy_month,50,C", unsuppressed);
        Assert.Contains("2025-03,province_division,11|13,11,enterprises,2,", unsuppressed);
        Assert.Contains("2025-03,total,ALL,,energy_per_va_yoy_ytd,,C", unsuppressed);
        Assert.Equal(published.Length, unsuppressed.Length);
    }

    [Theory]
    [InlineData("va_yoy_month", 0.1, "0.1")]
    [InlineData("va_yoy_month", -2.5, "-2.5")]
    [InlineData("va_yoy_month", 1e-7, "1E-07")]
    [InlineData("enterprises", 12.0, "12")]
    public void FormatValue_UsesTheShortestRoundTripForm(string measure, double value, string expected) =>
        Assert.Equal(expected, MonthlyRelease.FormatValue(measure, value));
}
