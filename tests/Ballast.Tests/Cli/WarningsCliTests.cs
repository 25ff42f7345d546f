using System.Text.Json;

namespace Ballast.Tests.Cli;

/// <summary>`ballast warnings` and the warnings of the main job, on a small demo store.</summary>
public sealed class WarningsCliTests : IClassFixture<ReleaseCliTests.DemoStore>
{
    private readonly ReleaseCliTests.DemoStore _store;

    public WarningsCliTests(ReleaseCliTests.DemoStore store) => _store = store;

    [Fact]
    public void MainJob_PrintsTheWarningsAfterTheRelease()
    {
        int release = _store.Output.IndexOf("Industrial production, December 2025", StringComparison.Ordinal);
        int warnings = _store.Output.IndexOf("Warnings: ", StringComparison.Ordinal) is >= 0 and var w ? w : _store.Output.IndexOf("No warnings.", StringComparison.Ordinal);
        Assert.True(release >= 0 && warnings > release, _store.Output);
    }

    [Fact]
    public void Json_IsAnArrayOfAlertsWithTheRequiredFields_NeverOnAConfidentialCell()
    {
        var r = CliRunner.Run("warnings", "--period", "2025-12", "--format", "json", "--db", _store.Db);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var published = CliRunner.Run("release", "--period", "2025-12", "--db", _store.Db).Out.Split('\n')
            .Select(l => l.Split(',')).Where(f => f.Length == 7 && f[6] == "C").Select(f => (f[1], f[2])).ToHashSet();
        Assert.NotEmpty(published); // the small store has confidential cells, so the check below means something
        foreach (var alert in doc.RootElement.EnumerateArray())
        {
            foreach (var field in new[] { "rule", "level", "breakdown", "cell", "measure", "value", "message", "drivers" })
                Assert.True(alert.TryGetProperty(field, out _), $"alert without {field}");
            Assert.DoesNotContain((alert.GetProperty("breakdown").GetString()!, alert.GetProperty("cell").GetString()!), published);
            foreach (var d in alert.GetProperty("drivers").EnumerateArray())
                Assert.DoesNotContain((d.GetProperty("breakdown").GetString()!, d.GetProperty("cell").GetString()!), published);
        }
    }

    [Fact]
    public void BadRuleFile_IsRefusedNamingTheProblem()
    {
        var path = Path.Combine(_store.Dir, "rules.json");
        File.WriteAllText(path, """{"rules":[{"id":"r1","measure":"va_yoy_sideways","cells":{"breakdown":"province","codes":"all"},"condition":{"kind":"below","threshold":0},"severity":"warning","message":"x"}]}""");
        var r = CliRunner.Run("warnings", "--rules", path, "--db", _store.Db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("r1", r.Error, StringComparison.Ordinal);
        Assert.Contains("va_yoy_sideways", r.Error, StringComparison.Ordinal);
    }
}
