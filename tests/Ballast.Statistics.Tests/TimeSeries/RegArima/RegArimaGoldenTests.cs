using System.Globalization;
using Ballast.Statistics.TimeSeries.RegArima;
using Xunit.Abstractions;

namespace Ballast.Statistics.Tests.TimeSeries.RegArima;

public sealed class RegArimaGoldenTests(ITestOutputHelper output)
{
    [Fact]
    public void Report_AllOkRuns()
    {
        foreach (var id in X13Run.OkRuns())
        {
            var run = X13Run.Load(id);
            try
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var fit = RegArimaModel.Fit(run.Series, run.Spec);
                sw.Stop();
                var c = run.Compare(fit);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{id,-32} arma {c.Arma:E2} reg {c.Regression:E2} fc {c.ForecastRelative:E2} lim {c.LimitsRelative:E2} armase {c.ArmaSeRelative:E2} regse {c.RegressionSeRelative:E2} aicc {fit.Aicc - run.Aicc:F4} ll {fit.LogLikelihood - run.LogLikelihood:F4} var {fit.Variance / run.Variance - 1:E2} it {fit.Iterations} ev {fit.LikelihoodEvaluations} {sw.Elapsed.TotalMilliseconds:F1}ms"));
            }
            catch (Exception e)
            {
                output.WriteLine($"{id,-32} FAILED {e.Message}");
            }
        }
    }
}
