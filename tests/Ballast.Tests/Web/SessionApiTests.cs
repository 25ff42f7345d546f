using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ballast.Core.Accounts;
using Ballast.Web.Access;

namespace Ballast.Tests.Web;

public class SessionApiTests
{
    private static Task<HttpResponseMessage> SignIn(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/session", new { userName = user, password });

    [Fact]
    public async Task SignIn_RightPassword_CookieSessionKnowsTheUserAndSignInIsAudited()
    {
        using var factory = new BallastWebFactory();
        factory.AddUser("prov-44", Role.ProvincialAnalyst, "44");
        using var client = factory.CreateClient();
        using var response = await SignIn(client, "prov-44", WebAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("provincial_analyst", session.GetProperty("role").GetString());
        Assert.False(string.IsNullOrEmpty(session.GetProperty("antiforgeryToken").GetString()));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AccessSetup.SessionCookie + "=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        var me = await client.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.Equal("prov-44", me.GetProperty("userName").GetString());
        Assert.Equal("44", me.GetProperty("scope").GetString());
        var audit = factory.Store().AuditLog(AuditActions.SignIn).Single();
        Assert.Equal(("prov-44", "ok"), (audit.User, audit.Outcome));
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownUser_401AndBothAudited()
    {
        using var factory = new BallastWebFactory();
        factory.AddUser("stat1", Role.Statistician);
        using var client = factory.CreateClient();
        using var wrong = await SignIn(client, "stat1", "not-the-password");
        using var unknown = await SignIn(client, "nobody", "whatever-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/session")).StatusCode); // no session was opened
        var failures = factory.Store().AuditLog(AuditActions.SignIn);
        Assert.Equal(["nobody", "stat1"], failures.Select(e => e.User));
        Assert.All(failures, e => Assert.Equal("failed", e.Outcome));
    }

    [Fact]
    public async Task SignIn_SixthAttemptInAMinute_429TooManyAttempts()
    {
        using var factory = new BallastWebFactory();
        factory.AddUser("stat1", Role.Statistician);
        using var client = factory.CreateClient();
        for (int i = 0; i < 5; i++) // the default allows 5 attempts per user name and address per minute
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(client, "stat1", "guess-number-" + i)).StatusCode);
        using var sixth = await SignIn(client, "stat1", WebAccounts.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode); // even with the right password
        using var other = await SignIn(client, "other", "guess-number-x");
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode); // another user name is counted apart
        Assert.Contains(factory.Store().AuditLog(AuditActions.SignIn), e => e.Outcome == "refused" && e.User == "stat1");
    }

    [Fact]
    public async Task CookieSession_UnsafeRequestWithoutAntiforgeryHeader_400Refused_WithHeaderAccepted()
    {
        using var factory = new BallastWebFactory();
        factory.AddUser("national", Role.NationalAnalyst);
        using var client = factory.CreateClient();
        using var signIn = await SignIn(client, "national", WebAccounts.Password);
        string token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;

        using var forged = await client.PostAsJsonAsync("/api/tokens", new { name = "script" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Empty(factory.Store().ApiTokens("national"));
        Assert.Contains(factory.Store().AuditLog(AuditActions.Refused), e => e.Detail.Contains("antiforgery", StringComparison.Ordinal));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "script" }) };
        request.Headers.Add(AntiforgeryCheck.HeaderName, token);
        using var genuine = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, genuine.StatusCode);
        Assert.Single(factory.Store().ApiTokens("national"));
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var factory = new BallastWebFactory();
        factory.AddUser("admin", Role.Administrator);
        using var client = factory.CreateClient();
        await SignIn(client, "admin", WebAccounts.Password);
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/session/antiforgery")).GetProperty("token").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/session");
        request.Headers.Add(AntiforgeryCheck.HeaderName, token);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/session")).StatusCode);
    }

    [Fact]
    public async Task ApiToken_IssuedOnceStoredAsHash_WorksWithoutAntiforgery_StopsWhenRevoked()
    {
        using var factory = new BallastWebFactory();
        using var admin = factory.TokenClient("admin", Role.Administrator);
        using var issued = await admin.PostAsJsonAsync("/api/tokens", new { name = "nightly export" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode); // bearer requests need no antiforgery token
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        string token = body.GetProperty("token").GetString()!;
        long id = body.GetProperty("id").GetInt64();
        Assert.Matches("^blt_[0-9a-f]{64}$", token); // 256 bits as hex
        var stored = factory.Store().ApiTokens("admin").Single(t => t.Id == id);
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(ApiTokens.Hash(token), stored.TokenHash);
        Assert.DoesNotContain(token, await admin.GetStringAsync("/api/tokens"), StringComparison.Ordinal); // listed without the token

        using var script = factory.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/audit")).StatusCode);
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^1] + (token[^1] == '0' ? '1' : '0'));
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task Users_AdministratorCreatesAccount_BadRoleOrScopeListedByField()
    {
        using var factory = new BallastWebFactory();
        using var admin = factory.TokenClient("admin", Role.Administrator);
        using var bad = await admin.PostAsJsonAsync("/api/users", new { userName = "prov-99", role = "provincial_analyst", scope = "99", password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("scope", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        using var ok = await admin.PostAsJsonAsync("/api/users", new { userName = "prov-44", role = "provincial_analyst", scope = "44", password = "a-long-enough-password" });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await SignIn(client, "prov-44", "a-long-enough-password")).StatusCode);
    }
}
