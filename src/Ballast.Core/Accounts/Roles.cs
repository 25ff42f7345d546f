namespace Ballast.Core.Accounts;

/// <summary>What a user of the web platform may do (docs/api.md, "Roles").</summary>
public enum Role
{
    /// <summary>An enterprise: its own register entry and reports (scope: its credit code).</summary>
    Enterprise,
    /// <summary>A provincial analyst: its province's microdata, published figures everywhere (scope: province code).</summary>
    ProvincialAnalyst,
    /// <summary>A national analyst: all microdata.</summary>
    NationalAnalyst,
    /// <summary>A statistician: prepares and approves releases; sees unsuppressed figures.</summary>
    Statistician,
    /// <summary>An administrator: users, rules, imports.</summary>
    Administrator,
}

/// <summary>Role names as users write them, and what each role may see.</summary>
public static class Roles
{
    public const string Enterprise = "enterprise";
    public const string ProvincialAnalyst = "provincial_analyst";
    public const string NationalAnalyst = "national_analyst";
    public const string Statistician = "statistician";
    public const string Administrator = "administrator";

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static string Name(Role role) => role switch
    {
        Role.Enterprise => Enterprise,
        Role.ProvincialAnalyst => ProvincialAnalyst,
        Role.NationalAnalyst => NationalAnalyst,
        Role.Statistician => Statistician,
        Role.Administrator => Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? text, out Role role)
    {
        foreach (var r in All)
            if (string.Equals(Name(r), text, StringComparison.Ordinal)) { role = r; return true; }
        role = default;
        return false;
    }

    /// <summary>
    /// Roles that see unsuppressed release figures (confidential cells' values) and releases before their embargo:
    /// national analysts and statisticians. Everyone else sees the published view of published releases only.
    /// </summary>
    public static bool SeesConfidentialFigures(Role role) => role is Role.NationalAnalyst or Role.Statistician;

    /// <summary>What the scope of an account must be: a credit code, a province code, or nothing.</summary>
    public static string? ScopeError(Role role, string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return role switch
        {
            Role.Enterprise when !Register.CreditCode.IsValid(scope) =>
                $"an enterprise account needs the enterprise's unified social credit code (18 characters with a valid check character); got \"{scope}\"",
            Role.ProvincialAnalyst when !Classifications.Classification.Default.ProvinceByCode.ContainsKey(scope) =>
                $"a provincial analyst account needs a two-digit province code of the classification (e.g. 44); got \"{scope}\"",
            Role.NationalAnalyst or Role.Statistician or Role.Administrator when scope.Length != 0 =>
                $"a {Name(role)} account has no scope; got \"{scope}\"",
            _ => null,
        };
    }
}
