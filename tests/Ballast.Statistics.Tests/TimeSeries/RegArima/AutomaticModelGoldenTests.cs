using System.Diagnostics;
using System.Globalization;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;
using Xunit.Abstractions;

namespace Ballast.Statistics.Tests.TimeSeries.RegArima;

/// <summary>
/// Automatic identification against X-13ARIMA-SEATS 1.1 b60's choices on every ok reference run
/// (../shared/data/reference/x13/summary.csv): transform, ARIMA orders, trading day, Easter and outliers.
/// </summary>
public sealed class AutomaticModelGoldenTests(ITestOutputHelper output)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal sealed record Expected(string Id, string Transform, string Arima, string Td, string Easter, List<Outlier> Outliers, bool TestEaster, double? Critical);

    internal static Expected ExpectedOf(string id)
    {
        var f = File.ReadLines(Path.Combine(X13Run.Root, "summary.csv")).Skip(1).Select(l => l.Split(',')).Single(r => r[0] == id);
        var spc = File.ReadAllText(Path.Combine(X13Run.Root, id, "input.spc"));
        bool testEaster = spc.Contains("easter", StringComparison.Ordinal);
        var cm = System.Text.RegularExpressions.Regex.Match(spc, @"critical\s*=\s*([\d.]+)");
        double? critical = cm.Success ? double.Parse(cm.Groups[1].Value, Inv) : null;
        var outliers = f[18].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Outlier.Parse).ToList();
        return new Expected(id, f[8], f[9], f[11], f[12], outliers, testEaster, critical);
    }

    internal static AutomaticSpec SpecFor(X13Run run, Expected e) => new()
    {
        Transform = null,
        Order = null,
        TradingDay = null,
        TestEaster = e.TestEaster,
        CriticalValue = e.Critical,
        UserRegressors = run.Spec.UserRegressors,
    };

    [Fact]
    public void EveryOkRun_AgreesWithX13OnMostChoices()
    {
        int runs = 0, transform = 0, arima = 0, td = 0, easter = 0, all4 = 0, x13Outliers = 0, matched = 0, extra = 0;
        var times = new List<double>();
        foreach (var id in X13Run.OkRuns())
        {
            var run = X13Run.Load(id);
            var e = ExpectedOf(id);
            var sw = Stopwatch.StartNew();
            var m = AutomaticModel.Identify(run.Series, SpecFor(run, e));
            times.Add(sw.Elapsed.TotalMilliseconds);
            runs++;
            bool okT = (m.Transform == Transform.Log ? "Log(y)" : "No transformation") == e.Transform;
            bool okA = m.Order.ToString() == e.Arima;
            string myTd = m.TradingDay switch { TradingDay.SixContrasts => "td", TradingDay.OneCoefficient => "td1coef", _ => "no" };
            bool okTd = myTd == e.Td;
            bool okE = !e.TestEaster || (m.EasterWindow is not null ? "yes" : "no") == e.Easter;
            transform += okT ? 1 : 0; arima += okA ? 1 : 0; td += okTd ? 1 : 0; easter += okE ? 1 : 0;
            all4 += okT && okA && okTd && okE ? 1 : 0;
            var mine = new HashSet<Outlier>(m.Outliers);
            int hit = e.Outliers.Count(mine.Contains);
            x13Outliers += e.Outliers.Count; matched += hit; extra += m.Outliers.Count - hit;
            output.WriteLine(string.Create(Inv,
                $"{id,-26} {(okT ? "  " : "T!")} {(okA ? "  " : "A!")} {(okTd ? "  " : "D!")} {(okE ? "  " : "E!")} {m.Transform,-4} {m.Order} {myTd,-7} E{m.EasterWindow?.ToString(Inv) ?? "-",-3} cv {m.CriticalValue:F3} fits {m.Fits,3} {times[^1],7:F1} ms | x13 {e.Transform} {e.Arima} {e.Td} {e.Easter} | out {hit}/{e.Outliers.Count} +{m.Outliers.Count - hit}: {string.Join(' ', m.Outliers)} | x13: {string.Join(' ', e.Outliers)}"));
        }
        times.Sort();
        output.WriteLine(string.Create(Inv,
            $"runs {runs}: transform {transform}, arima {arima}, td {td}, easter {easter}, all four {all4}; outliers X-13 {x13Outliers}, found {matched}, extra {extra}; median {times[times.Count / 2]:F1} ms, total {times.Sum():F0} ms"));
        Assert.Equal(49, runs);
    }
}
