using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Demo;

/// <summary>
/// What the demo generator is asked for: the register size, the number of months (ending 2025-12; 72 months
/// start in 2020-01) and the seed. The same options always give the same data, byte for byte. With
/// <paramref name="PlantProblems"/> (the default) the population carries the planted problems of
/// <see cref="DemoPlantedProblems"/>; without, it is the control population.
/// </summary>
public sealed record DemoOptions(int Enterprises = 20_000, int Months = 72, int Seed = 1, bool PlantProblems = true)
{
    public const int MaxMonths = 120;

    /// <summary>The last month of every demo data set.</summary>
    public static YearMonth LastPeriod => new(DemoParameters.LastYear, 12);

    public YearMonth FirstPeriod => LastPeriod.AddMonths(-(Months - 1));

    internal void Validate()
    {
        if (Enterprises is < 1 or > 5_000_000)
            throw new ArgumentOutOfRangeException(nameof(Enterprises), Enterprises, "the demo population has 1 to 5,000,000 enterprises");
        if (Months is < 1 or > MaxMonths)
            throw new ArgumentOutOfRangeException(nameof(Months), Months, $"the demo covers 1 to {MaxMonths} months ending 2025-12");
    }
}

/// <summary>
/// The values the generator solved so that the population reproduces the published 2025 figures
/// (docs/methodology/demo-population.md, "Calibration"). Offsets in percentage points of 2025 volume growth.
/// </summary>
public sealed record DemoCalibration(
    double Level, double HighTech, double Equipment, double Sme, double December,
    IReadOnlyDictionary<string, double> ProductAdjustments, double LittleGiantRdScale);

/// <summary>
/// A synthetic population calibrated to published aggregates — never real microdata. The register and the
/// reference tables are held in memory; reports and product rows are regenerated on each enumeration from
/// per-enterprise counters, so a national population never has to fit in memory.
/// </summary>
public sealed class DemoData
{
    private readonly DemoModel _model;

    internal DemoData(DemoModel model) => _model = model;

    public DemoOptions Options => _model.Options;
    public YearMonth FirstPeriod => _model.First;
    public YearMonth LastPeriod => _model.Last;

    /// <summary>The register, sorted by credit code.</summary>
    public IReadOnlyList<Enterprise> Enterprises => _model.Enterprises;

    /// <summary>Value-added rates per division and year of the window, sorted by division and year.</summary>
    public IReadOnlyList<VaRate> VaRates => _model.VaRates;

    /// <summary>PPI per division and month of the window (same month a year earlier = 100), sorted by division and period.</summary>
    public IReadOnlyList<PpiEntry> Ppi => _model.Ppi;

    public DemoCalibration Calibration => _model.Calibration;

    /// <summary>Where the problems were planted; null for a control population.</summary>
    public DemoPlantedProblems? Planted => _model.Planting?.Problems;

    /// <summary>Monthly reports sorted by credit code and period, generated as they are read.</summary>
    public IEnumerable<MonthlyReport> Reports() => _model.Reports();

    /// <summary>Product rows sorted by credit code, period and product, generated as they are read.</summary>
    public IEnumerable<ProductOutput> Products() => _model.Products();

    internal int EnterpriseCount => _model.Order.Length;
    internal IEnumerable<MonthlyReport> Reports(int fromPosition, int toPosition) => _model.Reports(fromPosition, toPosition);
    internal IEnumerable<ProductOutput> Products(int fromPosition, int toPosition) => _model.Products(fromPosition, toPosition);
}
