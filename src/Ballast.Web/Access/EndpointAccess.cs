using Ballast.Core.Accounts;

namespace Ballast.Web.Access;

/// <summary>
/// Who may call an endpoint, as metadata on the endpoint itself: the access matrix test reads it from the
/// application's endpoint list, so an endpoint without a declaration fails that test. Scoped endpoints (an
/// enterprise's own reports, a province's microdata) narrow this further in their handlers.
/// </summary>
/// <param name="Anonymous">True when no sign-in is needed.</param>
/// <param name="Roles">The roles allowed when <paramref name="Anonymous"/> is false.</param>
public sealed record EndpointAccess(bool Anonymous, IReadOnlyList<Role> Roles)
{
    public bool Allows(Role? role) => Anonymous || (role is Role r && Roles.Contains(r));
}

/// <summary>Declares an endpoint's callers: <c>.For(Role.Statistician)</c>, <c>.ForSignedIn()</c>, <c>.ForAnyone()</c>.</summary>
public static class EndpointAccessExtensions
{
    /// <summary>Only these roles; others get 403, anonymous callers 401 (both audited).</summary>
    public static TBuilder For<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Length == 0) throw new ArgumentException("name at least one role; use ForAnyone for public endpoints", nameof(roles));
        string[] names = [.. roles.Select(Roles.Name)];
        return builder.WithMetadata(new EndpointAccess(false, roles))
            .RequireAuthorization(p => p.RequireAuthenticatedUser().RequireRole(names));
    }

    /// <summary>Every signed-in user, whatever the role.</summary>
    public static TBuilder ForSignedIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.For([.. Roles.All]);

    /// <summary>No sign-in needed (sign-in itself, health, the API description).</summary>
    public static TBuilder ForAnyone<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new EndpointAccess(true, [])).AllowAnonymous();
}
