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

    /// <summary>
    /// Agreement reached over the 49 ok runs (docs/methodology/automatic-model.md §Agreement), asserted so that a
    /// regression is caught. Runs that differ and why:
    /// ARIMA (7): EE — X-13's first choice (2 1 0)(1 1 1) is not ours (0 1 1)(1 1 1) (BIC ranking); ES — in the second
    /// round, with the lowered critical value, ours finds more outliers and then passes the Ljung–Box test, X-13 adds
    /// none and falls back to (3 1 1)(0 1 1); FR, TR — the fallback (3 1 1)(0 1 1) is reached as in X-13, but its
    /// likelihood has several optima and ours keeps the third AR coefficient that X-13 finds insignificant; SI_fb —
    /// X-13's second round identifies d = 0 and its checks bring it back to (2 1 0)(0 1 1), ours ends at (3 0 1)(0 1 1);
    /// oil, oil_cny — ours (1 1 1)(1 1 1), whose AR and MA differ by more than the cancellation limit; X-13
    /// (0 1 0)(1 1 1). With the unit-root test (X-13's default, §Differencing) MT, MK and PT follow X-13 back to d = 1.
    /// Trading day (1): clothes (ours td1coef, X-13 none); the trading-day and Easter tests are repeated after the
    /// order search as X-13 does (ES, UK, NO, TR gained). Easter (3): BG, MK, RS (ours keep Easter, X-13 not).
    /// </summary>
    private const int TransformReached = 49, ArimaReached = 42, TradingDayReached = 48, EasterReached = 46, AllFourReached = 38;

    /// <summary>X-13's outliers found (of 162) and extra ones reached; the acceptance asks for ≥ 80 % and ≤ 20 %.</summary>
    private const int OutliersFoundReached = 156, ExtraOutliersReached = 24;

    /// <summary>X-13's first unit-root identification (idnonseasonaldiff.first, idseasonaldiff.first in the run's udg).</summary>
    private static (int Regular, int Seasonal) FirstDifferencing(string id)
    {
        var lines = File.ReadLines(Path.Combine(X13Run.Root, id, "diagnostics.udg.txt")).ToList();
        int Value(string key) => int.Parse(lines.First(l => l.StartsWith(key + ":", StringComparison.Ordinal)).Split(':')[1].Trim(), Inv);
        return (Value("idnonseasonaldiff.first"), Value("idseasonaldiff.first"));
    }

    /// <summary>
    /// The unit-root test on the series linearised by the default model gives X-13's first orders of differencing
    /// (41 of 49 are (1 1); X-13 finds d = 0 on 7 and D = 0 on 1). Runs that differ are listed by the output.
    /// </summary>
    [Fact]
    public void FirstUnitRootIdentification_AgreesWithX13()
    {
        int runs = 0, agree = 0, x13Other = 0, agreeOther = 0;
        foreach (var id in X13Run.OkRuns())
        {
            var run = X13Run.Load(id);
            var e = ExpectedOf(id);
            var x13 = FirstDifferencing(id);
            var m = AutomaticModel.Identify(run.Series, SpecFor(run, e));
            Assert.NotEmpty(m.DifferencingChoices);
            var first = m.DifferencingChoices[0];
            bool ok = (first.Regular, first.Seasonal) == x13;
            runs++;
            agree += ok ? 1 : 0;
            if (x13 != (1, 1)) { x13Other++; agreeOther += ok ? 1 : 0; }
            output.WriteLine(string.Create(Inv, $"{id,-26} {(ok ? "  " : "!!")} ours ({first.Regular} {first.Seasonal}) mean {first.MeanSignificant,-5} x13 ({x13.Regular} {x13.Seasonal}) | {string.Join(" | ", first.Rounds)}"));
        }
        output.WriteLine(string.Create(Inv, $"runs {runs}: agree {agree}; X-13 not (1 1): {x13Other}, of which agree {agreeOther}"));
        Assert.Equal(49, runs);
        Assert.Equal(8, x13Other);
        Assert.True(agree >= FirstDifferencingReached, $"first differencing {agree}");
    }

    /// <summary>Runs whose first unit-root identification agrees with X-13's.</summary>
    private const int FirstDifferencingReached = 49;

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
        Assert.True(transform >= TransformReached, $"transform {transform}");
        Assert.True(arima >= ArimaReached, $"ARIMA orders {arima}");
        Assert.True(td >= TradingDayReached, $"trading day {td}");
        Assert.True(easter >= EasterReached, $"Easter {easter}");
        Assert.True(all4 >= AllFourReached, $"all four {all4}");
        // Outliers (type and month): the acceptance (≥ 80 % of X-13's found, extra ≤ 20 % of X-13's count) and
        // the agreement reached.
        Assert.Equal(162, x13Outliers);
        Assert.True(matched >= 0.8 * x13Outliers && matched >= OutliersFoundReached, $"outliers found {matched} of {x13Outliers}");
        Assert.True(extra <= 0.2 * x13Outliers && extra <= ExtraOutliersReached, $"extra outliers {extra} for {x13Outliers}");
    }
}
