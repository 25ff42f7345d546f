using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ballast.Statistics.Periods;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Ballast.Core.Files;

/// <summary>
/// The first sheet of an .xlsx workbook, read row by row with the Open XML SDK's streaming reader (the sheet is
/// never loaded as a document). Number cells are given as their value in the import number grammar; number cells
/// with a date format are <see cref="CellKind.Date"/>; shared and inline strings are text. Rows are padded with
/// empty fields to the header's width, because spreadsheets omit empty cells.
/// </summary>
public sealed class XlsxTableSource : ITableSource
{
    private readonly string _path;
    private readonly SpreadsheetDocument _doc;
    private readonly OpenXmlReader _reader;
    private readonly List<string> _sharedStrings = [];
    private readonly bool[] _dateStyles;
    private readonly bool _date1904;
    private readonly string _sheetPrefix;
    private readonly long _total;

    private string[] _text = new string[16];
    private CellKind[] _kinds = new CellKind[16];
    private double[] _numbers = new double[16];
    private int _count;
    private int _headerWidth = -1;
    private long _rowNumber;
    private long _lastRow;
    private bool _done;

    public XlsxTableSource(string path)
    {
        _path = path;
        _total = new FileInfo(path).Length;
        try
        {
            _doc = SpreadsheetDocument.Open(path, false);
            var workbookPart = _doc.WorkbookPart ?? throw Unreadable("it has no workbook part");
            var workbook = workbookPart.Workbook;
            var sheet = workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw Unreadable("it has no sheet");
            string sheetName = sheet.Name?.Value ?? "Sheet1";
            _sheetPrefix = NeedsQuotes(sheetName) ? "'" + sheetName.Replace("'", "''", StringComparison.Ordinal) + "'!" : sheetName + "!";
            _date1904 = workbook.WorkbookProperties?.Date1904?.Value ?? false;
            if (sheet.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart worksheetPart)
                throw Unreadable($"its first sheet \"{sheetName}\" is not a worksheet");
            _dateStyles = ReadDateStyles(workbookPart.WorkbookStylesPart);
            if (workbookPart.SharedStringTablePart is { } sst) ReadSharedStrings(sst);
            _reader = OpenXmlReader.Create(worksheetPart);
        }
        catch (TableFormatException)
        {
            _doc?.Dispose();
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _doc?.Dispose();
            throw Unreadable(e.Message);
        }
    }

    private static TableFormatException Unreadable(string why) =>
        new(0, -1, null, $"this is not a readable .xlsx workbook ({why}); save it again from the spreadsheet program as .xlsx, or export the sheet as CSV in UTF-8");

    private static bool NeedsQuotes(string name)
    {
        foreach (char c in name) if (!char.IsLetterOrDigit(c) && c != '_') return true;
        return false;
    }

    public bool Read()
    {
        if (_done) return false;
        try
        {
            return ReadRow();
        }
        catch (TableFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new TableFormatException(_rowNumber, -1, null, $"the sheet cannot be read after row {_lastRow} ({e.Message}); save the workbook again or export the sheet as CSV in UTF-8");
        }
    }

    private bool ReadRow()
    {
        bool inRow = false;
        int nextColumn = 0;
        while (_reader.Read())
        {
            var type = _reader.ElementType;
            if (type == typeof(Row))
            {
                if (_reader.IsStartElement)
                {
                    inRow = true;
                    _count = 0;
                    nextColumn = 0;
                    long r = _lastRow + 1;
                    foreach (var a in _reader.Attributes)
                        if (a.LocalName == "r" && long.TryParse(a.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long v)) r = v;
                    _rowNumber = r;
                    _lastRow = r;
                }
                else if (_reader.IsEndElement && inRow)
                {
                    inRow = false;
                    if (Finish()) return true;
                }
            }
            else if (type == typeof(Cell) && _reader.IsStartElement && inRow)
            {
                nextColumn = ReadCell(nextColumn);
            }
            else if (type == typeof(SheetData) && _reader.IsEndElement)
            {
                break;
            }
        }
        _done = true;
        return inRow && Finish();
    }

    // Completes the current row: pads to the header's width; false when the row is entirely empty.
    private bool Finish()
    {
        int last = _count - 1;
        while (last >= 0 && _text[last].Length == 0) last--;
        if (last < 0) return false;
        int width = _headerWidth < 0 ? last + 1 : Math.Max(last + 1, _headerWidth);
        Grow(width);
        _count = width;
        if (_headerWidth < 0) _headerWidth = width;
        return true;
    }

    private int ReadCell(int column)
    {
        string? type = null, reference = null;
        int style = 0;
        foreach (var a in _reader.Attributes)
        {
            switch (a.LocalName)
            {
                case "r": reference = a.Value; break;
                case "t": type = a.Value; break;
                case "s": int.TryParse(a.Value, NumberStyles.None, CultureInfo.InvariantCulture, out style); break;
            }
        }
        if (reference is not null) column = ColumnOf(reference);
        if (column >= MaxColumns)
            throw new TableFormatException(_rowNumber, -1, null, $"the cell {reference} is beyond column XFD, the last column of a sheet");
        string? value = null;
        string? inline = null;
        if (_reader.ReadFirstChild())
        {
            do
            {
                if (_reader.ElementType == typeof(CellValue)) value = _reader.GetText();
                else if (_reader.ElementType == typeof(InlineString)) inline = TextOf(_reader.LoadCurrentElement());
            } while (_reader.ReadNextSibling());
        }
        Grow(column + 1);
        for (int i = _count; i < column; i++) Set(i, "", CellKind.Text, 0);
        if (column + 1 > _count) _count = column + 1;

        switch (type)
        {
            case "s":
                if (value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int si) && si < _sharedStrings.Count)
                    Set(column, _sharedStrings[si], CellKind.Text, 0);
                else throw new TableFormatException(_rowNumber, column, Cell(column), $"the cell refers to shared string \"{value}\", which the workbook does not have");
                break;
            case "inlineStr":
                Set(column, inline ?? "", CellKind.Text, 0);
                break;
            case "str":
            case "e":
                Set(column, value ?? "", CellKind.Text, 0);
                break;
            case "b":
                Set(column, value == "1" ? "TRUE" : "FALSE", CellKind.Text, 0);
                break;
            case "d":
                // An ISO 8601 date cell: its month is its first seven characters.
                Set(column, value ?? "", CellKind.Date, double.NaN);
                break;
            default:
                if (string.IsNullOrEmpty(value)) { Set(column, "", CellKind.Text, 0); break; }
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
                    throw new TableFormatException(_rowNumber, column, Cell(column), $"the number cell holds \"{value}\", which is not a number");
                bool isDate = style >= 0 && style < _dateStyles.Length && _dateStyles[style];
                Set(column, NumberText.Format(number), isDate ? CellKind.Date : CellKind.Number, number);
                break;
        }
        return column + 1;
    }

    private void Set(int i, string text, CellKind kind, double number)
    {
        _text[i] = text;
        _kinds[i] = kind;
        _numbers[i] = number;
    }

    private void Grow(int n)
    {
        if (n <= _text.Length) { FillEmpty(n); return; }
        int size = Math.Max(n, _text.Length * 2);
        Array.Resize(ref _text, size);
        Array.Resize(ref _kinds, size);
        Array.Resize(ref _numbers, size);
        FillEmpty(n);
    }

    // Fields between the cells read and n are empty (padding to the header's width).
    private void FillEmpty(int n)
    {
        for (int i = _count; i < n; i++) Set(i, "", CellKind.Text, 0);
    }

    private const int MaxColumns = 16_384; // A..XFD

    private static int ColumnOf(string reference)
    {
        int col = 0;
        foreach (char c in reference)
        {
            if (c is >= 'A' and <= 'Z') col = col * 26 + (c - 'A' + 1);
            else if (c is >= 'a' and <= 'z') col = col * 26 + (c - 'a' + 1);
            else break;
            if (col > MaxColumns) return MaxColumns;
        }
        return Math.Max(col - 1, 0);
    }

    /// <summary>The spreadsheet letters of a 0-based column index: 0 → A, 26 → AA.</summary>
    public static string ColumnLetters(int index)
    {
        Span<char> buf = stackalloc char[8];
        int pos = buf.Length;
        int n = index + 1;
        while (n > 0)
        {
            int rem = (n - 1) % 26;
            buf[--pos] = (char)('A' + rem);
            n = (n - 1) / 26;
        }
        return new string(buf[pos..]);
    }

    private string Cell(int column) => _sheetPrefix + ColumnLetters(column) + _rowNumber.ToString(CultureInfo.InvariantCulture);

    public int FieldCount => _count;
    public ReadOnlySpan<char> this[int index] => (uint)index < (uint)_count ? _text[index] : throw new ArgumentOutOfRangeException(nameof(index));
    public CellKind KindOf(int index) => (uint)index < (uint)_count ? _kinds[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public bool TryGetMonth(int index, out YearMonth month)
    {
        month = default;
        if (KindOf(index) != CellKind.Date) return false;
        double serial = _numbers[index];
        if (double.IsNaN(serial)) return YearMonth.TryParse(_text[index].AsSpan(0, Math.Min(7, _text[index].Length)), out month);
        if (_date1904) serial += 1462; // days between the 1900 and 1904 date systems
        if (serial < 1 || serial > 2_958_465) return false;
        DateTime date = DateTime.FromOADate(serial);
        if (date.Year is < YearMonth.MinYear or > YearMonth.MaxYear) return false;
        month = new YearMonth(date.Year, date.Month);
        return true;
    }

    public long RecordLine => _rowNumber;
    public string? CellName(int index) => Cell(index);
    public long BytesRead => _done ? _total : 0;
    public long TotalBytes => _total;

    public string Sha256()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private void ReadSharedStrings(SharedStringTablePart part)
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                _sharedStrings.Add(TextOf(reader.LoadCurrentElement()));
        }
    }

    // The visible text of a string item: its text and its rich-text runs, without phonetic guides.
    private static string TextOf(OpenXmlElement? item)
    {
        if (item is null) return "";
        var sb = new StringBuilder();
        foreach (var child in item.ChildElements)
        {
            if (child is Text t) sb.Append(t.Text);
            else if (child is Run r) foreach (var rt in r.Elements<Text>()) sb.Append(rt.Text);
        }
        return sb.ToString();
    }

    private static bool[] ReadDateStyles(WorkbookStylesPart? stylesPart)
    {
        var formats = stylesPart?.Stylesheet?.CellFormats?.Elements<CellFormat>().ToList();
        if (formats is null) return [];
        var custom = new Dictionary<uint, string>();
        if (stylesPart?.Stylesheet?.NumberingFormats is { } numFmts)
            foreach (var nf in numFmts.Elements<NumberingFormat>())
                if (nf.NumberFormatId?.Value is uint fid && nf.FormatCode?.Value is string code) custom[fid] = code;
        var result = new bool[formats.Count];
        for (int i = 0; i < formats.Count; i++)
        {
            uint id = formats[i].NumberFormatId?.Value ?? 0;
            result[i] = custom.TryGetValue(id, out string? code) ? IsDateFormat(code) : id is >= 14 and <= 22;
        }
        return result;
    }

    /// <summary>A custom number format shows a date when, outside quoted text and brackets, it has y, m or d.</summary>
    internal static bool IsDateFormat(string code)
    {
        bool quoted = false, bracket = false, y = false, m = false, d = false, h = false, s = false;
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (quoted) { if (c == '"') quoted = false; continue; }
            if (bracket) { if (c == ']') bracket = false; continue; }
            switch (c)
            {
                case '"': quoted = true; break;
                case '[': bracket = true; break;
                case '\\': case '_': case '*': i++; break;
                case ';': goto done; // only the format of positive numbers matters
                case 'y' or 'Y': y = true; break;
                case 'm' or 'M': m = true; break;
                case 'd' or 'D': d = true; break;
                case 'h' or 'H': h = true; break;
                case 's' or 'S': s = true; break;
            }
        }
    done:
        // "h:mm" and "mm:ss" are times: m there means minutes.
        return y || d || (m && !h && !s);
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _doc?.Dispose();
    }
}
