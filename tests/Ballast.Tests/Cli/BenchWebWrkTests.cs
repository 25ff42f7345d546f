using Ballast.Cli;

namespace Ballast.Tests.Cli;

public class BenchWebWrkTests
{
    // wrk 4.1.0's output for `wrk -t 2 -c 4 -d 1s --timeout 30s -s script.lua http://127.0.0.1:5099/nonexistent`
    // against Python's http.server (every answer a 404), captured 2026-11-22, with the line of the script's `done`.
    private const string Captured = """
        Running 1s test @ http://127.0.0.1:5099/nonexistent
          2 threads and 4 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     3.93ms    3.38ms  24.35ms   84.70%
            Req/Sec   576.60    225.76     1.02k    75.00%
          1149 requests in 1.01s, 583.48KB read
          Non-2xx or 3xx responses: 1149
        Requests/sec:   1142.77
        Transfer/sec:    580.31KB
        BALLAST-WRK requests=1149 duration_us=1005452 errors=1149 p50_us=2402 p99_us=15984 max_us=24351

        """;

    [Fact]
    public void Parse_ReadsTheScriptsSummaryLine_InMilliseconds()
    {
        var m = BenchWebWrk.Parse(Captured);
        Assert.Equal(1149, m.Requests);
        Assert.Equal(1.005452, m.Seconds, 9);   // 1,005,452 µs
        Assert.Equal(2.402, m.P50, 9);          // 2,402 µs
        Assert.Equal(15.984, m.P99, 9);
        Assert.Equal(24.351, m.Max, 9);         // wrk's own table rounds it to 24.35ms
        Assert.Equal(1149, m.Errors);           // the 404s: "Non-2xx or 3xx responses: 1149"
    }

    [Fact]
    public void Parse_WithoutTheSummaryLine_SaysSo()
    {
        var e = Assert.Throws<InvalidOperationException>(() => BenchWebWrk.Parse("unable to connect to 127.0.0.1:1 Connection refused\n"));
        Assert.Contains("no summary line", e.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<InvalidOperationException>(() => BenchWebWrk.Parse("BALLAST-WRK requests=12 duration_us=x\n"));
        Assert.Contains("duration_us=x", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_SendsTheTokenOnlyWhenSignedIn()
    {
        Assert.Contains("wrk.headers[\"Authorization\"] = \"Bearer t0k\"", BenchWebWrk.Script("t0k"), StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", BenchWebWrk.Script(null), StringComparison.Ordinal);
        Assert.Contains("BALLAST-WRK requests=%d", BenchWebWrk.Script(null), StringComparison.Ordinal);
    }
}
