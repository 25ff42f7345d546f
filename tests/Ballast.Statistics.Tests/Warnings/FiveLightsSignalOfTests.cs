using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Statistics.Tests.Warnings;

public class FiveLightsSignalOfTests
{
    [Fact]
    public void SignalOf_TakesEachIndicatorsHistoryFromTheEarlierReleases()
    {
        // 42 release months from 2021-02 on (Jan–Feb, March, …, December), va_yoy_month 0, 1, …, 40 then 36.1:
        // history 0..40 has P90 = 36, so 36.1 scores 5; revenue 0..40 then 20 scores 3. Mean 4 → yellow.
        var releases = new List<MonthlyRelease>();
        var period = YearMonth.Parse("2021-02");
        for (int i = 0; i < 42; i++)
        {
            double va = i < 41 ? i : 36.1, revenue = i < 41 ? i : 20;
            releases.Add(SyntheticRelease.Of(period.ToString(),
                ("total", "ALL", "", "va_yoy_month", (double?)va, ReleaseFlag.None),
                ("total", "ALL", "", "revenue_yoy_ytd", (double?)revenue, ReleaseFlag.None)));
            period = WarningEvaluator.NextReleaseMonth(period);
        }

        var signal = FiveLights.SignalOf(releases, "total", "ALL");

        Assert.NotNull(signal);
        Assert.Equal(5, signal.Scores["va_yoy_month"]);
        Assert.Equal(3, signal.Scores["revenue_yoy_ytd"]);
        Assert.Equal(2, signal.Scores.Count);
        Assert.Equal(ClimateLight.Yellow, signal.Light);
        Assert.Null(FiveLights.SignalOf(releases.Take(24).ToList(), "total", "ALL")); // 23 months of history
    }
}
