using System.Text;
using Ballast.Core.Files;

namespace Ballast.Tests.Files;

public class CsvReaderTests
{
    private static List<(long Line, string[] Fields)> ReadAll(string text, FileEncoding encoding = FileEncoding.Utf8) =>
        ReadAll(Encoding.UTF8.GetBytes(text), encoding);

    private static List<(long Line, string[] Fields)> ReadAll(byte[] bytes, FileEncoding encoding = FileEncoding.Utf8)
    {
        using var r = new CsvReader(new MemoryStream(bytes), encoding);
        var rows = new List<(long, string[])>();
        while (r.Read()) rows.Add((r.RecordLine, Enumerable.Range(0, r.FieldCount).Select(r.GetString).ToArray()));
        return rows;
    }

    [Fact]
    public void QuotedFields_WithCommasQuotesAndLineBreaks_AndPhysicalLines()
    {
        var rows = ReadAll("a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\n3,,\n");
        Assert.Equal(4, rows.Count);
        Assert.Equal(["1", "x,y", "say \"hi\""], rows[1].Fields);
        Assert.Equal(2, rows[1].Line);
        Assert.Equal(["2", "two\nlines", "z"], rows[2].Fields);
        Assert.Equal(3, rows[2].Line);
        Assert.Equal(5, rows[3].Line); // the quoted line break moved the physical line on
        Assert.Equal(["3", "", ""], rows[3].Fields);
    }

    [Fact]
    public void LastLine_WithoutNewline_IsRead()
    {
        var rows = ReadAll("a,b\n1,2");
        Assert.Equal(["1", "2"], rows[1].Fields);
    }

    [Fact]
    public void ByteOrderMark_IsAccepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("名称,b\n甲,2\n")).ToArray();
        var rows = ReadAll(bytes);
        Assert.Equal("名称", rows[0].Fields[0]);
        Assert.Equal("甲", rows[1].Fields[0]);
    }

    [Fact]
    public void UnclosedQuote_NamesTheLineWhereItOpened()
    {
        var ex = Assert.Throws<CsvFormatException>(() => ReadAll("a,b\n1,2\n3,\"never closed\n4,5\n"));
        Assert.Equal(3, ex.Line);
        Assert.Equal(2, ex.Column);
        Assert.Contains("never closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuoteInsideUnquotedField_IsRefused()
    {
        var ex = Assert.Throws<CsvFormatException>(() => ReadAll("a,b\n1,ab\"c\n"));
        Assert.Equal(2, ex.Line);
        Assert.Equal(2, ex.Column);
    }

    [Fact]
    public void TextAfterClosingQuote_IsRefused()
    {
        var ex = Assert.Throws<CsvFormatException>(() => ReadAll("a,b\n\"x\"y,1\n"));
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Gb18030Bytes_WithoutEncoding_AreRefusedWithOffsetAndHint()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB18030");
        var bytes = Encoding.UTF8.GetBytes("name,x\nabc,1\n").Concat(gb.GetBytes("北京,2\n")).ToArray();
        var ex = Assert.Throws<CsvFormatException>(() => ReadAll(bytes));
        Assert.Equal(3, ex.Line);
        Assert.Contains("offset 13", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--encoding gb18030", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gb18030Bytes_WithEncoding_AreConverted()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB18030");
        var rows = ReadAll(gb.GetBytes("name,x\n北京制造有限公司,2\n"), FileEncoding.Gb18030);
        Assert.Equal("北京制造有限公司", rows[1].Fields[0]);
    }

    [Fact]
    public void LongFile_AcrossBufferBoundaries_KeepsEveryRecordAndMultiByteCharacter()
    {
        var sb = new StringBuilder("k,v\n");
        for (int i = 0; i < 50_000; i++) sb.Append(i).Append(",\"值").Append(i).Append("\"\n");
        var rows = ReadAll(sb.ToString());
        Assert.Equal(50_001, rows.Count);
        Assert.Equal(["49999", "值49999"], rows[^1].Fields);
        Assert.Equal(50_001, rows[^1].Line);
    }
}
