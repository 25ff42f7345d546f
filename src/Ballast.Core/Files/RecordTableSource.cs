using Ballast.Statistics.Periods;

namespace Ballast.Core.Files;

/// <summary>
/// A table held in memory (a header and records of text fields), read like a CSV file: every field is a text
/// cell, line 1 is the header and record n is on line n + 1. A filed report is read through it so that it meets
/// the importer's rules without a temporary file.
/// </summary>
public sealed class RecordTableSource(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> records) : ITableSource
{
    private int _row = -1;

    private IReadOnlyList<string> Current => _row == 0 ? header : records[_row - 1];

    public bool Read()
    {
        if (_row >= records.Count) return false;
        _row++;
        return true;
    }

    public int FieldCount => Current.Count;

    public ReadOnlySpan<char> this[int index] => Current[index];

    public CellKind KindOf(int index) => CellKind.Text;

    public bool TryGetMonth(int index, out YearMonth month)
    {
        month = default;
        return false;
    }

    public long RecordLine => _row + 1;

    public string? CellName(int index) => null;

    public long BytesRead => 0;

    public long TotalBytes => 0;

    /// <summary>Empty: the records came from no file, and nothing is logged by their hash.</summary>
    public string Sha256() => "";

    public void Dispose() { }
}
