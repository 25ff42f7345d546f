namespace Ballast.Statistics.Release;

/// <summary>The measure names of the output table (release.md, Which rows a release has).</summary>
public static class ReleaseMeasures
{
    public const string VaYoyMonth = "va_yoy_month";
    public const string VaYoyYtd = "va_yoy_ytd";
    public const string Enterprises = "enterprises";
    public const string RevenueYoyYtd = "revenue_yoy_ytd";
    public const string ProfitYoyYtd = "profit_yoy_ytd";
    public const string ExportYoyYtd = "export_yoy_ytd";
    public const string RdIntensityYtd = "rd_intensity_ytd";
    public const string EnergyPerVaYoyYtd = "energy_per_va_yoy_ytd";
    public const string OverdueReceivablesYoy = "overdue_receivables_yoy";
    public const string VaPullMonth = "va_pull_month";
    public const string VaPullYtd = "va_pull_ytd";
    public const string VaContribMonth = "va_contrib_month";
    public const string VaContribYtd = "va_contrib_ytd";
    public const string VaShareMonth = "va_share_month";
    public const string OutputMonth = "output_month";
    public const string OutputYoyMonth = "output_yoy_month";
    public const string OutputYoyYtd = "output_yoy_ytd";
    public const string CapacityUtilizationYtd = "capacity_utilization_ytd";

    /// <summary>The 9 measures of <c>total</c>.</summary>
    public static readonly IReadOnlyList<string> TotalMeasures =
        [VaYoyMonth, VaYoyYtd, Enterprises, RevenueYoyYtd, ProfitYoyYtd, ExportYoyYtd, RdIntensityYtd, EnergyPerVaYoyYtd, OverdueReceivablesYoy];

    /// <summary>The 14 measures of every other breakdown but <c>product</c>.</summary>
    public static readonly IReadOnlyList<string> CellMeasures =
        [.. TotalMeasures, VaPullMonth, VaPullYtd, VaContribMonth, VaContribYtd, VaShareMonth];

    /// <summary>The 4 measures of <c>product</c>.</summary>
    public static readonly IReadOnlyList<string> ProductMeasures = [OutputMonth, OutputYoyMonth, OutputYoyYtd, CapacityUtilizationYtd];
}

/// <summary>The breakdown names of the output table (release.md, Breakdowns).</summary>
public static class ReleaseBreakdowns
{
    public const string Total = "total";
    public const string Section = "section";
    public const string Division = "division";
    public const string Province = "province";
    public const string Region4 = "region4";
    public const string Ownership = "ownership";
    public const string Size = "size";
    public const string HighTech = "hightech";
    public const string Equipment = "equipment";
    public const string KeyIndustry = "key_industry";
    public const string Tier = "tier";
    public const string ProvinceDivision = "province_division";
    public const string Product = "product";

    /// <summary>The cell code of <c>total</c>, <c>hightech</c> and <c>equipment</c>.</summary>
    public const string All = "ALL";
}
