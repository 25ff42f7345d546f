using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Ballast.Web.Dashboard;

/// <summary>The language a bulletin is written in.</summary>
public enum BulletinLanguage { Chinese, English }

/// <summary>
/// The monthly release as a printable page in the manner of a statistics bureau's release: a headline sentence,
/// paragraphs with the main figures, four tables (main figures, divisions, provinces, products) and two charts
/// (the trend and the divisions' pulls). Only the published view reaches it: a confidential figure prints as C.
/// </summary>
public static class BulletinPage
{
    private static readonly string[] MainCells =
        ["total|ALL", "section|B", "section|C", "section|D", "hightech|ALL", "equipment|ALL", "size|large", "size|sme",
         "region4|east", "region4|central", "region4|west", "region4|northeast",
         "ownership|SOE", "ownership|SHAREHOLDING", "ownership|FOREIGN", "ownership|PRIVATE"];

    public static string Render(ShownRelease release, IReadOnlyList<TrendPoint> trend, CellNames names, BulletinLanguage language)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentNullException.ThrowIfNull(names);
        bool zh = language == BulletinLanguage.Chinese;
        string T(string chinese, string english) => zh ? chinese : english;
        string N(Name n) => zh ? n.Zh : n.En;
        string V(string b, string c, string m) => release.Find(b, c, m) is { } f ? Figures.Show(f.Value, f.Flag, m) : "—";
        var p = release.Period;
        string month = p.Month == 2
            ? T($"{p.Year}年1—2月份", $"January–February {p.Year}")
            : T($"{p.Year}年{p.Month}月份", CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(p.Month) + " " + p.Year.ToString(CultureInfo.InvariantCulture));
        string ytd = T($"1—{p.Month}月份", $"January–{CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(p.Month)}");

        // "grew 6.1 %" / "增长6.1%", "fell" / "下降" for a negative figure, the flag for a figure without value.
        string Growth(string b, string c, string m)
        {
            var f = release.Find(b, c, m);
            if (f?.Value is not { } v) return T("数据不予公布（" + (f?.Flag ?? "—") + "）", "not published (" + (f?.Flag ?? "—") + ")");
            string shown = Figures.OneDecimal(Math.Abs(v));
            bool falls = Figures.OneDecimal(v).StartsWith('-');
            return zh ? (falls ? "下降" : "增长") + shown + "%" : (falls ? "fell " : "grew ") + shown + " %";
        }

        var html = new StringBuilder();
        void Line(string text) => html.Append(text).Append('\n');
        string E(string text) => WebUtility.HtmlEncode(text);

        string title = T($"{month}规模以上工业增加值{Growth("total", "ALL", "va_yoy_month")}",
            $"Industrial value added {Growth("total", "ALL", "va_yoy_month")} in {month}");
        Line("<!doctype html>");
        Line($"<html lang=\"{(zh ? "zh-CN" : "en")}\"><head><meta charset=\"utf-8\"><title>{E(title)}</title>");
        Line("<link rel=\"stylesheet\" href=\"/bulletin.css\"></head><body class=\"bulletin\">");
        Line($"<p class=\"lang\"><a href=\"?lang={(zh ? "en" : "zh")}\">{(zh ? "English" : "中文")}</a> · <a href=\"/bulletin/{p}.pdf{(zh ? "" : "?lang=en")}\">PDF</a> · <a href=\"/\">{T("仪表板", "Dashboard")}</a></p>");
        Line($"<h1 id=\"headline\">{E(title)}</h1>");
        Line($"<p class=\"dateline\">{E(T("Ballast 工业统计月度发布", "Ballast monthly industrial release"))} · {E(T("发布编号", "release no."))} {release.Stored.Id} · {E(T("数据版本", "data version"))} {release.Stored.DataVersion} · {E(T("计算于", "computed"))} {release.Stored.ComputedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</p>");

        Line("<section class=\"text\">");
        Line("<p>" + E(T(
            $"{month}，规模以上工业增加值同比实际{Growth("total", "ALL", "va_yoy_month")}（以下增加值增速均为扣除价格因素的实际增长率，按同一企业样本比较）。{ytd}，规模以上工业增加值同比{Growth("total", "ALL", "va_yoy_ytd")}。",
            $"In {month}, the value added of industrial enterprises above designated size {Growth("total", "ALL", "va_yoy_month")} year on year in real terms (all growth rates of value added here are at comparable prices, over the same enterprises). In {ytd}, value added {Growth("total", "ALL", "va_yoy_ytd")}.")) + "</p>");
        Line("<p>" + E(T(
            $"分三大门类看，采矿业增加值同比{Growth("section", "B", "va_yoy_month")}，制造业{Growth("section", "C", "va_yoy_month")}，电力、热力、燃气及水生产和供应业{Growth("section", "D", "va_yoy_month")}。高技术制造业增加值同比{Growth("hightech", "ALL", "va_yoy_month")}，装备制造业{Growth("equipment", "ALL", "va_yoy_month")}；中小微企业{Growth("size", "sme", "va_yoy_month")}。",
            $"By section, mining {Growth("section", "B", "va_yoy_month")}, manufacturing {Growth("section", "C", "va_yoy_month")}, and electricity, heat, gas and water {Growth("section", "D", "va_yoy_month")}. High-technology manufacturing {Growth("hightech", "ALL", "va_yoy_month")}, equipment manufacturing {Growth("equipment", "ALL", "va_yoy_month")}; SMEs {Growth("size", "sme", "va_yoy_month")}.")) + "</p>");

        var divisions = release.Cells("division");
        int growing = divisions.Count(d => release.Find("division", d, "va_yoy_month")?.Value > 0);
        var topPulls = divisions.Select(d => (d, Pull: release.Find("division", d, "va_pull_month")?.Value))
            .Where(x => x.Pull is not null).OrderByDescending(x => x.Pull).Take(3).ToList();
        string pulls = string.Join(T("、", ", "), topPulls.Select(x => $"{N(names.Cell("division", x.d))}{T("（拉动", " (")}{Figures.OneDecimal(x.Pull!.Value)}{T("个百分点）", " points)")}"));
        Line("<p>" + E(T(
            $"分行业看，{divisions.Count}个大类行业中有{growing}个行业增加值保持同比增长。拉动增长最多的行业是{pulls}。",
            $"By division, value added grew in {growing} of the {divisions.Count} divisions. The largest pulls came from {pulls}.")) + "</p>");
        Line("<p>" + E(T(
            $"分地区看，东部地区增加值同比{Growth("region4", "east", "va_yoy_month")}，中部地区{Growth("region4", "central", "va_yoy_month")}，西部地区{Growth("region4", "west", "va_yoy_month")}，东北地区{Growth("region4", "northeast", "va_yoy_month")}。",
            $"By region, the East {Growth("region4", "east", "va_yoy_month")}, the Centre {Growth("region4", "central", "va_yoy_month")}, the West {Growth("region4", "west", "va_yoy_month")} and the Northeast {Growth("region4", "northeast", "va_yoy_month")}.")) + "</p>");
        var products = release.Cells("product");
        if (products.Count > 0)
        {
            string list = string.Join(T("，", ", "), products.Take(6).Select(pr => N(names.Cell("product", pr)) + (zh ? "" : " ") + Growth("product", pr, "output_yoy_month")));
            Line("<p>" + E(T($"分产品看，{list}。", $"By product, {list}.")) + "</p>");
        }
        Line("</section>");

        Line("<section class=\"charts\">");
        Line($"<figure><div id=\"chart-trend\" class=\"chart\"></div><figcaption>{E(T("图1 规模以上工业增加值同比增速", "Chart 1 Growth of industrial value added, year on year (%)"))}</figcaption></figure>");
        Line($"<figure><div id=\"chart-pulls\" class=\"chart\"></div><figcaption>{E(T($"图2 {month}各行业对规模以上工业增长的拉动（百分点）", $"Chart 2 Pull of the divisions on growth, {month} (points)"))}</figcaption></figure>");
        Line("</section>");

        void Table(string id, string caption, string[] headers, IEnumerable<string[]> rows)
        {
            Line($"<table id=\"{id}\"><caption>{E(caption)}</caption><thead><tr>{string.Concat(headers.Select(h => $"<th>{E(h)}</th>"))}</tr></thead><tbody>");
            foreach (var row in rows)
                Line("<tr>" + $"<th scope=\"row\">{E(row[0])}</th>" + string.Concat(row.Skip(1).Select(c => $"<td>{E(c)}</td>")) + "</tr>");
            Line("</tbody></table>");
        }

        string[] growthHeaders = [T("指标", "Indicator"), T("当月同比增长(%)", "Month, growth (%)"), T("累计同比增长(%)", "Year to date, growth (%)")];
        Table("table-main", T($"表1 {month}规模以上工业增加值主要数据", $"Table 1 Main figures, {month}"), growthHeaders,
            MainCells.Select(k => k.Split('|')).Where(k => release.Find(k[0], k[1], "enterprises") is not null)
                .Select(k => new[] { N(names.Cell(k[0], k[1])), V(k[0], k[1], "va_yoy_month"), V(k[0], k[1], "va_yoy_ytd") }));
        Table("table-divisions", T("表2 分行业增加值增长", "Table 2 Value added by division"),
            [T("行业", "Division"), T("当月同比增长(%)", "Month, growth (%)"), T("累计同比增长(%)", "Year to date, growth (%)"), T("当月拉动(百分点)", "Pull, month (points)")],
            divisions.Select(d => new[] { d + " " + N(names.Cell("division", d)), V("division", d, "va_yoy_month"), V("division", d, "va_yoy_ytd"), V("division", d, "va_pull_month") }));
        Table("table-provinces", T("表3 分地区增加值增长", "Table 3 Value added by province"), growthHeaders,
            release.Cells("province").Select(pv => new[] { N(names.Cell("province", pv)), V("province", pv, "va_yoy_month"), V("province", pv, "va_yoy_ytd") }));
        if (products.Count > 0)
            Table("table-products", T("表4 主要产品产量及产能利用率", "Table 4 Key products: output and capacity utilisation"),
                [T("产品", "Product"), T("单位", "Unit"), T("当月产量", "Output, month"), T("当月同比增长(%)", "Month, growth (%)"), T("累计同比增长(%)", "Year to date, growth (%)"), T("产能利用率(%)", "Capacity utilisation (%)")],
                products.Select(pr => new[] { N(names.Cell("product", pr)), names.ProductUnit(pr), V("product", pr, "output_month"), V("product", pr, "output_yoy_month"), V("product", pr, "output_yoy_ytd"), V("product", pr, "capacity_utilization_ytd") }));

        Line("<section class=\"notes\"><h2>" + E(T("附注", "Notes")) + "</h2><ol>");
        Line("<li>" + E(T("增加值增速按同一企业样本（本期与上年同期均有报表的企业）计算，为扣除价格因素的实际增长率。1月与2月合并发布。",
            "Growth compares the same enterprises (those reporting both this month and a year earlier), at comparable prices. January is published together with February.")) + "</li>");
        Line("<li>" + E(T("“C”表示涉及单个企业的保密数据，不予公布；“E”表示基数为零，无法计算。数值保留一位小数，四舍五入。",
            "\"C\": confidential, not published (it would reveal an enterprise); \"E\": not computable (zero base). Figures have one decimal, rounded half away from zero.")) + "</li>");
        Line("</ol></section>");

        var chartData = new
        {
            zh,
            months = trend.Select(t => t.Period.ToString()).ToArray(),
            series = DashboardData.TrendCells.Select(c => new
            {
                name = N(names.Cell(c.Breakdown, c.Cell)),
                values = trend.Select(t => t.Figures.FirstOrDefault(f => f.Breakdown == c.Breakdown && f.Cell == c.Cell && f.Measure == "va_yoy_month")?.Value).ToArray(),
            }).ToArray(),
            pulls = divisions.Select(d => (d, v: release.Find("division", d, "va_pull_month")?.Value)).Where(x => x.v is not null)
                .OrderByDescending(x => x.v).Select(x => new { name = N(names.Cell("division", x.d)), value = x.v }).ToArray(),
        };
        Line("<script src=\"/lib/echarts.min.js\"></script>");
        Line($"<script>window.bulletinData = {JsonSerializer.Serialize(chartData)};</script>");
        Line("<script src=\"/bulletin.js\"></script>");
        Line("</body></html>");
        return html.ToString();
    }
}
