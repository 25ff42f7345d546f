using Ballast.Core.Accounts;
using Ballast.Core.Storage;

namespace Ballast.Web.Access;

/// <summary>Writes the audit log: sign-ins, refusals, access to microdata, publishing and account actions.</summary>
public sealed class AuditTrail(IBallastStore store, TimeProvider clock)
{
    // Concurrent requests' entries share one write transaction (group commit); each request still waits for its own.
    private readonly AuditWriter _writer = new(store);

    public void Record(HttpContext context, string action, string outcome, string detail = "", string? user = null, string? target = null) =>
        _writer.Append(Entry(context, action, outcome, detail, user, target));

    /// <summary>As <see cref="Record"/>, without holding a thread while the entry's transaction commits.</summary>
    public Task RecordAsync(HttpContext context, string action, string outcome, string detail = "", string? user = null, string? target = null) =>
        _writer.AppendAsync(Entry(context, action, outcome, detail, user, target));

    /// <summary>The audit record of a request, not yet written: for writers that store it in their own transaction (report filing).</summary>
    public AuditEntry Entry(HttpContext context, string action, string outcome, string detail = "", string? user = null, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AuditEntry(0, clock.GetUtcNow(),
            user ?? Caller.From(context.User)?.UserName ?? "",
            action,
            target ?? $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}",
            outcome,
            context.Connection.RemoteIpAddress?.ToString() ?? "",
            detail);
    }

    /// <summary>A read of microdata (register entries, reports, unsuppressed figures, imports).</summary>
    public void Microdata(HttpContext context, string detail) => Record(context, AuditActions.Microdata, "ok", detail);

    /// <summary>As <see cref="Microdata"/>, awaited (the hot paths: unsuppressed release figures under load).</summary>
    public Task MicrodataAsync(HttpContext context, string detail) => RecordAsync(context, AuditActions.Microdata, "ok", detail);

    /// <summary>A refusal decided in a handler (a scope check), logged like the authorization middleware's.</summary>
    public void Refused(HttpContext context, string detail) => Record(context, AuditActions.Refused, "refused", detail);
}
