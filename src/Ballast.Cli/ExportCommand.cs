using System.CommandLine;
using Ballast.Core.Files;
using Ballast.Core.Reporting;
using Ballast.Core.Storage;

namespace Ballast.Cli;

internal static class ExportCommand
{
    public static Command Command(CliConsole console)
    {
        var table = new Argument<string>("TABLE") { Description = "enterprises, reports, products, ppi or va_rates" };
        var output = new Option<string?>("--out") { Description = "The file to write (default: standard output)" };
        var cmd = new Command("export", "Write a stored table back in its import format (CSV, sorted by key).") { table, output };
        cmd.SetAction(pr =>
        {
            var name = pr.GetValue(table)!;
            if (!FileKinds.TryParse(name, out var kind))
                throw new UsageException($"\"{name}\" is not a table; use enterprises, reports, products, ppi or va_rates");
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var path = pr.GetValue(output);
            if (path is null)
            {
                using var csv = new CsvWriter(console.Out);
                long n = TableExport.Write(store, kind, csv);
                csv.Flush();
                return BallastCommand.Ok;
            }
            // Write beside the target and rename, so an interrupted export never leaves half a file.
            var tmp = path + ".partial";
            long rows;
            using (var stream = File.Create(tmp))
            using (var csv = new CsvWriter(stream))
                rows = TableExport.Write(store, kind, csv);
            File.Move(tmp, path, overwrite: true);
            console.Error.WriteLine($"Wrote {rows:N0} {FileKinds.Name(kind)} rows to {path}.");
            return BallastCommand.Ok;
        });
        return cmd;
    }
}
