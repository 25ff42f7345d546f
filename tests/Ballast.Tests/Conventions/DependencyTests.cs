using System.Reflection;

namespace Ballast.Tests.Conventions;

public class DependencyTests
{
    [Fact]
    public void Statistics_ReferencesNoHostDatabaseOrConsoleLibrary()
    {
        var asm = typeof(Ballast.Statistics.Periods.YearMonth).Assembly;
        var refs = asm.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        string[] forbidden = ["Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Npgsql", "Spectre.Console", "System.CommandLine", "Ballast.Core", "System.Console"];
        foreach (var f in forbidden)
            Assert.DoesNotContain(refs, r => r.StartsWith(f, StringComparison.Ordinal));
    }

    [Fact]
    public void Core_ReferencesNoHostOrConsoleLibrary()
    {
        var asm = typeof(Ballast.Core.Classifications.Classification).Assembly;
        var refs = asm.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        string[] forbidden = ["Microsoft.AspNetCore", "Spectre.Console", "System.CommandLine", "ballast"];
        foreach (var f in forbidden)
            Assert.DoesNotContain(refs, r => r.StartsWith(f, StringComparison.Ordinal));
    }

    [Fact]
    public void Web_ReferencesNeitherTheCommandLineNorTheConsoleLibraries()
    {
        var asm = typeof(Ballast.Web.BallastWeb).Assembly;
        var refs = asm.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        string[] forbidden = ["Spectre.Console", "System.CommandLine", "ballast"];
        foreach (var f in forbidden)
            Assert.DoesNotContain(refs, r => r.StartsWith(f, StringComparison.Ordinal));
        Assert.Contains(refs, r => r == "Ballast.Core");
    }

    [Fact]
    public void Core_DoesNotReferenceTheWebPlatform()
    {
        var refs = typeof(Ballast.Core.Classifications.Classification).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "");
        Assert.DoesNotContain("Ballast.Web", refs);
    }
}
