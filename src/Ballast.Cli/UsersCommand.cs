using System.CommandLine;
using System.Security.Cryptography;
using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Web.Access;

namespace Ballast.Cli;

/// <summary><c>ballast users add|list|password|token|tokens|revoke</c>: accounts of the web platform and their API tokens.</summary>
internal static class UsersCommand
{
    public static Command Command(CliConsole console)
    {
        var cmd = new Command("users", "Accounts of the web platform (roles: enterprise, provincial_analyst, national_analyst, statistician, administrator) and their personal API tokens.");
        cmd.Subcommands.Add(Add(console));
        cmd.Subcommands.Add(List(console));
        cmd.Subcommands.Add(Password(console));
        cmd.Subcommands.Add(Token(console));
        cmd.Subcommands.Add(Tokens(console));
        cmd.Subcommands.Add(Revoke(console));
        return cmd;
    }

    private static Argument<string> UserName() => new("user") { Description = "The user name" };

    private static Command Add(CliConsole console)
    {
        var user = UserName();
        var role = new Option<string>("--role") { Description = "enterprise, provincial_analyst, national_analyst, statistician or administrator", Required = true };
        var scope = new Option<string?>("--scope") { Description = "The enterprise's credit code (enterprise) or the province code (provincial_analyst)" };
        var password = new Option<string?>("--password") { Description = "The password (default: a random one, printed once)" };
        var cmd = new Command("add", "Create an account.") { user, role, scope, password };
        cmd.SetAction(pr =>
        {
            string name = pr.GetValue(user)!;
            if (Web.Api.AccountRules.UserNameProblem(name) is { } u) throw new UsageException(u);
            if (!Roles.TryParse(pr.GetValue(role), out var r))
                throw new UsageException($"--role must be one of {string.Join(", ", Roles.All.Select(Roles.Name))}; got \"{pr.GetValue(role)}\"");
            string scopeText = pr.GetValue(scope) ?? "";
            if (Roles.ScopeError(r, scopeText) is { } s) throw new UsageException("--scope: " + s);
            string? given = pr.GetValue(password);
            if (given is not null && Passwords.Problem(given) is { } p) throw new UsageException("--password: " + p);
            string pass = given ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', '_').Replace('+', '-');
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            store.AddAccount(new Account(name, r, scopeText, Passwords.Hash(pass), console.Clock.GetUtcNow()));
            console.Out.WriteLine($"Account {name} ({Roles.Name(r)}{(scopeText.Length > 0 ? " " + scopeText : "")}) created in {store.Description}.");
            if (given is null) console.Out.WriteLine($"Password (shown once): {pass}");
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command List(CliConsole console)
    {
        var cmd = new Command("list", "List the accounts.");
        cmd.SetAction(pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            var accounts = store.Accounts();
            if (accounts.Count == 0) console.Out.WriteLine($"{store.Description} has no account yet: create one with `ballast users add NAME --role administrator`.");
            foreach (var a in accounts)
                console.Out.WriteLine($"{a.UserName,-24} {Roles.Name(a.Role),-20} {a.Scope,-20} created {a.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Password(CliConsole console)
    {
        var user = UserName();
        var password = new Option<string?>("--password") { Description = "The new password (default: a random one, printed once)" };
        var cmd = new Command("password", "Set an account's password.") { user, password };
        cmd.SetAction(pr =>
        {
            string? given = pr.GetValue(password);
            if (given is not null && Passwords.Problem(given) is { } p) throw new UsageException("--password: " + p);
            string pass = given ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', '_').Replace('+', '-');
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            if (!store.SetPasswordHash(pr.GetValue(user)!, Passwords.Hash(pass))) throw new UsageException($"there is no user \"{pr.GetValue(user)}\"");
            console.Out.WriteLine($"Password of {pr.GetValue(user)} set.");
            if (given is null) console.Out.WriteLine($"Password (shown once): {pass}");
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Token(CliConsole console)
    {
        var user = UserName();
        var name = new Option<string>("--name") { Description = "What the token is for (e.g. the script's name)", DefaultValueFactory = _ => "script" };
        var cmd = new Command("token", "Issue a personal API token for `Authorization: Bearer <token>` (printed once; only its SHA-256 is stored).") { user, name };
        cmd.SetAction(pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            string userName = pr.GetValue(user)!;
            if (store.FindAccount(userName) is null) throw new UsageException($"there is no user \"{userName}\"");
            var (token, hash) = ApiTokens.Issue();
            long id = store.AddApiToken(userName, pr.GetValue(name)!, hash, console.Clock.GetUtcNow());
            console.Out.WriteLine($"Token #{id} for {userName} (shown once, keep it secret):");
            console.Out.WriteLine(token);
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Tokens(CliConsole console)
    {
        var user = new Argument<string?>("user") { Description = "Only this user's tokens", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("tokens", "List API tokens (never the tokens themselves).") { user };
        cmd.SetAction(pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            foreach (var t in store.ApiTokens(pr.GetValue(user)))
                console.Out.WriteLine($"#{t.Id,-6} {t.UserName,-24} {t.Name,-24} created {t.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(t.RevokedAt is { } r ? $", revoked {r.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}");
            return BallastCommand.Ok;
        });
        return cmd;
    }

    private static Command Revoke(CliConsole console)
    {
        var id = new Argument<long>("id") { Description = "The token's number (see `ballast users tokens`)" };
        var cmd = new Command("revoke", "Revoke an API token: it stops working at once.") { id };
        cmd.SetAction(pr =>
        {
            using var store = StoreFactory.Open(pr.GetValue(BallastCommand.Db));
            long tokenId = pr.GetValue(id);
            if (!store.RevokeApiToken(tokenId, console.Clock.GetUtcNow())) throw new UsageException($"there is no active token #{tokenId}");
            console.Out.WriteLine($"Token #{tokenId} revoked.");
            return BallastCommand.Ok;
        });
        return cmd;
    }
}
