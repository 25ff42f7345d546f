namespace Ballast.Core.Accounts;

/// <summary>A user of the web platform. <see cref="Scope"/> is the credit code of an enterprise account, the province code of a provincial analyst, else empty.</summary>
/// <param name="PasswordHash">In ASP.NET Core Identity's PasswordHasher format; only the web platform reads it, at sign-in.</param>
public sealed record Account(string UserName, Role Role, string Scope, string PasswordHash, DateTimeOffset CreatedAt);

/// <summary>A personal API token as stored: its hash only (the token is shown once when issued).</summary>
public sealed record ApiToken(long Id, string UserName, string Name, string TokenHash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>One line of the audit log: who did (or tried) what, from where, and how it ended.</summary>
/// <param name="User">The user name ("" for an anonymous caller).</param>
/// <param name="Action">What kind of event: see <see cref="AuditActions"/>.</param>
/// <param name="Target">The request ("GET /api/register/…") or the object acted on.</param>
/// <param name="Outcome">"ok", "failed" or "refused".</param>
public sealed record AuditEntry(long Id, DateTimeOffset At, string User, string Action, string Target, string Outcome, string Address, string Detail);

/// <summary>The kinds of audit event (stable: administrators filter on them).</summary>
public static class AuditActions
{
    public const string SignIn = "sign_in";
    public const string SignOut = "sign_out";
    public const string Refused = "refused";
    public const string Microdata = "microdata";
    public const string Publishing = "publishing";
    public const string Account = "account";
    public const string Import = "import";
}

/// <summary>Accounts, API tokens and the audit log in the store.</summary>
public interface IAccountStore
{
    /// <summary>Adds an account; a <see cref="Storage.StoreException"/> says so when the user name is taken.</summary>
    void AddAccount(Account account);

    /// <summary>The account of a user name (exact, ordinal), or null.</summary>
    Account? FindAccount(string userName);

    /// <summary>All accounts, by user name.</summary>
    IReadOnlyList<Account> Accounts();

    /// <summary>Replaces a user's password hash; false when there is no such user.</summary>
    bool SetPasswordHash(string userName, string passwordHash);

    /// <summary>Stores a token's hash for a user; returns the token's id.</summary>
    long AddApiToken(string userName, string name, string tokenHash, DateTimeOffset createdAt);

    /// <summary>The token with this hash (revoked or not) and its account, or null.</summary>
    (ApiToken Token, Account Account)? FindApiToken(string tokenHash);

    /// <summary>A user's tokens (all users' when null), newest first.</summary>
    IReadOnlyList<ApiToken> ApiTokens(string? userName = null);

    /// <summary>Revokes a token; false when there is no such token or it was revoked already.</summary>
    bool RevokeApiToken(long id, DateTimeOffset at);

    /// <summary>Appends to the audit log; returns the entry's id.</summary>
    long AppendAudit(AuditEntry entry);

    /// <summary>Appends several entries in one transaction, in their order (a group commit of concurrent requests).</summary>
    void AppendAudits(IReadOnlyList<AuditEntry> entries);

    /// <summary>The newest entries first, optionally of one action and after an id, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<AuditEntry> AuditLog(string? action = null, long afterId = 0, int limit = 1000);
}
