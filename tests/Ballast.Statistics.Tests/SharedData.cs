namespace Ballast.Statistics.Tests;

/// <summary>
/// The shared folder beside the repository (../shared: specs, real series, X-13 reference runs). Developers and
/// CI have it; users do not, and nothing at run time reads it.
/// </summary>
internal static class SharedData
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballast.slnx"))) dir = dir.Parent;
        if (dir is null) throw new DirectoryNotFoundException("repository root (Ballast.slnx) not found above " + AppContext.BaseDirectory);
        var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        if (!Directory.Exists(shared)) throw new DirectoryNotFoundException($"the shared folder is expected beside the repository, at {shared}");
        return shared;
    }

    public static string In(params string[] parts) => Path.Combine([Root(), .. parts]);
}
