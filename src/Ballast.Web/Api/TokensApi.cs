using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>Personal API tokens of the signed-in user: list, issue (shown once), revoke.</summary>
public static class TokensApi
{
    public sealed record TokenRequest(string? Name);

    /// <summary>A token as listed: never the token itself.</summary>
    public sealed record TokenInfo(long Id, string UserName, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    /// <summary>A new token: <see cref="Token"/> is shown this once; only its SHA-256 is stored.</summary>
    public sealed record IssuedToken(long Id, string Name, string Token);

    public static void MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens").WithTags("Tokens");
        group.MapGet("/", List).ForSignedIn().WithSummary("Your API tokens (administrators: everyone's).");
        group.MapPost("/", Issue).ForSignedIn().WithSummary("Issue a personal API token for `Authorization: Bearer <token>`; shown once.");
        group.MapDelete("/{id:long}", Revoke).ForSignedIn().WithSummary("Revoke one of your tokens (administrators: anyone's).");
    }

    internal static TokenInfo Info(ApiToken t) => new(t.Id, t.UserName, t.Name, t.CreatedAt, t.RevokedAt);

    private static Ok<TokenInfo[]> List(HttpContext context, IBallastStore store)
    {
        var caller = Caller.From(context.User)!;
        var tokens = store.ApiTokens(caller.Role == Role.Administrator ? null : caller.UserName);
        return TypedResults.Ok(tokens.Select(Info).ToArray());
    }

    private static Results<Created<IssuedToken>, ValidationProblem> Issue(TokenRequest request, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit)
    {
        var caller = Caller.From(context.User)!;
        string name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["a token needs a name of 1 to 100 characters, e.g. the script that uses it"] });
        var (token, hash) = ApiTokens.Issue();
        long id = store.AddApiToken(caller.UserName, name, hash, clock.GetUtcNow());
        audit.Record(context, AuditActions.Account, "ok", $"API token #{id} \"{name}\" issued");
        return TypedResults.Created($"/api/tokens/{id}", new IssuedToken(id, name, token));
    }

    private static Results<NoContent, NotFound<string>> Revoke(long id, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit, ApiTokenCache tokens)
    {
        var caller = Caller.From(context.User)!;
        var token = store.ApiTokens(caller.Role == Role.Administrator ? null : caller.UserName).FirstOrDefault(t => t.Id == id);
        if (token is null || token.Revoked || !store.RevokeApiToken(id, clock.GetUtcNow()))
            return TypedResults.NotFound($"you have no active API token #{id}");
        tokens.Clear();
        audit.Record(context, AuditActions.Account, "ok", $"API token #{id} of {token.UserName} revoked");
        return TypedResults.NoContent();
    }
}
