using System.Globalization;
using Ballast.Core.Files;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries;

namespace Ballast.Cli;

/// <summary>A defect in a series file, located by file, line and column (exit code 1).</summary>
internal sealed class SeriesFileException(ImportProblem problem) : Exception(problem.ToString())
{
    public ImportProblem Problem { get; } = problem;
}

/// <summary>
/// Reads the tidy series format (columns <c>series_id,period,value</c>; period YYYY-MM; empty value = missing
/// month). Months between a series' first and last row that have no row are missing too. Series come back in the
/// order of their first row.
/// </summary>
internal static class SeriesInput
{
    private static readonly string[] Header = ["series_id", "period", "value"];

    public static List<(string Id, MonthlySeries Series)> Read(string path, IReadOnlyCollection<string>? wanted)
    {
        if (!File.Exists(path)) throw new SeriesFileException(new ImportProblem(path, 0, null, "the file does not exist"));
        var rows = new Dictionary<string, SortedDictionary<YearMonth, (double Value, long Line)>>(StringComparer.Ordinal);
        var order = new List<string>();
        using (var stream = File.OpenRead(path))
        using (var csv = new CsvReader(stream))
        {
            try
            {
                if (!csv.Read()) throw new SeriesFileException(new ImportProblem(path, 0, null, "the file is empty; expected the header series_id,period,value"));
                if (csv.FieldCount != 3 || !Enumerable.Range(0, 3).All(i => csv[i].Trim().SequenceEqual(Header[i])))
                    throw new SeriesFileException(new ImportProblem(path, csv.RecordLine, null,
                        $"the header must be series_id,period,value (found {string.Join(',', Enumerable.Range(0, csv.FieldCount).Select(csv.GetString))})"));
                while (csv.Read())
                {
                    long line = csv.RecordLine;
                    if (csv.FieldCount != 3)
                        throw new SeriesFileException(new ImportProblem(path, line, null, $"{csv.FieldCount} fields; expected 3 (series_id,period,value)"));
                    var id = csv.GetString(0);
                    if (id.Length == 0) throw new SeriesFileException(new ImportProblem(path, line, "series_id", "the series id is empty"));
                    if (!YearMonth.TryParse(csv[1], out var month))
                        throw new SeriesFileException(new ImportProblem(path, line, "period", $"\"{csv.GetString(1)}\" is not a month YYYY-MM"));
                    double value = double.NaN;
                    var text = csv[2];
                    if (text.Length > 0 && (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value)))
                        throw new SeriesFileException(new ImportProblem(path, line, "value", $"\"{csv.GetString(2)}\" is not a number (leave it empty for a missing month)"));
                    if (wanted is not null && !wanted.Contains(id)) continue;
                    if (!rows.TryGetValue(id, out var series))
                    {
                        rows[id] = series = new SortedDictionary<YearMonth, (double, long)>();
                        order.Add(id);
                    }
                    if (series.TryGetValue(month, out var earlier))
                        throw new SeriesFileException(new ImportProblem(path, line, "period", $"{month} of series {id} is already on line {earlier.Line}"));
                    series[month] = (value, line);
                }
            }
            catch (CsvFormatException e)
            {
                throw new SeriesFileException(new ImportProblem(path, e.Line, e.Column > 0 ? e.Column.ToString(CultureInfo.InvariantCulture) : null, e.Message));
            }
        }
        if (wanted is not null)
            foreach (var id in wanted)
                if (!rows.ContainsKey(id)) throw new SeriesFileException(new ImportProblem(path, 0, null, $"there is no series {id}"));
        if (order.Count == 0) throw new SeriesFileException(new ImportProblem(path, 0, null, "the file has no series"));
        var result = new List<(string, MonthlySeries)>(order.Count);
        foreach (var id in order)
        {
            var months = rows[id];
            var first = months.Keys.First();
            var last = months.Keys.Last();
            var values = new double[last - first + 1];
            Array.Fill(values, double.NaN);
            foreach (var (m, v) in months) values[m - first] = v.Value;
            result.Add((id, new MonthlySeries(first, values)));
        }
        return result;
    }
}
