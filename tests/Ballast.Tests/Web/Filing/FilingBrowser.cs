using System.Net;
using System.Net.Sockets;
using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Web;
using Ballast.Web.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Ballast.Tests.Web.Filing;

/// <summary>
/// A real Kestrel on a free loopback port (BallastWeb.Create with --urls) over a store the test fills, and
/// Debian's chromium driven by Playwright (headless, --no-sandbox). Screenshots go to artifacts/ at the
/// repository root and are named in the test log.
/// </summary>
internal sealed class FilingBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempFolders _folders = new();
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string StorePath { get; }

    public string BaseUrl { get; }

    public IBallastStore Store => (IBallastStore)_app!.Services.GetService(typeof(IBallastStore))!;

    public IBrowser Browser { get; private set; } = null!;

    private FilingBrowser()
    {
        StorePath = Path.Combine(_folders.New("browser"), "ballast.db");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
    }

    /// <summary>Fills the store with <paramref name="seed"/>, then starts the server and the browser.</summary>
    public static async Task<FilingBrowser> StartAsync(Action<IBallastStore> seed)
    {
        var fixture = new FilingBrowser();
        using (var store = StoreFactory.Open(fixture.StorePath)) seed(store);
        fixture._app = BallastWeb.Create(["--urls", fixture.BaseUrl, "--Ballast:Db=" + fixture.StorePath]);
        await fixture._app.StartAsync();
        fixture._playwright = await Playwright.CreateAsync();
        fixture.Browser = await fixture._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return fixture;
    }

    public static void AddAccount(IBallastStore store, string userName, Role role, string scope) =>
        store.AddAccount(new Account(userName, role, scope, Passwords.Hash(WebAccounts.Password), DateTimeOffset.UnixEpoch));

    /// <summary>Saves a full-page screenshot under artifacts/ and returns its path (for the test log).</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        string dir = Path.Combine(RepoPaths.Root(), "artifacts");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _folders.Dispose();
    }
}
