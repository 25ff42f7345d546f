using System.Collections.Concurrent;
using System.Diagnostics;
using Ballast.Core.Accounts;
using Ballast.Core.Storage;

namespace Ballast.Web.Access;

/// <summary>
/// The store's answer for an API token's hash, kept briefly so that a script's many requests do not each read the
/// store: only tokens found and not revoked are kept, for <see cref="Lifetime"/> of real time. A revocation through
/// this process's API forgets them all at once; one made by another process takes effect within the lifetime.
/// </summary>
public sealed class ApiTokenLookups(IBallastStore store)
{
    /// <summary>How long a found token is trusted without reading the store again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>Tokens kept at most; when full, all are forgotten (they are read again on their next use).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (ApiToken Token, Account Account, long ReadAt)> _found = new(StringComparer.Ordinal);

    /// <summary>The token and its account for a hash, as <see cref="IAccountStore.FindApiToken"/> gives them.</summary>
    public (ApiToken Token, Account Account)? Find(string tokenHash)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        if (_found.TryGetValue(tokenHash, out var kept) && Stopwatch.GetElapsedTime(kept.ReadAt) < Lifetime) return (kept.Token, kept.Account);
        long readAt = Stopwatch.GetTimestamp();
        var found = store.FindApiToken(tokenHash);
        if (found is { } f && !f.Token.Revoked)
        {
            if (_found.Count >= Capacity) _found.Clear();
            _found[tokenHash] = (f.Token, f.Account, readAt);
        }
        else _found.TryRemove(tokenHash, out _);
        return found;
    }

    /// <summary>Forgets every kept token (after a revocation).</summary>
    public void Forget() => _found.Clear();
}
