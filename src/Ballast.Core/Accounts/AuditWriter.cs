namespace Ballast.Core.Accounts;

/// <summary>
/// Group commit of audit entries. Every read of microdata must be in the audit log before its answer leaves, and
/// one write transaction per request (one flush each, serialised by the store's write lock) made audited reads
/// several times slower than published ones under load. A caller queues its entry; when no write is under way one
/// is started, which writes everything queued in one transaction and goes on while entries keep arriving. The task of
/// <see cref="AppendAsync"/> completes only once the caller's entry is committed (or fails with the store's error);
/// waiting for it holds no thread, so hundreds of audited requests in flight do not starve the thread pool.
/// </summary>
public sealed class AuditWriter(IAccountStore store)
{
    private readonly object _gate = new();
    private List<(AuditEntry Entry, TaskCompletionSource Committed)> _queue = [];
    private bool _writing;

    /// <summary>Appends an entry; completes once it is committed, with the entries queued beside it.</summary>
    public Task AppendAsync(AuditEntry entry)
    {
        var committed = Enqueue(entry, out bool start);
        // The write runs on a thread of its own, not the pool's: callers blocked in Append must not keep it waiting.
        if (start) new Thread(WriteQueued) { IsBackground = true, Name = "audit log writer" }.Start();
        return committed;
    }

    /// <summary>Appends an entry and blocks until it is committed (for callers that cannot await); a caller that
    /// finds no write under way does the write itself.</summary>
    public void Append(AuditEntry entry)
    {
        var committed = Enqueue(entry, out bool start);
        if (start) WriteQueued();
        committed.GetAwaiter().GetResult();
    }

    private Task Enqueue(AuditEntry entry, out bool start)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _queue.Add((entry, committed));
            start = !_writing;
            _writing = true;
        }
        return committed.Task;
    }

    private void WriteQueued()
    {
        while (true)
        {
            List<(AuditEntry Entry, TaskCompletionSource Committed)> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }
                batch = _queue;
                _queue = [];
            }
            try
            {
                store.AppendAudits([.. batch.Select(p => p.Entry)]);
                foreach (var p in batch) p.Committed.TrySetResult();
            }
            catch (Exception e)
            {
                var error = new InvalidOperationException("the audit entry was not written: " + e.Message, e);
                foreach (var p in batch) p.Committed.TrySetException(error);
            }
        }
    }
}
