using Ballast.Core.Demo;
using Ballast.Core.Programs;
using Ballast.Core.Storage.Sqlite;
using Ballast.Tests.Programs;

namespace Ballast.Tests.Demo;

public sealed class DemoProgramsTests : IDisposable
{
    private readonly TempFolders _temp = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public void DemoLoad_HasProfilesFactoriesApplicationsInEveryStateAndFactoryCountsEqualToHolderCounts()
    {
        using var store = new SqliteStore(Path.Combine(_temp.New("demo-programs"), "ballast.db"));
        var outcome = DemoLoader.Load(store, new DemoOptions(Enterprises: 3000, Months: 24, Seed: 2), new ManualClock(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.True(outcome.Accepted);

        var states = store.Applications().Select(a => a.State).ToHashSet();
        foreach (var s in new[] { ApplicationState.Submitted, ApplicationState.ProvinceApproved, ApplicationState.Returned, ApplicationState.Certified,
                                  ApplicationState.NotPassed, ApplicationState.Expired, ApplicationState.Revoked, ApplicationState.Withdrawn })
            Assert.Contains(s, states);
        Assert.Contains(store.Applications(), a => a.Kind == ApplicationKind.ReReview && a.State == ApplicationState.Submitted);

        // One factory per enterprise holding a factory tier, so factory counts equal the register's holder counts.
        var register = store.Enterprises().ToList();
        var registry = ProgramRegistry.Load(store);
        var counts = registry.Counts(register, new DateOnly(2025, 12, 31));
        foreach (var tier in new[] { "SMART_BASIC", "SMART_ADVANCED", "GREEN_FACTORY" })
        {
            int holders = register.Count(e => e.Tiers.Contains(tier));
            Assert.True(holders > 0, tier);
            Assert.Equal(holders, counts.Where(c => c.Tier == tier).Sum(c => c.Factories));
            Assert.Equal(holders, counts.Where(c => c.Tier == tier).Sum(c => c.Enterprises));
        }
        Assert.Equal(register.Count(e => e.Tiers.Contains("LITTLE_GIANT")), counts.Where(c => c.Tier == "LITTLE_GIANT").Sum(c => c.Enterprises));
        Assert.Contains(store.Profiles(), p => p.Values.ContainsKey("niche_market_share"));
    }

    [Fact]
    public void DemoProgramFiles_AreByteIdenticalForTheSameSeed()
    {
        var data = DemoPopulation.Generate(new DemoOptions(Enterprises: 1500, Months: 12, Seed: 3), Ballast.Core.Classifications.Classification.Default);
        string a = _temp.New("demo-a"), b = _temp.New("demo-b");
        DemoPrograms.WriteCsv(data, a);
        DemoPrograms.WriteCsv(data, b);
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "profiles.csv")), File.ReadAllBytes(Path.Combine(b, "profiles.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "factories.csv")), File.ReadAllBytes(Path.Combine(b, "factories.csv")));
    }
}
