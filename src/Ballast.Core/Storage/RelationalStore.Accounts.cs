using System.Data.Common;
using System.Globalization;
using Ballast.Core.Accounts;

namespace Ballast.Core.Storage;

// Accounts, API tokens and the audit log (migration 005).
public abstract partial class RelationalStore
{
    /// <summary>Runs <paramref name="write"/> in a write transaction and commits; rolls back on any exception.</summary>
    private protected T InWrite<T>(Func<DbConnection, T> write)
    {
        using var c = OpenConnection();
        BeginWrite(c);
        try
        {
            var result = write(c);
            Execute(c, "COMMIT");
            return result;
        }
        catch
        {
            TryRollback(c);
            throw;
        }
    }

    public void AddAccount(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        InWrite(c =>
        {
            if (Scalar(c, "SELECT 1 FROM users WHERE user_name = @u", ("u", account.UserName)) is not null)
                throw new StoreException($"the user name \"{account.UserName}\" is taken in {Description}");
            return Execute(c, "INSERT INTO users (user_name, role, scope, password_hash, created_at) VALUES (@u, @r, @s, @h, @t)",
                ("u", account.UserName), ("r", Roles.Name(account.Role)), ("s", account.Scope), ("h", account.PasswordHash), ("t", TimeValue(account.CreatedAt)));
        });
    }

    private const string AccountColumns = "user_name, role, scope, password_hash, created_at";

    private Account ReadAccount(DbDataReader r, int first = 0)
    {
        string roleName = r.GetString(first + 1);
        if (!Roles.TryParse(roleName, out var role))
            throw new StoreException($"the account \"{r.GetString(first)}\" in {Description} has an unknown role \"{roleName}\"");
        return new Account(r.GetString(first), role, r.GetString(first + 2), r.GetString(first + 3), ReadTime(r, first + 4));
    }

    public Account? FindAccount(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        foreach (var r in Rows($"SELECT {AccountColumns} FROM users WHERE user_name = @u", ("u", userName)))
            return ReadAccount(r);
        return null;
    }

    public IReadOnlyList<Account> Accounts()
    {
        var list = new List<Account>();
        foreach (var r in Rows($"SELECT {AccountColumns} FROM users ORDER BY user_name")) list.Add(ReadAccount(r));
        list.Sort((a, b) => string.CompareOrdinal(a.UserName, b.UserName)); // the back ends' collations differ
        return list;
    }

    public bool SetPasswordHash(string userName, string passwordHash) =>
        InWrite(c => Execute(c, "UPDATE users SET password_hash = @h WHERE user_name = @u", ("h", passwordHash), ("u", userName))) == 1;

    public long AddApiToken(string userName, string name, string tokenHash, DateTimeOffset createdAt) =>
        InWrite(c =>
        {
            if (Scalar(c, "SELECT 1 FROM users WHERE user_name = @u", ("u", userName)) is null)
                throw new StoreException($"there is no user \"{userName}\" in {Description}");
            return Convert.ToInt64(Scalar(c, "INSERT INTO api_tokens (user_name, name, token_hash, created_at) VALUES (@u, @n, @h, @t) RETURNING id",
                ("u", userName), ("n", name), ("h", tokenHash), ("t", TimeValue(createdAt))), CultureInfo.InvariantCulture);
        });

    private const string TokenColumns = "t.id, t.user_name, t.name, t.token_hash, t.created_at, t.revoked_at";

    private ApiToken ReadToken(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), ReadTime(r, 4), r.IsDBNull(5) ? null : ReadTime(r, 5));

    public (ApiToken Token, Account Account)? FindApiToken(string tokenHash)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        foreach (var r in Rows($"SELECT {TokenColumns}, u.user_name, u.role, u.scope, u.password_hash, u.created_at FROM api_tokens t JOIN users u ON u.user_name = t.user_name WHERE t.token_hash = @h", ("h", tokenHash)))
            return (ReadToken(r), ReadAccount(r, 6));
        return null;
    }

    public IReadOnlyList<ApiToken> ApiTokens(string? userName = null)
    {
        var list = new List<ApiToken>();
        string sql = $"SELECT {TokenColumns} FROM api_tokens t" + (userName is null ? "" : " WHERE t.user_name = @u") + " ORDER BY t.id DESC";
        foreach (var r in userName is null ? Rows(sql) : Rows(sql, ("u", userName))) list.Add(ReadToken(r));
        return list;
    }

    public bool RevokeApiToken(long id, DateTimeOffset at) =>
        InWrite(c => Execute(c, "UPDATE api_tokens SET revoked_at = @t WHERE id = @id AND revoked_at IS NULL", ("t", TimeValue(at)), ("id", id))) == 1;

    public long AppendAudit(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return InWrite(c => Convert.ToInt64(Scalar(c,
            InsertAuditSql + " RETURNING id", AuditValues(entry)),
            CultureInfo.InvariantCulture));
    }

    public void AppendAudits(IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return;
        InWrite(c =>
        {
            using var insert = AuditInsert(c);
            foreach (var e in entries) WriteAudit(insert, e);
            return entries.Count;
        });
    }

    private const string AuditColumns = "at, user_name, action, target, outcome, address, detail";
    private const string InsertAuditSql = "INSERT INTO audit_log (" + AuditColumns + ") VALUES (@t, @u, @a, @g, @o, @d, @x)";

    /// <summary>A reusable insert of audit entries on a connection (for writers that append many in one transaction).</summary>
    private protected static DbCommand AuditInsert(DbConnection c) =>
        Command(c, InsertAuditSql, ("t", ""), ("u", ""), ("a", ""), ("g", ""), ("o", ""), ("d", ""), ("x", ""));

    /// <summary>Binds an entry to an <see cref="AuditInsert"/> command and runs it.</summary>
    private protected void WriteAudit(DbCommand insert, AuditEntry e)
    {
        var values = AuditValues(e);
        for (int i = 0; i < values.Length; i++) insert.Parameters[i].Value = values[i].Item2 ?? DBNull.Value;
        insert.ExecuteNonQuery();
    }

    /// <summary>The parameters of <see cref="InsertAuditSql"/> for an entry, in its order.</summary>
    private protected (string Name, object? Value)[] AuditValues(AuditEntry e) =>
        [("t", TimeValue(e.At)), ("u", e.User), ("a", e.Action), ("g", e.Target), ("o", e.Outcome), ("d", e.Address), ("x", e.Detail)];

    public IReadOnlyList<AuditEntry> AuditLog(string? action = null, long afterId = 0, int limit = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var list = new List<AuditEntry>();
        string sql = "SELECT id, at, user_name, action, target, outcome, address, detail FROM audit_log WHERE id > @after" +
                     (action is null ? "" : " AND action = @a") + " ORDER BY id DESC LIMIT @n";
        var rows = action is null ? Rows(sql, ("after", afterId), ("n", limit)) : Rows(sql, ("after", afterId), ("a", action), ("n", limit));
        foreach (var r in rows)
            list.Add(new AuditEntry(r.GetInt64(0), ReadTime(r, 1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7)));
        return list;
    }
}
