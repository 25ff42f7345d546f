using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ballast.Core.Arrears;
using Ballast.Core.Classifications;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using static System.FormattableString;

namespace Ballast.Cli;

internal static partial class ArrearsCommand
{
    private static Command StatsCommand(CliConsole console)
    {
        var format = new Option<string>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        var cmd = new Command("stats", "Cases and amounts registered, cleared and outstanding, by debtor type and by province (of the cases you may see).") { format };
        cmd.SetAction(pr => Guarded(console, "stats", () =>
        {
            var user = Actor(pr);
            string fmt = Format(pr.GetValue(format)!);
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var stats = Service(store, console).Statistics(user);
            if (fmt == "json") ArrearsJson.WriteStatistics(console.Out, stats);
            else PrintStatistics(console, stats);
            return BallastCommand.Ok;
        }));
        return cmd;
    }

    private static Command CheckCommand(CliConsole console)
    {
        var period = new Option<string?>("--period") { Description = "One month, YYYY-MM (default: every reported month for the warnings, the latest month for the provinces' table)" };
        var format = new Option<string>("--format") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        var cmd = new Command("check", "The link to the monthly reports: SMEs whose open cases exceed the overdue receivables they reported, and each province's cleared amounts beside the change in its SMEs' overdue receivables.")
        {
            period, format,
        };
        cmd.SetAction(pr => Guarded(console, "check", () =>
        {
            var user = Actor(pr);
            string fmt = Format(pr.GetValue(format)!);
            YearMonth? month = pr.GetValue(period) is { } text
                ? YearMonth.TryParse(text, out var m) ? m : throw new UsageException($"--period \"{text}\" is not a month YYYY-MM")
                : null;
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var service = Service(store, console);
            var warnings = service.CheckReports(user, month);
            var tableMonth = month ?? (store.Summary().LastPeriod is { } last ? YearMonth.Parse(last) : null);
            IReadOnlyList<ProvinceClearing> provinces = user.Role == UserRole.Enterprise || tableMonth is null
                ? [] : service.ClearedBesideReceivables(user, tableMonth.Value, store.Enterprises());
            if (fmt == "json") ArrearsJson.WriteCheck(console.Out, warnings, provinces);
            else PrintCheck(console, warnings, provinces);
            return BallastCommand.Ok;
        }));
        return cmd;
    }

    private static void PrintStatistics(CliConsole console, ArrearsStatistics s)
    {
        var o = console.Out;
        o.WriteLine($"Arrears cases as of {Time(s.AsOf)} (amounts in 10,000 yuan)");
        o.WriteLine(Invariant($"  {"",-26}{"cases",7}{"open",7}{"overdue",8}{"escal.",7}{"registered",14}{"cleared",14}{"outstanding",14}{"closed unpaid",14}"));
        void Row(string label, ArrearsTally t) =>
            o.WriteLine(Invariant($"  {label,-26}{t.Cases,7}{t.OpenCases,7}{t.OverdueCases,8}{t.EscalatedCases,7}{ArrearsCodes.Money(t.Registered),14}{ArrearsCodes.Money(t.Cleared),14}{ArrearsCodes.Money(t.Outstanding),14}{ArrearsCodes.Money(t.ClosedUnpaid),14}"));
        Row("total", s.Total);
        o.WriteLine("  by debtor type");
        foreach (var (type, t) in s.ByDebtorType) Row("  " + ArrearsCodes.Code(type), t);
        o.WriteLine("  by province (handling)");
        foreach (var (p, t) in s.ByProvince)
            Row("  " + p + " " + (Classification.Default.ProvinceByCode.TryGetValue(p, out var prov) ? prov.NameEn : ""), t);
        o.WriteLine("  by status: " + string.Join(", ", s.Total.ByStatus.Select(kv => Invariant($"{kv.Key} {kv.Value}"))));
    }

    private static void PrintCheck(CliConsole console, IReadOnlyList<ArrearsLinkWarning> warnings, IReadOnlyList<ProvinceClearing> provinces)
    {
        var o = console.Out;
        if (warnings.Count == 0) o.WriteLine("No SME's open cases exceed the overdue receivables it reported.");
        else
        {
            o.WriteLine(Invariant($"Review warnings ({ArrearsLinkWarning.Code}): {warnings.Count}; amounts in 10,000 yuan"));
            o.WriteLine(Invariant($"  {"enterprise",-18}  {"month",-7}  {"outstanding",12}  {"reported",12}  cases  name"));
            foreach (var w in warnings)
                o.WriteLine(Invariant($"  {w.CreditCode,-18}  {w.Period,-7}  {ArrearsCodes.Money(w.Outstanding),12}  {w.Reported.ToString("0.######", CultureInfo.InvariantCulture),12}  {w.OpenCases,5}  {w.EnterpriseName}"));
        }
        if (provinces.Count == 0) return;
        o.WriteLine();
        o.WriteLine(Invariant($"Cleared through cases beside the change in SMEs' overdue receivables, {provinces[0].Period} (SMEs reporting both months; 10,000 yuan)"));
        o.WriteLine(Invariant($"  {"province",-22}{"cases",7}{"cleared",14}{"SMEs",8}{"overdue before",16}{"overdue now",16}{"change",14}"));
        foreach (var p in provinces)
        {
            string name = Classification.Default.ProvinceByCode.TryGetValue(p.Province, out var prov) ? prov.NameEn : "";
            o.WriteLine(Invariant($"  {p.Province + " " + name,-22}{p.CasesCleared,7}{ArrearsCodes.Money(p.Cleared),14}{p.MatchedSmes,8}{p.OverdueBefore,16:0.00}{p.OverdueNow,16:0.00}{p.OverdueChange,14:+0.00;-0.00;0.00}"));
        }
    }
}

/// <summary>The JSON of the arrears commands (the API will serve the same shapes).</summary>
internal static class ArrearsJson
{
    private static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var ms = new MemoryStream();
        using (var json = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
            body(json);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }

    // Amounts read back from the store carry six decimals (whole fen); JSON shows them without trailing zeros.
    private static decimal Amount(decimal d) => decimal.Parse(d.ToString("0.######", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static void Case(Utf8JsonWriter j, ArrearsCase c, DateTimeOffset now)
    {
        j.WriteNumber("id", c.Id);
        j.WriteString("credit_code", c.CreditCode);
        j.WriteString("debtor_name", c.DebtorName);
        j.WriteString("debtor_type", ArrearsCodes.Code(c.DebtorType));
        j.WriteString("province", c.Province);
        j.WriteNumber("amount", Amount(c.Amount));
        j.WriteString("contract_date", ArrearsCodes.Date(c.ContractDate));
        j.WriteString("due_date", ArrearsCodes.Date(c.DueDate));
        j.WriteString("registered_at", c.RegisteredAt);
        j.WriteString("handling_deadline", c.HandlingDeadline);
        j.WriteString("status", c.StatusCode);
        j.WriteNumber("paid", Amount(c.PaidAmount));
        if (c.ClosedAt is { } closed) j.WriteString("closed_at", closed); else j.WriteNull("closed_at");
        j.WriteBoolean("overdue", c.IsOverdueAt(now));
        j.WriteNumber("escalation_level", c.EscalationLevel);
        if (c.EscalatedAt is { } esc) j.WriteString("escalated_at", esc); else j.WriteNull("escalated_at");
    }

    public static void WriteCases(TextWriter output, IReadOnlyList<ArrearsCase> cases, DateTimeOffset now) => Write(output, j =>
    {
        j.WriteStartArray();
        foreach (var c in cases)
        {
            j.WriteStartObject();
            Case(j, c, now);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    });

    public static void WriteCase(TextWriter output, ArrearsCase c, IReadOnlyList<ArrearsEvent> history, DateTimeOffset now) => Write(output, j =>
    {
        j.WriteStartObject();
        Case(j, c, now);
        j.WriteStartArray("history");
        foreach (var e in history)
        {
            j.WriteStartObject();
            j.WriteNumber("seq", e.Seq);
            j.WriteString("at", e.At);
            j.WriteString("user", e.ActorName);
            j.WriteString("role", ArrearsCodes.Code(e.ActorRole));
            j.WriteString("action", e.Action);
            if (e.FromState is { } f) j.WriteString("from", ArrearsCodes.Code(f)); else j.WriteNull("from");
            j.WriteString("to", ArrearsCodes.Code(e.ToState));
            j.WriteString("detail", e.Detail);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    });

    private static void Tally(Utf8JsonWriter j, ArrearsTally t)
    {
        j.WriteNumber("cases", t.Cases);
        j.WriteNumber("open", t.OpenCases);
        j.WriteNumber("overdue", t.OverdueCases);
        j.WriteNumber("escalated", t.EscalatedCases);
        j.WriteNumber("registered", Amount(t.Registered));
        j.WriteNumber("cleared", Amount(t.Cleared));
        j.WriteNumber("outstanding", Amount(t.Outstanding));
        j.WriteNumber("closed_unpaid", Amount(t.ClosedUnpaid));
        j.WriteStartObject("by_status");
        foreach (var (s, n) in t.ByStatus) j.WriteNumber(s, n);
        j.WriteEndObject();
    }

    public static void WriteStatistics(TextWriter output, ArrearsStatistics s) => Write(output, j =>
    {
        j.WriteStartObject();
        j.WriteString("as_of", s.AsOf);
        j.WriteStartObject("total");
        Tally(j, s.Total);
        j.WriteEndObject();
        j.WriteStartObject("by_debtor_type");
        foreach (var (type, t) in s.ByDebtorType)
        {
            j.WriteStartObject(ArrearsCodes.Code(type));
            Tally(j, t);
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteStartObject("by_province");
        foreach (var (p, t) in s.ByProvince)
        {
            j.WriteStartObject(p);
            Tally(j, t);
            j.WriteStartObject("by_debtor_type");
            foreach (var type in ArrearsCodes.DebtorTypes)
            {
                j.WriteStartObject(ArrearsCodes.Code(type));
                Tally(j, s.ByProvinceAndDebtorType[(p, type)]);
                j.WriteEndObject();
            }
            j.WriteEndObject();
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteEndObject();
    });

    public static void WriteCheck(TextWriter output, IReadOnlyList<ArrearsLinkWarning> warnings, IReadOnlyList<ProvinceClearing> provinces) => Write(output, j =>
    {
        j.WriteStartObject();
        j.WriteStartArray("warnings");
        foreach (var w in warnings)
        {
            j.WriteStartObject();
            j.WriteString("code", ArrearsLinkWarning.Code);
            j.WriteString("credit_code", w.CreditCode);
            j.WriteString("name", w.EnterpriseName);
            j.WriteString("period", w.Period.ToString());
            j.WriteNumber("outstanding", Amount(w.Outstanding));
            j.WriteNumber("reported", w.Reported);
            j.WriteNumber("open_cases", w.OpenCases);
            j.WriteString("message", w.Message);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("provinces");
        foreach (var p in provinces)
        {
            j.WriteStartObject();
            j.WriteString("province", p.Province);
            j.WriteString("period", p.Period.ToString());
            j.WriteNumber("cases_cleared", p.CasesCleared);
            j.WriteNumber("cleared", Amount(p.Cleared));
            j.WriteNumber("matched_smes", p.MatchedSmes);
            j.WriteNumber("overdue_before", p.OverdueBefore);
            j.WriteNumber("overdue_now", p.OverdueNow);
            j.WriteNumber("overdue_change", p.OverdueChange);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    });
}
