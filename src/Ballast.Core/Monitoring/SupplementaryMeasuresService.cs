using Ballast.Core.Releases;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Core.Monitoring;

/// <summary>
/// The values of the measures rules may watch beyond the release rows: the seasonally adjusted month-on-month
/// growth of every adjusted cell (from a stored vintage, every month it covers, with its flags) and the national
/// year-end target risk at the period (the regARIMA simulation of the volume index).
/// </summary>
public static class SupplementaryMeasuresService
{
    /// <summary>
    /// Builds the values. A vintage may be null (no adjusted figures: the va_sa_mom rules raise nothing); the target
    /// risk is left out when the national index is too short or its model cannot be fitted, for the same reason.
    /// </summary>
    public static SupplementaryValues Build(ReleasePopulation population, YearMonth period, SaVintage? vintage, TargetRiskOptions? riskOptions = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        var values = new SupplementaryValues();
        if (vintage is not null)
        {
            foreach (var row in vintage.Rows)
            {
                if (!YearMonth.TryParse(row.Period, out var month) || !SupplementaryMeasures.PublishedFor(SupplementaryMeasures.VaSaMom, row.Breakdown)) continue;
                values.Set(month, row.Breakdown, row.Cell, SupplementaryMeasures.VaSaMom, row.Value, Flag(row.Flag));
            }
        }
        try
        {
            var risk = SeasonallyAdjustedService.TargetRiskAt(population, period, riskOptions);
            values.Set(period, ReleaseBreakdowns.Total, ReleaseBreakdowns.All, SupplementaryMeasures.TargetMissProbability, risk.Probability);
        }
        catch (InvalidOperationException)
        {
            // The index cannot carry a model yet (too short, or no fit): no probability, so the rule stays silent.
        }
        return values;
    }

    private static ReleaseFlag Flag(string flag) => flag switch
    {
        "C" => ReleaseFlag.Confidential,
        "E" => ReleaseFlag.Empty,
        _ => ReleaseFlag.None,
    };
}
