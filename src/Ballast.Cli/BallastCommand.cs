using System.CommandLine;
using Ballast.Core.Storage;

namespace Ballast.Cli;

/// <summary>The <c>ballast</c> command: exit codes 0 done, 1 rejected or failed, 2 usage.</summary>
public static class BallastCommand
{
    public const int Ok = 0;
    public const int Rejected = 1;
    public const int Usage = 2;
    public const int Interrupted = 130;

    /// <summary>--db on every command: a SQLite file path or a PostgreSQL URL / connection string.</summary>
    internal static readonly Option<string?> Db = new("--db")
    {
        Description = "The store: a SQLite file (default ./ballast.db, or $BALLAST_DB) or a PostgreSQL URL " +
                      "(postgres://user:password@host:port/database) or Npgsql connection string (Host=…;…)",
        Recursive = true,
    };

    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, TimeProvider? clock = null)
    {
        var console = new CliConsole(stdout ?? Console.Out, stderr ?? Console.Error, clock ?? TimeProvider.System);
        var root = new RootCommand("Ballast: monthly statistics of industrial enterprises above designated size — " +
                                   "import reports, compute the release, keep watch.");
        root.Options.Add(Db);
        root.Subcommands.Add(MainJob.Command(console, serve: true));
        root.Subcommands.Add(MainJob.Command(console, serve: false));
        root.Subcommands.Add(ImportCommand.Command(console));
        root.Subcommands.Add(ExportCommand.Command(console));
        root.Subcommands.Add(StatusCommand.Command(console));
        root.Subcommands.Add(ReleaseCommand.Command(console));
        root.Subcommands.Add(WarningsCommand.Command(console));
        root.Subcommands.Add(BenchCommand.Command(console));
        root.Subcommands.Add(SaCommand.Command(console));
        root.Subcommands.Add(ForecastCommand.Command(console));
        root.Subcommands.Add(ServeCommand.Command(console));
        root.Subcommands.Add(UsersCommand.Command(console));
        root.Subcommands.Add(ArrearsCommand.Command(console));
        root.Subcommands.Add(ProgramsCommand.Command(console));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) console.Error.WriteLine("ballast: " + e.Message);
            console.Error.WriteLine("Try 'ballast --help'.");
            return Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (StoreException e)
        {
            console.Error.WriteLine("ballast: " + e.Message);
            return Rejected;
        }
        catch (UsageException e)
        {
            console.Error.WriteLine("ballast: " + e.Message);
            return Usage;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the work in progress was rolled back and said so; 130 is the shell's code for an interrupt.
            return Interrupted;
        }
    }
}

/// <summary>A mistake in how the command was called (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Where a command writes, and the clock it reads: injectable for tests.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TimeProvider Clock)
{
    /// <summary>True when standard error is a terminal, so progress bars can redraw in place.</summary>
    public bool Interactive => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;
}
