using System.Text;
using Ballast.Core.Classifications;

namespace Ballast.Core.Programs;

/// <summary>
/// The programs Ballast runs: the built-in files (src/Ballast.Core/Programs/Builtin/*.json) and any user files
/// (a user file with a built-in's program code replaces it, so a province can set its own settings).
/// </summary>
public sealed class ProgramCatalog
{
    private const string Prefix = "Ballast.Programs.Builtin.";

    public IReadOnlyList<ProgramDefinition> Programs { get; }

    public ProgramCatalog(IEnumerable<ProgramDefinition> programs)
    {
        ArgumentNullException.ThrowIfNull(programs);
        var byCode = new Dictionary<string, ProgramDefinition>(StringComparer.Ordinal);
        foreach (var p in programs) byCode[p.Code] = p;
        Programs = [.. byCode.Values.OrderBy(p => p.Code, StringComparer.Ordinal)];
    }

    /// <summary>The built-in programs, with <paramref name="userFiles"/> read after them.</summary>
    public static ProgramCatalog Load(IEnumerable<string>? userFiles = null, Classification? classification = null)
    {
        var list = new List<ProgramDefinition>(BuiltIn(classification));
        foreach (var f in userFiles ?? []) list.Add(ProgramFileReader.Load(f, classification));
        return new ProgramCatalog(list);
    }

    public static IReadOnlyList<ProgramDefinition> BuiltIn(Classification? classification = null)
    {
        var asm = typeof(ProgramCatalog).Assembly;
        var list = new List<ProgramDefinition>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
            list.Add(ProgramFileReader.Parse(reader.ReadToEnd(), "builtin/" + name[Prefix.Length..], classification));
        }
        return list;
    }

    public ProgramDefinition? Program(string code) => Programs.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.Ordinal));

    /// <summary>The program and tier definition of a tier code, or null when no program defines it.</summary>
    public (ProgramDefinition Program, TierDefinition Tier)? Tier(string tier)
    {
        foreach (var p in Programs)
            if (p.Tier(tier) is { } t) return (p, t);
        return null;
    }
}
