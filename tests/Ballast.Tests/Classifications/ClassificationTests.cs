using Ballast.Core.Classifications;

namespace Ballast.Tests.Classifications;

public class ClassificationTests
{
    private static readonly Classification C = Classification.Default;

    [Fact]
    public void Tables_HaveTheSpecSizes()
    {
        Assert.Equal(41, C.Divisions.Count);
        Assert.Equal(31, C.Provinces.Count);
        Assert.Equal(10, C.KeyIndustryGroups.Count);
        Assert.Equal(17, C.Products.Count);
        Assert.Equal(6, C.Ownerships.Count);
        Assert.Equal(10, C.Tiers.Count);
        Assert.Equal(3, C.Sections.Count);
        Assert.Equal("06", C.Divisions[0].Code);
        Assert.Equal("46", C.Divisions[^1].Code);
        Assert.Equal("新疆维吾尔自治区", C.ProvinceByCode["65"].NameZh);
        Assert.Equal("northeast", C.ProvinceByCode["21"].Region4);
        Assert.Equal(["26", "28"], C.KeyIndustryByCode["CHEMICALS"].Divisions);
    }

    [Theory]
    [InlineData(1000, 40000, SizeClass.Large)]
    [InlineData(999, 40000, SizeClass.Medium)]      // employees one short of large
    [InlineData(1000, 39999.99, SizeClass.Medium)]  // revenue one cent short of large
    [InlineData(300, 2000, SizeClass.Medium)]
    [InlineData(299, 100000, SizeClass.Small)]
    [InlineData(20, 300, SizeClass.Small)]
    [InlineData(5000, 299.99, SizeClass.Micro)]     // both conditions are required
    [InlineData(19, 300, SizeClass.Micro)]
    [InlineData(0, 0, SizeClass.Micro)]
    public void SizeOf_BoundsInclusiveBothRequired(int employees, double revenue, SizeClass expected) =>
        Assert.Equal(expected, C.SizeOf(employees, revenue));

    [Theory]
    [InlineData("2710", true)]   // pharmaceuticals prefix 27
    [InlineData("3741", true)]   // 374 aircraft
    [InlineData("4343", true)]
    [InlineData("4342", false)]
    [InlineData("3562", true)]
    [InlineData("3561", false)]
    [InlineData("3841", true)]
    [InlineData("3310", false)]
    public void IsHighTech_ByClassPrefix(string industryCode, bool expected) => Assert.Equal(expected, C.IsHighTech(industryCode));

    [Fact]
    public void Equipment_IsDivisions33To40()
    {
        var equipment = C.Divisions.Where(d => d.IsEquipment).Select(d => d.Code).ToArray();
        Assert.Equal(["33", "34", "35", "36", "37", "38", "39", "40"], equipment);
    }

    [Fact]
    public void EmbeddedTables_EqualTheSpecTables()
    {
        // The project carries its own copy; it must not drift from the spec when both are present.
        var spec = Path.Combine(RepoPaths.SharedSpec(), "classifications");
        if (!Directory.Exists(spec)) throw new DirectoryNotFoundException($"spec tables not found at {spec}");
        foreach (var file in Directory.GetFiles(spec, "*.csv"))
        {
            var own = Path.Combine(RepoPaths.Root(), "src", "Ballast.Core", "Classifications", "Data", Path.GetFileName(file));
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(own));
        }
    }
}
