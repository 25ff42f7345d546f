using System.Globalization;
using Ballast.Statistics.Tests.TimeSeries.RegArima;
using Ballast.Statistics.Tests.TimeSeries.X11;
using Ballast.Statistics.TimeSeries.SeasonalAdjustment;
using Xunit.Abstractions;

namespace Ballast.Statistics.Tests.TimeSeries.SeasonalAdjustment;

/// <summary>
/// The whole pipeline against X-13ARIMA-SEATS 1.1 b60 (../shared/data/reference/x13) with X-13's chosen model
/// imposed (transform, ARIMA orders, trading day, Easter, Spring Festival regressors, outliers; parsed by
/// <see cref="X13Run"/>): the seasonal-adjustment issue's acceptance tolerances are D11 within 1e-4 relative at
/// every month, its month-on-month growth within 0.01 percentage points, M7 and Q within 0.01.
/// </summary>
public sealed class SeasonalAdjusterGoldenTests(ITestOutputHelper output)
{
    internal sealed record Agreement(double D11Relative, double GrowthPoints, double M7, double Q)
    {
        public bool Passes => D11Relative <= 1e-4 && GrowthPoints <= 0.01 && M7 <= 0.01 && Q <= 0.01;
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"D11 {D11Relative:E1} growth {GrowthPoints:E1} pt M7 {M7:F4} Q {Q:F4}");
    }

    internal static Agreement Compare(AdjustmentResult result, X13ReferenceRun reference)
    {
        Assert.True(result.IsAdjusted, result.Message);
        var c = result.Components!;
        Assert.Equal(reference.Count, c.Count);
        double d11 = 0, growth = 0;
        for (int t = 0; t < c.Count; t++)
        {
            d11 = Math.Max(d11, Math.Abs(c.SeasonallyAdjusted[t] / reference.D11[t] - 1));
            if (t > 0)
            {
                // Growth of X-13's D11 computed here from its published D11 (10 significant digits).
                double theirs = 100 * (reference.D11[t] / reference.D11[t - 1] - 1);
                growth = Math.Max(growth, Math.Abs(c.Growth[t] - theirs));
            }
        }
        return new Agreement(d11, growth, Math.Abs(result.Quality!.M7 - reference.SummaryM7), Math.Abs(result.Quality.Q - reference.SummaryQ));
    }

    /// <summary>Runs that agree when the ARMA parameters are estimated here: 45 of the 49 ok runs.</summary>
    private const int EstimatedPassesReached = 45;

    /// <summary>
    /// The runs whose adjustment differs, all because the regARIMA optimum differs (RegArimaGoldenTests,
    /// docs/methodology/regarima.md §Agreement with X-13): ES, IT, CY stop short of the maximum in X-13 (flat
    /// likelihood; we find a higher one), TR has a higher local maximum in X-13. D11 then differs by 2.6e-3 to
    /// 1.8e-2. ME, iip and plastic also differ in their ARMA values (seasonal MA at the unit circle) but by so little
    /// that their D11 still agrees (5e-5, 2.5e-5, 3.2e-6).
    /// </summary>
    private static readonly HashSet<string> KnownDifferent = new(StringComparer.Ordinal)
    {
        "ipi_c_eu.ES__auto", "ipi_c_eu.IT__auto", "ipi_c_eu.CY__auto", "ipi_c_eu.TR__auto",
    };

    [Fact]
    public void AllOkRuns_X13ModelImposed_AgreeWithinTheIssueTolerances()
    {
        int passing = 0;
        var failing = new List<string>();
        foreach (var id in X13Run.OkRuns())
        {
            var run = X13Run.Load(id);
            var result = SeasonalAdjuster.Adjust(run.Series, AdjustmentSpec.Imposed(run.Spec));
            var a = Compare(result, X13ReferenceRun.Load(id));
            if (a.Passes) passing++; else failing.Add(id);
            output.WriteLine($"{(a.Passes ? "pass" : "DIFF")} {id,-26} {a}");
        }
        output.WriteLine($"{passing} pass; not: {string.Join(' ', failing)}");
        Assert.DoesNotContain(failing, id => !KnownDifferent.Contains(id));
        Assert.True(passing >= EstimatedPassesReached, $"{passing} runs agree, fewer than the {EstimatedPassesReached} reached");
    }

    [Fact]
    public void AllOkRuns_AtX13ArmaValues_AgreeWithinTheIssueTolerances()
    {
        int runs = 0;
        foreach (var id in X13Run.OkRuns())
        {
            var run = X13Run.Load(id);
            var spec = run.Spec with { InitialArma = run.Arma.Select(a => a.Estimate).ToList(), FixArma = true };
            var result = SeasonalAdjuster.Adjust(run.Series, AdjustmentSpec.Imposed(spec));
            var a = Compare(result, X13ReferenceRun.Load(id));
            runs++;
            output.WriteLine($"{(a.Passes ? "pass" : "DIFF")} {id,-26} {a}");
            Assert.True(a.Passes, $"{id}: {a}");
            // The pipeline itself is exact: D11 agrees to the 10 significant digits of the CSV (5e-10), except
            // in CY, whose printed estimates X-13 did not reach consistently (see RegArimaGoldenTests: its β and
            // likelihood are 0.095 away from those of its printed ARMA values), and ME, plastic (seasonal MA at
            // 0.9996 / 0.9985: the 14 printed digits of the ARMA values leave 3e-8 / 4e-9).
            if (id != "ipi_c_eu.CY__auto")
                Assert.True(a.D11Relative < 1e-7 && a.GrowthPoints < 1e-5, $"{id}: {a}");
        }
        Assert.Equal(49, runs); // every ok run of summary.csv
    }
}
