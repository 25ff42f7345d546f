using System.Globalization;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Storage;

// Response monitoring (IResponseStore): filing records and reminders (migration 008).
public abstract partial class RelationalStore
{
    public IReadOnlyList<FilingRecord> FilingRecords(YearMonth period, string? province)
    {
        // Two index seeks per enterprise on the reports key (credit_code, period): no scan of the reports table.
        string sql = """
            SELECT e.credit_code, e.name, e.region_code, e.industry_code,
                   (SELECT MIN(r.period) FROM reports r WHERE r.credit_code = e.credit_code),
                   (SELECT MAX(r.period) FROM reports r WHERE r.credit_code = e.credit_code AND r.period <= @p)
            FROM enterprises e
            """ + (province is null ? "" : " WHERE substr(e.region_code, 1, 2) = @prov");
        var list = new List<FilingRecord>();
        var rows = province is null ? Rows(sql, ("p", period.ToString())) : Rows(sql, ("p", period.ToString()), ("prov", province));
        foreach (var r in rows)
            list.Add(new FilingRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : ParsePeriod(r.GetString(4)), r.IsDBNull(5) ? null : ParsePeriod(r.GetString(5))));
        list.Sort((a, b) => string.CompareOrdinal(a.CreditCode, b.CreditCode)); // the back ends' collations differ
        return list;
    }

    public IReadOnlyList<long> AddReminders(YearMonth period, IReadOnlyList<string> creditCodes, string sentBy, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(creditCodes);
        ArgumentNullException.ThrowIfNull(sentBy);
        if (creditCodes.Count == 0) return [];
        return InWrite(c =>
        {
            var ids = new List<long>(creditCodes.Count);
            foreach (string code in creditCodes)
                ids.Add(Convert.ToInt64(Scalar(c,
                    "INSERT INTO reminders (period, credit_code, sent_by, sent_at) VALUES (@p, @c, @u, @t) RETURNING id",
                    ("p", period.ToString()), ("c", code), ("u", sentBy), ("t", TimeValue(sentAt))), CultureInfo.InvariantCulture));
            return ids;
        });
    }

    public IReadOnlyList<Reminder> Reminders(string? creditCode, YearMonth? period)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (creditCode is not null) { where.Add("credit_code = @c"); parameters.Add(("c", creditCode)); }
        if (period is { } p) { where.Add("period = @p"); parameters.Add(("p", p.ToString())); }
        string sql = "SELECT id, period, credit_code, sent_by, sent_at FROM reminders" +
                     (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) + " ORDER BY id DESC";
        var list = new List<Reminder>();
        foreach (var r in Rows(sql, [.. parameters]))
            list.Add(new Reminder(r.GetInt64(0), ParsePeriod(r.GetString(1)), r.GetString(2), r.GetString(3), ReadTime(r, 4)));
        return list;
    }
}
