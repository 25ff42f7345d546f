using Ballast.Core.Demo;
using Ballast.Core.Files;
using Ballast.Core.Publishing;
using Ballast.Core.Releases;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Web.Dashboard;

namespace Ballast.Tests.Web.Dashboard;

/// <summary>The dashboard's trend: earlier months as published, not recomputed from today's data.</summary>
public class DashboardTrendTests
{
    [Fact]
    public void LaterRevisionOfData_DoesNotChangeAnEarlierPublishedMonth()
    {
        using var folders = new TempFolders();
        using var store = StoreFactory.Open(Path.Combine(folders.New("trend"), "ballast.db"));
        var clock = new ManualClock(DemoWeb.Start);
        Assert.True(DemoLoader.Load(store, new DemoOptions(400, 24, 5), clock).Accepted);
        var t = DemoOptions.LastPeriod;
        var earlier = t.AddMonths(-1);
        var now = clock.GetUtcNow();
        StoredRelease Publish(YearMonth month)
        {
            var result = ReleaseEngine.Compute(ReleaseService.LoadPopulation(store), month);
            var stored = ReleaseArchive.Save(store, result.Release!, store.DataVersion(), "test", now);
            var draft = ReleasePublishing.PrepareStored(store, stored, "stat1", "", now);
            ReleasePublishing.Approve(store, draft.ReleaseId, "stat2", now);
            ReleasePublishing.SetEmbargo(store, month, now.AddHours(-1), "stat1", now);
            return stored;
        }
        var publishedEarlier = Publish(earlier);
        double asPublished = Total(store.ReleaseRows(publishedEarlier.Id));

        // A late revision of the earlier month: one matched enterprise's output tripled.
        var firm = store.Reports().First(r => r.Period == earlier && r.OutputValue > 0);
        Assert.Contains(store.Reports(), r => r.CreditCode == firm.CreditCode && r.Period == earlier.AddMonths(-12));
        using (var tx = store.BeginImport(new ImportHeader("revision", now)))
        {
            tx.Write(firm with { OutputValue = firm.OutputValue * 3 });
            tx.Flush();
            tx.Commit(new ImportOutcome([], new Dictionary<FileKind, long>(), new Dictionary<FileKind, long>(), [], 0, [], TimeSpan.Zero));
        }
        double recomputed = Total(ReleaseEngine.Compute(ReleaseService.LoadPopulation(store), earlier).Release!.ConfidentialRows
            .Select(r => new StoredReleaseRow(r.Breakdown, r.Cell, r.Parent, r.Measure, r.Value, MonthlyRelease.FlagText(r.Flag))));
        Assert.NotEqual(asPublished, recomputed); // the revision matters: a recomputed trend would show it
        Publish(t);

        var data = new DashboardData(store, new PublishedReleases(store, clock));
        var trend = data.Trend(data.Release()!);
        Assert.Equal([earlier, t], trend.Select(p => p.Period));
        var point = trend[0].Figures.Single(f => f.Breakdown == "total" && f.Cell == "ALL" && f.Measure == "va_yoy_month");
        Assert.Equal(asPublished, point.Value);
    }

    private static double Total(IEnumerable<StoredReleaseRow> rows) =>
        rows.Single(r => r.Breakdown == "total" && r.Cell == "ALL" && r.Measure == "va_yoy_month").Value!.Value;
}
