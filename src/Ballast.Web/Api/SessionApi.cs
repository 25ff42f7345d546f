using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>Sign-in with the session cookie (browser), who am I, sign-out, and the antiforgery token.</summary>
public static class SessionApi
{
    /// <summary>The body of POST /api/session.</summary>
    public sealed record SignInRequest(string? UserName, string? Password);

    /// <summary>Who is signed in; <see cref="AntiforgeryToken"/> goes in the X-XSRF-TOKEN header of unsafe requests.</summary>
    public sealed record SessionInfo(string UserName, string Role, string Scope, string? AntiforgeryToken);

    public sealed record AntiforgeryInfo(string HeaderName, string Token);

    public static void MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Session");
        group.MapPost("/", SignIn).ForAnyone().RequireRateLimiting(AccessSetup.SignInPolicy).DisableAntiforgery()
            .WithSummary("Sign in with user name and password; sets the session cookie.");
        group.MapGet("/", WhoAmI).ForSignedIn().WithSummary("The signed-in user and a fresh antiforgery token.");
        group.MapDelete("/", SignOut).ForSignedIn().WithSummary("Sign out (ends the session cookie).");
        group.MapGet("/antiforgery", Antiforgery).ForAnyone()
            .WithSummary("The antiforgery token for the X-XSRF-TOKEN header (also set in the readable XSRF-TOKEN cookie).");
    }

    private static async Task<Results<Ok<SessionInfo>, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext context, IBallastStore store, SignInThrottle throttle, AuditTrail audit)
    {
        string userName = request.UserName?.Trim() ?? "";
        string address = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (userName.Length == 0 || string.IsNullOrEmpty(request.Password))
            return TypedResults.Problem("Send {\"userName\": …, \"password\": …}.", statusCode: StatusCodes.Status400BadRequest, title: "User name and password are required");
        if (!throttle.TryAttempt(userName, address))
        {
            audit.Record(context, AuditActions.SignIn, "refused", "too many attempts", user: userName);
            return TypedResults.Problem("Too many sign-in attempts for this user from this address; wait a minute.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts");
        }
        var account = store.FindAccount(userName);
        if (!Passwords.Verify(account, request.Password))
        {
            audit.Record(context, AuditActions.SignIn, "failed", account is null ? "unknown user" : "wrong password", user: userName);
            return TypedResults.Problem("The user name or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }
        var principal = Caller.Principal(account!, CookieAuthenticationDefaults.AuthenticationScheme, "cookie");
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        context.User = principal; // the antiforgery token is bound to the user it is issued for
        audit.Record(context, AuditActions.SignIn, "ok", "password", user: userName);
        return TypedResults.Ok(new SessionInfo(account!.UserName, Roles.Name(account.Role), account.Scope, AntiforgeryCheck.IssueToken(context)));
    }

    private static Ok<SessionInfo> WhoAmI(HttpContext context)
    {
        var caller = Caller.From(context.User)!;
        bool cookie = context.User.FindFirst(Caller.MethodClaim)?.Value == "cookie";
        return TypedResults.Ok(new SessionInfo(caller.UserName, Roles.Name(caller.Role), caller.Scope, cookie ? AntiforgeryCheck.IssueToken(context) : null));
    }

    private static async Task<NoContent> SignOut(HttpContext context, AuditTrail audit)
    {
        audit.Record(context, AuditActions.SignOut, "ok");
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static Ok<AntiforgeryInfo> Antiforgery(HttpContext context) =>
        TypedResults.Ok(new AntiforgeryInfo(AntiforgeryCheck.HeaderName, AntiforgeryCheck.IssueToken(context)));
}
