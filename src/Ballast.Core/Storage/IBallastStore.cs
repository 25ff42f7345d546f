using Ballast.Core.Programs;
using Ballast.Core.Register;
using Ballast.Core.Reporting;

namespace Ballast.Core.Storage;

/// <summary>
/// Ballast's data store: the register, monthly reports, product output, PPI, value-added rates, the revision
/// history of every keyed row and the import log. SQLite (embedded default) and PostgreSQL implement it; the
/// same test suite runs against both. Opening a store creates or migrates its schema.
/// </summary>
public interface IBallastStore : IDisposable, Reporting.Filing.IFilingStore, Accounts.IAccountStore, Publishing.IPublishingStore, IRegisterLookup, Releases.ISeasonallyAdjustedStore, Monitoring.IWarningStore, Arrears.IArrearsStore, IProgramStore, IResponseStore
{
    /// <summary>"SQLite /path/ballast.db" or "PostgreSQL host:port/db", for messages (never a password).</summary>
    string Description { get; }

    /// <summary>The schema version recorded in the store.</summary>
    int SchemaVersion { get; }

    /// <summary>Opens the one transaction of an import call. Dispose without <see cref="IImportTransaction.Commit"/> rolls back.</summary>
    IImportTransaction BeginImport(ImportHeader header);

    /// <summary>Records an import that was rejected: the data is untouched, the attempt and its errors are logged.</summary>
    long LogRejectedImport(ImportHeader header, ImportOutcome outcome);

    // Each table in its import format, sorted by key (ordinal).
    IEnumerable<Enterprise> Enterprises();
    IEnumerable<MonthlyReport> Reports();
    IEnumerable<ProductOutput> Products();
    IEnumerable<PpiEntry> Ppi();
    IEnumerable<VaRate> VaRates();

    StoreSummary Summary();

    /// <summary>The import log, newest first.</summary>
    IReadOnlyList<ImportLogEntry> Imports();

    /// <summary>The warnings stored with an import.</summary>
    IReadOnlyList<ImportWarning> ImportWarnings(long importId);

    /// <summary>The data version: the id of the newest accepted import (0 when nothing was imported).</summary>
    long DataVersion();

    /// <summary>Saves a computed release (all its rows, unsuppressed, with their flags); returns its id.</summary>
    long SaveRelease(StoredRelease header, IEnumerable<StoredReleaseRow> rows);

    /// <summary>The stored releases of a period (all periods when null), newest first.</summary>
    IReadOnlyList<StoredRelease> Releases(string? period = null);

    /// <summary>The rows of a stored release, sorted by breakdown, cell, measure.</summary>
    IReadOnlyList<StoredReleaseRow> ReleaseRows(long releaseId);

    /// <summary>Earlier versions of a keyed row, oldest first (key as in the import file, e.g. "credit_code|2025-03").</summary>
    IReadOnlyList<RevisionRecord> Revisions(FileKind kind, string key);
}

public interface IImportTransaction : IImportTarget, IDisposable
{
    long ImportId { get; }

    /// <summary>Writes the log entry (counts, warnings, duration) and commits everything.</summary>
    void Commit(ImportOutcome outcome);
}

/// <summary>Who imports, and when the import started.</summary>
public sealed record ImportHeader(string User, DateTimeOffset StartedAt);

public sealed record ImportedFile(string Path, FileKind Kind, string Sha256, long Bytes);

/// <summary>
/// What an import call found: the files (kind, SHA-256, size), rows per kind, how many rows were revisions of
/// stored rows, the errors (the first 1,000; <see cref="ErrorCount"/> counts them all), warnings, time taken.
/// </summary>
public sealed record ImportOutcome(
    IReadOnlyList<ImportedFile> Files,
    IReadOnlyDictionary<FileKind, long> Rows,
    IReadOnlyDictionary<FileKind, long> Revisions,
    IReadOnlyList<ImportProblem> Errors,
    long ErrorCount,
    IReadOnlyList<ImportWarning> Warnings,
    TimeSpan Duration)
{
    public bool Accepted => ErrorCount == 0;
}

public sealed record ImportLogEntry(
    long Id, string User, DateTimeOffset StartedAt, TimeSpan Duration, bool Accepted,
    IReadOnlyList<ImportedFile> Files, long Rows, long Revisions, long Errors, long Warnings, string? FirstError);

public sealed record RevisionRecord(FileKind Kind, string Key, long ReplacedByImport, DateTimeOffset ReplacedAt, string User, IReadOnlyDictionary<string, string> OldValues);

public sealed record StoreSummary(
    long Enterprises, long Reports, long Products, long PpiEntries, long VaRates, long Imports,
    string? FirstPeriod, string? LastPeriod, long Revisions);

/// <summary>A release as stored: its period, when and by whom it was computed, and the data version it read.</summary>
public sealed record StoredRelease(long Id, string Period, DateTimeOffset ComputedAt, string User, long DataVersion, int RowCount);

/// <summary>One figure of a stored release: the unsuppressed value and its flag ("", "C" or "E").</summary>
public sealed record StoredReleaseRow(string Breakdown, string Cell, string Parent, string Measure, double? Value, string Flag);
