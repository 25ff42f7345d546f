using System.Diagnostics;
using Ballast.Cli;

namespace Ballast.Tests.Cli;

internal sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the <c>ballast</c> command in-process (or as a real child process) and captures what it prints.</summary>
internal static class CliRunner
{
    /// <summary>The clock of the tests: 2026-01-15 in Shanghai, after the demo population's last month (2025-12).</summary>
    public static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 1, 15, 4, 0, 0, TimeSpan.Zero));

    public static CliResult Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = BallastCommand.Run(args, stdout, stderr, Clock);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts <c>ballast</c> as a separate process (for tests that kill it).</summary>
    public static Process Start(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ballast.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (SigintIgnored())
        {
            // A test run started in the background of a non-interactive shell ignores SIGINT, and children inherit
            // that (ballast then rightly keeps ignoring it, as background jobs must). The Ctrl+C tests need the
            // interactive default: perl (Debian's essential perl-base) restores it and execs dotnet.
            psi = new ProcessStartInfo("perl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])["-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\";", "dotnet"]) psi.ArgumentList.Add(a);
        }
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start ballast");
    }

    /// <summary>True when this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), as children would.</summary>
    private static bool SigintIgnored()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return false;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
