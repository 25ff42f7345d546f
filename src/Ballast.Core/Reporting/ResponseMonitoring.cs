using System.Globalization;
using Ballast.Core.Reporting.Import;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting;

/// <summary>Settings of response monitoring (configuration section <c>Ballast:Responses</c>).</summary>
public sealed record ResponseMonitoringOptions
{
    /// <summary>Reports of a month are due by the end of this day of the following month, Asia/Shanghai time.</summary>
    public int DeadlineDay { get; init; } = 10;

    /// <summary>
    /// The register has no closing dates, so an enterprise that has filed nothing for this many months before a
    /// period is taken to have left the population (closed, fallen below the size threshold) and is not expected.
    /// </summary>
    public int InactiveAfterMonths { get; init; } = 3;

    public void Validate()
    {
        if (DeadlineDay is < 1 or > 28)
            throw new ArgumentOutOfRangeException(nameof(DeadlineDay), DeadlineDay, "the filing deadline is a day 1 to 28 of the following month");
        if (InactiveAfterMonths is < 1 or > 120)
            throw new ArgumentOutOfRangeException(nameof(InactiveAfterMonths), InactiveAfterMonths, "InactiveAfterMonths is 1 to 120");
    }
}

/// <summary>Expected and filed reports of one group (a province, a division, or the whole scope).</summary>
public sealed record ResponseRate(string Code, int Expected, int Filed)
{
    /// <summary>Filed / expected (null when nothing is expected).</summary>
    public double? Rate => Expected == 0 ? null : (double)Filed / Expected;
}

/// <summary>An enterprise that is expected to file the period and has not.</summary>
public sealed record NonFiler(string CreditCode, string Name, string Province, string Division, YearMonth? LatestFiled, int RemindersSent);

/// <summary>Response rates of a period in a scope, and its non-filers as of the clock's now.</summary>
public sealed record ResponseReport(
    YearMonth Period, string? Province, DateTimeOffset Deadline, DateTimeOffset AsOf, bool PastDeadline,
    ResponseRate Total, IReadOnlyList<ResponseRate> ByProvince, IReadOnlyList<ResponseRate> ByDivision, IReadOnlyList<NonFiler> NonFilers);

/// <summary>The outcome of sending reminders: the reminders stored, and the enterprises that were refused and why.</summary>
public sealed record ReminderOutcome(IReadOnlyList<Reminder> Sent, IReadOnlyList<(string CreditCode, string Reason)> Refused);

/// <summary>
/// Response monitoring: which register entries are expected to file a period, who has filed, rates by province
/// and division, the non-filers past the deadline, and in-app reminders to them. A province (scope) sees and
/// reminds only its own enterprises.
/// </summary>
public sealed class ResponseMonitoring(IResponseStore store, ResponseMonitoringOptions options, TimeProvider clock)
{
    private readonly ResponseMonitoringOptions _options = Validated(options);

    private static ResponseMonitoringOptions Validated(ResponseMonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }

    /// <summary>The deadline of a period's reports: the end of <see cref="ResponseMonitoringOptions.DeadlineDay"/> of the next month, Asia/Shanghai.</summary>
    public DateTimeOffset Deadline(YearMonth period)
    {
        var next = period.AddMonths(1);
        var endOfDay = new DateTime(next.Year, next.Month, _options.DeadlineDay, 0, 0, 0, DateTimeKind.Unspecified).AddDays(1);
        return new DateTimeOffset(endOfDay, ChinaTime.TimeZone.GetUtcOffset(endOfDay));
    }

    /// <summary>The period enterprises file now: the previous month in Asia/Shanghai time.</summary>
    public YearMonth PeriodDue() => ChinaTime.CurrentMonth(clock).Previous;

    /// <summary>
    /// Expected to file <paramref name="period"/>: in the register and either new (nothing filed yet), or
    /// reporting already by then (first report not later) and not lapsed (a report within the
    /// <see cref="ResponseMonitoringOptions.InactiveAfterMonths"/> months before, or the period itself).
    /// </summary>
    public bool IsExpected(FilingRecord record, YearMonth period)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.FirstFiled is null) return true;
        if (record.FirstFiled.Value > period) return false;
        return record.LatestFiledUpTo is { } latest && period - latest <= _options.InactiveAfterMonths;
    }

    public static bool HasFiled(FilingRecord record, YearMonth period) => record.LatestFiledUpTo == period;

    /// <summary>Rates and non-filers of a period, for one province (all when null).</summary>
    public ResponseReport Report(YearMonth period, string? province)
    {
        var records = store.FilingRecords(period, province).Where(r => IsExpected(r, period)).ToList();
        var reminders = store.Reminders(null, period).GroupBy(r => r.CreditCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        static IReadOnlyList<ResponseRate> By(IEnumerable<FilingRecord> rs, Func<FilingRecord, string> key, YearMonth p) =>
            [.. rs.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ResponseRate(g.Key, g.Count(), g.Count(r => HasFiled(r, p))))];
        var now = clock.GetUtcNow();
        var deadline = Deadline(period);
        var nonFilers = records.Where(r => !HasFiled(r, period))
            .Select(r => new NonFiler(r.CreditCode, r.Name, r.Province, r.Division, r.LatestFiledUpTo, reminders.GetValueOrDefault(r.CreditCode)))
            .ToList();
        return new ResponseReport(period, province, deadline, now, now >= deadline,
            new ResponseRate(province ?? "all", records.Count, records.Count(r => HasFiled(r, period))),
            By(records, r => r.Province, period), By(records, r => r.Division, period), nonFilers);
    }

    /// <summary>
    /// Reminds non-filers of a period in a scope (a province, or all when null): the named enterprises, or every
    /// non-filer when none is named. Only past the deadline (before it, one refusal with an empty code); an enterprise outside the scope, not expected, or
    /// that has filed is refused with the reason and not reminded.
    /// </summary>
    public ReminderOutcome Remind(YearMonth period, string? province, IReadOnlyList<string>? creditCodes, string sentBy)
    {
        ArgumentNullException.ThrowIfNull(sentBy);
        var now = clock.GetUtcNow();
        var deadline = Deadline(period);
        if (now < deadline)
            return new ReminderOutcome([], [("", "the deadline of " + period.ToString() + " (" + deadline.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) +
                ") has not passed; reminders go to enterprises that have not filed by the deadline")]);
        var all = store.FilingRecords(period, null).ToDictionary(r => r.CreditCode, StringComparer.Ordinal);
        var refused = new List<(string, string)>();
        var targets = new List<string>();
        IEnumerable<string> asked = creditCodes ?? all.Values.Where(r => province is null || r.Province == province).Select(r => r.CreditCode);
        foreach (string code in asked.Distinct(StringComparer.Ordinal))
        {
            if (!all.TryGetValue(code, out var record)) refused.Add((code, "not in the register"));
            else if (province is not null && record.Province != province) refused.Add((code, $"not in province {province}"));
            else if (!IsExpected(record, period)) { if (creditCodes is not null) refused.Add((code, $"not expected to file {period}")); }
            else if (HasFiled(record, period)) { if (creditCodes is not null) refused.Add((code, $"has filed {period}")); }
            else targets.Add(code);
        }
        if (refused.Count > 0 && creditCodes is not null) return new ReminderOutcome([], refused); // all or nothing when named
        var ids = store.AddReminders(period, targets, sentBy, now);
        return new ReminderOutcome([.. ids.Select((id, i) => new Reminder(id, period, targets[i], sentBy, now))], refused);
    }
}
