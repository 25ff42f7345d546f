using Ballast.Core.Files;
using Ballast.Core.Storage;

namespace Ballast.Core.Reporting;

/// <summary>Writes a stored table in its import format, so that exporting and importing again gives the same data.</summary>
public static class TableExport
{
    /// <summary>Writes the header and every row sorted by key; returns the number of rows.</summary>
    public static long Write(IBallastStore store, FileKind kind, CsvWriter csv)
    {
        csv.WriteRow(FileKinds.Columns(kind));
        long n = 0;
        switch (kind)
        {
            case FileKind.Enterprises:
                foreach (var e in store.Enterprises())
                {
                    csv.Write(e.CreditCode); csv.Write(e.Name); csv.Write(e.RegionCode); csv.Write(e.IndustryCode);
                    csv.Write(e.Ownership); csv.Write(e.Employees); csv.Write(e.RevenueLastYear); csv.Write(e.TiersText);
                    csv.EndRow(); n++;
                }
                break;
            case FileKind.Reports:
                foreach (var r in store.Reports())
                {
                    csv.Write(r.CreditCode); csv.Write(r.Period.ToString()); csv.Write(r.OutputValue); csv.Write(r.SalesValue);
                    csv.Write(r.ExportValue); csv.Write(r.Revenue); csv.Write(r.Profit); csv.Write(r.RdExpense);
                    csv.Write(r.EnergyTce); csv.Write(r.WaterM3); csv.Write(r.Receivables); csv.Write(r.OverdueReceivables);
                    csv.Write(r.Employees);
                    csv.EndRow(); n++;
                }
                break;
            case FileKind.Products:
                foreach (var p in store.Products())
                {
                    csv.Write(p.CreditCode); csv.Write(p.Period.ToString()); csv.Write(p.Product); csv.Write(p.Output); csv.Write(p.Capacity);
                    csv.EndRow(); n++;
                }
                break;
            case FileKind.Ppi:
                foreach (var p in store.Ppi())
                {
                    csv.Write(p.Division); csv.Write(p.Period.ToString()); csv.Write(p.Index);
                    csv.EndRow(); n++;
                }
                break;
            case FileKind.VaRates:
                foreach (var v in store.VaRates())
                {
                    csv.Write(v.Division); csv.Write(v.Year); csv.Write(v.Rate);
                    csv.EndRow(); n++;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
        return n;
    }
}
