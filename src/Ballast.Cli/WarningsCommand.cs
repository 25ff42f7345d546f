using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ballast.Core.Classifications;
using Ballast.Core.Monitoring;
using Ballast.Core.Releases;
using Ballast.Core.Storage;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Cli;

internal static class WarningsCommand
{
    public static Command Command(CliConsole console)
    {
        var period = new Option<string?>("--period") { Description = "The month, YYYY-MM (default: the latest month with reports)" };
        var format = new Option<string>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        var rules = new Option<string?>("--rules") { Description = "A rule file (JSON, docs/methodology/warnings.md); default: the built-in rules" };
        var confidential = new Option<bool>("--confidential") { Description = "Evaluate on unsuppressed values (local operator only)" };
        var cmd = new Command("warnings", "The early warnings of a release month: which rules fire, on which cells, and the cells driving them.")
        {
            period, format, rules, confidential,
        };
        cmd.SetAction(pr =>
        {
            var fmt = pr.GetValue(format)!.ToLowerInvariant();
            if (fmt is not ("text" or "json")) throw new UsageException($"--format \"{fmt}\" is not text or json");
            WarningRuleSet ruleSet;
            try { ruleSet = pr.GetValue(rules) is { } path ? WarningRules.Load(path) : WarningRules.LoadBuiltIn(); }
            catch (WarningRuleException e) { console.Error.WriteLine("ballast: " + e.Message); return BallastCommand.Rejected; }
            catch (IOException e) { console.Error.WriteLine("ballast: " + e.Message); return BallastCommand.Rejected; }
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var month = ReleaseCommand.ResolvePeriod(store, pr.GetValue(period));
            var population = ReleaseService.LoadPopulation(store);
            var first = ReleaseEngine.Compute(population, month);
            if (!first.Succeeded)
            {
                foreach (var e in first.Errors) console.Error.WriteLine($"ballast: release {month}: {e.Message}");
                return BallastCommand.Rejected;
            }
            var view = pr.GetValue(confidential) ? ReleaseView.Confidential : ReleaseView.Published;
            var alerts = WarningService.Evaluate(population, month, ruleSet, view, first.Release);
            if (fmt == "json") WriteJson(console, alerts);
            else Print(console, alerts, int.MaxValue);
            return BallastCommand.Ok;
        });
        return cmd;
    }

    /// <summary>Prints the alerts, most severe first, with their first drivers.</summary>
    internal static void Print(CliConsole console, IReadOnlyList<WarningAlert> alerts, int limit)
    {
        var o = console.Out;
        if (alerts.Count == 0)
        {
            o.WriteLine("No warnings.");
            return;
        }
        var bySeverity = alerts.GroupBy(a => a.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        o.WriteLine($"Warnings: {alerts.Count} ({string.Join(", ", bySeverity)})");
        foreach (var a in alerts.OrderByDescending(a => a.Severity).Take(limit))
        {
            o.WriteLine($"  [{a.Severity.ToString().ToLowerInvariant()}] {a.RuleId}: {Name(a.Breakdown, a.Cell)} — {a.Message}");
            if (a.Drivers.Count > 0)
                o.WriteLine("      driven by " + string.Join("; ", a.Drivers.Take(3).Select(d =>
                    $"{Name(d.Breakdown, d.Cell)} {Signed(d.Pull)} pp")));
        }
        if (alerts.Count > limit) o.WriteLine($"  … and {alerts.Count - limit} more (`ballast warnings`)");
    }

    // Two decimals with a sign; a pull that rounds to zero is shown as +0.00, never as -0.00.
    private static string Signed(double pull)
    {
        double rounded = Math.Round(pull, 2, MidpointRounding.AwayFromZero) + 0.0;
        return (rounded >= 0 ? "+" : "") + rounded.ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static string Name(string breakdown, string cell)
    {
        var c = Classification.Default;
        string? name = breakdown switch
        {
            "division" => c.DivisionByCode.TryGetValue(cell, out var d) ? d.NameEn : null,
            "province" => c.ProvinceByCode.TryGetValue(cell, out var p) ? p.NameEn : null,
            "key_industry" => c.KeyIndustryByCode.TryGetValue(cell, out var k) ? k.NameEn : null,
            "product" => c.ProductByCode.TryGetValue(cell, out var pr) ? pr.NameEn : null,
            _ => null,
        };
        return name is null ? $"{breakdown} {cell}" : $"{breakdown} {cell} {name}";
    }

    private static void WriteJson(CliConsole console, IReadOnlyList<WarningAlert> alerts)
    {
        using var ms = new MemoryStream();
        using (var json = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var a in alerts)
            {
                json.WriteStartObject();
                json.WriteString("rule", a.RuleId);
                json.WriteString("level", a.Severity.ToString().ToLowerInvariant());
                json.WriteString("period", a.Period.ToString());
                json.WriteString("breakdown", a.Breakdown);
                json.WriteString("cell", a.Cell);
                json.WriteString("measure", a.Measure);
                json.WriteNumber("value", a.Value);
                json.WriteString("message", a.Message);
                json.WriteStartArray("drivers");
                foreach (var d in a.Drivers)
                {
                    json.WriteStartObject();
                    json.WriteString("breakdown", d.Breakdown);
                    json.WriteString("cell", d.Cell);
                    json.WriteNumber("pull", d.Pull);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }
}
