using Ballast.Core.Reporting;

namespace Ballast.Core.Register;

/// <summary>Point reads of the register and of one enterprise's reports, for the web platform's scoped views.</summary>
public interface IRegisterLookup
{
    /// <summary>The register entry of a credit code, or null.</summary>
    Enterprise? FindEnterprise(string creditCode);

    /// <summary>Register entries by credit code, of one province (all when null), from <paramref name="offset"/>, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<Enterprise> EnterprisesPage(string? province, int offset, int limit);

    /// <summary>One enterprise's monthly reports, by period.</summary>
    IReadOnlyList<MonthlyReport> ReportsOf(string creditCode);
}
