using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ballast.Core.Demo;
using Ballast.Core.Files;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Import;
using Ballast.Core.Releases;
using Ballast.Core.Storage.Postgres;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Tests.Infrastructure;
using Ballast.Tests.Reporting;
using Npgsql;
using Xunit.Abstractions;

namespace Ballast.Tests.Releases;

/// <summary>
/// Acceptance test of the release engine against a second, independent implementation: the value-added
/// measures of release.md written as one SQL query over the store's own PostgreSQL tables, from the spec alone.
/// A demo population is imported through the ordinary import path; the engine's population is built from the
/// same store; every (breakdown, cell, measure) row must agree: same rows, same E flags, values within
/// |a − b| ≤ 1e-9 · max(1, |a|, |b|) (the spec's agreement rule; sums in another order differ in the last bits).
/// Values are compared unsuppressed: the engine's confidential view keeps the values of C cells.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReleaseEngineSqlCrossCheckTests(PostgresServer server, ITestOutputHelper output)
{
    /// <summary>CI scale: 24 months of 5,000 enterprises import in a few seconds and keep every breakdown busy
    /// (41 divisions × 31 provinces leaves many small province × division cells, including C and E ones).</summary>
    private const int Enterprises = 5_000;

    private const double Tolerance = 1e-9;

    private static readonly string[] Breakdowns =
        [ReleaseBreakdowns.Total, ReleaseBreakdowns.Division, ReleaseBreakdowns.Province, ReleaseBreakdowns.ProvinceDivision];

    private static readonly string[] Measures =
    [
        ReleaseMeasures.VaYoyMonth, ReleaseMeasures.VaYoyYtd, ReleaseMeasures.VaPullMonth, ReleaseMeasures.VaPullYtd,
        ReleaseMeasures.VaContribMonth, ReleaseMeasures.VaContribYtd, ReleaseMeasures.VaShareMonth, ReleaseMeasures.Enterprises,
    ];

    /// <summary>
    /// release.md, written from the spec alone. Months are integer indexes (year × 12 + month − 1), so the year of
    /// month m is m / 12 and the same month a year earlier is m − 12. Parameters: @t the release month, @jan the
    /// January of its year, @ms the first month of the "month" figures (@jan for a February release, else @t).
    /// cur holds every report from January to t with its current-price VA and, when the enterprise also reported
    /// at m − 12 (a matched pair), its comparable VA and the base month's VA. The four breakdowns are grouping
    /// sets over (province, division); a group exists only when one of its enterprises reported in January..t.
    /// </summary>
    private const string Sql = """
        WITH ent AS (
            SELECT credit_code, substr(industry_code, 1, 2) AS d, substr(region_code, 1, 2) AS p FROM enterprises
        ), rep AS (
            SELECT credit_code, substr(period, 1, 4)::int * 12 + substr(period, 6, 2)::int - 1 AS m, output_value
            FROM reports
        ), ppi_m AS (
            SELECT division, substr(period, 1, 4)::int * 12 + substr(period, 6, 2)::int - 1 AS m, index FROM ppi
        ), cur AS (
            SELECT r.credit_code, e.d, e.p, r.m,
                   b.credit_code IS NOT NULL AS matched,
                   r.output_value * rc.rate AS va,
                   (r.output_value * rc.rate) / (x.index / 100::float8) AS cva,
                   b.output_value * rb.rate AS bva
            FROM rep r
            JOIN ent e ON e.credit_code = r.credit_code
            JOIN va_rates rc ON rc.division = e.d AND rc.year = r.m / 12
            JOIN ppi_m x ON x.division = e.d AND x.m = r.m
            LEFT JOIN rep b ON b.credit_code = r.credit_code AND b.m = r.m - 12
            LEFT JOIN va_rates rb ON rb.division = e.d AND rb.year = r.m / 12 - 1
            WHERE r.m BETWEEN @jan AND @t
        ), agg AS (
            SELECT GROUPING(p, d) AS g, p, d,
                   coalesce(sum(cva) FILTER (WHERE matched AND m >= @ms), 0) AS a_m,
                   coalesce(sum(bva) FILTER (WHERE matched AND m >= @ms), 0) AS b_m,
                   coalesce(sum(cva) FILTER (WHERE matched), 0) AS a_y,
                   coalesce(sum(bva) FILTER (WHERE matched), 0) AS b_y,
                   coalesce(sum(va) FILTER (WHERE m >= @ms), 0) AS va_t,
                   count(DISTINCT credit_code) FILTER (WHERE matched AND m >= @ms) AS n
            FROM cur
            GROUP BY GROUPING SETS ((), (d), (p), (p, d))
        ), cells AS (
            SELECT c.*,
                   CASE c.g WHEN 3 THEN 'total' WHEN 2 THEN 'division' WHEN 1 THEN 'province' ELSE 'province_division' END AS breakdown,
                   CASE c.g WHEN 3 THEN 'ALL' WHEN 2 THEN c.d WHEN 1 THEN c.p ELSE c.p || '|' || c.d END AS cell,
                   par.a_m AS pa_m, par.b_m AS pb_m, par.a_y AS pa_y, par.b_y AS pb_y, par.va_t AS pva_t
            FROM agg c
            LEFT JOIN agg par ON (c.g IN (1, 2) AND par.g = 3) OR (c.g = 0 AND par.g = 1 AND par.p = c.p)
        )
        SELECT breakdown, cell, v.measure, v.value
        FROM cells
        CROSS JOIN LATERAL (VALUES
            ('va_yoy_month',     CASE WHEN b_m = 0 THEN NULL ELSE (a_m / b_m - 1) * 100 END),
            ('va_yoy_ytd',       CASE WHEN b_y = 0 THEN NULL ELSE (a_y / b_y - 1) * 100 END),
            ('enterprises',      n::float8),
            ('va_pull_month',    CASE WHEN pb_m = 0 THEN NULL ELSE (a_m - b_m) / pb_m * 100 END),
            ('va_pull_ytd',      CASE WHEN pb_y = 0 THEN NULL ELSE (a_y - b_y) / pb_y * 100 END),
            ('va_contrib_month', CASE WHEN pa_m = pb_m THEN NULL ELSE (a_m - b_m) / (pa_m - pb_m) * 100 END),
            ('va_contrib_ytd',   CASE WHEN pa_y = pb_y THEN NULL ELSE (a_y - b_y) / (pa_y - pb_y) * 100 END),
            ('va_share_month',   CASE WHEN pva_t = 0 THEN NULL ELSE va_t / pva_t * 100 END)
        ) AS v(measure, value)
        WHERE g <> 3 OR v.measure IN ('va_yoy_month', 'va_yoy_ytd', 'enterprises')
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void DemoPopulation_EngineAndSqlFromTheSpec_AgreeOnEveryValueAddedFigure(int seed)
    {
        var watch = Stopwatch.StartNew();
        string connectionString = server.CreateDatabase();
        using var store = new PostgresStore(connectionString);
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 20, 8, 0, 0, TimeSpan.Zero));
        var outcome = DemoLoader.Load(store, new DemoOptions(Enterprises, 24, seed), clock);
        Assert.True(outcome.Accepted, "the demo files import without errors");
        string emptyProvince = ImportEmptyFigureCases(store, clock);
        var loaded = watch.Elapsed;
        var population = ReleasePopulationBuilder.Build(store.Enterprises(), store.Reports(), store.Products(), store.Ppi(), store.VaRates());

        foreach (var period in new[] { new YearMonth(2025, 12), new YearMonth(2025, 2) })
        {
            var result = ReleaseEngine.Compute(population, period);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
            var engine = result.Release!.Rows(ReleaseView.Confidential)
                .Where(r => Breakdowns.Contains(r.Breakdown, StringComparer.Ordinal) && Measures.Contains(r.Measure, StringComparer.Ordinal))
                .ToDictionary(r => (r.Breakdown, r.Cell, r.Measure));
            var sql = RunSql(connectionString, period);

            var problems = Compare(engine, sql, out double maxScaledDifference);
            Assert.True(problems.Count == 0,
                $"seed {seed}, {period}: {problems.Count} disagreements (engine {engine.Count} rows, SQL {sql.Count} rows):\n" + string.Join('\n', problems.Take(25)));

            // The comparison must have had something to compare: every breakdown, C cells among them, and E rows.
            foreach (string b in Breakdowns) Assert.Contains(engine.Keys, k => k.Breakdown == b);
            Assert.Contains(engine.Values, r => r.Flag == ReleaseFlag.Confidential && r.Value is not null);
            // Empty values: in the confidential view a null value is an E figure, flagged E or (C taking precedence) C.
            Assert.Contains(engine.Values, r => r.Value is null);
            // The all-zero province: its own growth is E, its divisions' pulls are E (B of the parent is 0).
            Assert.Null(sql[(ReleaseBreakdowns.Province, emptyProvince, ReleaseMeasures.VaYoyYtd)]);
            Assert.Contains(sql, p => p.Key.Breakdown == ReleaseBreakdowns.ProvinceDivision && p.Key.Cell.StartsWith(emptyProvince + "|", StringComparison.Ordinal)
                && p.Key.Measure == ReleaseMeasures.VaPullYtd && p.Value is null);
            Assert.InRange(engine.Keys.Count(k => k.Breakdown == ReleaseBreakdowns.Division && k.Measure == ReleaseMeasures.Enterprises), 30, 41);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed} {period}: {engine.Count} rows agree; {engine.Values.Count(r => r.Flag == ReleaseFlag.Confidential)} C, {engine.Values.Count(r => r.Flag == ReleaseFlag.Empty)} E, {engine.Values.Count(r => r.Value is null)} empty values; largest |a − b| / max(1, |a|, |b|) = {maxScaledDifference:E2}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: load {loaded.TotalSeconds:F1} s, total {watch.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>
    /// The demo population has no zero bases, so a second import adds the cases that make figures empty (E):
    /// every report of the smallest province with at least 30 enterprises revised to output 0 (its growth, and its
    /// province × division cells' growth, pull, contribution and share, have a zero denominator); an enterprise
    /// alone in its province × division cell reporting only in 2025 (no matched pair: growth E, share not);
    /// another alone in its cell with output 0 throughout 2024 (B = 0 with A > 0). Returns the all-zero province.
    /// </summary>
    private static string ImportEmptyFigureCases(PostgresStore store, TimeProvider clock)
    {
        var register = store.Enterprises().ToList();
        string zeroProvince = register.GroupBy(e => e.Province, StringComparer.Ordinal)
            .Where(g => g.Count() >= 30) // enough enterprises that the province cell itself is not confidential
            .OrderBy(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        var inZeroProvince = register.Where(e => e.Province == zeroProvince).Select(e => e.CreditCode).ToHashSet(StringComparer.Ordinal);
        var occupied = register.Select(e => (e.Province, e.Division)).ToHashSet();
        // Two empty province × division cells outside the zero province, each with a template enterprise of the division.
        var empty = (from p in register.Select(e => e.Province).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                     where p != zeroProvince
                     from t in register.GroupBy(e => e.Division, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.First())
                     where !occupied.Contains((p, t.Division))
                     select (Province: p, Template: t)).Take(2).ToList();
        Assert.Equal(2, empty.Count);

        string dir = Path.Combine(Path.GetTempPath(), "ballast-crosscheck-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var enterprises = new StringBuilder("credit_code,name,region_code,industry_code,ownership,employees,revenue_last_year,tiers\n");
            var reports = new StringBuilder("credit_code,period,output_value,sales_value,export_value,revenue,profit,rd_expense,energy_tce,water_m3,receivables,overdue_receivables,employees\n");
            void Report(string code, YearMonth period, double outputValue, double sales, double revenue, double profit, int employees) =>
                reports.Append(CultureInfo.InvariantCulture,
                    $"{code},{period},{NumberText.Format(outputValue)},{NumberText.Format(sales)},0,{NumberText.Format(revenue)},{NumberText.Format(profit)},0,1,1,0,0,{employees}\n");

            foreach (var r in store.Reports().Where(r => inZeroProvince.Contains(r.CreditCode)))
                Report(r.CreditCode, r.Period, 0, r.SalesValue, r.Revenue, r.Profit, r.Employees);
            for (int i = 0; i < empty.Count; i++)
            {
                var (province, template) = empty[i];
                string region = province + "0000";
                string code = CreditCode.Complete("91" + region + "CCHK0000" + (i + 1).ToString(CultureInfo.InvariantCulture));
                enterprises.Append(CultureInfo.InvariantCulture,
                    $"{code},Cross-check enterprise {i + 1},{region},{template.IndustryCode},{template.Ownership},50,5000,\n");
                for (var m = new YearMonth(2024, 1); m <= new YearMonth(2025, 12); m = m.AddMonths(1))
                {
                    if (i == 0 && m.Year == 2024) continue; // enters in 2025: no matched pair
                    Report(code, m, i == 1 && m.Year == 2024 ? 0 : 400 + m.Month, 300, 300, 10, 50);
                }
            }
            string enterprisesPath = Path.Combine(dir, "enterprises.csv"), reportsPath = Path.Combine(dir, "reports.csv");
            File.WriteAllText(enterprisesPath, enterprises.ToString());
            File.WriteAllText(reportsPath, reports.ToString());
            var outcome = ImportService.Import(store, [new ImportRequest(enterprisesPath, null), new ImportRequest(reportsPath, null)],
                new ImportOptions(FileEncoding.Utf8, clock), "crosscheck");
            Assert.True(outcome.Accepted, "the cross-check supplement imports without errors");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return zeroProvince;
    }

    /// <summary>The disagreements, one line each: rows only one side has, E on one side only, values apart.</summary>
    private static List<string> Compare(Dictionary<(string Breakdown, string Cell, string Measure), ReleaseRow> engine,
        Dictionary<(string Breakdown, string Cell, string Measure), double?> sql, out double maxScaledDifference)
    {
        maxScaledDifference = 0;
        var problems = new List<string>();
        foreach (var key in engine.Keys.Where(k => !sql.ContainsKey(k)).OrderBy(k => k.ToString(), StringComparer.Ordinal)) problems.Add($"{key}: only the engine has this row");
        foreach (var key in sql.Keys.Where(k => !engine.ContainsKey(k)).OrderBy(k => k.ToString(), StringComparer.Ordinal)) problems.Add($"{key}: only the SQL has this row");
        foreach (var (key, row) in engine.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
        {
            if (!sql.TryGetValue(key, out double? expected)) continue;
            // The SQL's null is the spec's E; the engine's confidential view keeps values, so a null there is E
            // (or C hiding an E, since C takes precedence).
            if (expected is null)
            {
                if (row.Value is not null || row.Flag == ReleaseFlag.None)
                    problems.Add($"{key}: SQL empty (E), engine {Describe(row)}");
                continue;
            }
            if (row.Value is not double actual || row.Flag == ReleaseFlag.Empty)
            {
                problems.Add($"{key}: SQL {Format(expected.Value)}, engine {Describe(row)}");
                continue;
            }
            double e = expected.Value;
            double scaled = Math.Abs(actual - e) / Math.Max(1, Math.Max(Math.Abs(actual), Math.Abs(e)));
            maxScaledDifference = Math.Max(maxScaledDifference, scaled);
            if (!(scaled <= Tolerance))
                problems.Add($"{key}: SQL {Format(e)}, engine {Format(actual)} (difference {Format(actual - e)})");
        }
        return problems;
    }

    private static string Describe(ReleaseRow row) => (row.Value is double v ? Format(v) : "empty") + " flag " + row.Flag;

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static Dictionary<(string Breakdown, string Cell, string Measure), double?> RunSql(string connectionString, YearMonth period)
    {
        // Month indexes as the SQL computes them from the 'YYYY-MM' text: year × 12 + month − 1.
        int t = period.Year * 12 + period.Month - 1;
        int january = period.Year * 12;
        int monthStart = period.Month == 2 ? january : t; // January and February are published together
        var rows = new Dictionary<(string, string, string), double?>();
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("t", t);
        command.Parameters.AddWithValue("jan", january);
        command.Parameters.AddWithValue("ms", monthStart);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            double? value = reader.IsDBNull(3) ? null : reader.GetDouble(3);
            Assert.True(rows.TryAdd(key, value), $"the SQL returned {key} twice");
        }
        return rows;
    }
}
