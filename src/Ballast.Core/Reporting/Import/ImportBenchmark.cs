using System.Diagnostics;
using System.Globalization;
using Ballast.Core.Classifications;
using Ballast.Core.Files;
using Ballast.Core.Register;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting.Import;

/// <summary>
/// For the benchmark: writes a synthetic register and report file of any size, and measures the importer alone
/// (reading, validation, warnings) against a target that discards the rows. Speed is never asserted in tests.
/// </summary>
public static class ImportBenchmark
{
    /// <summary>Valid files: <paramref name="enterprises"/> register rows and one report per enterprise per month.</summary>
    public static (string Register, string Reports) WriteSyntheticFiles(string folder, int enterprises, YearMonth first, int months, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(enterprises);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        Directory.CreateDirectory(folder);
        var c = Classification.Default;
        var random = new Random(seed);
        var codes = new string[enterprises];
        var baseOutput = new double[enterprises];
        string register = Path.Combine(folder, "enterprises.csv");
        using (var w = new CsvWriter(File.Create(register)))
        {
            w.WriteRow(FileKinds.Columns(FileKind.Enterprises));
            Span<char> first17 = stackalloc char[17];
            for (int i = 0; i < enterprises; i++)
            {
                var province = c.Provinces[random.Next(c.Provinces.Count)].Code;
                string region = province + "0100";
                string serial = i.ToString("D9", CultureInfo.InvariantCulture);
                $"91{region}{serial}".AsSpan().CopyTo(first17);
                codes[i] = CreditCode.Complete(first17);
                var division = c.Divisions[random.Next(c.Divisions.Count)].Code;
                baseOutput[i] = Math.Round(500 + random.NextDouble() * 20000, 2);
                w.Write(codes[i]);
                w.Write("Enterprise " + serial);
                w.Write(region);
                w.Write(division + "10");
                w.Write(c.Ownerships[random.Next(c.Ownerships.Count)].Code);
                w.Write((long)random.Next(20, 3000));
                w.Write(Math.Round(2000 + random.NextDouble() * 80000, 1));
                w.Write(i % 7 == 0 ? "TECH_SME" : "");
                w.EndRow();
            }
        }
        string reports = Path.Combine(folder, "reports.csv");
        using (var w = new CsvWriter(File.Create(reports)))
        {
            w.WriteRow(FileKinds.Columns(FileKind.Reports));
            for (int m = 0; m < months; m++)
            {
                string period = first.AddMonths(m).ToString();
                for (int i = 0; i < enterprises; i++)
                {
                    double output = Math.Round(baseOutput[i] * (0.85 + random.NextDouble() * 0.3), 2);
                    double sales = Math.Round(output * 0.95, 2);
                    double receivables = Math.Round(output * 0.4, 2);
                    w.Write(codes[i]);
                    w.Write(period);
                    w.Write(output);
                    w.Write(sales);
                    w.Write(Math.Round(sales * 0.2, 2));
                    w.Write(Math.Round(output * 0.97, 2));
                    w.Write(Math.Round(output * (random.NextDouble() * 0.2 - 0.05), 2));
                    w.Write(Math.Round(output * 0.02, 2));
                    w.Write(Math.Round(output * 0.1, 3));
                    w.Write((long)(output * 3));
                    w.Write(receivables);
                    w.Write(Math.Round(receivables * 0.1, 2));
                    w.Write((long)random.Next(20, 3000));
                    w.EndRow();
                }
            }
        }
        return (register, reports);
    }

    /// <summary>Imports the files into a target that keeps nothing; returns the outcome and the elapsed time.</summary>
    public static (Storage.ImportOutcome Outcome, TimeSpan Elapsed) RunDiscarding(IReadOnlyList<ImportRequest> files, ImportOptions options)
    {
        var importer = new Importer(Classification.Default, options);
        long start = Stopwatch.GetTimestamp();
        var outcome = importer.Run(files, new DiscardingTarget());
        return (outcome, Stopwatch.GetElapsedTime(start));
    }

    private sealed class DiscardingTarget : IImportTarget
    {
        private long _written;
        public IReadOnlySet<string> StoredCreditCodes() => new HashSet<string>();
        public IEnumerable<(string CreditCode, YearMonth Period, double OutputValue)> StoredOutputs(IReadOnlyCollection<YearMonth> periods) => [];
        public void Write(Enterprise enterprise) => _written++;
        public void Write(in MonthlyReport report) => _written++;
        public void Write(in ProductOutput product) => _written++;
        public void Write(in PpiEntry ppi) => _written++;
        public void Write(in VaRate rate) => _written++;
        public void Flush() { }
        public long RevisionsWritten(FileKind kind) => 0;
    }
}
