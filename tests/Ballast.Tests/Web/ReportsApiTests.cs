using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ballast.Core.Accounts;

namespace Ballast.Tests.Web;

public class ReportsApiTests
{
    private static Dictionary<string, object> NewReport(string period, object output) => new()
    {
        ["period"] = period, ["output_value"] = output, ["sales_value"] = 980.5, ["export_value"] = 12, ["revenue"] = 1010,
        ["profit"] = 35.25, ["rd_expense"] = 8, ["energy_tce"] = 120, ["water_m3"] = 900, ["receivables"] = 300,
        ["overdue_receivables"] = 20, ["employees"] = 150,
    };

    [Fact]
    public async Task FileReport_WithAnError_ProblemListsField_ThenFixed_StoredWithHistory()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock, publish: false);
        var enterprise = demo.Clients[Role.Enterprise];
        string code = demo.FirmA.CreditCode;

        using var bad = await enterprise.PostAsJsonAsync($"/api/reports/{code}", NewReport("2026-01", "12x"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var error = Assert.Single(errors.EnumerateArray());
        Assert.Equal("output_value", error.GetProperty("field").GetString());
        Assert.Equal("E_INVALID_VALUE", error.GetProperty("code").GetString());
        Assert.Contains("12x", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Store().ReportsOf(code), r => r.Period.ToString() == "2026-01");

        using var good = await enterprise.PostAsJsonAsync($"/api/reports/{code}", NewReport("2026-01", 1234.5));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
        Assert.Equal(1234.5, factory.Store().ReportsOf(code).Single(r => r.Period.ToString() == "2026-01").OutputValue);
        using var twice = await enterprise.PostAsJsonAsync($"/api/reports/{code}", NewReport("2026-01", 1234.5));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var revised = NewReport("2026-01", 1300);
        using var put = await enterprise.PutAsJsonAsync($"/api/reports/{code}/2026-01", revised);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var history = await enterprise.GetFromJsonAsync<JsonElement>($"/api/reports/{code}/2026-01/history");
        Assert.Equal(1300, history.GetProperty("current").GetProperty("output_value").GetDouble());
        var old = Assert.Single(history.GetProperty("revisions").EnumerateArray());
        Assert.Equal("1234.5", old.GetProperty("oldValues").GetProperty("output_value").GetString());
        Assert.Equal("ent-a", old.GetProperty("user").GetString());
    }

    [Fact]
    public async Task UploadImport_PolledUntilDone_CountsAndErrorsReported()
    {
        var clock = new ManualClock(DemoWeb.Start);
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock, publish: false);
        var admin = demo.Clients[Role.Administrator];
        string csv = "division,period,index\n13,2026-01,101.5\n14,2026-01,abc\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "files", "ppi-2026-01.csv");
        using var started = await admin.PostAsync("/api/imports", form);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        JsonElement job = default;
        for (int i = 0; i < 200; i++)
        {
            job = await admin.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("state").GetString() != "running") break;
            await Task.Delay(50);
        }
        Assert.Equal("done", job.GetProperty("state").GetString());
        var outcome = job.GetProperty("outcome");
        Assert.False(outcome.GetProperty("accepted").GetBoolean());
        var error = Assert.Single(outcome.GetProperty("errors").EnumerateArray());
        Assert.Equal("ppi-2026-01.csv", error.GetProperty("file").GetString());
        Assert.Equal(3, error.GetProperty("line").GetInt64()); // header = line 1
        Assert.Equal("index", error.GetProperty("column").GetString());
        Assert.False(factory.Store().Imports()[0].Accepted); // the rejected attempt is in the import log
    }
}
