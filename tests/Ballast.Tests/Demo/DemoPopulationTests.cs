using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Ballast.Core.Classifications;
using Ballast.Core.Demo;
using Ballast.Core.Files;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Demo;

public sealed partial class DemoPopulationTests
{
    private static readonly Classification Cls = Classification.Default;

    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "ballast-demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static Dictionary<string, string> Hashes(string dir) =>
        DemoWriter.FileNames.ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, f)))), StringComparer.Ordinal);

    [Fact]
    public void SameOptions_GiveIdenticalFiles_AndAnotherSeedDiffers()
    {
        string a = TempDir(), b = TempDir(), c = TempDir();
        try
        {
            DemoWriter.WriteCsv(DemoPopulation.Generate(new DemoOptions(400, 24, 7), Cls), a);
            DemoWriter.WriteCsv(DemoPopulation.Generate(new DemoOptions(400, 24, 7), Cls), b);
            DemoWriter.WriteCsv(DemoPopulation.Generate(new DemoOptions(400, 24, 8), Cls), c);
            var ha = Hashes(a);
            Assert.Equal(ha, Hashes(b));
            var hc = Hashes(c);
            Assert.NotEqual(ha["enterprises.csv"], hc["enterprises.csv"]);
            Assert.NotEqual(ha["reports.csv"], hc["reports.csv"]);
        }
        finally
        {
            foreach (var d in new[] { a, b, c }) Directory.Delete(d, recursive: true);
        }
    }

    [Fact]
    public void Reports_EnumeratedTwice_AreTheSame()
    {
        var data = DemoPopulation.Generate(new DemoOptions(300, 30, 3), Cls);
        Assert.Equal(data.Reports().ToList(), data.Reports().ToList());
        Assert.Equal(data.Products().ToList(), data.Products().ToList());
    }

    [Fact]
    public void WrittenReportsAndProducts_AreTheStreamedRows_AcrossBlocks()
    {
        // 5000 enterprises span three blocks of the parallel writer: the file must be the stream, in order.
        string dir = TempDir();
        try
        {
            var data = DemoPopulation.Generate(new DemoOptions(5000, 13, 9), Cls);
            long progress = 0;
            DemoWriter.WriteCsv(data, dir, new SynchronousProgress(n => progress = n));
            using (var stream = File.OpenRead(Path.Combine(dir, "reports.csv")))
            using (var csv = new CsvReader(stream))
            {
                Assert.True(csv.Read());
                foreach (var r in data.Reports())
                {
                    Assert.True(csv.Read());
                    Assert.Equal(r.CreditCode, csv.GetString(0));
                    Assert.Equal(r.Period.ToString(), csv.GetString(1));
                    Assert.Equal(r.OutputValue, double.Parse(csv.GetString(2), CultureInfo.InvariantCulture));
                    Assert.Equal(r.Profit, double.Parse(csv.GetString(6), CultureInfo.InvariantCulture));
                    Assert.Equal(r.Employees, int.Parse(csv.GetString(12), CultureInfo.InvariantCulture));
                }
                Assert.False(csv.Read());
            }
            using (var stream = File.OpenRead(Path.Combine(dir, "products.csv")))
            using (var csv = new CsvReader(stream))
            {
                Assert.True(csv.Read());
                foreach (var p in data.Products())
                {
                    Assert.True(csv.Read());
                    Assert.Equal(p.CreditCode, csv.GetString(0));
                    Assert.Equal(p.Product, csv.GetString(2));
                    Assert.Equal(p.Output, double.Parse(csv.GetString(3), CultureInfo.InvariantCulture));
                }
                Assert.False(csv.Read());
            }
            long expected = data.Enterprises.Count + data.VaRates.Count + data.Ppi.Count + data.Reports().LongCount() + data.Products().LongCount();
            Assert.Equal(expected, progress);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    [GeneratedRegex("^-?[0-9]+(\\.[0-9]+)?$")]
    private static partial Regex NumberGrammar();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex IntegerGrammar();

    [Fact]
    public void WrittenFiles_HaveTheImportColumns_AndNumbersInTheImportGrammar()
    {
        string dir = TempDir();
        try
        {
            DemoWriter.WriteCsv(DemoPopulation.Generate(new DemoOptions(500, 24, 1), Cls), dir);
            var kinds = new[] { FileKind.Enterprises, FileKind.VaRates, FileKind.Ppi, FileKind.Reports, FileKind.Products };
            var integerColumns = new HashSet<string>(["employees", "year"], StringComparer.Ordinal);
            var textColumns = new HashSet<string>(["credit_code", "name", "region_code", "industry_code", "ownership", "tiers", "division", "period", "product"], StringComparer.Ordinal);
            foreach (var kind in kinds)
            {
                using var stream = File.OpenRead(Path.Combine(dir, FileKinds.Name(kind) + ".csv"));
                using var csv = new CsvReader(stream);
                Assert.True(csv.Read());
                var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
                Assert.Equal(FileKinds.Columns(kind), header);
                int rows = 0;
                while (csv.Read())
                {
                    rows++;
                    Assert.Equal(header.Length, csv.FieldCount);
                    for (int i = 0; i < header.Length; i++)
                    {
                        string v = csv.GetString(i);
                        if (textColumns.Contains(header[i])) continue;
                        if (header[i] == "capacity" && v.Length == 0) continue;
                        Assert.True(integerColumns.Contains(header[i]) ? IntegerGrammar().IsMatch(v) : NumberGrammar().IsMatch(v),
                            $"{kind} row {rows} column {header[i]}: \"{v}\"");
                    }
                }
                Assert.True(rows > 0, $"{kind} has rows");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Register_HasValidUniqueCodes_MostlyMatchingTheRegion()
    {
        var data = DemoPopulation.Generate(new DemoOptions(5000, 24, 2), Cls);
        Assert.Equal(5000, data.Enterprises.Count);
        var tiers = Cls.Tiers.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
        int moved = 0;
        foreach (var e in data.Enterprises)
        {
            Assert.Null(CreditCode.Problem(e.CreditCode));
            Assert.Matches("^[0-9]{6}$", e.RegionCode);
            Assert.True(Cls.ProvinceByCode.ContainsKey(e.Province), e.RegionCode);
            Assert.Matches("^[0-9]{4}$", e.IndustryCode);
            Assert.True(Cls.DivisionByCode.ContainsKey(e.Division), e.IndustryCode);
            Assert.True(Cls.OwnershipByCode.ContainsKey(e.Ownership), e.Ownership);
            Assert.False(string.IsNullOrWhiteSpace(e.Name));
            Assert.True(e.Employees >= 0 && e.RevenueLastYear >= 0);
            Assert.All(e.Tiers, t => Assert.Contains(t, tiers));
            if (!string.Equals(e.CreditCode[2..8], e.RegionCode, StringComparison.Ordinal)) moved++;
        }
        Assert.Equal(data.Enterprises.Count, data.Enterprises.Select(e => e.CreditCode).Distinct(StringComparer.Ordinal).Count());
        // Sorted by key, ordinal.
        Assert.True(data.Enterprises.Zip(data.Enterprises.Skip(1)).All(p => string.CompareOrdinal(p.First.CreditCode, p.Second.CreditCode) < 0));
        // About 0.8 % moved (40 of 5000 expected): some, but few.
        Assert.InRange(moved, 5, 125);
        // High-tech classes are hit at a realistic rate (roughly a tenth of enterprises).
        double highTech = data.Enterprises.Count(e => Cls.IsHighTech(e.IndustryCode)) / 5000.0;
        Assert.InRange(highTech, 0.06, 0.2);
        double manufacturing = data.Enterprises.Count(e => Cls.DivisionByCode[e.Division].Section == 'C') / 5000.0;
        Assert.InRange(manufacturing, 0.85, 0.96);
        var byProvince = data.Enterprises.GroupBy(e => e.Province).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.True(byProvince["44"] > 10 * byProvince.GetValueOrDefault("54"), "Guangdong dwarfs Tibet");
    }

    [Fact]
    public void SizeDistribution_IsSkewed_ManySmallFewLarge()
    {
        var data = DemoPopulation.Generate(new DemoOptions(10_000, 24, 4), Cls);
        var sizes = data.Enterprises.GroupBy(e => Cls.SizeOf(e.Employees, e.RevenueLastYear)).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(sizes.GetValueOrDefault(SizeClass.Small) > 7000, "most enterprises are small");
        Assert.InRange(sizes.GetValueOrDefault(SizeClass.Large), 50, 500);
        Assert.True(sizes.GetValueOrDefault(SizeClass.Medium) > sizes[SizeClass.Large]);
        // The largest 1 % hold a large share of revenue; the median enterprise is far below the mean.
        var revenue = data.Enterprises.Select(e => e.RevenueLastYear).OrderDescending().ToArray();
        Assert.True(revenue.Take(100).Sum() / revenue.Sum() > 0.2);
        Assert.True(revenue[5000] < revenue.Average() / 2);
        Assert.True(revenue.Min() >= 2000, "above designated size: revenue of 20 million yuan or more");
    }

    [Fact]
    public void FestivalLostDays_FollowTheLunarNewYear()
    {
        // 2023: new year 22 January; lost days 18 Jan .. 1 Feb: 14 days in January × 0.4 = 5.6, 1 day in February = 0.4.
        var y2023 = DemoModel.FestivalLostDays(2023);
        Assert.Equal(5.6, y2023[0], 9);
        Assert.Equal(0.4, y2023[1], 9);
        // 2024: new year 10 February; 6 .. 20 February: 15 days × 0.4 = 6.0, nothing in January.
        var y2024 = DemoModel.FestivalLostDays(2024);
        Assert.Equal(0, y2024[0]);
        Assert.Equal(6.0, y2024[1], 9);
    }

    [Fact]
    public void SpringFestivalDip_MovesBetweenJanuaryAndFebruary()
    {
        var data = DemoPopulation.Generate(new DemoOptions(2000, 36, 5), Cls);
        var output = new Dictionary<int, double>();
        foreach (var r in data.Reports()) output[r.Period.Index] = output.GetValueOrDefault(r.Period.Index) + r.OutputValue;
        double Ratio(int year) => output[new YearMonth(year, 1).Index] / output[new YearMonth(year, 2).Index];
        // Festival 22 Jan 2023: January carries the dip. Festival 10 Feb 2024: February does.
        Assert.True(Ratio(2023) < 1.05, $"2023 Jan/Feb = {Ratio(2023)}");
        Assert.True(Ratio(2024) > 1.2, $"2024 Jan/Feb = {Ratio(2024)}");
    }

    [Fact]
    public void Reports_ObeyTheValidationRules_AndEnterprisesEnterAndLeave()
    {
        var data = DemoPopulation.Generate(new DemoOptions(3000, 24, 6), Cls);
        var register = data.Enterprises.Select(e => e.CreditCode).ToHashSet(StringComparer.Ordinal);
        var years = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        long rows = 0, zero = 0;
        MonthlyReport? previous = null;
        foreach (var r in data.Reports())
        {
            rows++;
            Assert.Contains(r.CreditCode, register);
            Assert.InRange(r.Period.Index, new YearMonth(2024, 1).Index, new YearMonth(2025, 12).Index);
            Assert.True(r.OutputValue >= 0 && r.SalesValue >= 0 && r.ExportValue >= 0 && r.Revenue >= 0 && r.RdExpense >= 0
                && r.EnergyTce >= 0 && r.WaterM3 >= 0 && r.Receivables >= 0 && r.OverdueReceivables >= 0 && r.Employees >= 0, r.ToString());
            Assert.True(r.ExportValue <= r.SalesValue, r.ToString());
            Assert.True(r.OverdueReceivables <= r.Receivables, r.ToString());
            if (r.OutputValue == 0) zero++;
            if (previous is { } p)
                Assert.True(string.CompareOrdinal(p.CreditCode, r.CreditCode) < 0 || (p.CreditCode == r.CreditCode && p.Period < r.Period), "sorted by key");
            previous = r;
            if (!years.TryGetValue(r.CreditCode, out var set)) years[r.CreditCode] = set = [];
            set.Add(r.Period.Year);
        }
        Assert.True(zero > 0 && zero < rows / 100, $"{zero} zero-output reports of {rows}");
        int entrants = years.Values.Count(s => !s.Contains(2024));
        int leavers = years.Values.Count(s => !s.Contains(2025));
        // Entry about 7 % of the register in 2025, exit 3.5 % after 2024: both present, both a minority.
        Assert.InRange(entrants, 90, 400);
        Assert.InRange(leavers, 40, 250);
        Assert.All(data.Products(), p => Assert.True(p.Output >= 0 && (p.Capacity is null || p.Capacity >= 0)));
        Assert.All(data.Ppi, p => Assert.True(p.Index > 0));
        Assert.All(data.VaRates, r => Assert.InRange(r.Rate, 0.2, 0.4));
        Assert.Equal(Cls.Divisions.Count * 24, data.Ppi.Count);
        Assert.Equal(Cls.Divisions.Count * 2, data.VaRates.Count);
    }

    [Fact]
    public void Products_AreMadeByEnterprisesOfTheirDivision()
    {
        var data = DemoPopulation.Generate(new DemoOptions(20_000, 24, 1), Cls);
        var division = data.Enterprises.ToDictionary(e => e.CreditCode, e => e.Division, StringComparer.Ordinal);
        var makers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var p in data.Products())
        {
            Assert.Equal(Cls.ProductByCode[p.Product].Division, division[p.CreditCode]);
            if (!makers.TryGetValue(p.Product, out var set)) makers[p.Product] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(p.CreditCode);
        }
        // Every product of the classification has makers at N = 20,000, IC at least a few dozen.
        Assert.Equal(Cls.Products.Select(p => p.Code).Order(StringComparer.Ordinal), makers.Keys.Order(StringComparer.Ordinal));
        Assert.True(makers["IC"].Count >= 20, $"{makers["IC"].Count} IC makers");
    }

    /// <summary>
    /// The figures of published-figures.md, recomputed here independently of the generator: matched pairs (a
    /// report at m and m − 12), CVA = output × rate(y) / (ppi / 100), base = output(m − 12) × rate(y − 1), sums
    /// over January..t. The generator solves its 2025 offsets so these land on the published values; this checks
    /// the outcome on the data as written, for three seeds.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Release_ReproducesThePublishedFigures(int seed)
    {
        const int n = 20_000;
        var data = DemoPopulation.Generate(new DemoOptions(n, 24, seed), Cls);
        var rate = data.VaRates.ToDictionary(r => (r.Division, r.Year), r => r.Rate);
        var ppi = data.Ppi.ToDictionary(p => (p.Division, p.Period.Index), p => p.Index);
        var ents = data.Enterprises.ToDictionary(e => e.CreditCode, StringComparer.Ordinal);
        var keyDivisions = Cls.KeyIndustryGroups.SelectMany(g => g.Divisions).ToHashSet(StringComparer.Ordinal);
        int dec = new YearMonth(2025, 12).Index;

        // Cells: 0 total Jan–Dec, 1 total Jan–Nov, 2 high-tech, 3 equipment, 4 SME.
        var a = new double[5];
        var b = new double[5];
        double energyCur = 0, energyBase = 0, keyVa = 0, allVa = 0, lgRd = 0, lgRevenue = 0;
        var base24 = new Dictionary<int, MonthlyReport>();
        string? current = null;
        foreach (var r in data.Reports())
        {
            if (r.CreditCode != current) { current = r.CreditCode; base24.Clear(); }
            var e = ents[r.CreditCode];
            string d = e.Division;
            if (r.Period.Year == 2024) { base24[r.Period.Month] = r; continue; }
            if (e.Tiers.Contains("LITTLE_GIANT")) { lgRd += r.RdExpense; lgRevenue += r.Revenue; }
            if (r.Period.Index == dec)
            {
                double va = r.OutputValue * rate[(d, 2025)];
                allVa += va;
                if (keyDivisions.Contains(d)) keyVa += va;
            }
            if (!base24.TryGetValue(r.Period.Month, out var bm)) continue;
            double cva = r.OutputValue * rate[(d, 2025)] / (ppi[(d, r.Period.Index)] / 100);
            double bva = bm.OutputValue * rate[(d, 2024)];
            bool[] cell = [true, r.Period.Month <= 11, Cls.IsHighTech(e.IndustryCode), Cls.DivisionByCode[d].IsEquipment,
                Cls.SizeOf(e.Employees, e.RevenueLastYear) != SizeClass.Large];
            for (int c = 0; c < 5; c++)
                if (cell[c]) { a[c] += cva; b[c] += bva; }
            energyCur += r.EnergyTce;
            energyBase += bm.EnergyTce;
        }
        double G(int c) => (a[c] / b[c] - 1) * 100;
        Assert.InRange(G(0), 5.9 - 0.3, 5.9 + 0.3);
        Assert.InRange(G(1), 6.0 - 0.3, 6.0 + 0.3);
        Assert.InRange(G(2), 9.4 - 0.3, 9.4 + 0.3);
        Assert.InRange(G(3), 9.2 - 0.3, 9.2 + 0.3);
        Assert.InRange(G(4), 6.9 - 0.3, 6.9 + 0.3);
        Assert.InRange(lgRd / lgRevenue * 100, 7 - 0.5, 7 + 0.5);
        Assert.InRange(keyVa / allVa * 100, 65, 80);
        Assert.True((energyCur / a[0]) / (energyBase / b[0]) - 1 < 0, "energy per unit of value added falls");

        // IC output, same-sample growth over product pairs, January–December 2025.
        double icCur = 0, icBase = 0;
        var ic24 = new Dictionary<int, double>();
        current = null;
        foreach (var p in data.Products())
        {
            if (p.Product != "IC") continue;
            if (p.CreditCode != current) { current = p.CreditCode; ic24.Clear(); }
            if (p.Period.Year == 2024) { ic24[p.Period.Month] = p.Output; continue; }
            if (ic24.TryGetValue(p.Period.Month, out var o)) { icCur += p.Output; icBase += o; }
        }
        Assert.InRange((icCur / icBase - 1) * 100, 26.7 - 0.3, 26.7 + 0.3);

        // Tier counts, scaled by N / 520,000.
        double scale = n / 520_000.0;
        int Count(string tier) => data.Enterprises.Count(e => e.Tiers.Contains(tier));
        Assert.InRange(Count("LITTLE_GIANT"), 17_600 * scale * 0.9, 17_600 * scale * 1.1);
        Assert.InRange(Count("SRI_SME"), 60_000 * scale, 140_000 * scale);
        Assert.InRange(Count("SMART_BASIC"), 35_000 * scale * 0.9, 35_000 * scale * 1.1);
        Assert.InRange(Count("SMART_ADVANCED"), 8_200 * scale * 0.9, 8_200 * scale * 1.1);
        Assert.InRange(Count("SMART_EXCELLENT"), 500 * scale * 0.9, 500 * scale * 1.1);
        Assert.InRange(Count("SMART_LEADING"), 0, 1); // 15 × N / 520,000 = 0.58: one at most
        Assert.True(Count("GREEN_FACTORY") > 8_000 * scale);
        // Little giants are SMEs with high R&D intensity.
        Assert.All(data.Enterprises.Where(e => e.Tiers.Contains("LITTLE_GIANT")),
            e => Assert.NotEqual(SizeClass.Large, Cls.SizeOf(e.Employees, e.RevenueLastYear)));
    }
}
