using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Ballast.Web.Access;

/// <summary>Settings of sign-in (configuration section <c>Ballast</c>).</summary>
public sealed class AccessOptions
{
    /// <summary>Sign-in attempts allowed per user name and client address per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 5;

    /// <summary>Sign-in attempts allowed per client address per minute, whatever the user name.</summary>
    public int SignInAttemptsPerAddressPerMinute { get; set; } = 60;

    /// <summary>How long a browser session lasts without activity.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>Authentication (session cookie or API token), authorization, antiforgery, sign-in rate limits, the audit log.</summary>
public static class AccessSetup
{
    /// <summary>The default scheme: a bearer header selects the API token handler, anything else the session cookie.</summary>
    public const string Scheme = "Ballast";

    public const string SessionCookie = "ballast.session";

    /// <summary>The rate-limiter policy of the sign-in endpoint (per client address).</summary>
    public const string SignInPolicy = "sign-in";

    public static void AddBallastAccess(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(BallastWebOptions.Section).Get<AccessOptions>() ?? new AccessOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<ApiTokenCache>();
        services.AddSingleton(new SignInThrottle(options.SignInAttemptsPerMinute));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusalAuditing>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Session cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // `serve` listens on plain HTTP on loopback
                o.ExpireTimeSpan = options.SessionIdleTimeout;
                o.SlidingExpiration = true;
                // An API answers with status codes, never with redirects to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            });
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryCheck.HeaderName;
            o.Cookie.Name = "ballast.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttemptsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    public static void UseBallastAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAntiforgeryCheck();
        app.UseAuthorization();
        app.UseRateLimiter();
    }
}
