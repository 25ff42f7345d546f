using Ballast.Core.Releases;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Tests.Storage;

// Vintages of the seasonally adjusted figures (migration 004), on both back ends.
public abstract partial class BallastStoreTests
{
    private static StoredSaVintage Vintage(string period, long version, DateTimeOffset at, int rows) => new(0, period, version, at, "统计员", rows);

    [Fact]
    public void SaVintage_KeepsItsRowsAndNotes_NewestFirst()
    {
        using var store = Open();
        StoredSaRow[] rows =
        [
            new("total", "ALL", "2025-06", 0.1 + 0.2, ""),
            new("division", "13", "2025-05", -0.0, ""),
            new("division", "13", "2025-06", null, "E"),
            new("province", "44", "2025-06", 1.5, "C"),
        ];
        StoredSaNote[] notes =
        [
            new("total", "ALL", "2020-01", "2025-06", "adjusted", "log (0 1 1)(0 1 1) cny_pre+cny_post"),
            new("division", "13", "2023-06", "2025-06", "too_short", "too short: 25 months from 2023-06"),
        ];
        long june = store.SaveSaVintage(Vintage("2025-06", 0, T1, rows.Length), rows, notes);
        long july = store.SaveSaVintage(Vintage("2025-07", 0, T2, 0), [], []);

        Assert.Equal([july, june], store.SaVintages().Select(v => v.Id));
        var stored = Assert.Single(store.SaVintages("2025-06"));
        Assert.Equal(new StoredSaVintage(june, "2025-06", 0, T1, "统计员", 4), stored);
        // Sorted by breakdown, cell, month; −0 comes back as 0; exact bits kept.
        var back = store.SaVintageRows(june);
        Assert.Equal(["division/13/2025-05", "division/13/2025-06", "province/44/2025-06", "total/ALL/2025-06"],
            back.Select(r => $"{r.Breakdown}/{r.Cell}/{r.Period}"));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(back[0].Value!.Value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.1 + 0.2), BitConverter.DoubleToInt64Bits(back[3].Value!.Value));
        Assert.Equal(rows[2], back[1]);
        Assert.Equal(rows[3], back[2]);
        Assert.Equal([notes[1], notes[0]], store.SaVintageNotes(june));
        Assert.Empty(store.SaVintageRows(july));
    }

    [Fact]
    public void SaVintage_SamePeriodAndDataVersion_IsRefused_AndNothingIsHalfWritten()
    {
        using var store = Open();
        store.SaveSaVintage(Vintage("2025-06", 3, T1, 1), [new("total", "ALL", "2025-06", 1, "")], []);
        var e = Assert.Throws<StoreException>(() =>
            store.SaveSaVintage(Vintage("2025-06", 3, T2, 1), [new("total", "ALL", "2025-05", 2, "")], []));
        Assert.Contains("2025-06", e.Message, StringComparison.Ordinal);
        Assert.Contains("data version 3", e.Message, StringComparison.Ordinal);
        Assert.Single(store.SaVintages());
        Assert.Equal(1L, Convert.ToInt64(QueryScalar("SELECT count(*) FROM sa_vintage_rows"), System.Globalization.CultureInfo.InvariantCulture));
        // Another data version of the same period is a new vintage.
        store.SaveSaVintage(Vintage("2025-06", 4, T2, 0), [], []);
        Assert.Equal(2, store.SaVintages("2025-06").Count);
    }

    [Fact]
    public void SaRevisions_ShowEachMonthAcrossVintages_WithholdingConfidentialValues()
    {
        using var store = Open();
        long june = store.SaveSaVintage(Vintage("2025-06", 1, T1, 3),
        [
            new("total", "ALL", "2025-05", 0.75, ""), new("total", "ALL", "2025-06", 1.0, ""),
            new("province", "44", "2025-06", 2.0, "C"),
        ], []);
        long july = store.SaveSaVintage(Vintage("2025-07", 1, T2, 4),
        [
            new("total", "ALL", "2025-05", 0.5, ""), new("total", "ALL", "2025-06", 1.25, ""), new("total", "ALL", "2025-07", null, "E"),
            new("province", "44", "2025-06", 2.5, "C"),
        ], []);

        var total = SeasonallyAdjustedService.Revisions(store, "total", "ALL", ReleaseView.Published);
        Assert.Equal(["2025-05", "2025-06", "2025-07"], total.Select(m => m.Period));
        // 2025-05: first 0.75 (vintage of June), latest 0.5 (July): revised by −0.25. 2025-06: 1.0 → 1.25, +0.25.
        Assert.Equal([june, july], total[0].Estimates.Select(e => e.VintageId));
        Assert.Equal(-0.25, total[0].Revision);
        Assert.Equal(0.25, total[1].Revision);
        Assert.Equal("2025-06", total[1].First.VintagePeriod);
        Assert.Single(total[2].Estimates);
        Assert.Null(total[2].Revision); // E: no figure
        Assert.Equal(3, SeasonallyAdjustedService.Revisions(store, "total", "ALL", ReleaseView.Published, new YearMonth(2025, 5)).Count);
        Assert.Single(SeasonallyAdjustedService.Revisions(store, "total", "ALL", ReleaseView.Published, new YearMonth(2025, 7)));

        var published = Assert.Single(SeasonallyAdjustedService.Revisions(store, "province", "44", ReleaseView.Published));
        Assert.All(published.Estimates, e => Assert.Null(e.Value));
        Assert.All(published.Estimates, e => Assert.Equal("C", e.Flag));
        var unsuppressed = Assert.Single(SeasonallyAdjustedService.Revisions(store, "province", "44", ReleaseView.Confidential));
        Assert.Equal(0.5, unsuppressed.Revision);
    }

    [Fact]
    public void TruncateData_EmptiesTheVintages()
    {
        // Import ids restart after a truncation: a vintage left behind would pass for the new data's.
        using var store = Open();
        store.SaveSaVintage(Vintage("2025-06", 1, T1, 1), [new("total", "ALL", "2025-06", 1, "")], [new("total", "ALL", "2022-01", "2025-06", "adjusted", "log")]);
        ((RelationalStore)store).TruncateData();
        Assert.Empty(store.SaVintages());
        Assert.Equal(0L, Convert.ToInt64(QueryScalar("SELECT count(*) FROM sa_vintage_rows"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(QueryScalar("SELECT count(*) FROM sa_vintage_notes"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void SaVintage_ComputedFromTheStore_ReusedForTheSameData_NewVintageAfterARevision()
    {
        using var store = Open();
        // Four enterprises of division 33 in province 11, 2022-01..2025-06, growing 0.4 % a month with a seasonal pattern.
        double[] seasonal = [0.8, 0.75, 1.02, 1.0, 1.01, 1.04, 0.99, 0.98, 1.01, 1.0, 1.06, 1.14];
        var first = new YearMonth(2022, 1);
        var june = new YearMonth(2025, 6);
        double Output(int firm, int k) => 1000 * (1 + 0.1 * firm) * Math.Pow(1.004, k) * seasonal[k % 12] * (1 + 0.01 * Math.Sin(1.3 * k + firm));
        Import(store, "wang", T1, tx =>
        {
            for (int f = 1; f <= 4; f++) tx.Write(Firm(f) with { Ownership = "PRIVATE" }); // a code of ownership.csv
            for (int k = 0; k <= june - first; k++)
            {
                var month = first.AddMonths(k);
                for (int f = 1; f <= 4; f++) tx.Write(Report(f, month, Output(f, k)));
                tx.Write(new PpiEntry("33", month, 100));
            }
            for (int y = 2021; y <= 2025; y++) tx.Write(new VaRate("33", y, 0.3));
        });

        var v1 = SeasonallyAdjustedService.ComputeOrLoad(store, june, "wang", T1, out var errors);
        Assert.Empty(errors);
        Assert.NotNull(v1);
        Assert.True(v1.Computed);
        Assert.Equal(store.DataVersion(), v1.Header.DataVersion);
        // Cells: total, section C, division 33, province 11, equipment; 42 months each.
        Assert.Equal(5 * 42, v1.Rows.Count);
        var total = Assert.Single(v1.Rows, r => r.Breakdown == "total" && r.Period == "2025-06");
        Assert.Equal("", total.Flag);
        Assert.NotNull(total.Value);
        Assert.Equal(v1.Rows, store.SaVintageRows(v1.Header.Id));
        Assert.All(store.SaVintageNotes(v1.Header.Id), n => Assert.Equal("adjusted", n.Status));

        // Same data: the stored vintage is read, not computed again.
        var again = SeasonallyAdjustedService.ComputeOrLoad(store, june, "li", T2, out _)!;
        Assert.False(again.Computed);
        Assert.Equal(v1.Header, again.Header);

        // A revised March report: a new data version, a new vintage, and March's figure is revised.
        Import(store, "wang", T2, tx => tx.Write(Report(1, new YearMonth(2025, 3), 1.5 * Output(1, 38))));
        var v2 = SeasonallyAdjustedService.ComputeOrLoad(store, june, "wang", T2, out _)!;
        Assert.True(v2.Computed);
        Assert.NotEqual(v1.Header.Id, v2.Header.Id);
        Assert.Equal(2, store.SaVintages("2025-06").Count);
        var march = Assert.Single(SeasonallyAdjustedService.Revisions(store, "total", "ALL", ReleaseView.Published, new YearMonth(2025, 3)), m => m.Period == "2025-03");
        Assert.Equal([v1.Header.Id, v2.Header.Id], march.Estimates.Select(e => e.VintageId));
        Assert.True(march.Revision > 1, $"revision {march.Revision}"); // one firm in four up by half in March
    }
}
