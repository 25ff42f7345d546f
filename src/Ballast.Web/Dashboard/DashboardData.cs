using System.Diagnostics;
using System.Collections.Concurrent;
using System.Globalization;
using Ballast.Core.Monitoring;
using Ballast.Core.Publishing;
using Ballast.Core.Releases;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Web.Dashboard;

/// <summary>One figure as the dashboard may show it: in the published view, a confidential figure has no value.</summary>
public sealed record ShownFigure(string Breakdown, string Cell, string Parent, string Measure, double? Value, string Flag);

/// <summary>The release the dashboard and the bulletin show: a stored release in the published view.</summary>
public sealed class ShownRelease
{
    private readonly Dictionary<(string, string, string), ShownFigure> _index;
    // The dashboard's answers look figures up by cell and cells by breakdown, hundreds of times each: indexed once.
    private readonly Dictionary<(string, string), IReadOnlyList<ShownFigure>> _byCell;
    private readonly Dictionary<string, IReadOnlyList<string>> _cells;

    internal ShownRelease(StoredRelease stored, YearMonth period, IReadOnlyList<ShownFigure> figures)
    {
        Stored = stored;
        Period = period;
        Figures = figures;
        _index = figures.ToDictionary(f => (f.Breakdown, f.Cell, f.Measure));
        _byCell = figures.GroupBy(f => (f.Breakdown, f.Cell)).ToDictionary(g => g.Key, g => (IReadOnlyList<ShownFigure>)[.. g]);
        _cells = figures.GroupBy(f => f.Breakdown, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(f => f.Cell).Distinct(StringComparer.Ordinal)], StringComparer.Ordinal);
    }

    /// <summary>The stored release this view was made from.</summary>
    public StoredRelease Stored { get; }

    public YearMonth Period { get; }

    /// <summary>Every figure, sorted by breakdown, cell and measure (as stored).</summary>
    public IReadOnlyList<ShownFigure> Figures { get; }

    public ShownFigure? Find(string breakdown, string cell, string measure) => _index.GetValueOrDefault((breakdown, cell, measure));

    /// <summary>The cells of a breakdown, in code order.</summary>
    public IReadOnlyList<string> Cells(string breakdown) => _cells.GetValueOrDefault(breakdown) ?? [];

    /// <summary>The figures of one cell, in measure order (empty when the release has no such cell).</summary>
    public IReadOnlyList<ShownFigure> Of(string breakdown, string cell) => _byCell.GetValueOrDefault((breakdown, cell)) ?? [];
}

/// <summary>The seasonally adjusted figures of one stored vintage, by (breakdown, cell, month).</summary>
public sealed record AdjustedFigures(long VintageId, IReadOnlyDictionary<(string Breakdown, string Cell, string Period), ShownFigure> Figures)
{
    public ShownFigure? Find(string breakdown, string cell, string period) => Figures.GetValueOrDefault((breakdown, cell, period));
}

/// <summary>A month of the trend chart: the published month and year-to-date growth of the headline cells.</summary>
public sealed record TrendPoint(YearMonth Period, IReadOnlyList<ShownFigure> Figures);

/// <summary>
/// THE source of the figures the dashboard and the bulletin show (one seam, so that what may be shown is decided in
/// one place): only PUBLISHED releases (approved under four eyes, after their embargo: <see cref="PublishedReleases"/>).
/// Everything leaves here in the published view: a confidential value never reaches a page. The trend is made of the
/// published releases of the months before; the warnings need the months before the release: they are computed in
/// memory from the store once per data version and kept.
/// </summary>
public sealed class DashboardData(IBallastStore store, PublishedReleases published)
{
    /// <summary>Release months on the trend chart, at most.</summary>
    public const int TrendMonths = 24;

    /// <summary>The headline cells whose trend is drawn: (breakdown, cell).</summary>
    public static readonly IReadOnlyList<(string Breakdown, string Cell)> TrendCells =
        [("total", "ALL"), ("hightech", "ALL"), ("equipment", "ALL"), ("size", "sme")];

    private readonly ConcurrentDictionary<long, ShownRelease> _shown = new();
    private readonly Lock _gate = new();
    private Analysis? _analysis;

    /// <summary>
    /// The release to show: the published release of <paramref name="period"/>, or of the latest published period
    /// when null; null when none is published (yet: before its embargo nothing shows).
    /// </summary>
    public ShownRelease? Release(YearMonth? period = null)
    {
        var release = published.Latest(period?.ToString());
        return release is null ? null : Shown(release);
    }

    private ShownRelease? Shown(PublishedRelease release)
    {
        if (!YearMonth.TryParse(release.Period, out var month)) return null;
        var stored = release.Release;
        return _shown.GetOrAdd(stored.Id, _ => new ShownRelease(stored, month, Published(store.ReleaseRows(stored.Id))));
    }

    /// <summary>
    /// What a dashboard summary of <paramref name="release"/> depends on: the stored release, the data version (the
    /// warnings are evaluated on the current data) and the published versions (the periods list and the trend).
    /// </summary>
    public string SummaryKey(ShownRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var key = new System.Text.StringBuilder();
        key.Append(release.Stored.Id.ToString(CultureInfo.InvariantCulture)).Append('/').Append(RecentDataVersion().ToString(CultureInfo.InvariantCulture))
            .Append("/sa").Append(Adjusted(release)?.VintageId.ToString(CultureInfo.InvariantCulture) ?? "-");
        foreach (var p in published.All()) key.Append('/').Append(p.Period).Append(':').Append(p.Release.Id.ToString(CultureInfo.InvariantCulture));
        return key.ToString();
    }

    private sealed record DataVersionRead(long Version, long At);

    private volatile DataVersionRead? _dataVersion;

    /// <summary>
    /// The store's data version, read at most once a second (as the publishing state): every summary request asks
    /// for it, and new data then shows in the warnings within a second.
    /// </summary>
    private long RecentDataVersion()
    {
        var read = _dataVersion;
        if (read is not null && Stopwatch.GetElapsedTime(read.At) < TimeSpan.FromSeconds(1)) return read.Version;
        long at = Stopwatch.GetTimestamp();
        long version = store.DataVersion();
        _dataVersion = new DataVersionRead(version, at);
        return version;
    }

    /// <summary>The published periods, newest first.</summary>
    public IReadOnlyList<string> Periods() =>
        [.. published.All().Select(r => r.Period).OrderByDescending(p => p, StringComparer.Ordinal)];

    /// <summary>
    /// The trend up to the release's month, oldest first: every month of the last <see cref="TrendMonths"/> with a
    /// published release, each with its figures AS PUBLISHED (the current published version of that month, in the
    /// published view), never recomputed from today's data — a later revision of the data changes an earlier month
    /// only when a revised release of that month is published. Months without a published release are not on it.
    /// </summary>
    public IReadOnlyList<TrendPoint> Trend(ShownRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var earliest = release.Period.AddMonths(-(TrendMonths - 1));
        var points = new List<TrendPoint>();
        foreach (var p in published.All())
        {
            if (!YearMonth.TryParse(p.Period, out var month) || month < earliest || month >= release.Period) continue;
            if (Shown(p) is { } shown) points.Add(new TrendPoint(month, TrendFigures(shown.Find)));
        }
        points.Add(new TrendPoint(release.Period, TrendFigures(release.Find)));
        return points;
    }

    /// <summary>
    /// The seasonally adjusted month-on-month growth (<c>va_sa_mom</c>) of the trend's cells as published with the
    /// release: from the stored vintage of the release's month computed on the release's own data version (the one the
    /// release API serves for it), in the published view (a C value has none); null when no such vintage is stored.
    /// The vintage is looked up at most once a second per release.
    /// </summary>
    public AdjustedFigures? Adjusted(ShownRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (_adjusted.TryGetValue(release.Stored.Id, out var kept) && (kept.Figures is not null || Stopwatch.GetElapsedTime(kept.At) < TimeSpan.FromSeconds(1)))
            return kept.Figures;
        long at = Stopwatch.GetTimestamp();
        var vintage = store.SaVintages(release.Period.ToString()).FirstOrDefault(v => v.DataVersion == release.Stored.DataVersion);
        AdjustedFigures? figures = null;
        if (vintage is not null)
        {
            var cells = TrendCells.ToHashSet();
            var rows = store.SaVintageRows(vintage.Id).Where(r => cells.Contains((r.Breakdown, r.Cell)))
                .ToDictionary(r => (r.Breakdown, r.Cell, r.Period), r => new ShownFigure(r.Breakdown, r.Cell, "", AdjustedMeasure, r.Flag == "C" ? null : r.Value, r.Flag));
            figures = new AdjustedFigures(vintage.Id, rows);
        }
        _adjusted[release.Stored.Id] = (figures, at);
        return figures;
    }

    /// <summary>The measure of the adjusted figures (as in the release API's series).</summary>
    public const string AdjustedMeasure = "va_sa_mom";

    private readonly ConcurrentDictionary<long, (AdjustedFigures? Figures, long At)> _adjusted = new();

    /// <summary>The warnings of the release's month on the published view (a confidential cell is never named).</summary>
    public IReadOnlyList<WarningAlert> Warnings(ShownRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return Current().Warnings(release.Period);
    }

    private static IReadOnlyList<ShownFigure> TrendFigures(Func<string, string, string, ShownFigure?> find)
    {
        var list = new List<ShownFigure>();
        foreach (var (b, c) in TrendCells)
            foreach (var m in new[] { "va_yoy_month", "va_yoy_ytd" })
                list.Add(find(b, c, m) ?? new ShownFigure(b, c, "", m, null, "E"));
        return list;
    }

    /// <summary>The published view of stored rows: a C figure loses its value here, before anything else sees it.</summary>
    internal static IReadOnlyList<ShownFigure> Published(IEnumerable<StoredReleaseRow> rows) =>
        rows.Select(r => new ShownFigure(r.Breakdown, r.Cell, r.Parent, r.Measure, r.Flag == "C" ? null : r.Value, r.Flag)).ToList();

    private Analysis Current()
    {
        long version = store.DataVersion();
        lock (_gate)
        {
            if (_analysis is null || _analysis.Version != version)
                _analysis = new Analysis(version, ReleaseService.LoadPopulation(store));
            return _analysis;
        }
    }

    /// <summary>The in-memory population of one data version and the releases and warnings computed from it.</summary>
    private sealed class Analysis(long version, ReleasePopulation population)
    {
        private readonly ConcurrentDictionary<YearMonth, Lazy<MonthlyRelease?>> _releases = new();
        private readonly ConcurrentDictionary<YearMonth, Lazy<IReadOnlyList<WarningAlert>>> _warnings = new();

        public long Version { get; } = version;

        public MonthlyRelease? Release(YearMonth month) =>
            _releases.GetOrAdd(month, m => new Lazy<MonthlyRelease?>(() => ReleaseEngine.Compute(population, m).Release)).Value;

        public IReadOnlyList<WarningAlert> Warnings(YearMonth month) =>
            _warnings.GetOrAdd(month, m => new Lazy<IReadOnlyList<WarningAlert>>(() =>
                Release(m) is { } current
                    ? WarningService.Evaluate(population, m, WarningRules.LoadBuiltIn(), ReleaseView.Published, current)
                    : [])).Value;
    }
}

/// <summary>
/// Dashboard summaries as sent (JSON bytes), by <see cref="DashboardData.SummaryKey"/>: signed-in readers bypass the
/// output cache (their requests carry credentials), so the answer is kept here for as long as what it depends on
/// is unchanged. A few keys at most (one per published period asked for).
/// </summary>
public sealed class SummaryAnswers
{
    /// <summary>Answers kept at most; when full, all are dropped.</summary>
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<string, Lazy<byte[]>> _answers = new(StringComparer.Ordinal);

    public byte[] Get(string key, Func<byte[]> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (_answers.Count >= Capacity) _answers.Clear();
        return _answers.GetOrAdd(key, _ => new Lazy<byte[]>(build)).Value;
    }
}
