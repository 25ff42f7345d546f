using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ballast.Core.Releases;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Cli;

/// <summary>
/// <c>ballast release sa</c>: the seasonally adjusted month-on-month growth of value added (va_sa_mom) of the
/// release's cells, computed once per data version and kept as a vintage; <c>--revisions</c> shows how one cell's
/// figures changed across the stored vintages.
/// </summary>
internal static class ReleaseSaCommand
{
    public static Command Command(CliConsole console)
    {
        var period = new Option<string?>("--period") { Description = "The release month, YYYY-MM (default: the latest month with reports)" };
        var breakdown = new Option<string?>("--breakdown") { Description = "Only this breakdown: total, section, division, province, hightech or equipment" };
        var format = new Option<string>("--format") { Description = "text (default), csv or json", DefaultValueFactory = _ => "text" };
        var history = new Option<bool>("--history") { Description = "Every month of the vintage, not only the release month" };
        var cell = new Option<string?>("--cell") { Description = "Only this cell, BREAKDOWN/CELL (e.g. total/ALL, province/44); with --revisions, the cell whose revisions to show" };
        var revisions = new Option<bool>("--revisions") { Description = "Show how the cell's va_sa_mom changed across the stored vintages (needs --cell)" };
        var months = new Option<int>("--months") { Description = "With --revisions: the last N months (default 12)", DefaultValueFactory = _ => 12 };
        var confidential = new Option<bool>("--confidential") { Description = "Values of confidential cells too (flags C kept): local operator only, never to publish" };
        var targetRisk = new Option<bool>("--target-risk") { Description = "Instead: the probability that the national December year-to-date growth ends below --target, simulated from the regARIMA model of the national volume index" };
        var targetValue = new Option<double>("--target") { Description = "With --target-risk: the year's growth target in percent (default 5)", DefaultValueFactory = _ => 5.0 };
        var cmd = new Command("sa", "Seasonally adjusted month-on-month growth (va_sa_mom) of the release cells, stored as a vintage; --revisions shows a cell's revisions.")
        {
            period, breakdown, format, history, cell, revisions, months, confidential, targetRisk, targetValue,
        };
        cmd.SetAction(pr =>
        {
            var fmt = pr.GetValue(format)!.ToLowerInvariant();
            if (fmt is not ("text" or "csv" or "json")) throw new UsageException($"--format \"{fmt}\" is not text, csv or json");
            var only = pr.GetValue(breakdown);
            if (only is not null && !VolumeIndex.Breakdowns.Contains(only, StringComparer.Ordinal))
                throw new UsageException($"--breakdown \"{only}\" has no seasonally adjusted figures: use one of {string.Join(", ", VolumeIndex.Breakdowns)}");
            (string Breakdown, string Cell)? target = null;
            if (pr.GetValue(cell) is { } cellText)
            {
                int slash = cellText.IndexOf('/', StringComparison.Ordinal);
                if (slash <= 0 || slash == cellText.Length - 1)
                    throw new UsageException($"--cell \"{cellText}\" is not BREAKDOWN/CELL, e.g. total/ALL or province/44");
                target = (cellText[..slash], cellText[(slash + 1)..]);
                if (!VolumeIndex.Breakdowns.Contains(target.Value.Breakdown, StringComparer.Ordinal))
                    throw new UsageException($"--cell \"{cellText}\": breakdown {target.Value.Breakdown} has no seasonally adjusted figures; use one of {string.Join(", ", VolumeIndex.Breakdowns)}");
            }
            bool showRevisions = pr.GetValue(revisions);
            if (showRevisions && target is null) throw new UsageException("--revisions needs --cell BREAKDOWN/CELL, e.g. --cell total/ALL");
            if (pr.GetValue(months) < 1) throw new UsageException("--months must be at least 1");
            var view = pr.GetValue(confidential) ? ReleaseView.Confidential : ReleaseView.Published;
            if (view == ReleaseView.Confidential)
                console.Error.WriteLine("CONFIDENTIAL: this output holds the values of confidential cells (flag C). It must not leave the statistics office.");

            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var month = ReleaseCommand.ResolvePeriod(store, pr.GetValue(period));
            if (pr.GetValue(targetRisk)) return PrintTargetRisk(console, store, month, pr.GetValue(targetValue), fmt);
            var vintage = Vintage(console, store, month);
            if (vintage is null) return BallastCommand.Rejected;
            if (showRevisions)
            {
                var (b, c) = target!.Value;
                var from = month.AddMonths(1 - pr.GetValue(months));
                var estimates = SeasonallyAdjustedService.Revisions(store, b, c, view, from);
                if (estimates.Count == 0) throw new UsageException($"no vintage holds cell {b}/{c}: it has no report, or its code is wrong");
                WriteRevisions(console, b, c, estimates, fmt);
                return BallastCommand.Ok;
            }
            var rows = vintage.View(view)
                .Where(r => only is null || r.Breakdown == only)
                .Where(r => target is null || (r.Breakdown == target.Value.Breakdown && r.Cell == target.Value.Cell))
                .Where(r => pr.GetValue(history) || r.Period == month.ToString())
                .ToArray();
            WriteFigures(console, vintage, rows, fmt);
            return BallastCommand.Ok;
        });
        return cmd;
    }

    /// <summary>The vintage of the month at the current data version, computing it when not stored; null when refused.</summary>
    internal static SaVintage? Vintage(CliConsole console, IBallastStore store, YearMonth month,
        ReleasePopulation? population = null, MonthlyRelease? release = null)
    {
        var vintage = SeasonallyAdjustedService.ComputeOrLoad(store, month, Environment.UserName, console.Clock.GetUtcNow(), out var errors, population, release);
        if (vintage is null)
        {
            foreach (var e in errors) console.Error.WriteLine($"ballast: release sa {month}: {e}");
            return null;
        }
        var h = vintage.Header;
        console.Error.WriteLine(vintage.Computed
            ? string.Create(CultureInfo.InvariantCulture, $"Seasonally adjusted figures for {month} computed in {vintage.Elapsed.TotalSeconds:F1} s (reading the store {vintage.LoadElapsed.TotalSeconds:F1} s, {vintage.Notes.Count} series adjusted on {Environment.ProcessorCount} cores) and stored as vintage #{h.Id} (data version {h.DataVersion}).")
            : $"Seasonally adjusted figures for {month}: vintage #{h.Id} (data version {h.DataVersion}, computed {h.ComputedAt:yyyy-MM-dd HH:mm} by {h.User}).");
        return vintage;
    }

    /// <summary>The main job's line: the national va_sa_mom of the release month (computed and stored as a vintage).</summary>
    internal static void PrintNational(CliConsole console, IBallastStore store, YearMonth month, ReleasePopulation population, MonthlyRelease release)
    {
        var vintage = Vintage(console, store, month, population, release);
        var row = vintage?.View(ReleaseView.Published).FirstOrDefault(r =>
            r.Breakdown == ReleaseBreakdowns.Total && r.Cell == ReleaseBreakdowns.All && r.Period == month.ToString());
        if (row is null) return;
        console.Out.WriteLine(row.Value is double v
            ? string.Create(CultureInfo.InvariantCulture, $"Seasonally adjusted, value added grew {v:0.00} % on the previous month (va_sa_mom, national; `ballast release sa`).")
            : $"Seasonally adjusted month-on-month growth (national): no figure ({(row.Flag == "C" ? "confidential" : "not computable")}; `ballast release sa --history` says why).");
    }

    private static int PrintTargetRisk(CliConsole console, IBallastStore store, YearMonth month, double target, string format)
    {
        if (!double.IsFinite(target)) throw new UsageException("--target must be a number of percent, e.g. 5");
        var population = ReleaseService.LoadPopulation(store);
        Statistics.Warnings.TargetRiskResult r;
        try
        {
            r = SeasonallyAdjustedService.AssessTargetRisk(population, month, new Statistics.Warnings.TargetRiskOptions { Target = target });
        }
        catch (InvalidOperationException e)
        {
            console.Error.WriteLine("ballast: " + e.Message);
            return BallastCommand.Rejected;
        }
        var o = console.Out;
        if (format == "json")
        {
            o.WriteLine(JsonSerializer.Serialize(new
            {
                period = r.Period.ToString(), target = r.Target, probability = r.Probability, mean = r.Mean, low = r.Low, high = r.High,
                known = r.Known, paths = r.Paths, model = r.Model,
            }));
            return BallastCommand.Ok;
        }
        if (format == "csv")
        {
            o.WriteLine("period,target,probability,mean,low90,high90,known,paths,model");
            o.WriteLine(string.Join(',', r.Period.ToString(), Number(r.Target, "R"), Number(r.Probability, "R"), Number(r.Mean, "R"), Number(r.Low, "R"),
                Number(r.High, "R"), r.Known ? "true" : "false", r.Paths.ToString(CultureInfo.InvariantCulture), r.Model));
            return BallastCommand.Ok;
        }
        o.WriteLine(r.Known
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Period.Year} is complete: the national year-to-date growth of the volume index is {r.Mean:0.00} %, {(r.Probability == 1 ? "below" : "not below")} the target of {r.Target:0.##} %.")
            : string.Create(CultureInfo.InvariantCulture,
                $"Target risk at {r.Period}: probability {r.Probability:0.000} that the national growth of {r.Period.Year} ends below {r.Target:0.##} %; simulated December year-to-date growth {r.Mean:0.00} % (90 % interval {r.Low:0.00} to {r.High:0.00}), {r.Paths:N0} paths of the model {r.Model}."));
        return BallastCommand.Ok;
    }

    private static string Number(double? v, string format) => v is double x ? x.ToString(format, CultureInfo.InvariantCulture) : "";

    private static void WriteFigures(CliConsole console, SaVintage vintage, IReadOnlyList<StoredSaRow> rows, string format)
    {
        var o = console.Out;
        switch (format)
        {
            case "csv":
                o.WriteLine("period,breakdown,cell,measure,value,flag");
                foreach (var r in rows)
                    o.WriteLine(string.Join(',', r.Period, r.Breakdown, r.Cell, SeasonallyAdjustedRelease.Measure, Number(r.Value, "R"), r.Flag));
                return;
            case "json":
                using (var ms = new MemoryStream())
                {
                    using (var json = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
                    {
                        json.WriteStartArray();
                        foreach (var r in rows)
                        {
                            json.WriteStartObject();
                            json.WriteString("period", r.Period);
                            json.WriteString("breakdown", r.Breakdown);
                            json.WriteString("cell", r.Cell);
                            json.WriteString("measure", SeasonallyAdjustedRelease.Measure);
                            if (r.Value is double v) json.WriteNumber("value", v); else json.WriteNull("value");
                            json.WriteString("flag", r.Flag);
                            json.WriteNumber("vintage", vintage.Header.Id);
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                    }
                    o.WriteLine(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
                }
                return;
        }
        o.WriteLine($"Seasonally adjusted month-on-month growth of value added (va_sa_mom, %), vintage #{vintage.Header.Id} of {vintage.Header.Period}:");
        o.WriteLine($"{"period",-8} {"breakdown",-10} {"cell",-5} {"va_sa_mom",10} flag");
        foreach (var r in rows)
            o.WriteLine($"{r.Period,-8} {r.Breakdown,-10} {r.Cell,-5} {Number(r.Value, "0.00"),10} {r.Flag}");
        var cells = rows.Select(r => (r.Breakdown, r.Cell)).ToHashSet();
        var notAdjusted = vintage.Notes.Where(n => n.Status != "adjusted" && cells.Contains((n.Breakdown, n.Cell))).ToArray();
        if (notAdjusted.Length > 0)
        {
            o.WriteLine("Segments without seasonally adjusted figures:");
            foreach (var n in notAdjusted) o.WriteLine($"  {n.Breakdown}/{n.Cell} {n.FirstMonth}..{n.LastMonth}: {n.Note}");
        }
        o.WriteLine("C: confidential cell; E: no figure (no matched pair, the first month of a segment, or a segment too short to adjust).");
    }

    private static void WriteRevisions(CliConsole console, string breakdown, string cell, IReadOnlyList<SaMonthRevision> history, string format)
    {
        var o = console.Out;
        switch (format)
        {
            case "csv":
                o.WriteLine("breakdown,cell,period,vintage,vintage_period,data_version,value,flag");
                foreach (var m in history)
                    foreach (var e in m.Estimates)
                        o.WriteLine(string.Join(',', breakdown, cell, m.Period, e.VintageId.ToString(CultureInfo.InvariantCulture), e.VintagePeriod,
                            e.DataVersion.ToString(CultureInfo.InvariantCulture), Number(e.Value, "R"), e.Flag));
                return;
            case "json":
                using (var ms = new MemoryStream())
                {
                    using (var json = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
                    {
                        json.WriteStartArray();
                        foreach (var m in history)
                        {
                            json.WriteStartObject();
                            json.WriteString("breakdown", breakdown);
                            json.WriteString("cell", cell);
                            json.WriteString("period", m.Period);
                            if (m.Revision is double rev) json.WriteNumber("revision", rev); else json.WriteNull("revision");
                            json.WriteStartArray("estimates");
                            foreach (var e in m.Estimates)
                            {
                                json.WriteStartObject();
                                json.WriteNumber("vintage", e.VintageId);
                                json.WriteString("vintage_period", e.VintagePeriod);
                                json.WriteNumber("data_version", e.DataVersion);
                                if (e.Value is double v) json.WriteNumber("value", v); else json.WriteNull("value");
                                json.WriteString("flag", e.Flag);
                                json.WriteEndObject();
                            }
                            json.WriteEndArray();
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                    }
                    o.WriteLine(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
                }
                return;
        }
        o.WriteLine($"Revisions of va_sa_mom (%) of {breakdown}/{cell}: first and latest estimate of each month, then every vintage (release period:value).");
        o.WriteLine($"{"period",-8} {"first",8} {"latest",8} {"revision",9}  estimates");
        foreach (var m in history)
        {
            string estimates = string.Join("  ", m.Estimates.Select(e => $"{e.VintagePeriod}:{(e.Value is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : e.Flag)}"));
            o.WriteLine($"{m.Period,-8} {Number(m.First.Value, "0.00"),8} {Number(m.Latest.Value, "0.00"),8} {Number(m.Revision, "+0.00;-0.00;0.00"),9}  {estimates}");
        }
    }
}
