using Ballast.Core.Storage;
using Ballast.Web.Dashboard;

namespace Ballast.Tests.Web.Dashboard;

public class DashboardDataTests
{
    [Fact]
    public void Published_DropsTheValuesOfConfidentialFigures_KeepsTheRest()
    {
        StoredReleaseRow[] rows =
        [
            new("province", "54", "ALL", "enterprises", 2, "C"),       // enterprises is stored with its C flag like the rest
            new("province", "54", "ALL", "va_yoy_month", 12.34, "C"),
            new("province", "11", "ALL", "va_yoy_month", 5.5, ""),
            new("province", "11", "ALL", "profit_yoy_ytd", null, "E"),
        ];
        var shown = DashboardData.Published(rows);
        Assert.Equal([null, null, 5.5, null], shown.Select(f => f.Value));
        Assert.Equal(["C", "C", "", "E"], shown.Select(f => f.Flag));
        Assert.Equal(rows.Select(r => (r.Breakdown, r.Cell, r.Parent, r.Measure)), shown.Select(f => (f.Breakdown, f.Cell, f.Parent, f.Measure)));
    }
}
