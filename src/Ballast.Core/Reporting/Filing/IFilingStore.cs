using Ballast.Core.Accounts;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting.Filing;

/// <summary>
/// What the single-report filing path needs of the store: keyed lookups and writes inside one write transaction
/// that stores a whole batch of filed reports (group commit).
/// </summary>
public interface IFilingStore
{
    /// <summary>Opens a write transaction (the store's write lock) for a batch of filings. Dispose without <see cref="IFilingTransaction.Commit"/> rolls back.</summary>
    IFilingTransaction BeginFiling();
}

/// <summary>One batch of filings: looks up what validation needs by key, stores reports, commits once.</summary>
public interface IFilingTransaction : IDisposable
{
    /// <summary>Which of these credit codes are in the register.</summary>
    IReadOnlySet<string> Registered(IReadOnlyCollection<string> creditCodes);

    /// <summary>The stored output_value of every report of these enterprises in these months (a key absent: not filed).</summary>
    IReadOnlyDictionary<(string CreditCode, YearMonth Period), double> StoredOutputs(IReadOnlyCollection<string> creditCodes, IReadOnlyCollection<YearMonth> periods);

    /// <summary>
    /// Stores validated reports, each as a filing of its own in the import log (the user and time of its
    /// <see cref="ReportToStore.Filing"/>, one row, its warnings), inserting it or, for a revision, copying the stored
    /// row to the revision history before updating it; and its audit record when given. In the given order (a later
    /// one may revise an earlier one). Returns each filing's id in the import log, in the same order.
    /// </summary>
    IReadOnlyList<long> Store(IReadOnlyList<ReportToStore> reports);

    /// <summary>Commits the batch (durable when this returns).</summary>
    void Commit();
}

/// <summary>A validated report to store in a filing batch: the report, who filed it and when, whether it revises the
/// stored one, its warnings and its audit record.</summary>
public sealed record ReportToStore(MonthlyReport Report, ImportHeader Filing, bool Revision, IReadOnlyList<ImportWarning> Warnings, AuditEntry? Audit);
