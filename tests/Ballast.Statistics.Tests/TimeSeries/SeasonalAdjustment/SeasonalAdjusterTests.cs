using Ballast.Statistics.Periods;
using Ballast.Statistics.Tests.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries;
using Ballast.Statistics.TimeSeries.Calendar;
using Ballast.Statistics.TimeSeries.RegArima;
using Ballast.Statistics.TimeSeries.SeasonalAdjustment;
using Ballast.Statistics.TimeSeries.X11;

namespace Ballast.Statistics.Tests.TimeSeries.SeasonalAdjustment;

public sealed class SeasonalAdjusterTests
{
    private static readonly RegArimaSpec Airline = new() { Transform = Transform.Log, Order = ArimaOrder.Airline };

    // A positive seasonal series with a trend and a deterministic wiggle (no randomness: reproducible).
    private static MonthlySeries Synthetic(int months) =>
        new(new YearMonth(2015, 1), Enumerable.Range(0, months).Select(t =>
            (100 + 0.5 * t) * (1 + 0.2 * Math.Sin(2 * Math.PI * t / 12)) * (1 + 0.01 * ((t * 7) % 5 - 2))));

    [Fact]
    public void Adjust_35Months_TooShortWithReason()
    {
        var r = SeasonalAdjuster.Adjust(Synthetic(35), AdjustmentSpec.Imposed(Airline));
        Assert.Equal(AdjustmentStatus.TooShort, r.Status);
        Assert.False(r.IsAdjusted);
        Assert.Null(r.Components);
        Assert.Contains("35 months", r.Message, StringComparison.Ordinal);
        Assert.Contains("36", r.Message, StringComparison.Ordinal);
        Assert.Empty(r.Forecasts);
    }

    [Fact]
    public void Adjust_36Months_Adjusted()
    {
        var r = SeasonalAdjuster.Adjust(Synthetic(36), AdjustmentSpec.Imposed(Airline));
        Assert.True(r.IsAdjusted, r.Message);
        Assert.Equal(36, r.Components!.Count);
        Assert.Equal(12, r.Forecasts.Count);
    }

    [Fact]
    public void Adjust_ChoicesOpenWithoutIdentifier_ModelNotImposedNamingThem()
    {
        var spec = new AdjustmentSpec { Model = Airline, Identify = ModelChoice.Arima | ModelChoice.Outliers };
        var r = SeasonalAdjuster.Adjust(Synthetic(60), spec);
        Assert.Equal(AdjustmentStatus.ModelNotImposed, r.Status);
        Assert.Contains("ARIMA model, outliers", r.Message, StringComparison.Ordinal);
    }

    private sealed class FakeIdentifier(RegArimaSpec answer) : IModelIdentifier
    {
        public ModelChoice Asked { get; private set; }
        public RegArimaSpec? Imposed { get; private set; }

        public RegArimaSpec Identify(MonthlySeries series, RegArimaSpec imposed, ModelChoice toIdentify)
        {
            Asked = toIdentify;
            Imposed = imposed;
            return answer;
        }
    }

    [Fact]
    public void Adjust_WithIdentifier_AdjustsWithTheIdentifiedModel()
    {
        var run = X13Run.Load("cnprod.ore__auto");
        var identifier = new FakeIdentifier(run.Spec);
        var spec = new AdjustmentSpec { Model = new RegArimaSpec { Transform = Transform.Log }, Identify = ModelChoice.Arima | ModelChoice.Outliers };
        var viaIdentifier = SeasonalAdjuster.Adjust(run.Series, spec, identifier);
        var imposed = SeasonalAdjuster.Adjust(run.Series, AdjustmentSpec.Imposed(run.Spec));
        Assert.Equal(ModelChoice.Arima | ModelChoice.Outliers, identifier.Asked);
        Assert.Same(spec.Model, identifier.Imposed);
        Assert.Same(run.Spec, viaIdentifier.Model);
        Assert.Equal(imposed.Components!.SeasonallyAdjusted, viaIdentifier.Components!.SeasonallyAdjusted);
        Assert.Equal("AO1998.Dec", Assert.Single(viaIdentifier.Outliers).Name);
    }

    [Theory]
    [InlineData("cnprod.cement__auto_cny")] // log: Spring Festival, LS, TC, AO
    [InlineData("ipi_c_eu.BE__auto")]       // additive: td1coef + leap year, Easter, LS, TC
    public void Adjust_Components_SatisfyX13Identities(string id)
    {
        var run = X13Run.Load(id);
        var r = SeasonalAdjuster.Adjust(run.Series, AdjustmentSpec.Imposed(run.Spec));
        Assert.True(r.IsAdjusted, r.Message);
        var c = r.Components!;
        bool add = c.Mode == X11Mode.Additive;
        Assert.Equal(run.Spec.Transform == Transform.None, add);
        Assert.NotNull(c.Calendar);
        Assert.NotNull(c.Holiday);
        Assert.True(double.IsNaN(c.Growth[0]));
        for (int t = 0; t < c.Count; t++)
        {
            double o = run.Series[t];
            double scale = Math.Abs(o);
            // D16 = D10 ∘ D18, D11 = O ∅ D16, D13 = D11 ∅ D12 (∘ = ×, ∅ = ÷; + and − when additive).
            Assert.Equal(add ? c.Seasonal[t] + c.Calendar![t] : c.Seasonal[t] * c.Calendar![t], c.CombinedAdjustment[t], 1e-12 * (add ? scale : 1));
            Assert.Equal(o, add ? c.SeasonallyAdjusted[t] + c.CombinedAdjustment[t] : c.SeasonallyAdjusted[t] * c.CombinedAdjustment[t], 1e-10 * scale);
            Assert.Equal(c.SeasonallyAdjusted[t], add ? c.Trend[t] + c.Irregular[t] : c.Trend[t] * c.Irregular[t], 1e-10 * scale);
            if (t > 0) Assert.Equal(100 * (c.SeasonallyAdjusted[t] / c.SeasonallyAdjusted[t - 1] - 1), c.Growth[t], 12);
            // The holiday component is 1 (0) outside the months its regressors touch.
            int month = c.MonthAt(t).Month;
            if (month is >= 5 and <= 12) Assert.Equal(add ? 0 : 1, c.Holiday![t], 12);
        }
    }

    [Fact]
    public void Adjust_IsolatedGaps_FilledByTheModelOthersUntouched()
    {
        var run = X13Run.Load("cnprod.ore__auto");
        var gapped = run.Series.With(30, double.NaN).With(100, double.NaN).With(150, double.NaN);
        var r = SeasonalAdjuster.Adjust(gapped, AdjustmentSpec.Imposed(run.Spec));
        Assert.True(r.IsAdjusted, r.Message);
        var c = r.Components!;
        Assert.Equal(r.Fit!.Filled.Values.ToArray(), c.Filled);
        foreach (int t in new[] { 30, 100, 150 })
        {
            Assert.True(double.IsNaN(c.Original[t]));
            // The fill is a plausible value: within 30 % of the true value that was blanked.
            Assert.True(Math.Abs(c.Filled[t] / run.Series[t] - 1) < 0.3, $"{c.MonthAt(t)}: {c.Filled[t]} for {run.Series[t]}");
            Assert.Equal(c.Filled[t], c.SeasonallyAdjusted[t] * c.CombinedAdjustment[t], 1e-9 * c.Filled[t]);
        }
        Assert.Equal(3, r.Regression.Count(e => e.Group == "Missing value"));
        for (int t = 0; t < c.Count; t++)
            if (t is not (30 or 100 or 150)) Assert.Equal(run.Series[t], c.Filled[t]);
    }

    [Fact]
    public void Adjust_AdditiveOutlierInAMissingMonth_RejectedWithReason()
    {
        var run = X13Run.Load("cnprod.ore__auto"); // AO1998.Dec
        var r = SeasonalAdjuster.Adjust(run.Series.With(10, double.NaN), AdjustmentSpec.Imposed(run.Spec));
        Assert.Equal(AdjustmentStatus.Rejected, r.Status);
        Assert.Contains("AO1998.Dec is in a missing month", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adjust_NoFebruaryObservedAdditiveTradingDay_RejectedWithReason()
    {
        var run = X13Run.Load("cnprod.oil__auto"); // no transformation, td
        var s = run.Series;
        for (int t = 0; t < s.Length; t++) if (s.MonthAt(t).Month == 2) s = s.With(t, double.NaN);
        var r = SeasonalAdjuster.Adjust(s, AdjustmentSpec.Imposed(run.Spec));
        Assert.Equal(AdjustmentStatus.Rejected, r.Status);
        Assert.Contains("leap-year", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adjust_LogOfNonPositive_RejectedWithReason()
    {
        var s = Synthetic(48).With(20, -1);
        var r = SeasonalAdjuster.Adjust(s, AdjustmentSpec.Imposed(Airline));
        Assert.Equal(AdjustmentStatus.Rejected, r.Status);
        Assert.Contains("log", r.Message, StringComparison.Ordinal);
    }
}
