using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Core.Storage.Sqlite;
using Ballast.Statistics.Periods;

namespace Ballast.Cli;

/// <summary>
/// The filing phase of <c>ballast bench web</c>: N concurrent enterprise clients, each with its own API token,
/// POST one report each for a new month through the reports API (the importer's rules on the one report, group
/// commit of concurrent filings); afterwards the stored reports are counted (none may be lost), and the import log's
/// filings and the audit records of the run with them. The store is a throw-away one: a fresh
/// SQLite file, or the PostgreSQL of <c>--pg</c> emptied and loaded with the demo.
/// </summary>
internal static class BenchWebFiling
{
    public sealed record Result(string Store, string Modes, int Sent, int Accepted, int Failed, long Stored, long Logged, int Timed, double Seconds, double ServerCpuMs, double ClientCpuMs);

    public static Result Run(CliConsole console, string db, int filers, int reports, Func<IEnumerable<string>, Process> startServer,
        Func<HttpClient, Process, bool> waitUntilUp, int port)
    {
        int prepared = MainJob.Run(console with { Out = TextWriter.Null }, db, new Core.Demo.DemoOptions());
        if (prepared != BallastCommand.Ok) throw new InvalidOperationException("the demo could not be loaded into " + db);
        using var store = StoreFactory.Open(db);
        string modes = store is SqliteStore sqlite
            ? sqlite.DurabilityModes() is var (journal, sync) ? $"journal_mode={journal}, synchronous={sync}" : ""
            : "PostgreSQL defaults (synchronous_commit as configured)";
        var period = YearMonth.Parse(store.Summary().LastPeriod!).AddMonths(1);
        var firms = store.EnterprisesPage(null, 0, reports);
        // One account and token per enterprise (no password: tokens only); the setup is not timed.
        var tokens = new List<(string Code, string Token)>(firms.Count);
        var now = DateTimeOffset.UtcNow;
        foreach (var firm in firms)
        {
            string user = "bench-" + firm.CreditCode;
            if (store.FindAccount(user) is null) store.AddAccount(new Account(user, Role.Enterprise, firm.CreditCode, "", now));
            var (token, hash) = ApiTokens.Issue();
            store.AddApiToken(user, "bench", hash, now);
            tokens.Add((firm.CreditCode, token));
        }
        var summaryBefore = store.Summary();
        long before = summaryBefore.Reports;

        string baseUrl = $"http://127.0.0.1:{port}";
        using var server = startServer(["serve", "--urls", baseUrl, "--db", db]);
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = filers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
            waitUntilUp(http, server);
            int next = -1, accepted = 0, failed = 0;
            string? firstFailure = null;
            // A warm-up: the first reports (a tenth, at most 1,000) are filed before the clock starts, so the
            // timed phase measures a running server, not its first requests (JIT, pools); they are counted too.
            int warmUp = Math.Min(1_000, tokens.Count / 10);
            FileUpTo(warmUp);
            // CPU time of the server process and of this load generator during the phase: what a report costs each,
            // whatever else runs on the machine.
            server.Refresh();
            var serverCpu = server.TotalProcessorTime;
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            FileUpTo(tokens.Count);
            double seconds = clock.Elapsed.TotalSeconds;
            server.Refresh();
            double serverMs = (server.TotalProcessorTime - serverCpu).TotalMilliseconds;
            double clientMs = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalMilliseconds;
            if (firstFailure is not null) console.Error.WriteLine("first refused report: " + firstFailure);
            var summaryAfter = store.Summary();
            long stored = summaryAfter.Reports - before;
            long logged = summaryAfter.Imports - summaryBefore.Imports; // each filed report is an entry of the import log
            return new Result(store.Description, modes, tokens.Count, accepted, failed, stored, logged, tokens.Count - warmUp, seconds, serverMs, clientMs);

            void FileRange(int end) => Task.WaitAll(Enumerable.Range(0, filers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < end)
                {
                    var (code, token) = tokens[i];
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/reports/{code}")
                    {
                        Content = JsonContent.Create(new Dictionary<string, string>
                        {
                            ["period"] = period.ToString(), ["output_value"] = "1234.5", ["sales_value"] = "1100.25", ["export_value"] = "12.5",
                            ["revenue"] = "1180", ["profit"] = "-35.75", ["rd_expense"] = "8.125", ["energy_tce"] = "640.2", ["water_m3"] = "15000",
                            ["receivables"] = "3200.5", ["overdue_receivables"] = "400.75", ["employees"] = "118",
                        }),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    try
                    {
                        using var response = await http.SendAsync(request).ConfigureAwait(false);
                        if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref accepted);
                        else
                        {
                            Interlocked.Increment(ref failed);
                            string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                            Interlocked.CompareExchange(ref firstFailure, $"{(int)response.StatusCode} {body}", null);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        // A timeout is a failure to report, not a reason to stop: the count afterwards says what was stored.
                        Interlocked.Increment(ref failed);
                        Interlocked.CompareExchange(ref firstFailure, e.GetType().Name + ": " + e.Message, null);
                    }
                }
            })).ToArray());

            void FileUpTo(int end)
            {
                FileRange(end);
                next = end - 1; // the workers overshot it by one each: the next range starts at `end`
            }
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            server.WaitForExit(10_000);
        }
    }

    public static void Print(CliConsole console, IReadOnlyList<Result> results, int filers)
    {
        console.Out.WriteLine();
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Filing: {filers} concurrent enterprise clients (API tokens), one report each for a new month, POST /api/reports/{{code}}."));
        console.Out.WriteLine();
        console.Out.WriteLine("Timed: the reports after the warm-up (a tenth of them, at most 1,000, filed first); all are counted afterwards.");
        console.Out.WriteLine();
        console.Out.WriteLine("| store | modes | reports sent | accepted | refused | stored afterwards | filings logged | timed | seconds | reports/s | server CPU ms/report | load generator CPU ms/report |");
        console.Out.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Store} | {r.Modes} | {r.Sent:N0} | {r.Accepted:N0} | {r.Failed:N0} | {r.Stored:N0} | {r.Logged:N0} | {r.Timed:N0} | {r.Seconds:F1} | {r.Timed / r.Seconds:N0} | {r.ServerCpuMs / Math.Max(1, r.Timed):F3} | {r.ClientCpuMs / Math.Max(1, r.Timed):F3} |"));
    }
}
