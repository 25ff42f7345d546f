using System.Security.Cryptography;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Files;

/// <summary>What a spreadsheet cell held; CSV fields are always <see cref="Text"/>.</summary>
public enum CellKind
{
    Text,
    /// <summary>A number cell; the field text is its value in the import number grammar.</summary>
    Number,
    /// <summary>A number cell with a date format (or an ISO date cell); <see cref="ITableSource.TryGetMonth"/> gives its month.</summary>
    Date,
}

/// <summary>The table cannot be read further: its grammar is broken (malformed CSV, bad bytes, unreadable workbook).</summary>
public sealed class TableFormatException(long line, int field, string? cell, string message) : Exception(message)
{
    /// <summary>The physical line or spreadsheet row of the defect, 0 when it concerns the whole file.</summary>
    public long Line { get; } = line;
    /// <summary>The 0-based field index of the defect, −1 when not in a field.</summary>
    public int Field { get; } = field;
    /// <summary>The spreadsheet cell (<c>Sheet1!C12</c>), null for CSV.</summary>
    public string? Cell { get; } = cell;
}

/// <summary>
/// A table read one record at a time, whether from CSV or from the first sheet of an XLSX workbook, so that
/// validation is written once. The first record is the header.
/// </summary>
public interface ITableSource : IDisposable
{
    /// <summary>Moves to the next non-empty record; false at the end. Throws <see cref="TableFormatException"/>.</summary>
    bool Read();

    int FieldCount { get; }

    /// <summary>The field's text (for number cells, the value written in the import number grammar).</summary>
    ReadOnlySpan<char> this[int index] { get; }

    CellKind KindOf(int index);

    /// <summary>The month of a date cell; false for other cells.</summary>
    bool TryGetMonth(int index, out YearMonth month);

    /// <summary>The physical line where the record starts (CSV) or its spreadsheet row number (XLSX).</summary>
    long RecordLine { get; }

    /// <summary>The cell's name as a spreadsheet shows it (<c>Sheet1!C12</c>); null for CSV, where the column name is used.</summary>
    string? CellName(int index);

    long BytesRead { get; }
    long TotalBytes { get; }

    /// <summary>The SHA-256 of the file's bytes, hex lower case. Reads any bytes not yet read.</summary>
    string Sha256();
}

/// <summary>CSV through <see cref="CsvReader"/>, hashing the bytes as they stream past.</summary>
public sealed class CsvTableSource : ITableSource
{
    private readonly HashingStream _stream;
    private readonly CsvReader _csv;
    private readonly long _total;

    public CsvTableSource(string path, FileEncoding encoding)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        _total = file.Length;
        _stream = new HashingStream(file);
        _csv = new CsvReader(_stream, encoding);
    }

    public bool Read()
    {
        try
        {
            return _csv.Read();
        }
        catch (CsvFormatException e)
        {
            throw new TableFormatException(e.Line, e.Column - 1, null, e.Message);
        }
    }

    public int FieldCount => _csv.FieldCount;
    public ReadOnlySpan<char> this[int index] => _csv[index];
    public CellKind KindOf(int index) => CellKind.Text;

    public bool TryGetMonth(int index, out YearMonth month)
    {
        month = default;
        return false;
    }

    public long RecordLine => _csv.RecordLine;
    public string? CellName(int index) => null;
    public long BytesRead => _csv.BytesRead;
    public long TotalBytes => _total;
    public string Sha256() => _stream.Finish();
    public void Dispose() => _csv.Dispose();
}

/// <summary>A read-only stream that hashes what passes through it, so a file is read once.</summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _result;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = inner.Read(buffer);
        if (_result is null) _hash.AppendData(buffer[..n]);
        return n;
    }

    /// <summary>Hashes the rest of the file (after an error stopped reading) and returns the hex digest.</summary>
    public string Finish()
    {
        if (_result is not null) return _result;
        var buf = new byte[1 << 16];
        while (Read(buf, 0, buf.Length) > 0) { }
        _result = Convert.ToHexStringLower(_hash.GetHashAndReset());
        return _result;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
