using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.SeasonalAdjustment;

namespace Ballast.Statistics.Release;

/// <summary>
/// One seasonally adjusted figure: <c>va_sa_mom</c> of a cell for a month, the month-on-month growth of D11 of the
/// cell's volume index, in percent. <see cref="Value"/> is null when the figure is empty (flag E) or withheld in the
/// published view (flag C).
/// </summary>
public sealed record SaRow(YearMonth Period, string Breakdown, string Cell, double? Value, ReleaseFlag Flag);

/// <summary>How one segment of a cell's volume index was adjusted: the model, or why it was not.</summary>
public sealed record SaSeriesNote(string Breakdown, string Cell, YearMonth From, YearMonth To, AdjustmentStatus Status, string Text);

/// <summary>The outcome of <see cref="SeasonallyAdjustedRelease.Compute"/>: the figures, or why there are none.</summary>
public sealed record SaReleaseResult(YearMonth Period, SeasonallyAdjustedRelease? Release, IReadOnlyList<string> Errors)
{
    /// <summary>True when the figures were computed.</summary>
    public bool Succeeded => Release is not null;
}

/// <summary>
/// The seasonally adjusted figures of a release period t (docs/seasonal-adjustment.md, "In the release"): for
/// every cell of <see cref="VolumeIndex.Breakdowns"/> and every month up to t, <c>va_sa_mom</c>. Each segment of
/// the cell's volume index is adjusted by <see cref="SeasonalAdjuster"/> with automatic identification and the
/// Spring Festival regressors (<see cref="SpringFestival.Published"/>, cny_pre and cny_post); segments shorter than
/// three years get no figure, with the reason in <see cref="Notes"/>.
/// Flags: C when the cell is confidential in the release for t (primary or secondary suppression) or fails primary
/// suppression in the month itself; otherwise E when there is no figure (first month of a segment, a segment not
/// adjusted).
/// </summary>
public sealed class SeasonallyAdjustedRelease
{
    /// <summary>The measure name of the seasonally adjusted month-on-month growth.</summary>
    public const string Measure = "va_sa_mom";

    private SeasonallyAdjustedRelease(YearMonth period, IReadOnlyList<SaRow> rows, IReadOnlyList<SaSeriesNote> notes)
    {
        Period = period;
        ConfidentialRows = rows;
        PublishedRows = rows.Select(r => r.Flag == ReleaseFlag.Confidential ? r with { Value = null } : r).ToArray();
        Notes = notes;
    }

    /// <summary>The release period t: the last month of every series.</summary>
    public YearMonth Period { get; }

    /// <summary>Every figure with its value, confidential cells keeping their C flag (users allowed to see microdata).</summary>
    public IReadOnlyList<SaRow> ConfidentialRows { get; }

    /// <summary>Every figure, the values of C rows removed.</summary>
    public IReadOnlyList<SaRow> PublishedRows { get; }

    /// <summary>Per adjusted segment: the model used, or why it was not adjusted.</summary>
    public IReadOnlyList<SaSeriesNote> Notes { get; }

    /// <summary>The rows of a view, sorted by breakdown, cell, period.</summary>
    public IReadOnlyList<SaRow> Rows(ReleaseView view) => view == ReleaseView.Published ? PublishedRows : ConfidentialRows;

    /// <summary>The figure of a cell for a month, or null when the cell has no figure then.</summary>
    public SaRow? Find(string breakdown, string cell, YearMonth month, ReleaseView view = ReleaseView.Published) =>
        Rows(view).FirstOrDefault(r => r.Period == month && string.Equals(r.Breakdown, breakdown, StringComparison.Ordinal)
                                       && string.Equals(r.Cell, cell, StringComparison.Ordinal));

    /// <summary>
    /// The adjustment spec used for a segment: every choice identified automatically (transform, ARIMA orders,
    /// trading day, Easter, outliers) with the Spring Festival regressors imposed, as `ballast sa --holiday cny`.
    /// </summary>
    public static AdjustmentSpec SpecFor(YearMonth start, int length)
    {
        var model = new RegArimaSpec
        {
            UserRegressors = SpringFestival.Published.PrePost(start, length + new RegArimaSpec().ForecastHorizon),
        };
        return new AdjustmentSpec
        {
            Model = model,
            Identify = ModelChoice.All,
        };
    }

    /// <summary>
    /// Computes the seasonally adjusted figures for <paramref name="period"/>: the volume indices up to it, each
    /// segment adjusted in parallel over every core (output order fixed, independent of the scheduling). The
    /// release for the period gives the cells' flags; pass it when already computed. Refused when the release is
    /// (e.g. a January) or reference data are missing.
    /// </summary>
    public static SaReleaseResult Compute(ReleasePopulation population, YearMonth period, MonthlyRelease? release = null,
        IModelIdentifier? identifier = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (release is null)
        {
            var computed = ReleaseEngine.Compute(population, period);
            if (!computed.Succeeded) return new SaReleaseResult(period, null, [.. computed.Errors.Select(e => e.Message)]);
            release = computed.Release!;
        }
        else if (release.Period != period)
            throw new ArgumentException($"the release given is for {release.Period}, not {period}", nameof(release));

        var indices = VolumeIndex.Compute(population, period);
        if (!indices.Succeeded)
            return new SaReleaseResult(period, null,
                [$"The seasonally adjusted figures for {period} are refused: {indices.MissingKeys.Count} value-added rate or PPI entries are missing: {string.Join(", ", indices.MissingKeys)}."]);

        identifier ??= new AutomaticIdentifier();
        var jobs = new List<(int Series, int First, int Length)>();
        for (int s = 0; s < indices.Series.Count; s++)
            foreach (var (first, length) in indices.Series[s].Segments()) jobs.Add((s, first, length));
        var results = new AdjustmentResult[jobs.Count];
        Parallel.For(0, jobs.Count, j =>
        {
            var (s, first, length) = jobs[j];
            var series = indices.Series[s];
            var values = new double[length];
            for (int i = 0; i < length; i++) values[i] = series.Index[first + i];
            var start = series.Start.AddMonths(first);
            var spec = SpecFor(start, length);
            try
            {
                results[j] = SeasonalAdjuster.Adjust(new MonthlySeries(start, values), spec, identifier);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                // Identification can fail on a degenerate cell (e.g. zeros, collinear regressors): that cell gets no
                // figure, with the reason, and the others are still adjusted.
                results[j] = new AdjustmentResult { Status = AdjustmentStatus.Rejected, Spec = spec, Message = "the model could not be identified: " + e.Message };
            }
        });

        var rows = new List<SaRow>();
        var notes = new List<SaSeriesNote>(jobs.Count);
        for (int j = 0; j < jobs.Count; j++)
        {
            var (s, first, length) = jobs[j];
            var series = indices.Series[s];
            var result = results[j];
            var from = series.Start.AddMonths(first);
            notes.Add(new SaSeriesNote(series.Breakdown, series.Cell, from, from.AddMonths(length - 1), result.Status,
                result.IsAdjusted ? Describe(result.Model!) : result.Message ?? result.Status.ToString()));
            var cellFlag = release.Find(series.Breakdown, series.Cell, ReleaseMeasures.VaYoyMonth, ReleaseView.Confidential)?.Flag;
            bool cellConfidential = cellFlag == ReleaseFlag.Confidential;
            for (int i = 0; i < length; i++)
            {
                // No figure where the cell had no report (the adjuster filled the month) or at a segment's first month.
                double g = result.IsAdjusted && !double.IsNaN(series.Index[first + i]) ? result.Components!.Growth[i] : double.NaN;
                double? value = double.IsFinite(g) ? g + 0.0 : null;
                var flag = cellConfidential || series.PrimaryConfidential[first + i] ? ReleaseFlag.Confidential
                    : value is null ? ReleaseFlag.Empty : ReleaseFlag.None;
                rows.Add(new SaRow(from.AddMonths(i), series.Breakdown, series.Cell, value, flag));
            }
        }
        return new SaReleaseResult(period, new SeasonallyAdjustedRelease(period, rows, notes), []);
    }

    /// <summary>The model in X-13's words: transform, orders, trading day, Easter, outliers.</summary>
    public static string Describe(RegArimaSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parts = new List<string>
        {
            model.Transform == Transform.Log ? "log" : "none",
            model.Order.ToString(),
        };
        if (model.TradingDay != TradingDay.None) parts.Add(model.TradingDay == TradingDay.SixContrasts ? "td" : "td1coef");
        if (model.EasterWindow is int w) parts.Add(string.Create(CultureInfo.InvariantCulture, $"easter[{w}]"));
        if (model.UserRegressors.Count > 0) parts.Add(string.Join('+', model.UserRegressors.Select(u => u.Name)));
        if (model.Outliers.Count > 0) parts.Add(string.Join(' ', model.Outliers));
        return string.Join(' ', parts);
    }
}
