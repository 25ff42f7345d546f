// The peer of `ballast bench release`: DuckDB computes the value-added measures of the monthly release
// (docs/benchmarks.md, "Release"; the definitions are /work/shared/spec/release.md, "Value added" to
// "Breakdowns") from the demo generator's CSV files, in memory, on a fixed number of threads.
//
//   node release-duckdb.mjs --data DIR --classification DIR --period 2025-12 --out result.csv
//                           [--runs 5] [--threads 2]
//
// DIR holds enterprises.csv, reports.csv, ppi.csv and va_rates.csv as `ballast demo` writes them. The
// classification folder holds small CSVs written by `ballast bench release` from Ballast's classifications:
// divisions.csv (division,section,equipment), regions.csv (province,region4), size.csv (size,min_employees,
// min_revenue in the order the thresholds are tried), hightech.csv (class_prefix), key_industries.csv
// (group,division).
//
// Loading is timed apart: the CSVs are read into typed tables, enterprises numbered and their classes derived
// (as Ballast's ReleasePopulationBuilder does before the engine runs). The compared time is the release query
// alone, run --runs times; the median is reported. Disclosure control is not part of this query.
//
// Output: --out gets `breakdown,cell,measure,value` rows (value empty when the figure is empty, i.e. its
// denominator is 0); stdout's last line is a JSON summary.

import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function parseArgs(argv) {
  const args = { runs: 5, threads: 2 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i], value = argv[i + 1];
    if (!key.startsWith('--') || value === undefined) throw new Error(`usage: bad argument ${key}`);
    args[key.slice(2)] = value;
  }
  for (const required of ['data', 'classification', 'period', 'out'])
    if (!args[required]) throw new Error(`usage: --${required} is required`);
  if (!/^\d{4}-\d{2}$/.test(args.period)) throw new Error(`--period must be YYYY-MM, not ${args.period}`);
  args.runs = Number(args.runs);
  args.threads = Number(args.threads);
  return args;
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;

// Reads one of the small classification CSVs (no quoting needed: codes and numbers only).
function readSmallCsv(path) {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = lines[0].split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
}

const args = parseArgs(process.argv.slice(2));
const [year, monthNumber] = args.period.split('-').map(Number);
if (monthNumber === 1) throw new Error('There is no release for a January: January is published with February.');
// Months as integers: year × 12 + month − 1.
const t = year * 12 + monthNumber - 1;
const january = year * 12;
// February reports January and February combined; any later month reports itself.
const monthSetStart = monthNumber === 2 ? january : t;

const instance = await DuckDBInstance.create(':memory:', { threads: String(args.threads) });
const db = await instance.connect();
await db.run(`SET threads = ${args.threads}`);

// ---------------------------------------------------------------------------------------------- loading
const loadStart = process.hrtime.bigint();
const csv = (name) => sqlString(join(args.data, name));
const cls = (name) => sqlString(join(args.classification, name));
const month = (column) => `(CAST(substr(${column}, 1, 4) AS INTEGER) * 12 + CAST(substr(${column}, 6, 2) AS INTEGER) - 1)`;

await db.run(`CREATE TABLE divisions AS SELECT * FROM read_csv(${cls('divisions.csv')}, header = true,
  columns = {'division': 'VARCHAR', 'section': 'VARCHAR', 'equipment': 'BOOLEAN'})`);
await db.run(`CREATE TABLE regions AS SELECT * FROM read_csv(${cls('regions.csv')}, header = true,
  columns = {'province': 'VARCHAR', 'region4': 'VARCHAR'})`);
await db.run(`CREATE TABLE hightech AS SELECT * FROM read_csv(${cls('hightech.csv')}, header = true,
  columns = {'class_prefix': 'VARCHAR'})`);
await db.run(`CREATE TABLE key_industries AS SELECT * FROM read_csv(${cls('key_industries.csv')}, header = true,
  columns = {'group': 'VARCHAR', 'division': 'VARCHAR'})`);
// Size is derived from the register with the thresholds tried in order (data-formats.md, section 1).
const sizeCase = 'CASE ' + readSmallCsv(join(args.classification, 'size.csv'))
  .map((s) => `WHEN r.employees >= ${Number(s.min_employees)} AND r.revenue_last_year >= ${Number(s.min_revenue)} THEN ${sqlString(s.size)}`)
  .join(' ') + ` ELSE 'micro' END`;

await db.run(`CREATE TABLE enterprises AS
  WITH r AS (
    SELECT * FROM read_csv(${csv('enterprises.csv')}, header = true,
      types = {'credit_code': 'VARCHAR', 'region_code': 'VARCHAR', 'industry_code': 'VARCHAR', 'ownership': 'VARCHAR',
               'employees': 'INTEGER', 'revenue_last_year': 'DOUBLE', 'tiers': 'VARCHAR', 'name': 'VARCHAR'}))
  SELECT CAST(row_number() OVER (ORDER BY r.credit_code) AS INTEGER) AS eid,
         r.credit_code,
         substr(r.industry_code, 1, 2) AS division,
         d.section,
         d.equipment,
         substr(r.region_code, 1, 2) AS province,
         g.region4,
         r.ownership,
         ${sizeCase} AS size,
         EXISTS (SELECT 1 FROM hightech h WHERE starts_with(r.industry_code, h.class_prefix)) AS hightech
  FROM r
  JOIN divisions d ON d.division = substr(r.industry_code, 1, 2)
  JOIN regions g ON g.province = substr(r.region_code, 1, 2)`);
await db.run(`CREATE TABLE reports AS
  SELECT e.eid, ${month('r.period')} AS month,
         r.output_value, r.sales_value, r.export_value, r.revenue, r.profit, r.rd_expense, r.energy_tce,
         r.water_m3, r.receivables, r.overdue_receivables, r.employees
  FROM read_csv(${csv('reports.csv')}, header = true,
    types = {'credit_code': 'VARCHAR', 'period': 'VARCHAR', 'output_value': 'DOUBLE', 'sales_value': 'DOUBLE',
             'export_value': 'DOUBLE', 'revenue': 'DOUBLE', 'profit': 'DOUBLE', 'rd_expense': 'DOUBLE',
             'energy_tce': 'DOUBLE', 'water_m3': 'DOUBLE', 'receivables': 'DOUBLE',
             'overdue_receivables': 'DOUBLE', 'employees': 'INTEGER'}) r
  JOIN enterprises e ON e.credit_code = r.credit_code
  ORDER BY e.eid, month`);
await db.run(`CREATE TABLE ppi AS
  SELECT lpad(division, 2, '0') AS division, ${month('period')} AS month, "index" AS ppi
  FROM read_csv(${csv('ppi.csv')}, header = true,
    types = {'division': 'VARCHAR', 'period': 'VARCHAR', 'index': 'DOUBLE'})`);
await db.run(`CREATE TABLE va_rates AS
  SELECT lpad(division, 2, '0') AS division, year, rate
  FROM read_csv(${csv('va_rates.csv')}, header = true,
    types = {'division': 'VARCHAR', 'year': 'INTEGER', 'rate': 'DOUBLE'})`);
const loadSeconds = seconds(loadStart);
const reportRows = Number((await db.runAndReadAll('SELECT count(*) FROM reports')).getRows()[0][0]);
const enterpriseRows = Number((await db.runAndReadAll('SELECT count(*) FROM enterprises')).getRows()[0][0]);

// ---------------------------------------------------------------------------------------------- the release
// One row per cell with its sums; then the measures against the parent cell.
//   pairs: every report of an enterprise from January to t, with its current-price VA, and when the same month a
//          year earlier is reported too (a matched pair) its comparable VA (CVA = VA / (ppi / 100)) and the base
//          VA at the previous year's rate (the base side of the join holds only the base months, so its hash table
//          is half the size).
//   per_enterprise: sums over the month set ({t}, or {Jan, Feb} for February) and over the year to date.
//   cells: the sums per cell of each breakdown (the partitions as grouping sets, the overlapping groups apart).
const query = `
WITH pairs AS (
  SELECT c.eid, c.month,
         c.output_value * rc.rate AS va,
         b.eid IS NOT NULL AS matched,
         c.output_value * rc.rate / (p.ppi / 100) AS cva,
         b.output_value * rb.rate AS vb
  FROM reports c
  JOIN enterprises e ON e.eid = c.eid
  JOIN va_rates rc ON rc.division = e.division AND rc.year = ${year}
  JOIN va_rates rb ON rb.division = e.division AND rb.year = ${year - 1}
  LEFT JOIN ppi p ON p.division = e.division AND p.month = c.month
  LEFT JOIN (SELECT eid, month, output_value FROM reports WHERE month BETWEEN ${january - 12} AND ${t - 12}) b ON b.eid = c.eid AND b.month = c.month - 12
  WHERE c.month BETWEEN ${january} AND ${t}
),
per_enterprise AS (
  SELECT eid,
         coalesce(sum(va) FILTER (WHERE month >= ${monthSetStart}), 0) AS va_t,
         coalesce(sum(cva) FILTER (WHERE matched AND month >= ${monthSetStart}), 0) AS a_month,
         coalesce(sum(vb) FILTER (WHERE matched AND month >= ${monthSetStart}), 0) AS b_month,
         coalesce(sum(cva) FILTER (WHERE matched), 0) AS a_ytd,
         coalesce(sum(vb) FILTER (WHERE matched), 0) AS b_ytd,
         bool_or(matched AND month >= ${monthSetStart}) AS counted
  FROM pairs
  GROUP BY eid
),
pe AS (
  SELECT e.*, s.* EXCLUDE (eid) FROM per_enterprise s JOIN enterprises e ON e.eid = s.eid
),
partitions AS (
  SELECT CASE
           WHEN GROUPING(section) = 0 THEN 'section'
           WHEN GROUPING(division) = 0 AND GROUPING(province) = 0 THEN 'province_division'
           WHEN GROUPING(division) = 0 THEN 'division'
           WHEN GROUPING(province) = 0 THEN 'province'
           WHEN GROUPING(region4) = 0 THEN 'region4'
           WHEN GROUPING(ownership) = 0 THEN 'ownership'
           WHEN GROUPING(size) = 0 THEN 'size'
           ELSE 'total'
         END AS breakdown,
         coalesce(section, CASE WHEN GROUPING(province) = 0 AND GROUPING(division) = 0 THEN province || '|' || division END,
                  division, province, region4, ownership, size, 'ALL') AS cell,
         CASE WHEN GROUPING(province) = 0 AND GROUPING(division) = 0 THEN 'province' END AS parent_breakdown,
         CASE WHEN GROUPING(province) = 0 AND GROUPING(division) = 0 THEN province END AS parent_cell,
         sum(a_month) AS a_month, sum(b_month) AS b_month, sum(a_ytd) AS a_ytd, sum(b_ytd) AS b_ytd,
         sum(va_t) AS va_t, count(*) FILTER (WHERE counted) AS enterprises
  FROM pe
  GROUP BY GROUPING SETS ((), (section), (division), (province), (region4), (ownership), (size), (province, division))
),
overlapping AS (
  SELECT 'size' AS breakdown, 'sme' AS cell, sum(a_month) AS a_month, sum(b_month) AS b_month, sum(a_ytd) AS a_ytd,
         sum(b_ytd) AS b_ytd, sum(va_t) AS va_t, count(*) FILTER (WHERE counted) AS enterprises
  FROM pe WHERE size <> 'large'
  UNION ALL
  SELECT 'hightech', 'ALL', sum(a_month), sum(b_month), sum(a_ytd), sum(b_ytd), sum(va_t), count(*) FILTER (WHERE counted)
  FROM pe WHERE hightech
  UNION ALL
  SELECT 'equipment', 'ALL', sum(a_month), sum(b_month), sum(a_ytd), sum(b_ytd), sum(va_t), count(*) FILTER (WHERE counted)
  FROM pe WHERE equipment
  UNION ALL
  SELECT 'key_industry', k."group", sum(a_month), sum(b_month), sum(a_ytd), sum(b_ytd), sum(va_t), count(*) FILTER (WHERE counted)
  FROM pe JOIN key_industries k ON k.division = pe.division
  GROUP BY k."group"
),
cells AS (
  SELECT breakdown, cell, coalesce(parent_breakdown, CASE WHEN breakdown <> 'total' THEN 'total' END) AS parent_breakdown,
         coalesce(parent_cell, CASE WHEN breakdown <> 'total' THEN 'ALL' END) AS parent_cell,
         a_month, b_month, a_ytd, b_ytd, va_t, enterprises
  FROM partitions
  UNION ALL
  SELECT breakdown, cell, 'total', 'ALL', a_month, b_month, a_ytd, b_ytd, va_t, enterprises FROM overlapping
)
SELECT c.breakdown, c.cell, c.parent_breakdown IS NOT NULL AS has_parent,
       CASE WHEN c.b_month = 0 THEN NULL ELSE (c.a_month / c.b_month - 1) * 100 END AS va_yoy_month,
       CASE WHEN c.b_ytd = 0 THEN NULL ELSE (c.a_ytd / c.b_ytd - 1) * 100 END AS va_yoy_ytd,
       c.enterprises,
       CASE WHEN p.b_month = 0 THEN NULL ELSE (c.a_month - c.b_month) / p.b_month * 100 END AS va_pull_month,
       CASE WHEN p.b_ytd = 0 THEN NULL ELSE (c.a_ytd - c.b_ytd) / p.b_ytd * 100 END AS va_pull_ytd,
       CASE WHEN p.a_month = p.b_month THEN NULL ELSE (c.a_month - c.b_month) / (p.a_month - p.b_month) * 100 END AS va_contrib_month,
       CASE WHEN p.a_ytd = p.b_ytd THEN NULL ELSE (c.a_ytd - c.b_ytd) / (p.a_ytd - p.b_ytd) * 100 END AS va_contrib_ytd,
       CASE WHEN p.va_t = 0 THEN NULL ELSE c.va_t / p.va_t * 100 END AS va_share_month
FROM cells c
LEFT JOIN cells p ON p.breakdown = c.parent_breakdown AND p.cell = c.parent_cell
`;

const cellMeasures = ['va_yoy_month', 'va_yoy_ytd', 'enterprises'];
const parentMeasures = ['va_pull_month', 'va_pull_ytd', 'va_contrib_month', 'va_contrib_ytd', 'va_share_month'];

// The tidy rows of one run: total has no pull, contribution or share (release.md, Pull and contribution).
function tidy(result) {
  const rows = [];
  for (const r of result.getRowObjects()) {
    const measures = r.has_parent ? [...cellMeasures, ...parentMeasures] : cellMeasures;
    for (const m of measures) rows.push([r.breakdown, r.cell, m, r[m] === null ? null : Number(r[m])]);
  }
  return rows;
}

const times = [];
let rows = [];
for (let run = 0; run < args.runs; run++) {
  const start = process.hrtime.bigint();
  rows = tidy(await db.runAndReadAll(query));
  times.push(seconds(start));
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];

rows.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
// Numbers in JavaScript's shortest round-trip form, so that the comparison sees the exact doubles.
writeFileSync(args.out, 'breakdown,cell,measure,value\n' + rows.map((r) => `${r[0]},${r[1]},${r[2]},${r[3] === null ? '' : String(r[3])}`).join('\n') + '\n');

const version = (await db.runAndReadAll('SELECT version()')).getRows()[0][0];
const threads = Number((await db.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0]);
console.log(JSON.stringify({
  duckdb: version, threads, enterprises: enterpriseRows, reports: reportRows, loadSeconds,
  runSeconds: times, medianSeconds: median, rows: rows.length,
}));
