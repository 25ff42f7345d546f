using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Ballast.Core.Accounts;

namespace Ballast.Web.Access;

/// <summary>Every refusal of the authorization middleware (401 and 403) goes to the audit log, then answers as usual.</summary>
public sealed class RefusalAuditing(AuditTrail audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Challenged)
            audit.Record(context, AuditActions.Refused, "refused", "not signed in (401)");
        else if (authorizeResult.Forbidden)
            audit.Record(context, AuditActions.Refused, "refused", $"role {Caller.From(context.User)?.Role.ToString() ?? "?"} may not call this endpoint (403)");
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
