using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Ballast.Core.Accounts;
using Ballast.Core.Storage;

namespace Ballast.Cli;

/// <summary>
/// <c>ballast bench web</c>: the web platform in a child process (<c>ballast serve</c> on loopback), loaded by
/// this process with N concurrent keep-alive connections. Each target (a GET path) is measured for the same
/// time after a warm-up; latencies are per request, from sending to the last byte read. The minimal endpoint
/// (<c>/health</c>) is the peer: it measures what the server and the load generator cost by themselves on this
/// machine, so the release queries are reported as a ratio to it.
/// </summary>
internal static class BenchWebCommand
{
    public static Command Command(CliConsole console)
    {
        var connections = new Option<int>("--connections") { DefaultValueFactory = _ => 200, Description = "Concurrent connections" };
        var seconds = new Option<double>("--seconds") { DefaultValueFactory = _ => 10, Description = "Measured seconds per target (after 2 s of warm-up)" };
        var targets = new Option<string[]>("--target")
        {
            Description = "name=PATH of a GET to measure (repeatable), as the --as user; ROLE:name=PATH as a user of that role, "
                + "anonymous:name=PATH without sign-in; /health is always measured first, anonymously, as the peer",
            AllowMultipleArgumentsPerToken = false,
        };
        var filers = new Option<int>("--filers") { DefaultValueFactory = _ => 100, Description = "Filing phase: concurrent enterprise clients" };
        var reports = new Option<int>("--reports") { DefaultValueFactory = _ => 2000, Description = "Filing phase: reports to file (one per enterprise; 0 skips the phase)" };
        var pg = new Option<string?>("--pg") { Description = "Filing phase also on this PostgreSQL (URL or connection string; default $BALLAST_BENCH_PG); its Ballast tables are emptied" };
        var filingOnly = new Option<bool>("--filing-only") { Description = "Skip the latency part" };
        var signedInAs = new Option<string?>("--as")
        {
            Description = "Load the targets as a signed-in user of this role (enterprise, provincial_analyst, national_analyst, statistician, "
                + "administrator): a bench account and API token are created before the run (not timed) and sent as Authorization: Bearer",
        };
        var load = new Option<string?>("--load")
        {
            Description = "Latency part's load generator: wrk (Debian's package; the default when it is on the PATH) or dotnet (this process)",
        };
        var cmd = new Command("web", "Web platform latency under load (p50/p99 of release queries against the minimal endpoint) and filing throughput, on loopback.")
        {
            connections, seconds, targets, filers, reports, pg, filingOnly, signedInAs, load,
        };
        cmd.SetAction(pr =>
        {
            int code = pr.GetValue(filingOnly) ? BallastCommand.Ok
                : Run(console, pr.GetValue(BallastCommand.Db), pr.GetValue(connections), pr.GetValue(seconds), pr.GetValue(targets) ?? [], pr.GetValue(signedInAs),
                    pr.GetValue(load));
            if (code != BallastCommand.Ok || pr.GetValue(reports) <= 0) return code;
            return RunFiling(console, pr.GetValue(filers), pr.GetValue(reports), pr.GetValue(pg) ?? Environment.GetEnvironmentVariable("BALLAST_BENCH_PG"));
        });
        return cmd;
    }

    private static int Run(CliConsole console, string? db, int connections, double seconds, string[] targetSpecs, string? signedInAs, string? load)
    {
        if (connections < 1) throw new UsageException("--connections must be at least 1");
        string? wrk = load switch
        {
            null => BenchWebWrk.Find(),
            "wrk" => BenchWebWrk.Find() ?? throw new UsageException("--load wrk: wrk is not on the PATH (apt-get install wrk)"),
            "dotnet" => null,
            _ => throw new UsageException($"--load \"{load}\": wrk or dotnet"),
        };
        Role? defaultRole = null;
        if (signedInAs is not null)
            defaultRole = Roles.TryParse(signedInAs, out var r) ? r : throw new UsageException($"--as \"{signedInAs}\": a role is one of {string.Join(", ", Roles.All.Select(Roles.Name))}");
        var targets = new List<(string Name, string Path, Role? Role)> { ("minimal (/health)", "/health", null) };
        foreach (var spec in targetSpecs)
        {
            int eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !spec[(eq + 1)..].StartsWith('/')) throw new UsageException($"--target \"{spec}\": expected name=/path or role:name=/path");
            string name = spec[..eq];
            var role = defaultRole;
            int colon = name.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                string who = name[..colon];
                name = name[(colon + 1)..];
                if (who == "anonymous") role = null;
                else role = Roles.TryParse(who, out var named) ? named : throw new UsageException($"--target \"{spec}\": \"{who}\" is neither a role nor anonymous");
            }
            targets.Add((name, spec[(eq + 1)..], role));
        }
        // The store must hold a release: the main job without serving fills an empty store with the demo.
        int prepared = MainJob.Run(console with { Out = TextWriter.Null }, db, new Core.Demo.DemoOptions());
        if (prepared != BallastCommand.Ok) return prepared;
        // One bench account and API token per role used (not timed).
        var tokens = new Dictionary<Role, string>();
        using (var store = StoreFactory.Open(db))
            foreach (var role in targets.Where(t => t.Role is not null).Select(t => t.Role!.Value).Distinct())
                tokens[role] = BenchToken(store, role);

        int port = FreePort();
        string baseUrl = $"http://127.0.0.1:{port}";
        var args = new List<string> { "serve", "--urls", baseUrl };
        if (db is not null) args.AddRange(["--db", db]);
        using var server = StartSelf(args);
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            WaitUntilUp(http, server);
            console.Out.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; server and load generator on the same cores, loopback.");
            console.Out.WriteLine(wrk is not null
                ? $"Load generator: wrk ({wrk}), 2 threads."
                : "Load generator: this process (.NET HttpClient)" + (load is null ? "; wrk was not found (apt-get install wrk gives it)." : "."));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{connections} connections, {seconds:F0} s per target after 2 s warm-up."));
            console.Out.WriteLine();
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average before the run: {LoadAverage()}"));
            console.Out.WriteLine("| target | caller | requests | req/s | p50 ms | p99 ms | max ms | errors | p99 / minimal's p99 |");
            console.Out.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
            double? peerP99 = null;
            foreach (var (name, path, role) in targets)
            {
                string? token = role is { } r ? tokens[r] : null;
                Measurement Measure(TimeSpan duration) => wrk is not null
                    ? BenchWebWrk.Load(wrk, baseUrl, path, token, connections, duration)
                    : Load(http, path, token, connections, duration);
                Measure(TimeSpan.FromSeconds(2)); // warm-up: JIT, caches, connection pool
                var m = Measure(TimeSpan.FromSeconds(seconds));
                peerP99 ??= m.P99;
                string who = role is { } signed ? Roles.Name(signed) : "anonymous";
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} `{path}` | {who} | {m.Requests:N0} | {m.Requests / m.Seconds:N0} | {m.P50:F1} | {m.P99:F1} | {m.Max:F1} | {m.Errors} | {m.P99 / peerP99.Value:F2} |"));
            }
            console.Out.WriteLine();
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Load average after the run: {LoadAverage()}"));
            return BallastCommand.Ok;
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            server.WaitForExit(10_000);
        }
    }

    private static int RunFiling(CliConsole console, int filers, int reports, string? pg)
    {
        if (filers < 1) throw new UsageException("--filers must be at least 1");
        var results = new List<BenchWebFiling.Result>();
        string dir = Path.Combine(Path.GetTempPath(), "ballast-bench-filing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            results.Add(BenchWebFiling.Run(console, Path.Combine(dir, "ballast.db"), filers, reports, StartSelf, Up, FreePort()));
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { } // a temp folder left behind is harmless
        }
        if (pg is not null)
        {
            using (var store = StoreFactory.Open(pg)) ((RelationalStore)store).TruncateData();
            results.Add(BenchWebFiling.Run(console, pg, filers, reports, StartSelf, Up, FreePort()));
        }
        else console.Out.WriteLine("PostgreSQL not measured: give --pg or set BALLAST_BENCH_PG (scripts/with-postgres.sh starts a throw-away server).");
        BenchWebFiling.Print(console, results, filers);
        return results.All(r => r.Failed == 0 && r.Stored == r.Sent) ? BallastCommand.Ok : BallastCommand.Rejected;
    }

    private static bool Up(HttpClient http, Process server)
    {
        WaitUntilUp(http, server);
        return true;
    }

    /// <summary>One target's load: requests answered, seconds, latency percentiles and maximum (ms), errors (non-200 or failed).</summary>
    internal sealed record Measurement(long Requests, double Seconds, double P50, double P99, double Max, long Errors);

    /// <summary>
    /// A bench account of the role (scoped to the first enterprise of the register, or to its province) and a fresh
    /// API token for it; accounts and tokens of earlier runs are left as they are.
    /// </summary>
    private static string BenchToken(IBallastStore store, Role role)
    {
        string user = "bench-" + Roles.Name(role);
        if (store.FindAccount(user) is null)
        {
            var firm = store.EnterprisesPage(null, 0, 1).FirstOrDefault()
                ?? throw new InvalidOperationException("the store has no enterprise to scope a bench account to");
            string scope = role switch { Role.Enterprise => firm.CreditCode, Role.ProvincialAnalyst => firm.Province, _ => "" };
            store.AddAccount(new Account(user, role, scope, "", DateTimeOffset.UtcNow));
        }
        var (token, hash) = ApiTokens.Issue();
        store.AddApiToken(user, "bench web", hash, DateTimeOffset.UtcNow);
        return token;
    }

    /// <summary>The 1, 5 and 15-minute load averages (Linux), or "n/a".</summary>
    private static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(' ', parts.Take(3));
        }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }

    private static Measurement Load(HttpClient http, string path, string? token, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = new Task[connections];
        for (int w = 0; w < connections; w++)
        {
            var mine = latencies[w] = new List<double>(4096);
            workers[w] = Task.Run(async () =>
            {
                var buffer = new byte[64 * 1024];
                while (clock.Elapsed < duration)
                {
                    long start = Stopwatch.GetTimestamp();
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, path);
                        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
                        await using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                        while (await body.ReadAsync(buffer).ConfigureAwait(false) > 0) { }
                        if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                    }
                    catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                    catch (TaskCanceledException) { Interlocked.Increment(ref errors); }
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            });
        }
        Task.WaitAll(workers);
        double elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Measurement(all.Length, elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1], errors);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static void WaitUntilUp(HttpClient http, Process server)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(300))
        {
            if (server.HasExited) throw new InvalidOperationException("the server process ended before answering: " + server.StandardError.ReadToEnd());
            try
            {
                // Up, and past the dashboard's warm-up: its seconds of CPU after the start are not the requests' cost.
                using var r = http.GetAsync("/health").GetAwaiter().GetResult();
                if (r.IsSuccessStatusCode && r.Content.ReadAsStringAsync().GetAwaiter().GetResult().Contains("\"dashboard\":\"ready\"", StringComparison.Ordinal)) return;
            }
            catch (HttpRequestException) { }
            Thread.Sleep(200);
        }
        throw new TimeoutException("the server did not answer /health as ready within 300 s");
    }

    private static Process StartSelf(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ballast.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start the server process");
        p.OutputDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        return p;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
