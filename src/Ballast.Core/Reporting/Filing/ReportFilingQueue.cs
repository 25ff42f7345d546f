using System.Threading.Channels;
using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting.Filing;

/// <summary>Whether a filing files a new month (POST) or revises a filed one (PUT).</summary>
public enum FilingMode { New, Revision }

/// <summary>One report to file: its reports.csv fields, who files it, and the audit record to write with it (null: none).</summary>
public sealed record ReportFiling(string User, IReadOnlyDictionary<string, string> Fields, FilingMode Mode, AuditEntry? Audit = null);

/// <summary>How a filing ended.</summary>
public enum FilingStatus
{
    /// <summary>Stored and committed.</summary>
    Stored,
    /// <summary>Not stored: the report has errors.</summary>
    Invalid,
    /// <summary>Not stored: a new filing for a month that is filed already (revise it instead).</summary>
    AlreadyFiled,
    /// <summary>Not stored: a revision of a month that is not filed.</summary>
    NotFiled,
}

/// <summary>The answer to one filing; <see cref="FilingId"/> is its entry in the import log (0 when not stored).</summary>
public sealed record FilingResult(FilingStatus Status, long FilingId, MonthlyReport? Report, bool Revised,
    IReadOnlyList<ImportProblem> Errors, IReadOnlyList<ImportWarning> Warnings);

/// <summary>
/// Group commit of filed reports: callers queue their report and wait; one writer takes everything queued (up to
/// <c>maxBatch</c>), looks up the register and the stored months of the whole batch by key inside one write
/// transaction, validates each report (<see cref="ReportValidator"/>), stores the valid ones and commits once,
/// and only then answers each caller. A report with errors is answered and left out; it never sinks the batch.
/// When the batch's transaction fails, its members are retried one by one, so each caller gets its own answer.
/// </summary>
public sealed class ReportFilingQueue : IDisposable
{
    private readonly IFilingStore _store;
    private readonly ReportValidator _validator;
    private readonly TimeProvider _clock;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;

    private sealed record Pending(ReportFiling Filing, TaskCompletionSource<FilingResult> Answer);

    public ReportFilingQueue(IFilingStore store, ReportValidator validator, TimeProvider clock, int maxBatch = 1000)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        _store = store;
        _validator = validator;
        _clock = clock;
        _maxBatch = maxBatch;
        // A thread of its own: the writer blocks on the database, and must not wait for a pool thread under load.
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "report filing writer" };
        _writer.Start();
    }

    /// <summary>Batches committed so far, and the reports they stored (for the benchmark and tests).</summary>
    public (long Batches, long Stored) Counts => (Interlocked.Read(ref _batches), Interlocked.Read(ref _stored));

    private long _batches, _stored;

    /// <summary>Files a report; completes once its batch has committed (or with the reason it was not stored).</summary>
    public Task<FilingResult> FileAsync(ReportFiling filing)
    {
        ArgumentNullException.ThrowIfNull(filing);
        var answer = new TaskCompletionSource<FilingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(filing, answer)))
            answer.SetException(new ObjectDisposedException(nameof(ReportFilingQueue), "the filing queue is shut down"));
        return answer.Task;
    }

    private void WriteLoop()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_maxBatch);
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var p)) batch.Add(p);
            if (batch.Count > 0) Write(batch);
        }
    }

    private void Write(List<Pending> batch)
    {
        IReadOnlyList<FilingResult> results;
        try
        {
            results = Store(batch.Select(p => p.Filing).ToList());
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Something failed the whole transaction: retry each member alone, so one bad member costs only itself.
            foreach (var p in batch)
            {
                try { Answer(p, Store([p.Filing])[0]); }
                catch (Exception e) { p.Answer.TrySetException(e); }
            }
            return;
        }
        catch (Exception e)
        {
            batch[0].Answer.TrySetException(e);
            return;
        }
        for (int i = 0; i < batch.Count; i++) Answer(batch[i], results[i]);
    }

    private void Answer(Pending p, FilingResult result) => p.Answer.TrySetResult(result);

    /// <summary>Validates and stores a batch in one transaction; the results in the batch's order, answered only after the commit.</summary>
    internal IReadOnlyList<FilingResult> Store(IReadOnlyList<ReportFiling> filings)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var months = new HashSet<YearMonth>();
        var periods = new YearMonth?[filings.Count];
        for (int i = 0; i < filings.Count; i++)
        {
            string code = filings[i].Fields.GetValueOrDefault("credit_code", "");
            codes.Add(code);
            if (YearMonth.TryParse(filings[i].Fields.GetValueOrDefault("period", ""), out var period))
            {
                periods[i] = period;
                months.Add(period);
                foreach (var m in ReportValidator.ComparisonMonths(period)) months.Add(m);
            }
        }

        var results = new FilingResult[filings.Count];
        var toStore = new List<ReportToStore>(filings.Count);
        var storedAt = new List<int>(filings.Count);
        using (var tx = _store.BeginFiling())
        {
            var registered = tx.Registered(codes);
            // Stored outputs of the batch's enterprises, then every report this batch stores, so that a later
            // member sees an earlier one (a month filed twice, a previous month filed in the same batch).
            var outputs = new Dictionary<(string, YearMonth), double>(tx.StoredOutputs(codes, months));
            for (int i = 0; i < filings.Count; i++)
            {
                var f = filings[i];
                string code = f.Fields.GetValueOrDefault("credit_code", "");
                bool filed = periods[i] is { } p && outputs.ContainsKey((code, p));
                if (periods[i] is not null && f.Mode == FilingMode.New && filed) { results[i] = Refused(FilingStatus.AlreadyFiled); continue; }
                if (periods[i] is not null && f.Mode == FilingMode.Revision && !filed) { results[i] = Refused(FilingStatus.NotFiled); continue; }

                var own = new Dictionary<YearMonth, double>();
                if (periods[i] is { } month)
                    foreach (var m in ReportValidator.ComparisonMonths(month))
                        if (outputs.TryGetValue((code, m), out double v)) own[m] = v;
                var check = _validator.Check(f.Fields, new FilingFacts(registered.Contains(code), own));
                if (!check.Valid) { results[i] = new FilingResult(FilingStatus.Invalid, 0, null, false, check.Errors, check.Warnings); continue; }

                var report = check.Report!.Value;
                toStore.Add(new ReportToStore(report, new ImportHeader(f.User, _clock.GetUtcNow()), filed, check.Warnings, f.Audit));
                storedAt.Add(i);
                outputs[(report.CreditCode, report.Period)] = report.OutputValue;
            }
            // The valid members go to the store together (on PostgreSQL one round trip for the whole batch).
            var ids = toStore.Count == 0 ? [] : tx.Store(toStore);
            for (int k = 0; k < toStore.Count; k++)
            {
                var s = toStore[k];
                results[storedAt[k]] = new FilingResult(FilingStatus.Stored, ids[k], s.Report, s.Revision, [], s.Warnings);
            }
            tx.Commit();
        }
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _stored, toStore.Count);
        return results;
    }

    private static FilingResult Refused(FilingStatus status) => new(status, 0, null, false, [], []);

    /// <summary>Stops taking filings; what is queued is still written before the writer ends.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Join(TimeSpan.FromMinutes(1));
    }
}
