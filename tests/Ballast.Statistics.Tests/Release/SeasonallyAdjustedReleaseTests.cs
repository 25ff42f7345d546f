using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.SeasonalAdjustment;
using static Ballast.Statistics.Release.ReleaseBreakdowns;

namespace Ballast.Statistics.Tests.Release;

/// <summary>va_sa_mom on a synthetic population of 66 months (2020-01..2025-06).</summary>
public class SeasonallyAdjustedReleaseTests
{
    private static readonly YearMonth First = new(2020, 1), Period = new(2025, 6);
    private static readonly double[] Seasonal = [0.82, 0.78, 1.02, 1.0, 1.01, 1.04, 0.99, 0.98, 1.01, 1.0, 1.05, 1.12];

    /// <summary>
    /// Division 13 (province 11): six enterprises reporting every month, growing 0.5 % a month with a seasonal
    /// pattern. Division 26 (province 11): two enterprises (a confidential cell). Division 44 (province 65):
    /// three entrants from 2023-06 (a series of 25 months, too short to adjust). Rate 0.5, PPI 100 throughout.
    /// </summary>
    private static (ReleasePopulation Population, Func<YearMonth, double> Division13Output) Build()
    {
        var sketch = new PopulationSketch();
        for (int e = 0; e < 6; e++) sketch.Enterprise($"A{e}", "13", "11");
        sketch.Enterprise("B0", "26", "11").Enterprise("B1", "26", "11");
        for (int e = 0; e < 3; e++) sketch.Enterprise($"C{e}", "44", "65");
        double Output(int e, int k) => (100 + 10 * e) * Math.Pow(1.005, k) * Seasonal[k % 12] * (1 + 0.01 * Math.Sin(1.7 * k + e));
        for (int k = 0; k <= Period - First; k++)
        {
            string p = First.AddMonths(k).ToString();
            for (int e = 0; e < 6; e++) sketch.Report($"A{e}", p, Output(e, k));
            for (int e = 0; e < 2; e++) sketch.Report($"B{e}", p, Output(e + 3, k));
            if (First.AddMonths(k) >= new YearMonth(2023, 6))
                for (int e = 0; e < 3; e++) sketch.Report($"C{e}", p, Output(e, k));
        }
        for (int y = 2019; y <= 2025; y++)
            foreach (var d in PopulationSketch.Codes.Divisions)
            {
                sketch.Rate(d.Code, y, 0.5);
                for (int m = 1; m <= 12; m++) sketch.Ppi(d.Code, new YearMonth(y, m).ToString(), 100);
            }
        return (sketch.Build(), month => Enumerable.Range(0, 6).Sum(e => Output(e, month - First)));
    }

    private static readonly Lazy<(ReleasePopulation Population, Func<YearMonth, double> Output, SeasonallyAdjustedRelease Sa)> Computed = new(() =>
    {
        var (population, output) = Build();
        var result = SeasonallyAdjustedRelease.Compute(population, Period);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return (population, output, result.Release!);
    });

    [Fact]
    public void Figures_EqualADirectSeasonalAdjusterRunOnTheIndex()
    {
        var (_, output, sa) = Computed.Value;
        // Every enterprise of division 13 is matched every month after the first year, rate and PPI constant: the
        // chain telescopes, I(m) = 0.5 × Σ output(m) in every month.
        int n = Period - First + 1;
        var computed = VolumeIndex.Compute(Computed.Value.Population, Period).Find(Division, "13")!;
        for (int k = 0; k < n; k++)
        {
            double expected = 0.5 * output(First.AddMonths(k));
            Assert.True(Math.Abs(computed.Index[k] - expected) <= 1e-12 * expected, $"index {First.AddMonths(k)}: {computed.Index[k]} against {expected}");
        }
        // The adjustment amplifies last-bit differences of its input through the optimiser's tolerance, so the
        // direct run takes the very same doubles.
        var index = new MonthlySeries(First, computed.Index);
        var spec = new AdjustmentSpec
        {
            Model = new RegArimaSpec { UserRegressors = SpringFestival.Published.PrePost(First, n + 12) },
            Identify = ModelChoice.All,
        };
        var direct = SeasonalAdjuster.Adjust(index, spec, new AutomaticIdentifier());
        Assert.True(direct.IsAdjusted, direct.Message);
        for (int k = 1; k < n; k++)
        {
            var row = sa.Find(Division, "13", First.AddMonths(k), ReleaseView.Confidential)!;
            // The first year has no matched pair (fewer than 3 enterprises, as the release counts them): C.
            Assert.Equal(k < 12 ? ReleaseFlag.Confidential : ReleaseFlag.None, row.Flag);
            Assert.True(direct.Components!.Growth[k] == row.Value!.Value, $"{row.Period}: {direct.Components.Growth[k]} against {row.Value}");
        }
        // The first month has no previous month: no figure.
        Assert.Null(sa.Find(Division, "13", First, ReleaseView.Confidential)!.Value);
        Assert.Contains(sa.Notes, x => x.Cell == "13" && x.Breakdown == Division && x.Status == AdjustmentStatus.Adjusted && x.Text.Contains("cny_pre", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfidentialCell_ItsFiguresAreConfidential_ValuesOnlyInTheConfidentialView()
    {
        var (population, _, sa) = Computed.Value;
        // Division 26 has two enterprises: confidential in the release, so every SA figure of it is C.
        var release = ReleaseEngine.Compute(population, Period).Release!;
        Assert.Equal(ReleaseFlag.Confidential, release.Find(Division, "26", ReleaseMeasures.VaYoyMonth)!.Flag);
        var rows = sa.PublishedRows.Where(r => r.Breakdown == Division && r.Cell == "26").ToArray();
        Assert.Equal(66, rows.Length);
        Assert.All(rows, r => Assert.Equal(ReleaseFlag.Confidential, r.Flag));
        Assert.All(rows, r => Assert.Null(r.Value));
        var unsuppressed = sa.Find(Division, "26", Period, ReleaseView.Confidential)!;
        Assert.Equal(ReleaseFlag.Confidential, unsuppressed.Flag);
        Assert.NotNull(unsuppressed.Value);
    }

    [Fact]
    public void TooShortSeries_HasNoFigure_AndSaysWhy()
    {
        var (_, _, sa) = Computed.Value;
        // Province 65: three entrants from 2023-06, 25 months to 2025-06.
        var note = Assert.Single(sa.Notes, x => x.Breakdown == Province && x.Cell == "65");
        Assert.Equal(AdjustmentStatus.TooShort, note.Status);
        Assert.Contains("25 months", note.Text, StringComparison.Ordinal);
        Assert.Equal(new YearMonth(2023, 6), note.From);
        var rows = sa.ConfidentialRows.Where(r => r.Breakdown == Province && r.Cell == "65").ToArray();
        Assert.Equal(25, rows.Length);
        Assert.All(rows, r => Assert.Null(r.Value));
        // Before they have a base year the cell has no matched pair: C (fewer than 3); afterwards E.
        Assert.Equal(ReleaseFlag.Empty, rows[^1].Flag);
    }

    [Fact]
    public void RowsAreSortedAndTheSameWhateverTheScheduling()
    {
        var (population, _, sa) = Computed.Value;
        var again = SeasonallyAdjustedRelease.Compute(population, Period).Release!;
        Assert.Equal(sa.ConfidentialRows, again.ConfidentialRows);
        var keys = sa.ConfidentialRows.Select(r => (r.Breakdown, r.Cell)).Distinct().ToArray();
        Assert.Equal(keys.OrderBy(k => k.Breakdown, StringComparer.Ordinal).ThenBy(k => k.Cell, StringComparer.Ordinal), keys);
    }

    [Fact]
    public void January_IsRefusedWithTheReleaseReason()
    {
        var (population, _, _) = Computed.Value;
        var result = SeasonallyAdjustedRelease.Compute(population, new YearMonth(2025, 1));
        Assert.False(result.Succeeded);
        Assert.Contains("January is published together with February", Assert.Single(result.Errors), StringComparison.Ordinal);
    }
}
