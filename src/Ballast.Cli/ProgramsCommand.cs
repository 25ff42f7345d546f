using System.CommandLine;
using System.Globalization;
using Ballast.Core.Classifications;
using Ballast.Core.Programs;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;

namespace Ballast.Cli;

/// <summary>
/// <c>ballast programs …</c>: the program files, profiles and factories, applications and reviews, the registry and
/// the monitoring of certified holders (docs/programs.md). The acting user is given by --as/--user/--province, as the
/// web platform's accounts will give it to the same services.
/// </summary>
internal static class ProgramsCommand
{
    private static readonly Option<string[]> ProgramFiles = new("--programs")
    {
        Description = "Further program files (JSON); a file with a built-in's program code replaces it",
        Recursive = true,
        AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<string> As = new("--as")
    {
        Description = "The acting role: ministry (default), province (with --province) or enterprise (with --enterprise)",
        DefaultValueFactory = _ => "ministry",
    };
    private static readonly Option<string?> User = new("--user") { Description = "Who acts, for the audit trail (default: the login name)" };
    private static readonly Option<string?> Province = new("--province") { Description = "The reviewing province (two digits), with --as province" };
    private static readonly Option<string?> Enterprise = new("--enterprise") { Description = "The enterprise's credit code" };

    public static Command Command(CliConsole console)
    {
        var cmd = new Command("programs", "Tiered programs: program files, profiles and factories, applications and reviews, the registry, monitoring of holders.");
        cmd.Options.Add(ProgramFiles);
        cmd.Subcommands.Add(List(console));
        cmd.Subcommands.Add(Import(console));
        cmd.Subcommands.Add(Check(console));
        cmd.Subcommands.Add(Apply(console));
        cmd.Subcommands.Add(Review(console));
        cmd.Subcommands.Add(Applications(console));
        cmd.Subcommands.Add(Trail(console));
        cmd.Subcommands.Add(Expire(console));
        cmd.Subcommands.Add(Revoke(console));
        cmd.Subcommands.Add(Registry(console));
        cmd.Subcommands.Add(Monitor(console));
        return cmd;
    }

    private static ProgramCatalog Catalog(ParseResult pr) => ProgramCatalog.Load(pr.GetValue(ProgramFiles) ?? []);

    private static ProgramActor Actor(ParseResult pr)
    {
        string user = pr.GetValue(User) ?? Environment.UserName;
        return pr.GetValue(As)!.ToLowerInvariant() switch
        {
            "ministry" => ProgramActor.Ministry(user),
            "province" => ProgramActor.ProvinceReviewer(user, pr.GetValue(Province) ?? throw new UsageException("--as province needs --province PP")),
            "enterprise" => ProgramActor.Enterprise(user, pr.GetValue(Enterprise) ?? throw new UsageException("--as enterprise needs --enterprise CREDIT_CODE")),
            var other => throw new UsageException($"--as \"{other}\" is not ministry, province or enterprise"),
        };
    }

    // Runs an action; the users' mistakes (a rule, a scope, a bad program file) are messages and exit code 1.
    private static void Act(Command cmd, CliConsole console, Func<ParseResult, int> action) => cmd.SetAction(pr =>
    {
        try { return action(pr); }
        catch (ProgramRuleException e) { console.Error.WriteLine("ballast: " + e.Message); return BallastCommand.Rejected; }
        catch (ProgramAccessException e) { console.Error.WriteLine("ballast: not allowed: " + e.Message); return BallastCommand.Rejected; }
        catch (ProgramFileException e)
        {
            console.Error.WriteLine($"ballast: program file {e.File} has {e.Problems.Count} problem(s):");
            foreach (var p in e.Problems) console.Error.WriteLine($"  {e.File}: {p}");
            return BallastCommand.Rejected;
        }
    });

    private static Command List(CliConsole console)
    {
        var cmd = new Command("list", "The programs: tiers, who reviews each, validity, and every setting with its note.");
        Act(cmd, console, pr =>
        {
            var o = console.Out;
            foreach (var p in Catalog(pr).Programs)
            {
                o.WriteLine($"{p.Code}: {p.NameEn} ({p.NameZh}) — per {(p.Subject == ProgramSubject.Factory ? "factory" : "enterprise")}; {p.File}");
                foreach (var t in p.Tiers)
                    o.WriteLine($"  {t.Tier,-16} {t.NameEn}; reviewed by {string.Join(" then ", t.Reviewers.Select(r => r.ToString().ToLowerInvariant()))}; valid {t.ValidityYears} years" +
                                (t.Monitor.Count > 0 ? $"; monitored on {string.Join(", ", t.Monitor.Select(m => m.Label))}" : ""));
                foreach (var s in p.Settings.Values)
                    o.WriteLine($"  setting {s.Name} = {s.Value}: {s.Note}");
            }
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Import(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "profiles.csv and factories.csv files (docs/data-formats.md)", Arity = ArgumentArity.OneOrMore };
        var cmd = new Command("import", "Import enterprise profiles and factories: all or nothing, every error with file, line and column.") { files };
        Act(cmd, console, pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var register = store.Enterprises().Select(e => e.CreditCode).ToHashSet(StringComparer.Ordinal);
            var r = ProfileFiles.Read(pr.GetValue(files)!, register);
            foreach (var w in r.Warnings) console.Error.WriteLine("warning: " + w);
            if (!r.Accepted)
            {
                foreach (var e in r.Errors.Take(1000)) console.Error.WriteLine(e.ToString());
                if (r.Errors.Count > 1000) console.Error.WriteLine($"and {r.Errors.Count - 1000} more");
                console.Error.WriteLine($"Rejected: {r.Errors.Count} error(s); nothing was stored.");
                return BallastCommand.Rejected;
            }
            store.SaveProgramData(r.Profiles, r.Factories);
            console.Out.WriteLine($"Stored {r.Profiles.Count} profile(s) and {r.Factories.Count} factory evaluation(s) in {store.Description}.");
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static (Option<string> Tier, Option<string?> Factory) TierOptions() =>
        (new Option<string>("--tier") { Description = "The tier code (classifications/tiers.csv)", Required = true },
         new Option<string?>("--factory") { Description = "The factory id, for a per-factory program" });

    private static Command Check(CliConsole console)
    {
        var (tier, factory) = TierOptions();
        var cmd = new Command("check", "Pre-check an enterprise (or factory) against a tier and explain every criterion: met or not, value, threshold, source. Exit 0 passes, 1 does not.")
        {
            tier, factory, Enterprise, As, User, Province,
        };
        Act(cmd, console, pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = new ProgramService(store, Catalog(pr), console.Clock);
            string code = pr.GetValue(Enterprise) ?? throw new UsageException("--enterprise CREDIT_CODE is required");
            var check = service.PreCheck(Actor(pr), pr.GetValue(tier)!, code, pr.GetValue(factory));
            console.Out.Write(check.Explain());
            return check.Passed ? BallastCommand.Ok : BallastCommand.Rejected;
        });
        return cmd;
    }

    private static Command Apply(CliConsole console)
    {
        var (tier, factory) = TierOptions();
        var cmd = new Command("apply", "The enterprise applies for a tier (--enterprise; --factory for a per-factory program); prints the pre-check.")
        {
            tier, factory, Enterprise, User,
        };
        Act(cmd, console, pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = new ProgramService(store, Catalog(pr), console.Clock);
            string code = pr.GetValue(Enterprise) ?? throw new UsageException("--enterprise CREDIT_CODE is required");
            var (a, check) = service.Apply(ProgramActor.Enterprise(pr.GetValue(User) ?? Environment.UserName, code), pr.GetValue(tier)!, code, pr.GetValue(factory));
            console.Out.WriteLine($"Application {a.Id.ToString(CultureInfo.InvariantCulture)}: {a.Tier} for {a.CreditCode}{(a.FactoryId is null ? "" : " factory " + a.FactoryId)} is {a.State}.");
            console.Out.Write(check.Explain());
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Review(CliConsole console)
    {
        var id = new Argument<long>("ID") { Description = "The application id" };
        var decision = new Argument<string>("DECISION") { Description = "approve or return" };
        var note = new Option<string?>("--note") { Description = "The reasons (required to return)" };
        var cmd = new Command("review", "Review an application at your step: the province (--as province --province PP), then the ministry where the tier requires it.")
        {
            id, decision, note, As, User, Province, Enterprise,
        };
        Act(cmd, console, pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = new ProgramService(store, Catalog(pr), console.Clock);
            var actor = Actor(pr);
            var a = pr.GetValue(decision)!.ToLowerInvariant() switch
            {
                "approve" => service.Approve(actor, pr.GetValue(id), pr.GetValue(note) ?? ""),
                "return" => service.Return(actor, pr.GetValue(id), pr.GetValue(note) ?? ""),
                var other => throw new UsageException($"\"{other}\" is not approve or return"),
            };
            console.Out.WriteLine(Line(a));
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static string Line(ProgramApplication a) =>
        $"{a.Id.ToString(CultureInfo.InvariantCulture),6}  {a.Tier,-16} {a.CreditCode}{(a.FactoryId is null ? "" : " " + a.FactoryId)}  province {a.Province}  {a.Kind}  {a.State}" +
        (a.CertifiedFrom is DateOnly f ? $"  {f:yyyy-MM-dd} to {a.ValidUntil:yyyy-MM-dd}" : "");

    private static Command Applications(CliConsole console)
    {
        var state = new Option<string?>("--state") { Description = "Only applications in this state (Submitted, ProvinceApproved, Returned, Certified, …)" };
        var cmd = new Command("applications", "The applications the acting user may see (an enterprise its own, a province its province's).")
        {
            state, As, User, Province, Enterprise,
        };
        Act(cmd, console, pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = new ProgramService(store, Catalog(pr), console.Clock);
            var list = service.List(Actor(pr));
            if (pr.GetValue(state) is { } s)
            {
                if (!Enum.TryParse<ApplicationState>(s, ignoreCase: true, out var st)) throw new UsageException($"--state \"{s}\" is not one of {string.Join(", ", Enum.GetNames<ApplicationState>())}");
                list = [.. list.Where(a => a.State == st)];
            }
            if (list.Count == 0) console.Out.WriteLine("No applications.");
            foreach (var a in list) console.Out.WriteLine(Line(a));
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Trail(CliConsole console)
    {
        var id = new Argument<long>("ID") { Description = "The application id" };
        var cmd = new Command("trail", "An application's audit trail: every step with who, when, from which state to which, and why.") { id, As, User, Province, Enterprise };
        Act(cmd, console, pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = new ProgramService(store, Catalog(pr), console.Clock);
            foreach (var e in service.Trail(Actor(pr), pr.GetValue(id)))
                console.Out.WriteLine($"{e.Seq.ToString(CultureInfo.InvariantCulture),3}  {e.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss}  {e.User} ({e.Role})  {e.Action}: {e.From?.ToString() ?? "-"} → {e.To}  {e.Note}");
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Expire(CliConsole console)
    {
        var cmd = new Command("expire", "End the certifications whose validity has run out and open their re-reviews (a province: its own).") { As, User, Province };
        Act(cmd, console, pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = new ProgramService(store, Catalog(pr), console.Clock);
            var opened = service.ExpireDue(Actor(pr));
            console.Out.WriteLine($"{opened.Count.ToString(CultureInfo.InvariantCulture)} certification(s) expired; re-reviews opened:");
            foreach (var a in opened) console.Out.WriteLine(Line(a));
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Revoke(CliConsole console)
    {
        var id = new Argument<long>("ID") { Description = "The certified application id" };
        var reason = new Option<string>("--reason") { Description = "Why the holder no longer qualifies", Required = true };
        var cmd = new Command("revoke", "Revoke a certification whose holder no longer qualifies; the holding ends today.") { id, reason, As, User, Province };
        Act(cmd, console, pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = new ProgramService(store, Catalog(pr), console.Clock);
            console.Out.WriteLine(Line(service.Revoke(Actor(pr), pr.GetValue(id), pr.GetValue(reason)!)));
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Registry(CliConsole console)
    {
        var date = new Option<string?>("--date") { Description = "The date, YYYY-MM-DD (default: today in China)" };
        var by = new Option<string>("--by") { Description = "tier (default), province, division or all (tier × province × division)", DefaultValueFactory = _ => "tier" };
        var cmd = new Command("registry", "Who holds which tier on a date: counts of enterprises (and factories, for per-factory tiers).") { date, by };
        Act(cmd, console, pr =>
        {
            DateOnly day = pr.GetValue(date) is { } text
                ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw new UsageException($"--date \"{text}\" is not YYYY-MM-DD")
                : DateOnly.FromDateTime(console.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
            string mode = pr.GetValue(by)!.ToLowerInvariant();
            if (mode is not ("tier" or "province" or "division" or "all")) throw new UsageException($"--by \"{mode}\" is not tier, province, division or all");
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var counts = ProgramRegistry.Load(store).Counts(store.Enterprises(), day);
            var groups = counts.GroupBy(c => mode switch
            {
                "tier" => c.Tier,
                "province" => c.Tier + "  " + c.Province,
                "division" => c.Tier + "  " + c.Division,
                _ => c.Tier + "  " + c.Province + "  " + c.Division,
            }, StringComparer.Ordinal);
            console.Out.WriteLine($"Registry on {day:yyyy-MM-dd}: enterprises (factories)");
            foreach (var g in groups)
            {
                int f = g.Sum(c => c.Factories);
                console.Out.WriteLine($"  {g.Key,-28} {g.Sum(c => c.Enterprises).ToString(CultureInfo.InvariantCulture),8}{(f > 0 ? $" ({f.ToString(CultureInfo.InvariantCulture)})" : "")}");
            }
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Monitor(CliConsole console)
    {
        var period = new Option<string?>("--period") { Description = "The release month, YYYY-MM (default: the latest month with reports)" };
        var cmd = new Command("monitor", "Certified holders whose year-to-date indicators fell below their tier's thresholds, for the reviewers (a province: its own).")
        {
            period, As, User, Province,
        };
        Act(cmd, console, pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            YearMonth month = pr.GetValue(period) is { } p
                ? YearMonth.TryParse(p, out var m) ? m : throw new UsageException($"--period \"{p}\" is not YYYY-MM")
                : YearMonth.TryParse(store.Summary().LastPeriod ?? "", out var last) ? last : throw new UsageException("the store holds no reports: give --period");
            var findings = HolderMonitor.Run(store, Catalog(pr), month, Actor(pr));
            console.Out.WriteLine($"Monitoring of certified holders, {month}: {findings.Count.ToString(CultureInfo.InvariantCulture)} below their tier's thresholds");
            foreach (var f in findings)
            {
                var province = Classification.Default.ProvinceByCode.TryGetValue(f.Province, out var pv) ? pv.NameEn : f.Province;
                console.Out.WriteLine($"  {f.Tier,-16} {f.CreditCode} {f.Name} ({province}, division {f.Division}), held since {f.HeldSince}" +
                                      (f.ApplicationId is long id ? $", application {id.ToString(CultureInfo.InvariantCulture)}" : ""));
                foreach (var c in f.Monitor.Parts.Where(c => !c.Met))
                    console.Out.WriteLine($"      {c.Label}: {c.Value ?? "no value"} ({c.Threshold}){(c.Source is null ? "" : " — " + c.Source)}");
            }
            return BallastCommand.Ok;
        });
        return cmd;
    }
}
