using System.Text.Json;
using Ballast.Core.Storage;

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
        int warnings = _store.Output.IndexOf("Warnings 2025-12: ", StringComparison.Ordinal) is >= 0 and var w ? w : _store.Output.IndexOf("No warnings for 2025-12.", StringComparison.Ordinal);
        Assert.True(release >= 0 && warnings > release, _store.Output);
        // The main job stored them with the release.
        using var store = StoreFactory.Open(_store.Db);
        Assert.NotEmpty(store.WarningRuns("2025-12", "published"));
    }

    [Fact]
    public void Statuses_AgreeWithTheStoredWarningsOfThePreviousMonth()
    {
        var november = CliRunner.Run("warnings", "--period", "2025-11", "--db", _store.Db);
        Assert.True(november.ExitCode == 0, november.Error);
        var r = CliRunner.Run("warnings", "--period", "2025-12", "--format", "json", "--db", _store.Db);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);

        // Re-derive every status from the stored November run (the newest), independently of the code under test.
        using var store = StoreFactory.Open(_store.Db);
        var before = store.Warnings(store.WarningRuns("2025-11", "published")[0].Id).Where(w => w.Status != "resolved").ToList();
        static int Rank(string level) => level switch { "critical" => 2, "warning" => 1, _ => 0 };
        var alerts = doc.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(alerts);
        var firing = new HashSet<(string, string, string)>();
        foreach (var a in alerts.Where(a => a.GetProperty("status").GetString() != "resolved"))
        {
            string b = a.GetProperty("breakdown").GetString()!, c = a.GetProperty("cell").GetString()!, m = a.GetProperty("measure").GetString()!;
            firing.Add((a.GetProperty("rule").GetString()!, b, c));
            var same = before.Where(w => w.Breakdown == b && w.Cell == c && w.Measure == m).Select(w => Rank(w.Level)).ToList();
            int now = Rank(a.GetProperty("level").GetString()!);
            string expected = same.Count == 0 ? "new" : now > same.Max() ? "escalated" : now < same.Max() ? "eased" : "unchanged";
            Assert.Equal(expected, a.GetProperty("status").GetString());
        }
        var resolved = alerts.Where(a => a.GetProperty("status").GetString() == "resolved")
            .Select(a => (a.GetProperty("rule").GetString()!, a.GetProperty("breakdown").GetString()!, a.GetProperty("cell").GetString()!)).ToHashSet();
        var expectedResolved = before.Select(w => (w.Rule, w.Breakdown, w.Cell)).Where(k => !firing.Contains(k)).ToHashSet();
        Assert.Equal(expectedResolved, resolved);

        // The run just printed was stored, with the same warnings in the same order.
        var stored = store.Warnings(store.WarningRuns("2025-12", "published")[0].Id);
        Assert.Equal(alerts.Select(a => (a.GetProperty("rule").GetString(), a.GetProperty("cell").GetString(), a.GetProperty("status").GetString())),
            stored.Select(w => ((string?)w.Rule, (string?)w.Cell, (string?)w.Status)));
    }

    [Fact]
    public void BehindTheParent_DriversCarryTheirPartOfTheGap_RankedByIt()
    {
        // The confidential view: in this small store the published view withholds most province × division cells.
        var r = CliRunner.Run("warnings", "--period", "2025-12", "--confidential", "--format", "json", "--db", _store.Db);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var alerts = doc.RootElement.EnumerateArray().Where(a => a.GetProperty("status").GetString() != "resolved").ToList();
        var behind = alerts.Where(a => a.GetProperty("rule").GetString() is "province_slowing" or "key_industry_slowing").ToList();
        Assert.Contains(behind, a => a.GetProperty("rule").GetString() == "province_slowing"); // the planted slowing province at least
        foreach (var a in behind) RankedAscendingBy(a, "pull_gap");
        // Every other alert has no gap.
        Assert.All(alerts.Except(behind).SelectMany(a => a.GetProperty("drivers").EnumerateArray()),
            d => Assert.False(d.TryGetProperty("pull_gap", out _)));
        // The text says what the figure is.
        var text = CliRunner.Run("warnings", "--period", "2025-12", "--confidential", "--db", _store.Db);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains(" pp of the gap (pull ", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Fall_DriversCarryTheChangeOfTheirPullSinceItBegan_RankedByIt()
    {
        // A rule sure to fire somewhere: a division whose year-to-date growth fell in November and December.
        var path = Path.Combine(_store.Dir, "falling-rules.json");
        File.WriteAllText(path, """{"rules":[{"id":"f1","measure":"va_yoy_ytd","cells":{"breakdown":"division","codes":"all"},"condition":{"kind":"falling","months":2},"severity":"watch","message":"{cell} fell"}]}""");
        var r = CliRunner.Run("warnings", "--period", "2025-12", "--rules", path, "--confidential", "--format", "json", "--db", _store.Db);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var fired = doc.RootElement.EnumerateArray().Where(a => a.GetProperty("status").GetString() != "resolved"
            && a.GetProperty("drivers").GetArrayLength() > 0).ToList();
        Assert.NotEmpty(fired);
        foreach (var a in fired)
            Assert.All(RankedAscendingBy(a, "pull_change"), d => Assert.Equal("2025-10", d.GetProperty("change_since").GetString()));
        var text = CliRunner.Run("warnings", "--period", "2025-12", "--rules", path, "--confidential", "--db", _store.Db);
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains(" pp since 2025-10 (now ", text.Out, StringComparison.Ordinal);
    }

    /// <summary>
    /// Asserts that an alert's drivers carrying <paramref name="field"/> come first, most negative first, and that
    /// none after them carries it; returns those that do (at least one).
    /// </summary>
    private static List<JsonElement> RankedAscendingBy(JsonElement alert, string field)
    {
        var drivers = alert.GetProperty("drivers").EnumerateArray().ToList();
        var ranked = drivers.TakeWhile(d => d.TryGetProperty(field, out _)).ToList();
        Assert.NotEmpty(ranked);
        var values = ranked.Select(d => d.GetProperty(field).GetDouble()).ToList();
        Assert.Equal(values.Order(), values);
        Assert.All(drivers.Skip(ranked.Count), d => Assert.False(d.TryGetProperty(field, out _)));
        return ranked;
    }

    [Fact]
    public void Confidential_CarriesTheEnterprisesOfTheCellWithNames_PublishedNever()
    {
        var r = CliRunner.Run("warnings", "--period", "2025-12", "--confidential", "--format", "json", "--db", _store.Db);
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        using var store = StoreFactory.Open(_store.Db);
        var register = store.Enterprises().ToDictionary(e => e.CreditCode, StringComparer.Ordinal);
        var withEnterprises = doc.RootElement.EnumerateArray()
            .Where(a => a.GetProperty("breakdown").GetString() == "province" && a.GetProperty("enterprises").GetArrayLength() > 0).ToList();
        Assert.NotEmpty(withEnterprises); // the planted slowing province at least
        foreach (var a in withEnterprises)
            foreach (var e in a.GetProperty("enterprises").EnumerateArray())
            {
                var firm = register[e.GetProperty("credit_code").GetString()!];
                Assert.Equal(a.GetProperty("cell").GetString(), firm.Province);
                Assert.Equal(firm.Name, e.GetProperty("name").GetString());
            }
        // The confidential run is stored apart from the published ones.
        Assert.NotEmpty(store.WarningRuns("2025-12", "confidential"));
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
            Assert.Contains(alert.GetProperty("status").GetString(), new[] { "new", "escalated", "eased", "unchanged", "resolved" });
            Assert.False(alert.TryGetProperty("enterprises", out _), "no enterprise in the published view");
            Assert.DoesNotContain((alert.GetProperty("breakdown").GetString()!, alert.GetProperty("cell").GetString()!), published);
            foreach (var d in alert.GetProperty("drivers").EnumerateArray())
                Assert.DoesNotContain((d.GetProperty("breakdown").GetString()!, d.GetProperty("cell").GetString()!), published);
        }
        // Nor do the stored published warnings: no confidential cell, no enterprise.
        using var store = StoreFactory.Open(_store.Db);
        foreach (var w in store.Warnings(store.WarningRuns("2025-12", "published")[0].Id))
        {
            Assert.DoesNotContain((w.Breakdown, w.Cell), published);
            using var drivers = JsonDocument.Parse(w.Drivers);
            Assert.Equal(0, drivers.RootElement.GetProperty("enterprises").GetArrayLength());
            foreach (var d in drivers.RootElement.GetProperty("cells").EnumerateArray())
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
