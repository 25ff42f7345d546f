using System.Net;
using Ballast.Tests.Infrastructure;

namespace Ballast.Tests.Cli;

public class ServeCliTests : IDisposable
{
    private readonly TempFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Serve_ListensOnTheGivenLoopbackUrl_AndStopsOnSigint()
    {
        int port = LoopbackPorts.Free();
        var db = Path.Combine(_folders.New("serve"), "ballast.db");
        using var process = CliRunner.Start("serve", "--urls", $"http://127.0.0.1:{port}", "--db", db);
        try
        {
            var readyLine = await ReadUntilAsync(process.StandardOutput, "is serving on", TimeSpan.FromSeconds(60));
            Assert.Contains($"http://127.0.0.1:{port}", readyLine, StringComparison.Ordinal);
            using var http = new HttpClient();
            var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            if (!process.HasExited)
                using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        }
        Assert.True(process.WaitForExit(30_000), "ballast serve did not stop on SIGINT");
        Assert.Equal(0, process.ExitCode);
    }


    private static async Task<string> ReadUntilAsync(StreamReader reader, string marker, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await reader.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException($"the process ended before printing \"{marker}\"");
            if (line.Contains(marker, StringComparison.Ordinal)) return line;
        }
    }
}
