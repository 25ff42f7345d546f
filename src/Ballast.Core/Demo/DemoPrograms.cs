using System.Globalization;
using Ballast.Core.Files;
using Ballast.Core.Programs;
using Ballast.Core.Register;
using Ballast.Core.Storage;

namespace Ballast.Core.Demo;

/// <summary>
/// The programs part of the demo (docs/programs.md, "Demo"): a profile for every tier holder and for the demo
/// applicants, one factory per enterprise holding a SMART_* or GREEN_FACTORY tier (published-figures.md: one
/// factory per holding enterprise, so factory counts equal the register's calibrated holder counts), the
/// registry holdings of those factories (undated, as the register's), and applications in every state driven
/// through <see cref="ProgramService"/> with a demo clock. Deterministic for a seed.
/// </summary>
public static class DemoPrograms
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly string[] FactoryTiers = ["SMART_BASIC", "SMART_ADVANCED", "SMART_EXCELLENT", "SMART_LEADING", "GREEN_FACTORY"];

    public static string FactoryId(string creditCode) => creditCode + "-F1";

    /// <summary>Enterprises without any tier chosen to apply (the first manufacturing ones by credit code).</summary>
    internal static IReadOnlyList<Enterprise> Applicants(DemoData data) =>
        [.. data.Enterprises.Where(e => e.Tiers.Count == 0 && string.CompareOrdinal(e.Division, "13") >= 0 && string.CompareOrdinal(e.Division, "43") <= 0).Take(7)];

    /// <summary>Writes profiles.csv and factories.csv of the demo into <paramref name="directory"/>.</summary>
    public static void WriteCsv(DemoData data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(directory);
        var rng = new Random(data.Options.Seed * 7919 + 17);
        var applicants = Applicants(data).Select(e => e.CreditCode).ToHashSet(StringComparer.Ordinal);
        string[] profileColumns = ["credit_code", "year", "ip_grade", "ip_class1_count", "years_in_niche", "main_business_share", "niche_market_share", "debt_ratio",
            "rd_staff_share", "rd_institution", "high_tech_enterprise", "strategic_emerging", "info_system", "certification", "own_brand", "key_chain_link", "key_field",
            "years_in_field", "global_market_rank", "advanced_technology"];
        using (var p = new CsvWriter(File.Create(Path.Combine(directory, "profiles.csv"))))
        {
            p.WriteRow(profileColumns);
            foreach (var e in data.Enterprises)
            {
                bool holder = e.Tiers.Any(t => t is "INNOVATIVE_SME" or "SRI_SME" or "LITTLE_GIANT" or "SINGLE_CHAMPION");
                if (!holder && !applicants.Contains(e.CreditCode)) continue;
                bool giant = e.Tiers.Contains("LITTLE_GIANT"), sri = giant || e.Tiers.Contains("SRI_SME"), champion = e.Tiers.Contains("SINGLE_CHAMPION");
                string Flag(double pYes) => rng.NextDouble() < pYes ? "yes" : "no";
                string N(double lo, double hi) => Math.Round(lo + rng.NextDouble() * (hi - lo), 1).ToString("0.0", CultureInfo.InvariantCulture);
                string I(int lo, int hi) => rng.Next(lo, hi + 1).ToString(CultureInfo.InvariantCulture);
                // Applicants also have a 2021 profile: two of them applied in 2022 and 2024 (see Apply).
                foreach (var year in applicants.Contains(e.CreditCode) ? new[] { "2021", "2025" } : ["2025"])
                p.WriteRow([
                    e.CreditCode, year,
                    giant || champion ? "class1_high_value" : sri ? "class1" : "class2",
                    giant || champion ? I(2, 12) : sri ? I(1, 4) : I(0, 2),
                    giant ? I(3, 20) : I(2, 12),
                    giant ? N(70, 98) : N(55, 95),
                    giant ? N(10, 35) : N(1, 15),
                    giant ? N(25, 68) : N(30, 75),
                    N(8, 30),
                    giant ? (rng.NextDouble() < 0.3 ? "national" : "provincial") : sri ? "city" : "own",
                    applicants.Contains(e.CreditCode) ? "yes" : Flag(0.6),
                    Flag(0.5),
                    giant ? "yes" : Flag(0.7), giant ? "yes" : Flag(0.6), giant ? "yes" : Flag(0.5),
                    giant ? "yes" : Flag(0.2), giant ? "yes" : Flag(0.3),
                    champion ? I(10, 30) : I(2, 15),
                    champion ? I(1, 3) : "",
                    champion ? "yes" : Flag(0.1),
                ]);
            }
        }
        var advancedForExcellent = data.Enterprises.FirstOrDefault(e => e.Tiers.Contains("SMART_ADVANCED"))?.CreditCode;
        var notPassing = Applicants(data).Skip(6).FirstOrDefault()?.CreditCode;
        using var f = new CsvWriter(File.Create(Path.Combine(directory, "factories.csv")));
        f.WriteRow(["factory_id", "credit_code", "name", "year", "basic_elements", "self_assessment", "key_links_integrated", "frontier_tech", "global_influence",
            "maturity_level", "scenario_count", "green_basic_requirements", "green_score"]);
        foreach (var e in data.Enterprises)
        {
            int level = e.Tiers.Contains("SMART_LEADING") ? 4 : e.Tiers.Contains("SMART_EXCELLENT") ? 3 : e.Tiers.Contains("SMART_ADVANCED") ? 2 : e.Tiers.Contains("SMART_BASIC") ? 1 : 0;
            bool green = e.Tiers.Contains("GREEN_FACTORY");
            bool failing = e.CreditCode == notPassing;
            if (level == 0 && !green && !failing) continue;
            bool toExcellent = e.CreditCode == advancedForExcellent;
            int maturity = failing ? 1 : toExcellent ? 3 : level switch { 4 => 5, 3 => rng.Next(3, 5), 2 => rng.Next(2, 4), 1 => rng.Next(1, 3), _ => rng.Next(1, 3) };
            int scenarios = failing ? 3 : toExcellent ? 22 : level switch { 4 => rng.Next(25, 40), 3 => rng.Next(20, 30), 2 => rng.Next(12, 20), 1 => rng.Next(6, 12), _ => rng.Next(2, 8) };
            f.WriteRow([
                FactoryId(e.CreditCode), e.CreditCode, e.Name + " 一厂", "2025",
                level >= 1 || failing ? "yes" : "no", level >= 1 || failing ? "yes" : "no", level >= 2 ? "yes" : "no",
                level >= 3 || toExcellent ? "yes" : "no", level >= 4 ? "yes" : "no",
                maturity.ToString(CultureInfo.InvariantCulture), scenarios.ToString(CultureInfo.InvariantCulture),
                green ? "yes" : "no",
                green ? (80 + rng.NextDouble() * 15).ToString("0.0", CultureInfo.InvariantCulture) : (55 + rng.NextDouble() * 20).ToString("0.0", CultureInfo.InvariantCulture),
            ]);
        }
    }

    /// <summary>What the programs demo stored.</summary>
    public sealed record Outcome(int Profiles, int Factories, int Holdings, IReadOnlyDictionary<ApplicationState, int> Applications);

    /// <summary>Stores the demo's profiles, factories, registry holdings and applications (through the ordinary reader and service).</summary>
    public static Outcome Load(IBallastStore store, DemoData data)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(data);
        var dir = Path.Combine(Path.GetTempPath(), "ballast-demo-programs-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteCsv(data, dir);
            var read = ProfileFiles.Read([Path.Combine(dir, "profiles.csv"), Path.Combine(dir, "factories.csv")],
                data.Enterprises.Select(e => e.CreditCode).ToHashSet(StringComparer.Ordinal));
            if (!read.Accepted) throw new InvalidOperationException("the demo's program files do not validate: " + read.Errors[0]);
            store.SaveProgramData(read.Profiles, read.Factories);
            // Loading the demo again into the same store (after new imports) keeps its registry and applications.
            if (store.Holdings().Count > 0 || store.Applications().Count > 0)
                return new Outcome(read.Profiles.Count, read.Factories.Count, 0, new Dictionary<ApplicationState, int>());
            int holdings = store.AddHoldings(data.Enterprises.SelectMany(e => e.Tiers.Where(t => FactoryTiers.Contains(t))
                .Select(t => new StartHolding(e.CreditCode, FactoryId(e.CreditCode), t, null, "demo: the register's holder, one factory"))));
            Apply(store, data);
            var states = store.Applications().GroupBy(a => a.State).ToDictionary(g => g.Key, g => g.Count());
            return new Outcome(read.Profiles.Count, read.Factories.Count, holdings, states);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private sealed class DemoClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }

    // Applications in every state, each through the service as the enterprise, its province and the ministry would act.
    private static void Apply(IBallastStore store, DemoData data)
    {
        var applicants = Applicants(data);
        if (applicants.Count < 7) return; // a tiny demo population has too few candidates
        var clock = new DemoClock();
        var service = new ProgramService(store, ProgramCatalog.Load(), clock);
        DateTimeOffset At(int y, int m, int d) => new(y, m, d, 10, 0, 0, China);
        ProgramActor Firm(Enterprise e) => ProgramActor.Enterprise("demo-" + e.CreditCode[^4..], e.CreditCode);
        ProgramActor Province(Enterprise e) => ProgramActor.ProvinceReviewer("demo-reviewer-" + e.Province, e.Province);
        var ministry = ProgramActor.Ministry("demo-ministry");
        long ApplyAt(Enterprise e, string tier, DateTimeOffset at, string? factory = null)
        {
            clock.Now = at;
            return service.Apply(Firm(e), tier, e.CreditCode, factory).Application.Id;
        }

        // Certified three years ago: expired on 2025-12-01, re-review waiting for the province.
        var expired = ApplyAt(applicants[0], "INNOVATIVE_SME", At(2022, 11, 20));
        clock.Now = At(2022, 12, 1);
        service.Approve(Province(applicants[0]), expired, "direct pass: valid high-tech enterprise");
        // Certified in 2024, revoked in 2025.
        var revoked = ApplyAt(applicants[1], "INNOVATIVE_SME", At(2024, 2, 20));
        clock.Now = At(2024, 3, 1);
        service.Approve(Province(applicants[1]), revoked);
        clock.Now = At(2025, 9, 15);
        service.Revoke(Province(applicants[1]), revoked, "high-tech enterprise status lapsed and the score fell below 60");
        clock.Now = At(2025, 12, 1);
        service.ExpireDue(ministry);
        // Submitted, returned, certified, withdrawn: January 2026.
        ApplyAt(applicants[2], "INNOVATIVE_SME", At(2026, 1, 5));
        var returned = ApplyAt(applicants[3], "INNOVATIVE_SME", At(2026, 1, 5));
        clock.Now = At(2026, 1, 8);
        service.Return(Province(applicants[3]), returned, "supporting documents missing: the 2025 audited accounts");
        var certified = ApplyAt(applicants[4], "INNOVATIVE_SME", At(2026, 1, 5));
        clock.Now = At(2026, 1, 9);
        service.Approve(Province(applicants[4]), certified);
        var withdrawn = ApplyAt(applicants[5], "INNOVATIVE_SME", At(2026, 1, 6));
        clock.Now = At(2026, 1, 7);
        service.Withdraw(Firm(applicants[5]), withdrawn);
        // A self-assessed basic intelligent factory whose pre-check does not pass (3 scenarios).
        ApplyAt(applicants[6], "SMART_BASIC", At(2026, 1, 6), FactoryId(applicants[6].CreditCode));
        // An advanced factory applying for excellent: approved by its province, waiting for the ministry.
        if (data.Enterprises.FirstOrDefault(e => e.Tiers.Contains("SMART_ADVANCED")) is { } advanced)
        {
            var excellent = ApplyAt(advanced, "SMART_EXCELLENT", At(2026, 1, 6), FactoryId(advanced.CreditCode));
            clock.Now = At(2026, 1, 10);
            service.Approve(Province(advanced), excellent, "recommended to the ministry");
        }
    }
}
