using Ballast.Core.Classifications;
using Ballast.Core.Reporting.Import;
using Ballast.Core.Storage;

namespace Ballast.Core.Reporting;

/// <summary>
/// One import call as users see it: one transaction over all its files; either everything is stored with the
/// import log, or nothing is and the rejected attempt is logged with its errors.
/// </summary>
public static class ImportService
{
    public static ImportOutcome Import(
        IBallastStore store, IReadOnlyList<ImportRequest> files, ImportOptions options, string user,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var header = new ImportHeader(user, options.Clock.GetUtcNow());
        ImportOutcome outcome;
        using (var transaction = store.BeginImport(header))
        {
            outcome = new Importer(Classification.Default, options).Run(files, transaction, progress, cancellationToken);
            if (outcome.Accepted)
            {
                transaction.Commit(outcome);
                return outcome;
            }
        } // disposed without commit: rolled back
        store.LogRejectedImport(header, outcome);
        return outcome;
    }
}
