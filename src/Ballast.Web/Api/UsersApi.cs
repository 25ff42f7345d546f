using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ballast.Web.Api;

/// <summary>Accounts (administrators): list, create, set a password.</summary>
public static class UsersApi
{
    public sealed record UserInfo(string UserName, string Role, string Scope, DateTimeOffset CreatedAt);

    public sealed record NewUser(string? UserName, string? Role, string? Scope, string? Password);

    public sealed record NewPassword(string? Password);

    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users");
        group.MapGet("/", List).For(Role.Administrator).WithSummary("All accounts.");
        group.MapPost("/", Create).For(Role.Administrator).WithSummary("Create an account with a role, its scope and a password.");
        group.MapPut("/{userName}/password", SetPassword).For(Role.Administrator).WithSummary("Set an account's password.");
    }

    private static Ok<UserInfo[]> List(IBallastStore store) =>
        TypedResults.Ok(store.Accounts().Select(a => new UserInfo(a.UserName, Roles.Name(a.Role), a.Scope, a.CreatedAt)).ToArray());

    private static Results<Created<UserInfo>, ValidationProblem, Conflict<string>> Create(NewUser request, HttpContext context, IBallastStore store, TimeProvider clock, AuditTrail audit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string userName = request.UserName?.Trim() ?? "";
        if (AccountRules.UserNameProblem(userName) is { } u) errors["userName"] = [u];
        if (!Roles.TryParse(request.Role, out var role))
            errors["role"] = [$"the role must be one of {string.Join(", ", Roles.All.Select(Roles.Name))}; got \"{request.Role}\""];
        else if (Roles.ScopeError(role, request.Scope ?? "") is { } s) errors["scope"] = [s];
        if (Passwords.Problem(request.Password) is { } p) errors["password"] = [p];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (store.FindAccount(userName) is not null) return TypedResults.Conflict($"the user name \"{userName}\" is taken");
        var account = new Account(userName, role, request.Scope ?? "", Passwords.Hash(request.Password!), clock.GetUtcNow());
        store.AddAccount(account);
        audit.Record(context, AuditActions.Account, "ok", $"account {userName} ({Roles.Name(role)}) created");
        return TypedResults.Created($"/api/users/{userName}", new UserInfo(userName, Roles.Name(role), account.Scope, account.CreatedAt));
    }

    private static Results<NoContent, ValidationProblem, NotFound<string>> SetPassword(string userName, NewPassword request, HttpContext context, IBallastStore store, AuditTrail audit)
    {
        if (Passwords.Problem(request.Password) is { } p)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [p] });
        if (!store.SetPasswordHash(userName, Passwords.Hash(request.Password!))) return TypedResults.NotFound($"there is no user \"{userName}\"");
        audit.Record(context, AuditActions.Account, "ok", $"password of {userName} set");
        return TypedResults.NoContent();
    }
}

/// <summary>What a user name may be.</summary>
public static class AccountRules
{
    public static string? UserNameProblem(string userName) =>
        userName.Length is 0 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? $"a user name has 1 to 64 characters among letters, digits, '-', '_' and '.'; got \"{userName}\""
            : null;
}
