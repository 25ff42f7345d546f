using Ballast.Core.Programs;
using Ballast.Core.Storage;

namespace Ballast.Tests.Storage;

// The programs' storage (IProgramStore), on both back ends.
public abstract partial class BallastStoreTests
{
    /// <summary>Drops the tables of migration 006 (a test taking a store back to an older version).</summary>
    protected void DropProgramTables()
    {
        foreach (var t in new[] { "program_application_events", "program_holdings", "program_applications", "program_factory_values",
                                  "program_factory_years", "program_factories", "program_profiles", "program_profile_years" })
            ExecuteSql("DROP TABLE " + t);
    }

    private static readonly DateTimeOffset P1 = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void ProgramData_RoundTrips_AndARowOfTheSameYearReplacesTheOld()
    {
        using var store = Open();
        Import(store, "wang", T1, tx => { tx.Write(Firm(1)); tx.Write(Firm(2)); });
        var profile = new EnterpriseProfile(Code(1), 2025, new Dictionary<string, string> { ["debt_ratio"] = "45.5", ["own_brand"] = "yes" });
        var factory = new Factory("F-1", Code(1), "一号工厂", 2025, new Dictionary<string, string> { ["maturity_level"] = "3" });
        store.SaveProgramData([profile, new EnterpriseProfile(Code(2), 2024, new Dictionary<string, string>())], [factory]);

        var profiles = store.Profiles();
        Assert.Equal([(Code(1), 2025), (Code(2), 2024)], profiles.Select(p => (p.CreditCode, p.Year)));
        Assert.Equal("45.5", profiles[0].Values["debt_ratio"]);
        Assert.Equal("yes", profiles[0].Values["own_brand"]);
        Assert.Empty(profiles[1].Values); // a year with no values is still a profile
        var f = Assert.Single(store.Factories(Code(1)));
        Assert.Equal(("F-1", "一号工厂", 2025, "3"), (f.FactoryId, f.Name, f.Year, f.Values["maturity_level"]));
        Assert.Empty(store.Factories(Code(2)));

        store.SaveProgramData([profile with { Values = new Dictionary<string, string> { ["debt_ratio"] = "50" } }], [factory with { Name = "一号智能工厂", Values = new Dictionary<string, string>() }]);
        var replaced = store.Profiles(Code(1)).Single();
        Assert.Equal(new Dictionary<string, string> { ["debt_ratio"] = "50" }, replaced.Values);
        var f2 = store.Factories().Single();
        Assert.Equal("一号智能工厂", f2.Name);
        Assert.Empty(f2.Values);
    }

    [Fact]
    public void Application_StepsAndRegistry_RoundTrip_InOneTransactionEach()
    {
        using var store = Open();
        var a = new ProgramApplication(0, "quality_sme", "SRI_SME", Code(1), null, "11", ApplicationKind.Initial, ApplicationState.Submitted, P1, null, null, null, null);
        long id = store.CreateApplication(a, new ApplicationEvent(0, 0, P1, "ent", "enterprise", "apply", null, ApplicationState.Submitted, "pre-check passes"), []);

        var certified = store.Application(id)! with { State = ApplicationState.Certified, CertifiedFrom = new DateOnly(2026, 3, 12), ValidUntil = new DateOnly(2029, 3, 12) };
        store.RecordStep(certified, ApplicationState.Submitted,
            new ApplicationEvent(0, 0, P1.AddDays(2), "li", "province 11", "approve", ApplicationState.Submitted, ApplicationState.Certified, "ok"),
            [new StartHolding(Code(1), null, "SRI_SME", new DateOnly(2026, 3, 12), "province approval")]);

        var stored = store.Application(id)!;
        Assert.Equal(ApplicationState.Certified, stored.State);
        Assert.Equal(new DateOnly(2029, 3, 12), stored.ValidUntil);
        var holding = Assert.Single(store.Holdings());
        Assert.Equal(stored.HoldingId, holding.Id);
        Assert.Equal((Code(1), "SRI_SME", (DateOnly?)new DateOnly(2026, 3, 12), (DateOnly?)null, (long?)id), (holding.CreditCode, holding.Tier, holding.From, holding.Until, holding.ApplicationId));

        var trail = store.ApplicationEvents(id);
        Assert.Equal([1, 2], trail.Select(e => e.Seq));
        Assert.Equal(["apply", "approve"], trail.Select(e => e.Action));
        Assert.Equal(P1.AddDays(2), trail[1].At);
        Assert.Equal(ApplicationState.Submitted, trail[1].From);

        // Someone acting on a state that has moved on is refused, and nothing of the step is stored.
        Assert.Throws<StoreException>(() => store.RecordStep(stored with { State = ApplicationState.Returned }, ApplicationState.Submitted,
            new ApplicationEvent(0, 0, P1, "x", "province 11", "return", ApplicationState.Submitted, ApplicationState.Returned, "late"), []));
        Assert.Equal(2, store.ApplicationEvents(id).Count);

        store.RecordStep(stored with { State = ApplicationState.Revoked }, ApplicationState.Certified,
            new ApplicationEvent(0, 0, P1.AddDays(30), "li", "province 11", "revoke", ApplicationState.Certified, ApplicationState.Revoked, "R&D fell"),
            [new EndHolding(holding.Id, new DateOnly(2026, 4, 11), "revoked")]);
        Assert.Equal(new DateOnly(2026, 4, 11), store.Holdings().Single().Until);
        Assert.Equal("revoked", store.Holdings().Single().EndReason);

        Assert.Equal(2, store.AddHoldings([new StartHolding(Code(2), "F-9", "SMART_BASIC", null, "register"), new StartHolding(Code(2), null, "LITTLE_GIANT", new DateOnly(2025, 1, 1), "demo")]));
        Assert.Equal(3, store.Holdings().Count);
        Assert.Null(store.Holdings()[1].From);
    }
}
