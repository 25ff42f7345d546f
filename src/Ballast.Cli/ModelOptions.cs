using System.CommandLine;
using System.Globalization;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.SeasonalAdjustment;

namespace Ballast.Cli;

/// <summary>
/// The options that impose the regARIMA model (shared by <c>sa</c> and <c>forecast</c>). A choice whose option is
/// not given is left to automatic identification (<see cref="Identifier"/>); until that exists, the command says
/// which options to give.
/// </summary>
internal sealed class ModelOptions
{
    /// <summary>Automatic identification of every choice not imposed (X-13's automatic procedures).</summary>
    internal static IModelIdentifier? Identifier { get; } = new AutomaticIdentifier();

    public Option<string> Input { get; } = new("--input") { Description = "The series file: tidy CSV series_id,period,value (YYYY-MM; empty value = missing)", Required = true };
    public Option<string[]> Series { get; } = new("--series") { Description = "Only these series (ids; default: every series of the file)", AllowMultipleArgumentsPerToken = true };
    public Option<string?> Transform { get; } = new("--transform") { Description = "log (multiplicative) or none (additive)" };
    public Option<string?> Model { get; } = new("--model") { Description = "ARIMA orders, e.g. \"(0 1 1)(0 1 1)\"" };
    public Option<string?> TradingDay { get; } = new("--td") { Description = "Trading day: td (six contrasts), td1coef (weekdays against weekends) or none" };
    public Option<string?> Easter { get; } = new("--easter") { Description = "Easter window in days (1..25) or none" };
    public Option<string?> Outliers { get; } = new("--outliers") { Description = "Outliers, e.g. \"AO2008.Nov LS2009.Jan TC2020.Apr\", or none" };
    public Option<string?> Holiday { get; } = new("--holiday") { Description = "Moving holiday regressors: cny (Spring Festival: cny_pre, cny_post) or none (default)" };
    public Option<string?> Differencing { get; } = new("--diff") { Description = "Orders of differencing in the automatic ARIMA search: auto (X-13's unit-root test; the default) or fixed (d = 1, D = 1)" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Input, Series, Transform, Model, TradingDay, Easter, Outliers, Holiday, Differencing }) command.Options.Add(o);
    }

    /// <summary>The imposed model and the choices left open; usage errors for malformed values.</summary>
    public (RegArimaSpec Model, ModelChoice Open, bool SpringFestival) Parse(ParseResult pr, int horizon)
    {
        var spec = new RegArimaSpec { ForecastHorizon = horizon };
        var open = ModelChoice.None;
        var transform = pr.GetValue(Transform);
        if (transform is null) open |= ModelChoice.Transform;
        else spec = spec with
        {
            Transform = transform.ToLowerInvariant() switch
            {
                "log" => Statistics.TimeSeries.RegArima.Transform.Log,
                "none" => Statistics.TimeSeries.RegArima.Transform.None,
                _ => throw new UsageException($"--transform \"{transform}\": use log or none"),
            },
        };
        var model = pr.GetValue(Model);
        if (model is null) open |= ModelChoice.Arima;
        else
        {
            try { spec = spec with { Order = ArimaOrder.Parse(model) }; }
            catch (FormatException e) { throw new UsageException("--model: " + e.Message); }
        }
        var td = pr.GetValue(TradingDay);
        if (td is null) open |= ModelChoice.TradingDay;
        else spec = spec with
        {
            TradingDay = td.ToLowerInvariant() switch
            {
                "td" => Statistics.TimeSeries.RegArima.TradingDay.SixContrasts,
                "td1coef" => Statistics.TimeSeries.RegArima.TradingDay.OneCoefficient,
                "none" => Statistics.TimeSeries.RegArima.TradingDay.None,
                _ => throw new UsageException($"--td \"{td}\": use td, td1coef or none"),
            },
        };
        var easter = pr.GetValue(Easter);
        if (easter is null) open |= ModelChoice.Easter;
        else if (!string.Equals(easter, "none", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(easter, NumberStyles.None, CultureInfo.InvariantCulture, out int w) || w is < 1 or > 25)
                throw new UsageException($"--easter \"{easter}\": use a window of 1..25 days or none");
            spec = spec with { EasterWindow = w };
        }
        var outliers = pr.GetValue(Outliers);
        if (outliers is null) open |= ModelChoice.Outliers;
        else if (!string.Equals(outliers.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            try { spec = spec with { Outliers = outliers.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Outlier.Parse).ToList() }; }
            catch (FormatException e) { throw new UsageException("--outliers: " + e.Message); }
            if (spec.Outliers.Distinct().Count() != spec.Outliers.Count) throw new UsageException("--outliers: an outlier is given twice");
        }
        var diff = pr.GetValue(Differencing);
        if (diff is not null && model is not null) throw new UsageException($"--diff {diff}: the orders are imposed by --model");
        if (diff is not null && !string.Equals(diff, "auto", StringComparison.OrdinalIgnoreCase) && !string.Equals(diff, "fixed", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--diff \"{diff}\": use auto or fixed");
        if (model is null && !string.Equals(diff, "fixed", StringComparison.OrdinalIgnoreCase)) open |= ModelChoice.Differencing;
        var holiday = pr.GetValue(Holiday);
        bool cny = holiday is not null && holiday.ToLowerInvariant() switch
        {
            "cny" => true,
            "none" => false,
            _ => throw new UsageException($"--holiday \"{holiday}\": use cny or none"),
        };
        if (open != ModelChoice.None && Identifier is null)
            throw new UsageException("automatic model identification is not available yet: impose the model with " +
                                     string.Join(", ", OptionsFor(open)));
        return (spec, open, cny);
    }

    /// <summary>
    /// Runs a command action, turning a usage mistake into its message and exit code 2 (System.CommandLine's
    /// default handler would otherwise print the exception).
    /// </summary>
    internal static int Guard(CliConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UsageException e)
        {
            console.Error.WriteLine("ballast: " + e.Message);
            return BallastCommand.Usage;
        }
    }

    private static IEnumerable<string> OptionsFor(ModelChoice open)
    {
        if (open.HasFlag(ModelChoice.Transform)) yield return "--transform log|none";
        if (open.HasFlag(ModelChoice.Arima)) yield return "--model \"(p d q)(P D Q)\"";
        if (open.HasFlag(ModelChoice.TradingDay)) yield return "--td td|td1coef|none";
        if (open.HasFlag(ModelChoice.Easter)) yield return "--easter N|none";
        if (open.HasFlag(ModelChoice.Outliers)) yield return "--outliers \"AO2008.Nov LS2009.Jan\"|none";
    }

    /// <summary>The model for one series: the Spring Festival regressors over its span and forecast horizon.</summary>
    public static RegArimaSpec ForSeries(RegArimaSpec model, bool springFestival, MonthlySeries series) =>
        springFestival
            ? model with { UserRegressors = [.. model.UserRegressors, .. SpringFestival.Published.PrePost(series.Start, series.Length + Math.Max(model.ForecastHorizon, 0))] }
            : model;

    /// <summary>X-13's words for the model, as in the reference summary.csv.</summary>
    public static (string Transform, string Td, string Easter) Describe(RegArimaSpec model) =>
        (model.Transform == Statistics.TimeSeries.RegArima.Transform.Log ? "Log(y)" : "No transformation",
         model.TradingDay switch
         {
             Statistics.TimeSeries.RegArima.TradingDay.SixContrasts => "td",
             Statistics.TimeSeries.RegArima.TradingDay.OneCoefficient => "td1coef",
             _ => "no",
         },
         model.EasterWindow is int w ? "easter[" + w.ToString(CultureInfo.InvariantCulture) + "]" : "no");
}
