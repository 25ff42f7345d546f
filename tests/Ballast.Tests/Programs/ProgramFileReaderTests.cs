using Ballast.Core.Programs;

namespace Ballast.Tests.Programs;

public class ProgramFileReaderTests
{
    private static ProgramFileException Refused(string json) =>
        Assert.Throws<ProgramFileException>(() => ProgramFileReader.Parse(json, "p.json"));

    private const string Minimal = """
        {
          "program": "quality_sme", "name_en": "Q", "subject": "enterprise",
          "tiers": [ { "tier": "INNOVATIVE_SME", "reviewers": ["province"], "validity_years": 3,
                       "criteria": { "id": "a", "label": "A", "indicator": "rd_intensity", "min": 3 } } ]
        }
        """;

    [Fact]
    public void BuiltIn_EveryShippedProgramLoads_WithTheTiersOfTiersCsv()
    {
        var programs = ProgramCatalog.BuiltIn();

        Assert.Equal(["green_manufacturing", "intelligent_factory", "quality_sme", "single_champion"], programs.Select(p => p.Code).Order(StringComparer.Ordinal));
        Assert.Equal(["GREEN_FACTORY", "INNOVATIVE_SME", "LITTLE_GIANT", "SINGLE_CHAMPION", "SMART_ADVANCED", "SMART_BASIC", "SMART_EXCELLENT", "SMART_LEADING", "SRI_SME"],
            programs.SelectMany(p => p.Tiers).Select(t => t.Tier).Order(StringComparer.Ordinal));
        var quality = programs.Single(p => p.Code == "quality_sme");
        Assert.Equal([ReviewStep.Province, ReviewStep.Ministry], quality.Tier("LITTLE_GIANT")!.Reviewers);
        Assert.Equal(3, quality.Tier("SRI_SME")!.ValidityYears);
        var smart = programs.Single(p => p.Code == "intelligent_factory");
        Assert.Equal(ProgramSubject.Factory, smart.Subject);
        Assert.Equal([ReviewStep.Self], smart.Tier("SMART_BASIC")!.Reviewers);
        Assert.Equal([ReviewStep.Ministry], smart.Tier("SMART_LEADING")!.Reviewers);
        // Every setting says why it is a setting.
        Assert.All(programs.SelectMany(p => p.Settings.Values), s => Assert.False(string.IsNullOrWhiteSpace(s.Note)));
        Assert.False(programs.Single(p => p.Code == "single_champion").Settings["national_first_qualifies"].Value.Flag);
        Assert.Equal(2, smart.Settings["advanced_maturity_min"].Value.Number);
    }

    [Fact]
    public void Minimal_Parses()
    {
        var p = ProgramFileReader.Parse(Minimal, "p.json");
        var c = Assert.IsType<Comparison>(p.Tiers[0].Criteria);
        Assert.Equal(ComparisonKind.Min, c.Kind);
        Assert.Equal(3, c.Number);
        Assert.Equal("≥ 3", c.ThresholdText);
    }

    [Fact]
    public void BrokenJson_NamesFileLineAndColumn()
    {
        var e = Refused("{\n  \"program\": \"x\",\n  \"tiers\": [ }\n}");
        Assert.Equal("p.json", e.File);
        Assert.StartsWith("line 3, column ", e.Problems.Single(), StringComparison.Ordinal);
        Assert.Contains("not valid JSON", e.Problems.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltOperator_IsAnErrorNamingItsPath()
    {
        var e = Refused(Minimal.Replace("\"min\": 3", "\"minimum\": 3", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("$.tiers[0].criteria.minimum: unknown property", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownTierWithoutName_AndTierOfAnotherProgram_AreErrors()
    {
        var unknown = Refused(Minimal.Replace("INNOVATIVE_SME", "NO_SUCH_TIER", StringComparison.Ordinal));
        Assert.Contains(unknown.Problems, p => p.StartsWith("$.tiers[0].tier: \"NO_SUCH_TIER\" is not a tier of classifications/tiers.csv", StringComparison.Ordinal));
        var other = Refused(Minimal.Replace("INNOVATIVE_SME", "GREEN_FACTORY", StringComparison.Ordinal));
        Assert.Contains(other.Problems, p => p.Contains("GREEN_FACTORY belongs to program green_manufacturing", StringComparison.Ordinal));
    }

    [Fact]
    public void UndefinedSetting_BadReviewers_BadValidity_AreAllReportedAtOnce()
    {
        var e = Refused(Minimal
            .Replace("\"min\": 3", "\"min\": \"$nowhere\"", StringComparison.Ordinal)
            .Replace("[\"province\"]", "[\"ministry\", \"province\"]", StringComparison.Ordinal)
            .Replace("\"validity_years\": 3", "\"validity_years\": 0", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("$.tiers[0].criteria.min: names setting \"nowhere\"", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("$.tiers[0].reviewers: the province reviews before the ministry", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("$.tiers[0].validity_years: must be a whole number", StringComparison.Ordinal));
        Assert.Equal(3, e.Problems.Count);
    }

    [Fact]
    public void ScoreItemWithoutCatchAllBand_IsRefused()
    {
        const string json = """
            { "program": "quality_sme", "name_en": "Q", "subject": "enterprise",
              "tiers": [ { "tier": "INNOVATIVE_SME", "reviewers": ["province"], "validity_years": 3,
                "criteria": { "id": "s", "label": "S", "min": 10, "score": { "groups": [ { "id": "g", "items": [
                  { "indicator": "rd_intensity", "label": "R&D", "bands": [ { "min": 5, "points": 20 } ] } ] } ] } } } ] }
            """;
        var e = Refused(json);
        Assert.Contains(e.Problems, p => p.StartsWith("$.tiers[0].criteria.score.groups[0].items[0].bands: the last band must be the catch-all", StringComparison.Ordinal));
    }

    [Fact]
    public void TestOnlyProgramFile_ANewProgramWithANewTierAndIndicator_LoadsAndChecks()
    {
        var program = ProgramFileReader.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "programs", "zero_carbon.json"));
        var catalog = ProgramCatalog.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "programs", "zero_carbon.json")]);
        Assert.NotNull(catalog.Tier("ZERO_CARBON_FACTORY"));
        Assert.NotNull(catalog.Tier("LITTLE_GIANT")); // the built-ins are still there
        var tier = program.Tier("ZERO_CARBON_FACTORY")!;
        Assert.Equal("Zero-carbon factory", tier.NameEn);

        var ok = new Indicators().Set("green_score", 85, "f").Set("carbon_intensity", 0.05, "f");
        var tooMuch = new Indicators().Set("green_score", 85, "f").Set("carbon_intensity", 0.0501, "f");
        Assert.True(CriteriaEvaluator.Check(program, tier, "F1", ok).Passed);   // 0.05 ≤ 0.05: inclusive
        Assert.False(CriteriaEvaluator.Check(program, tier, "F1", tooMuch).Passed);
    }
}
