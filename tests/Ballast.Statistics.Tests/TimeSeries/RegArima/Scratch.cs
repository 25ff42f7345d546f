using System.Globalization;
using Ballast.Statistics.TimeSeries.RegArima;
using Xunit.Abstractions;
namespace Ballast.Statistics.Tests.TimeSeries.RegArima;
public sealed class ScratchTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("seasonal.iip__auto")]
    [InlineData("cnprod.plastic__auto")]
    [InlineData("cnprod.ore__auto")]
    public void Detail(string id)
    {
        var run = X13Run.Load(id);
        var fit = RegArimaModel.Fit(run.Series, run.Spec);
        foreach (var a in fit.Arma) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{a.Operator} {a.Seasonal} {a.Lag} {a.Estimate:F6} se {a.StandardError:F6}"));
        foreach (var a in run.Arma) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"X13 {a.Operator} {a.Seasonal} {a.Lag} {a.Estimate:F6} se {a.Se:F6}"));
        for (int i = 0; i < fit.Regression.Count; i++) { var r = fit.Regression[i]; var x = run.Regression.FirstOrDefault(q => q.Name == r.Name); output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name} {r.Estimate:F6} se {r.StandardError:F6} | {x.Estimate:F6} se {x.Se:F6}")); }
        for (int i = 0; i < 12; i++) { var f = fit.Forecasts[i]; var x = run.Forecasts[i]; output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Month} {f.Point:F4} [{f.Lower:F4} {f.Upper:F4}] | {x.Point:F4} [{x.Lower:F4} {x.Upper:F4}]")); }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ll {fit.LogLikelihood} x13 {run.LogLikelihood} var {fit.Variance} x13 {run.Variance}"));
    }
}
public sealed class Scratch2Tests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("seasonal.iip__auto")]
    [InlineData("cnprod.plastic__auto")]
    [InlineData("ipi_c_eu.ME__auto")]
    [InlineData("cnprod.oil__auto")]
    public void AtX13(string id)
    {
        var run = X13Run.Load(id);
        var init = run.Arma.Select(a => a.Estimate).ToList();
        var fit = RegArimaModel.Fit(run.Series, run.Spec with { InitialArma = init, FixArma = true });
        var c = run.Compare(fit);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{id} ll {fit.LogLikelihood} x13 {run.LogLikelihood} reg {c.Regression} fc {c.ForecastRelative} lim {c.LimitsRelative}"));
        var fit2 = RegArimaModel.Fit(run.Series, run.Spec with { InitialArma = init });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"from x13: ll {fit2.LogLikelihood} {string.Join(" ", fit2.Arma.Select(a => a.Estimate))}"));
    }
}
