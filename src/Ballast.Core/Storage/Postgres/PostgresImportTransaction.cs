using System.Globalization;
using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;
using Npgsql;
using NpgsqlTypes;

namespace Ballast.Core.Storage.Postgres;

/// <summary>
/// One import call: one connection, one transaction holding the advisory write lock, committed only in
/// <see cref="Commit"/>. Rows stream by binary COPY into a temporary staging table (one per kind, dropped at the
/// end of the transaction); every <see cref="BatchRows"/> rows of a kind, at <see cref="Flush"/> and before reads,
/// the batch is merged: first optimistically as new rows; when some keys are stored, the stored rows it replaces
/// are copied to the history and one <c>INSERT ... SELECT ... ON CONFLICT DO UPDATE</c> writes the batch. Primary keys stay in place during the load
/// (the merge needs them); the data tables have no secondary indexes.
/// </summary>
internal sealed class PostgresImportTransaction : IImportTransaction
{
    internal const int BatchRows = 100_000;

    private readonly PostgresStore _store;
    private readonly NpgsqlConnection _connection;
    private readonly bool[] _staged = new bool[5];
    private readonly long[] _revisions = new long[5];
    private readonly int[] _pending = new int[5];
    private NpgsqlBinaryImporter? _copy;
    private FileKind _copyKind;
    private bool _committed, _disposed;

    public PostgresImportTransaction(PostgresStore store, ImportHeader header)
    {
        _store = store;
        _connection = store.OpenNpgsql();
        try
        {
            store.BeginWriteOn(_connection);
            // The merge joins a 100k-row batch with the stored table: let the hash fit in memory.
            PostgresStore.ExecuteOn(_connection, "SET LOCAL work_mem = '64MB'");
            ImportId = store.InsertImportOn(_connection, header);
        }
        catch (NpgsqlException e)
        {
            PostgresStore.RollbackOn(_connection);
            _connection.Dispose();
            throw store.Translate(e, $"cannot start an import in {store.Description}");
        }
        catch
        {
            PostgresStore.RollbackOn(_connection);
            _connection.Dispose();
            throw;
        }
    }

    public long ImportId { get; }

    public IReadOnlySet<string> StoredCreditCodes()
    {
        ThrowIfDone();
        MergeAll();
        return PostgresStore.CreditCodesOn(_connection);
    }

    /// <summary>Merges the pending batch first, so the answer includes every row written so far.</summary>
    public IEnumerable<(string CreditCode, YearMonth Period, double OutputValue)> StoredOutputs(IReadOnlyCollection<YearMonth> periods)
    {
        ThrowIfDone();
        MergeAll();
        return PostgresStore.OutputsOn(_connection, periods);
    }

    private static string Stage(FileKind kind) => "stage_" + StoreTables.Table(kind);

    private NpgsqlBinaryImporter Copy(FileKind kind)
    {
        // Rows of another kind end the COPY but stay staged: a caller that interleaves kinds does not pay a merge per row.
        if (_copy is not null && _copyKind != kind) EndCopy();
        if (_copy is null)
        {
            if (!_staged[(int)kind])
            {
                PostgresStore.ExecuteOn(_connection,
                    $"CREATE TEMP TABLE {Stage(kind)} ON COMMIT DROP AS SELECT {StoreTables.ColumnList(kind)} FROM {StoreTables.Table(kind)} WITH NO DATA");
                _staged[(int)kind] = true;
            }
            _copy = _connection.BeginBinaryImport($"COPY {Stage(kind)} ({StoreTables.ColumnList(kind)}) FROM STDIN (FORMAT BINARY)");
            _copyKind = kind;
        }
        return _copy;
    }

    private void EndRow()
    {
        if (++_pending[(int)_copyKind] >= BatchRows) Merge(_copyKind);
    }

    private void EndCopy()
    {
        if (_copy is null) return;
        try
        {
            _copy.Complete();
        }
        catch (NpgsqlException e)
        {
            throw _store.Translate(e, $"cannot write {FileKinds.Name(_copyKind)} to {_store.Description}");
        }
        finally
        {
            _copy.Dispose();
            _copy = null;
        }
    }

    /// <summary>Merges every staged batch, in the order an import applies the kinds.</summary>
    private void MergeAll()
    {
        EndCopy();
        foreach (var kind in StoreTables.All) Merge(kind);
    }

    public void Write(Enterprise enterprise)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        ThrowIfDone();
        var w = Copy(FileKind.Enterprises);
        w.StartRow();
        w.Write(enterprise.CreditCode, NpgsqlDbType.Text);
        w.Write(enterprise.Name, NpgsqlDbType.Text);
        w.Write(enterprise.RegionCode, NpgsqlDbType.Text);
        w.Write(enterprise.IndustryCode, NpgsqlDbType.Text);
        w.Write(enterprise.Ownership, NpgsqlDbType.Text);
        w.Write(enterprise.Employees, NpgsqlDbType.Integer);
        w.Write(StoreTables.Normalise(enterprise.RevenueLastYear), NpgsqlDbType.Double);
        w.Write(enterprise.TiersText, NpgsqlDbType.Text);
        EndRow();
    }

    public void Write(in MonthlyReport report)
    {
        ThrowIfDone();
        var w = Copy(FileKind.Reports);
        w.StartRow();
        w.Write(report.CreditCode, NpgsqlDbType.Text);
        w.Write(report.Period.ToString(), NpgsqlDbType.Text);
        w.Write(StoreTables.Normalise(report.OutputValue), NpgsqlDbType.Double);
        w.Write(StoreTables.Normalise(report.SalesValue), NpgsqlDbType.Double);
        w.Write(StoreTables.Normalise(report.ExportValue), NpgsqlDbType.Double);
        w.Write(StoreTables.Normalise(report.Revenue), NpgsqlDbType.Double);
        w.Write(StoreTables.Normalise(report.Profit), NpgsqlDbType.Double);
        w.Write(StoreTables.Normalise(report.RdExpense), NpgsqlDbType.Double);
        w.Write(StoreTables.Normalise(report.EnergyTce), NpgsqlDbType.Double);
        w.Write(StoreTables.Normalise(report.WaterM3), NpgsqlDbType.Double);
        w.Write(StoreTables.Normalise(report.Receivables), NpgsqlDbType.Double);
        w.Write(StoreTables.Normalise(report.OverdueReceivables), NpgsqlDbType.Double);
        w.Write(report.Employees, NpgsqlDbType.Integer);
        EndRow();
    }

    public void Write(in ProductOutput product)
    {
        ThrowIfDone();
        var w = Copy(FileKind.Products);
        w.StartRow();
        w.Write(product.CreditCode, NpgsqlDbType.Text);
        w.Write(product.Period.ToString(), NpgsqlDbType.Text);
        w.Write(product.Product, NpgsqlDbType.Text);
        w.Write(StoreTables.Normalise(product.Output), NpgsqlDbType.Double);
        if (product.Capacity is double capacity) w.Write(StoreTables.Normalise(capacity), NpgsqlDbType.Double); else w.WriteNull();
        EndRow();
    }

    public void Write(in PpiEntry ppi)
    {
        ThrowIfDone();
        var w = Copy(FileKind.Ppi);
        w.StartRow();
        w.Write(ppi.Division, NpgsqlDbType.Text);
        w.Write(ppi.Period.ToString(), NpgsqlDbType.Text);
        w.Write(StoreTables.Normalise(ppi.Index), NpgsqlDbType.Double);
        EndRow();
    }

    public void Write(in VaRate rate)
    {
        ThrowIfDone();
        var w = Copy(FileKind.VaRates);
        w.StartRow();
        w.Write(rate.Division, NpgsqlDbType.Text);
        w.Write(rate.Year, NpgsqlDbType.Integer);
        w.Write(StoreTables.Normalise(rate.Rate), NpgsqlDbType.Double);
        EndRow();
    }

    public void Flush()
    {
        ThrowIfDone();
        MergeAll();
    }

    /// <summary>Revisions among the rows merged so far (call <see cref="Flush"/> first to include the pending batch).</summary>
    public long RevisionsWritten(FileKind kind)
    {
        ThrowIfDone();
        return _revisions[(int)kind];
    }

    /// <summary>Merges the staged batch of one kind into the stored table.</summary>
    private void Merge(FileKind kind)
    {
        if (_copy is not null && _copyKind == kind) EndCopy();
        if (_pending[(int)kind] == 0) return;
        try
        {
            string table = StoreTables.Table(kind), stage = Stage(kind);
            string match = string.Join(" AND ", StoreTables.KeyColumns(kind).Select(k => $"t.{StoreTables.Quote(k)} = s.{StoreTables.Quote(k)}"));
            string id = ImportId.ToString(CultureInfo.InvariantCulture);
            long revisions = 0;
            // Optimistic: most batches are new rows. A plain insert that skips stored keys; if it inserted every
            // staged row there was nothing to revise. Otherwise undo it and take the revising path.
            PostgresStore.ExecuteOn(_connection, "SAVEPOINT ballast_batch");
            long inserted = PostgresStore.ExecuteOn(_connection, $"""
                INSERT INTO {table} ({StoreTables.ColumnList(kind)}, import_id)
                SELECT {StoreTables.ColumnList(kind)}, {id} FROM {stage} ON CONFLICT DO NOTHING
                """);
            if (inserted == _pending[(int)kind])
            {
                PostgresStore.ExecuteOn(_connection, "RELEASE SAVEPOINT ballast_batch");
            }
            else
            {
                PostgresStore.ExecuteOn(_connection, "ROLLBACK TO SAVEPOINT ballast_batch; RELEASE SAVEPOINT ballast_batch");
                // The old rows first: the count of rows copied is the count of revisions in this batch. The lookup
                // is forced through the primary key (LATERAL ... OFFSET 0): inside one long import the planner's
                // statistics still describe the table as it was before, often empty, and it would hash all of it.
                revisions = PostgresStore.ExecuteOn(_connection, $"""
                    INSERT INTO {StoreTables.RevisionTable(kind)} ({StoreTables.ColumnList(kind)}, import_id, replaced_by)
                    SELECT {StoreTables.ColumnList(kind, "t.")}, t.import_id, {id}
                    FROM {stage} s CROSS JOIN LATERAL (SELECT * FROM {table} t WHERE {match} OFFSET 0) t
                    """);
                PostgresStore.ExecuteOn(_connection, $"""
                    INSERT INTO {table} ({StoreTables.ColumnList(kind)}, import_id)
                    SELECT {StoreTables.ColumnList(kind)}, {id} FROM {stage}
                    ON CONFLICT ({StoreTables.KeyList(kind)}) DO UPDATE SET {StoreTables.NonKeyAssignments(kind)}
                    """);
            }
            PostgresStore.ExecuteOn(_connection, $"TRUNCATE {stage}");
            _revisions[(int)kind] += revisions;
            _pending[(int)kind] = 0;
        }
        catch (NpgsqlException e)
        {
            throw _store.Translate(e, $"cannot write {FileKinds.Name(kind)} to {_store.Description}");
        }
    }

    public void Commit(ImportOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ThrowIfDone();
        if (!outcome.Accepted) throw new ArgumentException("a rejected import is rolled back and logged with LogRejectedImport, not committed", nameof(outcome));
        MergeAll();
        try
        {
            _store.WriteImportLogOn(_connection, ImportId, outcome);
            PostgresStore.ExecuteOn(_connection, "COMMIT");
        }
        catch (NpgsqlException e)
        {
            throw _store.Translate(e, $"cannot commit the import to {_store.Description}");
        }
        _committed = true;
    }

    private void ThrowIfDone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed) throw new InvalidOperationException("the import is already committed");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_copy is not null)
        {
            // Disposing an unfinished COPY cancels it; the transaction is rolled back just below.
            try { _copy.Dispose(); }
            catch (NpgsqlException) { }
            _copy = null;
        }
        if (!_committed) PostgresStore.RollbackOn(_connection);
        _connection.Dispose();
    }
}
