using System.Globalization;
using Ballast.Core.Classifications;
using Ballast.Core.Reporting.Import;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Arrears;

/// <summary>
/// Cases and amounts of a group of cases (10,000 yuan). <c>Registered = Cleared + Outstanding + ClosedUnpaid</c>
/// and <c>Cases = Open + closed cases</c> hold for every tally.
/// </summary>
/// <param name="Cleared">Paid through the cases: the whole amount of paid cases plus the paid part of partly paid ones.</param>
/// <param name="Outstanding">The amount of the open cases.</param>
/// <param name="ClosedUnpaid">Closed without the money: disputed, withdrawn, and the unpaid rest of partly paid cases.</param>
/// <param name="ByStatus">Cases per status code (<see cref="ArrearsCodes.Statuses"/>), every status present.</param>
public sealed record ArrearsTally(
    int Cases, decimal Registered, decimal Cleared, decimal Outstanding, decimal ClosedUnpaid,
    int OpenCases, int OverdueCases, int EscalatedCases, IReadOnlyDictionary<string, int> ByStatus);

/// <summary>
/// The arrears statistics of the cases a user may see, as of <paramref name="AsOf"/>: in total, by debtor type, by
/// handling province, and by both (every debtor type for each province with cases).
/// </summary>
public sealed record ArrearsStatistics(
    DateTimeOffset AsOf, ArrearsTally Total,
    IReadOnlyDictionary<DebtorType, ArrearsTally> ByDebtorType,
    IReadOnlyDictionary<string, ArrearsTally> ByProvince,
    IReadOnlyDictionary<(string Province, DebtorType DebtorType), ArrearsTally> ByProvinceAndDebtorType);

/// <summary>
/// A review warning of the link to the monthly reports: at the end of <paramref name="Period"/> the SME's open
/// registered cases (<paramref name="Outstanding"/>) exceed the overdue receivables it reported for that month.
/// </summary>
public sealed record ArrearsLinkWarning(string CreditCode, string EnterpriseName, YearMonth Period, decimal Outstanding, double Reported, int OpenCases)
{
    public const string Code = "ARREARS_ABOVE_REPORTED";

    public string Message =>
        $"{CreditCode} {EnterpriseName} {Period}: open arrears cases {ArrearsCodes.Money(Outstanding)} exceed the overdue receivables reported, " +
        $"{Reported.ToString("0.######", CultureInfo.InvariantCulture)} (10,000 yuan); review the report or the cases";
}

/// <summary>
/// A province's cleared amounts in a month beside the change in its SMEs' reported overdue receivables.
/// </summary>
/// <param name="Cleared">Paid through the cases the province handles, closed (paid or partly paid) in the month.</param>
/// <param name="MatchedSmes">SMEs located in the province (register) that reported for both the month and the one before.</param>
/// <param name="OverdueBefore">Their overdue receivables at the end of the previous month.</param>
/// <param name="OverdueNow">Their overdue receivables at the end of the month.</param>
public sealed record ProvinceClearing(string Province, YearMonth Period, int CasesCleared, decimal Cleared, int MatchedSmes, double OverdueBefore, double OverdueNow)
{
    /// <summary>Change in the matched SMEs' overdue receivables (negative: they fell).</summary>
    public double OverdueChange => OverdueNow - OverdueBefore;
}

public sealed partial class ArrearsService
{
    /// <summary>Statistics of the cases the user may see, in total, by debtor type, by handling province and by both.</summary>
    public ArrearsStatistics Statistics(ActingUser user)
    {
        var cases = List(user);
        var now = Now();
        return new ArrearsStatistics(now, Tally(cases, now),
            ArrearsCodes.DebtorTypes.ToDictionary(t => t, t => Tally(cases.Where(c => c.DebtorType == t), now)),
            cases.GroupBy(c => c.Province, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Tally(g, now), StringComparer.Ordinal),
            cases.Select(c => c.Province).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .SelectMany(p => ArrearsCodes.DebtorTypes.Select(t => (p, t)))
                .ToDictionary(k => k, k => Tally(cases.Where(c => c.Province == k.p && c.DebtorType == k.t), now)));
    }

    private static ArrearsTally Tally(IEnumerable<ArrearsCase> cases, DateTimeOffset now)
    {
        int n = 0, open = 0, overdue = 0, escalated = 0;
        decimal registered = 0, cleared = 0, outstanding = 0, closedUnpaid = 0;
        var byStatus = ArrearsCodes.Statuses.ToDictionary(s => s, _ => 0, StringComparer.Ordinal);
        foreach (var c in cases)
        {
            n++;
            registered += c.Amount;
            cleared += c.PaidAmount;
            outstanding += c.Outstanding;
            closedUnpaid += c.ClosedUnpaid;
            if (!c.IsClosed) open++;
            if (c.IsOverdueAt(now)) overdue++;
            if (c.EscalationLevel > 0) escalated++;
            byStatus[c.StatusCode]++;
        }
        return new ArrearsTally(n, registered, cleared, outstanding, closedUnpaid, open, overdue, escalated, byStatus);
    }

    /// <summary>The first instant of a month in Beijing time.</summary>
    internal static DateTimeOffset MonthStart(YearMonth month)
    {
        var local = new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, ChinaTime.TimeZone.GetUtcOffset(local));
    }

    /// <summary>
    /// The link to the monthly reports (programs.md, "Arrears"): for each SME with cases and each month it reported
    /// (from the month of its first case; only <paramref name="period"/> when given), the amount of its cases open
    /// at the month's end (Beijing time) must not exceed the overdue receivables it reported for that month. Each
    /// month where it does is a warning; equality is not. Scope: an enterprise checks itself, a province the SMEs
    /// located in it (all their cases count), the ministry every SME.
    /// </summary>
    public IReadOnlyList<ArrearsLinkWarning> CheckReports(ActingUser user, YearMonth? period = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Validate();
        IReadOnlyList<ArrearsCase> cases = user.Role == UserRole.Enterprise ? _store.ArrearsCases(creditCode: user.CreditCode) : _store.ArrearsCases();
        var byEnterprise = cases.GroupBy(c => c.CreditCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string code in byEnterprise.Keys.ToList())
        {
            var e = _store.FindEnterprise(code);
            if (user.Role == UserRole.Province && (e is null || !string.Equals(e.Province, user.Province, StringComparison.Ordinal)))
            {
                byEnterprise.Remove(code);
                continue;
            }
            names[code] = e?.Name ?? "(not in the register)";
        }
        var warnings = new List<ArrearsLinkWarning>();
        if (byEnterprise.Count == 0) return warnings;
        foreach (var (code, month, reported) in _store.OverdueReceivables(byEnterprise.Keys))
        {
            if (period is { } p && month != p) continue;
            var list = byEnterprise[code];
            var end = MonthStart(month.AddMonths(1));
            decimal outstanding = 0;
            int open = 0;
            foreach (var c in list)
            {
                if (!c.IsOpenAt(end)) continue;
                outstanding += c.Amount;
                open++;
            }
            // Compared exactly: the reported double converted to decimal (15 significant digits, beyond any report).
            if (open > 0 && outstanding > (decimal)reported)
                warnings.Add(new ArrearsLinkWarning(code, names[code], month, outstanding, reported, open));
        }
        return warnings.OrderBy(w => w.CreditCode, StringComparer.Ordinal).ThenBy(w => w.Period).ToList();
    }

    /// <summary>
    /// For each province (the user's own for a province; all with cases or SMEs for the ministry): the amounts
    /// cleared in <paramref name="period"/> through the cases it handles, beside the change from the previous month
    /// in the overdue receivables reported by the SMEs located in it that reported in both months (matched pairs).
    /// </summary>
    public IReadOnlyList<ProvinceClearing> ClearedBesideReceivables(ActingUser user, YearMonth period, IEnumerable<Register.Enterprise> register)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(register);
        user.Validate();
        if (user.Role == UserRole.Enterprise)
            throw new ArrearsException(ArrearsErrorKind.Forbidden, $"user {user.Name} acts for an enterprise; provinces' figures are for provinces and the ministry");
        var start = MonthStart(period);
        var end = MonthStart(period.AddMonths(1));
        var cleared = new Dictionary<string, (int Cases, decimal Amount)>(StringComparer.Ordinal);
        foreach (var c in user.Role == UserRole.Province ? _store.ArrearsCases(province: user.Province) : _store.ArrearsCases())
        {
            cleared.TryAdd(c.Province, (0, 0m));
            if (c.ClosedAt is { } at && at >= start && at < end && c.PaidAmount > 0)
            {
                var (n, a) = cleared[c.Province];
                cleared[c.Province] = (n + 1, a + c.PaidAmount);
            }
        }
        var now = _store.OverdueReceivablesIn(period);
        var before = _store.OverdueReceivablesIn(period.Previous);
        var receivables = new Dictionary<string, (int Smes, double Before, double Now)>(StringComparer.Ordinal);
        foreach (var e in register)
        {
            if (user.Role == UserRole.Province && !string.Equals(e.Province, user.Province, StringComparison.Ordinal)) continue;
            if (_classification.SizeOf(e.Employees, e.RevenueLastYear) == SizeClass.Large) continue;
            if (!now.TryGetValue(e.CreditCode, out double vNow) || !before.TryGetValue(e.CreditCode, out double vBefore)) continue;
            receivables.TryGetValue(e.Province, out var r);
            receivables[e.Province] = (r.Smes + 1, r.Before + vBefore, r.Now + vNow);
        }
        var provinces = cleared.Keys.Union(receivables.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        if (user.Role == UserRole.Province) provinces = provinces.Where(p => string.Equals(p, user.Province, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        return provinces.Select(p =>
        {
            cleared.TryGetValue(p, out var cl);
            receivables.TryGetValue(p, out var r);
            return new ProvinceClearing(p, period, cl.Cases, cl.Amount, r.Smes, r.Before, r.Now);
        }).ToList();
    }
}
