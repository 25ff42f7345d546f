using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Ballast.Core.Accounts;
using Ballast.Core.Files;
using Ballast.Core.Storage;

namespace Ballast.Tests.Web;

/// <summary>
/// For every role without rights to confidential figures, no response of any endpoint in any format holds the
/// value of a confidential cell: the release in each format is compared structurally with the stored release
/// (every C cell without a value, every other cell with its value), and every other response is searched for the
/// confidential values' text.
/// </summary>
public partial class DisclosureTests
{
    [System.Text.RegularExpressions.GeneratedRegex(@"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")]
    private static partial System.Text.RegularExpressions.Regex NumberToken();

    private static readonly string[] Formats = ["json", "csv", "xlsx", "sdmx-csv", "sdmx-json"];

    private static readonly Role[] WithoutConfidentialRights = [.. Roles.All.Where(r => !Roles.SeesConfidentialFigures(r))];

    /// <summary>(breakdown, cell, measure) → (value or null, flag) as a response shows it.</summary>
    private static Dictionary<(string, string, string), (double? Value, string Flag)> Parse(string format, byte[] body)
    {
        var rows = new Dictionary<(string, string, string), (double?, string)>();
        static double? Num(string text) => text.Length == 0 ? null : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        switch (format)
        {
            case "json":
                foreach (var r in JsonDocument.Parse(body).RootElement.EnumerateArray())
                    rows.Add((r.GetProperty("breakdown").GetString()!, r.GetProperty("cell").GetString()!, r.GetProperty("measure").GetString()!),
                        (r.GetProperty("value").ValueKind == JsonValueKind.Null ? null : r.GetProperty("value").GetDouble(), r.GetProperty("flag").GetString()!));
                break;
            case "csv":
                foreach (var line in Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                {
                    var f = line.Split(','); // period,breakdown,cell,parent,measure,value,flag (codes hold no commas)
                    rows.Add((f[1], f[2], f[4]), (Num(f[5]), f[6]));
                }
                break;
            case "sdmx-csv":
                foreach (var line in Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                {
                    var f = line.Split(','); // DATAFLOW,PERIOD,BREAKDOWN,CELL,MEASURE,OBS_VALUE,OBS_STATUS,CONF_STATUS
                    rows.Add((f[2], f[3], f[4]), (Num(f[5]), f[6] == "A" ? "" : f[6]));
                }
                break;
            case "sdmx-json":
            {
                var data = JsonDocument.Parse(body).RootElement.GetProperty("data");
                var dims = data.GetProperty("structure").GetProperty("dimensions").GetProperty("observation").EnumerateArray()
                    .Select(d => d.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetString()!).ToArray()).ToArray();
                var status = data.GetProperty("structure").GetProperty("attributes").GetProperty("observation")[0].GetProperty("values")
                    .EnumerateArray().Select(v => v.GetProperty("id").GetString()!).ToArray();
                foreach (var o in data.GetProperty("dataSets")[0].GetProperty("observations").EnumerateObject())
                {
                    var k = o.Name.Split(':').Select(int.Parse).ToArray();
                    var value = o.Value[0];
                    string s = status[o.Value[1].GetInt32()];
                    rows.Add((dims[1][k[1]], dims[2][k[2]], dims[3][k[3]]), (value.ValueKind == JsonValueKind.Null ? null : value.GetDouble(), s == "A" ? "" : s));
                }
                break;
            }
            case "xlsx":
            {
                string path = Path.Combine(Path.GetTempPath(), "ballast-disclosure-" + Guid.NewGuid().ToString("N") + ".xlsx");
                File.WriteAllBytes(path, body);
                try
                {
                    using var sheet = new XlsxTableSource(path);
                    while (sheet.Read())
                    {
                        var f = Enumerable.Range(0, 7).Select(i => i < sheet.FieldCount ? sheet[i].ToString() : "").ToArray();
                        if (f[0] == "period") continue; // the header
                        rows.Add((f[1], f[2], f[4]), (Num(f[5]), f[6]));
                    }
                }
                finally { File.Delete(path); }
                break;
            }
        }
        return rows;
    }

    /// <summary>The text of a response; an XLSX workbook's XML parts are unzipped so their cells are searched too.</summary>
    private static string Text(byte[] body)
    {
        if (body.Length > 4 && body[0] == (byte)'P' && body[1] == (byte)'K')
        {
            using var zip = new ZipArchive(new MemoryStream(body));
            var sb = new StringBuilder();
            foreach (var entry in zip.Entries)
                using (var reader = new StreamReader(entry.Open())) sb.Append(reader.ReadToEnd());
            return sb.ToString();
        }
        return Encoding.UTF8.GetString(body);
    }

    [Fact]
    public async Task RolesWithoutConfidentialRights_NoResponseInAnyFormatHoldsAConfidentialValue()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock);
        var store = factory.Store();
        var stored = store.ReleaseRows(store.ReleaseVersions(DemoWeb.Period).Single().ReleaseId);
        var confidential = stored.Where(r => r.Flag == "C" && r.Value is not null).ToList();
        Assert.NotEmpty(confidential); // the small demo has confidential cells, or this test would prove nothing

        // Texts that would give a confidential value away: its round-trip text, unless an unsuppressed figure
        // prints the same (then seeing it reveals nothing), and not whole numbers (too common to mean anything).
        var publicTexts = stored.Where(r => r.Flag != "C" && r.Value is double).Select(r => r.Value!.Value.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var secrets = confidential.Select(r => r.Value!.Value).Where(v => v != Math.Round(v))
            .Select(v => v.ToString(CultureInfo.InvariantCulture)).Where(t => !publicTexts.Contains(t)).Distinct().ToList();
        Assert.NotEmpty(secrets);

        var calls = AccessMatrixTests.Calls(factory, demo, out _).Where(c => c.Method == "GET").ToList();
        foreach (var role in WithoutConfidentialRights)
        {
            var client = demo.Clients[role];
            // 1. The release in every format, structurally against the stored release.
            foreach (string format in Formats)
            {
                using var response = await client.GetAsync($"/api/releases/{DemoWeb.Period}?format={format}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var rows = Parse(format, await response.Content.ReadAsByteArrayAsync());
                Assert.Equal(stored.Count, rows.Count);
                foreach (var s in stored)
                {
                    var (value, flag) = rows[(s.Breakdown, s.Cell, s.Measure)];
                    Assert.Equal(s.Flag, flag);
                    if (s.Flag == "C") Assert.True(value is null, $"{format} for {Roles.Name(role)} shows confidential {s.Breakdown}/{s.Cell}/{s.Measure}");
                    else Assert.True(s.Value == value, $"{format} for {Roles.Name(role)}: {s.Breakdown}/{s.Cell}/{s.Measure} is {value:R}, stored {s.Value:R}");
                }
            }
            // 2. Every GET endpoint the role may call, except the microdata in its own scope (register, reports),
            //    and the release endpoint in every format: no confidential value's text anywhere.
            foreach (var call in calls.Where(c => c.Access.Allows(role)))
            {
                if (call.Pattern.StartsWith("/api/register", StringComparison.Ordinal) || call.Pattern.StartsWith("/api/reports", StringComparison.Ordinal)) continue;
                var paths = call.Pattern == "/api/releases/{period}" ? Formats.Select(f => call.Path + "?format=" + f) : [call.Path];
                foreach (string path in paths)
                {
                    using var response = await client.GetAsync(path);
                    // Whole numbers in the text (a secret inside a longer number is not that number).
                    var numbers = NumberToken().Matches(Text(await response.Content.ReadAsByteArrayAsync())).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
                    foreach (string secret in secrets)
                        Assert.False(numbers.Contains(secret), $"GET {path} for {Roles.Name(role)} contains the confidential value {secret}");
                }
            }
            // 3. A confidential cell's series: the point is there, flagged C, without its value.
            var c = confidential[0];
            var series = JsonDocument.Parse(await client.GetStringAsync($"/api/series?breakdown={c.Breakdown}&cell={c.Cell}&measure={c.Measure}")).RootElement;
            var point = series.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("period").GetString() == DemoWeb.Period);
            Assert.Equal(JsonValueKind.Null, point.GetProperty("value").ValueKind);
            Assert.Equal("C", point.GetProperty("flag").GetString());
        }

        // The confidential view is served to the roles allowed it, and each such read is audited.
        var national = JsonDocument.Parse(await demo.Clients[Role.NationalAnalyst].GetStringAsync($"/api/releases/{DemoWeb.Period}")).RootElement;
        var first = national.EnumerateArray().First(r => r.GetProperty("breakdown").GetString() == confidential[0].Breakdown
            && r.GetProperty("cell").GetString() == confidential[0].Cell && r.GetProperty("measure").GetString() == confidential[0].Measure);
        Assert.Equal(confidential[0].Value, first.GetProperty("value").GetDouble());
        Assert.Contains(store.AuditLog(AuditActions.Microdata), e => e.User == "national" && e.Detail.Contains("unsuppressed", StringComparison.Ordinal));
    }
}
