using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ballast.Core.Files;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.SeasonalAdjustment;

namespace Ballast.Cli;

/// <summary>
/// <c>ballast sa</c>: seasonal adjustment of many series in one call, in parallel over series, written in the
/// layout of the X-13 reference runs (docs/seasonal-adjustment.md §Command).
/// </summary>
internal static class SaCommand
{
    internal static readonly string[] ComponentsHeader =
    [
        "period", "original", "d10_seasonal_factor", "d11_seasonally_adjusted", "d12_trend", "d13_irregular",
        "d16_combined_adj_factor", "d18_combined_calendar_factor", "hol_holiday_factor",
    ];

    public static Command Command(CliConsole console)
    {
        var model = new ModelOptions();
        var output = new Option<string>("--out") { Description = "The folder to write: <series_id>/components.csv, forecast.csv, outliers.csv, arima.csv, regression.csv and summary.csv", Required = true };
        var cmd = new Command("sa", "Seasonally adjust series (regARIMA + X-11 as X-13ARIMA-SEATS) and write the components, forecasts and model tables.") { output };
        model.AddTo(cmd);
        cmd.SetAction(pr => ModelOptions.Guard(console, () =>
        {
            var (imposed, open, cny) = model.Parse(pr, horizon: 12);
            var dir = pr.GetValue(output)!;
            var input = pr.GetValue(model.Input)!;
            var wanted = pr.GetValue(model.Series) is { Length: > 0 } ids ? ids : null;
            List<(string Id, MonthlySeries Series)> all;
            try { all = SeriesInput.Read(input, wanted); }
            catch (SeriesFileException e) { console.Error.WriteLine("ballast: " + e.Message); return BallastCommand.Rejected; }
            foreach (var (id, _) in all)
                if (id is "." or ".." || id.IndexOfAny(['/', '\\', ':']) >= 0 || id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                {
                    console.Error.WriteLine($"ballast: {input}: series id \"{id}\" cannot name a folder (no / \\ : or control characters)");
                    return BallastCommand.Rejected;
                }

            var results = new (AdjustmentResult Result, double Seconds)[all.Count];
            var clock = Stopwatch.StartNew();
            Parallel.ForEach(Enumerable.Range(0, all.Count), i =>
            {
                var start = Stopwatch.GetTimestamp();
                var series = all[i].Series;
                var spec = new AdjustmentSpec { Model = ModelOptions.ForSeries(imposed, cny, series), Identify = open };
                var result = SeasonalAdjuster.Adjust(series, spec, ModelOptions.Identifier);
                results[i] = (result, Stopwatch.GetElapsedTime(start).TotalSeconds);
            });
            clock.Stop();

            Directory.CreateDirectory(dir);
            int adjusted = 0;
            for (int i = 0; i < all.Count; i++)
            {
                var (id, _) = all[i];
                var r = results[i].Result;
                if (!r.IsAdjusted)
                {
                    console.Error.WriteLine($"ballast: {id}: {r.Message}");
                    continue;
                }
                adjusted++;
                var sub = Path.Combine(dir, id);
                Directory.CreateDirectory(sub);
                WriteComponents(Path.Combine(sub, "components.csv"), r);
                WriteForecasts(Path.Combine(sub, "forecast.csv"), r.Forecasts);
                WriteRegression(Path.Combine(sub, "outliers.csv"), r.Outliers, withGroup: false);
                WriteArima(Path.Combine(sub, "arima.csv"), r.Arma);
                WriteRegression(Path.Combine(sub, "regression.csv"), r.Regression, withGroup: true);
            }
            WriteSummary(Path.Combine(dir, "summary.csv"), all, results);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Adjusted {adjusted} of {all.Count} series in {clock.Elapsed.TotalSeconds:F2} s; wrote {dir}."));
            return adjusted == all.Count ? BallastCommand.Ok : BallastCommand.Rejected;
        }));
        return cmd;
    }

    internal static string N(double v) => double.IsFinite(v) ? NumberText.Format(v) : "";

    internal static void WriteFile(string path, Action<CsvWriter> write)
    {
        var tmp = path + ".partial";
        using (var stream = File.Create(tmp))
        using (var csv = new CsvWriter(stream))
            write(csv);
        File.Move(tmp, path, overwrite: true);
    }

    private static void WriteComponents(string path, AdjustmentResult r) => WriteFile(path, csv =>
    {
        var c = r.Components!;
        csv.WriteRow(ComponentsHeader);
        for (int t = 0; t < c.Count; t++)
            csv.WriteRow([
                c.MonthAt(t).ToString(), N(c.Original[t]), N(c.Seasonal[t]), N(c.SeasonallyAdjusted[t]), N(c.Trend[t]),
                N(c.Irregular[t]), N(c.CombinedAdjustment[t]), c.Calendar is null ? "" : N(c.Calendar[t]),
                c.Holiday is null ? "" : N(c.Holiday[t]),
            ]);
    });

    /// <summary>forecast.csv of the reference runs.</summary>
    private static void WriteForecasts(string path, IReadOnlyList<Forecast> forecasts) => WriteFile(path, csv =>
    {
        csv.WriteRow(["period", "forecast", "lower95", "upper95"]);
        foreach (var f in forecasts) csv.WriteRow([f.Month.ToString(), N(f.Point), N(f.Lower), N(f.Upper)]);
    });

    private static void WriteRegression(string path, IReadOnlyList<RegressionEstimate> rows, bool withGroup) => WriteFile(path, csv =>
    {
        csv.WriteRow(withGroup ? ["group", "variable", "estimate", "std_error", "t_value"] : ["outlier", "estimate", "std_error", "t_value"]);
        foreach (var e in rows)
            csv.WriteRow(withGroup ? [e.Group, e.Name, N(e.Estimate), N(e.StandardError), N(e.T)] : [e.Name, N(e.Estimate), N(e.StandardError), N(e.T)]);
    });

    private static void WriteArima(string path, IReadOnlyList<ArmaEstimate> rows) => WriteFile(path, csv =>
    {
        csv.WriteRow(["operator", "factor", "period", "lag", "estimate", "std_error"]);
        foreach (var a in rows)
            csv.WriteRow([a.Operator, a.Seasonal ? "Seasonal" : "Nonseasonal", a.Seasonal ? "12" : "1",
                a.Lag.ToString(CultureInfo.InvariantCulture), N(a.Estimate), N(a.StandardError)]);
    });

    private static void WriteSummary(string path, List<(string Id, MonthlySeries Series)> all, (AdjustmentResult Result, double Seconds)[] results) => WriteFile(path, csv =>
    {
        csv.WriteRow(["series_id", "transform", "model", "td", "easter", "outliers", "M7", "Q", "seconds", "status", "message"]);
        for (int i = 0; i < all.Count; i++)
        {
            var (r, seconds) = results[i];
            var status = r.Status switch
            {
                AdjustmentStatus.Adjusted => "ok",
                AdjustmentStatus.TooShort => "too_short",
                AdjustmentStatus.ModelNotImposed => "model_not_imposed",
                _ => "rejected",
            };
            var time = seconds.ToString("F3", CultureInfo.InvariantCulture);
            if (r.Model is { } m && r.Quality is { } q)
            {
                var (transform, td, easter) = ModelOptions.Describe(m);
                csv.WriteRow([all[i].Id, transform, m.Order.ToString(), td, easter, string.Join(' ', r.Outliers.Select(o => o.Name)),
                    q.M7.ToString("F3", CultureInfo.InvariantCulture), q.Q.ToString("F2", CultureInfo.InvariantCulture), time, status, ""]);
            }
            else csv.WriteRow([all[i].Id, "", "", "", "", "", "", "", time, status, r.Message ?? ""]);
        }
    });
}
