using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Tests.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.SeasonalAdjustment;
using Ballast.Statistics.TimeSeries.X11;
using Xunit.Abstractions;

namespace Ballast.Statistics.Tests.TimeSeries.SeasonalAdjustment;

/// <summary>
/// January and February blanked in every year of the Chinese production series (as when only the
/// January–February total is published): the adjustment still runs, and the other months stay close to the
/// complete-series run. docs/seasonal-adjustment.md §Gaps explains the tolerances:
/// - Level: with seasonal differencing, the common level of a calendar month that is never observed is not in the
///   data; it is set by convention (interpolation between December and March), which moves the normalised seasonal
///   factors of every other month by a near-constant factor (here 0.9–5.3 %). Asserted: that factor within 8 %.
/// - Shape: around that factor, D11 of March..December moves by at most 2.5 % — at most one root-mean-square
///   irregular of the complete run (2.1–5.5 %): January and February no longer feed the trend and the
///   extreme-value tests. Asserted: within 3 %, and within 1.1 × the irregular's rms.
/// - Growth (April..December, the months whose month-on-month growth involves no blank month): at most 3.6
///   points in one month, 0.25–0.62 on average, against a standard deviation of 2.7–7.4 points of that growth.
///   Asserted: every month within 4 points, the mean within 1 point.
/// </summary>
public sealed class SeasonalAdjusterGapsTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> ChinaSeries() =>
        new[] { "cnprod.cement", "cnprod.ore", "cnprod.oil", "cnprod.plastic", "cnprod.clothes" }.Select(s => new object[] { s });

    private static MonthlySeries Read(string id)
    {
        var rows = File.ReadLines(SharedData.In("data", "series", "china_production_rpkg_seasonal_2014.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == id).ToList();
        return new MonthlySeries(YearMonth.Parse(rows[0][1]), rows.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture)));
    }

    private static MonthlySeries JanuaryAndFebruaryBlanked(MonthlySeries complete)
    {
        var gapped = complete;
        for (int t = 0; t < complete.Length; t++)
            if (complete.MonthAt(t).Month <= 2) gapped = gapped.With(t, double.NaN);
        return gapped;
    }

    [Theory]
    [MemberData(nameof(ChinaSeries))]
    public void Adjust_JanuaryAndFebruaryBlanked_OtherMonthsCloseToTheCompleteRun(string id)
    {
        var complete = Read(id);
        var gapped = JanuaryAndFebruaryBlanked(complete);
        Assert.Equal(31, gapped.MissingCount); // 1998-02 and the Januaries and Februaries of 1999..2013

        // X-13's model of the complete series (run "auto"), with what no data can estimate once January and
        // February are blank taken out, in both runs: additive outliers in those months (they are the missing
        // values), level shifts there moved to March (the same regressor once January and February are free), the
        // leap-year regressor of an additive model with trading day (it lives in February only; oil).
        var x13 = X13Run.Load(id + "__auto").Spec;
        var outliers = new List<Outlier>();
        foreach (var o in x13.Outliers)
        {
            var moved = o.Kind == OutlierKind.LS && o.Month.Month <= 2 ? o with { Month = new YearMonth(o.Month.Year, 3) } : o;
            if (!(o.Kind == OutlierKind.AO && o.Month.Month <= 2) && !outliers.Contains(moved)) outliers.Add(moved);
        }
        var model = x13 with { Outliers = outliers, TradingDay = x13.Transform == Transform.None ? TradingDay.None : x13.TradingDay };
        var full = SeasonalAdjuster.Adjust(complete, AdjustmentSpec.Imposed(model));
        var gaps = SeasonalAdjuster.Adjust(gapped, AdjustmentSpec.Imposed(model));
        Assert.True(full.IsAdjusted, full.Message);
        Assert.True(gaps.IsAdjusted, gaps.Message);
        var a = full.Components!;
        var b = gaps.Components!;

        var ratios = new List<double>();
        var growth = new List<double>();
        var irregular = new List<double>();
        for (int t = 0; t < a.Count; t++)
        {
            int month = a.MonthAt(t).Month;
            if (month <= 2)
            {
                // Blank months are filled and adjusted too.
                Assert.True(double.IsNaN(b.Original[t]));
                Assert.True(b.Filled[t] > 0 && double.IsFinite(b.SeasonallyAdjusted[t]));
                continue;
            }
            Assert.Equal(complete[t], b.Filled[t]); // observed months are never touched
            ratios.Add(b.SeasonallyAdjusted[t] / a.SeasonallyAdjusted[t]);
            irregular.Add(a.Mode == X11Mode.Additive ? a.Irregular[t] / a.Trend[t] : a.Irregular[t] - 1);
            if (month >= 4) growth.Add(Math.Abs(b.Growth[t] - a.Growth[t]));
        }
        double level = ratios.Average();
        double shape = ratios.Max(r => Math.Abs(r / level - 1));
        double rmsIrregular = Math.Sqrt(irregular.Average(v => v * v));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{id}: level factor {level:F4}, shape {shape:E2} (irregular rms {rmsIrregular:E2}), growth max {growth.Max():F2} mean {growth.Average():F2} points"));
        Assert.True(Math.Abs(level - 1) < 0.08, $"level factor {level}");
        Assert.True(shape < 0.03 && shape < 1.1 * rmsIrregular, $"D11 shape {shape} (irregular rms {rmsIrregular})");
        Assert.True(growth.Max() < 4, $"growth differs by {growth.Max()} points");
        Assert.True(growth.Average() < 1, $"growth differs by {growth.Average()} points on average");
    }
    /// <summary>
    /// The same series with every choice left to automatic identification (the release's way): identification
    /// meets the never-observed months too, and used to stop on their collinear missing-value regressors. Each
    /// series is now identified and adjusted, no additive outlier is placed in a blank month, the unobserved
    /// months' contrast regressors are not left in the identified model twice, and the observed months are
    /// untouched.
    /// </summary>
    [Theory]
    [MemberData(nameof(ChinaSeries))]
    public void Adjust_JanuaryAndFebruaryBlanked_EveryChoiceAutomatic_IsIdentifiedAndAdjusted(string id)
    {
        var complete = Read(id);
        var gapped = JanuaryAndFebruaryBlanked(complete);
        var spec = new AdjustmentSpec { Model = new RegArimaSpec { ForecastHorizon = 12 }, Identify = ModelChoice.All };
        var result = SeasonalAdjuster.Adjust(gapped, spec, new AutomaticIdentifier());
        Assert.True(result.IsAdjusted, result.Message);
        var model = result.Model!;
        Assert.DoesNotContain(model.Outliers, o => o.Kind == OutlierKind.AO && o.Month.Month <= 2);
        Assert.DoesNotContain(model.UserRegressors, u => u.Group == "Missing value (unobserved calendar month)");
        var c = result.Components!;
        for (int t = 0; t < gapped.Length; t++)
        {
            if (gapped.IsMissing(t)) Assert.True(c.Filled[t] > 0 && double.IsFinite(c.SeasonallyAdjusted[t]));
            else Assert.Equal(complete[t], c.Filled[t]);
        }
        output.WriteLine($"{id}: {model.Transform} {model.Order} td {model.TradingDay} outliers {string.Join(' ', model.Outliers)}");
    }
}
