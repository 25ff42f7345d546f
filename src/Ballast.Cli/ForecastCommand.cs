using System.CommandLine;
using System.Globalization;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.SeasonalAdjustment;

namespace Ballast.Cli;

/// <summary>
/// <c>ballast forecast</c>: regARIMA forecasts with prediction intervals for many series in one call, in
/// parallel over series (docs/seasonal-adjustment.md §Command).
/// </summary>
internal static class ForecastCommand
{
    public static Command Command(CliConsole console)
    {
        var model = new ModelOptions();
        var horizon = new Option<int>("--horizon") { Description = "Months to forecast (default 12)", DefaultValueFactory = _ => 12 };
        var output = new Option<string>("--out") { Description = "The CSV file to write: series_id,period,forecast,lower95,upper95", Required = true };
        var cmd = new Command("forecast", "Forecast series with their regARIMA model, with 95 % prediction intervals.") { horizon, output };
        model.AddTo(cmd);
        cmd.SetAction(pr => ModelOptions.Guard(console, () =>
        {
            int h = pr.GetValue(horizon);
            if (h is < 1 or > 120) throw new UsageException($"--horizon {h}: use 1..120 months");
            var (imposed, open, cny) = model.Parse(pr, h);
            var input = pr.GetValue(model.Input)!;
            var path = pr.GetValue(output)!;
            var wanted = pr.GetValue(model.Series) is { Length: > 0 } ids ? ids : null;
            List<(string Id, MonthlySeries Series)> all;
            try { all = SeriesInput.Read(input, wanted); }
            catch (SeriesFileException e) { console.Error.WriteLine("ballast: " + e.Message); return BallastCommand.Rejected; }

            var fits = new (RegArimaFit? Fit, string? Error)[all.Count];
            // Identified and fitted as `sa` does (never-observed calendar months by the same convention).
            Parallel.ForEach(Enumerable.Range(0, all.Count), i =>
            {
                var series = all[i].Series;
                fits[i] = SeasonalAdjuster.FitModel(series, ModelOptions.ForSeries(imposed, cny, series), open, ModelOptions.Identifier);
            });

            int done = 0;
            SaCommand.WriteFile(path, csv =>
            {
                csv.WriteRow(["series_id", "period", "forecast", "lower95", "upper95"]);
                for (int i = 0; i < all.Count; i++)
                {
                    if (fits[i].Fit is not { } fit) continue;
                    done++;
                    foreach (var f in fit.Forecasts)
                        csv.WriteRow([all[i].Id, f.Month.ToString(), SaCommand.N(f.Point), SaCommand.N(f.Lower), SaCommand.N(f.Upper)]);
                }
            });
            for (int i = 0; i < all.Count; i++)
                if (fits[i].Error is { } error) console.Error.WriteLine($"ballast: {all[i].Id}: {error}");
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Forecast {done} of {all.Count} series, {h} months each; wrote {path}."));
            return done == all.Count ? BallastCommand.Ok : BallastCommand.Rejected;
        }));
        return cmd;
    }
}
