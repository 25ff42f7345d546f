using System.Data.Common;
using Ballast.Core.Register;
using Ballast.Core.Reporting;

namespace Ballast.Core.Storage;

// Point reads for the web platform (IRegisterLookup).
public abstract partial class RelationalStore
{
    private const string EnterpriseColumns = "credit_code, name, region_code, industry_code, ownership, employees, revenue_last_year, tiers";

    private static Enterprise ReadEnterprise(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetDouble(6),
            r.GetString(7).Split(';', StringSplitOptions.RemoveEmptyEntries));

    public Enterprise? FindEnterprise(string creditCode)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        foreach (var r in Rows($"SELECT {EnterpriseColumns} FROM enterprises WHERE credit_code = @c", ("c", creditCode)))
            return ReadEnterprise(r);
        return null;
    }

    public IReadOnlyList<Enterprise> EnterprisesPage(string? province, int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        string sql = $"SELECT {EnterpriseColumns} FROM enterprises" + (province is null ? "" : " WHERE substr(region_code, 1, 2) = @p") +
                     " ORDER BY credit_code LIMIT @n OFFSET @o";
        var list = new List<Enterprise>();
        foreach (var r in province is null ? Rows(sql, ("n", limit), ("o", offset)) : Rows(sql, ("p", province), ("n", limit), ("o", offset)))
            list.Add(ReadEnterprise(r));
        return list;
    }

    public IReadOnlyList<MonthlyReport> ReportsOf(string creditCode)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        var list = new List<MonthlyReport>();
        foreach (var r in Rows($"SELECT {StoreTables.ColumnList(FileKind.Reports)} FROM reports WHERE credit_code = @c ORDER BY period", ("c", creditCode)))
            list.Add(new MonthlyReport(r.GetString(0), ParsePeriod(r.GetString(1)), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5),
                r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.GetInt32(12)));
        return list;
    }
}
