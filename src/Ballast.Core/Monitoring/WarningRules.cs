using System.Text;
using Ballast.Core.Classifications;
using Ballast.Core.Releases;
using Ballast.Statistics.Warnings;

namespace Ballast.Core.Monitoring;

/// <summary>
/// Loads monitoring rule files (format: <see cref="WarningRuleParser"/>): the built-in set shipped inside the
/// assembly, or a user's file. Listed cell codes are checked against the classification.
/// </summary>
public static class WarningRules
{
    private const string BuiltInResource = "Ballast.Monitoring.builtin-rules.json";

    /// <summary>The built-in rule set (src/Ballast.Core/Monitoring/builtin-rules.json).</summary>
    public static WarningRuleSet LoadBuiltIn(Classification? classification = null)
    {
        using var stream = typeof(WarningRules).Assembly.GetManifestResourceStream(BuiltInResource)
            ?? throw new InvalidOperationException($"the built-in rule file {BuiltInResource} is missing from the assembly");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
        return WarningRuleParser.Parse(reader.ReadToEnd(), "builtin-rules.json",
            ReleasePopulationBuilder.CodesOf(classification ?? Classification.Default));
    }

    /// <summary>Reads and validates the rule file at <paramref name="path"/> (UTF-8).</summary>
    /// <exception cref="WarningRuleException">The file is not valid JSON or a rule is wrong; every problem listed.</exception>
    public static WarningRuleSet Load(string path, Classification? classification = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(false, true));
        }
        catch (DecoderFallbackException)
        {
            throw new WarningRuleException(path, ["the file is not valid UTF-8"]);
        }
        return WarningRuleParser.Parse(text, path, ReleasePopulationBuilder.CodesOf(classification ?? Classification.Default));
    }
}
