using System.Text.Encodings.Web;
using Ballast.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ballast.Web.Access;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> with a personal API token: the token's SHA-256 is looked up, the
/// stored hash compared again in constant time, and a revoked token refused. JWT is not used: tokens are
/// opaque and revocable: a revocation through this server applies at once (<see cref="ApiTokenLookups"/> keeps
/// found tokens a few seconds and is cleared on revocation).
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenLookups store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());
        string token = header["Bearer ".Length..].Trim();
        if (token.Length == 0) return Task.FromResult(AuthenticateResult.Fail("the bearer token is empty"));
        var found = store.Find(ApiTokens.Hash(token)); // kept for seconds: ApiTokenLookups
        if (found is not { } f || !ApiTokens.Matches(token, f.Token.TokenHash))
            return Task.FromResult(AuthenticateResult.Fail("unknown API token"));
        if (f.Token.Revoked)
            return Task.FromResult(AuthenticateResult.Fail("the API token was revoked"));
        var principal = Caller.Principal(f.Account, SchemeName, "token");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
