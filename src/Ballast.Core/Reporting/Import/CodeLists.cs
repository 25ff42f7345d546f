using System.Runtime.CompilerServices;
using Ballast.Core.Classifications;

namespace Ballast.Core.Reporting.Import;

/// <summary>
/// The code lists an import run looks codes up in, built once per classification: a single filed report is
/// validated by a run of its own, and rebuilding the product list for each would cost more than the report.
/// Read-only after construction, so runs on many threads share them.
/// </summary>
internal sealed class CodeLists
{
    private static readonly ConditionalWeakTable<Classification, CodeLists> Built = [];

    public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Ownership { get; }
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Products { get; }
    public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Tiers { get; }
    public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Divisions { get; }
    public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Provinces { get; }

    private CodeLists(Classification classification)
    {
        Ownership = classification.Ownerships.ToDictionary(o => o.Code, o => o.Code, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Tiers = classification.Tiers.ToDictionary(t => t.Code, t => t.Code, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Divisions = classification.Divisions.ToDictionary(d => d.Code, d => d.Code, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Provinces = classification.Provinces.Select(p => p.Code).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var products = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classification.Products.Count; i++) products[classification.Products[i].Code] = i;
        Products = products.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static CodeLists For(Classification classification) => Built.GetValue(classification, c => new CodeLists(c));
}
