using System.Text.RegularExpressions;

namespace Ballast.Core.Reporting;

/// <summary>
/// Chinese renderings of the problems of a filed report. The importer writes English sentences without codes;
/// this gives each problem a stable code (from its sentence, or the code it already has) and a Chinese sentence
/// with the same values, so the filing form shows the server's own validation in either language.
/// </summary>
public static partial class ReportProblemText
{
    /// <summary>The Chinese names of the reports.csv columns, as the statistical form (工业企业月报) calls them.</summary>
    public static IReadOnlyDictionary<string, string> FieldNamesZh { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["credit_code"] = "统一社会信用代码",
        ["period"] = "报告期",
        ["output_value"] = "工业总产值",
        ["sales_value"] = "销售产值",
        ["export_value"] = "出口交货值",
        ["revenue"] = "营业收入",
        ["profit"] = "利润总额",
        ["rd_expense"] = "研发费用",
        ["energy_tce"] = "综合能源消费量",
        ["water_m3"] = "用水量",
        ["receivables"] = "应收账款",
        ["overdue_receivables"] = "其中：逾期应收账款",
        ["employees"] = "期末从业人员",
    };

    private static string Zh(string field) => FieldNamesZh.GetValueOrDefault(field, field);

    [GeneratedRegex("^\"((?:[^\"]|\"(?!\\s))*)\"")]
    private static partial Regex LeadingQuoted();

    [GeneratedRegex("(\\d{4}-\\d{2}) is later than the current month (\\d{4}-\\d{2})")]
    private static partial Regex FuturePeriod();

    /// <summary>The stable code of a problem: its own when specific, else one read from the importer's sentence.</summary>
    public static string Code(string code, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (code is not ("" or "E_INVALID_VALUE" or "E_INVALID_REPORT")) return code;
        if (message.Contains(" is empty; ", StringComparison.Ordinal)) return "E_REQUIRED";
        if (message.Contains(" is not a number;", StringComparison.Ordinal)) return "E_NOT_A_NUMBER";
        if (message.Contains(" is negative;", StringComparison.Ordinal)) return "E_NEGATIVE";
        if (message.Contains(" is not a whole number;", StringComparison.Ordinal)) return "E_NOT_WHOLE";
        if (message.Contains(" is too large", StringComparison.Ordinal)) return "E_TOO_LARGE";
        if (message.Contains("is more than sales_value", StringComparison.Ordinal)) return "E_EXPORT_ABOVE_SALES";
        if (message.Contains("is more than receivables", StringComparison.Ordinal)) return "E_OVERDUE_ABOVE_RECEIVABLES";
        if (FuturePeriod().IsMatch(message)) return "E_FUTURE_PERIOD";
        if (message.Contains("is not a month", StringComparison.Ordinal)) return "E_PERIOD";
        if (message.Contains("is not in the register", StringComparison.Ordinal)) return "E_NOT_IN_REGISTER";
        return code.Length == 0 ? "E_INVALID_REPORT" : code;
    }

    /// <summary>The Chinese sentence of a problem of <paramref name="field"/> (null when there is no rendering: show the English one).</summary>
    public static string? Chinese(string field, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(message);
        string value = LeadingQuoted().Match(message) is { Success: true } m ? m.Groups[1].Value : "";
        string name = Zh(field);
        return Code(code, message) switch
        {
            "E_REQUIRED" => $"{name}为必填项，不能为空",
            "E_NOT_A_NUMBER" => $"“{value}”不是数字；数字写作 1234.5，不带空格、千位分隔符、加号或指数",
            "E_NEGATIVE" => $"“{value}”为负数；{name}必须大于或等于 0",
            "E_NOT_WHOLE" => $"“{value}”不是整数；{name}只写数字，不带小数点",
            "E_TOO_LARGE" => $"“{value}”数值过大",
            "E_EXPORT_ABOVE_SALES" => $"出口交货值“{value}”大于销售产值；出口交货值不得大于销售产值",
            "E_OVERDUE_ABOVE_RECEIVABLES" => $"逾期应收账款“{value}”大于应收账款；逾期应收账款是应收账款的一部分，不得大于应收账款",
            "E_FUTURE_PERIOD" when FuturePeriod().Match(message) is { Success: true } f =>
                $"{f.Groups[1].Value} 晚于当前月份 {f.Groups[2].Value}（北京时间）；不能填报未来月份",
            "E_PERIOD" => $"报告期“{value}”格式不对；报告期写作 YYYY-MM（如 2025-03）",
            "E_NOT_IN_REGISTER" => "该企业不在名录库中",
            "E_UNKNOWN_FIELD" => $"“{field}”不是月报的指标",
            "E_OTHER_ENTERPRISE" => "报表所填企业与填报企业不一致",
            "E_OTHER_PERIOD" => "报表的报告期与所修订的报告期不一致",
            "E_NOT_AN_OBJECT" => "报表须为包含月报各列的 JSON 对象",
            WarningCodes.OutputJump => "工业总产值比上期（1、2 月与上年同月比）变动超过 ±50%，请核实",
            WarningCodes.OutputZero => "本月工业总产值为 0，而上月不为 0，请核实",
            WarningCodes.ExportShare => "出口交货值超过销售产值的 90%，请核实",
            WarningCodes.RegionMismatch => "信用代码中的登记地区与所在地区代码不一致，请核实",
            WarningCodes.UnknownColumn => "未知列已忽略",
            _ => null,
        };
    }
}
