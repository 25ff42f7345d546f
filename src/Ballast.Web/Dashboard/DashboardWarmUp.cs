namespace Ballast.Web.Dashboard;

/// <summary>
/// Whether the dashboard's warm-up has finished (<c>/health</c> says so): a process that has just started spends some
/// seconds of CPU on it, which load tests and orchestrators should not mistake for the cost of requests.
/// </summary>
public sealed class DashboardReadiness
{
    private volatile bool _ready;

    /// <summary>True once the warm-up has ended (computed, nothing to compute, failed or cancelled).</summary>
    public bool Ready => _ready;

    /// <summary>What <c>/health</c> shows: <c>warming</c> or <c>ready</c>.</summary>
    public string State => _ready ? "ready" : "warming";

    internal void MarkReady() => _ready = true;
}

/// <summary>
/// Computes the dashboard's trend and warnings once the server has started, so the first analyst does not wait for
/// them (at the demo's default scale, loading the population and computing 24 months takes some seconds).
/// </summary>
internal sealed class DashboardWarmUp(DashboardData data, DashboardReadiness readiness, IHostApplicationLifetime lifetime, ILogger<DashboardWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wait for the server to listen first: the warm-up must never delay the start.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { readiness.MarkReady(); return; }
        }
        try
        {
            await WarmUp(stoppingToken);
        }
        finally
        {
            readiness.MarkReady();
        }
    }

    private Task WarmUp(CancellationToken stoppingToken) =>
        Task.Run(() =>
        {
            try
            {
                if (data.Release() is not { } release) return;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                data.Trend(release);
                data.Warnings(release);
                log.LogInformation("Dashboard ready for {Period} in {Seconds:0.0} s", release.Period.ToString(), watch.Elapsed.TotalSeconds);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failure here is only a slower first page: the request that needs the figures computes them again.
                log.LogWarning(e, "The dashboard's warm-up failed");
            }
        }, stoppingToken);
}
