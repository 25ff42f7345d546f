using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting;

/// <summary>
/// One register entry's filing record around a period, for response monitoring: where it is (province, division)
/// and the first and latest months it has filed (latest not after the period asked about).
/// </summary>
public sealed record FilingRecord(
    string CreditCode, string Name, string RegionCode, string IndustryCode, YearMonth? FirstFiled, YearMonth? LatestFiledUpTo)
{
    public string Province => RegionCode[..2];
    public string Division => IndustryCode[..2];
}

/// <summary>An in-app reminder an analyst sent to an enterprise that had not filed a period.</summary>
public sealed record Reminder(long Id, YearMonth Period, string CreditCode, string SentBy, DateTimeOffset SentAt);

/// <summary>Storage of response monitoring: filing records read from the register and reports, and reminders (migration 008).</summary>
public interface IResponseStore
{
    /// <summary>Every register entry (of one province, all when null), by credit code, with its filing record up to <paramref name="period"/>.</summary>
    IReadOnlyList<FilingRecord> FilingRecords(YearMonth period, string? province);

    /// <summary>Stores reminders of one period, sent by one user at one time, to these enterprises; returns their ids in order.</summary>
    IReadOnlyList<long> AddReminders(YearMonth period, IReadOnlyList<string> creditCodes, string sentBy, DateTimeOffset sentAt);

    /// <summary>Reminders, newest first: of one enterprise (all when null) and one period (all when null).</summary>
    IReadOnlyList<Reminder> Reminders(string? creditCode, YearMonth? period);
}
