using System.CommandLine;
using System.Globalization;
using Ballast.Core.Storage;

namespace Ballast.Cli;

internal static class StatusCommand
{
    public static Command Command(CliConsole console)
    {
        var warnings = new Option<long?>("--warnings") { Description = "List every warning stored with this import" };
        var cmd = new Command("status", "What the store holds and the latest imports.") { warnings };
        cmd.SetAction(pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            if (pr.GetValue(warnings) is { } id)
            {
                foreach (var w in store.ImportWarnings(id)) console.Out.WriteLine(w.ToString());
                return BallastCommand.Ok;
            }
            Print(console, store);
            return BallastCommand.Ok;
        });
        return cmd;
    }

    internal static void Print(CliConsole console, IBallastStore store)
    {
        var s = store.Summary();
        var o = console.Out;
        o.WriteLine($"Store: {store.Description} (schema version {store.SchemaVersion})");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  enterprises        {s.Enterprises,14:N0}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  monthly reports    {s.Reports,14:N0}   {s.FirstPeriod ?? "-"} to {s.LastPeriod ?? "-"}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  product rows       {s.Products,14:N0}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  PPI entries        {s.PpiEntries,14:N0}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  value-added rates  {s.VaRates,14:N0}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  revisions kept     {s.Revisions,14:N0}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  imports            {s.Imports,14:N0}"));
        foreach (var i in store.Imports().Take(5))
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    #{i.Id} {i.StartedAt:yyyy-MM-dd HH:mm} {i.User}: {(i.Accepted ? "stored" : "rejected")}, {i.Rows:N0} rows, {i.Revisions:N0} revised, {i.Warnings:N0} warnings, {i.Errors:N0} errors, {i.Duration.TotalSeconds:F1} s"));
    }
}
