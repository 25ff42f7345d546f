using System.Globalization;
using Ballast.Core.Demo;
using Ballast.Core.Publishing;
using Ballast.Core.Releases;
using Ballast.Core.Storage;
using Ballast.Statistics.Release;
using Ballast.Tests.Infrastructure;
using Ballast.Web;
using Microsoft.AspNetCore.Builder;

namespace Ballast.Tests.Web.Dashboard;

/// <summary>
/// A real Kestrel server on a free loopback port over a small demo store with its latest release computed and
/// stored, as `ballast run` leaves it; shared by the dashboard's API and browser tests (one demo load for all).
/// </summary>
public sealed class DashboardServer : IAsyncLifetime
{
    /// <summary>Enough enterprises for every province (Tibet, the smallest, included) and some confidential cells.</summary>
    private const int Enterprises = 6000;

    private readonly TempFolders _folders = new();
    private WebApplication? _app;

    public string StorePath { get; private set; } = "";
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");
    public StoredRelease Release { get; private set; } = null!;

    /// <summary>The published releases of the months before <see cref="Release"/>, oldest first.</summary>
    public List<StoredRelease> EarlierReleases { get; } = [];

    /// <summary>Months of demo data (enough for the seasonal adjustment's three years).</summary>
    public const int Months = 40;

    /// <summary>The stored vintage of seasonally adjusted figures of <see cref="Release"/>'s month.</summary>
    public SaVintage Adjusted { get; private set; } = null!;

    /// <summary>The stored release's rows, unsuppressed, with their flags: what the tests compare with.</summary>
    public IReadOnlyList<StoredReleaseRow> Rows { get; private set; } = [];

    public StoredReleaseRow Row(string breakdown, string cell, string measure) =>
        Rows.Single(r => r.Breakdown == breakdown && r.Cell == cell && r.Measure == measure);

    public async Task InitializeAsync()
    {
        StorePath = Path.Combine(_folders.New("dashboard"), "ballast.db");
        using (var store = StoreFactory.Open(StorePath))
        {
            // 40 months: the seasonal adjustment needs three years; the releases published are the last months.
            var outcome = DemoLoader.Load(store, new DemoOptions(Enterprises, Months, 1), TimeProvider.System);
            if (!outcome.Accepted) throw new InvalidOperationException("the demo population did not load");
            var period = ReleaseService.LatestPeriod(store)!.Value;
            var population = ReleaseService.LoadPopulation(store);
            // Only published releases reach the dashboard (its trend too): the last months are prepared, approved by a
            // second statistician, embargo passed. 16 months of data: the 4 last have a year-earlier month.
            var past = DateTimeOffset.UtcNow.AddMinutes(-5);
            for (var month = period.AddMonths(-3); month <= period; month = month.AddMonths(1))
            {
                if (month.Month == 1) continue;
                var result = ReleaseEngine.Compute(population, month);
                if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Message)));
                var stored = ReleaseArchive.Save(store, result.Release!, store.DataVersion(), "test", DateTimeOffset.UtcNow);
                var draft = ReleasePublishing.PrepareStored(store, stored, "stat1", "dashboard tests", past);
                ReleasePublishing.Approve(store, draft.ReleaseId, "stat2", past);
                ReleasePublishing.SetEmbargo(store, month, past, "stat1", past);
                if (month == period) Release = stored;
                else EarlierReleases.Add(stored);
            }
            Rows = store.ReleaseRows(Release.Id);
            // The seasonally adjusted figures of the latest release, as `ballast run` stores them with it.
            Adjusted = SeasonallyAdjustedService.ComputeOrLoad(store, period, "test", DateTimeOffset.UtcNow, out var saErrors, population)
                ?? throw new InvalidOperationException("no seasonally adjusted figures: " + string.Join("; ", saErrors));
        }
        int port = LoopbackPorts.Free();
        _app = BallastWeb.Create([$"--urls=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--Ballast:Db=" + StorePath, "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _folders.Dispose();
    }

    /// <summary>
    /// The figure as a reader of the release expects it: one decimal, half away from zero. Computed here through
    /// decimal's own conversion, independently of the page's formatting code.
    /// </summary>
    public static string Rounded(double value)
    {
        var r = Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero);
        return (r == 0m ? 0m : r).ToString("0.0", CultureInfo.InvariantCulture);
    }

}

/// <summary>The tests that share one <see cref="DashboardServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServer>
{
    public const string Name = "Dashboard server";
}
