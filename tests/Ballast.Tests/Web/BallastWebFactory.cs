using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ballast.Tests.Web;

/// <summary>
/// The web application in-process on a fresh SQLite store of its own (WebApplicationFactory over the web
/// platform's entry point). Settings go in through configuration, as <c>ballast serve</c> passes them.
/// </summary>
public sealed class BallastWebFactory : WebApplicationFactory<Ballast.Web.Program>
{
    private readonly TempFolders _folders = new();
    private readonly TimeProvider? _clock;

    /// <param name="clock">The application's clock (embargo tests move it); the system clock when null.</param>
    public BallastWebFactory(TimeProvider? clock = null)
    {
        StorePath = Path.Combine(_folders.New("web"), "ballast.db");
        _clock = clock;
    }

    /// <summary>The SQLite file the application uses.</summary>
    public string StorePath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Ballast:Db", StorePath);
        if (_clock is { } clock) builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton(clock)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _folders.Dispose();
    }
}
