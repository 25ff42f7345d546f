using Ballast.Core.Programs;

namespace Ballast.Tests.Programs;

public sealed class ProgramServiceTests : IDisposable
{
    private readonly ProgramWorld _w = new();
    private ProgramService S => _w.Service;

    private static readonly ProgramActor Firm1 = ProgramActor.Enterprise("zhang", ProgramWorld.Beijing1);
    private static readonly ProgramActor Firm2 = ProgramActor.Enterprise("zhao", ProgramWorld.Beijing2);
    private static readonly ProgramActor BeijingReviewer = ProgramActor.ProvinceReviewer("li", "11");
    private static readonly ProgramActor ShanghaiReviewer = ProgramActor.ProvinceReviewer("chen", "31");
    private static readonly ProgramActor Ministry = ProgramActor.Ministry("wu");

    public void Dispose() => _w.Dispose();

    [Fact]
    public void WholeLifecycle_ApplyToRevocation_EveryStepInTheAuditTrail()
    {
        // Apply on 2026-03-10: the pre-check reads 2025 reports (12,000 × 1.06^5 revenue, R&D 4 %) and the profile.
        var (applied, check) = S.Apply(Firm1, "LITTLE_GIANT", ProgramWorld.Beijing1);
        Assert.True(check.Passed, check.Explain());
        Assert.Equal(ApplicationState.Submitted, applied.State);
        Assert.Equal("11", applied.Province);

        var afterProvince = S.Approve(BeijingReviewer, applied.Id, "meets all six dimensions");
        Assert.Equal(ApplicationState.ProvinceApproved, afterProvince.State);
        Assert.Empty(_w.Store.Holdings()); // not certified until the ministry approves

        _w.Clock.Now = _w.Clock.Now.AddDays(20); // 2026-03-30
        var certified = S.Approve(Ministry, applied.Id);
        Assert.Equal(ApplicationState.Certified, certified.State);
        Assert.Equal(new DateOnly(2026, 3, 30), certified.CertifiedFrom);
        Assert.Equal(new DateOnly(2029, 3, 30), certified.ValidUntil); // 3 years
        var registry = ProgramRegistry.Load(_w.Store);
        var firm = _w.Store.Enterprises().Single(e => e.CreditCode == ProgramWorld.Beijing1);
        Assert.Contains(registry.HeldOn(firm, new DateOnly(2027, 1, 1)), h => h.Tier == "LITTLE_GIANT");
        Assert.DoesNotContain(registry.HeldOn(firm, new DateOnly(2026, 3, 29)), h => h.Tier == "LITTLE_GIANT");

        // Nothing expires before its date.
        _w.Clock.Now = new DateTimeOffset(2029, 3, 29, 12, 0, 0, TimeSpan.FromHours(8));
        Assert.Empty(S.ExpireDue(Ministry));

        // Time passes: on 2029-03-30 the validity ends and a re-review opens.
        _w.Clock.Now = new DateTimeOffset(2029, 3, 30, 8, 0, 0, TimeSpan.FromHours(8));
        var review = Assert.Single(S.ExpireDue(Ministry));
        Assert.Equal(ApplicationKind.ReReview, review.Kind);
        Assert.Equal(applied.Id, review.PreviousApplicationId);
        Assert.Equal(ApplicationState.Expired, S.Get(Ministry, applied.Id).State);
        var ended = _w.Store.Holdings().Single();
        Assert.Equal(new DateOnly(2029, 3, 30), ended.Until);
        Assert.Equal("expired", ended.EndReason);

        // The re-review goes through the province and the ministry again.
        S.Approve(BeijingReviewer, review.Id);
        var recertified = S.Approve(Ministry, review.Id);
        Assert.Equal(ApplicationState.Certified, recertified.State);
        Assert.Equal(new DateOnly(2032, 3, 30), recertified.ValidUntil);

        // The holder no longer qualifies: the province revokes; the holding ends that day.
        _w.Clock.Now = new DateTimeOffset(2030, 6, 1, 10, 0, 0, TimeSpan.FromHours(8));
        var revoked = S.Revoke(BeijingReviewer, review.Id, "R&D intensity below 3 % in 2030 monitoring");
        Assert.Equal(ApplicationState.Revoked, revoked.State);
        var holdings = _w.Store.Holdings();
        Assert.Equal(2, holdings.Count);
        Assert.Equal(new DateOnly(2030, 6, 1), holdings[1].Until);

        var first = S.Trail(Firm1, applied.Id);
        Assert.Equal(["apply", "approve", "approve", "expire"], first.Select(e => e.Action));
        Assert.Equal(["zhang", "li", "wu", "wu"], first.Select(e => e.User));
        Assert.Equal(["enterprise " + ProgramWorld.Beijing1, "province 11", "ministry", "ministry"], first.Select(e => e.Role));
        Assert.Equal([ApplicationState.Submitted, ApplicationState.ProvinceApproved, ApplicationState.Certified, ApplicationState.Expired], first.Select(e => e.To));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.FromHours(8)), first[2].At);
        Assert.Equal("pre-check passes", first[0].Note);
        var second = S.Trail(Firm1, review.Id);
        Assert.Equal(["open re-review", "approve", "approve", "revoke"], second.Select(e => e.Action));
        Assert.Equal("R&D intensity below 3 % in 2030 monitoring", second[3].Note);
    }

    [Fact]
    public void Return_NeedsReasons_AndTheEnterpriseResubmits()
    {
        var (a, _) = S.Apply(Firm1, "SRI_SME", ProgramWorld.Beijing1);
        Assert.Throws<ProgramRuleException>(() => S.Return(BeijingReviewer, a.Id, " "));
        var returned = S.Return(BeijingReviewer, a.Id, "attach the 2025 audit report");
        Assert.Equal(ApplicationState.Returned, returned.State);
        var (again, _) = S.Resubmit(Firm1, a.Id);
        Assert.Equal(ApplicationState.Submitted, again.State);
        var certified = S.Approve(BeijingReviewer, a.Id); // SRI_SME: the province alone
        Assert.Equal(ApplicationState.Certified, certified.State);
        Assert.Equal(["apply", "return", "resubmit", "approve"], S.Trail(BeijingReviewer, a.Id).Select(e => e.Action));
        Assert.Equal("attach the 2025 audit report", S.Trail(BeijingReviewer, a.Id)[1].Note);
    }

    [Fact]
    public void Approval_WhenThePreCheckFails_IsRefusedWithTheReasons()
    {
        // Beijing2 has no factory; profile lacks nothing, but the champion needs a global rank it does not have.
        var (a, check) = S.Apply(Firm2, "SINGLE_CHAMPION", ProgramWorld.Beijing2);
        Assert.False(check.Passed);
        Assert.StartsWith("pre-check does not pass: ", S.Trail(Firm2, a.Id)[0].Note, StringComparison.Ordinal);
        var e = Assert.Throws<ProgramRuleException>(() => S.Approve(BeijingReviewer, a.Id));
        Assert.Contains("Return it with reasons instead", e.Message, StringComparison.Ordinal);
        Assert.Contains("Global market share in the top 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelfAssessedFactoryTier_IsCertifiedAtApplication_ForTheFactory()
    {
        var (a, check) = S.Apply(Firm1, "SMART_BASIC", ProgramWorld.Beijing1, "BJ1-F1");
        Assert.True(check.Passed, check.Explain());
        Assert.Equal(ApplicationState.Certified, a.State);
        var h = Assert.Single(_w.Store.Holdings());
        Assert.Equal(("BJ1-F1", "SMART_BASIC", "self-assessment"), (h.FactoryId, h.Tier, h.Source));
        // The enterprise holds SMART_BASIC through its factory.
        var firm = _w.Store.Enterprises().Single(x => x.CreditCode == ProgramWorld.Beijing1);
        Assert.Contains(ProgramRegistry.Load(_w.Store).HeldOn(firm, S.Today), t => t.Tier == "SMART_BASIC" && t.FactoryId == "BJ1-F1");
        // Advanced needs the province; the factory's maturity 2 meets the default setting.
        var (adv, advCheck) = S.Apply(Firm1, "SMART_ADVANCED", ProgramWorld.Beijing1, "BJ1-F1");
        Assert.False(advCheck.Passed); // 6 scenarios < 12
        Assert.Equal(ApplicationState.Submitted, adv.State);
    }

    [Fact]
    public void PerFactoryProgram_WithoutAFactory_OrWithAnotherEnterprisesFactory_IsRefused()
    {
        Assert.Throws<ProgramRuleException>(() => S.Apply(Firm1, "GREEN_FACTORY", ProgramWorld.Beijing1));
        var e = Assert.Throws<ProgramRuleException>(() => S.Apply(Firm2, "GREEN_FACTORY", ProgramWorld.Beijing2, "BJ1-F1"));
        Assert.Contains("belongs to " + ProgramWorld.Beijing1, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scope_AProvinceCannotReviewAnotherProvincesApplication()
    {
        var (a, _) = S.Apply(Firm1, "SRI_SME", ProgramWorld.Beijing1);
        Assert.Throws<ProgramAccessException>(() => S.Approve(ShanghaiReviewer, a.Id));
        Assert.Throws<ProgramAccessException>(() => S.Return(ShanghaiReviewer, a.Id, "no"));
        Assert.Throws<ProgramAccessException>(() => S.Get(ShanghaiReviewer, a.Id));
        Assert.Empty(S.List(ShanghaiReviewer));
        Assert.Equal(ApplicationState.Submitted, S.Get(BeijingReviewer, a.Id).State); // nothing changed
        Assert.Single(S.Trail(BeijingReviewer, a.Id));
    }

    [Fact]
    public void Scope_AnEnterpriseSeesOnlyItsOwn_AndCannotReviewOrApplyForAnother()
    {
        var (a, _) = S.Apply(Firm1, "SRI_SME", ProgramWorld.Beijing1);
        Assert.Throws<ProgramAccessException>(() => S.Get(Firm2, a.Id));
        Assert.Throws<ProgramAccessException>(() => S.Trail(Firm2, a.Id));
        Assert.Empty(S.List(Firm2));
        Assert.Single(S.List(Firm1));
        Assert.Throws<ProgramAccessException>(() => S.Approve(Firm1, a.Id));
        Assert.Throws<ProgramAccessException>(() => S.Apply(Firm2, "SRI_SME", ProgramWorld.Beijing1));
        Assert.Throws<ProgramAccessException>(() => S.PreCheck(Firm2, "SRI_SME", ProgramWorld.Beijing1));
    }

    [Fact]
    public void Scope_TheProvinceCannotTakeTheMinistrysStep_NorTheMinistryTheProvinces()
    {
        var (a, _) = S.Apply(Firm1, "LITTLE_GIANT", ProgramWorld.Beijing1);
        Assert.Throws<ProgramAccessException>(() => S.Approve(Ministry, a.Id)); // the province first
        S.Approve(BeijingReviewer, a.Id);
        Assert.Throws<ProgramAccessException>(() => S.Approve(BeijingReviewer, a.Id));
        Assert.Equal(ApplicationState.Certified, S.Approve(Ministry, a.Id).State);
    }

    [Fact]
    public void ASecondOpenApplicationForTheSameTier_IsRefused()
    {
        S.Apply(Firm1, "SRI_SME", ProgramWorld.Beijing1);
        var e = Assert.Throws<ProgramRuleException>(() => S.Apply(Firm1, "SRI_SME", ProgramWorld.Beijing1));
        Assert.Contains("already Submitted", e.Message, StringComparison.Ordinal);
    }
}
