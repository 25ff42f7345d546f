using System.Net;
using System.Net.Http.Json;
using Ballast.Core.Accounts;

namespace Ballast.Tests.Web;

/// <summary>Many enterprises file through the reports API at once: every report stored once, each answer honest, each filing audited.</summary>
public class ReportsApiConcurrencyTests
{
    [Fact]
    public async Task ParallelFilers_EachStoredOnce_DuplicatesRefused409_EachFilingAudited()
    {
        var clock = new ManualClock(DemoWeb.Start); // current month 2026-01 in Beijing
        using var factory = new BallastWebFactory(clock);
        using var demo = DemoWeb.Load(factory, clock, publish: false);
        var store = factory.Store();
        var firms = store.Enterprises().Take(40).Select(e => e.CreditCode).ToList();
        var clients = firms.Select((code, i) => factory.TokenClient($"filer-{i}", Role.Enterprise, code)).ToList();
        try
        {
            // Each enterprise sends its January report twice at the same moment.
            var sends = clients.SelectMany((client, i) => Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                using var response = await client.PostAsJsonAsync($"/api/reports/{firms[i]}", new Dictionary<string, object>
                {
                    ["period"] = "2026-01", ["output_value"] = 1000 + i, ["sales_value"] = 980.5, ["export_value"] = 12, ["revenue"] = 1010,
                    ["profit"] = 35.25, ["rd_expense"] = 8, ["energy_tce"] = 120, ["water_m3"] = 900, ["receivables"] = 300,
                    ["overdue_receivables"] = 20, ["employees"] = 150,
                });
                return (Firm: i, response.StatusCode);
            }))).ToList();
            var answers = await Task.WhenAll(sends);

            foreach (var group in answers.GroupBy(a => a.Firm))
                Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], group.Select(a => a.StatusCode).Order());
            var january = store.Reports().Where(r => r.Period.ToString() == "2026-01").ToList();
            Assert.Equal(firms.Order(StringComparer.Ordinal), january.Select(r => r.CreditCode));
            Assert.All(january, r => Assert.Equal(1000 + firms.IndexOf(r.CreditCode), r.OutputValue)); // each its own figures
            Assert.Equal(40, store.AuditLog(AuditActions.Import).Count(a => a.Detail.StartsWith("filed report ", StringComparison.Ordinal)));
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }
}
