using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Ballast.Core.Arrears;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using static System.FormattableString;

namespace Ballast.Cli;

/// <summary>
/// <c>ballast arrears register|list|handle|escalate|stats|check</c>: the arrears owed to SMEs (docs/arrears.md).
/// Every subcommand acts as the user given by <c>--as</c> (the ministry's local operator by default), with the same
/// scopes the API will enforce.
/// </summary>
internal static partial class ArrearsCommand
{
    internal static readonly Option<string> As = new("--as")
    {
        Description = "Act as: ministry (default), province:NN (e.g. province:32) or enterprise:CREDITCODE",
        DefaultValueFactory = _ => "ministry",
        Recursive = true,
    };

    internal static readonly Option<string?> UserName = new("--user")
    {
        Description = "Your name, recorded with every step (default: the operating-system user)",
        Recursive = true,
    };

    public static Command Command(CliConsole console)
    {
        var cmd = new Command("arrears", "Arrears owed to SMEs: register cases, handle them by province, escalate overdue ones, statistics, the check against the monthly reports.")
        {
            As, UserName,
        };
        cmd.Subcommands.Add(RegisterCommand(console));
        cmd.Subcommands.Add(ListCommand(console));
        cmd.Subcommands.Add(HandleCommand(console));
        cmd.Subcommands.Add(EscalateCommand(console));
        cmd.Subcommands.Add(StatsCommand(console));
        cmd.Subcommands.Add(CheckCommand(console));
        return cmd;
    }

    /// <summary>The acting user from --as and --user.</summary>
    internal static ActingUser Actor(ParseResult pr)
    {
        string text = pr.GetValue(As) ?? "ministry";
        string name = pr.GetValue(UserName) is { Length: > 0 } n ? n : Environment.UserName;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string role = colon < 0 ? text : text[..colon];
        string? arg = colon < 0 ? null : text[(colon + 1)..];
        if (!ArrearsCodes.TryParseRole(role, out var r))
            throw new UsageException($"--as \"{text}\": the role is ministry, province:NN or enterprise:CREDITCODE");
        return r switch
        {
            UserRole.Ministry when arg is null => ActingUser.Ministry(name),
            UserRole.Province when arg is { Length: 2 } p && p.All(char.IsAsciiDigit) => new ActingUser(name, UserRole.Province, Province: p),
            UserRole.Enterprise when arg is { Length: 18 } c => new ActingUser(name, UserRole.Enterprise, CreditCode: c),
            _ => throw new UsageException($"--as \"{text}\": the role is ministry, province:NN (two digits) or enterprise:CREDITCODE (18 characters)"),
        };
    }

    /// <summary>Runs a subcommand body, turning a refused request into its sentences on standard error and exit code 1.</summary>
    private static int Guarded(CliConsole console, string what, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ArrearsException e)
        {
            foreach (string p in e.Problems) console.Error.WriteLine($"ballast: arrears {what}: {p}");
            return BallastCommand.Rejected;
        }
    }

    private static Command RegisterCommand(CliConsole console)
    {
        var creditCode = new Option<string?>("--credit-code") { Description = "The SME owed the money (default: the enterprise of --as)" };
        var debtor = new Option<string>("--debtor") { Description = "The debtor's name", Required = true };
        var debtorType = new Option<string>("--debtor-type") { Description = "government, institution, soe or large", Required = true };
        var province = new Option<string>("--debtor-province") { Description = "The debtor's province (two digits, e.g. 32): it handles the case", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount owed, in 10,000 yuan (e.g. 12.5)", Required = true };
        var contract = new Option<string>("--contract-date") { Description = "Date of the contract (or delivery), YYYY-MM-DD", Required = true };
        var due = new Option<string?>("--due-date") { Description = "Agreed due date, YYYY-MM-DD (default and upper bound: contract date + the payment term)" };
        var cmd = new Command("register", "Register a case: an SME that has not been paid on time by a government agency, public institution or large enterprise.")
        {
            creditCode, debtor, debtorType, province, amount, contract, due,
        };
        cmd.SetAction(pr => Guarded(console, "register", () =>
        {
            var user = Actor(pr);
            string? code = pr.GetValue(creditCode) ?? user.CreditCode;
            if (code is null) throw new UsageException("--credit-code: name the SME owed the money (or act as it with --as enterprise:CODE)");
            string typeText = pr.GetValue(debtorType)!;
            if (!ArrearsCodes.TryParseDebtorType(typeText, out var type))
                throw new UsageException($"--debtor-type \"{typeText}\" is not government, institution, soe or large");
            var registration = new CaseRegistration(code, pr.GetValue(debtor)!, type, pr.GetValue(province)!,
                ParseAmount("--amount", pr.GetValue(amount)!), ParseDate("--contract-date", pr.GetValue(contract)!),
                pr.GetValue(due) is { } d ? ParseDate("--due-date", d) : null);
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var c = Service(store, console).Register(user, registration);
            console.Out.WriteLine(Invariant($"Registered case {c.Id}: {ArrearsCodes.Money(c.Amount)} (10,000 yuan) owed to {c.CreditCode} by {c.DebtorName}, due {ArrearsCodes.Date(c.DueDate)}."));
            console.Out.WriteLine(Invariant($"Assigned to province {c.Province}; to be handled by {Time(c.HandlingDeadline)}."));
            return BallastCommand.Ok;
        }));
        return cmd;
    }

    private static Command ListCommand(CliConsole console)
    {
        var caseId = new Option<long?>("--case") { Description = "Show this case with its history" };
        var status = new Option<string?>("--status") { Description = "Only cases with this status: " + string.Join(", ", ArrearsCodes.Statuses) };
        var overdue = new Option<bool>("--overdue") { Description = "Only open cases past their handling deadline" };
        var format = new Option<string>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        var cmd = new Command("list", "The cases you may see (an enterprise its own, a province those assigned to it, the ministry all).")
        {
            caseId, status, overdue, format,
        };
        cmd.SetAction(pr => Guarded(console, "list", () =>
        {
            var user = Actor(pr);
            string fmt = Format(pr.GetValue(format)!);
            string? st = pr.GetValue(status);
            if (st is not null && !ArrearsCodes.Statuses.Contains(st, StringComparer.Ordinal))
                throw new UsageException($"--status \"{st}\" is not one of {string.Join(", ", ArrearsCodes.Statuses)}");
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = Service(store, console);
            var now = console.Clock.GetUtcNow();
            if (pr.GetValue(caseId) is { } id)
            {
                var c = service.Get(user, id);
                var history = service.History(user, id);
                if (fmt == "json") ArrearsJson.WriteCase(console.Out, c, history, now);
                else PrintCase(console, c, history, now);
                return BallastCommand.Ok;
            }
            var cases = service.List(user).Where(c => (st is null || c.StatusCode == st) && (!pr.GetValue(overdue) || c.IsOverdueAt(now))).ToList();
            if (fmt == "json") ArrearsJson.WriteCases(console.Out, cases, now);
            else PrintCases(console, cases, now);
            return BallastCommand.Ok;
        }));
        return cmd;
    }

    private static Command HandleCommand(CliConsole console)
    {
        var caseId = new Argument<long>("case") { Description = "The case number" };
        var action = new Argument<string>("action") { Description = "accept, start or close" };
        var outcome = new Option<string?>("--outcome") { Description = "With close: paid, partly-paid, disputed or withdrawn" };
        var paid = new Option<string?>("--paid") { Description = "With --outcome partly-paid: the amount paid, 10,000 yuan" };
        var note = new Option<string?>("--note") { Description = "A note kept in the case's history" };
        var cmd = new Command("handle", "Move a case on: accept, start (in progress), close with an outcome. The enterprise may only close as withdrawn.")
        {
            caseId, action, outcome, paid, note,
        };
        cmd.SetAction(pr => Guarded(console, "handle", () =>
        {
            var user = Actor(pr);
            long id = pr.GetValue(caseId);
            string act = pr.GetValue(action)!;
            string? outcomeText = pr.GetValue(outcome);
            decimal? paidAmount = pr.GetValue(paid) is { } p ? ParseAmount("--paid", p) : null;
            if (act != "close" && (outcomeText is not null || paidAmount is not null))
                throw new UsageException($"--outcome and --paid go with close, not {act}");
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = Service(store, console);
            var c = act switch
            {
                "accept" => service.Accept(user, id, pr.GetValue(note)),
                "start" => service.Start(user, id, pr.GetValue(note)),
                "close" => service.Close(user, id, ParseClosure(outcomeText), paidAmount, pr.GetValue(note)),
                _ => throw new UsageException($"action \"{act}\" is not accept, start or close"),
            };
            console.Out.WriteLine(Invariant($"Case {c.Id} is now {c.StatusCode}") + (c.Closure == CaseClosure.PartlyPaid ? $" ({ArrearsCodes.Money(c.PaidAmount)} of {ArrearsCodes.Money(c.Amount)} paid)." : "."));
            return BallastCommand.Ok;
        }));
        return cmd;
    }

    private static Command EscalateCommand(CliConsole console)
    {
        var cmd = new Command("escalate", "Escalate the open cases past their handling deadline to the ministry (run daily by the ministry).");
        cmd.SetAction(pr => Guarded(console, "escalate", () =>
        {
            var user = Actor(pr);
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = Service(store, console);
            var escalated = service.Escalate(user);
            if (escalated.Count == 0)
            {
                console.Out.WriteLine("No case needed escalating.");
                return BallastCommand.Ok;
            }
            console.Out.WriteLine(Invariant($"Escalated {escalated.Count} case(s):"));
            foreach (var c in escalated)
                console.Out.WriteLine(Invariant($"  case {c.Id,6}  level {c.EscalationLevel}  province {c.Province}  {c.StatusCode,-12} deadline {Time(c.HandlingDeadline)}  {ArrearsCodes.Money(c.Amount)}  {c.DebtorName}"));
            return BallastCommand.Ok;
        }));
        return cmd;
    }

    private static ArrearsService Service(IBallastStore store, CliConsole console) => new(store, console.Clock);

    private static string Format(string text)
    {
        string fmt = text.ToLowerInvariant();
        return fmt is "text" or "json" ? fmt : throw new UsageException($"--format \"{text}\" is not text or json");
    }

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AmountGrammar();

    internal static decimal ParseAmount(string option, string text) =>
        AmountGrammar().IsMatch(text) && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal v)
            ? v
            : throw new UsageException($"{option} \"{text}\" is not an amount in 10,000 yuan (digits with an optional decimal point, e.g. 12.5; no sign, separators or exponent)");

    internal static DateOnly ParseDate(string option, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new UsageException($"{option} \"{text}\" is not a date YYYY-MM-DD");

    private static CaseClosure ParseClosure(string? text) =>
        text is null ? throw new UsageException("close needs --outcome paid, partly-paid, disputed or withdrawn")
        : ArrearsCodes.TryParseClosure(text, out var c) ? c
        : throw new UsageException($"--outcome \"{text}\" is not paid, partly-paid, disputed or withdrawn");

    internal static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static void PrintCases(CliConsole console, IReadOnlyList<ArrearsCase> cases, DateTimeOffset now)
    {
        var o = console.Out;
        if (cases.Count == 0)
        {
            o.WriteLine("No cases.");
            return;
        }
        o.WriteLine(Invariant($"{"case",6}  {"enterprise",-18}  {"prov",4}  {"debtor type",-11}  {"amount",12}  {"status",-12}  {"deadline",-20}  esc  debtor"));
        foreach (var c in cases)
        {
            string deadline = Time(c.HandlingDeadline) + (c.IsOverdueAt(now) ? "!" : "");
            o.WriteLine(Invariant($"{c.Id,6}  {c.CreditCode,-18}  {c.Province,4}  {ArrearsCodes.Code(c.DebtorType),-11}  {ArrearsCodes.Money(c.Amount),12}  {c.StatusCode,-12}  {deadline,-20}  {c.EscalationLevel,3}  {c.DebtorName}"));
        }
        o.WriteLine(Invariant($"{cases.Count} case(s); amounts in 10,000 yuan; ! past the handling deadline."));
    }

    private static void PrintCase(CliConsole console, ArrearsCase c, IReadOnlyList<ArrearsEvent> history, DateTimeOffset now)
    {
        var o = console.Out;
        o.WriteLine(Invariant($"Case {c.Id}: {c.StatusCode}{(c.IsOverdueAt(now) ? ", past its handling deadline" : "")}{(c.EscalationLevel > 0 ? $", escalated (level {c.EscalationLevel} since {Time(c.EscalatedAt!.Value)})" : "")}"));
        o.WriteLine($"  enterprise        {c.CreditCode}");
        o.WriteLine($"  debtor            {c.DebtorName} ({ArrearsCodes.Code(c.DebtorType)}), province {c.Province}");
        o.WriteLine($"  amount            {ArrearsCodes.Money(c.Amount)} (10,000 yuan)" + (c.IsClosed ? $", paid {ArrearsCodes.Money(c.PaidAmount)}" : ""));
        o.WriteLine($"  contract / due    {ArrearsCodes.Date(c.ContractDate)} / {ArrearsCodes.Date(c.DueDate)}");
        o.WriteLine($"  registered        {Time(c.RegisteredAt)}; handling deadline {Time(c.HandlingDeadline)}");
        o.WriteLine("  history:");
        foreach (var e in history)
            o.WriteLine(Invariant($"    {Time(e.At)}  {e.ActorName} ({ArrearsCodes.Code(e.ActorRole)})  {e.Action}: {e.Detail}"));
    }
}
