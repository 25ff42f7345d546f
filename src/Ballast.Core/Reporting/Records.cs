using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting;

/// <summary>
/// One enterprise's monthly report (reports.csv): the month's flows, not year-to-date sums, and month-end
/// stocks. Money in 10,000 yuan, energy in tonnes of standard coal equivalent, water in m³.
/// </summary>
public readonly record struct MonthlyReport(
    string CreditCode,
    YearMonth Period,
    double OutputValue,
    double SalesValue,
    double ExportValue,
    double Revenue,
    double Profit,
    double RdExpense,
    double EnergyTce,
    double WaterM3,
    double Receivables,
    double OverdueReceivables,
    int Employees);

/// <summary>Output of one product by one enterprise in one month (products.csv), in the product's unit.</summary>
/// <param name="Capacity">Annual design capacity in force at month end; null when not reported.</param>
public readonly record struct ProductOutput(string CreditCode, YearMonth Period, string Product, double Output, double? Capacity);

/// <summary>Producer price index of a division, same month of the previous year = 100 (ppi.csv).</summary>
public readonly record struct PpiEntry(string Division, YearMonth Period, double Index);

/// <summary>Value-added rate of a division for a year, 0 &lt; rate &lt; 1 (va_rates.csv).</summary>
public readonly record struct VaRate(string Division, int Year, double Rate);

/// <summary>The five kinds of input file, in the order one import call applies them.</summary>
public enum FileKind { Enterprises = 0, VaRates = 1, Ppi = 2, Reports = 3, Products = 4 }

public static class FileKinds
{
    /// <summary>The name users write (<c>--kind</c>, export): enterprises, va_rates, ppi, reports, products.</summary>
    public static string Name(FileKind kind) => kind switch
    {
        FileKind.Enterprises => "enterprises",
        FileKind.VaRates => "va_rates",
        FileKind.Ppi => "ppi",
        FileKind.Reports => "reports",
        FileKind.Products => "products",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out FileKind kind)
    {
        foreach (FileKind k in Enum.GetValues<FileKind>())
            if (string.Equals(Name(k), text, StringComparison.OrdinalIgnoreCase) ||
                (k == FileKind.Enterprises && string.Equals(text, "register", StringComparison.OrdinalIgnoreCase)))
            { kind = k; return true; }
        kind = default;
        return false;
    }

    /// <summary>The columns of each kind, in the order Ballast writes them.</summary>
    public static IReadOnlyList<string> Columns(FileKind kind) => kind switch
    {
        FileKind.Enterprises => ["credit_code", "name", "region_code", "industry_code", "ownership", "employees", "revenue_last_year", "tiers"],
        FileKind.Reports => ["credit_code", "period", "output_value", "sales_value", "export_value", "revenue", "profit", "rd_expense", "energy_tce", "water_m3", "receivables", "overdue_receivables", "employees"],
        FileKind.Products => ["credit_code", "period", "product", "output", "capacity"],
        FileKind.Ppi => ["division", "period", "index"],
        FileKind.VaRates => ["division", "year", "rate"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
