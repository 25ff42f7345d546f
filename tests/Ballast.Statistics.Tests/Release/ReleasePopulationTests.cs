using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;

namespace Ballast.Statistics.Tests.Release;

public class ReleasePopulationTests
{
    private static readonly ReportFigures One = new(1, 1, 1, 0, 0, 0, 0);

    [Fact]
    public void Build_CountsEnterprisesReportsAndProductRows()
    {
        var b = ReleasePopulation.CreateBuilder(PopulationSketch.Codes);
        b.AddEnterprise("B", "13", "11", "SOE", EnterpriseSize.Large, false);
        b.AddEnterprise("A", "26", "14", "PRIVATE", EnterpriseSize.Micro, true, [new TierHolding("GREEN_FACTORY")]);
        b.AddReport("A", new YearMonth(2024, 5), One);
        b.AddReport("A", new YearMonth(2025, 5), One);
        b.AddReport("B", new YearMonth(2025, 1), One);
        b.AddProductOutput("B", new YearMonth(2025, 1), "COAL", 3, null);

        var population = b.Build();

        Assert.Equal(2, population.EnterpriseCount);
        Assert.Equal(3, population.ReportCount);
        Assert.Equal(1, population.ProductRowCount);
    }

    [Fact]
    public void DuplicateReport_IsRefused()
    {
        var b = ReleasePopulation.CreateBuilder(PopulationSketch.Codes);
        b.AddEnterprise("A", "13", "11", "SOE", EnterpriseSize.Small, false);
        b.AddReport("A", new YearMonth(2025, 5), One);

        var error = Assert.Throws<ArgumentException>(() => b.AddReport("A", new YearMonth(2025, 5), One));
        Assert.Contains("two reports for 2025-05", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateProductRow_IsRefusedAtBuild()
    {
        var b = ReleasePopulation.CreateBuilder(PopulationSketch.Codes);
        b.AddEnterprise("A", "13", "11", "SOE", EnterpriseSize.Small, false);
        b.AddProductOutput("A", new YearMonth(2025, 5), "COAL", 1, null);
        b.AddProductOutput("A", new YearMonth(2025, 5), "COAL", 2, null);

        Assert.Throws<ArgumentException>(b.Build);
    }

    [Theory]
    [InlineData("99", "11", "SOE", "division")]
    [InlineData("13", "99", "SOE", "province")]
    [InlineData("13", "11", "NOPE", "ownership")]
    public void UnknownCode_IsRefused(string division, string province, string ownership, string what)
    {
        var b = ReleasePopulation.CreateBuilder(PopulationSketch.Codes);
        var error = Assert.Throws<ArgumentException>(() => b.AddEnterprise("A", division, province, ownership, EnterpriseSize.Small, false));
        Assert.Contains("unknown " + what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportOfAnEnterpriseOutsideTheRegister_IsRefused()
    {
        var b = ReleasePopulation.CreateBuilder(PopulationSketch.Codes);
        var error = Assert.Throws<ArgumentException>(() => b.AddReport("GHOST", new YearMonth(2025, 5), One));
        Assert.Contains("GHOST is not in the register", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnterpriseAfterTheFirstReport_IsAProgrammerError()
    {
        var b = ReleasePopulation.CreateBuilder(PopulationSketch.Codes);
        b.AddEnterprise("A", "13", "11", "SOE", EnterpriseSize.Small, false);
        b.AddReport("A", new YearMonth(2025, 5), One);

        Assert.Throws<InvalidOperationException>(() => b.AddEnterprise("B", "13", "11", "SOE", EnterpriseSize.Small, false));
    }

    [Fact]
    public void Codes_WithADivisionOfAnUnknownSection_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReleaseCodes(
            ["B"], [new ReleaseDivision("13", "C", false)], [], [], [], [], [], []));
        Assert.Contains("section C", error.Message, StringComparison.Ordinal);
    }
}
