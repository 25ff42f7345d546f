using System.Text.Json;
using Ballast.Cli;
using Ballast.Tests.Arrears;
using static Ballast.Tests.Arrears.ArrearsFixture;

namespace Ballast.Tests.Cli;

/// <summary>`ballast arrears …` on a small register (ArrearsFixture), and on the demo store.</summary>
public sealed class ArrearsCliTests : IDisposable, IClassFixture<ReleaseCliTests.DemoStore>
{
    private readonly ReleaseCliTests.DemoStore _demo;
    private readonly ArrearsFixture _f = new(start: new DateTimeOffset(2026, 1, 15, 4, 0, 0, TimeSpan.Zero));

    public ArrearsCliTests(ReleaseCliTests.DemoStore demo) => _demo = demo;

    public void Dispose() => _f.Dispose();

    /// <summary>Runs `ballast arrears …` on the fixture's store, at the fixture's clock.</summary>
    private CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = BallastCommand.Run(["arrears", .. args, "--db", _f.DbPath], stdout, stderr, _f.Clock);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    private CliResult RegisterAs(int firm, string amount = "10", string province = "32") =>
        Run("register", "--as", "enterprise:" + Code(firm), "--user", "li", "--debtor", "某市交通运输局", "--debtor-type", "government",
            "--debtor-province", province, "--amount", amount, "--contract-date", "2025-09-01");

    [Fact]
    public void RegisterHandleAndStats_ThroughTheCommand()
    {
        var r = RegisterAs(1);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("Registered case 1: 10.00 (10,000 yuan) owed to " + Code(1) + " by 某市交通运输局, due 2025-10-31.", r.Out, StringComparison.Ordinal);
        Assert.Contains("Assigned to province 32; to be handled by 2026-02-14 04:00 UTC.", r.Out, StringComparison.Ordinal);

        Assert.Equal(0, Run("handle", "1", "accept", "--as", "province:32", "--user", "wang").ExitCode);
        Assert.Equal(0, Run("handle", "1", "start", "--as", "province:32", "--user", "wang").ExitCode);
        var closed = Run("handle", "1", "close", "--outcome", "partly-paid", "--paid", "2.5", "--as", "province:32", "--user", "wang");
        Assert.True(closed.ExitCode == 0, closed.Error);
        Assert.Contains("Case 1 is now partly_paid (2.50 of 10.00 paid).", closed.Out, StringComparison.Ordinal);

        var shown = Run("list", "--case", "1", "--as", "enterprise:" + Code(1));
        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Contains("li (enterprise)  register:", shown.Out, StringComparison.Ordinal);
        Assert.Contains("wang (province)  close: partly paid: 2.50 of 10.00", shown.Out, StringComparison.Ordinal);

        var stats = Run("stats", "--format", "json");
        Assert.True(stats.ExitCode == 0, stats.Error);
        using var doc = JsonDocument.Parse(stats.Out);
        var total = doc.RootElement.GetProperty("total");
        Assert.Equal((1, 10m, 2.5m, 0m, 7.5m), (total.GetProperty("cases").GetInt32(), total.GetProperty("registered").GetDecimal(),
            total.GetProperty("cleared").GetDecimal(), total.GetProperty("outstanding").GetDecimal(), total.GetProperty("closed_unpaid").GetDecimal()));
        Assert.Equal(2.5m, doc.RootElement.GetProperty("by_province").GetProperty("32").GetProperty("cleared").GetDecimal());
        Assert.Equal(2.5m, doc.RootElement.GetProperty("by_province").GetProperty("32").GetProperty("by_debtor_type").GetProperty("government").GetProperty("cleared").GetDecimal());
        Assert.Contains("\"registered\": 10,", stats.Out, StringComparison.Ordinal); // no trailing zeros of the stored fen
    }

    [Fact]
    public void BadInput_IsRefusedNamingTheOptionOrField()
    {
        var amount = RegisterAs(1, amount: "12,5");
        Assert.Equal(BallastCommand.Usage, amount.ExitCode);
        Assert.Contains("--amount \"12,5\" is not an amount in 10,000 yuan", amount.Error, StringComparison.Ordinal);

        var type = Run("register", "--credit-code", Code(1), "--debtor", "x", "--debtor-type", "bank", "--debtor-province", "32", "--amount", "1", "--contract-date", "2025-09-01");
        Assert.Equal(BallastCommand.Usage, type.ExitCode);
        Assert.Contains("--debtor-type \"bank\" is not government, institution, soe or large", type.Error, StringComparison.Ordinal);

        var date = Run("register", "--credit-code", Code(1), "--debtor", "x", "--debtor-type", "soe", "--debtor-province", "32", "--amount", "1", "--contract-date", "2025-9-1");
        Assert.Equal(BallastCommand.Usage, date.ExitCode);
        Assert.Contains("--contract-date \"2025-9-1\" is not a date YYYY-MM-DD", date.Error, StringComparison.Ordinal);

        var role = Run("list", "--as", "province:Jiangsu");
        Assert.Equal(BallastCommand.Usage, role.ExitCode);
        Assert.Contains("--as \"province:Jiangsu\"", role.Error, StringComparison.Ordinal);

        // Well-formed but wrong: every problem, one line each, exit 1, nothing stored.
        var wrong = Run("register", "--credit-code", Code(1), "--debtor", "x", "--debtor-type", "soe", "--debtor-province", "99", "--amount", "1", "--contract-date", "2026-02-01");
        Assert.Equal(BallastCommand.Rejected, wrong.ExitCode);
        Assert.Contains("ballast: arrears register: province: \"99\" is not one of the 31 province codes", wrong.Error, StringComparison.Ordinal);
        Assert.Contains("ballast: arrears register: contract_date: 2026-02-01 is in the future", wrong.Error, StringComparison.Ordinal);
        Assert.Empty(_f.Store.ArrearsCases());

        var outcome = Run("handle", "1", "close");
        Assert.Equal(BallastCommand.Usage, outcome.ExitCode);
        Assert.Contains("close needs --outcome", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Access_AnotherEnterpriseOrProvince_IsRefused()
    {
        Assert.Equal(0, RegisterAs(1).ExitCode);

        var other = Run("list", "--case", "1", "--as", "enterprise:" + Code(2));
        Assert.Equal(BallastCommand.Rejected, other.ExitCode);
        Assert.Contains("an enterprise sees only its own cases", other.Error, StringComparison.Ordinal);
        Assert.Equal("No cases.", Run("list", "--as", "enterprise:" + Code(2)).Out.Trim());

        var province = Run("handle", "1", "accept", "--as", "province:44");
        Assert.Equal(BallastCommand.Rejected, province.ExitCode);
        Assert.Contains("a province handles only its own cases", province.Error, StringComparison.Ordinal);
        Assert.Contains("registered", Run("list", "--as", "province:32").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalate_AfterTheDeadline_ByTheInjectedClock()
    {
        Assert.Equal(0, RegisterAs(1).ExitCode);
        Assert.Equal("No case needed escalating.", Run("escalate").Out.Trim());

        _f.Clock.Advance(TimeSpan.FromDays(31)); // one day past the 30-day handling period
        var r = Run("escalate", "--user", "zhao");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("Escalated 1 case(s):", r.Out, StringComparison.Ordinal);
        Assert.Contains("level 1  province 32", r.Out, StringComparison.Ordinal);
        Assert.Contains("!", Run("list", "--overdue").Out, StringComparison.Ordinal);
        Assert.Equal(BallastCommand.Rejected, Run("escalate", "--as", "province:32").ExitCode);
    }

    [Fact]
    public void Demo_HasCasesInEveryStatus_SomeEscalated_SomeAboveTheReportedReceivables()
    {
        var stats = CliRunner.Run("arrears", "stats", "--format", "json", "--db", _demo.Db);
        Assert.True(stats.ExitCode == 0, stats.Error);
        using var doc = JsonDocument.Parse(stats.Out);
        var total = doc.RootElement.GetProperty("total");
        foreach (var status in total.GetProperty("by_status").EnumerateObject())
            Assert.True(status.Value.GetInt32() > 0, "no demo case is " + status.Name);
        Assert.True(total.GetProperty("escalated").GetInt32() > 0);
        Assert.True(total.GetProperty("open").GetInt32() > total.GetProperty("overdue").GetInt32(), "some open cases are within their deadline");
        Assert.Equal(total.GetProperty("registered").GetDecimal(),
            total.GetProperty("cleared").GetDecimal() + total.GetProperty("outstanding").GetDecimal() + total.GetProperty("closed_unpaid").GetDecimal());

        var check = CliRunner.Run("arrears", "check", "--format", "json", "--db", _demo.Db);
        Assert.True(check.ExitCode == 0, check.Error);
        using var warnings = JsonDocument.Parse(check.Out);
        var list = warnings.RootElement.GetProperty("warnings").EnumerateArray().ToList();
        Assert.NotEmpty(list);
        Assert.All(list, w => Assert.True(w.GetProperty("outstanding").GetDecimal() > (decimal)w.GetProperty("reported").GetDouble()));
        Assert.NotEmpty(warnings.RootElement.GetProperty("provinces").EnumerateArray());
    }
}
