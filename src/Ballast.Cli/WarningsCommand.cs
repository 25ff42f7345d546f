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
            long version = store.DataVersion();
            var population = ReleaseService.LoadPopulation(store);
            var first = ReleaseEngine.Compute(population, month);
            if (!first.Succeeded)
            {
                foreach (var e in first.Errors) console.Error.WriteLine($"ballast: release {month}: {e.Message}");
                return BallastCommand.Rejected;
            }
            var view = pr.GetValue(confidential) ? ReleaseView.Confidential : ReleaseView.Published;
            // Names of enterprises are read only for viewers with microdata rights, who see enterprise drivers.
            Func<string, string?>? names = view == ReleaseView.Confidential ? Names(store) : null;
            var report = WarningService.Track(population, month, ruleSet, view, store,
                new WarningRunInfo(Environment.UserName, console.Clock.GetUtcNow(), version), first.Release, names: names);
            if (fmt == "json") WriteJson(console, report);
            else Print(console, report, int.MaxValue);
            return BallastCommand.Ok;
        });
        return cmd;
    }

    /// <summary>Credit code → name, from the register.</summary>
    internal static Func<string, string?> Names(IBallastStore store)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in store.Enterprises()) names[e.CreditCode] = e.Name;
        return code => names.GetValueOrDefault(code);
    }

    /// <summary>Prints the warnings, most severe first, with their status and first drivers, then the resolved ones.</summary>
    internal static void Print(CliConsole console, WarningReport report, int limit)
    {
        var o = console.Out;
        var current = report.Current.ToList();
        var resolved = report.Resolved.ToList();
        if (current.Count == 0) o.WriteLine($"No warnings for {report.Period}.");
        else
        {
            var bySeverity = current.GroupBy(a => a.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {WarningHistory.Level(g.Key)}");
            var byStatus = current.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {WarningHistory.Name(g.Key)}");
            o.WriteLine($"Warnings {report.Period}: {current.Count} ({string.Join(", ", bySeverity)}; {string.Join(", ", byStatus)} since {report.PreviousPeriod})");
            foreach (var a in current.OrderByDescending(a => a.Severity).Take(limit))
            {
                o.WriteLine($"  [{WarningHistory.Level(a.Severity)}, {WarningHistory.Name(a.Status)}] {a.Rule}: {Name(a.Breakdown, a.Cell)} — {a.Message}");
                Listed(o, "driven by", a.Drivers.Take(3).Select(d => $"{Name(d.Breakdown, d.Cell)}: {Figure(d)}"));
                Listed(o, "led by", a.Enterprises.Take(3).Select(e => $"{e.CreditCode} {e.Name}: {Signed(e.Pull)} pp"));
            }
            if (current.Count > limit) o.WriteLine($"  … and {current.Count - limit} more (`ballast warnings`)");
        }
        if (resolved.Count > 0)
        {
            o.WriteLine($"Resolved since {report.PreviousPeriod}: {resolved.Count}");
            foreach (var r in resolved.Take(limit))
                o.WriteLine($"  [resolved] {r.Rule}: {Name(r.Breakdown, r.Cell)}");
            if (resolved.Count > limit) o.WriteLine($"  … and {resolved.Count - limit} more (`ballast warnings`)");
        }
    }

    /// <summary>What a driver is ranked by, in words: its pull, or its part of the gap to the parent, or its change.</summary>
    internal static string Figure(WarningDriver d) => d switch
    {
        { PullGap: { } gap } => $"{Signed(gap)} pp of the gap (pull {Signed(d.Pull)} pp)",
        { PullChange: { } change, ChangeSince: { } since } => $"pull {Signed(change)} pp since {since} (now {Signed(d.Pull)} pp)",
        _ => $"{Signed(d.Pull)} pp",
    };

    // One item a line under its label: a province × division name alone is most of a line.
    private static void Listed(TextWriter o, string label, IEnumerable<string> items)
    {
        string indent = "      " + label + " ";
        foreach (var item in items)
        {
            o.WriteLine(indent + item);
            indent = new string(' ', indent.Length);
        }
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
            "province_division" when cell.Split('|') is [var province, var division]
                && c.ProvinceByCode.TryGetValue(province, out var p2) && c.DivisionByCode.TryGetValue(division, out var d2) =>
                p2.NameEn + ", " + d2.NameEn,
            _ => null,
        };
        return name is null ? $"{breakdown} {cell}" : $"{breakdown} {cell} {name}";
    }

    /// <summary>
    /// One JSON array: the warnings firing now, then the resolved ones (status "resolved", value = the cell's value
    /// now or null). Enterprise drivers only in the confidential view.
    /// </summary>
    private static void WriteJson(CliConsole console, WarningReport report)
    {
        using var ms = new MemoryStream();
        using (var json = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var a in report.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("rule", a.Rule);
                json.WriteString("level", WarningHistory.Level(a.Severity));
                json.WriteString("period", a.Period.ToString());
                json.WriteString("breakdown", a.Breakdown);
                json.WriteString("cell", a.Cell);
                json.WriteString("measure", a.Measure);
                if (a.Value is double v) json.WriteNumber("value", v);
                else json.WriteNull("value");
                json.WriteString("message", a.Message);
                json.WriteString("status", WarningHistory.Name(a.Status));
                if (a.PreviousSeverity is { } was) json.WriteString("previous_level", WarningHistory.Level(was));
                else json.WriteNull("previous_level");
                WarningHistory.WriteDrivers(json, "drivers", a.Drivers);
                if (report.View == ReleaseView.Confidential) WarningHistory.WriteEnterprises(json, "enterprises", a.Enterprises);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }
}
