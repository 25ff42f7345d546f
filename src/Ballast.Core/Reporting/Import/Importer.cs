using Ballast.Core.Classifications;
using Ballast.Core.Files;
using Ballast.Core.Storage;

namespace Ballast.Core.Reporting.Import;

/// <summary>
/// Imports the five kinds of input file (data-formats.md) in one call: recognises each file's kind, applies the
/// files in the order register, va_rates, ppi, reports, products, validates every row and writes the valid rows
/// to the target as long as no error has been found in the call. After the first error it keeps validating, to
/// report every error, but writes nothing more: the caller then rolls the transaction back. Bad input never
/// throws; it becomes errors in the outcome.
/// </summary>
public sealed class Importer
{
    private readonly Classification _classification;
    private readonly ImportOptions _options;

    public Importer(Classification classification, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Clock);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxErrors);
        _classification = classification;
        _options = options;
    }

    public ImportOutcome Run(IReadOnlyList<ImportRequest> files, IImportTarget target, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(target);
        if (files.Count > ushort.MaxValue) throw new ArgumentException($"one import takes at most {ushort.MaxValue} files", nameof(files));
        var clock = _options.Clock;
        long started = clock.GetTimestamp();
        var run = new ImportRun(_classification, _options, target, progress, cancellationToken);
        return run.Execute(files, () => clock.GetElapsedTime(started));
    }

    /// <summary>
    /// Recognises a file's kind from its header: the kind sharing the most columns with it, when at least two
    /// columns match and no other kind matches as many. Null when the columns do not tell.
    /// </summary>
    public static FileKind? RecogniseKind(IReadOnlyList<string> header)
    {
        FileKind? best = null;
        int bestScore = 0, secondScore = 0;
        foreach (FileKind kind in Enum.GetValues<FileKind>())
        {
            var columns = FileKinds.Columns(kind);
            int score = columns.Count(c => header.Any(h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
            if (score > bestScore) { secondScore = bestScore; bestScore = score; best = kind; }
            else if (score > secondScore) secondScore = score;
        }
        return bestScore >= 2 && bestScore > secondScore ? best : null;
    }
}
