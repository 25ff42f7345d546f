using System.Data.Common;
using System.Globalization;
using Ballast.Core.Publishing;

namespace Ballast.Core.Storage;

// Release versions and the release calendar (migration 005).
public abstract partial class RelationalStore
{
    public ReleaseVersion AddReleaseVersion(long releaseId, string period, string preparedBy, DateTimeOffset preparedAt, string notes)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(preparedBy);
        ArgumentNullException.ThrowIfNull(notes);
        return InWrite(c =>
        {
            if (Scalar(c, "SELECT 1 FROM release_versions WHERE release_id = @id", ("id", releaseId)) is not null)
                throw new StoreException($"stored release #{releaseId.ToString(CultureInfo.InvariantCulture)} is already a version of a release");
            int version = Convert.ToInt32(Scalar(c, "SELECT coalesce(max(version), 0) FROM release_versions WHERE period = @p", ("p", period)), CultureInfo.InvariantCulture) + 1;
            Execute(c, "INSERT INTO release_versions (release_id, period, version, prepared_by, prepared_at, notes) VALUES (@id, @p, @v, @u, @t, @n)",
                ("id", releaseId), ("p", period), ("v", version), ("u", preparedBy), ("t", TimeValue(preparedAt)), ("n", notes));
            return new ReleaseVersion(releaseId, period, version, preparedBy, preparedAt, null, null, notes);
        });
    }

    public IReadOnlyList<ReleaseVersion> ReleaseVersions(string? period = null)
    {
        string sql = "SELECT release_id, period, version, prepared_by, prepared_at, approved_by, approved_at, notes FROM release_versions" +
                     (period is null ? "" : " WHERE period = @p") + " ORDER BY period DESC, version DESC";
        var list = new List<ReleaseVersion>();
        foreach (var r in period is null ? Rows(sql) : Rows(sql, ("p", period)))
            list.Add(ReadVersion(r));
        return list;
    }

    private ReleaseVersion ReadVersion(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetString(3), ReadTime(r, 4),
            r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : ReadTime(r, 6), r.GetString(7));

    public bool ApproveReleaseVersion(long releaseId, string approvedBy, DateTimeOffset approvedAt) =>
        InWrite(c => Execute(c, "UPDATE release_versions SET approved_by = @u, approved_at = @t WHERE release_id = @id AND approved_by IS NULL",
            ("u", approvedBy), ("t", TimeValue(approvedAt)), ("id", releaseId))) == 1;

    public void SetEmbargo(CalendarEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        InWrite(c =>
        {
            int n = Execute(c, "UPDATE release_calendar SET embargo_at = @e, set_by = @u, set_at = @t WHERE period = @p",
                ("e", TimeValue(entry.EmbargoAt)), ("u", entry.SetBy), ("t", TimeValue(entry.SetAt)), ("p", entry.Period));
            if (n == 0)
                Execute(c, "INSERT INTO release_calendar (period, embargo_at, set_by, set_at) VALUES (@p, @e, @u, @t)",
                    ("p", entry.Period), ("e", TimeValue(entry.EmbargoAt)), ("u", entry.SetBy), ("t", TimeValue(entry.SetAt)));
            return n;
        });
    }

    public IReadOnlyList<CalendarEntry> Calendar()
    {
        var list = new List<CalendarEntry>();
        foreach (var r in Rows("SELECT period, embargo_at, set_by, set_at FROM release_calendar ORDER BY period"))
            list.Add(new CalendarEntry(r.GetString(0), ReadTime(r, 1), r.GetString(2), ReadTime(r, 3)));
        return list;
    }
}
