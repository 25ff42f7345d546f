using Ballast.Core.Files;
using Ballast.Core.Reporting;

namespace Ballast.Core.Demo;

/// <summary>
/// Writes a demo data set as the five import files (enterprises, va_rates, ppi, reports, products) in the
/// columns and order Ballast writes them, rows sorted by key. Same data → same bytes.
/// </summary>
public static class DemoWriter
{
    public static readonly IReadOnlyList<string> FileNames = ["enterprises.csv", "va_rates.csv", "ppi.csv", "reports.csv", "products.csv"];

    private const int ProgressEvery = 100_000;

    public static void WriteCsv(DemoData data, string directory, IProgress<long>? rowsWritten = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        long rows = 0;
        void Count()
        {
            rows++;
            if (rowsWritten is not null && rows % ProgressEvery == 0) rowsWritten.Report(rows);
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
                Count();
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
                Count();
            }
        }
        var periods = new Dictionary<int, string>();
        string Period(Statistics.Periods.YearMonth t)
        {
            if (!periods.TryGetValue(t.Index, out var s)) periods[t.Index] = s = t.ToString();
            return s;
        }
        using (var w = Open(directory, "ppi.csv", FileKind.Ppi))
        {
            foreach (var p in data.Ppi)
            {
                w.Write(p.Division);
                w.Write(Period(p.Period));
                w.Write(p.Index);
                w.EndRow();
                Count();
            }
        }
        using (var w = Open(directory, "reports.csv", FileKind.Reports))
        {
            foreach (var r in data.Reports())
            {
                w.Write(r.CreditCode);
                w.Write(Period(r.Period));
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
                Count();
            }
        }
        using (var w = Open(directory, "products.csv", FileKind.Products))
        {
            foreach (var p in data.Products())
            {
                w.Write(p.CreditCode);
                w.Write(Period(p.Period));
                w.Write(p.Product);
                w.Write(p.Output);
                w.Write(p.Capacity);
                w.EndRow();
                Count();
            }
        }
        rowsWritten?.Report(rows);
    }

    private static CsvWriter Open(string directory, string name, FileKind kind)
    {
        var stream = new FileStream(Path.Combine(directory, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var writer = new CsvWriter(stream);
        writer.WriteRow(FileKinds.Columns(kind));
        return writer;
    }
}
