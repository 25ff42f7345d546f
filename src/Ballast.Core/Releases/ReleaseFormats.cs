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
        {
            json.WriteStartObject();
            json.WriteString("period", period);
            json.WriteString("breakdown", r.Breakdown);
            json.WriteString("cell", r.Cell);
            json.WriteString("parent", r.Parent);
            json.WriteString("measure", r.Measure);
            if (r.Value is double v)
            {
                if (r.Measure == ReleaseMeasures.Enterprises) json.WriteNumber("value", (long)v);
                else json.WriteNumber("value", v);
            }
            else json.WriteNull("value");
            json.WriteString("flag", MonthlyRelease.FlagText(r.Flag));
            json.WriteEndObject();
        }
        json.WriteEndArray();
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
