using System.Globalization;
using Ballast.Core.Monitoring;

namespace Ballast.Core.Storage;

// Stored warnings (migration 003): a run per evaluated release month and view, and its warnings.
public abstract partial class RelationalStore
{
    public long SaveWarnings(StoredWarningRun run, IReadOnlyList<StoredWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(warnings);
        using var c = OpenConnection();
        BeginWrite(c);
        try
        {
            long id = Convert.ToInt64(Scalar(c,
                "INSERT INTO warning_runs (period, release_view, computed_at, user_name, data_version, alert_count) VALUES (@p, @w, @t, @u, @v, @n) RETURNING id",
                ("p", run.Period), ("w", run.View), ("t", TimeValue(run.ComputedAt)), ("u", run.User), ("v", run.DataVersion), ("n", warnings.Count)),
                CultureInfo.InvariantCulture);
            using var cmd = Command(c, """
                INSERT INTO warning_alerts (run_id, seq, rule, level, breakdown, cell, measure, value, message, status, drivers)
                VALUES (@id, @s, @r, @l, @b, @c, @m, @v, @msg, @st, @d)
                """,
                ("id", id), ("s", 0), ("r", ""), ("l", ""), ("b", ""), ("c", ""), ("m", ""), ("v", null), ("msg", ""), ("st", ""), ("d", ""));
            cmd.Prepare();
            for (int i = 0; i < warnings.Count; i++)
            {
                var w = warnings[i];
                cmd.Parameters[1].Value = i;
                cmd.Parameters[2].Value = w.Rule;
                cmd.Parameters[3].Value = w.Level;
                cmd.Parameters[4].Value = w.Breakdown;
                cmd.Parameters[5].Value = w.Cell;
                cmd.Parameters[6].Value = w.Measure;
                cmd.Parameters[7].Value = w.Value is double v ? v : DBNull.Value;
                cmd.Parameters[8].Value = w.Message;
                cmd.Parameters[9].Value = w.Status;
                cmd.Parameters[10].Value = w.Drivers;
                cmd.ExecuteNonQuery();
            }
            Execute(c, "COMMIT");
            return id;
        }
        catch
        {
            TryRollback(c);
            throw;
        }
    }

    public IReadOnlyList<StoredWarningRun> WarningRuns(string? period = null, string? view = null)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (period is not null) { where.Add("period = @p"); parameters.Add(("p", period)); }
        if (view is not null) { where.Add("release_view = @w"); parameters.Add(("w", view)); }
        string sql = "SELECT id, period, release_view, computed_at, user_name, data_version, alert_count FROM warning_runs"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY id DESC";
        var list = new List<StoredWarningRun>();
        foreach (var r in Rows(sql, [.. parameters]))
            list.Add(new StoredWarningRun(r.GetInt64(0), r.GetString(1), r.GetString(2), ReadTime(r, 3), r.GetString(4), r.GetInt64(5), r.GetInt32(6)));
        return list;
    }

    public IReadOnlyList<StoredWarning> Warnings(long runId)
    {
        var list = new List<StoredWarning>();
        foreach (var r in Rows("SELECT rule, level, breakdown, cell, measure, value, message, status, drivers FROM warning_alerts WHERE run_id = @id ORDER BY seq", ("id", runId)))
            list.Add(new StoredWarning(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetDouble(5), r.GetString(6), r.GetString(7), r.GetString(8)));
        return list;
    }
}
