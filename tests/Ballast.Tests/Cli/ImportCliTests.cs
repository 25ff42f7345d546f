using System.Globalization;
using Ballast.Core.Files;
using Ballast.Core.Reporting;

namespace Ballast.Tests.Cli;

/// <summary>
/// The import command end to end on a real store: the demo files round-trip through import and export, every
/// bad file is refused with file, line, column and defect while the store stays exactly as it was, and a
/// killed import leaves nothing behind. Run once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class ImportCliTests : IDisposable
{
    private readonly TempFolders _temp = new();

    /// <summary>A fresh, empty store: the value of --db.</summary>
    protected abstract string NewDb();

    protected string TempDir() => _temp.New("import");

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private static readonly FileKind[] Kinds = [FileKind.Enterprises, FileKind.VaRates, FileKind.Ppi, FileKind.Reports, FileKind.Products];

    private static string Snapshot(string db) =>
        string.Concat(Kinds.Select(k =>
        {
            var r = CliRunner.Run("export", FileKinds.Name(k), "--db", db);
            Assert.True(r.ExitCode == 0, r.Error);
            return r.Out;
        }));

    [Fact]
    public void DemoFiles_ImportedThenExported_GiveTheSameData()
    {
        var dir = TempDir();
        var demo = CliRunner.Run("demo", "--enterprises", "400", "--months", "26", "--seed", "7", "--out", dir);
        Assert.True(demo.ExitCode == 0, demo.Error);
        var db = NewDb();
        var files = Kinds.Select(k => Path.Combine(dir, FileKinds.Name(k) + ".csv")).ToArray();
        var import = CliRunner.Run(["import", .. files, "--db", db]);
        Assert.True(import.ExitCode == 0, import.Error + import.Out);

        var outDir = TempDir();
        foreach (var kind in Kinds)
        {
            var outFile = Path.Combine(outDir, FileKinds.Name(kind) + ".csv");
            var export = CliRunner.Run("export", FileKinds.Name(kind), "--out", outFile, "--db", db);
            Assert.True(export.ExitCode == 0, export.Error);
            AssertSameTable(Path.Combine(dir, FileKinds.Name(kind) + ".csv"), outFile);
        }
    }

    [Fact]
    public void EveryBadFile_IsRefusedWithItsPlace_AndTheStoreIsUnchanged()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        var db = NewDb();
        var good = Directory.GetFiles(Path.Combine(fixtures, "good"), "*.csv").Order(StringComparer.Ordinal).ToArray();
        var load = CliRunner.Run(["import", .. good, "--db", db]);
        Assert.True(load.ExitCode == 0, load.Error + load.Out);
        var before = Snapshot(db);
        Assert.Contains("\n", before, StringComparison.Ordinal);

        var failures = new List<string>();
        var manifest = ReadCsv(Path.Combine(fixtures, "bad", "manifest.csv"));
        Assert.NotEmpty(manifest);
        foreach (var row in manifest)
        {
            string file = row["file"], kind = row["kind_or_empty"], line = row["expected_line"], column = row["expected_column"], fragment = row["message_fragment"];
            var path = Path.Combine(fixtures, "bad", file);
            string[] args = kind.Length > 0 ? ["import", path, "--kind", kind, "--db", db] : ["import", path, "--db", db];
            var r = CliRunner.Run(args);
            if (r.ExitCode != 1) { failures.Add($"{file}: exit code {r.ExitCode}, expected 1\n{r.Error}"); continue; }
            var lines = r.Error.Split('\n');
            bool found = lines.Any(l => l.Contains(file, StringComparison.Ordinal)
                                        && (line == "0" || l.Contains($"line {line}", StringComparison.Ordinal))
                                        && (column.Length == 0 || l.Contains(column, StringComparison.Ordinal))
                                        && l.Contains(fragment, StringComparison.Ordinal));
            if (!found) failures.Add($"{file}: no error naming line {line}, column '{column}' and '{fragment}':\n{r.Error}");
        }
        var after = Snapshot(db);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.Equal(before, after);
    }

    [Fact]
    public void KilledImport_LeavesTheStoreAsBefore_AndTheImportCanBeRunAgain()
    {
        var dir = TempDir();
        var demo = CliRunner.Run("demo", "--enterprises", "20000", "--months", "24", "--seed", "3", "--out", dir);
        Assert.True(demo.ExitCode == 0, demo.Error);
        var db = NewDb();
        var reference = new[] { "enterprises.csv", "va_rates.csv", "ppi.csv" }.Select(f => Path.Combine(dir, f)).ToArray();
        Assert.Equal(0, CliRunner.Run(["import", .. reference, "--db", db]).ExitCode);
        var before = Snapshot(db);

        var reports = Path.Combine(dir, "reports.csv");
        using (var child = CliRunner.Start("import", reports, "--db", db))
        {
            bool killed = false;
            string? line;
            var seen = new List<string>();
            // The child prints a line each tenth of the file it has read (and written, inside its transaction).
            while ((line = child.StandardError.ReadLine()) is not null)
            {
                seen.Add(line);
                // Progress comes every 65,536 rows (about a seventh of this file): some tenths are skipped.
                if (new[] { "20%", "30%", "40%", "50%" }.Any(p => line.Contains("reports.csv: " + p, StringComparison.Ordinal)))
                {
                    child.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }
            }
            child.WaitForExit();
            Assert.True(killed, "the import ended before it could be killed:\n" + string.Join("\n", seen));
        }
        Assert.Equal(before, Snapshot(db));

        var again = CliRunner.Run("import", reports, "--db", db);
        Assert.True(again.ExitCode == 0, again.Error);
        long rows = File.ReadLines(reports).LongCount() - 1;
        var exported = CliRunner.Run("export", "reports", "--db", db);
        Assert.Equal(rows, exported.Out.Count(c => c == '\n') - 1);
    }

    [Fact]
    public void InterruptedImport_RollsBackSaysSoAndExits130()
    {
        var dir = TempDir();
        Assert.Equal(0, CliRunner.Run("demo", "--enterprises", "20000", "--months", "24", "--seed", "4", "--out", dir).ExitCode);
        var db = NewDb();
        var reference = new[] { "enterprises.csv", "va_rates.csv", "ppi.csv" }.Select(f => Path.Combine(dir, f)).ToArray();
        Assert.Equal(0, CliRunner.Run(["import", .. reference, "--db", db]).ExitCode);
        var before = Snapshot(db);

        using var child = CliRunner.Start("import", Path.Combine(dir, "reports.csv"), "--db", db);
        var seen = new List<string>();
        bool interrupted = false;
        string? line;
        while ((line = child.StandardError.ReadLine()) is not null)
        {
            seen.Add(line);
            if (!interrupted && new[] { "20%", "30%", "40%", "50%" }.Any(p => line.Contains("reports.csv: " + p, StringComparison.Ordinal)))
            {
                // What Ctrl+C sends.
                using var kill = System.Diagnostics.Process.Start("kill", ["-INT", child.Id.ToString(CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
                interrupted = true;
            }
        }
        child.WaitForExit();
        Assert.True(interrupted, "the import ended before it could be interrupted:\n" + string.Join("\n", seen));
        Assert.Equal(130, child.ExitCode);
        Assert.Contains("Import cancelled: nothing was stored.", string.Join("\n", seen), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(db));
    }

    [Fact]
    public void RevisedReport_ReleaseDiffListsTheChangedFigures()
    {
        var db = NewDb();
        var load = CliRunner.Run("demo", "--enterprises", "600", "--months", "24", "--seed", "5", "--db", db);
        Assert.True(load.ExitCode == 0, load.Error);
        Assert.Contains("stored as #1", load.Error, StringComparison.Ordinal); // the main job keeps its release
        var none = CliRunner.Run("release", "diff", "--period", "2025-12", "--db", db);
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("nothing changed", none.Out, StringComparison.Ordinal);

        // Revise one December report: double its output value.
        var reports = CliRunner.Run("export", "reports", "--db", db).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = reports[0];
        var december = reports.First(l => l.Contains(",2025-12,", StringComparison.Ordinal)).Split(',');
        double output = double.Parse(december[2], CultureInfo.InvariantCulture);
        december[2] = (output * 2 + 1).ToString(CultureInfo.InvariantCulture);
        december[3] = (double.Parse(december[3], CultureInfo.InvariantCulture) * 2 + 1).ToString(CultureInfo.InvariantCulture); // sales, so export ≤ sales holds
        var revision = Path.Combine(TempDir(), "revision.csv");
        File.WriteAllText(revision, header + "\n" + string.Join(',', december) + "\n");
        var import = CliRunner.Run("import", revision, "--db", db);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("1 revised", import.Out, StringComparison.Ordinal);

        var diff = CliRunner.Run("release", "diff", "--period", "2025-12", "--confidential", "--db", db);
        Assert.True(diff.ExitCode == 0, diff.Error);
        Assert.Contains("against the current data (version 2)", diff.Out, StringComparison.Ordinal);
        var total = diff.Out.Split('\n').Single(l => l.StartsWith("total,ALL,va_yoy_month,", StringComparison.Ordinal)).Split(',');
        double before = double.Parse(total[3], CultureInfo.InvariantCulture), after = double.Parse(total[5], CultureInfo.InvariantCulture);
        Assert.True(after > before, "more output in December raises December's growth");
        Assert.Equal(after - before, double.Parse(total[7], CultureInfo.InvariantCulture), 12);
        // The enterprise count of matched pairs did not change.
        Assert.DoesNotContain("total,ALL,enterprises,", diff.Out, StringComparison.Ordinal);
    }

    internal static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var r = new CsvReader(File.OpenRead(path));
        Assert.True(r.Read());
        var header = Enumerable.Range(0, r.FieldCount).Select(r.GetString).ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (r.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++) row[header[i]] = i < r.FieldCount ? r.GetString(i) : "";
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Same header, same rows in the same order, text fields equal, numbers equal as doubles.</summary>
    private static void AssertSameTable(string expectedPath, string actualPath)
    {
        var expected = ReadCsv(expectedPath);
        var actual = ReadCsv(actualPath);
        Assert.True(expected.Count == actual.Count, $"{Path.GetFileName(expectedPath)}: {expected.Count} rows written, {actual.Count} exported");
        Assert.NotEmpty(expected);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Keys.Order(StringComparer.Ordinal), actual[i].Keys.Order(StringComparer.Ordinal));
            foreach (var (column, value) in expected[i])
            {
                var other = actual[i][column];
                bool same = value == other ||
                            (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) &&
                             double.TryParse(other, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && a == b);
                Assert.True(same, $"{Path.GetFileName(expectedPath)} row {i + 2}, column {column}: \"{value}\" written, \"{other}\" exported");
            }
        }
    }
}

public sealed class SqliteImportCliTests : ImportCliTests
{
    protected override string NewDb() => Path.Combine(TempDir(), "ballast.db");
}

[Collection(Infrastructure.PostgresCollection.Name)]
public sealed class PostgresImportCliTests(Infrastructure.PostgresServer server) : ImportCliTests
{
    protected override string NewDb() => server.CreateDatabase();
}
