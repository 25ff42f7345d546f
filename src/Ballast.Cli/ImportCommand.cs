using System.CommandLine;
using Ballast.Core.Files;
using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Import;
using Ballast.Core.Storage;

namespace Ballast.Cli;

internal static class ImportCommand
{
    public static Command Command(CliConsole console)
    {
        var files = new Argument<string[]>("FILE") { Description = "CSV or XLSX files (any of the five kinds)", Arity = ArgumentArity.OneOrMore };
        var kind = new Option<string?>("--kind") { Description = "The kind of every file, instead of recognising it from its columns: enterprises, reports, products, ppi, va_rates" };
        var encoding = new Option<string?>("--encoding") { Description = "utf-8 (default) or gb18030" };
        var user = new Option<string?>("--user") { Description = "Who imports, for the import log (default: the login name)" };
        var cmd = new Command("import", "Import files in one transaction: either every file is stored or none is. Exit 0 stored, 1 rejected, 2 usage.")
        {
            files, kind, encoding, user,
        };
        cmd.SetAction(pr =>
        {
            FileKind? k = null;
            if (pr.GetValue(kind) is { } kindText)
            {
                if (!FileKinds.TryParse(kindText, out var parsed))
                    throw new UsageException($"--kind \"{kindText}\" is not one of enterprises, reports, products, ppi, va_rates");
                k = parsed;
            }
            var enc = pr.GetValue(encoding)?.ToUpperInvariant() switch
            {
                null or "UTF-8" or "UTF8" => FileEncoding.Utf8,
                "GB18030" => FileEncoding.Gb18030,
                var other => throw new UsageException($"--encoding \"{other}\" is not supported; use utf-8 or gb18030"),
            };
            var requests = pr.GetValue(files)!.Select(f => new ImportRequest(f, k)).ToList();
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var outcome = Run(console, store, requests, new ImportOptions(enc, console.Clock), pr.GetValue(user) ?? Environment.UserName);
            return outcome.Accepted ? BallastCommand.Ok : BallastCommand.Rejected;
        });
        return cmd;
    }

    internal static ImportOutcome Run(CliConsole console, IBallastStore store, IReadOnlyList<ImportRequest> requests, ImportOptions options, string user)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var outcome = ProgressDisplay.Run(console, "Importing",
                progress => ImportService.Import(store, requests, options, user, progress, cancel.Token));
            Report(console, outcome, store.Description);
            return outcome;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("Import cancelled: nothing was stored.");
            throw;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    internal static void Report(CliConsole console, ImportOutcome outcome, string storeDescription)
    {
        if (!outcome.Accepted)
        {
            foreach (var e in outcome.Errors) console.Error.WriteLine(e.ToString());
            if (outcome.ErrorCount > outcome.Errors.Count)
                console.Error.WriteLine($"and {outcome.ErrorCount - outcome.Errors.Count:N0} more errors");
            console.Error.WriteLine($"Rejected: {outcome.ErrorCount:N0} error(s); nothing was stored in {storeDescription}.");
            return;
        }
        var rows = string.Join(", ", outcome.Rows.Where(r => r.Value > 0).OrderBy(r => r.Key)
            .Select(r => $"{FileKinds.Name(r.Key)} {r.Value:N0}" +
                         (outcome.Revisions.TryGetValue(r.Key, out var rev) && rev > 0 ? $" ({rev:N0} revised)" : "")));
        console.Out.WriteLine($"Stored in {storeDescription}: {(rows.Length == 0 ? "no rows" : rows)} in {outcome.Duration.TotalSeconds:F1} s.");
        if (outcome.Warnings.Count > 0)
        {
            console.Out.WriteLine($"{outcome.Warnings.Count:N0} warning(s), stored with the import:");
            foreach (var group in outcome.Warnings.GroupBy(w => w.Code).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                console.Out.WriteLine($"  {group.Key}: {group.Count():N0}");
                foreach (var w in group.Take(3)) console.Out.WriteLine("    " + w);
            }
        }
    }
}
