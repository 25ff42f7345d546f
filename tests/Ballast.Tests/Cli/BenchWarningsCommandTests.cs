namespace Ballast.Tests.Cli;

/// <summary><c>ballast bench warnings</c> on a small population.</summary>
public sealed class BenchWarningsCommandTests
{
    [Fact]
    public void SmallPopulation_PrintsTheTimesAgainstTheRelease()
    {
        var r = CliRunner.Run("bench", "warnings", "--enterprises", "600");

        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("| the release (ReleaseEngine.Compute) |", r.Out, StringComparison.Ordinal);
        Assert.Contains("| rules with cell drivers, published view (", r.Out, StringComparison.Ordinal);
        Assert.Contains("| enterprise drivers, confidential view (", r.Out, StringComparison.Ordinal);
        Assert.Contains("the 5 earlier release months", r.Out, StringComparison.Ordinal);
        Assert.Contains("goal under 1 s: met", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPeriod_IsAUsageError()
    {
        var r = CliRunner.Run("bench", "warnings", "--enterprises", "100", "--period", "2025-13");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--period \"2025-13\"", r.Error, StringComparison.Ordinal);
    }
}
