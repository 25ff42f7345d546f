using System.Globalization;
using System.Text.RegularExpressions;
using Ballast.Core.Files;
using Ballast.Core.Reporting;

namespace Ballast.Core.Programs;

/// <summary>
/// An enterprise's annual indicators that monthly reports do not carry (profiles.csv), for one year: values by
/// indicator name as the file writes them (numbers in the import grammar, codes, yes/no). An empty field is no value.
/// </summary>
public sealed record EnterpriseProfile(string CreditCode, int Year, IReadOnlyDictionary<string, string> Values);

/// <summary>A factory of an enterprise (factories.csv) with its evaluation for one year (maturity, scenarios, green score…).</summary>
public sealed record Factory(string FactoryId, string CreditCode, string Name, int Year, IReadOnlyDictionary<string, string> Values);

/// <summary>The type of a known profile or factory column.</summary>
public enum IndicatorType { Number, Integer, Percent, Flag, Code }

/// <summary>A known column: its type, range and (for codes) its values.</summary>
public sealed record IndicatorColumn(string Name, IndicatorType Type, string Meaning, double Min = 0, double Max = double.MaxValue, IReadOnlyList<string>? Codes = null);

/// <summary>
/// Reads profiles.csv and factories.csv (docs/data-formats.md, Program files): all or nothing, every error with
/// file, line and column. Known columns are checked by type; further columns named in lower case are stored as
/// supplied indicators for user programs, with a warning so a misspelt column is seen.
/// </summary>
public static partial class ProfileFiles
{
    public static readonly IReadOnlyList<IndicatorColumn> ProfileColumns =
    [
        new("ip_grade", IndicatorType.Code, "best valid IP related to the main product", Codes: ["none", "class2", "class1", "class1_self", "class1_high_value"]),
        new("ip_class1_count", IndicatorType.Integer, "Class I IP items in use"),
        new("ip_class2_count", IndicatorType.Integer, "Class II IP items in use"),
        new("years_in_niche", IndicatorType.Number, "years in its market niche"),
        new("years_in_field", IndicatorType.Number, "years in the champion product's field"),
        new("main_business_share", IndicatorType.Percent, "main-business revenue / operating revenue last year, %"),
        new("niche_market_share", IndicatorType.Percent, "national market share in its niche, %"),
        new("debt_ratio", IndicatorType.Number, "debt-to-asset ratio at year end, %", 0, 1000),
        new("equity_financing_2y", IndicatorType.Number, "new qualified equity financing in the last 2 years, 10k yuan"),
        new("equity_financing_3y", IndicatorType.Number, "new qualified equity financing in the last 3 years, 10k yuan"),
        new("rd_staff_share", IndicatorType.Percent, "R&D staff / employees, %"),
        new("rd_institution", IndicatorType.Code, "highest level of its R&D institution", Codes: ["none", "own", "city", "provincial", "national"]),
        new("st_award", IndicatorType.Code, "science and technology award within 3 years", Codes: ["none", "provincial", "national"]),
        new("st_award_rank", IndicatorType.Integer, "its rank among the award's units (empty when none)", 1),
        new("maker_china_rank", IndicatorType.Integer, "national rank in the 'Maker China' competition within 3 years (empty when none)", 1),
        new("global_market_rank", IndicatorType.Integer, "global market rank of the main product (empty when unknown)", 1),
        new("national_market_rank", IndicatorType.Integer, "national market rank of the main product (empty when unknown)", 1),
        new("high_tech_enterprise", IndicatorType.Flag, "valid high-tech enterprise or similar honour"),
        new("strategic_emerging", IndicatorType.Flag, "main product in the strategic emerging industries classification"),
        new("info_system", IndicatorType.Flag, "core business run on information systems"),
        new("certification", IndicatorType.Flag, "management-system or developed-market product certification"),
        new("own_brand", IndicatorType.Flag, "own brand"),
        new("key_chain_link", IndicatorType.Flag, "a key link of an industrial chain (ministry list)"),
        new("key_field", IndicatorType.Flag, "main product in a key field (ministry list)"),
        new("new_product", IndicatorType.Flag, "the champion product is a new product"),
        new("advanced_technology", IndicatorType.Flag, "internationally advanced technology"),
        new("digital_level", IndicatorType.Number, "digital level, points as assessed (0–5)", 0, 5),
        new("quality_level", IndicatorType.Number, "quality management, points as assessed (0–5)", 0, 5),
        new("distinctive_points", IndicatorType.Number, "provincial distinctive indicators, points as assessed (0–15)", 0, 15),
    ];

    public static readonly IReadOnlyList<IndicatorColumn> FactoryColumns =
    [
        new("basic_elements", IndicatorType.Flag, "basic element conditions met"),
        new("self_assessment", IndicatorType.Flag, "GB/T 39116 self-assessment done"),
        new("key_links_integrated", IndicatorType.Flag, "key links integrated"),
        new("frontier_tech", IndicatorType.Flag, "frontier technologies in use"),
        new("global_influence", IndicatorType.Flag, "global influence"),
        new("maturity_level", IndicatorType.Integer, "GB/T 39116 capability maturity level (1–5)", 1, 5),
        new("scenario_count", IndicatorType.Integer, "intelligent-manufacturing scenarios in use"),
        new("green_basic_requirements", IndicatorType.Flag, "every mandatory basic requirement of GB/T 36132 holds"),
        new("green_score", IndicatorType.Number, "GB/T 36132 evaluation score (0–100)", 0, 100),
    ];

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^-?[0-9]+(\\.[0-9]+)?$")]
    private static partial Regex NumberPattern();

    /// <summary>What reading the files found.</summary>
    public sealed record Result(IReadOnlyList<EnterpriseProfile> Profiles, IReadOnlyList<Factory> Factories,
        IReadOnlyList<ImportProblem> Errors, IReadOnlyList<ImportWarning> Warnings)
    {
        public bool Accepted => Errors.Count == 0;
    }

    /// <summary>
    /// Reads the files (each recognised by its columns: factory_id makes a factories file) and checks every
    /// credit code against <paramref name="register"/>.
    /// </summary>
    public static Result Read(IEnumerable<string> paths, IReadOnlySet<string> register)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(register);
        var profiles = new List<EnterpriseProfile>();
        var factories = new List<Factory>();
        var errors = new List<ImportProblem>();
        var warnings = new List<ImportWarning>();
        foreach (var path in paths)
        {
            string file = Path.GetFileName(path);
            try
            {
                using var src = new CsvTableSource(path, FileEncoding.Utf8);
                ReadOne(src, file, register, profiles, factories, errors, warnings);
            }
            catch (TableFormatException e) { errors.Add(new ImportProblem(file, e.Line, null, e.Message)); }
            catch (IOException e) { errors.Add(new ImportProblem(file, 0, null, e.Message)); }
            catch (UnauthorizedAccessException e) { errors.Add(new ImportProblem(file, 0, null, e.Message)); }
        }
        return new Result(profiles, factories, errors, warnings);
    }

    private static void ReadOne(ITableSource src, string file, IReadOnlySet<string> register,
        List<EnterpriseProfile> profiles, List<Factory> factories, List<ImportProblem> errors, List<ImportWarning> warnings)
    {
        if (!src.Read()) { errors.Add(new ImportProblem(file, 0, null, "the file is empty; a header row is required")); return; }
        var header = new string[src.FieldCount];
        for (int i = 0; i < header.Length; i++) header[i] = src[i].ToString().Trim().ToLowerInvariant();
        bool isFactory = header.Contains("factory_id", StringComparer.Ordinal);
        string[] keys = isFactory ? ["factory_id", "credit_code", "name", "year"] : ["credit_code", "year"];
        var known = (isFactory ? FactoryColumns : ProfileColumns).ToDictionary(c => c.Name, StringComparer.Ordinal);
        var seenColumns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in header)
        {
            if (!seenColumns.Add(h)) errors.Add(new ImportProblem(file, 1, h, $"column {h} appears twice"));
            else if (!keys.Contains(h, StringComparer.Ordinal) && !known.ContainsKey(h))
            {
                if (NamePattern().IsMatch(h))
                    warnings.Add(new ImportWarning(WarningCodes.UnknownColumn, file, 1, h, $"{h} is not a known {(isFactory ? "factory" : "profile")} indicator; stored as supplied for user programs"));
                else errors.Add(new ImportProblem(file, 1, h, $"\"{h}\" is not a valid indicator name (lower case letters, digits and _)"));
            }
        }
        foreach (var k in keys)
            if (!seenColumns.Contains(k)) errors.Add(new ImportProblem(file, 1, k, $"required column {k} is missing"));
        if (keys.Any(k => !seenColumns.Contains(k))) return;
        int Col(string n) => Array.IndexOf(header, n);
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        while (src.Read())
        {
            long line = src.RecordLine;
            if (src.FieldCount != header.Length)
            { errors.Add(new ImportProblem(file, line, null, $"the record has {src.FieldCount} fields; the header has {header.Length}")); continue; }
            int before = errors.Count;
            string code = src[Col("credit_code")].ToString();
            if (!register.Contains(code)) errors.Add(new ImportProblem(file, line, "credit_code", $"\"{code}\" is not in the register"));
            string yearText = src[Col("year")].ToString();
            if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out int year) || year < 1990 || year > 2999)
                errors.Add(new ImportProblem(file, line, "year", $"\"{yearText}\" is not a year (YYYY)"));
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
            {
                if (keys.Contains(header[i], StringComparer.Ordinal)) continue;
                string v = src[i].ToString();
                if (v.Length == 0) continue; // no value
                if (known.TryGetValue(header[i], out var col))
                {
                    if (Check(col, v) is { } problem) { errors.Add(new ImportProblem(file, line, col.Name, problem)); continue; }
                }
                values[header[i]] = v;
            }
            string id = isFactory ? src[Col("factory_id")].ToString() : code;
            if (isFactory && (id.Length == 0 || id.Length > 64 || id.Any(char.IsWhiteSpace)))
                errors.Add(new ImportProblem(file, line, "factory_id", $"\"{id}\" is not a factory id (1–64 characters, no spaces)"));
            string name = isFactory ? src[Col("name")].ToString() : "";
            if (isFactory && name.Length == 0) errors.Add(new ImportProblem(file, line, "name", "the factory's name is empty"));
            if (!seenKeys.Add(id + "|" + yearText))
                errors.Add(new ImportProblem(file, line, null, $"{(isFactory ? "factory " + id : code)} has a second row for {yearText} in this file"));
            if (errors.Count > before) continue;
            if (isFactory) factories.Add(new Factory(id, code, name, year, values));
            else profiles.Add(new EnterpriseProfile(code, year, values));
        }
    }

    /// <summary>The problem with a known column's value, or null.</summary>
    public static string? Check(IndicatorColumn col, string v)
    {
        ArgumentNullException.ThrowIfNull(col);
        ArgumentNullException.ThrowIfNull(v);
        switch (col.Type)
        {
            case IndicatorType.Flag:
                return v is "yes" or "no" ? null : $"\"{v}\" is not yes or no ({col.Meaning})";
            case IndicatorType.Code:
                return col.Codes!.Contains(v, StringComparer.Ordinal) ? null : $"\"{v}\" is not one of {string.Join(", ", col.Codes!)} ({col.Meaning})";
            default:
                if (!NumberPattern().IsMatch(v)) return $"\"{v}\" is not a number ({col.Meaning})";
                if (col.Type == IndicatorType.Integer && v.Contains('.', StringComparison.Ordinal)) return $"\"{v}\" is not a whole number ({col.Meaning})";
                double d = double.Parse(v, CultureInfo.InvariantCulture);
                double max = col.Type == IndicatorType.Percent ? 100 : col.Max;
                if (d < col.Min) return $"\"{v}\" is below {IndicatorValue.FormatNumber(col.Min)} ({col.Meaning})";
                if (d > max) return $"\"{v}\" is above {IndicatorValue.FormatNumber(max)} ({col.Meaning})";
                return null;
        }
    }

    /// <summary>A stored value as an indicator: numbers for numeric columns (and for numeric-looking supplied ones), codes otherwise.</summary>
    public static IndicatorValue ToIndicator(string name, string value, string source, IReadOnlyList<IndicatorColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var col = columns.FirstOrDefault(c => c.Name == name);
        bool numeric = col is null ? NumberPattern().IsMatch(value ?? "") : col.Type is IndicatorType.Number or IndicatorType.Integer or IndicatorType.Percent;
        return numeric ? IndicatorValue.Of(double.Parse(value!, CultureInfo.InvariantCulture), source) : IndicatorValue.OfCode(value!, source);
    }
}
