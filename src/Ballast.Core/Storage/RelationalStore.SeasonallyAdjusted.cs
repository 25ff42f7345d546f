using System.Globalization;
using Ballast.Core.Releases;

namespace Ballast.Core.Storage;

// Vintages of the seasonally adjusted figures (migration 004), in the SQL both back ends share.
public abstract partial class RelationalStore
{
    public long SaveSaVintage(StoredSaVintage header, IEnumerable<StoredSaRow> rows, IEnumerable<StoredSaNote> notes)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(notes);
        using var c = OpenConnection();
        BeginWrite(c);
        try
        {
            if (Scalar(c, "SELECT id FROM sa_vintages WHERE period = @p AND data_version = @v", ("p", header.Period), ("v", header.DataVersion)) is not null)
                throw new StoreException(string.Create(CultureInfo.InvariantCulture,
                    $"{Description} already holds a vintage of the seasonally adjusted figures for {header.Period} computed from data version {header.DataVersion}"));
            long id = Convert.ToInt64(Scalar(c,
                "INSERT INTO sa_vintages (period, data_version, computed_at, user_name, row_count) VALUES (@p, @v, @t, @u, @n) RETURNING id",
                ("p", header.Period), ("v", header.DataVersion), ("t", TimeValue(header.ComputedAt)), ("u", header.User), ("n", header.RowCount)),
                CultureInfo.InvariantCulture);
            using (var cmd = Command(c, "INSERT INTO sa_vintage_rows (vintage_id, breakdown, cell, period, va_sa_mom, flag) VALUES (@id, @b, @c, @m, @v, @f)",
                       ("id", id), ("b", ""), ("c", ""), ("m", ""), ("v", null), ("f", "")))
            {
                cmd.Prepare();
                foreach (var r in rows)
                {
                    cmd.Parameters[1].Value = r.Breakdown;
                    cmd.Parameters[2].Value = r.Cell;
                    cmd.Parameters[3].Value = r.Period;
                    cmd.Parameters[4].Value = r.Value is double v ? StoreTables.Normalise(v) : DBNull.Value;
                    cmd.Parameters[5].Value = r.Flag;
                    cmd.ExecuteNonQuery();
                }
            }
            using (var cmd = Command(c, "INSERT INTO sa_vintage_notes (vintage_id, breakdown, cell, first_month, last_month, status, note) VALUES (@id, @b, @c, @f, @l, @s, @n)",
                       ("id", id), ("b", ""), ("c", ""), ("f", ""), ("l", ""), ("s", ""), ("n", "")))
            {
                cmd.Prepare();
                foreach (var n in notes)
                {
                    cmd.Parameters[1].Value = n.Breakdown;
                    cmd.Parameters[2].Value = n.Cell;
                    cmd.Parameters[3].Value = n.FirstMonth;
                    cmd.Parameters[4].Value = n.LastMonth;
                    cmd.Parameters[5].Value = n.Status;
                    cmd.Parameters[6].Value = n.Note;
                    cmd.ExecuteNonQuery();
                }
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

    public IReadOnlyList<StoredSaVintage> SaVintages(string? period = null)
    {
        var list = new List<StoredSaVintage>();
        var sql = "SELECT id, period, data_version, computed_at, user_name, row_count FROM sa_vintages" +
                  (period is null ? "" : " WHERE period = @p") + " ORDER BY id DESC";
        foreach (var r in period is null ? Rows(sql) : Rows(sql, ("p", period)))
            list.Add(new StoredSaVintage(r.GetInt64(0), r.GetString(1), r.GetInt64(2), ReadTime(r, 3), r.GetString(4), r.GetInt32(5)));
        return list;
    }

    public IReadOnlyList<StoredSaRow> SaVintageRows(long vintageId)
    {
        var list = new List<StoredSaRow>();
        foreach (var r in Rows("SELECT breakdown, cell, period, va_sa_mom, flag FROM sa_vintage_rows WHERE vintage_id = @id ORDER BY breakdown, cell, period", ("id", vintageId)))
            list.Add(ReadSaRow(r, 0));
        return list;
    }

    public IReadOnlyList<StoredSaNote> SaVintageNotes(long vintageId)
    {
        var list = new List<StoredSaNote>();
        foreach (var r in Rows("SELECT breakdown, cell, first_month, last_month, status, note FROM sa_vintage_notes WHERE vintage_id = @id ORDER BY breakdown, cell, first_month", ("id", vintageId)))
            list.Add(new StoredSaNote(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)));
        return list;
    }

    public IReadOnlyList<(long VintageId, StoredSaRow Row)> SaCellHistory(string breakdown, string cell)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        ArgumentNullException.ThrowIfNull(cell);
        var list = new List<(long, StoredSaRow)>();
        foreach (var r in Rows("SELECT vintage_id, breakdown, cell, period, va_sa_mom, flag FROM sa_vintage_rows WHERE breakdown = @b AND cell = @c ORDER BY vintage_id, period",
                     ("b", breakdown), ("c", cell)))
            list.Add((r.GetInt64(0), ReadSaRow(r, 1)));
        return list;
    }

    private static StoredSaRow ReadSaRow(System.Data.Common.DbDataReader r, int at) =>
        new(r.GetString(at), r.GetString(at + 1), r.GetString(at + 2), r.IsDBNull(at + 3) ? null : r.GetDouble(at + 3), r.GetString(at + 4));
}
