using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Ballast.Core.Files;

namespace Ballast.Core.Classifications;

public sealed record Section(char Code, string NameEn, string NameZh);
public sealed record Division(string Code, char Section, string NameEn, string NameZh)
{
    /// <summary>Equipment manufacturing: divisions 33–40.</summary>
    public bool IsEquipment => string.CompareOrdinal(Code, "33") >= 0 && string.CompareOrdinal(Code, "40") <= 0;
}
public sealed record Province(string Code, string NameEn, string NameZh, string Region4);
public sealed record HighTechPrefix(string ClassPrefix, string Group, string NameEn, string NameZh);
public sealed record KeyIndustryGroup(string Code, IReadOnlyList<string> Divisions, string NameEn, string NameZh);
public sealed record Ownership(string Code, string NameEn, string NameZh);
public sealed record Product(string Code, string Division, string Unit, string NameEn, string NameZh);
public sealed record Tier(string Code, string Program, int Rank, string NameEn, string NameZh);
public sealed record SizeThreshold(SizeClass Size, int MinEmployees, double MinRevenue, string NameZh);

/// <summary>Size classes of industrial enterprises (NBS 国统字〔2017〕213号), derived from the register.</summary>
public enum SizeClass { Large, Medium, Small, Micro }

/// <summary>
/// The code lists of the spec (industries, provinces, high-tech prefixes, key industries, products, ownership,
/// tiers, size thresholds), shipped inside the assembly and loaded once.
/// </summary>
public sealed class Classification
{
    private static readonly Lazy<Classification> Lazy = new(LoadEmbedded);

    /// <summary>The classifications shipped with Ballast.</summary>
    public static Classification Default => Lazy.Value;

    public static readonly IReadOnlyList<string> Regions4 = ["east", "central", "west", "northeast"];

    public IReadOnlyList<Section> Sections { get; }
    public IReadOnlyList<Division> Divisions { get; }
    public IReadOnlyList<Province> Provinces { get; }
    public IReadOnlyList<HighTechPrefix> HighTechPrefixes { get; }
    public IReadOnlyList<KeyIndustryGroup> KeyIndustryGroups { get; }
    public IReadOnlyList<Ownership> Ownerships { get; }
    public IReadOnlyList<Product> Products { get; }
    public IReadOnlyList<Tier> Tiers { get; }
    public IReadOnlyList<SizeThreshold> SizeThresholds { get; }

    public FrozenDictionary<string, Division> DivisionByCode { get; }
    public FrozenDictionary<string, Province> ProvinceByCode { get; }
    public FrozenDictionary<string, Ownership> OwnershipByCode { get; }
    public FrozenDictionary<string, Product> ProductByCode { get; }
    public FrozenDictionary<string, Tier> TierByCode { get; }
    public FrozenDictionary<string, KeyIndustryGroup> KeyIndustryByCode { get; }

    private Classification(
        IReadOnlyList<Division> divisions, IReadOnlyList<Province> provinces, IReadOnlyList<HighTechPrefix> hightech,
        IReadOnlyList<KeyIndustryGroup> keyIndustries, IReadOnlyList<Ownership> ownerships, IReadOnlyList<Product> products,
        IReadOnlyList<Tier> tiers, IReadOnlyList<SizeThreshold> sizes)
    {
        Sections =
        [
            new Section('B', "Mining", "采矿业"),
            new Section('C', "Manufacturing", "制造业"),
            new Section('D', "Production and supply of electricity, heat, gas and water", "电力、热力、燃气及水生产和供应业"),
        ];
        Divisions = divisions;
        Provinces = provinces;
        HighTechPrefixes = hightech;
        KeyIndustryGroups = keyIndustries;
        Ownerships = ownerships;
        Products = products;
        Tiers = tiers;
        SizeThresholds = sizes;
        DivisionByCode = divisions.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
        ProvinceByCode = provinces.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        OwnershipByCode = ownerships.ToFrozenDictionary(o => o.Code, StringComparer.Ordinal);
        ProductByCode = products.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        TierByCode = tiers.ToFrozenDictionary(t => t.Code, StringComparer.Ordinal);
        KeyIndustryByCode = keyIndustries.ToFrozenDictionary(k => k.Code, StringComparer.Ordinal);
    }

    /// <summary>High-technology manufacturing: the industry class starts with one of the listed prefixes.</summary>
    public bool IsHighTech(ReadOnlySpan<char> industryCode)
    {
        foreach (var p in HighTechPrefixes)
            if (industryCode.StartsWith(p.ClassPrefix, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// The industrial size class from last year's employees and revenue (10k yuan), bounds inclusive, both
    /// conditions required: large when ≥ 1000 and ≥ 40000, medium when ≥ 300 and ≥ 2000, small when ≥ 20 and
    /// ≥ 300, otherwise micro.
    /// </summary>
    public SizeClass SizeOf(int employees, double revenueLastYear)
    {
        foreach (var t in SizeThresholds)
            if (employees >= t.MinEmployees && revenueLastYear >= t.MinRevenue) return t.Size;
        return SizeClass.Micro;
    }

    public static string SizeCode(SizeClass size) => size switch
    {
        SizeClass.Large => "large",
        SizeClass.Medium => "medium",
        SizeClass.Small => "small",
        _ => "micro",
    };

    private static Classification LoadEmbedded()
    {
        var divisions = Read("industries.csv", r => new Division(r["division"], r["section"][0], r["name_en"], r["name_zh"]));
        var provinces = Read("regions.csv", r => new Province(r["province"], r["name_en"], r["name_zh"], r["region4"]));
        var hightech = Read("hightech.csv", r => new HighTechPrefix(r["class_prefix"], r["group"], r["name_en"], r["name_zh"]));
        var keys = Read("key-industries.csv", r => new KeyIndustryGroup(r["group"], r["divisions"].Split(';'), r["name_en"], r["name_zh"]));
        var owners = Read("ownership.csv", r => new Ownership(r["code"], r["name_en"], r["name_zh"]));
        var products = Read("products.csv", r => new Product(r["product"], r["division"], r["unit"], r["name_en"], r["name_zh"]));
        var tiers = Read("tiers.csv", r => new Tier(r["tier"], r["program"], int.Parse(r["rank"], CultureInfo.InvariantCulture), r["name_en"], r["name_zh"]));
        var sizes = Read("size.csv", r => new SizeThreshold(
            Enum.Parse<SizeClass>(r["size"], ignoreCase: true),
            int.Parse(r["min_employees"], CultureInfo.InvariantCulture),
            double.Parse(r["min_revenue_10k_yuan"], CultureInfo.InvariantCulture),
            r["name_zh"]));
        return new Classification(divisions, provinces, hightech, keys, owners, products, tiers,
            sizes.OrderByDescending(s => s.MinEmployees).ToList());
    }

    private static List<T> Read<T>(string file, Func<IReadOnlyDictionary<string, string>, T> map)
    {
        var asm = typeof(Classification).Assembly;
        using var stream = asm.GetManifestResourceStream("Ballast.Classifications." + file)
            ?? throw new InvalidOperationException($"classification table {file} is missing from the assembly");
        using var csv = new CsvReader(stream);
        if (!csv.Read()) throw new InvalidOperationException($"classification table {file} is empty");
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
        var rows = new List<T>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++) row[header[i]] = csv.GetString(i);
            rows.Add(map(row));
        }
        return rows;
    }
}
