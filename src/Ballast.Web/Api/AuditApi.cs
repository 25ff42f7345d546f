using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>The audit log (administrators).</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", Read).WithTags("Audit").For(Role.Administrator)
            .WithSummary("The audit log, newest first: sign-ins, refusals, microdata access, publishing, accounts. Filter by action; page with afterId.");
    }

    private static Results<Ok<AuditEntry[]>, ValidationProblem> Read(IBallastStore store, string? action, long? afterId, int? limit)
    {
        int n = limit ?? 1000;
        if (n is < 1 or > 10_000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 10000"] });
        return TypedResults.Ok(store.AuditLog(action, afterId ?? 0, n).ToArray());
    }
}
