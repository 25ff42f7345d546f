using Ballast.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Ballast.Web.Access;

/// <summary>
/// Password hashing with ASP.NET Core Identity's PasswordHasher (PBKDF2, salted, versioned format), used when an
/// account is created or its password set, and at sign-in; nothing else reads the hash.
/// </summary>
public static class Passwords
{
    private static readonly PasswordHasher<Account> Hasher = new();

    /// <summary>A fixed hash to verify against when the user name is unknown, so both cases take the same time.</summary>
    private static readonly Lazy<string> Decoy = new(() => Hasher.HashPassword(null!, "decoy-password-for-unknown-users"));

    public const int MinimumLength = 10;

    /// <summary>Why a password is not acceptable, or null.</summary>
    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumLength
            ? $"a password needs at least {MinimumLength} characters"
            : null;

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Hasher.HashPassword(null!, password);
    }

    /// <summary>True when the password is the account's. Unknown users (null) cost the same time and fail.</summary>
    public static bool Verify(Account? account, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (account is null || account.PasswordHash.Length == 0)
        {
            Hasher.VerifyHashedPassword(null!, Decoy.Value, password);
            return false;
        }
        return Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
    }
}
