namespace Ballast.Web.Dashboard;

/// <summary>
/// Computes the dashboard's trend and warnings once the server has started, so the first analyst does not wait for
/// them (at the demo's default scale, loading the population and computing 24 months takes some seconds).
/// </summary>
internal sealed class DashboardWarmUp(DashboardData data, IHostApplicationLifetime lifetime, ILogger<DashboardWarmUp> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Wait for the server to listen first: the warm-up must never delay the start.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        await Task.Run(() =>
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
}
