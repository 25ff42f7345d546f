using Ballast.Core.Accounts;
using Ballast.Core.Publishing;
using Ballast.Core.Storage;

namespace Ballast.Tests.Storage;

// Accounts, API tokens, the audit log, release versions and the calendar (migration 005), on both back ends.
public abstract partial class BallastStoreTests
{
    private static Account User(string name, Role role = Role.NationalAnalyst, string scope = "") => new(name, role, scope, "hash-" + name, T1);

    [Fact]
    public void Accounts_AddedFoundAndListedInOrdinalOrder()
    {
        using var store = Open();
        store.AddAccount(User("b-user", Role.ProvincialAnalyst, "44"));
        store.AddAccount(User("A-user", Role.Enterprise, Code(1)));
        store.AddAccount(User("a-user", Role.Administrator));
        Assert.Equal(["A-user", "a-user", "b-user"], store.Accounts().Select(a => a.UserName));
        var found = store.FindAccount("b-user");
        Assert.Equal(User("b-user", Role.ProvincialAnalyst, "44"), found);
        Assert.Null(store.FindAccount("B-USER")); // user names are exact
    }

    [Fact]
    public void AddAccount_TakenName_StoreExceptionNamesIt()
    {
        using var store = Open();
        store.AddAccount(User("stat1", Role.Statistician));
        var e = Assert.Throws<StoreException>(() => store.AddAccount(User("stat1")));
        Assert.Contains("\"stat1\" is taken", e.Message, StringComparison.Ordinal);
        Assert.Equal(Role.Statistician, store.FindAccount("stat1")!.Role); // the first one is untouched
    }

    [Fact]
    public void SetPasswordHash_ReplacesOnlyThatUsersHash()
    {
        using var store = Open();
        store.AddAccount(User("x"));
        store.AddAccount(User("y"));
        Assert.True(store.SetPasswordHash("x", "new"));
        Assert.False(store.SetPasswordHash("nobody", "new"));
        Assert.Equal("new", store.FindAccount("x")!.PasswordHash);
        Assert.Equal("hash-y", store.FindAccount("y")!.PasswordHash);
    }

    [Fact]
    public void ApiTokens_FoundByHashWithTheirAccount_RevokedOnce()
    {
        using var store = Open();
        store.AddAccount(User("x", Role.Enterprise, Code(3)));
        long first = store.AddApiToken("x", "nightly", "aa11", T1);
        long second = store.AddApiToken("x", "adhoc", "bb22", T2);
        Assert.NotEqual(first, second);
        var found = store.FindApiToken("bb22");
        Assert.NotNull(found);
        Assert.Equal(second, found.Value.Token.Id);
        Assert.Equal("adhoc", found.Value.Token.Name);
        Assert.Equal(Code(3), found.Value.Account.Scope);
        Assert.Null(store.FindApiToken("cc33"));
        Assert.Equal([second, first], store.ApiTokens("x").Select(t => t.Id)); // newest first
        Assert.True(store.RevokeApiToken(first, T2));
        Assert.False(store.RevokeApiToken(first, T2)); // already revoked
        Assert.Equal(T2, store.FindApiToken("aa11")!.Value.Token.RevokedAt);
        Assert.False(store.FindApiToken("bb22")!.Value.Token.Revoked);
    }

    [Fact]
    public void AddApiToken_UnknownUser_StoreException()
    {
        using var store = Open();
        Assert.Throws<StoreException>(() => store.AddApiToken("ghost", "n", "h", T1));
    }

    [Fact]
    public void AuditLog_NewestFirst_FilteredByActionAndPaged()
    {
        using var store = Open();
        long a = store.AppendAudit(new AuditEntry(0, T1, "", AuditActions.Refused, "GET /api/audit", "refused", "127.0.0.1", "not signed in"));
        long b = store.AppendAudit(new AuditEntry(0, T2, "stat1", AuditActions.SignIn, "POST /api/session", "ok", "::1", "password"));
        long c = store.AppendAudit(new AuditEntry(0, T2, "prov-44", AuditActions.Refused, "GET /api/register/x", "refused", "", "other province"));
        Assert.Equal([c, b, a], store.AuditLog().Select(e => e.Id));
        Assert.Equal([c, a], store.AuditLog(AuditActions.Refused).Select(e => e.Id));
        Assert.Equal([c], store.AuditLog(afterId: b).Select(e => e.Id));
        Assert.Equal([c], store.AuditLog(limit: 1).Select(e => e.Id));
        var entry = store.AuditLog(AuditActions.SignIn).Single();
        Assert.Equal(new AuditEntry(b, T2, "stat1", AuditActions.SignIn, "POST /api/session", "ok", "::1", "password"), entry);
    }

    [Fact]
    public void AppendAudits_SeveralEntries_OneWriteInOrder()
    {
        using var store = Open();
        store.AppendAudits([
            new AuditEntry(0, T1, "a", AuditActions.Microdata, "GET /x", "ok", "", "first"),
            new AuditEntry(0, T2, "b", AuditActions.Microdata, "GET /y", "ok", "", "second"),
        ]);
        store.AppendAudits([]);
        // Newest first: the second entry has the higher id.
        Assert.Equal(["second", "first"], store.AuditLog().Select(e => e.Detail));
        Assert.Equal(new AuditEntry(0, T2, "b", AuditActions.Microdata, "GET /y", "ok", "", "second"), store.AuditLog()[0] with { Id = 0 });
    }

    [Fact]
    public async Task AuditWriter_ConcurrentAppends_EachCommittedBeforeItsCallReturns_NoneLost()
    {
        using var store = Open();
        var writer = new AuditWriter(store);
        const int Callers = 64;
        using var start = new ManualResetEventSlim();
        var seenAtReturn = new bool[Callers];
        var callers = Enumerable.Range(0, Callers).Select(i => Task.Run(() =>
        {
            start.Wait();
            writer.Append(new AuditEntry(0, T1, "u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditActions.Microdata,
                "GET /api/register", "ok", "", "read " + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            // The caller's answer may leave only once its entry is in the log.
            seenAtReturn[i] = store.AuditLog(AuditActions.Microdata, limit: 10_000)
                .Any(e => e.Detail == "read " + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        })).ToArray();
        start.Set();
        await Task.WhenAll(callers);
        Assert.All(seenAtReturn, Assert.True);
        var details = store.AuditLog(AuditActions.Microdata, limit: 10_000).Select(e => e.Detail).ToList();
        Assert.Equal(Callers, details.Count);
        Assert.Equal(Callers, details.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task AuditWriter_AwaitedAndBlockingAppendsMixed_EachCommittedWhenItsCallEnds_NoneLost()
    {
        using var store = Open();
        var writer = new AuditWriter(store);
        const int Callers = 64;
        var seenAtReturn = new bool[Callers];
        static string Detail(int i) => "read " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        bool Logged(int i) => store.AuditLog(AuditActions.Microdata, limit: 10_000).Any(e => e.Detail == Detail(i));
        AuditEntry Entry(int i) => new(0, T1, "u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditActions.Microdata,
            "GET /api/releases/2025-03", "ok", "", Detail(i));
        // Even callers await (holding no thread), odd ones block: neither may wait on the other's thread.
        var callers = Enumerable.Range(0, Callers).Select(i => i % 2 == 0
            ? Task.Run(async () => { await writer.AppendAsync(Entry(i)); seenAtReturn[i] = Logged(i); })
            : Task.Run(() => { writer.Append(Entry(i)); seenAtReturn[i] = Logged(i); })).ToArray();
        await Task.WhenAll(callers);
        Assert.All(seenAtReturn, Assert.True);
        Assert.Equal(Callers, store.AuditLog(AuditActions.Microdata, limit: 10_000).Select(e => e.Detail).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ReleaseVersions_NumberedPerPeriod_ApprovedOnce()
    {
        using var store = Open();
        var v1 = store.AddReleaseVersion(10, "2025-03", "stat1", T1, "");
        var w1 = store.AddReleaseVersion(11, "2025-04", "stat1", T1, "");
        var v2 = store.AddReleaseVersion(12, "2025-03", "stat2", T2, "revised output of one enterprise");
        Assert.Equal((1, 1, 2), (v1.Version, w1.Version, v2.Version));
        Assert.Throws<StoreException>(() => store.AddReleaseVersion(10, "2025-03", "stat1", T1, "")); // a stored release is one version only
        Assert.True(store.ApproveReleaseVersion(10, "stat2", T2));
        Assert.False(store.ApproveReleaseVersion(10, "stat3", T2)); // approved already: the first approval stays
        Assert.False(store.ApproveReleaseVersion(99, "stat2", T2));
        var march = store.ReleaseVersions("2025-03");
        Assert.Equal([12L, 10L], march.Select(v => v.ReleaseId));
        Assert.Equal(v1 with { ApprovedBy = "stat2", ApprovedAt = T2 }, march[1]);
        Assert.Equal(v2, march[0]);
        Assert.Equal(["2025-04", "2025-03", "2025-03"], store.ReleaseVersions().Select(v => v.Period));
    }

    [Fact]
    public void Calendar_SetAndMoved()
    {
        using var store = Open();
        store.SetEmbargo(new CalendarEntry("2025-04", T2, "stat1", T1));
        store.SetEmbargo(new CalendarEntry("2025-03", T1, "stat1", T1));
        store.SetEmbargo(new CalendarEntry("2025-04", T1, "stat2", T2));
        Assert.Equal([new CalendarEntry("2025-03", T1, "stat1", T1), new CalendarEntry("2025-04", T1, "stat2", T2)], store.Calendar());
    }
}
