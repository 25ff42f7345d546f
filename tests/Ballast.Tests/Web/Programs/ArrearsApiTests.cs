using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ballast.Core.Accounts;
using Ballast.Tests.Programs;

namespace Ballast.Tests.Web.Programs;

/// <summary>
/// Arrears cases through the API: the SMEs of the programs world (Beijing1, Beijing2 in Beijing), a debtor in
/// Jiangsu (32), a clock the test moves. Default settings: 60-day payment term, 30 days to handle, 30-day steps.
/// </summary>
public sealed class ArrearsApiTests : IDisposable
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, China));
    private readonly BallastWebFactory _factory;
    private readonly HttpClient _firm1, _firm2, _jiangsu, _beijing, _ministry;

    public ArrearsApiTests()
    {
        _factory = new BallastWebFactory(_clock);
        ProgramWorld.Seed(_factory.Store(), _clock.Now);
        _firm1 = _factory.TokenClient("zhang", Role.Enterprise, ProgramWorld.Beijing1);
        _firm2 = _factory.TokenClient("zhao", Role.Enterprise, ProgramWorld.Beijing2);
        _jiangsu = _factory.TokenClient("sun", Role.ProvincialAnalyst, "32");
        _beijing = _factory.TokenClient("li", Role.ProvincialAnalyst, "11");
        _ministry = _factory.TokenClient("wu", Role.NationalAnalyst);
    }

    public void Dispose()
    {
        foreach (var c in new[] { _firm1, _firm2, _jiangsu, _beijing, _ministry }) c.Dispose();
        _factory.Dispose();
    }

    private static async Task<JsonElement> Send(Task<HttpResponseMessage> sending, HttpStatusCode expected)
    {
        using var response = await sending;
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<JsonElement> Post(HttpClient c, string url, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        Send(c.PostAsJsonAsync(url, body ?? new { }), expected);

    private static Task<JsonElement> Get(HttpClient c, string url, HttpStatusCode expected = HttpStatusCode.OK) => Send(c.GetAsync(url), expected);

    /// <summary>Contract 2026-01-01, due by the 60-day term on 2026-03-02: overdue on 2026-03-10.</summary>
    private async Task<long> RegisterCase(decimal amount = 12.5m)
    {
        var created = await Post(_firm1, "/api/arrears/cases",
            new { debtorName = "某市住房和城乡建设局", debtorType = "government", province = "32", amount, contractDate = "2026-01-01" }, HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }

    private static string Status(JsonElement c) => c.GetProperty("status").GetString()!;

    [Fact]
    public async Task RegisterHandleEscalate_ClockMovedPastTheDeadline_EscalatedThenClosed()
    {
        long id = await RegisterCase();
        var registered = (await Get(_firm1, $"/api/arrears/cases/{id}")).GetProperty("case");
        Assert.Equal("registered", Status(registered));
        Assert.Equal(ProgramWorld.Beijing1, registered.GetProperty("creditCode").GetString()); // defaults to the caller's enterprise
        Assert.Equal("2026-03-02", registered.GetProperty("dueDate").GetString()); // 2026-01-01 + 60 days
        // Registered 2026-03-10 01:00 UTC; 30 days to handle.
        Assert.Equal(new DateTimeOffset(2026, 4, 9, 1, 0, 0, TimeSpan.Zero), registered.GetProperty("handlingDeadline").GetDateTimeOffset());

        Assert.Equal("accepted", Status(await Post(_jiangsu, $"/api/arrears/cases/{id}/accept", new { note = "debtor contacted" })));
        Assert.Equal("in_progress", Status(await Post(_jiangsu, $"/api/arrears/cases/{id}/start", null)));

        // Within the deadline nothing escalates.
        _clock.Now = new DateTimeOffset(2026, 4, 9, 9, 0, 0, China); // exactly the deadline: not past it
        Assert.Empty((await Post(_ministry, "/api/arrears/escalation", null)).EnumerateArray());
        Assert.Empty((await Get(_jiangsu, "/api/arrears/cases?overdue=true")).EnumerateArray());

        // One day past the deadline: level 1 (to the ministry).
        _clock.Now = new DateTimeOffset(2026, 4, 10, 9, 0, 0, China);
        Assert.Single((await Get(_jiangsu, "/api/arrears/cases?overdue=true")).EnumerateArray());
        var escalated = Assert.Single((await Post(_ministry, "/api/arrears/escalation", null)).EnumerateArray());
        Assert.Equal((id, 1), (escalated.GetProperty("id").GetInt64(), escalated.GetProperty("escalationLevel").GetInt32()));
        Assert.Empty((await Post(_ministry, "/api/arrears/escalation", null)).EnumerateArray()); // run again the same day: nothing new

        // A province cannot escalate.
        await Post(_jiangsu, "/api/arrears/escalation", null, HttpStatusCode.Forbidden);

        var closed = await Post(_jiangsu, $"/api/arrears/cases/{id}/close", new { outcome = "partly_paid", paid = 5m });
        Assert.Equal("partly_paid", Status(closed));
        Assert.Equal(5m, closed.GetProperty("paidAmount").GetDecimal());

        var read = await Get(_firm1, $"/api/arrears/cases/{id}");
        var history = read.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["register", "accept", "start", "escalate", "close"], history.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["zhang", "sun", "sun", "wu", "sun"], history.Select(e => e.GetProperty("user").GetString()));
        Assert.Equal(["enterprise", "province", "province", "ministry", "province"], history.Select(e => e.GetProperty("role").GetString()));
        Assert.Contains("escalated to level 1", history[3].GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Statistics: one case of 12.5, 5 cleared, 7.5 closed unpaid, nothing outstanding (12.5 = 5 + 7.5 + 0).
        var stats = await Get(_ministry, "/api/arrears/statistics");
        var total = stats.GetProperty("total");
        Assert.Equal((1, 12.5m, 5m, 7.5m, 0m), (total.GetProperty("cases").GetInt32(), total.GetProperty("registered").GetDecimal(),
            total.GetProperty("cleared").GetDecimal(), total.GetProperty("closedUnpaid").GetDecimal(), total.GetProperty("outstanding").GetDecimal()));
        Assert.Equal(5m, stats.GetProperty("byDebtorType").GetProperty("government").GetProperty("cleared").GetDecimal());
        Assert.Equal(1, stats.GetProperty("byProvince").GetProperty("32").GetProperty("cases").GetInt32());
        // Beijing handles none of them.
        Assert.Equal(0, (await Get(_beijing, "/api/arrears/statistics")).GetProperty("total").GetProperty("cases").GetInt32());
    }

    [Fact]
    public async Task OtherEnterprise_CannotReadTheCase_OtherProvince_CannotHandleIt_NothingChanges()
    {
        long id = await RegisterCase();
        await Get(_firm2, $"/api/arrears/cases/{id}", HttpStatusCode.Forbidden);
        Assert.Empty((await Get(_firm2, "/api/arrears/cases")).EnumerateArray());
        // Beijing is the SME's province, but the debtor is in Jiangsu: Jiangsu handles the case.
        await Post(_beijing, $"/api/arrears/cases/{id}/accept", null, HttpStatusCode.Forbidden);
        await Post(_beijing, $"/api/arrears/cases/{id}/close", new { outcome = "disputed" }, HttpStatusCode.Forbidden);
        Assert.Empty((await Get(_beijing, "/api/arrears/cases")).EnumerateArray());
        // The SME itself cannot accept its case (endpoint role) nor close it other than by withdrawing.
        using (var own = await _firm1.PostAsJsonAsync($"/api/arrears/cases/{id}/accept", new { }))
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        await Post(_firm1, $"/api/arrears/cases/{id}/close", new { outcome = "paid" }, HttpStatusCode.Forbidden);

        var unchanged = await Get(_ministry, $"/api/arrears/cases/{id}");
        Assert.Equal("registered", Status(unchanged.GetProperty("case")));
        Assert.Single(unchanged.GetProperty("history").EnumerateArray());
        Assert.True(_factory.Store().AuditLog(AuditActions.Refused).Count(e => e.User is "zhao" or "li") >= 3);

        // The SME may withdraw it.
        Assert.Equal("withdrawn", Status(await Post(_firm1, $"/api/arrears/cases/{id}/close", new { outcome = "withdrawn" })));
    }

    [Fact]
    public async Task Errors_MapToStatusCodes_EveryInputProblemListed()
    {
        // Invalid input: 400 with one problem per field.
        var bad = await Post(_firm1, "/api/arrears/cases",
            new { debtorName = "", debtorType = "government", province = "99", amount = -1m, contractDate = "2026-01-01" }, HttpStatusCode.BadRequest);
        var problems = bad.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("debtor_name:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("province:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("amount:", StringComparison.Ordinal));
        var badCodes = await Post(_firm1, "/api/arrears/cases", new { debtorName = "x", debtorType = "bank", province = "32", amount = 1m, contractDate = "1 Jan" }, HttpStatusCode.BadRequest);
        Assert.Equal(2, badCodes.GetProperty("errors").GetArrayLength()); // debtor_type and contract_date
        // Another enterprise's registration: 403.
        await Post(_firm1, "/api/arrears/cases",
            new { creditCode = ProgramWorld.Beijing2, debtorName = "某局", debtorType = "government", province = "32", amount = 1m, contractDate = "2026-01-01" }, HttpStatusCode.Forbidden);
        // Unknown case: 404 for the ministry.
        await Get(_ministry, "/api/arrears/cases/999", HttpStatusCode.NotFound);
        // Wrong state: 409 (a registered case cannot be closed as paid).
        long id = await RegisterCase();
        var conflict = await Post(_jiangsu, $"/api/arrears/cases/{id}/close", new { outcome = "paid" }, HttpStatusCode.Conflict);
        Assert.Contains("cannot close it as paid", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Post(_jiangsu, $"/api/arrears/cases/{id}/close", new { outcome = "settled" }, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LinkCheck_RegisteredAboveReported_WarnsTheReviewers()
    {
        // The world reports overdue receivables of 10 every month; a case of 12.5 open at the end of March 2026 exceeds it.
        await RegisterCase(12.5m);
        var warning = Assert.Single((await Get(_ministry, "/api/arrears/link-check?period=2026-03")).EnumerateArray());
        Assert.Equal((ProgramWorld.Beijing1, 12.5m, 10.0), (warning.GetProperty("creditCode").GetString(), warning.GetProperty("outstanding").GetDecimal(), warning.GetProperty("reported").GetDouble()));
        Assert.Equal("ARREARS_ABOVE_REPORTED", warning.GetProperty("code").GetString());
        Assert.Single((await Get(_beijing, "/api/arrears/link-check?period=2026-03")).EnumerateArray()); // Beijing: the SME is located there
        using var firm = await _firm1.GetAsync("/api/arrears/link-check");
        Assert.Equal(HttpStatusCode.Forbidden, firm.StatusCode);
    }
}
