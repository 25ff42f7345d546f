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
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start ballast");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
