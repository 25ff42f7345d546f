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
    /// Stores one validated report as a filing of its own in the import log (the user and time of
    /// <paramref name="filing"/>, one row, its warnings), inserting it or, when <paramref name="revision"/>, copying the
    /// stored row to the revision history before updating it; and its audit record when given. Returns the filing's id
    /// in the import log.
    /// </summary>
    long Store(in MonthlyReport report, ImportHeader filing, bool revision, IReadOnlyList<ImportWarning> warnings, AuditEntry? audit);

    /// <summary>Commits the batch (durable when this returns).</summary>
    void Commit();
}
