using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ballast.Statistics.Periods;

/// <summary>
/// A calendar month, written <c>YYYY-MM</c> as in Chinese official statistics. Cannot hold an invalid month.
/// <see cref="Index"/> numbers months consecutively (year × 12 + month − 1) so that month arithmetic and
/// columnar arrays indexed by month need no calendar.
/// </summary>
[JsonConverter(typeof(YearMonthJsonConverter))]
public readonly record struct YearMonth : IComparable<YearMonth>, ISpanFormattable
{
    public const int MinYear = 1900;
    public const int MaxYear = 2999;

    public YearMonth(int year, int month)
    {
        if (year is < MinYear or > MaxYear) throw new ArgumentOutOfRangeException(nameof(year), year, $"year must be {MinYear}..{MaxYear}");
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "month must be 1..12");
        Index = year * 12 + month - 1;
    }

    private YearMonth(int index) => Index = index;

    /// <summary>Months since year 0: consecutive months have consecutive indexes.</summary>
    public int Index { get; }

    public int Year => Index / 12;
    public int Month => Index % 12 + 1;

    public static YearMonth FromIndex(int index)
    {
        if (index < MinYear * 12 || index > MaxYear * 12 + 11) throw new ArgumentOutOfRangeException(nameof(index));
        return new YearMonth(index);
    }

    public YearMonth AddMonths(int months) => FromIndex(Index + months);
    public YearMonth AddYears(int years) => FromIndex(Index + 12 * years);

    /// <summary>The same month a year earlier: the base of year-on-year comparisons.</summary>
    public YearMonth YearEarlier => AddMonths(-12);
    public YearMonth Previous => AddMonths(-1);

    /// <summary>Parses exactly <c>YYYY-MM</c> (four digits, hyphen, two digits).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out YearMonth value)
    {
        value = default;
        if (text.Length != 7 || text[4] != '-') return false;
        int year = 0;
        for (int i = 0; i < 4; i++)
        {
            char c = text[i];
            if (c is < '0' or > '9') return false;
            year = year * 10 + (c - '0');
        }
        if (text[5] is < '0' or > '9' || text[6] is < '0' or > '9') return false;
        int month = (text[5] - '0') * 10 + (text[6] - '0');
        if (month is < 1 or > 12 || year is < MinYear or > MaxYear) return false;
        value = new YearMonth(year, month);
        return true;
    }

    public static YearMonth Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"\"{text}\" is not a month in the form YYYY-MM");

    public int CompareTo(YearMonth other) => Index.CompareTo(other.Index);
    public static bool operator <(YearMonth a, YearMonth b) => a.Index < b.Index;
    public static bool operator >(YearMonth a, YearMonth b) => a.Index > b.Index;
    public static bool operator <=(YearMonth a, YearMonth b) => a.Index <= b.Index;
    public static bool operator >=(YearMonth a, YearMonth b) => a.Index >= b.Index;
    public static int operator -(YearMonth a, YearMonth b) => a.Index - b.Index;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        if (destination.Length < 7) return false;
        int y = Year, m = Month;
        destination[0] = (char)('0' + y / 1000);
        destination[1] = (char)('0' + y / 100 % 10);
        destination[2] = (char)('0' + y / 10 % 10);
        destination[3] = (char)('0' + y % 10);
        destination[4] = '-';
        destination[5] = (char)('0' + m / 10);
        destination[6] = (char)('0' + m % 10);
        charsWritten = 7;
        return true;
    }
}

/// <summary>A month in JSON as its text, <c>"YYYY-MM"</c> (as in every file and table), never as an object.</summary>
public sealed class YearMonthJsonConverter : JsonConverter<YearMonth>
{
    public override YearMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && YearMonth.TryParse(reader.GetString() ?? "", out var month)
            ? month
            : throw new JsonException("a month is written \"YYYY-MM\"");

    public override void Write(Utf8JsonWriter writer, YearMonth value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
