using Ballast.Core.Classifications;

namespace Ballast.Core.Demo;

/// <summary>One enterprise's fixed parameters; its months are derived from these and counter-based draws.</summary>
internal sealed class DemoUnit
{
    public required int Index { get; init; }
    public required DemoRandom Random { get; init; }
    public required int Division { get; init; }
    public required string DivisionCode { get; init; }
    public required string IndustryCode { get; init; }
    public required string RegionCode { get; init; }
    public required string Ownership { get; init; }
    public required double Revenue2024 { get; init; }
    public required double Output2024 { get; init; }
    public required int Employees { get; init; }
    public required SizeClass Size { get; init; }
    public required bool HighTech { get; init; }
    public required bool Equipment { get; init; }
    public bool Sme => Size != SizeClass.Large;
    /// <summary>Section C (divisions 13–43).</summary>
    public required bool Manufacturing { get; init; }
    public required int FirstYear { get; init; }
    public required int LastYear { get; init; }
    public required double GrowthSigma { get; init; }
    public required double TransientSigma { get; init; }
    public required double ZeroMonthChance { get; init; }
    public required double SalesRatio { get; init; }
    public required double OtherRevenue { get; init; }
    public required double ExportShare { get; init; }
    public required double Margin { get; init; }
    public required double EnergyFactor { get; init; }
    public required double WaterFactor { get; init; }
    public required double ReceivableMonths { get; init; }
    public required double OverdueShare { get; init; }
    public required double EmployeeTrend { get; init; }
    public required UnitProduct[] Products { get; init; }

    public string CreditCode { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Tiers { get; } = [];
    public bool LittleGiant { get; set; }

    /// <summary>R&amp;D expense as a share of revenue (set once the tiers are known).</summary>
    public double RdIntensity { get; set; }

    public bool ActiveIn(int year) => year >= FirstYear && year <= LastYear;
}

/// <summary>A product an enterprise makes: its 2024 annual physical output and how it reports capacity.</summary>
internal sealed record UnitProduct(int Product, string Code, double Annual2024, double CapacityUse, bool ReportsCapacity);
