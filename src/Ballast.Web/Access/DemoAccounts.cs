using System.Security.Cryptography;
using Ballast.Core.Accounts;
using Ballast.Core.Storage;

namespace Ballast.Web.Access;

/// <summary>
/// DEMO ONLY: one account per role on a store that holds the demo population and no account yet, all with one
/// random password that is printed once. A real deployment creates its accounts with <c>ballast users add</c>.
/// </summary>
public static class DemoAccounts
{
    public const string Administrator = "admin";
    public const string FirstStatistician = "stat1";
    public const string SecondStatistician = "stat2";
    public const string National = "national";
    public const string EnterpriseUser = "enterprise";

    /// <summary>The provincial analyst's user name for a province code.</summary>
    public static string Provincial(string province) => "prov-" + province;

    /// <summary>The accounts created, and their password; empty (and null) when the store already had accounts or no enterprise.</summary>
    public static (IReadOnlyList<Account> Accounts, string? Password) Create(IBallastStore store, TimeProvider clock, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        if (store.Accounts().Count > 0) return ([], null);
        var firm = store.Enterprises().FirstOrDefault();
        if (firm is null) return ([], null);
        password ??= "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        string hash = Passwords.Hash(password);
        var now = clock.GetUtcNow();
        Account[] accounts =
        [
            new(Administrator, Role.Administrator, "", hash, now),
            new(FirstStatistician, Role.Statistician, "", hash, now),
            new(SecondStatistician, Role.Statistician, "", hash, now),
            new(National, Role.NationalAnalyst, "", hash, now),
            new(Provincial(firm.Province), Role.ProvincialAnalyst, firm.Province, hash, now),
            new(EnterpriseUser, Role.Enterprise, firm.CreditCode, hash, now),
        ];
        foreach (var a in accounts) store.AddAccount(a);
        return (accounts, password);
    }
}
