using Ballast.Statistics.Warnings;
using Ballast.Statistics.Tests.Release;

namespace Ballast.Statistics.Tests.Warnings;

public class WarningRuleParserTests
{
    private static string File(string rule) => "{ \"rules\": [ " + rule + " ] }";

    private static string Rule(string id = "r1", string measure = "va_yoy_ytd", string cells = "{ \"breakdown\": \"province\", \"codes\": \"all\" }",
        string condition = "{ \"kind\": \"below\", \"threshold\": 0 }", string severity = "critical") =>
        $"{{ \"id\": \"{id}\", \"measure\": \"{measure}\", \"cells\": {cells}, \"condition\": {condition}, \"severity\": \"{severity}\", \"message\": \"{{cell}} {{value}}\" }}";

    private static IReadOnlyList<string> Problems(string json)
    {
        var e = Assert.Throws<WarningRuleException>(() => WarningRuleParser.Parse(json, "rules.json", PopulationSketch.Codes));
        Assert.Contains("rules.json", e.Message, StringComparison.Ordinal);
        return e.Problems;
    }

    [Fact]
    public void ValidFile_GivesEveryConditionKind()
    {
        string json = "{ \"rules\": [ "
            + Rule("a") + ", "
            + Rule("b", condition: "{ \"kind\": \"above\", \"threshold\": 10.5 }", severity: "watch") + ", "
            + Rule("c", cells: "{ \"breakdown\": \"key_industry\", \"codes\": [\"CHEMICALS\"] }", condition: "{ \"kind\": \"worse_than_parent\", \"margin\": 1.5 }", severity: "warning") + ", "
            + Rule("d", cells: "{ \"breakdown\": \"hightech\", \"codes\": \"all\" }", condition: "{ \"kind\": \"falling\", \"months\": 3 }") + ", "
            + Rule("e", measure: "capacity_utilization_ytd", cells: "{ \"breakdown\": \"product\" }", condition: "{ \"kind\": \"turning\", \"direction\": \"down\" }")
            + " ] }";

        var rules = WarningRuleParser.Parse(json, "rules.json", PopulationSketch.Codes).Rules;

        Assert.Equal(["a", "b", "c", "d", "e"], rules.Select(r => r.Id));
        Assert.Equal(new WarningCondition(ConditionKind.Below, 0), rules[0].Condition);
        Assert.Equal(WarningSeverity.Critical, rules[0].Severity);
        Assert.Null(rules[0].Cells);
        Assert.Equal(new WarningCondition(ConditionKind.Above, 10.5), rules[1].Condition);
        Assert.Equal(WarningSeverity.Watch, rules[1].Severity);
        Assert.Equal(new WarningCondition(ConditionKind.WorseThanParent, 1.5), rules[2].Condition);
        Assert.Equal(["CHEMICALS"], rules[2].Cells!);
        Assert.Equal(new WarningCondition(ConditionKind.Falling, Months: 3), rules[3].Condition);
        Assert.Equal(new WarningCondition(ConditionKind.Turning, Direction: TurnDirection.Down), rules[4].Condition);
        Assert.Equal("product", rules[4].Breakdown);
    }

    [Fact]
    public void SyntaxError_NamesLineAndColumn()
    {
        // Line 3 has a missing comma before "measure": the reader stops at column 12, the quote after "1 " (4 spaces + `"a": 1 ` = 11 characters).
        string json = "{ \"rules\": [\n  { \"id\": \"x\",\n    \"a\": 1 \"measure\": \"va_yoy_ytd\" } ] }";

        var problems = Problems(json);

        var p = Assert.Single(problems);
        Assert.StartsWith("line 3, column 12:", p, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownMeasure_NamesTheRule()
    {
        var p = Assert.Single(Problems(File(Rule("slow", measure: "va_growth"))));
        Assert.Equal("rule slow: unknown measure \"va_growth\"", p);
    }

    [Fact]
    public void MeasureOfAnotherBreakdown_IsRefused()
    {
        var p = Assert.Single(Problems(File(Rule("cap", measure: "capacity_utilization_ytd"))));
        Assert.Equal("rule cap: measure capacity_utilization_ytd is not published for breakdown province", p);
    }

    [Theory]
    [InlineData("{ \"kind\": \"below\", \"threshold\": \"zero\" }", "rule t: \"threshold\" must be a number, not \"zero\"")]
    [InlineData("{ \"kind\": \"above\" }", "rule t: \"threshold\" is missing")]
    [InlineData("{ \"kind\": \"worse_than_parent\", \"margin\": null }", "rule t: \"margin\" must be a number, not null")]
    [InlineData("{ \"kind\": \"falling\", \"months\": 1 }", "rule t: falling needs N ≥ 2 months, the rule says 1")]
    [InlineData("{ \"kind\": \"falling\" }", "rule t: falling needs \"months\", a whole number N ≥ 2")]
    [InlineData("{ \"kind\": \"collapsing\" }", "rule t: unknown condition kind \"collapsing\" (below, above, worse_than_parent, falling, turning)")]
    public void BadCondition_NamesTheRule(string condition, string expected)
    {
        var p = Assert.Single(Problems(File(Rule("t", condition: condition))));
        Assert.Equal(expected, p);
    }

    [Fact]
    public void BadBreakdown_NamesTheRule()
    {
        var problems = Problems(File(Rule("b", cells: "{ \"breakdown\": \"county\", \"codes\": \"all\" }")));
        Assert.Contains(problems, p => p.StartsWith("rule b: breakdown \"county\" is not a release breakdown", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("province", "99")]
    [InlineData("province_division", "11-13")]
    [InlineData("hightech", "YES")]
    [InlineData("size", "tiny")]
    public void BadCell_NamesTheRuleAndTheCell(string breakdown, string cell)
    {
        var problems = Problems(File(Rule("c", cells: $"{{ \"breakdown\": \"{breakdown}\", \"codes\": [\"{cell}\"] }}")));
        Assert.Contains($"rule c: cell \"{cell}\" is not a cell of breakdown {breakdown}", problems);
    }

    [Fact]
    public void SeveralProblems_AreAllListed_AndDuplicateIdsRefused()
    {
        string json = "{ \"rules\": [ " + Rule("a", severity: "urgent") + ", " + Rule("b") + ", " + Rule("b") + " ] }";
        var problems = Problems(json);
        Assert.Equal(["rule a: severity \"urgent\" is not critical, warning or watch", "rule b: the id is used by an earlier rule"], problems);
    }

    [Fact]
    public void WorseThanParentOnTotal_IsRefused()
    {
        var p = Assert.Single(Problems(File(Rule("w", cells: "{ \"breakdown\": \"total\" }", condition: "{ \"kind\": \"worse_than_parent\", \"margin\": 1 }"))));
        Assert.Equal("rule w: total has no parent cell, so worse_than_parent cannot apply", p);
    }
}
