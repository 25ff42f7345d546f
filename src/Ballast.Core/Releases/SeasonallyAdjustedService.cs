using System.Diagnostics;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.Warnings;

namespace Ballast.Core.Releases;

/// <summary>A stored vintage of the seasonally adjusted figures, with its rows and notes.</summary>
/// <param name="Computed">True when this call computed and stored it; false when it was already stored for the data version.</param>
/// <param name="Elapsed">Time to compute it (load, release flags, indices, adjustment); zero when it was read from the store.</param>
/// <param name="LoadElapsed">The part of <paramref name="Elapsed"/> spent reading the population from the store (zero when it was given).</param>
public sealed record SaVintage(StoredSaVintage Header, IReadOnlyList<StoredSaRow> Rows, IReadOnlyList<StoredSaNote> Notes, bool Computed, TimeSpan Elapsed,
    TimeSpan LoadElapsed = default)
{
    /// <summary>The rows of a view: in the published view a C row carries no value.</summary>
    public IEnumerable<StoredSaRow> View(ReleaseView view) =>
        view == ReleaseView.Published ? Rows.Select(r => r.Flag == "C" ? r with { Value = null } : r) : Rows;
}

/// <summary>One vintage's figure of a month in a revision history; Value null when empty or withheld.</summary>
public sealed record SaVintageValue(long VintageId, string VintagePeriod, long DataVersion, double? Value, string Flag);

/// <summary>
/// The seasonally adjusted growth of one month of a cell as the successive vintages gave it: the first estimate,
/// the latest, and the revision (latest − first) when both are published numbers.
/// </summary>
public sealed record SaMonthRevision(string Period, IReadOnlyList<SaVintageValue> Estimates)
{
    public SaVintageValue First => Estimates[0];
    public SaVintageValue Latest => Estimates[^1];
    public double? Revision => First.Value is double a && Latest.Value is double b ? b - a : null;
}

/// <summary>
/// The seasonally adjusted figures of the release (docs/seasonal-adjustment.md, "In the release"): computed from
/// the store, kept as vintages so revisions can be shown; and the year-end target risk for the warnings.
/// </summary>
public static class SeasonallyAdjustedService
{
    /// <summary>
    /// The vintage of <paramref name="period"/> at the store's current data version: read when already stored,
    /// otherwise computed (all cells adjusted in parallel) and stored. Null with <paramref name="errors"/> when the
    /// period cannot be computed (the release's reasons: a January, no reports, missing reference data).
    /// </summary>
    public static SaVintage? ComputeOrLoad(IBallastStore store, YearMonth period, string user, DateTimeOffset now,
        out IReadOnlyList<string> errors, ReleasePopulation? population = null, MonthlyRelease? release = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        errors = [];
        long version = store.DataVersion();
        var stored = Stored(store, period, version);
        if (stored is not null) return stored;

        var clock = Stopwatch.StartNew();
        population ??= ReleaseService.LoadPopulation(store);
        var loaded = clock.Elapsed;
        var result = SeasonallyAdjustedRelease.Compute(population, period, release?.Period == period ? release : null);
        if (store.DataVersion() != version)
        {
            // An import landed while the data were read: compute again so the vintage's version is the data read.
            version = store.DataVersion();
            population = ReleaseService.LoadPopulation(store);
            result = SeasonallyAdjustedRelease.Compute(population, period);
        }
        if (!result.Succeeded)
        {
            errors = result.Errors;
            return null;
        }
        var sa = result.Release!;
        var rows = sa.ConfidentialRows.Select(r => new StoredSaRow(r.Breakdown, r.Cell, r.Period.ToString(), r.Value, MonthlyRelease.FlagText(r.Flag))).ToArray();
        var notes = sa.Notes.Select(n => new StoredSaNote(n.Breakdown, n.Cell, n.From.ToString(), n.To.ToString(), StatusText(n.Status), n.Text)).ToArray();
        var elapsed = clock.Elapsed;
        var header = new StoredSaVintage(0, period.ToString(), version, now, user, rows.Length);
        try
        {
            long id = store.SaveSaVintage(header, rows, notes);
            return new SaVintage(header with { Id = id }, rows, notes, true, elapsed, loaded);
        }
        catch (StoreException) when (Stored(store, period, version) is { } other)
        {
            return other; // another process stored the same vintage meanwhile: same data, same figures
        }
    }

    private static SaVintage? Stored(IBallastStore store, YearMonth period, long version)
    {
        var header = store.SaVintages(period.ToString()).FirstOrDefault(v => v.DataVersion == version);
        return header is null ? null : new SaVintage(header, store.SaVintageRows(header.Id), store.SaVintageNotes(header.Id), false, TimeSpan.Zero);
    }

    /// <summary>The status of a segment as stored: adjusted, too_short, rejected, model_not_imposed.</summary>
    public static string StatusText(Statistics.TimeSeries.SeasonalAdjustment.AdjustmentStatus status) => status switch
    {
        Statistics.TimeSeries.SeasonalAdjustment.AdjustmentStatus.Adjusted => "adjusted",
        Statistics.TimeSeries.SeasonalAdjustment.AdjustmentStatus.TooShort => "too_short",
        Statistics.TimeSeries.SeasonalAdjustment.AdjustmentStatus.Rejected => "rejected",
        _ => "model_not_imposed",
    };

    /// <summary>
    /// The revision history of one cell's <c>va_sa_mom</c>: for each month, its value in every stored vintage that
    /// has it, vintages ordered by release period then computation. In the published view values of C rows are
    /// withheld. Months from <paramref name="from"/> on when given.
    /// </summary>
    public static IReadOnlyList<SaMonthRevision> Revisions(IBallastStore store, string breakdown, string cell, ReleaseView view, YearMonth? from = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var vintages = store.SaVintages().ToDictionary(v => v.Id);
        var byMonth = new SortedDictionary<string, List<SaVintageValue>>(StringComparer.Ordinal);
        foreach (var (id, row) in store.SaCellHistory(breakdown, cell))
        {
            if (from is { } f && string.CompareOrdinal(row.Period, f.ToString()) < 0) continue;
            var v = vintages[id];
            double? value = view == ReleaseView.Published && row.Flag == "C" ? null : row.Value;
            if (!byMonth.TryGetValue(row.Period, out var list)) byMonth.Add(row.Period, list = []);
            list.Add(new SaVintageValue(id, v.Period, v.DataVersion, value, row.Flag));
        }
        return byMonth.Select(kv => new SaMonthRevision(kv.Key,
            kv.Value.OrderBy(x => x.VintagePeriod, StringComparer.Ordinal).ThenBy(x => x.VintageId).ToArray())).ToArray();
    }

    /// <summary>The national volume index (cell total/ALL) up to <paramref name="period"/>: its last segment.</summary>
    public static MonthlySeries NationalIndex(ReleasePopulation population, YearMonth period)
    {
        ArgumentNullException.ThrowIfNull(population);
        var indices = VolumeIndex.Compute(population, period);
        if (!indices.Succeeded)
            throw new InvalidOperationException($"the national volume index for {period} needs reference data that are missing: {string.Join(", ", indices.MissingKeys)}");
        var total = indices.Find(ReleaseBreakdowns.Total, ReleaseBreakdowns.All)
                    ?? throw new InvalidOperationException($"no enterprise has a report up to {period}: there is no national volume index");
        int first = total.SegmentStarts[^1];
        return new MonthlySeries(total.Start.AddMonths(first), total.Index.Skip(first));
    }

    /// <summary>
    /// The year-end target risk at <paramref name="period"/> (issue #5 item 4): the probability that the national
    /// December year-to-date growth ends below the target, its mean and 90 % interval (percent), simulated from
    /// the regARIMA model of the national volume index (<see cref="TargetRisk"/>). At December the growth is known:
    /// probability 0 or 1 and the interval collapses to it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The index is too short or the model cannot be fitted (the message says why).</exception>
    public static (double Probability, double Mean, double Low, double High) TargetRiskAt(ReleasePopulation population, YearMonth period, TargetRiskOptions? options = null)
    {
        var r = AssessTargetRisk(population, period, options);
        return (r.Probability, r.Mean, r.Low, r.High);
    }

    /// <summary>As <see cref="TargetRiskAt"/>, with the model, σ and paths.</summary>
    public static TargetRiskResult AssessTargetRisk(ReleasePopulation population, YearMonth period, TargetRiskOptions? options = null)
    {
        var index = NationalIndex(population, period);
        try
        {
            return TargetRisk.Assess(index, period, options);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"the target risk at {period} cannot be assessed: {e.Message}", e);
        }
    }
}
