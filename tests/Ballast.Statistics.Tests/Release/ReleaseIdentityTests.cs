using System.Globalization;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using FsCheck;
using FsCheck.Fluent;
using static Ballast.Statistics.Release.ReleaseBreakdowns;
using static Ballast.Statistics.Release.ReleaseMeasures;

namespace Ballast.Statistics.Tests.Release;

/// <summary>Identities that every release must satisfy, checked on random populations (FsCheck).</summary>
public class ReleaseIdentityTests
{
    internal sealed record MonthSpec(int Output, int Revenue, int Profit, int Export, int Rd, int Energy, int Overdue);
    internal sealed record ProductMonth(int Output, int? Capacity);
    internal sealed record EnterpriseSpec(int Division, int Province, int Ownership, int Size, bool HighTech, int Tiers,
        MonthSpec?[] Months, int Product, ProductMonth?[] ProductMonths);
    /// <summary>Months are 2024-01 .. 2025-06 (18); the release is for 2025-<see cref="Month"/>.</summary>
    internal sealed record Scenario(List<EnterpriseSpec> Enterprises, int Month, double[] Rates, double[] Ppi)
    {
        public override string ToString() => $"{Enterprises.Count} enterprises, month {Month}";
    }

    private static readonly Gen<MonthSpec?> MonthGen = Gen.Frequency(
        (1, Gen.Constant<MonthSpec?>(null)),
        (4,
            from output in Gen.Choose(0, 1000)
            from revenue in Gen.Choose(0, 1000)
            from profit in Gen.Choose(-100, 300)
            from export in Gen.Choose(0, 200)
            from rd in Gen.Choose(0, 50)
            from energy in Gen.Choose(0, 500)
            from overdue in Gen.Choose(0, 100)
            select (MonthSpec?)new MonthSpec(output, revenue, profit, export, rd, energy, overdue)));

    private static readonly Gen<ProductMonth?> ProductMonthGen = Gen.Frequency(
        (1, Gen.Constant<ProductMonth?>(null)),
        (2,
            from output in Gen.Choose(0, 500)
            from capacity in Gen.Frequency((1, Gen.Constant<int?>(null)), (2, Gen.Choose(0, 6000).Select(c => (int?)c)))
            select (ProductMonth?)new ProductMonth(output, capacity)));

    private static readonly Gen<EnterpriseSpec> EnterpriseGen =
        from division in Gen.Choose(0, 4)
        from province in Gen.Choose(0, 2)
        from ownership in Gen.Choose(0, 1)
        from size in Gen.Choose(0, 3)
        from highTech in Gen.Elements(true, false)
        from tiers in Gen.Choose(0, 3)
        from months in Gen.ArrayOf(MonthGen, 18)
        from product in Gen.Choose(-1, 2)
        from productMonths in Gen.ArrayOf(ProductMonthGen, 18)
        select new EnterpriseSpec(division, province, ownership, size, highTech, tiers, months, product, productMonths);

    private static readonly Arbitrary<Scenario> Scenarios = Arb.From(
        from enterprises in Gen.ListOf(EnterpriseGen)
        from month in Gen.Choose(2, 6)
        from rates in Gen.ArrayOf(Gen.Elements(0.25, 0.3, 0.35), 10)
        from ppi in Gen.ArrayOf(Gen.Elements(95.0, 100.0, 104.5), 60)
        select new Scenario([.. enterprises], month, rates, ppi));

    private static ReleasePopulation Build(Scenario s, double scale = 1, int? shuffleSeed = null)
    {
        var codes = PopulationSketch.Codes;
        var b = ReleasePopulation.CreateBuilder(codes);
        var order = Enumerable.Range(0, s.Enterprises.Count).ToList();
        if (shuffleSeed is int seed)
        {
            var random = new Random(seed);
            order = [.. order.OrderBy(_ => random.Next())];
        }
        string Id(int i) => "E" + i.ToString("D4", CultureInfo.InvariantCulture);
        foreach (int i in order)
        {
            var e = s.Enterprises[i];
            var tiers = new List<TierHolding>();
            if ((e.Tiers & 1) != 0) tiers.Add(new TierHolding(codes.Tiers[0]));
            if ((e.Tiers & 2) != 0) tiers.Add(new TierHolding(codes.Tiers[1]));
            b.AddEnterprise(Id(i), codes.Divisions[e.Division].Code, codes.Provinces[e.Province].Code,
                codes.Ownerships[e.Ownership], (EnterpriseSize)e.Size, e.HighTech, tiers);
        }
        var start = new YearMonth(2024, 1);
        var months = Enumerable.Range(0, 18).ToList();
        if (shuffleSeed is int seed2)
        {
            var random = new Random(seed2 + 1);
            months = [.. months.OrderBy(_ => random.Next())];
        }
        foreach (int m in months)
            foreach (int i in order)
            {
                var e = s.Enterprises[i];
                if (e.Months[m] is MonthSpec r)
                    b.AddReport(Id(i), start.AddMonths(m), new ReportFigures(r.Output * scale, r.Revenue * scale, r.Profit * scale,
                        r.Export * scale, r.Rd * scale, r.Energy * scale, r.Overdue * scale));
                if (e.Product >= 0 && e.ProductMonths[m] is ProductMonth p)
                    b.AddProductOutput(Id(i), start.AddMonths(m), codes.Products[e.Product], p.Output * scale, p.Capacity * scale);
            }
        for (int d = 0; d < 5; d++)
        {
            b.AddVaRate(codes.Divisions[d].Code, 2024, s.Rates[d * 2]);
            b.AddVaRate(codes.Divisions[d].Code, 2025, s.Rates[d * 2 + 1]);
            for (int m = 0; m < 12; m++) b.AddPpi(codes.Divisions[d].Code, new YearMonth(2025, m + 1), s.Ppi[d * 12 + m]);
        }
        return b.Build();
    }

    private static ReleaseResult Compute(Scenario s, double scale = 1, int? shuffleSeed = null) =>
        ReleaseEngine.Compute(Build(s, scale, shuffleSeed), new YearMonth(2025, s.Month));

    /// <summary>Runs a property over random scenarios; a scenario without reports at t or t − 12 must be refused.</summary>
    private static void Check(Action<MonthlyRelease, Scenario> property)
    {
        Prop.ForAll(Scenarios, s =>
        {
            var result = Compute(s);
            if (!result.Succeeded)
            {
                Assert.All(result.Errors, e => Assert.True(e.Kind is ReleaseErrorKind.NoReportsAtPeriod or ReleaseErrorKind.NoReportsYearEarlier, e.Message));
                return true;
            }
            property(result.Release!, s);
            return true;
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>The partitions of release.md rule 3: (line name, breakdown of the cells, cells, parent).</summary>
    private static IEnumerable<(string Name, string Breakdown, string[] Cells, (string Breakdown, string Cell) Parent)> Partitions()
    {
        var codes = PopulationSketch.Codes;
        var total = (Total, All);
        yield return ("section", Section, [.. codes.Sections], total);
        yield return ("division", Division, [.. codes.Divisions.Select(d => d.Code)], total);
        yield return ("province", Province, [.. codes.Provinces.Select(p => p.Code)], total);
        yield return ("region4", Region4, [.. codes.Regions4], total);
        yield return ("ownership", Ownership, [.. codes.Ownerships], total);
        yield return ("size", Size, ["large", "medium", "small", "micro"], total);
        yield return ("size {large, sme}", Size, ["large", "sme"], total);
        foreach (var p in codes.Provinces)
            yield return ($"province_division row {p.Code}", ProvinceDivision, [.. codes.Divisions.Select(d => p.Code + "|" + d.Code)], (Province, p.Code));
        foreach (var d in codes.Divisions)
            yield return ($"province_division column {d.Code}", ProvinceDivision, [.. codes.Provinces.Select(p => p.Code + "|" + d.Code)], (Division, d.Code));
    }

    private static double? Value(MonthlyRelease r, string breakdown, string cell, string measure) =>
        r.Find(breakdown, cell, measure, ReleaseView.Confidential)?.Value;

    [Fact]
    public void PullsOfAPartition_AddUpToTheParentsGrowth() => Check((release, _) =>
    {
        // Columns of province × division are suppression lines only: their cells pull towards their province.
        foreach (var (name, breakdown, cells, parent) in Partitions().Where(p => !p.Name.Contains("column", StringComparison.Ordinal)))
            foreach (var (growth, pull) in new[] { (VaYoyMonth, VaPullMonth), (VaYoyYtd, VaPullYtd) })
            {
                if (Value(release, parent.Breakdown, parent.Cell, growth) is not double g) continue;
                var pulls = cells.Select(c => Value(release, breakdown, c, pull)).Where(v => v is not null).Select(v => v!.Value).ToList();
                if (pulls.Count == 0) continue;
                double sum = pulls.Sum();
                double tolerance = 1e-9 * Math.Max(1, Math.Max(Math.Abs(g) + 100, pulls.Sum(Math.Abs)));
                Assert.True(Math.Abs(sum - g) <= tolerance, $"{name} {pull}: pulls add up to {sum}, growth {g}");
            }
    });

    [Fact]
    public void ContributionsOfAPartition_AddUpTo100() => Check((release, _) =>
    {
        foreach (var (name, breakdown, cells, parent) in Partitions().Where(p => !p.Name.Contains("column", StringComparison.Ordinal)))
            foreach (var (growth, contribution) in new[] { (VaYoyMonth, VaContribMonth), (VaYoyYtd, VaContribYtd) })
            {
                // A(p) = B(p) makes every contribution empty; a growth within rounding of 0 makes them ill-conditioned.
                if (Value(release, parent.Breakdown, parent.Cell, growth) is not double g || Math.Abs(g) < 1e-6) continue;
                var parts = cells.Select(c => Value(release, breakdown, c, contribution)).Where(v => v is not null).Select(v => v!.Value).ToList();
                if (parts.Count == 0) continue;
                double sum = parts.Sum();
                Assert.True(Math.Abs(sum - 100) <= 1e-9 * Math.Max(100, parts.Sum(Math.Abs)), $"{name} {contribution}: contributions add up to {sum}");
            }
    });

    [Fact]
    public void ScalingEveryValueByAPowerOfTwo_LeavesEveryRatioUnchanged()
    {
        var scales = Arb.From(Gen.Elements(0.25, 0.5, 2.0, 8.0, 1024.0));
        Prop.ForAll(Scenarios, scales, (s, scale) =>
        {
            var plain = Compute(s);
            var scaled = Compute(s, scale);
            Assert.Equal(plain.Succeeded, scaled.Succeeded);
            if (!plain.Succeeded) return true;
            var a = plain.Release!.ConfidentialRows;
            var b = scaled.Release!.ConfidentialRows;
            Assert.Equal(a.Count, b.Count);
            for (int i = 0; i < a.Count; i++)
            {
                Assert.Equal((a[i].Breakdown, a[i].Cell, a[i].Measure, a[i].Flag), (b[i].Breakdown, b[i].Cell, b[i].Measure, b[i].Flag));
                // Output is a level, not a ratio: it scales; everything else is exactly the same double.
                double? expected = a[i].Measure == OutputMonth ? a[i].Value * scale : a[i].Value;
                Assert.True(expected == b[i].Value, $"{a[i].Breakdown}/{a[i].Cell}/{a[i].Measure}: {a[i].Value} became {b[i].Value} at scale {scale}");
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RowOrder_DoesNotChangeTheRelease()
    {
        var seeds = Arb.From(Gen.Choose(1, 1_000_000));
        Prop.ForAll(Scenarios, seeds, (s, seed) =>
        {
            var plain = Compute(s);
            var shuffled = Compute(s, shuffleSeed: seed);
            Assert.Equal(plain.Succeeded, shuffled.Succeeded);
            if (!plain.Succeeded) return true;
            foreach (var view in new[] { ReleaseView.Published, ReleaseView.Confidential })
                Assert.Equal(Csv(plain.Release!, view), Csv(shuffled.Release!, view));
            Assert.Equal(plain.Release!.SecondarySuppressions, shuffled.Release!.SecondarySuppressions);
            Assert.Equal(plain.Release.UnfixableLines, shuffled.Release.UnfixableLines);
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AfterSuppression_NoLineHasOneConfidentialCell_UnlessLogged_AndSmallCellsAreConfidential() => Check((release, _) =>
    {
        bool? IsConfidential(string breakdown, string cell) =>
            release.Find(breakdown, cell, VaYoyYtd) is { } row ? row.Flag == ReleaseFlag.Confidential : null;
        var unfixable = release.UnfixableLines.Select(u => u.Line).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, breakdown, cells, parent) in Partitions())
        {
            var flags = cells.Select(c => IsConfidential(breakdown, c)).Where(f => f is not null).ToList();
            if (flags.Count == 0) continue;
            int confidential = flags.Count(f => f == true) + (IsConfidential(parent.Breakdown, parent.Cell) == true ? 1 : 0);
            Assert.True(confidential != 1 || unfixable.Contains(name), $"{name} has exactly one confidential cell and is not logged");
            if (unfixable.Contains(name))
                Assert.True(confidential == 1 && flags.All(f => f == true), $"{name} is logged as unfixable but could be fixed");
        }
        foreach (var row in release.PublishedRows.Where(r => r.Measure == Enterprises))
        {
            if (row.Value >= 3) continue;
            var figures = release.PublishedRows.Where(r => r.Breakdown == row.Breakdown && r.Cell == row.Cell && r.Measure != Enterprises);
            Assert.All(figures, r => Assert.True(r.Flag == ReleaseFlag.Confidential && r.Value is null,
                $"{r.Breakdown}/{r.Cell}/{r.Measure} has {row.Value} enterprises but is published"));
        }
    });

    private static string Csv(MonthlyRelease release, ReleaseView view)
    {
        using var writer = new StringWriter();
        release.WriteCsv(writer, view);
        return writer.ToString();
    }
}
