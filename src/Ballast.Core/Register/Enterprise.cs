namespace Ballast.Core.Register;

/// <summary>
/// One enterprise above designated size, as the register holds it (enterprises.csv). Money in 10,000 yuan.
/// The size class is not stored: it is derived from <see cref="Employees"/> and <see cref="RevenueLastYear"/>.
/// </summary>
public sealed record Enterprise(
    string CreditCode,
    string Name,
    string RegionCode,
    string IndustryCode,
    string Ownership,
    int Employees,
    double RevenueLastYear,
    IReadOnlyList<string> Tiers)
{
    /// <summary>Two-digit province code: the first two digits of the region code.</summary>
    public string Province => RegionCode[..2];

    /// <summary>Two-digit GB/T 4754 division: the first two digits of the industry class.</summary>
    public string Division => IndustryCode[..2];

    /// <summary>Tiers as the register file writes them: codes joined by ';'.</summary>
    public string TiersText => string.Join(';', Tiers);

    public bool Equals(Enterprise? other) =>
        other is not null && CreditCode == other.CreditCode && Name == other.Name && RegionCode == other.RegionCode &&
        IndustryCode == other.IndustryCode && Ownership == other.Ownership && Employees == other.Employees &&
        RevenueLastYear.Equals(other.RevenueLastYear) && Tiers.SequenceEqual(other.Tiers);

    public override int GetHashCode() => HashCode.Combine(CreditCode, Name, RegionCode, IndustryCode, Ownership, Employees, RevenueLastYear);
}
