using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using static Ballast.Statistics.Release.ReleaseBreakdowns;
using static Ballast.Statistics.Release.ReleaseMeasures;

namespace Ballast.Statistics.Tests.Release;

/// <summary>Hand-worked releases: every expected value is a literal with its arithmetic beside it.</summary>
public class ReleaseEngineTests
{
    private const ReleaseView Unsuppressed = ReleaseView.Confidential;

    [Fact]
    public void EntryAndExit_OnlyMatchedPairsGrow_AtComparablePrices()
    {
        // Division 13: rate 2025 = 0.25, rate 2024 = 0.2, ppi(13, 2025-03) = 125, so CVA = output × 0.25 / 1.25.
        var release = new PopulationSketch()
            .Enterprise("A").Enterprise("B").Enterprise("E").Enterprise("ENTRY").Enterprise("EXIT")
            .Pair("A", "2024-03", 100, "2025-03", 200)   // CVA 200×0.25/1.25 = 40, base VA 100×0.2 = 20
            .Pair("B", "2024-03", 300, "2025-03", 300)   // CVA 60, base 60
            .Pair("E", "2024-03", 100, "2025-03", 100)   // CVA 20, base 20
            .Report("ENTRY", "2025-03", 1000)            // no base: VA 250 counts for the share only
            .Report("EXIT", "2024-03", 500)              // no current report: nowhere
            .Rate("13", 2025, 0.25).Rate("13", 2024, 0.2).Ppi("13", "2025-03", 125)
            .Reference()
            .Release("2025-03");

        // A = 40 + 60 + 20 = 120, B = 20 + 60 + 20 = 100: (120 / 100 − 1) × 100 = 20.
        ReleaseAssert.Value(release, Total, "ALL", VaYoyMonth, 20);
        ReleaseAssert.Value(release, Total, "ALL", VaYoyYtd, 20); // January and February have no reports
        ReleaseAssert.Value(release, Total, "ALL", Enterprises, 3);
        ReleaseAssert.Value(release, Division, "13", VaPullMonth, 20);    // (120 − 100) / 100 × 100
        ReleaseAssert.Value(release, Division, "13", VaContribMonth, 100); // (120 − 100) / (120 − 100) × 100
        ReleaseAssert.Value(release, Division, "13", VaShareMonth, 100);   // VA at t 50+75+25+250 = 400 of 400
        // The entrant holds 250 / 400 = 62.5 % of VA: not dominant, nothing confidential.
        Assert.DoesNotContain(release.PublishedRows, r => r.Flag == ReleaseFlag.Confidential);
        Assert.Null(release.Find(Division, "06", VaYoyMonth)); // a division without reports is no cell
        Assert.Null(release.Find(Total, "ALL", VaPullMonth));  // total has no pull, contribution or share
        Assert.Equal(9, release.PublishedRows.Count(r => r.Breakdown == Total));
        Assert.Equal(14, release.PublishedRows.Count(r => r.Breakdown == Division));
    }

    [Fact]
    public void ZeroOutputs_AreMatchedPairs_AndAZeroBaseIsEmpty()
    {
        // Rate 0.5 and PPI 100 everywhere: CVA = VA = output / 2.
        var release = new PopulationSketch()
            .Enterprise("X1", "26", "14").Enterprise("X2", "26", "14").Enterprise("X3", "26", "14")
            .Enterprise("Y1").Enterprise("Y2").Enterprise("Y3")
            .Pair("X1", "2024-03", 0, "2025-03", 10).Pair("X2", "2024-03", 0, "2025-03", 20).Pair("X3", "2024-03", 0, "2025-03", 30)
            .Pair("Y1", "2024-03", 100, "2025-03", 100).Pair("Y2", "2024-03", 100, "2025-03", 100).Pair("Y3", "2024-03", 100, "2025-03", 100)
            .Reference()
            .Release("2025-03");

        // Province 14: A = (10+20+30)/2 = 30, B = 0: growth empty, yet 3 matched pairs.
        ReleaseAssert.Empty(release, Province, "14", VaYoyMonth, ReleaseFlag.Empty);
        ReleaseAssert.Value(release, Province, "14", Enterprises, 3);
        // Total: A = 30 + 150 = 180, B = 150: (180/150 − 1) × 100 = 20.
        ReleaseAssert.Value(release, Total, "ALL", VaYoyMonth, 20);
        ReleaseAssert.Value(release, Province, "14", VaPullMonth, 20);     // (30 − 0) / 150 × 100
        ReleaseAssert.Value(release, Province, "14", VaContribMonth, 100); // 30 / (180 − 150) × 100
        ReleaseAssert.Value(release, Province, "11", VaYoyMonth, 0);       // 150 / 150
        ReleaseAssert.Value(release, Province, "11", VaPullMonth, 0);      // numerator 0, denominator not: 0
        ReleaseAssert.Value(release, Province, "11", VaContribMonth, 0);
        ReleaseAssert.Value(release, Province, "14", VaShareMonth, 100.0 * 30 / 180); // 16.666…
    }

    [Fact]
    public void ValueAddedZero_IsNotDominated_ButItsGrowthIsEmpty()
    {
        var release = new PopulationSketch()
            .Enterprise("Z1", "06", "14").Enterprise("Z2", "06", "14").Enterprise("Z3", "06", "14")
            .Enterprise("Y1").Enterprise("Y2").Enterprise("Y3")
            .Pair("Z1", "2024-03", 0, "2025-03", 0).Pair("Z2", "2024-03", 0, "2025-03", 0).Pair("Z3", "2024-03", 0, "2025-03", 0)
            .Pair("Y1", "2024-03", 100, "2025-03", 100).Pair("Y2", "2024-03", 100, "2025-03", 100).Pair("Y3", "2024-03", 100, "2025-03", 100)
            .Reference()
            .Release("2025-03");

        ReleaseAssert.Empty(release, Division, "06", VaYoyMonth, ReleaseFlag.Empty); // B = 0
        ReleaseAssert.Value(release, Division, "06", VaShareMonth, 0);               // 0 of 150
        ReleaseAssert.Value(release, Division, "06", VaPullMonth, 0);                // (0 − 0) / 150
        Assert.DoesNotContain(release.PublishedRows, r => r.Flag == ReleaseFlag.Confidential);
    }

    [Fact]
    public void February_ReportsJanuaryAndFebruaryCombined()
    {
        // Rate 0.5, PPI 100: CVA = VA = output / 2.
        var release = new PopulationSketch()
            .Enterprise("P").Enterprise("Q").Enterprise("R")
            .Report("P", "2024-01", 100).Report("P", "2024-02", 100).Report("P", "2025-01", 120)   // Jan matched: 60 vs 50
            .Report("Q", "2024-02", 200, overdue: 10).Report("Q", "2025-01", 200).Report("Q", "2025-02", 240, overdue: 16) // Feb matched: 120 vs 100
            .Report("R", "2024-01", 100).Report("R", "2024-02", 100, overdue: 10)
            .Report("R", "2025-01", 100).Report("R", "2025-02", 100, overdue: 8)                    // both matched: 50+50 vs 50+50
            .Reference()
            .Release("2025-02");

        // A = 60 + 120 + 100 = 280, B = 50 + 100 + 100 = 250: (280/250 − 1) × 100 = 12.
        ReleaseAssert.Value(release, Total, "ALL", VaYoyMonth, 12);
        ReleaseAssert.Value(release, Total, "ALL", VaYoyYtd, 12);
        ReleaseAssert.Value(release, Total, "ALL", Enterprises, 3); // P in January, Q in February, R
        // Overdue receivables at the end of February, over Q and R (matched at February): (16+8)/(10+10) → 20.
        ReleaseAssert.Value(release, Total, "ALL", OverdueReceivablesYoy, 20);
        // VA over January and February of every reporter: P 60, Q 100 + 120, R 100 = 380 (Q holds 57.9 %).
        ReleaseAssert.Value(release, Division, "13", VaShareMonth, 100);
        Assert.DoesNotContain(release.PublishedRows, r => r.Flag == ReleaseFlag.Confidential);
    }

    [Fact]
    public void January_IsRefusedWithTheReason()
    {
        var population = new PopulationSketch().Enterprise("A").Pair("A", "2024-01", 1, "2025-01", 1).Reference().Build();

        var result = ReleaseEngine.Compute(population, new YearMonth(2025, 1));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ReleaseErrorKind.JanuaryRefused, error.Kind);
        Assert.Contains("January is published together with February", error.Message, StringComparison.Ordinal);
        Assert.Contains("2025-02", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoReportYearEarlier_IsRefusedWithTheReason()
    {
        var population = new PopulationSketch().Enterprise("A").Report("A", "2025-03", 1).Reference().Build();

        var result = ReleaseEngine.Compute(population, new YearMonth(2025, 3));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ReleaseErrorKind.NoReportsYearEarlier, error.Kind);
        Assert.Contains("2024-03", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPpiAndRates_OneErrorListsEveryKey()
    {
        var population = new PopulationSketch()
            .Enterprise("A").Enterprise("B", "26")
            .Pair("A", "2024-02", 1, "2025-02", 1).Pair("A", "2024-03", 1, "2025-03", 1)
            .Report("B", "2024-01", 1).Report("B", "2025-01", 1).Report("B", "2025-03", 1)
            .Reference()
            .WithoutPpi("13", "2025-02").WithoutPpi("13", "2025-03").WithoutPpi("26", "2025-01")
            .WithoutPpi("26", "2025-02")  // not needed: 26 has no report in 2025-02
            .WithoutPpi("44", "2025-03")  // not needed: 44 has no report at all
            .WithoutRate("26", 2024).WithoutRate("44", 2025)
            .Build();

        var result = ReleaseEngine.Compute(population, new YearMonth(2025, 3));

        var error = Assert.Single(result.Errors);
        Assert.Equal(ReleaseErrorKind.MissingReferenceData, error.Kind);
        Assert.Equal(["va_rate 26 2024", "ppi 13 2025-02", "ppi 13 2025-03", "ppi 26 2025-01"], error.MissingKeys);
        foreach (var key in error.MissingKeys) Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfitOverALossBase_IsEmpty_AndOtherRatiosFollowTheirDefinitions()
    {
        var release = new PopulationSketch()
            .Enterprise("M1").Enterprise("M2").Enterprise("M3").Enterprise("U")
            .Enterprise("N1", "26").Enterprise("N2", "26").Enterprise("N3", "26")
            // Division 13: three matched pairs in March, an entrant U, and M1's unmatched February.
            .Report("M1", "2024-03", 100, revenue: 100, profit: -10, energy: 10, overdue: 5)
            .Report("M1", "2025-03", 120, revenue: 130, profit: 5, rd: 3, energy: 11, overdue: 6)
            .Report("M1", "2025-02", 50, revenue: 40, rd: 1, energy: 100)
            .Report("M2", "2024-03", 100, revenue: 100, profit: 4, energy: 10, overdue: 5)
            .Report("M2", "2025-03", 100, revenue: 90, profit: 5, rd: 2, energy: 9, overdue: 4)
            .Report("M3", "2024-03", 200, revenue: 200, profit: 2, export: 0, energy: 20, overdue: 10)
            .Report("M3", "2025-03", 200, revenue: 200, profit: 5, export: 7, rd: 4, energy: 20, overdue: 10)
            .Report("U", "2025-03", 100, revenue: 160, rd: 10, energy: 1000)
            // Division 26: profits 40 → 60.
            .Report("N1", "2024-03", 100, profit: 10, export: 10).Report("N1", "2025-03", 100, profit: 20, export: 20)
            .Report("N2", "2024-03", 100, profit: 10).Report("N2", "2025-03", 100, profit: 20)
            .Report("N3", "2024-03", 100, profit: 20).Report("N3", "2025-03", 100, profit: 20)
            .Reference()
            .Release("2025-03");

        // Profit base of 13: −10 + 4 + 2 = −4 ≤ 0: empty. 26: (60/40 − 1) × 100 = 50. Total: 75 / 36 → 108.33…
        ReleaseAssert.Empty(release, Division, "13", ProfitYoyYtd, ReleaseFlag.Empty);
        ReleaseAssert.Value(release, Division, "26", ProfitYoyYtd, 50);
        ReleaseAssert.Value(release, Total, "ALL", ProfitYoyYtd, (75.0 / 36 - 1) * 100);
        // Revenue over matched pairs: (130+90+200) / (100+100+200) → 5.
        ReleaseAssert.Value(release, Division, "13", RevenueYoyYtd, 5);
        // Export base of 13 is 0: empty; total (7+20)/(0+10) → 170.
        ReleaseAssert.Empty(release, Division, "13", ExportYoyYtd, ReleaseFlag.Empty);
        ReleaseAssert.Value(release, Total, "ALL", ExportYoyYtd, 170);
        // R&D over every report from January to March: (3+1+2+4+10) / (130+40+90+200+160) × 100 = 20/620 × 100.
        ReleaseAssert.Value(release, Division, "13", RdIntensityYtd, 3.225806451612903);
        // Energy per VA: A = (120+100+200)/2 = 210, B = 200, energy 40 vs 40: ((40/210)/(40/200) − 1) × 100.
        ReleaseAssert.Value(release, Division, "13", EnergyPerVaYoyYtd, -4.761904761904762);
        // Energy base of 26 is 0: empty.
        ReleaseAssert.Empty(release, Division, "26", EnergyPerVaYoyYtd, ReleaseFlag.Empty);
        // Overdue receivables at t over matched enterprises: (6+4+10)/(5+5+10) → 0.
        ReleaseAssert.Value(release, Division, "13", OverdueReceivablesYoy, 0);
        ReleaseAssert.Value(release, Division, "13", VaYoyYtd, 5); // 210 / 200
    }

    [Fact]
    public void DominantEnterprise_MakesItsCellConfidential_EnterprisesStayPublished()
    {
        var release = new PopulationSketch()
            .Enterprise("BIG").Enterprise("S1").Enterprise("S2")
            .Enterprise("N1", "26").Enterprise("N2", "26").Enterprise("N3", "26")
            .Pair("BIG", "2024-03", 1000, "2025-03", 1100).Pair("S1", "2024-03", 10, "2025-03", 10).Pair("S2", "2024-03", 10, "2025-03", 10)
            .Pair("N1", "2024-03", 1000, "2025-03", 1000).Pair("N2", "2024-03", 1000, "2025-03", 1000).Pair("N3", "2024-03", 1000, "2025-03", 1000)
            .Reference()
            .Release("2025-03");

        // Division 13: BIG holds 550 / (550 + 5 + 5) = 98 % of VA at t > 85 %: confidential.
        ReleaseAssert.Empty(release, Division, "13", VaYoyMonth, ReleaseFlag.Confidential);
        ReleaseAssert.Value(release, Division, "13", Enterprises, 3);
        // The unsuppressed view keeps the value and the flag: (560/510 − 1) × 100.
        ReleaseAssert.Value(release, Division, "13", VaYoyMonth, (560.0 / 510 - 1) * 100, Unsuppressed, ReleaseFlag.Confidential);
        ReleaseAssert.Value(release, Division, "13", Enterprises, 3, Unsuppressed);
        // Its only partner in the division line, 26, is suppressed so that 13 = total − 26 cannot be recovered.
        ReleaseAssert.Confidential(release, Division, "26", true);
        ReleaseAssert.Confidential(release, Total, "ALL", false); // BIG holds 550 / 2060 of the total
        Assert.Contains(new SecondarySuppression(Division, "26", "division"), release.SecondarySuppressions);
        Assert.Contains(new SecondarySuppression(ProvinceDivision, "11|26", "province_division row 11"), release.SecondarySuppressions);
        Assert.Empty(release.UnfixableLines);
    }

    [Theory]
    [InlineData(170, false)] // VA 85 of 85 + 7.5 + 7.5 = 100: exactly 85 %, not more
    [InlineData(172, true)]  // VA 86 of 101: 85.1 %
    public void Dominance_IsStrictlyMoreThan85Percent(double bigOutput, bool confidential)
    {
        var release = new PopulationSketch()
            .Enterprise("BIG").Enterprise("S1").Enterprise("S2")
            .Pair("BIG", "2024-03", bigOutput, "2025-03", bigOutput).Pair("S1", "2024-03", 15, "2025-03", 15).Pair("S2", "2024-03", 15, "2025-03", 15)
            .Reference()
            .Release("2025-03");

        ReleaseAssert.Confidential(release, Total, "ALL", confidential);
        ReleaseAssert.Confidential(release, Division, "13", confidential);
    }

    [Fact]
    public void SecondarySuppression_RunsAgainUntilNoLineHasOneConfidentialCell()
    {
        // Rate 0.5: VA = output / 2. Cells of province × division (VA per enterprise × enterprises):
        //   11|13: 2 × 50 (primary: fewer than 3)   11|26: 3 × 100   11|36: 3 × 500
        //   14|13: 3 × 50                            14|26: 3 × 20
        var sketch = new PopulationSketch();
        void Cell(string province, string division, int count, double output)
        {
            for (int i = 0; i < count; i++)
            {
                string id = $"{province}-{division}-{i}";
                sketch.Enterprise(id, division, province).Pair(id, "2024-03", output, "2025-03", output);
            }
        }
        Cell("11", "13", 2, 100);
        Cell("11", "26", 3, 200);
        Cell("11", "36", 3, 1000);
        Cell("14", "13", 3, 100);
        Cell("14", "26", 3, 40);
        var release = sketch.Reference().Release("2025-03");

        // Round 1: row 11 has one C (11|13): 11|26 (VA 300) is smaller than 11|36 (1500).
        // Round 2: rows 11 and 14 are fine; column 13 (before column 26) has one C (11|13): suppress 14|13.
        // Round 3: row 14 has one C (14|13): suppress 14|26. Column 26 then has two (11|26, 14|26).
        Assert.Equal(
            [
                new SecondarySuppression(ProvinceDivision, "11|26", "province_division row 11"),
                new SecondarySuppression(ProvinceDivision, "14|13", "province_division column 13"),
                new SecondarySuppression(ProvinceDivision, "14|26", "province_division row 14"),
            ],
            release.SecondarySuppressions);
        ReleaseAssert.Confidential(release, ProvinceDivision, "11|36", false);
        ReleaseAssert.Confidential(release, Division, "13", false); // 5 enterprises, none dominant
        Assert.Empty(release.UnfixableLines);
    }

    [Fact]
    public void LargeAndSmeLine_SuppressesSmeWhenLargeIsConfidential()
    {
        var sketch = new PopulationSketch();
        void AddSize(string name, EnterpriseSize size, int count, double output)
        {
            for (int i = 0; i < count; i++)
            {
                string id = name + i;
                sketch.Enterprise(id, size: size).Pair(id, "2024-03", output, "2025-03", output);
            }
        }
        AddSize("L", EnterpriseSize.Large, 2, 1000);   // 2 enterprises: primary
        AddSize("M", EnterpriseSize.Medium, 3, 400);   // VA 600
        AddSize("S", EnterpriseSize.Small, 3, 200);    // VA 300
        AddSize("U", EnterpriseSize.Micro, 3, 100);    // VA 150: the smallest
        var release = sketch.Reference().Release("2025-03");

        // The four classes: large alone is C, micro has the smallest VA. Then {large, sme}: large alone, suppress sme.
        Assert.Equal(
            [new SecondarySuppression(Size, "micro", "size"), new SecondarySuppression(Size, "sme", "size {large, sme}")],
            release.SecondarySuppressions);
        ReleaseAssert.Confidential(release, Size, "large", true);
        ReleaseAssert.Confidential(release, Size, "sme", true);
        ReleaseAssert.Confidential(release, Size, "small", false);
        ReleaseAssert.Value(release, Size, "sme", Enterprises, 9);
    }

    [Fact]
    public void SingleDivisionKeyIndustry_TakesItsDivisionsFinalFlag()
    {
        var sketch = new PopulationSketch();
        void AddDivision(string division, int count, double output)
        {
            for (int i = 0; i < count; i++)
            {
                string id = division + "-" + i;
                sketch.Enterprise(id, division).Pair(id, "2024-03", output, "2025-03", output);
            }
        }
        AddDivision("13", 2, 200);   // primary (count)
        AddDivision("26", 3, 1000);  // VA 1500
        AddDivision("36", 3, 100);   // VA 150: suppressed by the division line
        var release = sketch.Reference().Release("2025-03");

        ReleaseAssert.Confidential(release, Division, "36", true);
        ReleaseAssert.Confidential(release, KeyIndustry, "AUTOMOBILES", true);  // made of 36 alone
        ReleaseAssert.Confidential(release, KeyIndustry, "CHEMICALS", false);   // 13 + 26: 5 enterprises, primary only
        ReleaseAssert.Confidential(release, Equipment, "ALL", false);           // overlapping group: primary only
    }

    [Fact]
    public void LineWithNothingLeftToSuppress_IsReportedAsUnfixable()
    {
        // 11|13: 2 enterprises (primary), 11|26: 3, 14|13: 3; division 26 only in province 11.
        var sketch = new PopulationSketch();
        void Cell(string province, string division, int count, double output)
        {
            for (int i = 0; i < count; i++)
            {
                string id = $"{province}-{division}-{i}";
                sketch.Enterprise(id, division, province).Pair(id, "2024-03", output, "2025-03", output);
            }
        }
        Cell("11", "13", 2, 100);
        Cell("11", "26", 3, 100);
        Cell("14", "13", 3, 100);
        var release = sketch.Reference().Release("2025-03");

        // Row 11: suppress 11|26. Column 13 (11|13 C, 14|13, division/13 not C): suppress 14|13.
        // Row 14 is then {14|13 (C)} with province/14 (not C), and column 26 is {11|26 (C)} with division/26
        // (not C): one confidential cell each and nothing left to suppress.
        Assert.Equal(
            [
                new SecondarySuppression(ProvinceDivision, "11|26", "province_division row 11"),
                new SecondarySuppression(ProvinceDivision, "14|13", "province_division column 13"),
            ],
            release.SecondarySuppressions);
        Assert.Equal(
            [
                new UnfixableLine("province_division row 14", ProvinceDivision, "14|13"),
                new UnfixableLine("province_division column 26", ProvinceDivision, "11|26"),
            ],
            release.UnfixableLines);
        ReleaseAssert.Confidential(release, Province, "14", false); // the parent is never changed by this step
    }

    [Fact]
    public void Products_OutputGrowthAndCapacity_AsDefined()
    {
        var release = new PopulationSketch()
            .Enterprise("P1").Enterprise("P2").Enterprise("P3")
            .Pair("P1", "2024-03", 1, "2025-03", 1).Pair("P2", "2024-03", 1, "2025-03", 1).Pair("P3", "2024-03", 1, "2025-03", 1)
            .Product("P1", "2024-03", "CEMENT", 100).Product("P1", "2025-01", "CEMENT", 30).Product("P1", "2025-03", "CEMENT", 120, 1200)
            .Product("P2", "2024-03", "CEMENT", 50).Product("P2", "2025-02", "CEMENT", 20).Product("P2", "2025-03", "CEMENT", 40, 600)
            .Product("P3", "2024-02", "CEMENT", 10).Product("P3", "2025-02", "CEMENT", 15).Product("P3", "2025-03", "CEMENT", 60)
            // COAL: P1 holds 100 / 115 = 87 % > 85 %. STEEL: two reporters.
            .Product("P1", "2025-03", "COAL", 100).Product("P2", "2025-03", "COAL", 10).Product("P3", "2025-03", "COAL", 5)
            .Product("P1", "2025-03", "STEEL", 1).Product("P2", "2025-03", "STEEL", 1)
            .Reference()
            .Release("2025-03");

        ReleaseAssert.Value(release, Product, "CEMENT", OutputMonth, 220);                  // 120 + 40 + 60
        ReleaseAssert.Value(release, Product, "CEMENT", OutputYoyMonth, 6.666666666666667); // (160/150 − 1) × 100
        ReleaseAssert.Value(release, Product, "CEMENT", OutputYoyYtd, 9.375);               // (120+40+15)/(100+50+10)
        // P1, P2 report capacity at t: YTD (30+120) + (20+40) = 210, × 12 / 3 = 840, / (1200 + 600) × 100.
        ReleaseAssert.Value(release, Product, "CEMENT", CapacityUtilizationYtd, 46.666666666666664);
        ReleaseAssert.Empty(release, Product, "COAL", OutputMonth, ReleaseFlag.Confidential);
        ReleaseAssert.Value(release, Product, "COAL", OutputMonth, 115, Unsuppressed, ReleaseFlag.Confidential);
        ReleaseAssert.Empty(release, Product, "COAL", CapacityUtilizationYtd, ReleaseFlag.Confidential, Unsuppressed); // C over E
        ReleaseAssert.Empty(release, Product, "STEEL", OutputYoyMonth, ReleaseFlag.Confidential);
        Assert.Equal("", release.Find(Product, "CEMENT", OutputMonth)!.Parent);
        Assert.Equal(4, release.PublishedRows.Count(r => r.Breakdown == Product && r.Cell == "CEMENT"));
    }

    [Fact]
    public void TiersAndGroups_AreCellsOfTheirOwn_DatedTiersHoldOnlyInTheirMonths()
    {
        var green = new TierHolding("GREEN_FACTORY");
        var giantFromApril = new TierHolding("LITTLE_GIANT", new YearMonth(2025, 4));
        var release = new PopulationSketch()
            .Enterprise("T1", "36", highTech: true, tiers: [green, giantFromApril])
            .Enterprise("T2", "36", highTech: true, tiers: [green])
            .Enterprise("T3", "36", tiers: [green])
            .Pair("T1", "2024-03", 100, "2025-03", 120).Pair("T2", "2024-03", 100, "2025-03", 120).Pair("T3", "2024-03", 100, "2025-03", 120)
            .Reference()
            .Release("2025-03");

        ReleaseAssert.Value(release, Tier, "GREEN_FACTORY", Enterprises, 3);
        ReleaseAssert.Value(release, Tier, "GREEN_FACTORY", VaYoyMonth, 20); // 180 / 150
        Assert.Null(release.Find(Tier, "LITTLE_GIANT", Enterprises));         // held from April only
        ReleaseAssert.Value(release, HighTech, "ALL", Enterprises, 2);
        ReleaseAssert.Value(release, Equipment, "ALL", VaShareMonth, 100);
        Assert.Equal("ALL", release.Find(Tier, "GREEN_FACTORY", VaPullMonth)!.Parent);
        Assert.Equal("11", release.Find(ProvinceDivision, "11|36", VaPullMonth)!.Parent);
    }
}
