using Ballast.Core.Files;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting.Import;

/// <summary>How an import reads its files.</summary>
/// <param name="Encoding">Strict UTF-8 unless the user says <c>--encoding gb18030</c>.</param>
/// <param name="Clock">The current month (Asia/Shanghai) comes from here; tests inject it.</param>
/// <param name="MaxErrors">How many errors are listed; <see cref="Storage.ImportOutcome.ErrorCount"/> counts them all.</param>
public sealed record ImportOptions(FileEncoding Encoding, TimeProvider Clock, int MaxErrors = 1000);

/// <summary>One file of an import call; <paramref name="Kind"/> is the user's <c>--kind</c>, null to recognise it from the columns.</summary>
public sealed record ImportRequest(string Path, FileKind? Kind);

/// <summary>Progress through one file: bytes (0 until the end for a workbook) and data rows read.</summary>
public sealed record ImportProgress(string File, long BytesRead, long TotalBytes, long Rows);

/// <summary>The calendar as the ministry reads it: Beijing time (Asia/Shanghai), no daylight saving since 1991.</summary>
public static class ChinaTime
{
    private static readonly Lazy<TimeZoneInfo> Zone = new(() =>
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // A machine without the time-zone database: China Standard Time is UTC+8 all year.
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "CST");
        }
    });

    public static TimeZoneInfo TimeZone => Zone.Value;

    /// <summary>The current month in Asia/Shanghai time.</summary>
    public static YearMonth CurrentMonth(TimeProvider clock)
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone.Value);
        return new YearMonth(local.Year, local.Month);
    }
}
