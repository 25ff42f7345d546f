namespace Ballast.Tests;

/// <summary>Finds the repository root (the folder with Ballast.slnx) and the shared folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ballast.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root (Ballast.slnx) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>../shared/spec beside the repository (present for developers and CI, not for users).</summary>
    public static string SharedSpec() => Path.GetFullPath(Path.Combine(Root(), "..", "shared", "spec"));
}
