namespace Ballast.Tests.Cli;

/// <summary>
/// <c>ballast bench sa</c> in-process on two X-13 reference runs beside the repository, without the X-13 program
/// and without the demo release part: Ballast's figures are reported and the absence of X-13 is said.
/// </summary>
public sealed class BenchSaCliTests
{
    [Fact]
    public void BenchSa_TwoRunsWithoutX13_ReportsTheSeriesCountAndSaysX13WasNotMeasured()
    {
        var reference = Path.GetFullPath(Path.Combine(RepoPaths.Root(), "..", "shared", "data", "reference", "x13"));
        var r = CliRunner.Run("bench", "sa", "--reference", reference, "--runs", "2", "--enterprises", "0", "--x13", Path.Combine(reference, "no-such-x13ashtml"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("2 ok runs", r.Out, StringComparison.Ordinal);
        Assert.Contains("| Ballast, sequential | 2 |", r.Out, StringComparison.Ordinal);
        Assert.Contains("| Ballast, parallel (2 threads) | 2 |", r.Out, StringComparison.Ordinal);
        Assert.Contains("X-13 not measured", r.Out, StringComparison.Ordinal);
        Assert.Contains("set BALLAST_X13 to the x13ashtml binary", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("X-13ARIMA-SEATS", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Not adjusted", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchSa_Times_WritesEachSeriesSecondsWithX13LeftEmptyWhenNotMeasured()
    {
        var reference = Path.GetFullPath(Path.Combine(RepoPaths.Root(), "..", "shared", "data", "reference", "x13"));
        var dir = Directory.CreateTempSubdirectory("ballast-bench-times-");
        try
        {
            var times = Path.Combine(dir.FullName, "times.csv");
            var r = CliRunner.Run("bench", "sa", "--reference", reference, "--runs", "2", "--enterprises", "0",
                "--x13", Path.Combine(reference, "no-such-x13ashtml"), "--times", times);
            Assert.True(r.ExitCode == 0, r.Error + r.Out);
            var lines = File.ReadAllLines(times);
            Assert.Equal("run_id,n_obs,ballast_s,x13_s", lines[0]);
            Assert.Equal(3, lines.Length);
            // The first two ok runs of summary.csv, in its order, with their lengths as summary.csv gives them.
            var ok = File.ReadLines(Path.Combine(reference, "summary.csv")).Skip(1).Select(l => l.Split(','))
                .Where(f => f[7] == "ok").Take(2).ToList();
            for (int i = 0; i < 2; i++)
            {
                var f = lines[i + 1].Split(',');
                Assert.Equal(ok[i][0], f[0]);
                Assert.Equal(ok[i][3], f[1]);
                Assert.True(double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture) > 0, lines[i + 1]);
                Assert.Equal("", f[3]);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
