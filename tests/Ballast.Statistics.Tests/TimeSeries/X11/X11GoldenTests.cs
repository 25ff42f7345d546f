using Ballast.Statistics.TimeSeries.X11;

namespace Ballast.Statistics.Tests.TimeSeries.X11;

/// <summary>
/// Golden data: every completed X-13ARIMA-SEATS run of ../shared/data/reference/x13 (X-13 1.1 build 60),
/// decomposed from the B1 X-13 itself builds (see <see cref="X13ReferenceRun"/>). The tolerances are those of the
/// seasonal-adjustment issue (D11 within 1e-4 relative, month-on-month growth within 0.01 points, M7 and Q within
/// 0.01), tightened where the CSV's 10 significant digits allow.
/// </summary>
public class X11GoldenTests
{
    public static IEnumerable<object[]> Runs() => X13ReferenceRun.CompletedRuns();

    private static (X13ReferenceRun Run, X11Result Result, FinalComponents Final) Decompose(string name)
    {
        var run = X13ReferenceRun.Load(name);
        var options = new X11Options { Mode = run.Additive ? X11Mode.Additive : X11Mode.Multiplicative };
        var result = X11Decomposition.Decompose(run.PriorAdjustedExtended, run.StartMonth, run.Forecasts.Length, options);
        return (run, result, result.WithRegressionEffects(run.Original, run.Effects));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Decompose_X13ReferenceRun_ReproducesD10ToD13(string name)
    {
        var (run, result, final) = Decompose(name);
        // The rebuilt calendar effects agree with X-13's D18 (so B1 is X-13's B1).
        Assert.True(run.CalendarCheckError < 1e-8, $"calendar rebuilt off D18 by {run.CalendarCheckError}");
        Assert.Equal(run.Count, result.Count);
        for (int t = 0; t < run.Count; t++)
        {
            Assert.True(Math.Abs(final.SeasonallyAdjusted[t] / run.D11[t] - 1) < 1e-7, $"D11 month {t}: {final.SeasonallyAdjusted[t]} vs {run.D11[t]}");
            Assert.True(Math.Abs(final.Trend[t] / run.D12[t] - 1) < 1e-7, $"D12 month {t}: {final.Trend[t]} vs {run.D12[t]}");
            if (run.Additive)
            {
                // Additive components are in series units; compare on the scale of the series.
                double scale = Math.Abs(run.D11[t]);
                Assert.True(Math.Abs(result.SeasonalFactors[t] - run.D10[t]) < 1e-7 * scale, $"D10 month {t}");
                Assert.True(Math.Abs(final.Irregular[t] - run.D13[t]) < 1e-7 * scale, $"D13 month {t}");
            }
            else
            {
                Assert.True(Math.Abs(result.SeasonalFactors[t] / run.D10[t] - 1) < 1e-7, $"D10 month {t}");
                Assert.True(Math.Abs(final.Irregular[t] / run.D13[t] - 1) < 1e-7, $"D13 month {t}");
            }
            if (t > 0)
            {
                double growth = 100 * (final.SeasonallyAdjusted[t] / final.SeasonallyAdjusted[t - 1] - run.D11[t] / run.D11[t - 1]);
                Assert.True(Math.Abs(growth) < 1e-4, $"month-on-month growth of D11 month {t} off by {growth} points");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Decompose_X13ReferenceRun_ChoosesX13Filters(string name)
    {
        var (run, result, _) = Decompose(name);
        string filter = result.SeasonalFilter switch
        {
            SeasonalFilter.S3x3 => "3x3",
            SeasonalFilter.S3x5 => "3x5",
            SeasonalFilter.S3x9 => "3x9",
            _ => result.SeasonalFilter.ToString(),
        };
        Assert.Equal(run.SummaryFilter, filter);
        Assert.Equal(run.DiagnosticNumber("finaltrendma"), result.HendersonLength);
        Assert.Equal(run.DiagnosticNumber("f2.is"), result.MovingSeasonalityRatio, 2);
        Assert.Equal(run.DiagnosticNumber("f2.ic"), result.IcRatio, 2);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Quality_X13ReferenceRun_MatchesF3(string name)
    {
        var (run, result, _) = Decompose(name);
        var q = X11QualityMeasures.Compute(result, run.Effects);
        string[] keys = ["f3.m01", "f3.m02", "f3.m03", "f3.m04", "f3.m05", "f3.m06", "f3.m07", "f3.m08", "f3.m09", "f3.m10", "f3.m11"];
        for (int k = 0; k < keys.Length; k++)
            if (run.Diagnostics.ContainsKey(keys[k])) // X-13 prints 3 decimals
                Assert.True(Math.Abs(q.Measures[k] - run.DiagnosticNumber(keys[k])) <= 0.0005 + 1e-9, $"{keys[k]}: {q.Measures[k]} vs {run.Diagnostics[keys[k]]}");
        Assert.True(Math.Abs(q.M7 - run.SummaryM7) <= 0.0005 + 1e-9, $"M7 {q.M7} vs {run.SummaryM7}");
        // Q and Q without M2 are printed with 2 decimals.
        Assert.True(Math.Abs(q.Q - run.SummaryQ) <= 0.005 + 1e-9, $"Q {q.Q} vs {run.SummaryQ}");
        Assert.True(Math.Abs(q.QWithoutM2 - run.DiagnosticNumber("f3.qm2")) <= 0.005 + 1e-9, $"Q-M2 {q.QWithoutM2} vs {run.Diagnostics["f3.qm2"]}");
    }
}
