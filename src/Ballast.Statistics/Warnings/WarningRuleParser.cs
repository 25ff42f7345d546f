using System.Globalization;
using System.Text.Json;
using Ballast.Statistics.Release;

namespace Ballast.Statistics.Warnings;

/// <summary>
/// Reads a rule file's JSON text (no file access here: the caller reads the file). The file is an object with a
/// <c>rules</c> array; each rule:
/// <code>
/// { "id": "provinces_contracting", "measure": "va_yoy_ytd",
///   "cells": { "breakdown": "province", "codes": "all" },          // or "codes": ["11", "14"]
///   "condition": { "kind": "below", "threshold": 0 },              // above; worse_than_parent + "margin";
///                                                                  // falling + "months" (N ≥ 2); turning (+ "direction": any|down|up)
///   "severity": "critical", "message": "{cell}: {value} below {threshold}", "note": "optional" }
/// </code>
/// Every problem is collected and reported at once, each naming its rule; a JSON syntax error names the line and
/// column (1-based).
/// </summary>
public static class WarningRuleParser
{
    private static readonly string[] Breakdowns =
    [
        ReleaseBreakdowns.Total, ReleaseBreakdowns.Section, ReleaseBreakdowns.Division, ReleaseBreakdowns.Province,
        ReleaseBreakdowns.Region4, ReleaseBreakdowns.Ownership, ReleaseBreakdowns.Size, ReleaseBreakdowns.HighTech,
        ReleaseBreakdowns.Equipment, ReleaseBreakdowns.KeyIndustry, ReleaseBreakdowns.Tier,
        ReleaseBreakdowns.ProvinceDivision, ReleaseBreakdowns.Product,
    ];

    /// <summary>The measures a breakdown has (release.md, Which rows a release has).</summary>
    public static IReadOnlyList<string> MeasuresOf(string breakdown) => breakdown switch
    {
        ReleaseBreakdowns.Total => ReleaseMeasures.TotalMeasures,
        ReleaseBreakdowns.Product => ReleaseMeasures.ProductMeasures,
        _ => ReleaseMeasures.CellMeasures,
    };

    /// <summary>
    /// Parses and validates <paramref name="json"/>; <paramref name="source"/> names the file in messages. With
    /// <paramref name="codes"/>, listed cell codes are checked against the code lists.
    /// </summary>
    /// <exception cref="WarningRuleException">Every problem of the file.</exception>
    public static WarningRuleSet Parse(string json, string source, ReleaseCodes? codes = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1, column = (e.BytePositionInLine ?? 0) + 1;
            throw new WarningRuleException(source, [$"line {line}, column {column}: the file is not valid JSON ({FirstSentence(e.Message)})"]);
        }

        using (document)
        {
            var problems = new List<string>();
            var rules = new List<WarningRule>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rules", out var array) || array.ValueKind != JsonValueKind.Array)
                throw new WarningRuleException(source, ["the file must be an object with a \"rules\" array"]);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var element in array.EnumerateArray())
            {
                index++;
                var rule = ParseRule(element, index, codes, problems);
                if (rule is null) continue;
                if (!ids.Add(rule.Id)) problems.Add($"rule {rule.Id}: the id is used by an earlier rule");
                else rules.Add(rule);
            }
            if (problems.Count > 0) throw new WarningRuleException(source, problems);
            return new WarningRuleSet(rules);
        }
    }

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        return (i < 0 ? message : message[..i]).TrimEnd('.');
    }

    private static WarningRule? ParseRule(JsonElement e, int index, ReleaseCodes? codes, List<string> problems)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"rule number {index}: must be an object");
            return null;
        }
        string? id = Text(e, "id");
        string name = string.IsNullOrWhiteSpace(id) ? $"rule number {index} (no id)" : $"rule {id}";
        int before = problems.Count;
        void Problem(string text) => problems.Add($"{name}: {text}");
        if (string.IsNullOrWhiteSpace(id)) Problem("\"id\" is missing");

        // cells
        string? breakdown = null;
        List<string>? cells = null;
        if (!e.TryGetProperty("cells", out var cellsElement) || cellsElement.ValueKind != JsonValueKind.Object)
            Problem("\"cells\" is missing or not an object with \"breakdown\" and \"codes\"");
        else
        {
            breakdown = Text(cellsElement, "breakdown");
            if (breakdown is null || !Breakdowns.Contains(breakdown, StringComparer.Ordinal))
            {
                Problem($"breakdown \"{breakdown ?? ""}\" is not a release breakdown ({string.Join(", ", Breakdowns)})");
                breakdown = null;
            }
            if (!cellsElement.TryGetProperty("codes", out var codesElement)
                || (codesElement.ValueKind == JsonValueKind.String && codesElement.GetString() == "all"))
            {
                cells = null;
            }
            else if (codesElement.ValueKind == JsonValueKind.Array && codesElement.GetArrayLength() > 0
                     && codesElement.EnumerateArray().All(c => c.ValueKind == JsonValueKind.String))
            {
                cells = [.. codesElement.EnumerateArray().Select(c => c.GetString()!)];
                if (breakdown is not null)
                    foreach (var c in cells)
                        if (!CellExists(breakdown, c, codes)) Problem($"cell \"{c}\" is not a cell of breakdown {breakdown}");
            }
            else Problem("\"codes\" must be \"all\" or a non-empty list of cell codes");
        }

        // measure
        string? measure = Text(e, "measure");
        if (measure is null) Problem("\"measure\" is missing");
        else if (SupplementaryMeasures.Contains(measure))
        {
            if (breakdown is not null && !SupplementaryMeasures.PublishedFor(measure, breakdown))
                Problem($"measure {measure} does not exist for breakdown {breakdown}");
        }
        else if (breakdown is not null && !MeasuresOf(breakdown).Contains(measure, StringComparer.Ordinal))
        {
            bool anywhere = ReleaseMeasures.CellMeasures.Concat(ReleaseMeasures.ProductMeasures).Contains(measure, StringComparer.Ordinal);
            Problem(anywhere
                ? $"measure {measure} is not published for breakdown {breakdown}"
                : $"unknown measure \"{measure}\"");
        }

        // condition
        WarningCondition? condition = null;
        if (!e.TryGetProperty("condition", out var c2) || c2.ValueKind != JsonValueKind.Object)
            Problem("\"condition\" is missing or not an object");
        else
        {
            string? kind = Text(c2, "kind");
            switch (kind)
            {
                case "below":
                case "above":
                    if (Number(c2, "threshold", out double t, Problem))
                        condition = new WarningCondition(kind == "below" ? ConditionKind.Below : ConditionKind.Above, t);
                    break;
                case "worse_than_parent":
                    if (breakdown == ReleaseBreakdowns.Total) Problem("total has no parent cell, so worse_than_parent cannot apply");
                    else if (Number(c2, "margin", out double m, Problem))
                    {
                        if (m < 0) Problem($"margin {m.ToString(CultureInfo.InvariantCulture)} must not be negative");
                        else condition = new WarningCondition(ConditionKind.WorseThanParent, m);
                    }
                    break;
                case "falling":
                    if (!c2.TryGetProperty("months", out var n) || n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out int months))
                        Problem("falling needs \"months\", a whole number N ≥ 2");
                    else if (months < 2) Problem($"falling needs N ≥ 2 months, the rule says {months}");
                    else condition = new WarningCondition(ConditionKind.Falling, Months: months);
                    break;
                case "turning":
                    string direction = Text(c2, "direction") ?? "any";
                    TurnDirection? d = direction switch { "any" => TurnDirection.Any, "down" => TurnDirection.Down, "up" => TurnDirection.Up, _ => null };
                    if (d is null) Problem($"turning direction \"{direction}\" is not any, down or up");
                    else condition = new WarningCondition(ConditionKind.Turning, Direction: d.Value);
                    break;
                default:
                    Problem($"unknown condition kind \"{kind ?? ""}\" (below, above, worse_than_parent, falling, turning)");
                    break;
            }
        }

        string? severityText = Text(e, "severity");
        WarningSeverity? severity = severityText switch
        {
            "critical" => WarningSeverity.Critical,
            "warning" => WarningSeverity.Warning,
            "watch" => WarningSeverity.Watch,
            _ => null,
        };
        if (severity is null) Problem($"severity \"{severityText ?? ""}\" is not critical, warning or watch");
        string? message = Text(e, "message");
        if (string.IsNullOrWhiteSpace(message)) Problem("\"message\" is missing");

        if (problems.Count > before) return null;
        return new WarningRule(id!, measure!, breakdown!, cells, condition!, severity!.Value, message!, Text(e, "note"));
    }

    private static bool CellExists(string breakdown, string cell, ReleaseCodes? codes)
    {
        if (string.IsNullOrEmpty(cell)) return false;
        switch (breakdown)
        {
            case ReleaseBreakdowns.Total:
            case ReleaseBreakdowns.HighTech:
            case ReleaseBreakdowns.Equipment:
                return cell == ReleaseBreakdowns.All;
            case ReleaseBreakdowns.Size:
                return ReleaseCodes.SizeCodes.Contains(cell, StringComparer.Ordinal);
        }
        if (breakdown == ReleaseBreakdowns.ProvinceDivision)
        {
            var parts = cell.Split('|');
            if (parts.Length != 2) return false;
            return codes is null || (codes.ProvinceIndex.ContainsKey(parts[0]) && codes.DivisionIndex.ContainsKey(parts[1]));
        }
        if (codes is null) return true;
        return breakdown switch
        {
            ReleaseBreakdowns.Section => codes.SectionIndex.ContainsKey(cell),
            ReleaseBreakdowns.Division => codes.DivisionIndex.ContainsKey(cell),
            ReleaseBreakdowns.Province => codes.ProvinceIndex.ContainsKey(cell),
            ReleaseBreakdowns.Region4 => codes.Region4Index.ContainsKey(cell),
            ReleaseBreakdowns.Ownership => codes.OwnershipIndex.ContainsKey(cell),
            ReleaseBreakdowns.KeyIndustry => codes.KeyIndustryIndex.ContainsKey(cell),
            ReleaseBreakdowns.Tier => codes.TierIndex.ContainsKey(cell),
            ReleaseBreakdowns.Product => codes.ProductIndex.ContainsKey(cell),
            _ => false,
        };
    }

    private static string? Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static bool Number(JsonElement e, string property, out double value, Action<string> problem)
    {
        value = 0;
        if (!e.TryGetProperty(property, out var p))
        {
            problem($"\"{property}\" is missing");
            return false;
        }
        if (p.ValueKind != JsonValueKind.Number || !p.TryGetDouble(out value) || !double.IsFinite(value))
        {
            problem($"\"{property}\" must be a number, not {p.GetRawText()}");
            return false;
        }
        return true;
    }
}
