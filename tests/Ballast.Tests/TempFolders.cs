namespace Ballast.Tests;

/// <summary>Fresh temporary folders for a test class, deleted when the class's instance is disposed.</summary>
internal sealed class TempFolders : IDisposable
{
    private readonly List<string> _folders = [];

    public string New(string purpose = "test")
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ballast-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        _folders.Add(dir);
        return dir;
    }

    public void Dispose()
    {
        foreach (var d in _folders)
            try { Directory.Delete(d, recursive: true); } catch (IOException) { } // a child process may still hold a file
    }
}
