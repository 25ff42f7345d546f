using System.Security.Cryptography;

namespace Ballast.Core.Accounts;

/// <summary>
/// Personal API tokens: 256 random bits, shown once as <c>blt_</c> + 64 hex digits; the store keeps only the
/// SHA-256 of the token text, so a copy of the database gives no usable token.
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "blt_";

    /// <summary>A new token and the hash to store.</summary>
    public static (string Token, string Hash) Issue()
    {
        string token = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>SHA-256 of the token text (UTF-8), lower-case hex.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>True when the presented token hashes to the stored hash, compared in constant time.</summary>
    public static bool Matches(string presentedToken, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(presentedToken);
        ArgumentNullException.ThrowIfNull(storedHash);
        var a = System.Text.Encoding.ASCII.GetBytes(Hash(presentedToken));
        var b = System.Text.Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
