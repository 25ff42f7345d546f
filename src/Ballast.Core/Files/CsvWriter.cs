using System.Globalization;
using System.Text;

namespace Ballast.Core.Files;

/// <summary>
/// Writes RFC 4180 CSV in UTF-8 without a byte-order mark, LF line ends, quoting only the fields that need it.
/// Numbers in the import grammar (no exponent, invariant culture, shortest form that reads back the same double).
/// </summary>
public sealed class CsvWriter : IDisposable
{
    private readonly TextWriter _out;
    private readonly bool _leaveOpen;
    private bool _atLineStart = true;

    public CsvWriter(Stream stream, bool leaveOpen = false)
    {
        _out = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen) { NewLine = "\n" };
    }

    public CsvWriter(TextWriter writer, bool leaveOpen = true)
    {
        _out = writer;
        _leaveOpen = leaveOpen;
    }

    public void WriteRow(IEnumerable<string> fields)
    {
        foreach (var f in fields) Write(f);
        EndRow();
    }

    public void Write(string? field)
    {
        Separator();
        if (string.IsNullOrEmpty(field)) return;
        if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            _out.Write('"');
            _out.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
            _out.Write('"');
        }
        else _out.Write(field);
    }

    public void Write(double value)
    {
        Separator();
        Span<char> buf = stackalloc char[64];
        _out.Write(NumberText.Format(value, buf));
    }

    public void Write(double? value)
    {
        if (value is null) Write((string?)null);
        else Write(value.Value);
    }

    public void Write(long value)
    {
        Separator();
        Span<char> buf = stackalloc char[24];
        value.TryFormat(buf, out int n, default, CultureInfo.InvariantCulture);
        _out.Write(buf[..n]);
    }

    public void EndRow()
    {
        _out.Write('\n');
        _atLineStart = true;
    }

    private void Separator()
    {
        if (!_atLineStart) _out.Write(',');
        _atLineStart = false;
    }

    public void Flush() => _out.Flush();

    public void Dispose()
    {
        if (_leaveOpen) _out.Flush();
        else _out.Dispose();
    }
}

/// <summary>Numbers as the input files write them: <c>-?[0-9]+(\.[0-9]+)?</c>.</summary>
public static class NumberText
{
    /// <summary>The shortest text that parses back to the same double, never with an exponent.</summary>
    public static ReadOnlySpan<char> Format(double value, Span<char> buffer)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), "only finite numbers can be written");
        if (value == 0) { buffer[0] = '0'; return buffer[..1]; } // also −0
        value.TryFormat(buffer, out int n, "R", CultureInfo.InvariantCulture);
        if (buffer[..n].IndexOfAny('E', 'e') < 0) return buffer[..n];
        // Rare: very large or very small magnitudes. The round-trip digits with the decimal point moved by the
        // exponent (custom formats and decimal keep only 15 significant digits, which would not read back the same).
        var text = buffer[..n];
        bool negative = text[0] == '-';
        int e = text.IndexOfAny('E', 'e');
        var mantissa = text[(negative ? 1 : 0)..e];
        int exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.');
        string digits = dot < 0 ? mantissa.ToString() : string.Concat(mantissa[..dot], mantissa[(dot + 1)..]);
        int point = (dot < 0 ? mantissa.Length : dot) + exponent; // digits before the decimal point
        string fixedText = point <= 0 ? "0." + new string('0', -point) + digits
            : point >= digits.Length ? digits + new string('0', point - digits.Length)
            : string.Concat(digits.AsSpan(0, point), ".", digits.AsSpan(point));
        string s = negative ? "-" + fixedText : fixedText;
        if (s.Length > buffer.Length) return s.AsSpan(); // a new string: the caller copies it
        s.AsSpan().CopyTo(buffer);
        return buffer[..s.Length];
    }

    public static string Format(double value)
    {
        Span<char> buf = stackalloc char[400]; // 1e-300 in fixed notation needs about 320 characters
        return new string(Format(value, buf));
    }
}
