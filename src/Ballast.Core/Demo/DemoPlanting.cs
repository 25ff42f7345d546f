using Ballast.Core.Classifications;

namespace Ballast.Core.Demo;

/// <summary>
/// The problems planted in a demo population, at places chosen by the seed (docs/methodology/demo-population.md,
/// Planted problems): an overcapacity key product, a slowing province (its growth falls month after month in
/// 2025, driven by one division in it), a division in decline (contracting in 2025, driven by one province).
/// </summary>
/// <param name="OvercapacityProduct">The product whose makers run at about 0.78 of their usual capacity use.</param>
/// <param name="SlowingProvince">The slowing province.</param>
/// <param name="SlowingDivision">The division of the slowing province whose 2025 growth is cut, more each month.</param>
/// <param name="DecliningDivision">The contracting division.</param>
/// <param name="DecliningProvince">The province whose enterprises of the declining division contract.</param>
/// <param name="DecliningCut">The cut (percentage points of 2025 growth) of the declining division's enterprises in that province.</param>
/// <param name="SlowingStep">The slowing division's cut grows by this many points each month of 2025 (step × month number).</param>
public sealed record DemoPlantedProblems(
    string OvercapacityProduct, string SlowingProvince, string SlowingDivision, string DecliningDivision, string DecliningProvince,
    double DecliningCut, double SlowingStep);

/// <summary>Chooses the planted places and gives the planted effects; see <see cref="DemoPlantedProblems"/>.</summary>
internal sealed class DemoPlanting
{
    /// <summary>Key products an overcapacity is planted in (the list of watched products).</summary>
    internal static readonly string[] OvercapacityCandidates =
        ["CRUDE_STEEL", "CEMENT", "FLAT_GLASS", "ELEC_ALUMINIUM", "SOLAR_CELLS", "LI_BATTERIES", "NEV"];

    /// <summary>Capacity use of the overcapacity product's makers, relative to their own.</summary>
    internal const double CapacityFactor = 0.78;

    /// <summary>The slowing province's expected year-to-date gap to its own course at December, points.</summary>
    private const double SlowingDepth = 4;

    /// <summary>The declining division's growth this far below zero, in expectation.</summary>
    private const double DeclineDepth = 4;

    private readonly int _product;
    private readonly double _slowingStep;
    private readonly bool[] _slowing, _declining;

    public DemoPlantedProblems Problems { get; }

    private DemoPlanting(DemoPlantedProblems problems, int product, double slowingStep, bool[] slowing, bool[] declining)
    {
        _slowingStep = slowingStep;
        Problems = problems;
        _product = product;
        _slowing = slowing;
        _declining = declining;
    }

    /// <summary>The planted 2025 growth offset (percentage points) of a unit in month m.</summary>
    public double GrowthOffset(DemoUnit u, int month0) =>
        _slowing[u.Index] ? -_slowingStep * (month0 + 1) : _declining[u.Index] ? -Problems.DecliningCut : 0;

    /// <summary>The factor on a unit's capacity use of a product.</summary>
    public double CapacityUse(int product) => product == _product ? CapacityFactor : 1;

    /// <summary>
    /// Chooses the places from the seed among those large enough to be published (not confidential) and to show
    /// the effect at any population size: the declining division among divisions that already grow slowly (growth
    /// offset ≤ −3 points, at least 1 % of enterprises), in its province with the most 2024 output; the slowing
    /// province among the six with most enterprises (not that one), with its division of most 2024 output (not the
    /// declining division); the product among the watched key products that at least five enterprises make.
    /// </summary>
    public static DemoPlanting Choose(DemoModel model, DemoUnit[] units)
    {
        var cls = model.Classification;
        var rng = new DemoRandom((ulong)(uint)model.Options.Seed, -1);
        string Province(DemoUnit u) => u.RegionCode[..2];
        bool Active(DemoUnit u) => u.ActiveIn(DemoParameters.AnchorYear) && u.ActiveIn(DemoParameters.LastYear);
        // Value added of 2024, roughly: the shares that set the size of the planted cuts.
        double Va(DemoUnit u) => u.Output2024 * DemoParameters.Divisions[u.DivisionCode].VaRate;

        // Declining division and its province.
        var divisionCounts = units.GroupBy(u => u.DivisionCode).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var slowDivisions = cls.Divisions.Select(d => d.Code)
            .Where(d => DemoParameters.Divisions[d].GrowthOffset <= -3 && DemoParameters.Divisions[d].EnterpriseShare >= 1.0
                        && divisionCounts.GetValueOrDefault(d) > 0)
            .Order(StringComparer.Ordinal).ToArray();
        // A tiny population may lack them all: then any division it has (the places are then only nominal).
        if (slowDivisions.Length == 0) slowDivisions = [.. divisionCounts.Keys.Order(StringComparer.Ordinal)];
        string decliningDivision = slowDivisions[(int)(rng.Uniform(Purpose.Division, 1) * slowDivisions.Length)];
        var byProvince = units.Where(u => u.DivisionCode == decliningDivision && (Active(u) || !units.Any(x => x.DivisionCode == decliningDivision && Active(x))))
            .GroupBy(Province).Select(g => (Province: g.Key, Output: g.Sum(Va)))
            .OrderByDescending(p => p.Output).ThenBy(p => p.Province, StringComparer.Ordinal).ToArray();
        string decliningProvince = byProvince[0].Province;
        double total = byProvince.Sum(p => p.Output);
        double share = total > 0 ? byProvince[0].Output / total : 1;
        // Cut so that the division's expected 2025 growth is −DeclineDepth: natural growth (national + the division's
        // offset) minus share × cut. Capped: growth factors below 0.3 are floored by the model.
        double natural = DemoParameters.TargetTotalDec + DemoParameters.Divisions[decliningDivision].GrowthOffset;
        double cut = Math.Clamp((natural + DeclineDepth) / share, 15, 60);

        // Slowing province and its division.
        var provinceCounts = units.GroupBy(Province).Select(g => (Province: g.Key, Count: g.Count()))
            .Where(p => p.Province != decliningProvince || units.All(u => Province(u) == decliningProvince))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Province, StringComparer.Ordinal).Take(6)
            .Select(p => p.Province).Order(StringComparer.Ordinal).ToArray();
        string slowingProvince = provinceCounts[(int)(rng.Uniform(Purpose.Province, 1) * provinceCounts.Length)];
        var inProvince = units.Where(u => Province(u) == slowingProvince).ToArray();
        var candidates = inProvince.Where(u => Active(u) && u.DivisionCode != decliningDivision)
            .GroupBy(u => u.DivisionCode).Select(g => (Division: g.Key, Va: g.Sum(Va), Count: g.Count()))
            .OrderByDescending(d => d.Va).ThenBy(d => d.Division, StringComparer.Ordinal).ToArray();
        // Five enterprises at least, so that the cause is a published cell; a tiny population takes what it has.
        var slowingCandidate = candidates.FirstOrDefault(d => d.Count >= 5);
        if (slowingCandidate.Division is null)
            slowingCandidate = candidates.Length > 0 ? candidates[0] : (inProvince[0].DivisionCode, 0, 0);
        string slowingDivision = slowingCandidate.Division;
        // Cut step × (m + 1) in month m: the year-to-date cut at December averages 6.5 steps; scaled so that the
        // province's expected gap is SlowingDepth whatever the division's share of it.
        double provinceVa = inProvince.Where(Active).Sum(Va);
        double slowingShare = provinceVa > 0 && slowingCandidate.Va > 0 ? slowingCandidate.Va / provinceVa : 1;
        double step = Math.Clamp(SlowingDepth / (6.5 * slowingShare), 1, 6);

        // Overcapacity product.
        var makers = DemoParameters.Products.Select((p, i) => (p.Code, Index: i, Makers: units.Count(u => u.Products.Any(x => x.Product == i))))
            .Where(p => OvercapacityCandidates.Contains(p.Code, StringComparer.Ordinal) && p.Makers >= 5).ToArray();
        var product = makers.Length == 0 ? (Code: "", Index: -1, Makers: 0)
            : makers[(int)(rng.Uniform(Purpose.ProductMaker, 1) * makers.Length)];

        var slowing = units.Select(u => Province(u) == slowingProvince && u.DivisionCode == slowingDivision).ToArray();
        var declining = units.Select(u => Province(u) == decliningProvince && u.DivisionCode == decliningDivision).ToArray();
        return new DemoPlanting(
            new DemoPlantedProblems(product.Code, slowingProvince, slowingDivision, decliningDivision, decliningProvince, cut, step),
            product.Index, step, slowing, declining);
    }
}
