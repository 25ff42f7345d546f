using System.Collections.Concurrent;
using Ballast.Core.Accounts;
using Ballast.Core.Files;
using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Import;
using Ballast.Core.Storage;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>
/// Imports (administrators): upload CSV/XLSX files as multipart form data; the import runs in the background
/// and is followed through a polling resource (progress, then the outcome with counts, errors, warnings).
/// </summary>
public static class ImportsApi
{
    public sealed record JobProgress(string File, long BytesRead, long TotalBytes, long Rows);

    public sealed record JobOutcome(bool Accepted, IReadOnlyDictionary<string, long> Rows, IReadOnlyDictionary<string, long> Revisions,
        long ErrorCount, IReadOnlyList<ImportProblem> Errors, IReadOnlyList<ImportWarning> Warnings, double Seconds);

    /// <summary>An import as the polling resource shows it. <see cref="State"/>: running, done or failed.</summary>
    public sealed record JobState(string Id, string User, DateTimeOffset StartedAt, string State, IReadOnlyList<string> Files,
        JobProgress? Progress, JobOutcome? Outcome, string? Failure);

    /// <summary>The imports started through the API in this process.</summary>
    public sealed class Jobs
    {
        internal ConcurrentDictionary<string, JobState> States { get; } = new(StringComparer.Ordinal);
    }

    public static void MapImportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports");
        group.MapGet("/", (IBallastStore store) => TypedResults.Ok(store.Imports().ToArray())).For(Role.Administrator)
            .WithSummary("The import log, newest first.");
        group.MapPost("/", Start).For(Role.Administrator).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute())
            .WithSummary("Upload files (multipart, field `files`; optional form field `kind`); 202 with the job to poll.");
        group.MapGet("/jobs/{id}", Poll).For(Role.Administrator).WithSummary("Progress and outcome of an uploaded import.");
    }

    private static async Task<Results<Accepted<JobState>, ValidationProblem>> Start(HttpContext context, IBallastStore store, Jobs jobs,
        AuditTrail audit, TimeProvider clock, IHostApplicationLifetime lifetime)
    {
        var caller = Caller.From(context.User)!;
        if (!context.Request.HasFormContentType)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["files"] = ["send the files as multipart/form-data in the field `files`"] });
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        FileKind? kind = null;
        if (form.TryGetValue("kind", out var kindText) && kindText.Count > 0 && !string.IsNullOrEmpty(kindText[0]))
        {
            if (!FileKinds.TryParse(kindText[0], out var k))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"kind is enterprises, reports, products, ppi or va_rates; got \"{kindText[0]}\""] });
            kind = k;
        }
        if (form.Files.Count == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["files"] = ["no file was uploaded"] });
        string dir = Path.Combine(Path.GetTempPath(), "ballast-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var requests = new List<ImportRequest>();
        foreach (var f in form.Files)
        {
            // Only the file name is kept (never a client's path), so errors name the file the user chose.
            string name = Path.GetFileName(f.FileName);
            if (name.Length == 0 || requests.Any(r => string.Equals(Path.GetFileName(r.Path), name, StringComparison.Ordinal))) name = $"upload-{requests.Count + 1}{Path.GetExtension(f.FileName)}";
            string path = Path.Combine(dir, name);
            await using (var target = File.Create(path))
                await f.CopyToAsync(target, context.RequestAborted);
            requests.Add(new ImportRequest(path, kind));
        }
        string id = Guid.NewGuid().ToString("N")[..12];
        var state = new JobState(id, caller.UserName, clock.GetUtcNow(), "running", [.. requests.Select(r => Path.GetFileName(r.Path))], null, null, null);
        jobs.States[id] = state;
        audit.Record(context, AuditActions.Import, "ok", $"import job {id} started: {string.Join(", ", state.Files)}");
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(() => Run(jobs, id, store, requests, clock, caller.UserName, dir, stopping), CancellationToken.None);
        return TypedResults.Accepted($"/api/imports/jobs/{id}", state);
    }

    private static void Run(Jobs jobs, string id, IBallastStore store, List<ImportRequest> requests, TimeProvider clock, string user, string dir, CancellationToken stopping)
    {
        try
        {
            var progress = new Progress(p => jobs.States[id] = jobs.States[id] with { Progress = new JobProgress(Path.GetFileName(p.File), p.BytesRead, p.TotalBytes, p.Rows) });
            var outcome = ImportService.Import(store, requests, new ImportOptions(FileEncoding.Utf8, clock), user, progress, stopping);
            jobs.States[id] = jobs.States[id] with
            {
                State = "done",
                Outcome = new JobOutcome(outcome.Accepted,
                    outcome.Rows.ToDictionary(r => FileKinds.Name(r.Key), r => r.Value, StringComparer.Ordinal),
                    outcome.Revisions.ToDictionary(r => FileKinds.Name(r.Key), r => r.Value, StringComparer.Ordinal),
                    outcome.ErrorCount, [.. outcome.Errors.Select(e => e with { File = Path.GetFileName(e.File) })],
                    [.. outcome.Warnings.Select(w => w with { File = Path.GetFileName(w.File) })], outcome.Duration.TotalSeconds),
            };
        }
        catch (Exception e) when (e is StoreException or IOException or OperationCanceledException)
        {
            jobs.States[id] = jobs.States[id] with { State = "failed", Failure = e.Message };
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
        }
    }

    private static Results<Ok<JobState>, NotFound<string>> Poll(string id, Jobs jobs) =>
        jobs.States.TryGetValue(id, out var state) ? TypedResults.Ok(state) : TypedResults.NotFound($"no import job {id} in this process");

    /// <summary>Synchronous progress (the BCL's Progress&lt;T&gt; posts to the thread pool and could reorder reports).</summary>
    private sealed class Progress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
