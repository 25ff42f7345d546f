using System.Text.Json;
using Ballast.Core.Classifications;
using Ballast.Web.Dashboard;

namespace Ballast.Tests.Web.Dashboard;

public class ProvinceMapTests
{
    private static readonly Classification Cls = Classification.Default;

    [Fact]
    public void Table_HasTheRegistersProvinces_WithTheirNames()
    {
        Assert.Equal(31, Cls.Provinces.Count);
        foreach (var province in Cls.Provinces)
        {
            var unit = ProvinceMap.ByProvinceCode(province.Code);
            Assert.NotNull(unit);
            Assert.True(unit.HasData, province.Code);
            Assert.Equal(province.NameZh, unit.FullNameZh);
            Assert.Equal(province.NameEn, unit.NameEn);
            Assert.StartsWith(unit.FeatureName, province.NameZh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Table_HasTheThreeUnitsWithoutData_AndNoOther()
    {
        Assert.Equal(34, ProvinceMap.Units.Count);
        var withoutData = ProvinceMap.Units.Where(u => !u.HasData).Select(u => u.Code).Order(StringComparer.Ordinal);
        Assert.Equal(["71", "81", "82"], withoutData);
        foreach (var code in withoutData) Assert.False(Cls.ProvinceByCode.ContainsKey(code));
        Assert.Equal(34, ProvinceMap.Units.Select(u => u.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(34, ProvinceMap.Units.Select(u => u.FeatureName).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void BundledMapFile_EveryFeatureIsTiedToOneUnit_AndEveryUnitIsDrawn()
    {
        // The map file the build copied from the npm package, as the server serves it.
        var path = Path.Combine(AppContext.BaseDirectory, "wwwroot", "lib", "china.geo.json");
        Assert.True(File.Exists(path), $"{path} is missing: the build of Ballast.Web copies it from web/node_modules");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(34, features.Count);
        var codes = features.Select(f => ProvinceMap.Find(f.GetProperty("properties").GetProperty("name").GetString())?.Code).ToList();
        Assert.DoesNotContain(null, codes);
        Assert.Equal(ProvinceMap.Units.Select(u => u.Code).Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("广东", null, "44")]
    [InlineData("广东省", null, "44")]            // official files use the full name
    [InlineData(" 新疆维吾尔自治区 ", null, "65")]
    [InlineData("Guangdong Sheng", "440000", "44")] // or carry the administrative code
    [InlineData("香港", null, "81")]
    public void Find_ByNameOrAdcode(string name, string? adcode, string expected) =>
        Assert.Equal(expected, ProvinceMap.Find(name, adcode)?.Code);

    [Theory]
    [InlineData("南海诸岛", null)]
    [InlineData("Atlantis", "440100")] // a prefecture's code is not a province's
    [InlineData(null, "99")]
    public void Find_OtherFeatures_AreNotUnits(string? name, string? adcode) =>
        Assert.Null(ProvinceMap.Find(name, adcode));
}
