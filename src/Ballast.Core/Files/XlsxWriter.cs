using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Ballast.Core.Files;

/// <summary>
/// Writes one table as the first sheet of an .xlsx workbook, streaming (SAX), strings inline, numbers as
/// numbers, so analysts open it in Excel with the values ready to compute on.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly OpenXmlWriter _writer;
    private int _row;
    private int _column;
    private bool _rowOpen;

    public XlsxWriter(Stream stream, string sheetName)
    {
        _document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = _document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
        workbook.Workbook.Save();
        _writer = OpenXmlWriter.Create(sheetPart);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteStartElement(new SheetData());
    }

    public void WriteRow(IEnumerable<string> cells)
    {
        foreach (var c in cells) Write(c);
        EndRow();
    }

    public void Write(string? text)
    {
        OpenRow();
        _column++;
        if (string.IsNullOrEmpty(text)) return;
        _writer.WriteElement(new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = Reference(), DataType = CellValues.InlineString,
        });
    }

    public void Write(double? value)
    {
        OpenRow();
        _column++;
        if (value is not double v) return;
        // Written as round-trip text, so the workbook holds every digit of the figure.
        _writer.WriteElement(new Cell(new CellValue(v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) { CellReference = Reference(), DataType = CellValues.Number });
    }

    public void EndRow()
    {
        OpenRow();
        _writer.WriteEndElement();
        _rowOpen = false;
    }

    private void OpenRow()
    {
        if (_rowOpen) return;
        _row++;
        _column = 0;
        _writer.WriteStartElement(new Row { RowIndex = (uint)_row });
        _rowOpen = true;
    }

    private string Reference() => XlsxTableSource.ColumnLetters(_column - 1) + _row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (_rowOpen) _writer.WriteEndElement();
        _writer.WriteEndElement(); // sheetData
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        _document.Dispose();
    }
}
