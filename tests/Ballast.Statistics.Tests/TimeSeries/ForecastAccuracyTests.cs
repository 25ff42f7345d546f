using System.Diagnostics;
using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;
using Xunit.Abstractions;

namespace Ballast.Statistics.Tests.TimeSeries;

/// <summary>
/// Hold-out forecast accuracy of Ballast's automatic regARIMA against X-13ARIMA-SEATS on the reference series
/// (../shared/data/reference/forecast_accuracy.csv). Each series is cut at the origin, the model is identified
/// again on the cut series with the same tests as X-13's spec (x13/README.md), the hold-out is forecast and MASE
/// is the mean absolute error over the in-sample mean |y_t − y_{t−12}|. The acceptance: the group mean MASE is
/// at most X-13's + 0.02.
/// </summary>
public sealed class ForecastAccuracyTests(ITestOutputHelper output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string Reference = SharedData.In("data", "reference");
    private const double Margin = 0.02;

    private static double D(string s) => double.Parse(s, NumberStyles.Float, Inv);

    /// <summary>The tidy series files (series_id,period,value; an empty value is a missing month).</summary>
    private static readonly Lazy<Dictionary<string, MonthlySeries>> AllSeries = new(() =>
    {
        var rows = new Dictionary<string, List<(YearMonth Month, double Value)>>(StringComparer.Ordinal);
        foreach (var file in new[] { "eu_ipi_manufacturing_rjdemetra.csv", "china_production_rpkg_seasonal_2014.csv", "rpkg_seasonal_datasets.csv" })
        {
            foreach (var line in File.ReadLines(SharedData.In("data", "series", file)).Skip(1))
            {
                var f = line.Split(',');
                if (!rows.TryGetValue(f[0], out var list)) rows[f[0]] = list = [];
                list.Add((YearMonth.Parse(f[1]), f[2].Length == 0 ? double.NaN : D(f[2])));
            }
        }
        var result = new Dictionary<string, MonthlySeries>(StringComparer.Ordinal);
        foreach (var (id, list) in rows)
        {
            list.Sort((a, b) => a.Month.CompareTo(b.Month));
            var start = list[0].Month;
            var values = new double[list[^1].Month - start + 1];
            Array.Fill(values, double.NaN);
            foreach (var (m, v) in list) values[m - start] = v;
            result[id] = new MonthlySeries(start, values);
        }
        return result;
    });

    /// <summary>One CSV record's fields (the model column is quoted where it holds commas).</summary>
    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var cur = new System.Text.StringBuilder();
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(cur.ToString()); cur.Clear(); }
            else cur.Append(c);
        }
        fields.Add(cur.ToString());
        return [.. fields];
    }

    private static string[] Rows() => File.ReadLines(Path.Combine(Reference, "forecast_accuracy.csv")).Skip(1).ToArray();

    /// <summary>Series of a group as the reference file builds it: the forecast_accuracy rows of the method and origin, by series prefix.</summary>
    private static List<string> SeriesOf(string group, string origin, string method)
    {
        bool InGroup(string id) => group switch
        {
            "eu_ipi" => id.StartsWith("ipi_c_eu.", StringComparison.Ordinal),
            "china" => id.StartsWith("cnprod.", StringComparison.Ordinal) || id is "seasonal.exp" or "seasonal.imp",
            "other" => id == "seasonal.iip",
            _ => throw new ArgumentException(group, nameof(group)),
        };
        return Rows().Select(Fields)
            .Where(f => f[0] == origin && f[2] == method && InGroup(f[1]))
            .Select(f => f[1]).OrderBy(s => s, StringComparer.Ordinal).ToList();
    }

    /// <summary>X-13's (or any method's) mean MASE row of the group, and the count it states ("mean over N series").</summary>
    private static (double Mase, int Count) ReferenceMean(string group, string origin, string method)
    {
        var f = Rows().Select(Fields).Single(r => r[0] == origin && r[1] == "__MEAN__" + group && r[2] == method);
        return (D(f[7]), int.Parse(f[3].Split(' ')[2], Inv));
    }

    /// <summary>MASE as the reference README defines it: mean |error| over the hold-out, scaled by the mean
    /// |y_t − y_{t−12}| over the training span (pairs with a missing month skipped).</summary>
    internal static double Mase(MonthlySeries training, IReadOnlyList<double> actual, IReadOnlyList<double> forecast)
    {
        double sum = 0; int n = 0;
        for (int t = 12; t < training.Length; t++)
        {
            if (training.IsMissing(t) || training.IsMissing(t - 12)) continue;
            sum += Math.Abs(training[t] - training[t - 12]); n++;
        }
        double scale = sum / n;
        double err = 0; int k = 0;
        for (int h = 0; h < actual.Count; h++)
        {
            if (double.IsNaN(actual[h])) continue;
            err += Math.Abs(actual[h] - forecast[h]); k++;
        }
        return err / k / scale;
    }

    /// <summary>Training span and hold-out months of a series for an origin.</summary>
    private static (MonthlySeries Training, YearMonth FirstHoldOut) Cut(MonthlySeries full, string origin) => origin switch
    {
        "last12" => (full.Slice(full.Start, full.End.AddMonths(-12)), full.End.AddMonths(-11)),
        "pre_covid_2019" => (full.Slice(full.Start, new YearMonth(2018, 12)), new YearMonth(2019, 1)),
        _ => throw new ArgumentException(origin, nameof(origin)),
    };

    /// <summary>The tests of X-13's spec for the series (x13/README.md): EU and India aictest=(td easter), Chinese series aictest=(td); `_cny` adds the Spring Festival regressors.</summary>
    private static AutomaticSpec SpecFor(string id, MonthlySeries training, bool springFestival) => new()
    {
        Transform = null,
        Order = null,
        TradingDay = null,
        TestEaster = !(id.StartsWith("cnprod.", StringComparison.Ordinal) || id is "seasonal.exp" or "seasonal.imp"),
        UserRegressors = springFestival ? SpringFestival.Published.PrePost(training.Start, training.Length + 12) : [],
        ForecastHorizon = 12,
    };

    private (double Mean, int Count, double Seconds) Measure(string group, string origin, string method, bool springFestival)
    {
        var ids = SeriesOf(group, origin, method);
        var sw = Stopwatch.StartNew();
        var mases = new List<double>();
        foreach (var id in ids)
        {
            var full = AllSeries.Value[id];
            var (training, first) = Cut(full, origin);
            var m = AutomaticModel.Identify(training, SpecFor(id, training, springFestival));
            var actual = Enumerable.Range(0, 12).Select(h => full[first.AddMonths(h)]).ToArray();
            var forecast = Enumerable.Range(0, 12).Select(h => m.Fit.Forecasts.Single(f => f.Month == first.AddMonths(h)).Point).ToArray();
            double mase = Mase(training, actual, forecast);
            mases.Add(mase);
            var x13 = Rows().Select(Fields).Single(r => r[0] == origin && r[1] == id && r[2] == method);
            output.WriteLine(string.Create(Inv,
                $"{id,-16} ballast {mase:F4} ({m.Transform} {m.Order} {m.TradingDay} E{m.EasterWindow?.ToString(Inv) ?? "-"} {m.Outliers.Count} outliers) | x13 {D(x13[7]):F4} {x13[3]}"));
        }
        double mean = mases.Average();
        output.WriteLine(string.Create(Inv, $"{group} {origin} {method}: {ids.Count} series, Ballast mean MASE {mean:F4}, {sw.Elapsed.TotalSeconds:F1} s"));
        return (mean, ids.Count, sw.Elapsed.TotalSeconds);
    }

    private void AssertGroup(string group, string origin, string method, bool springFestival, double reached)
    {
        var (x13Mean, x13Count) = ReferenceMean(group, origin, method);
        var (mean, count, _) = Measure(group, origin, method, springFestival);
        output.WriteLine(string.Create(Inv, $"X-13 mean {x13Mean:F4}, difference {mean - x13Mean:+0.0000;-0.0000}"));
        Assert.Equal(x13Count, count);
        // The acceptance, or where it is not reached the measured mean as a regression guard (see the test's remarks).
        Assert.True(mean <= Math.Max(x13Mean + Margin, reached) + 1e-4,
            string.Create(Inv, $"{group} {origin}: mean MASE {mean:F4} > X-13 {x13Mean:F4} + {Margin} (reached before: {reached:F4})"));
    }

    [Fact]
    public void MaseDefinition_ReproducesReferenceFile()
    {
        // The X-13 hold-out points of forecast_holdout_points.csv, scored with Mase(), give the file's MASE
        // (4 decimals): the scale and the averaging are the README's.
        var points = File.ReadLines(Path.Combine(Reference, "forecast_holdout_points.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[2].StartsWith("x13_regarima_auto", StringComparison.Ordinal)).GroupBy(f => (Origin: f[0], Id: f[1], Method: f[2])).ToList();
        // 34 EU series × 2 origins + 7 Chinese + India, and the 7 Chinese again with Spring Festival.
        Assert.Equal(83, points.Count);
        foreach (var g in points)
        {
            var (training, _) = Cut(AllSeries.Value[g.Key.Id], g.Key.Origin);
            double mase = Mase(training, g.Select(f => D(f[4])).ToArray(), g.Select(f => D(f[5])).ToArray());
            var row = Rows().Select(Fields).Single(r => r[0] == g.Key.Origin && r[1] == g.Key.Id && r[2] == g.Key.Method);
            Assert.True(Math.Abs(mase - D(row[7])) < 6e-5, $"{g.Key}: {mase} vs {row[7]}");
        }
    }

    [Fact]
    public void EuIpiLast12_MeanMaseWithinX13()
        => AssertGroup("eu_ipi", "last12", "x13_regarima_auto", false, 0);

    [Fact]
    public void EuIpiPreCovid2019_MeanMaseWithinX13()
        => AssertGroup("eu_ipi", "pre_covid_2019", "x13_regarima_auto", false, 0);

    [Fact]
    public void ChinaLast12_MeanMaseWithinX13()
        => AssertGroup("china", "last12", "x13_regarima_auto", false, 0);

    [Fact]
    public void ChinaSpringFestivalLast12_MeanMaseWithinX13()
        => AssertGroup("china", "last12", "x13_regarima_auto_cny", true, 0);

    /// <summary>
    /// India's IIP (the only series of the group; 104 months once cut). It scored 0.6223 against X-13's 0.5180 while
    /// the outlier search differed from X-13's on the default model: X-13 ranks LS2008.Dec first (|t| 4.74), then
    /// AO2011.Oct 4.66 and LS2006.Nov 4.47, and keeps it alone. Three causes, fixed: the robust residual standard
    /// error came from the standardised innovations, not from the model's exact residuals as X-13's (1.65E-02
    /// against 1.39E-02 with a seasonal MA ≈ 1); the estimator stopped at θ₁ = 0.3085 instead of 0.3558 with Θ₁ on
    /// the unit circle; and the outliers were added several at a time with the ARMA values held, where X-13 adds
    /// one and re-estimates. The model then fails the Ljung–Box test as X-13's does and the second round adds
    /// AO2006.Nov and AO2011.Oct: X-13's three outliers, and X-13's MASE.
    /// </summary>
    [Fact]
    public void OtherLast12_MeanMaseWithinX13()
        => AssertGroup("other", "last12", "x13_regarima_auto", false, 0);
}
