using System.Text;
using System.Text.Json;
using Ballast.Core.Storage;
using Ballast.Web.Api;

namespace Ballast.Tests.Web;

public class ReleaseOutputTests
{
    private static readonly StoredReleaseRow[] Rows =
    [
        new("division", "13", "ALL", "va_yoy_month", 5.25, ""),
        new("division", "14", "ALL", "va_yoy_month", null, "C"),   // published view: the value is already gone
        new("division", "14", "ALL", "enterprises", 2, ""),        // the count of a confidential cell is published
        new("division", "15", "ALL", "va_yoy_month", null, "E"),
    ];

    [Fact]
    public void SdmxCsv_StatusCForConfidential_EForEmptyBase_ValueOnlyForNormalObservations()
    {
        string text = Encoding.UTF8.GetString(ReleaseOutput.Bytes(ReleaseFormat.SdmxCsv, "2025-12", Rows, DateTimeOffset.UnixEpoch));
        Assert.Equal(
            "DATAFLOW,PERIOD,BREAKDOWN,CELL,MEASURE,OBS_VALUE,OBS_STATUS,CONF_STATUS\n" +
            "BALLAST:IND_VA_MONTHLY(1.0),2025-12,division,13,va_yoy_month,5.25,A,F\n" +
            "BALLAST:IND_VA_MONTHLY(1.0),2025-12,division,14,va_yoy_month,,C,C\n" +
            "BALLAST:IND_VA_MONTHLY(1.0),2025-12,division,14,enterprises,2,A,F\n" +
            "BALLAST:IND_VA_MONTHLY(1.0),2025-12,division,15,va_yoy_month,,E,F\n", text);
    }

    [Fact]
    public void SdmxJson_KeysArePositionsOfTheFourDimensions_ObservationHoldsValueAndStatuses()
    {
        var root = JsonDocument.Parse(ReleaseOutput.Bytes(ReleaseFormat.SdmxJson, "2025-12", Rows, DateTimeOffset.UnixEpoch)).RootElement;
        var dims = root.GetProperty("data").GetProperty("structure").GetProperty("dimensions").GetProperty("observation");
        Assert.Equal(["PERIOD", "BREAKDOWN", "CELL", "MEASURE"], dims.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(["13", "14", "15"], dims[2].GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
        Assert.Equal(["va_yoy_month", "enterprises"], dims[3].GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
        var obs = root.GetProperty("data").GetProperty("dataSets")[0].GetProperty("observations");
        // period 0, breakdown 0 (division), cell index, measure index; then value, OBS_STATUS (A C E), CONF_STATUS (F C).
        Assert.Equal("[5.25,0,0]", obs.GetProperty("0:0:0:0").GetRawText());
        Assert.Equal("[null,1,1]", obs.GetProperty("0:0:1:0").GetRawText());
        Assert.Equal("[2,0,0]", obs.GetProperty("0:0:1:1").GetRawText());
        Assert.Equal("[null,2,0]", obs.GetProperty("0:0:2:0").GetRawText());
    }

    [Theory]
    [InlineData("json", ReleaseFormat.Json)]
    [InlineData(null, ReleaseFormat.Json)]
    [InlineData("XLSX", ReleaseFormat.Xlsx)]
    [InlineData("sdmx-csv", ReleaseFormat.SdmxCsv)]
    public void TryParse_KnownFormats(string? text, ReleaseFormat expected)
    {
        Assert.True(ReleaseOutput.TryParse(text, out var format));
        Assert.Equal(expected, format);
    }

    [Fact]
    public void TryParse_UnknownFormat_False() => Assert.False(ReleaseOutput.TryParse("pdf", out _));
}
