using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Web.Filing;

public class ResponseMonitoringTests
{
    private sealed class NoStore : IResponseStore
    {
        public IReadOnlyList<FilingRecord> FilingRecords(YearMonth period, string? province) => [];
        public IReadOnlyList<long> AddReminders(YearMonth period, IReadOnlyList<string> creditCodes, string sentBy, DateTimeOffset sentAt) => [];
        public IReadOnlyList<Reminder> Reminders(string? creditCode, YearMonth? period) => [];
    }

    private static ResponseMonitoring Monitoring(int deadlineDay = 10, int inactiveAfter = 3) =>
        new(new NoStore(), new ResponseMonitoringOptions { DeadlineDay = deadlineDay, InactiveAfterMonths = inactiveAfter },
            new SettableClock(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));

    private static FilingRecord Record(string? first, string? latest) =>
        new("X", "x", "440300", "3311", first is null ? null : YearMonth.Parse(first), latest is null ? null : YearMonth.Parse(latest));

    [Fact]
    public void Deadline_EndOfTheDayOfTheNextMonthInBeijing()
    {
        // 2025-12 with day 10: 2026-01-10 24:00 +08:00 = 2026-01-10T16:00Z (across the year end).
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 16, 0, 0, TimeSpan.Zero), Monitoring().Deadline(new YearMonth(2025, 12)));
        // 2026-01 with day 28: 2026-02-28 24:00 +08:00.
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), Monitoring(deadlineDay: 28).Deadline(new YearMonth(2026, 1)));
    }

    [Theory]
    [InlineData(null, null, true)]                // new in the register: expected
    [InlineData("2026-03", "2026-01", false)]     // first report later: an entrant, not yet in the population
    [InlineData("2020-01", "2026-01", true)]      // filed the period itself
    [InlineData("2020-01", "2025-11", true)]      // 2 months before: still reporting
    [InlineData("2020-01", "2025-10", true)]      // 3 months before: the limit
    [InlineData("2020-01", "2025-09", false)]     // 4 months: lapsed
    public void IsExpected_NewReportingOrLapsed(string? first, string? latest, bool expected) =>
        Assert.Equal(expected, Monitoring().IsExpected(Record(first, latest), new YearMonth(2026, 1)));

    [Fact]
    public void Options_DeadlineDayOutOfRange_Refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Monitoring(deadlineDay: 31));
        Assert.Contains("day 1 to 28", e.Message, StringComparison.Ordinal);
    }
}
