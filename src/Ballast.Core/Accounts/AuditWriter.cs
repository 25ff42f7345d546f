namespace Ballast.Core.Accounts;

/// <summary>
/// Group commit of audit entries. Every read of microdata must be in the audit log before its answer leaves, and
/// one write transaction per request (one flush each, serialised by the store's write lock) made audited reads
/// several times slower than published ones under load. A caller queues its entry; the first caller to find no
/// write under way writes everything queued in one transaction; the others wait for the write that holds their
/// entry. <see cref="Append"/> returns only once the caller's entry is committed (or throws the store's error).
/// </summary>
public sealed class AuditWriter(IAccountStore store)
{
    private sealed class Pending(AuditEntry entry)
    {
        public AuditEntry Entry { get; } = entry;
        public bool Done { get; set; }
        public Exception? Error { get; set; }
    }

    private readonly object _gate = new();
    private readonly List<Pending> _queue = [];
    private bool _writing;

    /// <summary>Appends an entry; returns once it is committed, with the entries queued beside it.</summary>
    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var own = new Pending(entry);
        List<Pending> batch;
        lock (_gate)
        {
            _queue.Add(own);
            while (_writing && !own.Done) Monitor.Wait(_gate);
            if (own.Done)
            {
                Rethrow(own);
                return;
            }
            // No write under way: this caller writes what is queued, its own entry included.
            _writing = true;
            batch = [.. _queue];
            _queue.Clear();
        }
        Exception? error = null;
        try
        {
            store.AppendAudits([.. batch.Select(p => p.Entry)]);
        }
        catch (Exception e)
        {
            error = e;
        }
        lock (_gate)
        {
            foreach (var p in batch)
            {
                p.Error = error;
                p.Done = true;
            }
            _writing = false;
            Monitor.PulseAll(_gate);
        }
        Rethrow(own);
    }

    private static void Rethrow(Pending p)
    {
        if (p.Error is not null)
            throw new InvalidOperationException("the audit entry was not written: " + p.Error.Message, p.Error);
    }
}
