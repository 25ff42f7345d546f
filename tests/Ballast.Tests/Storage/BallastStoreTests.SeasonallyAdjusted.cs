using Ballast.Core.Releases;
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
}
