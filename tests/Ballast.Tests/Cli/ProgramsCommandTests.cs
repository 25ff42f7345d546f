using Ballast.Tests.Programs;

namespace Ballast.Tests.Cli;

public sealed class ProgramsCommandTests : IDisposable
{
    private readonly ProgramWorld _w = new(rdShare: 0.025);
    private readonly TempFolders _temp = new();
    private string Db => _w.Store.Description.Replace("SQLite ", "", StringComparison.Ordinal);

    public void Dispose()
    {
        _w.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void List_ShowsEveryProgramTierAndSettingNote()
    {
        var r = CliRunner.Run("programs", "list", "--db", Db);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("LITTLE_GIANT", r.Out, StringComparison.Ordinal);
        Assert.Contains("reviewed by province then ministry; valid 3 years", r.Out, StringComparison.Ordinal);
        Assert.Contains("setting national_first_qualifies = no: Whether 'first in the national market' also qualifies is disputed", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyReviewTrailRegistryMonitor_ThroughTheCommand()
    {
        string code = ProgramWorld.Beijing1;
        // R&D 2.5 % of revenue: the specialized tier needs 3 %; the pre-check says why and exits 1.
        var check = CliRunner.Run("programs", "check", "--db", Db, "--tier", "SRI_SME", "--enterprise", code);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("[not met] R&D expense / revenue last year, %: 2.5 (≥ 3) — monthly reports 2025", check.Out, StringComparison.Ordinal);

        var apply = CliRunner.Run("programs", "apply", "--db", Db, "--tier", "SMART_BASIC", "--enterprise", code, "--factory", "BJ1-F1", "--user", "zhang");
        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("Application 1: SMART_BASIC for " + code + " factory BJ1-F1 is Certified.", apply.Out, StringComparison.Ordinal);

        var other = CliRunner.Run("programs", "apply", "--db", Db, "--tier", "INNOVATIVE_SME", "--enterprise", code, "--user", "zhang");
        Assert.Equal(0, other.ExitCode);
        var wrongProvince = CliRunner.Run("programs", "review", "2", "approve", "--db", Db, "--as", "province", "--province", "31", "--user", "chen");
        Assert.Equal(1, wrongProvince.ExitCode);
        Assert.Contains("not allowed", wrongProvince.Error, StringComparison.Ordinal);
        var approve = CliRunner.Run("programs", "review", "2", "approve", "--db", Db, "--as", "province", "--province", "11", "--user", "li");
        Assert.Equal(0, approve.ExitCode);
        Assert.Contains("INNOVATIVE_SME", approve.Out, StringComparison.Ordinal);
        Assert.Contains("Certified  2026-01-15 to 2029-01-15", approve.Out, StringComparison.Ordinal);

        var trail = CliRunner.Run("programs", "trail", "2", "--db", Db, "--as", "enterprise", "--enterprise", code);
        Assert.Equal(0, trail.ExitCode);
        Assert.Contains("li (province 11)  approve: Submitted → Certified", trail.Out, StringComparison.Ordinal);
        var notYours = CliRunner.Run("programs", "trail", "2", "--db", Db, "--as", "enterprise", "--enterprise", ProgramWorld.Beijing2);
        Assert.Equal(1, notYours.ExitCode);

        var registry = CliRunner.Run("programs", "registry", "--db", Db, "--date", "2026-02-01");
        Assert.Equal(0, registry.ExitCode);
        Assert.Contains("SMART_BASIC", registry.Out, StringComparison.Ordinal);
        Assert.Matches(@"SMART_BASIC\s+1 \(1\)", registry.Out);

        var monitor = CliRunner.Run("programs", "monitor", "--db", Db, "--period", "2026-05");
        Assert.Equal(0, monitor.ExitCode);
        // Shanghai's SRI_SME (register) at 2.5 %, and Beijing1's new INNOVATIVE_SME passes its 1 % floor.
        Assert.Contains("1 below their tier's thresholds", monitor.Out, StringComparison.Ordinal);
        Assert.Contains("R&D intensity, year to date, %: 2.5 (≥ 3 (setting monitor_rd_intensity_min))", monitor.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_BadProfileFile_IsRejectedWithLineAndColumn_AndStoresNothing()
    {
        string dir = _temp.New("cli-profiles");
        string path = Path.Combine(dir, "profiles.csv");
        File.WriteAllText(path, $"credit_code,year,own_brand\n{ProgramWorld.Beijing2},2026,maybe\n");
        var r = CliRunner.Run("programs", "import", path, "--db", Db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("profiles.csv line 2, column own_brand: \"maybe\" is not yes or no", r.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_w.Store.Profiles(), p => p.Year == 2026);

        File.WriteAllText(path, $"credit_code,year,own_brand\n{ProgramWorld.Beijing2},2026,yes\n");
        var ok = CliRunner.Run("programs", "import", path, "--db", Db);
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains(_w.Store.Profiles(), p => p.Year == 2026 && p.Values["own_brand"] == "yes");
    }
}
