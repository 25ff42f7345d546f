using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ballast.Web.Dashboard;

/// <summary>The PDF of a page, or why there is none.</summary>
public sealed record PdfResult(byte[]? Pdf, string Error);

/// <summary>
/// Prints the bulletin to PDF with headless Chromium, which loads the page from this same server over loopback,
/// so the PDF is the page a reader sees (its charts drawn, CJK text in the Noto CJK fonts of the system).
/// One print at a time: Chromium is heavy and the machine small.
/// </summary>
public sealed class BulletinPdf(DashboardOptions options, IServer server, ILogger<BulletinPdf> log)
{
    /// <summary>How long one print may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<PdfResult> PrintAsync(HttpContext http, string pathAndQuery, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!File.Exists(options.Chromium))
            return new(null, $"The bulletin cannot be printed: Chromium was not found at {options.Chromium} (install Debian's chromium, or set Ballast:Chromium).");
        var url = BaseUrl(http) + pathAndQuery;
        var folder = Directory.CreateTempSubdirectory("ballast-pdf-");
        await _one.WaitAsync(cancel);
        try
        {
            var pdfPath = Path.Combine(folder.FullName, "bulletin.pdf");
            var start = new ProcessStartInfo(options.Chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                         "--disable-extensions", "--hide-scrollbars", "--no-pdf-header-footer", "--print-to-pdf-no-header",
                         "--run-all-compositor-stages-before-draw", "--virtual-time-budget=10000",
                         "--user-data-dir=" + Path.Combine(folder.FullName, "profile"), "--print-to-pdf=" + pdfPath, url,
                     })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start");
            var stderr = process.StandardError.ReadToEndAsync(cancel);
            _ = process.StandardOutput.ReadToEndAsync(cancel);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return new(null, cancel.IsCancellationRequested ? "The request was cancelled." : $"Chromium did not print {url} within {Timeout.TotalSeconds:0} s.");
            }
            if (process.ExitCode != 0 || !File.Exists(pdfPath))
            {
                var error = await stderr;
                log.LogWarning("Chromium failed to print {Url} (exit {Code}): {Error}", url, process.ExitCode, error);
                return new(null, $"Chromium could not print {url} (exit code {process.ExitCode}).");
            }
            return new(await File.ReadAllBytesAsync(pdfPath, cancel), "");
        }
        finally
        {
            _one.Release();
            try { folder.Delete(recursive: true); } catch (IOException) { } // a profile file still held: the temp folder is cleaned later
        }
    }

    /// <summary>Where this server answers on loopback: a wildcard binding is reached at 127.0.0.1.</summary>
    private string BaseUrl(HttpContext http)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault();
        if (address is null) return $"{http.Request.Scheme}://{http.Request.Host}";
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost") uri.Host = "127.0.0.1";
        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
