using System.Security.Claims;
using Ballast.Core.Accounts;

namespace Ballast.Web.Access;

/// <summary>The signed-in user of a request, from the claims both sign-in ways (cookie, API token) issue.</summary>
public sealed record Caller(string UserName, Role Role, string Scope)
{
    /// <summary>Claim of the scope: the enterprise's credit code or the provincial analyst's province code.</summary>
    public const string ScopeClaim = "ballast:scope";

    /// <summary>Claim naming how the user signed in: "cookie" or "token".</summary>
    public const string MethodClaim = "ballast:method";

    public static Caller? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return null;
        string? name = principal.FindFirstValue(ClaimTypes.Name);
        if (name is null || !Roles.TryParse(principal.FindFirstValue(ClaimTypes.Role), out var role)) return null;
        return new Caller(name, role, principal.FindFirstValue(ScopeClaim) ?? "");
    }

    /// <summary>The claims of an account, for a cookie or a token identity.</summary>
    public static ClaimsPrincipal Principal(Account account, string scheme, string method)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.UserName),
                new Claim(ClaimTypes.Role, Roles.Name(account.Role)),
                new Claim(ScopeClaim, account.Scope),
                new Claim(MethodClaim, method),
            ], scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Sees unsuppressed release figures and releases before their embargo.</summary>
    public bool SeesConfidentialFigures => Roles.SeesConfidentialFigures(Role);

    /// <summary>
    /// May read this enterprise's microdata (register entry, reports): itself for an enterprise, its province for
    /// a provincial analyst, every enterprise for national analysts, statisticians and administrators.
    /// </summary>
    public bool MaySeeEnterprise(string creditCode, string province) => Role switch
    {
        Role.Enterprise => string.Equals(Scope, creditCode, StringComparison.Ordinal),
        Role.ProvincialAnalyst => string.Equals(Scope, province, StringComparison.Ordinal),
        _ => true,
    };
}
