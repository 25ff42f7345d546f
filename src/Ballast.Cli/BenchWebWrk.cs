using System.Diagnostics;
using System.Globalization;

namespace Ballast.Cli;

/// <summary>
/// The latency part of <c>bench web</c> with wrk (Debian's package) as the load generator: a C program that costs the
/// shared cores far less than the .NET generator, so the server gets more of them. wrk keeps its connections busy
/// (each sends its next request when the answer has arrived) and records each request's latency in microseconds;
/// a Lua <c>done</c> callback prints the figures in one line that <see cref="Parse"/> reads.
/// </summary>
internal static class BenchWebWrk
{
    private const string Marker = "BALLAST-WRK";

    /// <summary>wrk's path when it is on the PATH, else null.</summary>
    public static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, "wrk");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Loads <paramref name="baseUrl"/> + <paramref name="path"/> with GETs for <paramref name="duration"/>.</summary>
    public static BenchWebCommand.Measurement Load(string wrk, string baseUrl, string path, string? token, int connections, TimeSpan duration)
    {
        string script = Path.Combine(Path.GetTempPath(), "ballast-wrk-" + Guid.NewGuid().ToString("N") + ".lua");
        File.WriteAllText(script, Script(token));
        try
        {
            var psi = new ProcessStartInfo(wrk) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            // Two threads: one per core, as the machine has; every connection is kept alive.
            foreach (var a in new[]
                     {
                         "-t", Math.Min(2, connections).ToString(CultureInfo.InvariantCulture),
                         "-c", connections.ToString(CultureInfo.InvariantCulture),
                         "-d", Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s",
                         "--timeout", "30s", "-s", script, baseUrl + path,
                     })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + wrk);
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"wrk ended with exit code {p.ExitCode}: {stderr.Result.Trim()}");
            return Parse(stdout);
        }
        finally
        {
            File.Delete(script); // it holds the API token
        }
    }

    /// <summary>The Lua script: the bearer token when signed in, and the one-line summary at the end.</summary>
    internal static string Script(string? token)
    {
        string header = token is null ? "" : $"wrk.headers[\"Authorization\"] = \"Bearer {token}\"\n";
        return header + $$"""
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("{{Marker}} requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d max_us=%d\n",
                summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
                latency:percentile(50), latency:percentile(99), latency.max))
            end
            """;
    }

    /// <summary>Reads the summary line of <see cref="Script"/> from wrk's output (latencies in ms).</summary>
    internal static BenchWebCommand.Measurement Parse(string output)
    {
        string? line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(Marker + " ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk printed no summary line: " + output.Trim());
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var part in line[(Marker.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !long.TryParse(part[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
                throw new InvalidOperationException($"wrk's summary line has an unreadable field \"{part}\": {line}");
            fields[part[..eq]] = value;
        }
        long Field(string name) => fields.TryGetValue(name, out long v) ? v : throw new InvalidOperationException($"wrk's summary line lacks {name}: {line}");
        return new BenchWebCommand.Measurement(Field("requests"), Field("duration_us") / 1e6, Field("p50_us") / 1e3, Field("p99_us") / 1e3,
            Field("max_us") / 1e3, Field("errors"));
    }
}
