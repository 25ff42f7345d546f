using Ballast.Core.Accounts;
using Ballast.Core.Publishing;
using Ballast.Core.Releases;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>
/// Releases: the figures of a period (filtered by breakdown, cell, measure; JSON, CSV, XLSX, SDMX-CSV,
/// SDMX-JSON), a cell's series over time, and the four-eyes publishing path (prepare, approve, diff). Users
/// without rights to confidential figures see published versions only, in the published view.
/// </summary>
public static class ReleasesApi
{
    /// <summary>A release version as listed. <see cref="Status"/>: draft, approved (waiting for its embargo) or published.</summary>
    public sealed record VersionInfo(
        string Period, int Version, long ReleaseId, string Status, string PreparedBy, DateTimeOffset PreparedAt,
        string? ApprovedBy, DateTimeOffset? ApprovedAt, string Notes, DateTimeOffset? EmbargoAt, long DataVersion, int Rows);

    public sealed record PrepareRequest(string? Notes);

    /// <summary>One point of a cell's series: the figure of the version the caller sees for that period.</summary>
    public sealed record SeriesPoint(string Period, int Version, double? Value, string Flag);

    /// <summary>
    /// A cell's series. <see cref="Adjustment"/> is "raw" (the release figures, one point per period, from the version
    /// the caller sees) or "sa" (<c>va_sa_mom</c>, one point per month, all from the stored vintage in <see cref="Vintage"/>).
    /// </summary>
    public sealed record Series(string Breakdown, string Cell, string Measure, string Adjustment, IReadOnlyList<SeriesPoint> Points,
        SeriesVintage? Vintage = null);

    /// <summary>
    /// The stored vintage of seasonally adjusted figures a series comes from: the release period it was computed for,
    /// the data version it read, and the release version computed on the same data (null when none).
    /// </summary>
    public sealed record SeriesVintage(long Id, string Period, long DataVersion, DateTimeOffset ComputedAt, int? ReleaseVersion);

    public sealed record Diff(string Period, int Version, int? AgainstVersion, string Notes, IReadOnlyList<ReleaseChange> Changes);

    public static void MapReleasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/releases").WithTags("Releases");
        group.MapGet("/", List).ForSignedIn()
            .WithSummary("Release versions you may see: published ones for everyone; drafts and approved ones for national analysts and statisticians.");
        group.MapGet("/{period}", Figures).ForSignedIn()
            .WithSummary("A period's figures. format=json|csv|xlsx|sdmx-csv|sdmx-json; breakdown, cell, measure filter (comma-separated); version picks a version (confidential-figure roles).");
        group.MapPost("/{period}/versions", Prepare).For(Role.Statistician)
            .WithSummary("Prepare a draft: compute the release on the current data and store it (a revision of a published period needs notes).");
        group.MapPost("/{period}/versions/{version:int}/approval", Approve).For(Role.Statistician)
            .WithSummary("Approve a draft (a statistician other than its preparer); it is published at the period's embargo.");
        group.MapGet("/{period}/versions/{version:int}/diff", VersionDiff).For(Role.Statistician, Role.NationalAnalyst)
            .WithSummary("The figures a version changes against the previous approved version, with its notes.");
        app.MapGet("/api/series", CellSeries).WithTags("Releases").ForSignedIn()
            .WithSummary("A cell's series: raw (breakdown, cell, measure: the figure of every release period you may see) or seasonally adjusted "
                + "(measure=va_sa_mom or adjustment=sa: every month's va_sa_mom from one stored vintage, for published-view users the one computed "
                + "on the data of the latest published release; confidential values withheld as in the release).");
    }

    internal static string Status(ReleaseVersion v, CalendarEntry? embargo, DateTimeOffset now) =>
        !v.Approved ? "draft" : embargo is not null && embargo.EmbargoAt <= now && v.ApprovedAt <= now ? "published" : "approved";

    private static VersionInfo Info(IBallastStore store, ReleaseVersion v, IReadOnlyList<CalendarEntry> calendar, DateTimeOffset now)
    {
        var embargo = calendar.FirstOrDefault(c => c.Period == v.Period);
        var release = store.Releases(v.Period).FirstOrDefault(r => r.Id == v.ReleaseId);
        return new VersionInfo(v.Period, v.Version, v.ReleaseId, Status(v, embargo, now), v.PreparedBy, v.PreparedAt, v.ApprovedBy, v.ApprovedAt, v.Notes,
            embargo?.EmbargoAt, release?.DataVersion ?? 0, release?.RowCount ?? 0);
    }

    private static Ok<VersionInfo[]> List(HttpContext context, IBallastStore store, PublishedReleases published, TimeProvider clock)
    {
        var caller = Caller.From(context.User)!;
        var now = clock.GetUtcNow();
        var calendar = store.Calendar();
        if (caller.SeesConfidentialFigures)
            return TypedResults.Ok(store.ReleaseVersions().Select(v => Info(store, v, calendar, now)).ToArray());
        return TypedResults.Ok(published.All().Select(p => Info(store, p.Version, calendar, now)).Reverse().ToArray());
    }

    /// <summary>
    /// The version of a period the caller sees and its stored release; <c>PublishedRows</c> holds the published view
    /// for callers without rights to confidential figures and is null for the others (they see the stored rows,
    /// <see cref="ReleaseAnswers.Rows"/>). Null when there is no version for them.
    /// </summary>
    internal static (ReleaseVersion Version, StoredRelease Release, IReadOnlyList<StoredReleaseRow>? PublishedRows)? Visible(
        Caller caller, PublishedReleases published, string period, int? version)
    {
        if (!caller.SeesConfidentialFigures)
        {
            var p = published.Latest(period);
            if (p is null || (version is int n && n != p.Version.Version)) return null; // earlier versions are superseded
            return (p.Version, p.Release, published.Rows(p));
        }
        var state = published.State();
        var versions = state.VersionsOf(period);
        var chosen = version is int wanted ? versions.FirstOrDefault(v => v.Version == wanted)
            : published.Latest(period)?.Version ?? versions.FirstOrDefault();
        if (chosen is null || !state.Releases.TryGetValue(chosen.ReleaseId, out var release)) return null;
        return (chosen, release, null);
    }

    private static async Task<IResult> Figures(string period, string? format, string? breakdown, string? cell, string? measure, int? version,
        HttpContext context, PublishedReleases published, ReleaseAnswers answers, AuditTrail audit, TimeProvider clock)
    {
        var caller = Caller.From(context.User)!;
        if (!YearMonth.TryParse(period, out _)) return BadPeriod(period);
        if (!ReleaseOutput.TryParse(format, out var fmt))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"format must be json, csv, xlsx, sdmx-csv or sdmx-json; got \"{format}\""] });
        var visible = Visible(caller, published, period, version);
        if (visible is not { } v)
            return TypedResults.Problem($"There is no release of {period}{(version is int n ? $" version {n}" : "")} that you may see.", statusCode: StatusCodes.Status404NotFound, title: "No such release");
        var answer = answers.Get(v.Release, v.PublishedRows, fmt, breakdown, cell, measure, clock.GetUtcNow());
        if (caller.SeesConfidentialFigures)
            await audit.MicrodataAsync(context, $"unsuppressed figures of {period} version {v.Version.Version} ({answer.Rows} rows)");
        context.Response.Headers["X-Ballast-Release-Version"] = v.Version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-Ballast-Release-View"] = caller.SeesConfidentialFigures ? "confidential" : "published";
        return TypedResults.File(answer.Bytes, ReleaseOutput.ContentType(fmt),
            fmt == ReleaseFormat.Json ? null : $"release-{period}-v{v.Version.Version}.{ReleaseOutput.Extension(fmt)}");
    }

    internal static List<StoredReleaseRow> Filter(IReadOnlyList<StoredReleaseRow> rows, string? breakdown, string? cell, string? measure)
    {
        static HashSet<string>? Set(string? text) =>
            string.IsNullOrWhiteSpace(text) ? null : new HashSet<string>(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        var b = Set(breakdown);
        var c = Set(cell);
        var m = Set(measure);
        return [.. rows.Where(r => (b is null || b.Contains(r.Breakdown)) && (c is null || c.Contains(r.Cell)) && (m is null || m.Contains(r.Measure)))];
    }

    internal static ValidationProblem BadPeriod(string period) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [$"a period is written YYYY-MM (e.g. 2025-12); got \"{period}\""] });

    private static Results<Ok<Series>, ValidationProblem> CellSeries(string? breakdown, string? cell, string? measure, string? adjustment,
        HttpContext context, IBallastStore store, PublishedReleases published, ReleaseAnswers answers, AuditTrail audit)
    {
        var caller = Caller.From(context.User)!;
        if (string.IsNullOrWhiteSpace(breakdown) || string.IsNullOrWhiteSpace(cell) || string.IsNullOrWhiteSpace(measure))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cell"] = ["name the figure: breakdown, cell and measure (e.g. breakdown=total&cell=ALL&measure=va_yoy_month)"] });
        if (adjustment is not (null or "" or Raw or Adjusted))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["adjustment"] = [$"adjustment is raw or sa; got \"{adjustment}\""] });
        bool sa = measure == SeasonallyAdjustedRelease.Measure;
        if (adjustment == Adjusted && !sa)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["measure"] =
                [$"the seasonally adjusted series is {SeasonallyAdjustedRelease.Measure} (month-on-month growth of adjusted value added); got \"{measure}\""] });
        if (sa) return TypedResults.Ok(AdjustedSeries(caller, breakdown, cell, store, published, context, audit));

        var state = published.State();
        var periods = caller.SeesConfidentialFigures
            ? state.Versions.Select(v => v.Period).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [.. published.All().Select(p => p.Period)];
        var points = new List<SeriesPoint>();
        foreach (string period in periods)
        {
            if (Visible(caller, published, period, null) is not { } v) continue;
            var rows = v.PublishedRows ?? answers.Rows(v.Release);
            var row = rows.FirstOrDefault(r => r.Breakdown == breakdown && r.Cell == cell && r.Measure == measure);
            if (row is not null) points.Add(new SeriesPoint(period, v.Version.Version, row.Value, row.Flag));
        }
        if (caller.SeesConfidentialFigures) audit.Microdata(context, $"unsuppressed series {breakdown}/{cell}/{measure}");
        return TypedResults.Ok(new Series(breakdown, cell, measure, Raw, points));
    }

    private const string Raw = "raw";
    private const string Adjusted = "sa";

    /// <summary>
    /// The seasonally adjusted series of a cell from ONE stored vintage (each vintage re-estimates every past month,
    /// so months of different vintages are not mixed). Callers without rights to confidential figures get the vintage
    /// of the latest published release that has one computed on the same data version as that release (the figures
    /// as published), with C values withheld; the others the newest vintage of the latest period that has one.
    /// </summary>
    internal static Series AdjustedSeries(Caller caller, string breakdown, string cell, IBallastStore store, PublishedReleases published,
        HttpContext context, AuditTrail audit)
    {
        StoredSaVintage? vintage = null;
        int? releaseVersion = null;
        if (caller.SeesConfidentialFigures)
        {
            vintage = store.SaVintages().OrderByDescending(v => v.Period, StringComparer.Ordinal).ThenByDescending(v => v.Id).FirstOrDefault();
            if (vintage is not null)
                releaseVersion = published.State().VersionsOf(vintage.Period)
                    .FirstOrDefault(v => published.State().Releases.TryGetValue(v.ReleaseId, out var r) && r.DataVersion == vintage.DataVersion)?.Version;
        }
        else
        {
            foreach (var p in published.All().Reverse())
            {
                vintage = store.SaVintages(p.Period).FirstOrDefault(v => v.DataVersion == p.Release.DataVersion);
                if (vintage is null) continue;
                releaseVersion = p.Version.Version;
                break;
            }
        }
        if (vintage is null) return new Series(breakdown, cell, SeasonallyAdjustedRelease.Measure, Adjusted, [], null);
        bool withhold = !caller.SeesConfidentialFigures;
        var points = store.SaVintageRows(vintage.Id)
            .Where(r => r.Breakdown == breakdown && r.Cell == cell)
            .OrderBy(r => r.Period, StringComparer.Ordinal)
            .Select(r => new SeriesPoint(r.Period, releaseVersion ?? 0, withhold && r.Flag == "C" ? null : r.Value, r.Flag))
            .ToList();
        if (!withhold) audit.Microdata(context, $"unsuppressed seasonally adjusted series {breakdown}/{cell} of vintage #{vintage.Id}");
        return new Series(breakdown, cell, SeasonallyAdjustedRelease.Measure, Adjusted, points,
            new SeriesVintage(vintage.Id, vintage.Period, vintage.DataVersion, vintage.ComputedAt, releaseVersion));
    }

    private static Results<Created<VersionInfo>, ProblemHttpResult, ValidationProblem> Prepare(string period, PrepareRequest? request,
        HttpContext context, IBallastStore store, PublishedReleases published, AuditTrail audit, TimeProvider clock)
    {
        if (!YearMonth.TryParse(period, out var month)) return BadPeriod(period);
        var caller = Caller.From(context.User)!;
        var now = clock.GetUtcNow();
        try
        {
            var v = ReleasePublishing.Prepare(store, month, caller.UserName, request?.Notes ?? "", now);
            published.Invalidate(); // a new version: the answers cached by stored release stay right, which one is seen changes
            audit.Record(context, AuditActions.Publishing, "ok", $"prepared {period} version {v.Version}");
            return TypedResults.Created($"/api/releases/{period}?version={v.Version}", Info(store, v, store.Calendar(), now));
        }
        catch (PublishingException e)
        {
            audit.Record(context, AuditActions.Publishing, "refused", e.Message);
            return Refused(e);
        }
    }

    private static Results<Ok<VersionInfo>, ProblemHttpResult, ValidationProblem> Approve(string period, int version,
        HttpContext context, IBallastStore store, PublishedReleases published, AuditTrail audit, TimeProvider clock)
    {
        if (!YearMonth.TryParse(period, out _)) return BadPeriod(period);
        var caller = Caller.From(context.User)!;
        var now = clock.GetUtcNow();
        var target = store.ReleaseVersions(period).FirstOrDefault(v => v.Version == version);
        if (target is null)
            return TypedResults.Problem($"{period} has no version {version}.", statusCode: StatusCodes.Status404NotFound, title: "No such release version");
        try
        {
            var v = ReleasePublishing.Approve(store, target.ReleaseId, caller.UserName, now);
            published.Invalidate();
            audit.Record(context, AuditActions.Publishing, "ok", $"approved {period} version {v.Version} prepared by {v.PreparedBy}");
            return TypedResults.Ok(Info(store, v, store.Calendar(), now));
        }
        catch (PublishingException e)
        {
            audit.Record(context, AuditActions.Publishing, "refused", e.Message);
            return Refused(e);
        }
    }

    internal static ProblemHttpResult Refused(PublishingException e) =>
        TypedResults.Problem(e.Message, statusCode: e.Refusal switch
        {
            PublishingRefusal.NotFound => StatusCodes.Status404NotFound,
            PublishingRefusal.NotComputable => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status409Conflict,
        }, title: "Publishing refused", extensions: new Dictionary<string, object?> { ["refusal"] = e.Refusal.ToString() });

    private static Results<Ok<Diff>, ProblemHttpResult, ValidationProblem> VersionDiff(string period, int version, string? view,
        HttpContext context, IBallastStore store, AuditTrail audit)
    {
        if (!YearMonth.TryParse(period, out _)) return BadPeriod(period);
        var target = store.ReleaseVersions(period).FirstOrDefault(v => v.Version == version);
        if (target is null)
            return TypedResults.Problem($"{period} has no version {version}.", statusCode: StatusCodes.Status404NotFound, title: "No such release version");
        var against = ReleasePublishing.PreviousApproved(store, target);
        var rv = string.Equals(view, "published", StringComparison.Ordinal) ? ReleaseView.Published : ReleaseView.Confidential;
        var changes = against is null ? [] : ReleaseArchive.Diff(store.ReleaseRows(against.ReleaseId), store.ReleaseRows(target.ReleaseId), rv);
        if (rv == ReleaseView.Confidential) audit.Microdata(context, $"unsuppressed diff of {period} version {version}");
        return TypedResults.Ok(new Diff(period, version, against?.Version, target.Notes, changes));
    }
}
