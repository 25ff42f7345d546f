using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ballast.Core.Classifications;

namespace Ballast.Core.Programs;

/// <summary>A program file that cannot be used: every problem, each naming the file and the line/column or the JSON path.</summary>
public sealed class ProgramFileException(string file, IReadOnlyList<string> problems)
    : Exception($"{file}: {problems.Count} problem(s): " + string.Join("; ", problems))
{
    public string File { get; } = file;
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Reads and validates a program file (JSON, comments allowed; format in docs/programs.md). Unknown properties are
/// errors (a misspelt "min" must not silently drop a criterion); tier codes must be in classifications/tiers.csv
/// and belong to the program; thresholds may name a setting (<c>"$name"</c>).
/// </summary>
public static partial class ProgramFileReader
{
    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex TierCodePattern();

    /// <summary>Reads the file at <paramref name="path"/> (UTF-8).</summary>
    public static ProgramDefinition Load(string path, Classification? classification = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try { text = System.IO.File.ReadAllText(path, new UTF8Encoding(false, true)); }
        catch (DecoderFallbackException) { throw new ProgramFileException(path, ["the file is not valid UTF-8"]); }
        return Parse(text, path, classification);
    }

    /// <summary>Parses <paramref name="json"/>; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="ProgramFileException">Every problem found.</exception>
    public static ProgramDefinition Parse(string json, string file, Classification? classification = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        var cls = classification ?? Classification.Default;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1, column = (e.BytePositionInLine ?? 0) + 1;
            string reason = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            throw new ProgramFileException(file, [$"line {line.ToString(CultureInfo.InvariantCulture)}, column {column.ToString(CultureInfo.InvariantCulture)}: not valid JSON ({reason})"]);
        }
        using (doc)
        {
            var p = new Parser(file, cls);
            var program = p.Program(doc.RootElement);
            if (p.Problems.Count > 0 || program is null) throw new ProgramFileException(file, p.Problems);
            return program;
        }
    }

    private sealed class Parser(string file, Classification cls)
    {
        public List<string> Problems { get; } = [];
        private readonly Dictionary<string, ProgramSetting> _settings = new(StringComparer.Ordinal);

        private void Problem(string path, string message) => Problems.Add($"{path}: {message}");

        private bool Keys(JsonElement e, string path, string[] allowed, params string[] required)
        {
            if (e.ValueKind != JsonValueKind.Object) { Problem(path, "must be an object"); return false; }
            bool ok = true;
            foreach (var prop in e.EnumerateObject())
                if (!allowed.Contains(prop.Name, StringComparer.Ordinal))
                { Problem($"{path}.{prop.Name}", $"unknown property (allowed here: {string.Join(", ", allowed)})"); ok = false; }
            foreach (var r in required)
                if (!e.TryGetProperty(r, out _)) { Problem(path, $"\"{r}\" is required"); ok = false; }
            return ok;
        }

        private string? Str(JsonElement e, string name, string path, bool required = true)
        {
            if (!e.TryGetProperty(name, out var v)) return null; // absence of a required key is reported by Keys
            if (v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0) return v.GetString();
            if (required || v.ValueKind != JsonValueKind.Null) Problem($"{path}.{name}", "must be a non-empty string");
            return null;
        }

        public ProgramDefinition? Program(JsonElement root)
        {
            if (!Keys(root, "$", ["program", "name_en", "name_zh", "subject", "sources", "settings", "tiers", "note"], "program", "name_en", "subject", "tiers"))
                return null;
            string? code = Str(root, "program", "$");
            if (code is not null && !NamePattern().IsMatch(code)) Problem("$.program", $"\"{code}\" must be lower case letters, digits and _");
            string nameEn = Str(root, "name_en", "$") ?? "";
            string nameZh = root.TryGetProperty("name_zh", out _) ? Str(root, "name_zh", "$") ?? "" : "";
            ProgramSubject subject = ProgramSubject.Enterprise;
            switch (Str(root, "subject", "$"))
            {
                case "enterprise": break;
                case "factory": subject = ProgramSubject.Factory; break;
                case { } s: Problem("$.subject", $"\"{s}\" is not enterprise or factory"); break;
            }
            var sources = new List<string>();
            if (root.TryGetProperty("sources", out var src))
            {
                if (src.ValueKind != JsonValueKind.Array) Problem("$.sources", "must be an array of strings");
                else foreach (var s in src.EnumerateArray()) sources.Add(s.ValueKind == JsonValueKind.String ? s.GetString()! : "");
            }
            if (root.TryGetProperty("settings", out var settings)) Settings(settings);

            var tiers = new List<TierDefinition>();
            if (root.GetProperty("tiers") is { ValueKind: JsonValueKind.Array } arr)
            {
                int i = 0;
                foreach (var t in arr.EnumerateArray())
                {
                    if (Tier(t, $"$.tiers[{i.ToString(CultureInfo.InvariantCulture)}]", code) is { } tier)
                    {
                        if (tiers.Any(x => x.Tier == tier.Tier)) Problem($"$.tiers[{i.ToString(CultureInfo.InvariantCulture)}].tier", $"{tier.Tier} is defined twice");
                        else tiers.Add(tier);
                    }
                    i++;
                }
                if (i == 0) Problem("$.tiers", "a program needs at least one tier");
            }
            else Problem("$.tiers", "must be an array");
            if (code is null) return null;
            return new ProgramDefinition(code, nameEn, nameZh, subject, sources, _settings, tiers, file);
        }

        private void Settings(JsonElement e)
        {
            if (e.ValueKind != JsonValueKind.Object) { Problem("$.settings", "must be an object of named settings"); return; }
            foreach (var s in e.EnumerateObject())
            {
                string path = "$.settings." + s.Name;
                if (!NamePattern().IsMatch(s.Name)) { Problem(path, "a setting name is lower case letters, digits and _"); continue; }
                if (!Keys(s.Value, path, ["value", "note"], "value", "note")) continue;
                var v = s.Value.GetProperty("value");
                SettingValue? value = v.ValueKind switch
                {
                    JsonValueKind.Number => new SettingValue(v.GetDouble(), null, null),
                    JsonValueKind.True => new SettingValue(null, true, null),
                    JsonValueKind.False => new SettingValue(null, false, null),
                    JsonValueKind.Array when v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String) =>
                        new SettingValue(null, null, [.. v.EnumerateArray().Select(x => x.GetString()!)]),
                    _ => null,
                };
                if (value is null) { Problem(path + ".value", "must be a number, true/false or an array of strings"); continue; }
                string? note = Str(s.Value, "note", path);
                if (note is null) continue;
                _settings[s.Name] = new ProgramSetting(s.Name, value, note);
            }
        }

        private TierDefinition? Tier(JsonElement t, string path, string? program)
        {
            if (!Keys(t, path, ["tier", "name_en", "name_zh", "reviewers", "validity_years", "criteria", "monitor", "note"], "tier", "reviewers", "validity_years", "criteria"))
                return null;
            string? code = Str(t, "tier", path);
            string? tierName = t.TryGetProperty("name_en", out _) ? Str(t, "name_en", path) : null;
            if (code is not null)
            {
                if (!TierCodePattern().IsMatch(code)) Problem(path + ".tier", $"\"{code}\" must be upper case letters, digits and _");
                if (!cls.TierByCode.TryGetValue(code, out var known))
                {
                    // A new program may bring a new tier; it becomes a release cell once added to classifications/tiers.csv.
                    if (tierName is null)
                        Problem(path + ".tier", $"\"{code}\" is not a tier of classifications/tiers.csv ({string.Join(", ", cls.Tiers.Select(x => x.Code))}); a new tier needs its \"name_en\"");
                }
                else if (program is not null && known.Program != program)
                    Problem(path + ".tier", $"{code} belongs to program {known.Program} in classifications/tiers.csv, not {program}");
            }
            var reviewers = new List<ReviewStep>();
            if (t.GetProperty("reviewers") is { ValueKind: JsonValueKind.Array } rv && rv.GetArrayLength() > 0)
            {
                foreach (var r in rv.EnumerateArray())
                {
                    ReviewStep? step = r.ValueKind == JsonValueKind.String ? r.GetString() switch
                    {
                        "self" => ReviewStep.Self, "province" => ReviewStep.Province, "ministry" => ReviewStep.Ministry, _ => null,
                    } : null;
                    if (step is null) Problem(path + ".reviewers", $"{r} is not self, province or ministry");
                    else reviewers.Add(step.Value);
                }
                if (reviewers.Contains(ReviewStep.Self) && reviewers.Count > 1) Problem(path + ".reviewers", "\"self\" stands alone: a self-assessed tier has no other reviewer");
                if (reviewers.Count == 2 && reviewers[0] == ReviewStep.Ministry) Problem(path + ".reviewers", "the province reviews before the ministry");
                if (reviewers.Distinct().Count() != reviewers.Count) Problem(path + ".reviewers", "a reviewer is listed twice");
            }
            else Problem(path + ".reviewers", "must be a non-empty array of self, province, ministry");
            double? validity = Threshold(t.GetProperty("validity_years"), path + ".validity_years", out _);
            if (validity is double vy && (vy < 1 || vy != Math.Floor(vy))) Problem(path + ".validity_years", "must be a whole number of years ≥ 1");
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var criteria = Criterion(t.GetProperty("criteria"), path + ".criteria", ids);
            var monitor = new List<Criterion>();
            if (t.TryGetProperty("monitor", out var m))
            {
                if (m.ValueKind != JsonValueKind.Array) Problem(path + ".monitor", "must be an array of criteria");
                else
                {
                    int i = 0;
                    foreach (var c in m.EnumerateArray())
                        if (Criterion(c, $"{path}.monitor[{(i++).ToString(CultureInfo.InvariantCulture)}]", ids) is { } mc) monitor.Add(mc);
                }
            }
            if (code is null || criteria is null || validity is null) return null;
            string name = tierName ?? (cls.TierByCode.TryGetValue(code, out var k) ? k.NameEn : code);
            return new TierDefinition(code, name, reviewers, (int)validity.Value, criteria, monitor);
        }

        // A number, or "$setting" naming a numeric setting.
        private double? Threshold(JsonElement v, string path, out string? setting)
        {
            setting = null;
            if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
            if (v.ValueKind == JsonValueKind.String && v.GetString()!.StartsWith('$'))
            {
                string name = v.GetString()![1..];
                if (!_settings.TryGetValue(name, out var s)) { Problem(path, $"names setting \"{name}\", which $.settings does not define (settings come before use)"); return null; }
                if (s.Value.Number is not double n) { Problem(path, $"setting \"{name}\" is not a number"); return null; }
                setting = name;
                return n;
            }
            Problem(path, "must be a number or \"$setting\"");
            return null;
        }

        private static readonly string[] ComparisonKeys = ["id", "label", "indicator", "setting", "min", "max", "above", "below", "in", "is", "note"];

        private Criterion? Criterion(JsonElement e, string path, HashSet<string> ids)
        {
            if (e.ValueKind != JsonValueKind.Object) { Problem(path, "a criterion must be an object"); return null; }
            string? id = e.TryGetProperty("id", out _) ? Str(e, "id", path) : null;
            if (id is not null && !ids.Add(id)) Problem(path + ".id", $"\"{id}\" is used by another criterion of this tier");
            string label = e.TryGetProperty("label", out _) ? Str(e, "label", path) ?? "" : "";
            if (e.TryGetProperty("all", out var all) || e.TryGetProperty("any", out all))
            {
                bool requireAll = e.TryGetProperty("all", out _);
                string key = requireAll ? "all" : "any";
                if (!Keys(e, path, ["id", "label", key, "note"])) return null;
                if (all.ValueKind != JsonValueKind.Array || all.GetArrayLength() == 0) { Problem($"{path}.{key}", "must be a non-empty array of criteria"); return null; }
                var parts = new List<Criterion>();
                int i = 0;
                foreach (var c in all.EnumerateArray())
                    if (Criterion(c, $"{path}.{key}[{(i++).ToString(CultureInfo.InvariantCulture)}]", ids) is { } part) parts.Add(part);
                if (parts.Count != all.GetArrayLength()) return null;
                id ??= path;
                return new GroupCriterion(id, label.Length > 0 ? label : requireAll ? "all of" : "any of", requireAll, parts);
            }
            if (e.TryGetProperty("score", out var score)) return Score(e, score, path, id, label);
            if (!Keys(e, path, ComparisonKeys)) return null;
            if (id is null) { Problem(path, "a comparison needs an \"id\""); return null; }
            if (label.Length == 0) { Problem(path, "a comparison needs a \"label\" (what users read)"); return null; }
            string? indicator = e.TryGetProperty("indicator", out _) ? Str(e, "indicator", path) : null;
            string? setting = e.TryGetProperty("setting", out _) ? Str(e, "setting", path) : null;
            if ((indicator is null) == (setting is null)) { Problem(path, "give exactly one of \"indicator\" and \"setting\""); return null; }
            if (indicator is not null && !NamePattern().IsMatch(indicator)) Problem(path + ".indicator", $"\"{indicator}\" must be lower case letters, digits and _");
            if (setting is not null && !_settings.ContainsKey(setting)) Problem(path + ".setting", $"\"{setting}\" is not defined in $.settings");
            string[] ops = [.. new[] { "min", "max", "above", "below", "in", "is" }.Where(o => e.TryGetProperty(o, out _))];
            if (ops.Length != 1) { Problem(path, "give exactly one of min (≥), max (≤), above (>), below (<), in, is"); return null; }
            var v = e.GetProperty(ops[0]);
            string opPath = $"{path}.{ops[0]}";
            switch (ops[0])
            {
                case "in":
                    IReadOnlyList<string>? codes = null;
                    string? codeSetting = null;
                    if (v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0 && v.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
                        codes = [.. v.EnumerateArray().Select(x => x.GetString()!)];
                    else if (v.ValueKind == JsonValueKind.String && v.GetString()!.StartsWith('$') && _settings.TryGetValue(v.GetString()![1..], out var s) && s.Value.Codes is { } list)
                    { codes = list; codeSetting = s.Name; }
                    else { Problem(opPath, "must be a non-empty array of codes or \"$setting\" naming a list"); return null; }
                    return new Comparison(id, label, indicator, setting, ComparisonKind.In, null, codes, null, codeSetting);
                case "is":
                    if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        return new Comparison(id, label, indicator, setting, ComparisonKind.Is, null, null, v.GetBoolean(), null);
                    Problem(opPath, "must be true or false");
                    return null;
                default:
                    var n = Threshold(v, opPath, out var named);
                    if (n is null) return null;
                    var kind = ops[0] switch { "min" => ComparisonKind.Min, "max" => ComparisonKind.Max, "above" => ComparisonKind.Above, _ => ComparisonKind.Below };
                    return new Comparison(id, label, indicator, setting, kind, n, null, null, named);
            }
        }

        private ScoreCriterion? Score(JsonElement e, JsonElement score, string path, string? id, string label)
        {
            if (!Keys(e, path, ["id", "label", "score", "min", "note"], "id", "label", "min")) return null;
            var min = Threshold(e.GetProperty("min"), path + ".min", out _);
            if (!Keys(score, path + ".score", ["groups"], "groups")) return null;
            var groups = new List<ScoreGroup>();
            var gs = score.GetProperty("groups");
            if (gs.ValueKind != JsonValueKind.Array || gs.GetArrayLength() == 0) { Problem(path + ".score.groups", "must be a non-empty array"); return null; }
            int gi = 0;
            foreach (var g in gs.EnumerateArray())
            {
                string gp = $"{path}.score.groups[{(gi++).ToString(CultureInfo.InvariantCulture)}]";
                if (!Keys(g, gp, ["id", "label", "min", "items", "note"], "id", "items")) continue;
                string gid = Str(g, "id", gp) ?? "";
                string glabel = g.TryGetProperty("label", out _) ? Str(g, "label", gp) ?? gid : gid;
                double? gmin = g.TryGetProperty("min", out var gm) ? Threshold(gm, gp + ".min", out _) : null;
                var items = new List<ScoreItem>();
                if (g.GetProperty("items") is not { ValueKind: JsonValueKind.Array } its || its.GetArrayLength() == 0) { Problem(gp + ".items", "must be a non-empty array"); continue; }
                int ii = 0;
                foreach (var it in its.EnumerateArray())
                    if (Item(it, $"{gp}.items[{(ii++).ToString(CultureInfo.InvariantCulture)}]") is { } item) items.Add(item);
                groups.Add(new ScoreGroup(gid, glabel, gmin, items));
            }
            if (min is null || id is null) return null;
            return new ScoreCriterion(id, label, min.Value, groups);
        }

        private ScoreItem? Item(JsonElement it, string path)
        {
            if (!Keys(it, path, ["indicator", "label", "bands", "points", "up_to", "note"], "indicator", "label")) return null;
            string? indicator = Str(it, "indicator", path);
            string label = Str(it, "label", path) ?? "";
            int forms = (it.TryGetProperty("bands", out var bands) ? 1 : 0) + (it.TryGetProperty("points", out var points) ? 1 : 0) + (it.TryGetProperty("up_to", out var upTo) ? 1 : 0);
            if (forms != 1) { Problem(path, "give exactly one of bands, points (by code) and up_to"); return null; }
            if (indicator is null) return null;
            if (bands.ValueKind == JsonValueKind.Array)
            {
                var list = new List<ScoreBand>();
                int bi = 0;
                foreach (var b in bands.EnumerateArray())
                {
                    string bp = $"{path}.bands[{(bi++).ToString(CultureInfo.InvariantCulture)}]";
                    if (!Keys(b, bp, ["min", "above", "max", "below", "points"], "points")) continue;
                    double? Get(string k) => b.TryGetProperty(k, out var x) ? Threshold(x, $"{bp}.{k}", out _) : null;
                    var pts = Get("points");
                    if (pts is null) continue;
                    list.Add(new ScoreBand(Get("min"), Get("above"), Get("max"), Get("below"), pts.Value));
                }
                if (list.Count == 0) { Problem(path + ".bands", "must be a non-empty array of bands"); return null; }
                if (list[^1] is not { Min: null, Above: null, Max: null, Below: null })
                    Problem(path + ".bands", "the last band must be the catch-all (points only), so every value scores");
                return new ScoreItem(indicator, label, list, null, null);
            }
            if (points.ValueKind == JsonValueKind.Object)
            {
                var map = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var p in points.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.Number) { Problem($"{path}.points.{p.Name}", "must be a number"); continue; }
                    map[p.Name] = p.Value.GetDouble();
                }
                if (map.Count == 0) { Problem(path + ".points", "must map at least one code to points"); return null; }
                return new ScoreItem(indicator, label, null, map, null);
            }
            if (upTo.ValueKind != JsonValueKind.Undefined)
            {
                var cap = Threshold(upTo, path + ".up_to", out _);
                return cap is null ? null : new ScoreItem(indicator, label, null, null, cap);
            }
            Problem(path, "bands must be an array, points an object of code → points");
            return null;
        }
    }
}
