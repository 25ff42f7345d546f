using System.Globalization;
using System.Text.RegularExpressions;
using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;

namespace Ballast.Statistics.Tests.TimeSeries.RegArima;

/// <summary>One X-13 reference run (../shared/data/reference/x13/&lt;run&gt;): its spec, data and outputs.</summary>
internal sealed partial class X13Run
{
    public static readonly string Root = SharedData.In("data", "reference", "x13");
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public required string Id { get; init; }
    public required MonthlySeries Series { get; init; }
    public required RegArimaSpec Spec { get; init; }
    public required List<(string Operator, bool Seasonal, int Lag, double Estimate, double Se)> Arma { get; init; }
    public required List<(string Name, double Estimate, double Se)> Regression { get; init; }
    public required List<(YearMonth Month, double Point, double Lower, double Upper)> Forecasts { get; init; }
    public required double Aicc { get; init; }
    public required double LogLikelihood { get; init; }
    public required double Variance { get; init; }

    public static bool Available => File.Exists(Path.Combine(Root, "summary.csv"));

    /// <summary>Run ids of summary.csv with status ok.</summary>
    public static IReadOnlyList<string> OkRuns() =>
        File.ReadLines(Path.Combine(Root, "summary.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[7] == "ok")
            .Select(f => f[0])
            .ToList();

    private static double D(string s) => double.Parse(s, NumberStyles.Float, Inv);

    public static X13Run Load(string id)
    {
        var row = File.ReadLines(Path.Combine(Root, "summary.csv")).Skip(1).Select(l => l.Split(',')).Single(f => f[0] == id);
        string dir = Path.Combine(Root, id);
        var spc = File.ReadAllText(Path.Combine(dir, "input.spc"));

        // series{ ... start=1998.02 ... missingcode=-99999 data=( ... ) }
        var seriesBlock = Regex.Match(spc, @"series\{(.*?)\}", RegexOptions.Singleline).Groups[1].Value;
        var start = ParseDate(Regex.Match(seriesBlock, @"start=(\d+\.\d+)").Groups[1].Value);
        var mc = Regex.Match(seriesBlock, @"missingcode=(-?[\d.]+)");
        double missingCode = mc.Success ? D(mc.Groups[1].Value) : double.NaN;
        var values = Numbers(Regex.Match(seriesBlock, @"data=\((.*?)\)", RegexOptions.Singleline).Groups[1].Value)
            .Select(v => v == missingCode ? double.NaN : v).ToArray();
        var series = new MonthlySeries(start, values);

        // regression{ ... user=(a b) ... start=1998.01 data=( ... ) }
        var users = new List<UserRegressor>();
        var reg = Regex.Match(spc, @"regression\{(.*?)\}", RegexOptions.Singleline).Groups[1].Value;
        var userNames = Regex.Match(reg, @"user=\(([^)]*)\)");
        if (userNames.Success)
        {
            var names = userNames.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ustart = ParseDate(Regex.Match(reg, @"start=(\d+\.\d+)").Groups[1].Value);
            var data = Numbers(Regex.Match(reg, @"data=\((.*?)\)", RegexOptions.Singleline).Groups[1].Value).ToArray();
            for (int c = 0; c < names.Length; c++)
            {
                var col = Enumerable.Range(0, data.Length / names.Length).Select(i => data[i * names.Length + c]);
                users.Add(new UserRegressor(names[c], new MonthlySeries(ustart, col), "User-defined Holiday"));
            }
        }

        var regression = File.ReadLines(Path.Combine(dir, "regression.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (f[1], D(f[2]), D(f[3]))).ToList();
        int? easter = null;
        foreach (var (name, _, _) in regression)
        {
            var m = Regex.Match(name, @"^Easter\[(\d+)\]$");
            if (m.Success) easter = int.Parse(m.Groups[1].Value, Inv);
        }
        var td = row[11] switch
        {
            "td" => TradingDay.SixContrasts,
            "td1coef" => TradingDay.OneCoefficient,
            _ => TradingDay.None,
        };
        var outliers = row[18].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Outlier.Parse).ToList();
        var spec = new RegArimaSpec
        {
            Transform = row[8] == "Log(y)" ? Transform.Log : Transform.None,
            Order = ArimaOrder.Parse(row[9]),
            TradingDay = td,
            EasterWindow = easter,
            Outliers = outliers,
            UserRegressors = users,
            ForecastHorizon = 12,
            Constant = regression.Any(r => r.Item1 == "Constant"),
        };
        var arma = File.ReadLines(Path.Combine(dir, "arima.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (f[0], f[1] == "Seasonal", int.Parse(f[3], Inv), D(f[4]), D(f[5]))).ToList();
        var fc = File.ReadLines(Path.Combine(dir, "forecast.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => (YearMonth.Parse(f[0]), D(f[1]), D(f[2]), D(f[3]))).ToList();
        var udg = File.ReadAllLines(Path.Combine(dir, "diagnostics.udg.txt"));
        double Udg(string key) => D(udg.First(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim());
        return new X13Run
        {
            Id = id, Series = series, Spec = spec, Arma = arma, Regression = regression, Forecasts = fc,
            Aicc = Udg("aicc"), LogLikelihood = Udg("loglikelihood"), Variance = Udg("variance$mle"),
        };
    }

    private static YearMonth ParseDate(string s)
    {
        var p = s.Split('.');
        return new YearMonth(int.Parse(p[0], Inv), int.Parse(p[1], Inv));
    }

    private static IEnumerable<double> Numbers(string s) =>
        s.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(D);

    /// <summary>Largest deviations of a fit from this run's outputs.</summary>
    public Comparison Compare(RegArimaFit fit)
    {
        double arma = 0, reg = 0, fcst = 0, limits = 0, armaSe = 0, regSe = 0;
        for (int i = 0; i < Arma.Count; i++)
        {
            var a = Arma[i];
            var mine = fit.Arma.Single(e => e.Operator == a.Operator && e.Seasonal == a.Seasonal && e.Lag == (a.Seasonal ? 12 * (a.Lag / 12) : a.Lag));
            arma = Math.Max(arma, Math.Abs(mine.Estimate - a.Estimate));
            armaSe = Math.Max(armaSe, Math.Abs(mine.StandardError / a.Se - 1));
        }
        foreach (var (name, est, se) in Regression)
        {
            var mine = fit.Regression.Single(e => e.Name == name);
            reg = Math.Max(reg, Math.Abs(mine.Estimate - est));
            regSe = Math.Max(regSe, Math.Abs(mine.StandardError / se - 1));
        }
        for (int i = 0; i < Forecasts.Count; i++)
        {
            fcst = Math.Max(fcst, Math.Abs(fit.Forecasts[i].Point / Forecasts[i].Point - 1));
            limits = Math.Max(limits, Math.Abs(fit.Forecasts[i].Upper / Forecasts[i].Upper - 1));
            limits = Math.Max(limits, Math.Abs(fit.Forecasts[i].Lower / Forecasts[i].Lower - 1));
        }
        return new Comparison(arma, reg, fcst, limits, armaSe, regSe);
    }

    public sealed record Comparison(double Arma, double Regression, double ForecastRelative, double LimitsRelative, double ArmaSeRelative, double RegressionSeRelative);
}
