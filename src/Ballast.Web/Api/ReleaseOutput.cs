using System.Globalization;
using System.Text.Json;
using Ballast.Core.Files;
using Ballast.Core.Releases;
using Ballast.Core.Storage;
using Ballast.Statistics.Release;

namespace Ballast.Web.Api;

/// <summary>The formats a release's rows are served in (query parameter <c>format</c>).</summary>
public enum ReleaseFormat { Json, Csv, Xlsx, SdmxCsv, SdmxJson }

/// <summary>
/// Writes release rows (already in the caller's view: published rows carry no value for a confidential cell)
/// as the tidy table (JSON, CSV, XLSX: release.md "Output table") or as SDMX data messages (docs/api.md, "SDMX").
/// </summary>
public static class ReleaseOutput
{
    public const string DataflowId = "BALLAST:IND_VA_MONTHLY(1.0)";

    public static bool TryParse(string? text, out ReleaseFormat format)
    {
        switch (text?.ToLowerInvariant())
        {
            case null or "" or "json": format = ReleaseFormat.Json; return true;
            case "csv": format = ReleaseFormat.Csv; return true;
            case "xlsx": format = ReleaseFormat.Xlsx; return true;
            case "sdmx-csv": format = ReleaseFormat.SdmxCsv; return true;
            case "sdmx-json": format = ReleaseFormat.SdmxJson; return true;
            default: format = default; return false;
        }
    }

    public static string ContentType(ReleaseFormat format) => format switch
    {
        ReleaseFormat.Csv => "text/csv; charset=utf-8",
        ReleaseFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ReleaseFormat.SdmxCsv => "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8",
        ReleaseFormat.SdmxJson => "application/vnd.sdmx.data+json; version=1.0.0; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };

    public static string Extension(ReleaseFormat format) => format switch
    {
        ReleaseFormat.Csv => "csv",
        ReleaseFormat.Xlsx => "xlsx",
        ReleaseFormat.SdmxCsv => "sdmx.csv",
        ReleaseFormat.SdmxJson => "sdmx.json",
        _ => "json",
    };

    private static string Value(StoredReleaseRow r) => MonthlyRelease.FormatValue(r.Measure, r.Value);

    public static void Write(Stream stream, ReleaseFormat format, string period, IReadOnlyList<StoredReleaseRow> rows, DateTimeOffset prepared)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        switch (format)
        {
            case ReleaseFormat.Csv: WriteCsv(stream, period, rows); break;
            case ReleaseFormat.Xlsx: WriteXlsx(stream, period, rows); break;
            case ReleaseFormat.SdmxCsv: WriteSdmxCsv(stream, period, rows); break;
            case ReleaseFormat.SdmxJson: WriteSdmxJson(stream, period, rows, prepared); break;
            default: WriteJson(stream, period, rows); break;
        }
    }

    private static void WriteJson(Stream stream, string period, IReadOnlyList<StoredReleaseRow> rows)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartArray();
        foreach (var r in rows)
            ReleaseFormats.WriteJsonRow(json, period, r.Breakdown, r.Cell, r.Parent, r.Measure, r.Value, r.Flag);
        json.WriteEndArray();
    }

    private static void WriteCsv(Stream stream, string period, IReadOnlyList<StoredReleaseRow> rows)
    {
        using var csv = new CsvWriter(stream, leaveOpen: true);
        csv.WriteRow(["period", "breakdown", "cell", "parent", "measure", "value", "flag"]);
        foreach (var r in rows) csv.WriteRow([period, r.Breakdown, r.Cell, r.Parent, r.Measure, Value(r), r.Flag]);
    }

    private static void WriteXlsx(Stream stream, string period, IReadOnlyList<StoredReleaseRow> rows)
    {
        using var xlsx = new XlsxWriter(stream, "release " + period);
        xlsx.WriteRow(["period", "breakdown", "cell", "parent", "measure", "value", "flag"]);
        foreach (var r in rows)
        {
            xlsx.Write(period); xlsx.Write(r.Breakdown); xlsx.Write(r.Cell); xlsx.Write(r.Parent); xlsx.Write(r.Measure);
            xlsx.Write(r.Value); xlsx.Write(r.Flag);
            xlsx.EndRow();
        }
    }

    /// <summary>OBS_STATUS: A normal, C confidential (value omitted), E empty base (no value).</summary>
    public static string ObservationStatus(string flag) => flag switch { "C" => "C", "E" => "E", _ => "A" };

    /// <summary>CONF_STATUS (SDMX's confidentiality attribute): C confidential, F free.</summary>
    public static string ConfidentialityStatus(string flag) => flag == "C" ? "C" : "F";

    private static void WriteSdmxCsv(Stream stream, string period, IReadOnlyList<StoredReleaseRow> rows)
    {
        using var csv = new CsvWriter(stream, leaveOpen: true);
        csv.WriteRow(["DATAFLOW", "PERIOD", "BREAKDOWN", "CELL", "MEASURE", "OBS_VALUE", "OBS_STATUS", "CONF_STATUS"]);
        foreach (var r in rows)
            csv.WriteRow([DataflowId, period, r.Breakdown, r.Cell, r.Measure, r.Flag == "" ? Value(r) : "", ObservationStatus(r.Flag), ConfidentialityStatus(r.Flag)]);
    }

    private static void WriteSdmxJson(Stream stream, string period, IReadOnlyList<StoredReleaseRow> rows, DateTimeOffset prepared)
    {
        // SDMX-JSON data message: each dimension lists its values once; an observation's key is the positions of
        // its values joined by ':', its array holds the value then the attribute value positions.
        var breakdowns = Positions(rows.Select(r => r.Breakdown));
        var cells = Positions(rows.Select(r => r.Cell));
        var measures = Positions(rows.Select(r => r.Measure));
        string[] obsStatus = ["A", "C", "E"];
        string[] confStatus = ["F", "C"];
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartObject("meta");
        json.WriteString("schema", "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/1.0/sdmx-json-data-schema.json");
        json.WriteString("id", "IND_VA_MONTHLY-" + period);
        json.WriteString("prepared", prepared.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteStartObject("sender"); json.WriteString("id", "BALLAST"); json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("data");
        json.WriteStartObject("structure");
        json.WriteString("name", "Value added of industrial enterprises above designated size, monthly release");
        json.WriteStartObject("dimensions");
        json.WriteStartArray("dataSet"); json.WriteEndArray();
        json.WriteStartArray("series"); json.WriteEndArray();
        json.WriteStartArray("observation");
        Dimension(json, "PERIOD", 0, [period], "time");
        Dimension(json, "BREAKDOWN", 1, breakdowns.Values, null);
        Dimension(json, "CELL", 2, cells.Values, null);
        Dimension(json, "MEASURE", 3, measures.Values, null);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("attributes");
        json.WriteStartArray("dataSet"); json.WriteEndArray();
        json.WriteStartArray("series"); json.WriteEndArray();
        json.WriteStartArray("observation");
        Dimension(json, "OBS_STATUS", null, obsStatus, null);
        Dimension(json, "CONF_STATUS", null, confStatus, null);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject(); // structure
        json.WriteStartArray("dataSets");
        json.WriteStartObject();
        json.WriteString("action", "Information");
        json.WriteStartObject("observations");
        foreach (var r in rows)
        {
            json.WriteStartArray(string.Create(CultureInfo.InvariantCulture, $"0:{breakdowns.Index[r.Breakdown]}:{cells.Index[r.Cell]}:{measures.Index[r.Measure]}"));
            if (r.Flag == "" && r.Value is double v)
            {
                if (r.Measure == ReleaseMeasures.Enterprises) json.WriteNumberValue((long)v);
                else json.WriteNumberValue(v);
            }
            else json.WriteNullValue();
            json.WriteNumberValue(Array.IndexOf(obsStatus, ObservationStatus(r.Flag)));
            json.WriteNumberValue(Array.IndexOf(confStatus, ConfidentialityStatus(r.Flag)));
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject(); // data
        json.WriteEndObject();
    }

    private static (List<string> Values, Dictionary<string, int> Index) Positions(IEnumerable<string> values)
    {
        var list = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var v in values)
            if (index.TryAdd(v, list.Count)) list.Add(v);
        return (list, index);
    }

    private static void Dimension(Utf8JsonWriter json, string id, int? keyPosition, IReadOnlyList<string> values, string? role)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("name", id);
        if (keyPosition is int k) json.WriteNumber("keyPosition", k);
        if (role is not null) json.WriteString("role", role);
        json.WriteStartArray("values");
        foreach (var v in values)
        {
            json.WriteStartObject();
            json.WriteString("id", v);
            json.WriteString("name", v);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Bytes of a release in a format (responses are small enough to buffer; XLSX needs a seekable stream).</summary>
    public static byte[] Bytes(ReleaseFormat format, string period, IReadOnlyList<StoredReleaseRow> rows, DateTimeOffset prepared)
    {
        using var buffer = new MemoryStream();
        Write(buffer, format, period, rows, prepared);
        return buffer.ToArray();
    }
}
