using System.Data.Common;
using System.Globalization;
using Ballast.Core.Arrears;
using Ballast.Core.Register;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Storage;

// Arrears cases and their history (migration 007). Amounts are whole fen in integers so sums are exact.
public abstract partial class RelationalStore
{
    private const decimal FenPerUnit = 1_000_000m; // 10,000 yuan = 1,000,000 fen

    private const string CaseColumns = """
        id, credit_code, debtor_name, debtor_type, province, amount_fen, contract_date, due_date, registered_at,
        handling_deadline, state, closure, paid_fen, closed_at, escalation_level, escalated_at, version
        """;

    internal static long ToFen(decimal amount)
    {
        decimal fen = amount * FenPerUnit;
        if (fen != decimal.Truncate(fen)) throw new ArgumentException($"{amount.ToString(CultureInfo.InvariantCulture)} has a fraction of a fen", nameof(amount));
        return decimal.ToInt64(fen);
    }

    private static decimal FromFen(long fen) => fen / FenPerUnit;

    public ArrearsCase InsertArrearsCase(ArrearsCase newCase, ArrearsEvent registration)
    {
        ArgumentNullException.ThrowIfNull(newCase);
        ArgumentNullException.ThrowIfNull(registration);
        using var c = OpenConnection();
        BeginWrite(c);
        try
        {
            long id = Convert.ToInt64(Scalar(c, """
                INSERT INTO arrears_cases (credit_code, debtor_name, debtor_type, province, amount_fen, contract_date, due_date,
                    registered_at, handling_deadline, state, closure, paid_fen, closed_at, escalation_level, escalated_at, version)
                VALUES (@cc, @dn, @dt, @pr, @am, @cd, @dd, @ra, @hd, @st, @cl, @pf, @ca, @el, @ea, 1) RETURNING id
                """, CaseParameters(newCase)), CultureInfo.InvariantCulture);
            InsertEvent(c, registration with { CaseId = id });
            Execute(c, "COMMIT");
            return newCase with { Id = id, Version = 1 };
        }
        catch
        {
            TryRollback(c);
            throw;
        }
    }

    public bool UpdateArrearsCase(ArrearsCase updated, int expectedVersion, ArrearsEvent step)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(step);
        using var c = OpenConnection();
        BeginWrite(c);
        try
        {
            var parameters = CaseParameters(updated).Append(("id", updated.Id)).Append(("v", expectedVersion)).ToArray();
            int n = Execute(c, """
                UPDATE arrears_cases SET credit_code = @cc, debtor_name = @dn, debtor_type = @dt, province = @pr, amount_fen = @am,
                    contract_date = @cd, due_date = @dd, registered_at = @ra, handling_deadline = @hd, state = @st, closure = @cl,
                    paid_fen = @pf, closed_at = @ca, escalation_level = @el, escalated_at = @ea, version = version + 1
                WHERE id = @id AND version = @v
                """, parameters);
            if (n == 0)
            {
                TryRollback(c);
                return false;
            }
            InsertEvent(c, step with { CaseId = updated.Id });
            Execute(c, "COMMIT");
            return true;
        }
        catch
        {
            TryRollback(c);
            throw;
        }
    }

    private (string, object?)[] CaseParameters(ArrearsCase a) =>
    [
        ("cc", a.CreditCode), ("dn", a.DebtorName), ("dt", ArrearsCodes.Code(a.DebtorType)), ("pr", a.Province),
        ("am", ToFen(a.Amount)), ("cd", ArrearsCodes.Date(a.ContractDate)), ("dd", ArrearsCodes.Date(a.DueDate)),
        ("ra", TimeValue(a.RegisteredAt)), ("hd", TimeValue(a.HandlingDeadline)), ("st", ArrearsCodes.Code(a.State)),
        ("cl", a.Closure is { } cl ? ArrearsCodes.Code(cl) : null), ("pf", ToFen(a.PaidAmount)),
        ("ca", a.ClosedAt is { } ca ? TimeValue(ca) : null), ("el", a.EscalationLevel),
        ("ea", a.EscalatedAt is { } ea ? TimeValue(ea) : null),
    ];

    private void InsertEvent(DbConnection c, ArrearsEvent e)
    {
        int seq = Convert.ToInt32(Scalar(c, "SELECT coalesce(max(seq), 0) + 1 FROM arrears_events WHERE case_id = @id", ("id", e.CaseId)), CultureInfo.InvariantCulture);
        Execute(c, """
            INSERT INTO arrears_events (case_id, seq, at, actor_name, actor_role, action, from_state, to_state, detail)
            VALUES (@id, @s, @at, @n, @r, @a, @f, @t, @d)
            """,
            ("id", e.CaseId), ("s", seq), ("at", TimeValue(e.At)), ("n", e.ActorName), ("r", ArrearsCodes.Code(e.ActorRole)),
            ("a", e.Action), ("f", e.FromState is { } f ? ArrearsCodes.Code(f) : null), ("t", ArrearsCodes.Code(e.ToState)), ("d", e.Detail));
    }

    public ArrearsCase? ArrearsCase(long id)
    {
        foreach (var r in Rows($"SELECT {CaseColumns} FROM arrears_cases WHERE id = @id", ("id", id)))
            return ReadCase(r);
        return null;
    }

    public IReadOnlyList<ArrearsCase> ArrearsCases(string? creditCode = null, string? province = null)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (creditCode is not null) { where.Add("credit_code = @cc"); parameters.Add(("cc", creditCode)); }
        if (province is not null) { where.Add("province = @pr"); parameters.Add(("pr", province)); }
        string sql = $"SELECT {CaseColumns} FROM arrears_cases" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY id";
        var list = new List<ArrearsCase>();
        foreach (var r in Rows(sql, [.. parameters])) list.Add(ReadCase(r));
        return list;
    }

    private ArrearsCase ReadCase(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2),
        ArrearsCodes.Parse(r.GetString(3), ArrearsCodes.DebtorTypes, ArrearsCodes.Code, "debtor type"),
        r.GetString(4), FromFen(r.GetInt64(5)), ReadDate(r.GetString(6)), ReadDate(r.GetString(7)),
        ReadTime(r, 8), ReadTime(r, 9),
        ArrearsCodes.Parse(r.GetString(10), Enum.GetValues<CaseState>(), ArrearsCodes.Code, "case state"),
        r.IsDBNull(11) ? null : ArrearsCodes.Parse(r.GetString(11), ArrearsCodes.Closures, ArrearsCodes.Code, "closure"),
        FromFen(r.GetInt64(12)), r.IsDBNull(13) ? null : ReadTime(r, 13),
        r.GetInt32(14), r.IsDBNull(15) ? null : ReadTime(r, 15), r.GetInt32(16));

    private static DateOnly ReadDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new StoreException($"the store holds \"{text}\" where a date YYYY-MM-DD belongs; it was not written by Ballast");

    public IReadOnlyList<ArrearsEvent> ArrearsEvents(long caseId)
    {
        var list = new List<ArrearsEvent>();
        foreach (var r in Rows("""
            SELECT case_id, seq, at, actor_name, actor_role, action, from_state, to_state, detail
            FROM arrears_events WHERE case_id = @id ORDER BY seq
            """, ("id", caseId)))
            list.Add(new ArrearsEvent(r.GetInt64(0), r.GetInt32(1), ReadTime(r, 2), r.GetString(3),
                ArrearsCodes.Parse(r.GetString(4), Enum.GetValues<UserRole>(), ArrearsCodes.Code, "role"), r.GetString(5),
                r.IsDBNull(6) ? null : ArrearsCodes.Parse(r.GetString(6), Enum.GetValues<CaseState>(), ArrearsCodes.Code, "case state"),
                ArrearsCodes.Parse(r.GetString(7), Enum.GetValues<CaseState>(), ArrearsCodes.Code, "case state"), r.GetString(8)));
        return list;
    }

    public IReadOnlyList<(string CreditCode, YearMonth Period, double OverdueReceivables)> OverdueReceivables(IReadOnlyCollection<string> creditCodes)
    {
        ArgumentNullException.ThrowIfNull(creditCodes);
        var list = new List<(string, YearMonth, double)>();
        // In batches: both back ends cap the parameters of one statement.
        foreach (var batch in creditCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Chunk(500))
        {
            var parameters = batch.Select((code, i) => ("c" + i.ToString(CultureInfo.InvariantCulture), (object?)code)).ToArray();
            string sql = $"SELECT credit_code, period, overdue_receivables FROM reports WHERE credit_code IN ({string.Join(", ", parameters.Select(p => "@" + p.Item1))}) ORDER BY credit_code, period";
            foreach (var r in Rows(sql, parameters)) list.Add((r.GetString(0), ParsePeriod(r.GetString(1)), r.GetDouble(2)));
        }
        return list;
    }

    public IReadOnlyDictionary<string, double> OverdueReceivablesIn(YearMonth period)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in Rows("SELECT credit_code, overdue_receivables FROM reports WHERE period = @p", ("p", period.ToString())))
            map[r.GetString(0)] = r.GetDouble(1);
        return map;
    }
}
