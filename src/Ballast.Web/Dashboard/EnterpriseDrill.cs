using System.Collections.Concurrent;
using Ballast.Core.Accounts;
using Ballast.Core.Classifications;
using Ballast.Core.Register;
using Ballast.Core.Releases;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Dashboard;

/// <summary>One enterprise of a cell with its figures of the release month (money in 10,000 yuan; growth in %, pull in points).</summary>
/// <param name="OutputValue">Σ output_value over the release's months (t, or January and February for a February release); null without a report.</param>
/// <param name="Growth">Same-sample growth of its comparable value added over its matched pairs; null without one or on a zero base.</param>
/// <param name="Pull">(A(e) − B(e)) / B(cell) × 100: the points it adds to the cell's growth (the pulls add up to it); null without a matched pair.</param>
public sealed record EnterpriseLine(string CreditCode, string Name, string Province, string Division,
    double? OutputValue, string OutputDisplay, double? Growth, string GrowthDisplay, double? Pull, string PullDisplay, bool Matched);

/// <summary>A cell opened into its enterprises, sorted by pull (largest first; those without a pull last, by credit code).</summary>
/// <param name="Growth">The cell's growth on the current data: Σ A / Σ B over the listed enterprises' matched pairs.</param>
/// <param name="DataVersion">The data version the figures were computed from (the current data, not a stored release).</param>
public sealed record EnterprisesView(string Period, string Breakdown, string Cell, Name Name, long DataVersion,
    double? Growth, string GrowthDisplay, IReadOnlyList<EnterpriseLine> Enterprises);

/// <summary>
/// Drill-down from a cell to its enterprises, for the roles that may see microdata: provincial analysts (their own
/// province's cells only), national analysts and statisticians. The figures are computed from the stored reports
/// as release.md defines them for a cell, per enterprise: value added VA = output × rate(division, year), comparable
/// VA = VA / (PPI / 100), growth over matched pairs, pull on the cell. Every answer is audited as microdata access.
/// </summary>
public static class EnterpriseDrill
{
    /// <summary>The breakdowns whose cells open into enterprises.</summary>
    public static readonly IReadOnlyList<string> Breakdowns = ["province", "division", "province_division"];

    /// <summary>The register, rates and PPI of one data version, read once (the reports are read per enterprise).</summary>
    public sealed class Reference(IBallastStore store)
    {
        private readonly ConcurrentDictionary<long, Lazy<Snapshot>> _byVersion = new();

        internal sealed record Snapshot(IReadOnlyList<Enterprise> Register, IReadOnlyDictionary<(string, int), double> Rates,
            IReadOnlyDictionary<(string, YearMonth), double> Ppi);

        internal Snapshot For(long dataVersion)
        {
            if (!_byVersion.ContainsKey(dataVersion)) _byVersion.Clear(); // only the current version is kept
            return _byVersion.GetOrAdd(dataVersion, _ => new Lazy<Snapshot>(() => new Snapshot(
                [.. store.Enterprises()],
                store.VaRates().ToDictionary(r => (r.Division, r.Year), r => r.Rate),
                store.Ppi().ToDictionary(p => (p.Division, p.Period), p => p.Index)))).Value;
        }
    }

    internal static Results<Ok<EnterprisesView>, ProblemHttpResult> Handle(HttpContext context, IBallastStore store, Reference reference,
        DashboardData data, Classification classification, AuditTrail audit, string? breakdown, string? cell, string? period = null)
    {
        var caller = Caller.From(context.User)!;
        if (string.IsNullOrEmpty(breakdown) || string.IsNullOrEmpty(cell))
            return TypedResults.Problem("Say which cell to open: ?breakdown=…&cell=… (province, division or province_division, e.g. breakdown=division&cell=13).",
                statusCode: StatusCodes.Status400BadRequest);
        if (!Breakdowns.Contains(breakdown, StringComparer.Ordinal))
            return TypedResults.Problem($"Only cells of {string.Join(", ", Breakdowns)} open into enterprises; got breakdown \"{breakdown}\".",
                statusCode: StatusCodes.Status400BadRequest);
        if (!TryCell(classification, breakdown, cell, out var province, out var division))
            return TypedResults.Problem($"There is no {breakdown} cell \"{cell}\".", statusCode: StatusCodes.Status404NotFound);
        if (caller.Role == Role.ProvincialAnalyst && !string.Equals(province, caller.Scope, StringComparison.Ordinal))
        {
            audit.Refused(context, $"provincial analyst of {caller.Scope} asked for the enterprises of {breakdown}/{cell} (403)");
            return TypedResults.Problem("A provincial analyst sees the enterprises of its own province's cells only.",
                statusCode: StatusCodes.Status403Forbidden, title: "Outside your scope");
        }
        YearMonth month;
        if (!string.IsNullOrEmpty(period))
        {
            if (!YearMonth.TryParse(period, out month))
                return TypedResults.Problem($"\"{period}\" is not a month in the form YYYY-MM.", statusCode: StatusCodes.Status400BadRequest);
        }
        else if (data.Release() is { } shown) month = shown.Period;
        else if (ReleaseService.LatestPeriod(store) is { } latest) month = latest;
        else return TypedResults.Problem(DashboardEndpoints.NoRelease, statusCode: StatusCodes.Status404NotFound);

        long version = store.DataVersion();
        var snapshot = reference.For(version);
        var members = snapshot.Register.Where(e => (province is null || e.Province == province) && (division is null || e.Division == division)).ToList();
        var computed = Compute(members, store.ReportsOf, snapshot.Rates, snapshot.Ppi, month, out string? missing);
        if (missing is not null)
            return TypedResults.Problem($"The figures of {month} need reference data that are missing: {missing}.", statusCode: StatusCodes.Status422UnprocessableEntity);
        audit.Microdata(context, $"enterprises of {breakdown}/{cell} in {month}: {computed.Lines.Count} enterprises");
        var names = new CellNames(classification);
        return TypedResults.Ok(new EnterprisesView(month.ToString(), breakdown, cell, names.Cell(breakdown, cell), version,
            computed.Growth, Show(computed.Growth), computed.Lines));
    }

    private static bool TryCell(Classification classification, string breakdown, string cell, out string? province, out string? division)
    {
        province = null;
        division = null;
        switch (breakdown)
        {
            case "province":
                province = cell;
                return classification.ProvinceByCode.ContainsKey(cell);
            case "division":
                division = cell;
                return classification.DivisionByCode.ContainsKey(cell);
            default:
                int bar = cell.IndexOf('|', StringComparison.Ordinal);
                if (bar <= 0) return false;
                province = cell[..bar];
                division = cell[(bar + 1)..];
                return classification.ProvinceByCode.ContainsKey(province) && classification.DivisionByCode.ContainsKey(division);
        }
    }

    /// <summary>The months a release's "month" figures sum over: t, or January and February for a February release.</summary>
    public static IReadOnlyList<YearMonth> MonthsOf(YearMonth period) =>
        period.Month == 2 ? [period.AddMonths(-1), period] : [period];

    internal sealed record Computed(double? Growth, IReadOnlyList<EnterpriseLine> Lines);

    /// <summary>The enterprises' figures and the cell's growth; <paramref name="missing"/> names a missing rate or PPI.</summary>
    internal static Computed Compute(IReadOnlyList<Enterprise> members, Func<string, IReadOnlyList<MonthlyReport>> reportsOf,
        IReadOnlyDictionary<(string, int), double> rates, IReadOnlyDictionary<(string, YearMonth), double> ppi, YearMonth period, out string? missing)
    {
        missing = null;
        var months = MonthsOf(period);
        var partial = new List<(Enterprise Firm, double? Output, double A, double B, bool Matched)>(members.Count);
        double sumA = 0, sumB = 0;
        foreach (var firm in members)
        {
            var byMonth = new Dictionary<YearMonth, double>();
            foreach (var r in reportsOf(firm.CreditCode)) byMonth[r.Period] = r.OutputValue;
            double? output = null;
            double a = 0, b = 0;
            bool matched = false;
            foreach (var m in months)
            {
                if (!byMonth.TryGetValue(m, out double current)) continue;
                output = (output ?? 0) + current;
                if (!byMonth.TryGetValue(m.AddMonths(-12), out double baseOutput)) continue;
                string d = firm.Division;
                if (!rates.TryGetValue((d, m.Year), out double rate)) { missing = $"va rate of division {d} in {m.Year}"; return new Computed(null, []); }
                if (!rates.TryGetValue((d, m.Year - 1), out double baseRate)) { missing = $"va rate of division {d} in {m.Year - 1}"; return new Computed(null, []); }
                if (!ppi.TryGetValue((d, m), out double index)) { missing = $"PPI of division {d} in {m}"; return new Computed(null, []); }
                a += current * rate / (index / 100);
                b += baseOutput * baseRate;
                matched = true;
            }
            partial.Add((firm, output, a, b, matched));
            if (matched) { sumA += a; sumB += b; }
        }
        var lines = partial.Select(p =>
        {
            double? growth = p.Matched && p.B != 0 ? (p.A / p.B - 1) * 100 : null;
            double? pull = p.Matched && sumB != 0 ? (p.A - p.B) / sumB * 100 : null;
            return new EnterpriseLine(p.Firm.CreditCode, p.Firm.Name, p.Firm.Province, p.Firm.Division,
                p.Output, p.Output is double o ? Figures.OneDecimal(o) : "—", growth, Show(growth), pull, Show(pull), p.Matched);
        })
            .OrderBy(l => l.Pull is null ? 1 : 0).ThenByDescending(l => l.Pull ?? 0).ThenBy(l => l.CreditCode, StringComparer.Ordinal)
            .ToList();
        return new Computed(sumB != 0 ? (sumA / sumB - 1) * 100 : null, lines);
    }

    private static string Show(double? value) => value is double v ? Figures.OneDecimal(v) : "—";
}
