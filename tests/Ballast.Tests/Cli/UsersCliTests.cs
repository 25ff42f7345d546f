using Ballast.Core.Accounts;
using Ballast.Core.Publishing;
using Ballast.Core.Storage;
using Ballast.Web.Access;

namespace Ballast.Tests.Cli;

public class UsersCliTests : IDisposable
{
    private readonly TempFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public void AddTokenListRevoke_AccountStoredWithHashedPasswordAndToken()
    {
        string db = Path.Combine(_folders.New("users"), "ballast.db");
        var add = CliRunner.Run("users", "add", "prov-44", "--role", "provincial_analyst", "--scope", "44", "--db", db);
        Assert.True(add.ExitCode == 0, add.Error);
        string password = add.Out.Split('\n').Single(l => l.StartsWith("Password (shown once): ", StringComparison.Ordinal))["Password (shown once): ".Length..].Trim();
        var token = CliRunner.Run("users", "token", "prov-44", "--name", "nightly", "--db", db);
        Assert.True(token.ExitCode == 0, token.Error);
        string tokenText = token.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim();
        Assert.Matches("^blt_[0-9a-f]{64}$", tokenText);

        using (var store = StoreFactory.Open(db))
        {
            var account = store.FindAccount("prov-44")!;
            Assert.Equal((Role.ProvincialAnalyst, "44"), (account.Role, account.Scope));
            Assert.DoesNotContain(password, account.PasswordHash, StringComparison.Ordinal);
            Assert.True(Passwords.Verify(account, password));
            Assert.False(Passwords.Verify(account, password + "x"));
            var stored = store.FindApiToken(ApiTokens.Hash(tokenText));
            Assert.NotNull(stored);
            Assert.Equal("nightly", stored.Value.Token.Name);
        }
        var list = CliRunner.Run("users", "list", "--db", db);
        Assert.Contains("prov-44", list.Out, StringComparison.Ordinal);
        Assert.Contains("provincial_analyst", list.Out, StringComparison.Ordinal);
        var revoke = CliRunner.Run("users", "revoke", "1", "--db", db);
        Assert.True(revoke.ExitCode == 0, revoke.Error);
        Assert.Equal(2, CliRunner.Run("users", "revoke", "1", "--db", db).ExitCode); // revoked already
        using (var store = StoreFactory.Open(db))
            Assert.True(store.FindApiToken(ApiTokens.Hash(tokenText))!.Value.Token.Revoked);
    }

    [Fact]
    public void Add_BadRoleOrScope_UsageErrorNamingIt()
    {
        string db = Path.Combine(_folders.New("users"), "ballast.db");
        var role = CliRunner.Run("users", "add", "x", "--role", "boss", "--db", db);
        Assert.Equal(2, role.ExitCode);
        Assert.Contains("--role must be one of", role.Error, StringComparison.Ordinal);
        var scope = CliRunner.Run("users", "add", "x", "--role", "enterprise", "--scope", "123", "--db", db);
        Assert.Equal(2, scope.ExitCode);
        Assert.Contains("credit code", scope.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MainJob_OnEmptyStore_CreatesOneDemoAccountPerRole_AndPublishesTheLatestRelease()
    {
        string db = Path.Combine(_folders.New("demo"), "ballast.db");
        var r = CliRunner.Run("demo", "--enterprises", "300", "--months", "24", "--db", db);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("DEMO accounts", r.Out, StringComparison.Ordinal);
        using var store = StoreFactory.Open(db);
        Assert.Equal(Roles.All.OrderBy(x => x), store.Accounts().Select(a => a.Role).Distinct().OrderBy(x => x));
        var published = new PublishedReleases(store, CliRunner.Clock).Latest();
        Assert.NotNull(published);
        Assert.Equal("2025-12", published.Period);
        Assert.Equal(("stat1", "stat2"), (published.Version.PreparedBy, published.Version.ApprovedBy));
        string password = r.Out.Split('\n').Single(l => l.Contains("password for all of them:", StringComparison.Ordinal)).Split(':')[1].Trim();
        Assert.True(Passwords.Verify(store.FindAccount("admin"), password));
        // Run again: the store holds data, nothing is created twice.
        var again = CliRunner.Run("demo", "--db", db);
        Assert.DoesNotContain("DEMO accounts", again.Out, StringComparison.Ordinal);
    }
}
