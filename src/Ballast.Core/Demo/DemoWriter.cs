using System.Globalization;
using System.Text;
using Ballast.Core.Files;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Demo;

/// <summary>
/// Writes a demo data set as the five import files (enterprises, va_rates, ppi, reports, products) in the
/// columns and order Ballast writes them, rows sorted by key. Same data → same bytes.
/// </summary>
public static class DemoWriter
{
    public static readonly IReadOnlyList<string> FileNames = ["enterprises.csv", "va_rates.csv", "ppi.csv", "reports.csv", "products.csv"];

    /// <summary>Enterprises per block of reports formatted on one thread (about 50,000 rows at 24 months).</summary>
    private const int BlockSize = 2048;

    private static readonly UTF8Encoding Utf8 = new(false);

    public static void WriteCsv(DemoData data, string directory, IProgress<long>? rowsWritten = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        long rows = 0;
        void Count(long n)
        {
            long before = rows;
            rows += n;
            if (rowsWritten is not null && rows / 100_000 != before / 100_000) rowsWritten.Report(rows);
        }

        using (var w = Open(directory, "enterprises.csv", FileKind.Enterprises))
        {
            foreach (var e in data.Enterprises)
            {
                w.Write(e.CreditCode);
                w.Write(e.Name);
                w.Write(e.RegionCode);
                w.Write(e.IndustryCode);
                w.Write(e.Ownership);
                w.Write((long)e.Employees);
                w.Write(e.RevenueLastYear);
                w.Write(e.TiersText);
                w.EndRow();
                Count(1);
            }
        }
        using (var w = Open(directory, "va_rates.csv", FileKind.VaRates))
        {
            foreach (var r in data.VaRates)
            {
                w.Write(r.Division);
                w.Write((long)r.Year);
                w.Write(r.Rate);
                w.EndRow();
                Count(1);
            }
        }
        var periods = new PeriodTexts(data.FirstPeriod, data.LastPeriod);
        using (var w = Open(directory, "ppi.csv", FileKind.Ppi))
        {
            foreach (var p in data.Ppi)
            {
                w.Write(p.Division);
                w.Write(periods[p.Period]);
                w.Write(p.Index);
                w.EndRow();
                Count(1);
            }
        }
        WriteBlocks(directory, "reports.csv", FileKind.Reports, data.EnterpriseCount, Count, (from, to, w) =>
        {
            long n = 0;
            foreach (var r in data.Reports(from, to))
            {
                w.Write(r.CreditCode);
                w.Write(periods[r.Period]);
                w.Write(r.OutputValue);
                w.Write(r.SalesValue);
                w.Write(r.ExportValue);
                w.Write(r.Revenue);
                w.Write(r.Profit);
                w.Write(r.RdExpense);
                w.Write(r.EnergyTce);
                w.Write(r.WaterM3);
                w.Write(r.Receivables);
                w.Write(r.OverdueReceivables);
                w.Write((long)r.Employees);
                w.EndRow();
                n++;
            }
            return n;
        });
        WriteBlocks(directory, "products.csv", FileKind.Products, data.EnterpriseCount, Count, (from, to, w) =>
        {
            long n = 0;
            foreach (var p in data.Products(from, to))
            {
                w.Write(p.CreditCode);
                w.Write(periods[p.Period]);
                w.Write(p.Product);
                w.Write(p.Output);
                w.Write(p.Capacity);
                w.EndRow();
                n++;
            }
            return n;
        });
        rowsWritten?.Report(rows);
    }

    /// <summary>
    /// The big files: blocks of enterprises are formatted in parallel (a wave of blocks at a time, so memory stays
    /// bounded) and written in register order. A block's text depends only on its enterprises, so the bytes do not
    /// depend on the number of threads.
    /// </summary>
    private static void WriteBlocks(string directory, string name, FileKind kind, int enterprises, Action<long> count,
        Func<int, int, CsvWriter, long> formatBlock)
    {
        var stream = new FileStream(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var file = new StreamWriter(stream, Utf8, 1 << 20) { NewLine = "\n" };
        new CsvWriter(file).WriteRow(FileKinds.Columns(kind));
        int blocks = (enterprises + BlockSize - 1) / BlockSize;
        int wave = Math.Max(1, Environment.ProcessorCount) * 2;
        // One text buffer per slot of a wave, reused: blocks are ~5 MB of text, too big to allocate afresh.
        var texts = Enumerable.Range(0, wave).Select(_ => new StringBuilder()).ToArray();
        var counts = new long[wave];
        for (int first = 0; first < blocks; first += wave)
        {
            int inWave = Math.Min(wave, blocks - first);
            Parallel.For(0, inWave, k =>
            {
                int from = (first + k) * BlockSize, to = Math.Min(enterprises, from + BlockSize);
                texts[k].Clear();
                counts[k] = formatBlock(from, to, new CsvWriter(new StringWriter(texts[k], CultureInfo.InvariantCulture)));
            });
            for (int k = 0; k < inWave; k++)
            {
                file.Write(texts[k]);
                count(counts[k]);
            }
        }
    }

    private static CsvWriter Open(string directory, string name, FileKind kind)
    {
        var stream = new FileStream(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var writer = new CsvWriter(stream);
        writer.WriteRow(FileKinds.Columns(kind));
        return writer;
    }

    /// <summary>The window's period texts, made once (millions of rows share a few dozen strings).</summary>
    private sealed class PeriodTexts(YearMonth first, YearMonth last)
    {
        private readonly string[] _texts = Enumerable.Range(0, last - first + 1).Select(i => first.AddMonths(i).ToString()).ToArray();

        public string this[YearMonth t] => _texts[t - first];
    }
}
