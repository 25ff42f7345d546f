using System.Data.Common;
using System.Globalization;
using Ballast.Core.Programs;

namespace Ballast.Core.Storage;

// The programs' storage (IProgramStore): profiles, factories, applications and their audit trail, the registry.
public abstract partial class RelationalStore
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The programs' tables, children first (for TruncateData).</summary>
    private protected static readonly string[] ProgramTables =
    [
        "program_application_events", "program_holdings", "program_applications", "program_factory_values", "program_factory_years",
        "program_factories", "program_profiles", "program_profile_years",
    ];

    private static string? DateText(DateOnly? d) => d?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly? ReadDate(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateOnly.ParseExact(r.GetString(i), DateFormat, CultureInfo.InvariantCulture);

    private void InTransaction(Action<DbConnection> work)
    {
        using var c = OpenConnection();
        BeginWrite(c);
        try
        {
            work(c);
            Execute(c, "COMMIT");
        }
        catch
        {
            TryRollback(c);
            throw;
        }
    }

    public void SaveProgramData(IReadOnlyList<EnterpriseProfile> profiles, IReadOnlyList<Factory> factories)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(factories);
        InTransaction(c =>
        {
            // Prepared once, run per row: the demo stores a profile for every tier holder of a national population.
            DbCommand Prepared(string sql, params string[] names)
            {
                // Typed placeholders: PostgreSQL fixes each parameter's type when the statement is prepared.
                var cmd = Command(c, sql, [.. names.Select(n => (n, n == "y" ? (object?)0 : ""))]);
                cmd.Prepare();
                return cmd;
            }
            void Run(DbCommand cmd, params object?[] values)
            {
                for (int i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
            using var delProfile = Prepared("DELETE FROM program_profiles WHERE credit_code = @c AND year = @y", "c", "y");
            using var delProfileYear = Prepared("DELETE FROM program_profile_years WHERE credit_code = @c AND year = @y", "c", "y");
            using var addProfileYear = Prepared("INSERT INTO program_profile_years (credit_code, year) VALUES (@c, @y)", "c", "y");
            using var addProfile = Prepared("INSERT INTO program_profiles (credit_code, year, indicator, value) VALUES (@c, @y, @k, @v)", "c", "y", "k", "v");
            foreach (var p in profiles)
            {
                Run(delProfile, p.CreditCode, p.Year);
                Run(delProfileYear, p.CreditCode, p.Year);
                Run(addProfileYear, p.CreditCode, p.Year);
                foreach (var (k, v) in p.Values) Run(addProfile, p.CreditCode, p.Year, k, v);
            }
            using var updFactory = Prepared("UPDATE program_factories SET credit_code = @c, name = @n WHERE factory_id = @f", "c", "n", "f");
            using var addFactory = Prepared("INSERT INTO program_factories (factory_id, credit_code, name) VALUES (@f, @c, @n)", "f", "c", "n");
            using var delValues = Prepared("DELETE FROM program_factory_values WHERE factory_id = @f AND year = @y", "f", "y");
            using var delYear = Prepared("DELETE FROM program_factory_years WHERE factory_id = @f AND year = @y", "f", "y");
            using var addYear = Prepared("INSERT INTO program_factory_years (factory_id, year) VALUES (@f, @y)", "f", "y");
            using var addValue = Prepared("INSERT INTO program_factory_values (factory_id, year, indicator, value) VALUES (@f, @y, @k, @v)", "f", "y", "k", "v");
            foreach (var f in factories)
            {
                for (int i = 0; i < 3; i++) updFactory.Parameters[i].Value = new object[] { f.CreditCode, f.Name, f.FactoryId }[i];
                if (updFactory.ExecuteNonQuery() == 0) Run(addFactory, f.FactoryId, f.CreditCode, f.Name);
                Run(delValues, f.FactoryId, f.Year);
                Run(delYear, f.FactoryId, f.Year);
                Run(addYear, f.FactoryId, f.Year);
                foreach (var (k, v) in f.Values) Run(addValue, f.FactoryId, f.Year, k, v);
            }
        });
    }

    public IReadOnlyList<EnterpriseProfile> Profiles(string? creditCode = null)
    {
        var values = new Dictionary<(string, int), Dictionary<string, string>>();
        string where = creditCode is null ? "" : " WHERE credit_code = @c";
        (string, object?)[] args = creditCode is null ? [] : [("c", creditCode)];
        foreach (var r in Rows("SELECT credit_code, year FROM program_profile_years" + where, args))
            values[(r.GetString(0), r.GetInt32(1))] = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in Rows("SELECT credit_code, year, indicator, value FROM program_profiles" + where, args))
            if (values.TryGetValue((r.GetString(0), r.GetInt32(1)), out var d)) d[r.GetString(2)] = r.GetString(3);
        return [.. values.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2)
            .Select(p => new EnterpriseProfile(p.Key.Item1, p.Key.Item2, p.Value))];
    }

    public IReadOnlyList<Factory> Factories(string? creditCode = null)
    {
        var heads = new Dictionary<string, (string Code, string Name)>(StringComparer.Ordinal);
        foreach (var r in creditCode is null ? Rows("SELECT factory_id, credit_code, name FROM program_factories")
                 : Rows("SELECT factory_id, credit_code, name FROM program_factories WHERE credit_code = @c", ("c", creditCode)))
            heads[r.GetString(0)] = (r.GetString(1), r.GetString(2));
        var values = new Dictionary<(string, int), Dictionary<string, string>>();
        string join = creditCode is null ? "" : " x JOIN program_factories f ON f.factory_id = x.factory_id WHERE f.credit_code = @c";
        (string, object?)[] args = creditCode is null ? [] : [("c", creditCode)];
        foreach (var r in Rows("SELECT x.factory_id, x.year FROM program_factory_years" + (join.Length == 0 ? " x" : join), args))
            if (heads.ContainsKey(r.GetString(0))) values[(r.GetString(0), r.GetInt32(1))] = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in Rows("SELECT x.factory_id, x.year, x.indicator, x.value FROM program_factory_values" + (join.Length == 0 ? " x" : join), args))
            if (values.TryGetValue((r.GetString(0), r.GetInt32(1)), out var d)) d[r.GetString(2)] = r.GetString(3);
        return [.. values.OrderBy(p => p.Key.Item1, StringComparer.Ordinal).ThenBy(p => p.Key.Item2)
            .Select(p => new Factory(p.Key.Item1, heads[p.Key.Item1].Code, heads[p.Key.Item1].Name, p.Key.Item2, p.Value))];
    }

    public long CreateApplication(ProgramApplication application, ApplicationEvent first, IReadOnlyList<HoldingChange> changes)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(changes);
        long id = 0;
        InTransaction(c =>
        {
            id = Convert.ToInt64(Scalar(c, """
                INSERT INTO program_applications (program, tier, credit_code, factory_id, province, kind, state, submitted_at,
                    certified_from, valid_until, holding_id, previous_id)
                VALUES (@p, @t, @c, @f, @v, @k, @s, @at, @cf, @vu, @h, @prev) RETURNING id
                """,
                ("p", application.Program), ("t", application.Tier), ("c", application.CreditCode), ("f", application.FactoryId),
                ("v", application.Province), ("k", application.Kind.ToString()), ("s", application.State.ToString()),
                ("at", TimeValue(application.SubmittedAt)), ("cf", DateText(application.CertifiedFrom)), ("vu", DateText(application.ValidUntil)),
                ("h", application.HoldingId), ("prev", application.PreviousApplicationId)), CultureInfo.InvariantCulture);
            WriteStep(c, application with { Id = id }, first with { ApplicationId = id }, changes);
        });
        return id;
    }

    public void RecordStep(ProgramApplication application, ApplicationState expected, ApplicationEvent step, IReadOnlyList<HoldingChange> changes)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(changes);
        InTransaction(c =>
        {
            int n = Execute(c, """
                UPDATE program_applications SET state = @s, certified_from = @cf, valid_until = @vu, holding_id = @h
                WHERE id = @id AND state = @expected
                """,
                ("s", application.State.ToString()), ("cf", DateText(application.CertifiedFrom)), ("vu", DateText(application.ValidUntil)),
                ("h", application.HoldingId), ("id", application.Id), ("expected", expected.ToString()));
            if (n == 0)
                throw new StoreException($"application {application.Id.ToString(CultureInfo.InvariantCulture)} is no longer {expected}: someone acted on it first; reload it");
            WriteStep(c, application, step with { ApplicationId = application.Id }, changes);
        });
    }

    private void WriteStep(DbConnection c, ProgramApplication application, ApplicationEvent step, IReadOnlyList<HoldingChange> changes)
    {
        int seq = Convert.ToInt32(Scalar(c, "SELECT coalesce(max(seq), 0) + 1 FROM program_application_events WHERE application_id = @id", ("id", application.Id)), CultureInfo.InvariantCulture);
        Execute(c, """
            INSERT INTO program_application_events (application_id, seq, at, user_name, role, action, from_state, to_state, note)
            VALUES (@id, @seq, @at, @u, @r, @a, @f, @t, @n)
            """,
            ("id", application.Id), ("seq", seq), ("at", TimeValue(step.At)), ("u", step.User), ("r", step.Role), ("a", step.Action),
            ("f", step.From?.ToString()), ("t", step.To.ToString()), ("n", step.Note));
        foreach (var change in changes)
        {
            switch (change)
            {
                case StartHolding s:
                    long hid = InsertHolding(c, s, application.Id);
                    Execute(c, "UPDATE program_applications SET holding_id = @h WHERE id = @id", ("h", hid), ("id", application.Id));
                    break;
                case EndHolding e:
                    if (Execute(c, "UPDATE program_holdings SET until_date = @u, end_reason = @r WHERE id = @id AND until_date IS NULL",
                            ("u", DateText(e.Until)), ("r", e.Reason), ("id", e.HoldingId)) == 0)
                        throw new StoreException($"holding {e.HoldingId.ToString(CultureInfo.InvariantCulture)} is not an open holding of the registry");
                    break;
            }
        }
    }

    private static long InsertHolding(DbConnection c, StartHolding s, long? applicationId) =>
        Convert.ToInt64(Scalar(c, """
            INSERT INTO program_holdings (credit_code, factory_id, tier, from_date, until_date, application_id, source, end_reason)
            VALUES (@c, @f, @t, @from, NULL, @a, @s, NULL) RETURNING id
            """,
            ("c", s.CreditCode), ("f", s.FactoryId), ("t", s.Tier), ("from", DateText(s.From)), ("a", applicationId), ("s", s.Source)), CultureInfo.InvariantCulture);

    public ProgramApplication? Application(long id)
    {
        foreach (var a in ReadApplications(" WHERE id = @id", ("id", id))) return a;
        return null;
    }

    public IReadOnlyList<ProgramApplication> Applications() => ReadApplications("");

    private List<ProgramApplication> ReadApplications(string where, params (string, object?)[] args)
    {
        var list = new List<ProgramApplication>();
        foreach (var r in Rows($"""
            SELECT id, program, tier, credit_code, factory_id, province, kind, state, submitted_at, certified_from, valid_until, holding_id, previous_id
            FROM program_applications{where} ORDER BY id
            """, args))
            list.Add(new ProgramApplication(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                r.GetString(5), Enum.Parse<ApplicationKind>(r.GetString(6)), Enum.Parse<ApplicationState>(r.GetString(7)), ReadTime(r, 8),
                ReadDate(r, 9), ReadDate(r, 10), r.IsDBNull(11) ? null : r.GetInt64(11), r.IsDBNull(12) ? null : r.GetInt64(12)));
        return list;
    }

    public IReadOnlyList<ApplicationEvent> ApplicationEvents(long applicationId)
    {
        var list = new List<ApplicationEvent>();
        foreach (var r in Rows("""
            SELECT application_id, seq, at, user_name, role, action, from_state, to_state, note
            FROM program_application_events WHERE application_id = @id ORDER BY seq
            """, ("id", applicationId)))
            list.Add(new ApplicationEvent(r.GetInt64(0), r.GetInt32(1), ReadTime(r, 2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.IsDBNull(6) ? null : Enum.Parse<ApplicationState>(r.GetString(6)), Enum.Parse<ApplicationState>(r.GetString(7)), r.GetString(8)));
        return list;
    }

    public IReadOnlyList<RegistryHolding> Holdings()
    {
        var list = new List<RegistryHolding>();
        foreach (var r in Rows("SELECT id, credit_code, factory_id, tier, from_date, until_date, application_id, source, end_reason FROM program_holdings ORDER BY id"))
            list.Add(new RegistryHolding(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), ReadDate(r, 4), ReadDate(r, 5),
                r.IsDBNull(6) ? null : r.GetInt64(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)));
        return list;
    }

    public IEnumerable<Reporting.MonthlyReport> ReportsOf(IReadOnlyCollection<string> creditCodes)
    {
        ArgumentNullException.ThrowIfNull(creditCodes);
        if (creditCodes.Count > 1000)
        {
            // Many enterprises: one pass over the table beats a query per enterprise.
            var set = new HashSet<string>(creditCodes, StringComparer.Ordinal);
            foreach (var r in Reports())
                if (set.Contains(r.CreditCode)) yield return r;
            yield break;
        }
        foreach (var code in creditCodes.Distinct().Order(StringComparer.Ordinal))
            foreach (var r in Rows($"SELECT {StoreTables.ColumnList(Reporting.FileKind.Reports)} FROM reports WHERE credit_code = @c ORDER BY period", ("c", code)))
                yield return new Reporting.MonthlyReport(r.GetString(0), ParsePeriod(r.GetString(1)), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5),
                    r.GetDouble(6), r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.GetInt32(12));
    }

    public IReadOnlyDictionary<(string Division, int Year), (double Revenue, double Profit)> DivisionTotals(int firstYear, int lastYear)
    {
        var totals = new Dictionary<(string, int), (double, double)>();
        foreach (var r in Rows("""
            SELECT substr(e.industry_code, 1, 2), substr(r.period, 1, 4), sum(r.revenue), sum(r.profit)
            FROM reports r JOIN enterprises e ON e.credit_code = r.credit_code
            WHERE r.period >= @a AND r.period < @b
            GROUP BY substr(e.industry_code, 1, 2), substr(r.period, 1, 4)
            """, ("a", firstYear.ToString("D4", CultureInfo.InvariantCulture)), ("b", (lastYear + 1).ToString("D4", CultureInfo.InvariantCulture))))
            totals[(r.GetString(0), int.Parse(r.GetString(1), CultureInfo.InvariantCulture))] = (r.GetDouble(2), r.GetDouble(3));
        return totals;
    }

    public int AddHoldings(IEnumerable<StartHolding> holdings)
    {
        ArgumentNullException.ThrowIfNull(holdings);
        int n = 0;
        InTransaction(c =>
        {
            foreach (var h in holdings) { InsertHolding(c, h, null); n++; }
        });
        return n;
    }
}
