using System.Text.Json;
using Ballast.Core.Files;
using Ballast.Statistics.Release;

namespace Ballast.Core.Releases;

/// <summary>The tidy release table as CSV (release.md, Output table), JSON or XLSX.</summary>
public static class ReleaseFormats
{
    public static readonly IReadOnlyList<string> Columns = ["period", "breakdown", "cell", "parent", "measure", "value", "flag"];

    public static void WriteJson(Stream stream, MonthlyRelease release, ReleaseView view)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        string period = release.Period.ToString();
        json.WriteStartArray();
        foreach (var r in release.Rows(view))
            WriteJsonRow(json, period, r.Breakdown, r.Cell, r.Parent, r.Measure, r.Value, MonthlyRelease.FlagText(r.Flag));
        json.WriteEndArray();
    }

    /// <summary>One release row as a JSON object, the columns of <see cref="Columns"/> (enterprises as an integer).</summary>
    public static void WriteJsonRow(Utf8JsonWriter json, string period, string breakdown, string cell, string parent, string measure,
        double? value, string flag)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("period", period);
        json.WriteString("breakdown", breakdown);
        json.WriteString("cell", cell);
        json.WriteString("parent", parent);
        json.WriteString("measure", measure);
        if (value is double v)
        {
            if (measure == ReleaseMeasures.Enterprises) json.WriteNumber("value", (long)v);
            else json.WriteNumber("value", v);
        }
        else json.WriteNull("value");
        json.WriteString("flag", flag);
        json.WriteEndObject();
    }

    public static void WriteXlsx(Stream stream, MonthlyRelease release, ReleaseView view)
    {
        using var xlsx = new XlsxWriter(stream, "release " + release.Period);
        xlsx.WriteRow(Columns);
        string period = release.Period.ToString();
        foreach (var r in release.Rows(view))
        {
            xlsx.Write(period); xlsx.Write(r.Breakdown); xlsx.Write(r.Cell); xlsx.Write(r.Parent); xlsx.Write(r.Measure);
            xlsx.Write(r.Value); xlsx.Write(MonthlyRelease.FlagText(r.Flag));
            xlsx.EndRow();
        }
    }
}
