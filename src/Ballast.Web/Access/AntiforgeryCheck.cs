using Ballast.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ballast.Web.Access;

/// <summary>
/// Cross-site request forgery protection for cookie sign-in: every unsafe request (POST, PUT, PATCH, DELETE)
/// authenticated by the session cookie must carry the antiforgery token in the <c>X-XSRF-TOKEN</c> header.
/// Requests with an API token are exempt: a browser never adds a bearer header by itself.
/// </summary>
public static class AntiforgeryCheck
{
    public const string HeaderName = "X-XSRF-TOKEN";

    /// <summary>The readable cookie the front-end copies into the header (JavaScript may read it; HttpOnly is off).</summary>
    public const string RequestTokenCookie = "XSRF-TOKEN";

    public static IApplicationBuilder UseAntiforgeryCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsUnsafe(context.Request.Method) &&
            string.Equals(context.User.Identity?.AuthenticationType, CookieAuthenticationDefaults.AuthenticationScheme, StringComparison.Ordinal))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                context.RequestServices.GetRequiredService<AuditTrail>().Record(context, AuditActions.Refused, "refused", "missing or invalid antiforgery token");
                await TypedResults.Problem(
                    detail: $"A request signed in with the session cookie must send the antiforgery token in the {HeaderName} header (GET /api/session/antiforgery gives it).",
                    statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid").ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Issues the tokens for the current user: the request token is returned and also set in the readable cookie.</summary>
    public static string IssueToken(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        string token = tokens.RequestToken ?? throw new InvalidOperationException("the antiforgery service issued no request token");
        context.Response.Cookies.Append(RequestTokenCookie, token, new CookieOptions
        {
            HttpOnly = false, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/",
        });
        return token;
    }
}
