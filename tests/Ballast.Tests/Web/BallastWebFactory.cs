using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ballast.Tests.Web;

/// <summary>
/// The web application in-process on a fresh SQLite store of its own (WebApplicationFactory over the web
/// platform's entry point). Settings go in through configuration, as <c>ballast serve</c> passes them.
/// </summary>
public sealed class BallastWebFactory : WebApplicationFactory<Ballast.Web.Program>
{
    private readonly TempFolders _folders = new();

    public BallastWebFactory() => StorePath = Path.Combine(_folders.New("web"), "ballast.db");

    /// <summary>The SQLite file the application uses.</summary>
    public string StorePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("Ballast:Db", StorePath);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _folders.Dispose();
    }
}
