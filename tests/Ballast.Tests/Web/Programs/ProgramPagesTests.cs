using System.Net;

namespace Ballast.Tests.Web.Programs;

/// <summary>The programs and arrears pages as files: served to anyone from the assembly, nothing else under their asset path.</summary>
public sealed class ProgramPagesTests : IDisposable
{
    private readonly BallastWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/programs", "programs.js")]
    [InlineData("/programs/review", "program-review.js")]
    [InlineData("/arrears", "arrears.js")]
    [InlineData("/arrears/review", "arrears-review.js")]
    public async Task Page_Anonymous_ServedAsHtmlWithItsScriptAndTheFilingHelpers(string path, string script)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"src=\"/programs/assets/{script}\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/filing/assets/common.js\"", html, StringComparison.Ordinal);
        // Every script and stylesheet the page names is served.
        foreach (string asset in new[] { script, "names.js", "programs.css" })
        {
            using var a = await client.GetAsync("/programs/assets/" + asset);
            Assert.True(a.StatusCode == HttpStatusCode.OK, $"{asset}: {a.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/programs/assets/nothing.js")]
    [InlineData("/programs/assets/filing.js")] // the filing pages' files are theirs, not served here
    [InlineData("/programs/assets/ProgramPages.cs")]
    [InlineData("/programs/assets/..%2Fprograms.html")]
    public async Task Asset_UnknownOrOutsideItsFolder_NotFound(string path)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
