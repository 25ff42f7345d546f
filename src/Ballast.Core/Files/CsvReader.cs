using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Ballast.Core.Files;

/// <summary>A malformed file: the record grammar itself is broken, so reading cannot go on.</summary>
public sealed class CsvFormatException(long line, int column, string message) : Exception(message)
{
    /// <summary>The physical line (1-based) where the defect is.</summary>
    public long Line { get; } = line;
    /// <summary>The 1-based field number, 0 when the defect is not in a field.</summary>
    public int Column { get; } = column;
}

/// <summary>How the bytes of a file are turned into text.</summary>
public enum FileEncoding
{
    /// <summary>Strict UTF-8 (a byte-order mark is accepted); any invalid byte is an error with its position.</summary>
    Utf8,
    /// <summary>GB18030, converted to text; only when the user says so.</summary>
    Gb18030,
}

/// <summary>
/// A streaming RFC 4180 reader: comma separated, fields optionally in double quotes, <c>""</c> for a quote
/// inside quotes, line breaks inside quoted fields allowed, CRLF or LF line ends. Written for this project
/// rather than taken from a library because the importer needs the physical line where each record starts,
/// refusal (never repair) of malformed input, strict UTF-8 with the offset of the first bad byte, and fields as
/// spans so that millions of numbers are parsed without allocating strings.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private const int ByteBufferSize = 1 << 16;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Decoder? _gbDecoder;
    private readonly byte[] _bytes = new byte[ByteBufferSize + 8];
    private int _byteStart, _byteEnd;
    private bool _streamDone;
    private long _bytesConsumed;
    private bool _first = true;

    private char[] _chars = new char[ByteBufferSize * 2];
    private int _charPos, _charEnd;

    private char[] _field = new char[1024];
    private int _fieldLen;
    private int[] _starts = new int[32];
    private int[] _lengths = new int[32];
    private int _count;
    private long _line = 1; // physical line of the next character

    public CsvReader(Stream stream, FileEncoding encoding = FileEncoding.Utf8, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        if (encoding == FileEncoding.Gb18030)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            _gbDecoder = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetDecoder();
        }
    }

    /// <summary>The physical line (1-based) on which the current record starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Bytes of the file consumed so far, for progress reporting.</summary>
    public long BytesRead => _bytesConsumed;

    public int FieldCount => _count;

    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            return _field.AsSpan(_starts[index], _lengths[index]);
        }
    }

    public string GetString(int index) => new(this[index]);

    /// <summary>
    /// Reads the next record. Returns false at the end of the file. Lines that are entirely empty are skipped.
    /// Throws <see cref="CsvFormatException"/> when the grammar is broken (an unclosed quote, a quote inside an
    /// unquoted field, text after a closing quote, bytes that are not valid UTF-8).
    /// </summary>
    public bool Read()
    {
        while (true)
        {
            _count = 0;
            _fieldLen = 0;
            if (!EnsureChars()) return false;
            // Skip empty lines between records.
            char c0 = _chars[_charPos];
            if (c0 == '\n') { _charPos++; _line++; continue; }
            if (c0 == '\r')
            {
                _charPos++;
                if (EnsureChars() && _chars[_charPos] == '\n') _charPos++;
                _line++;
                continue;
            }
            RecordLine = _line;
            ReadRecord();
            return true;
        }
    }

    private void ReadRecord()
    {
        while (true)
        {
            int start = _fieldLen;
            bool endOfRecord = ReadField();
            AddField(start, _fieldLen - start);
            if (endOfRecord) return;
        }
    }

    // Reads one field into _field; returns true when the record ends after it.
    private bool ReadField()
    {
        if (!EnsureChars()) return true;
        if (_chars[_charPos] == '"')
        {
            long quoteLine = _line;
            _charPos++;
            while (true)
            {
                if (!EnsureChars())
                    throw new CsvFormatException(quoteLine, _count + 1, $"a quoted field opened on line {quoteLine} is never closed");
                // Copy a run of ordinary characters at once.
                int runEnd = _charPos;
                while (runEnd < _charEnd && _chars[runEnd] != '"' && _chars[runEnd] != '\n') runEnd++;
                if (runEnd > _charPos) { Append(_chars.AsSpan(_charPos, runEnd - _charPos)); _charPos = runEnd; continue; }
                char c = _chars[_charPos++];
                if (c == '\n') { _line++; Append('\n'); continue; }
                // c is a quote: either an escaped quote or the end of the field.
                if (EnsureChars() && _chars[_charPos] == '"') { _charPos++; Append('"'); continue; }
                if (!EnsureChars()) return true;
                char next = _chars[_charPos];
                if (next == ',') { _charPos++; return false; }
                if (next == '\n') { _charPos++; _line++; return true; }
                if (next == '\r')
                {
                    _charPos++;
                    if (EnsureChars() && _chars[_charPos] == '\n') _charPos++;
                    _line++;
                    return true;
                }
                throw new CsvFormatException(_line, _count + 1, $"text after the closing quote of field {_count + 1}; a quote inside a quoted field is written as two quotes (\"\")");
            }
        }
        while (true)
        {
            if (!EnsureChars()) return true;
            int runEnd = _charPos;
            while (runEnd < _charEnd)
            {
                char ch = _chars[runEnd];
                if (ch == ',' || ch == '\n' || ch == '\r' || ch == '"') break;
                runEnd++;
            }
            if (runEnd > _charPos) { Append(_chars.AsSpan(_charPos, runEnd - _charPos)); _charPos = runEnd; continue; }
            char c = _chars[_charPos++];
            switch (c)
            {
                case ',': return false;
                case '\n': _line++; return true;
                case '\r':
                    if (EnsureChars() && _chars[_charPos] == '\n') _charPos++;
                    _line++;
                    return true;
                default: // '"'
                    throw new CsvFormatException(_line, _count + 1, $"a quote inside unquoted field {_count + 1}; put the whole field in quotes and double the quote");
            }
        }
    }

    private void Append(char c)
    {
        if (_fieldLen == _field.Length) Array.Resize(ref _field, _field.Length * 2);
        _field[_fieldLen++] = c;
    }

    private void Append(ReadOnlySpan<char> s)
    {
        if (_fieldLen + s.Length > _field.Length) Array.Resize(ref _field, Math.Max(_field.Length * 2, _fieldLen + s.Length));
        s.CopyTo(_field.AsSpan(_fieldLen));
        _fieldLen += s.Length;
    }

    private void AddField(int start, int length)
    {
        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _lengths, _count * 2);
        }
        _starts[_count] = start;
        _lengths[_count] = length;
        _count++;
    }

    private bool EnsureChars()
    {
        if (_charPos < _charEnd) return true;
        return FillChars();
    }

    private bool FillChars()
    {
        _charPos = 0;
        _charEnd = 0;
        while (_charEnd == 0)
        {
            if (_byteEnd - _byteStart < 4 && !_streamDone) FillBytes();
            int available = _byteEnd - _byteStart;
            if (available == 0) return false;
            var src = _bytes.AsSpan(_byteStart, available);
            if (_first)
            {
                _first = false;
                if (_gbDecoder is null && src.Length >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF)
                {
                    _byteStart += 3; _bytesConsumed += 3;
                    continue;
                }
            }
            if (_gbDecoder is not null)
            {
                try
                {
                    _gbDecoder.Convert(src, _chars, _streamDone, out int bytesUsed, out int charsUsed, out _);
                    _byteStart += bytesUsed; _bytesConsumed += bytesUsed; _charEnd = charsUsed;
                }
                catch (DecoderFallbackException)
                {
                    throw new CsvFormatException(_line, 0, $"bytes near offset {_bytesConsumed} are not valid GB18030");
                }
                if (_charEnd == 0 && _streamDone && _byteEnd - _byteStart == 0) return false;
                continue;
            }
            var status = Utf8.ToUtf16(src, _chars, out int read, out int written, replaceInvalidSequences: false, isFinalBlock: _streamDone);
            _byteStart += read; _bytesConsumed += read; _charEnd = written;
            if (status == OperationStatus.InvalidData)
            {
                // Decode what came before the bad byte so the error names the line it is on.
                long line = _line;
                foreach (char ch in _chars.AsSpan(0, written)) if (ch == '\n') line++;
                byte bad = _bytes[_byteStart];
                throw new CsvFormatException(line, 0,
                    $"byte 0x{bad:X2} at offset {_bytesConsumed} is not valid UTF-8; the file looks like it is in another encoding " +
                    "(GB18030 is common): convert it to UTF-8 or import it with --encoding gb18030");
            }
            if (status == OperationStatus.NeedMoreData && written == 0)
            {
                if (_streamDone)
                    throw new CsvFormatException(_line, 0, $"the file ends in the middle of a UTF-8 character at offset {_bytesConsumed}");
                FillBytes();
            }
        }
        return true;
    }

    private void FillBytes()
    {
        int remaining = _byteEnd - _byteStart;
        if (remaining > 0 && _byteStart > 0) Buffer.BlockCopy(_bytes, _byteStart, _bytes, 0, remaining);
        _byteStart = 0;
        _byteEnd = remaining;
        while (_byteEnd < ByteBufferSize && !_streamDone)
        {
            int n = _stream.Read(_bytes, _byteEnd, ByteBufferSize - _byteEnd);
            if (n == 0) _streamDone = true;
            else _byteEnd += n;
        }
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
