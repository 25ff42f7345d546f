using System.Collections.Concurrent;
using Ballast.Core.Accounts;
using Ballast.Core.Storage;

namespace Ballast.Web.Access;

/// <summary>
/// Active API tokens found recently, keyed by the token's SHA-256, kept a few seconds so that a script filing many
/// reports does not read the store on every request. Revoking a token through this server clears the cache at
/// once; a revocation by another process (the <c>ballast users</c> command) takes effect within <see cref="Lifetime"/>.
/// Unknown and revoked tokens are never kept: they are looked up again each time.
/// </summary>
public sealed class ApiTokenCache(IBallastStore store, TimeProvider clock)
{
    /// <summary>How long a found token is trusted without asking the store again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (ApiToken Token, Account Account, DateTimeOffset Until)> _found = new(StringComparer.Ordinal);

    /// <summary>The active token with this hash and its account; null when unknown or revoked.</summary>
    public (ApiToken Token, Account Account)? FindActive(string tokenHash)
    {
        var now = clock.GetUtcNow();
        if (_found.TryGetValue(tokenHash, out var kept) && kept.Until > now) return (kept.Token, kept.Account);
        var found = store.FindApiToken(tokenHash);
        if (found is not { } f || f.Token.Revoked)
        {
            _found.TryRemove(tokenHash, out _);
            return null;
        }
        _found[tokenHash] = (f.Token, f.Account, now + Lifetime);
        return f;
    }

    /// <summary>Forgets every kept token (after a revocation): the next request of each reads the store.</summary>
    public void Clear() => _found.Clear();
}
