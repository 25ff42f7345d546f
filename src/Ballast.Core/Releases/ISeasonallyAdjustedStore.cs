namespace Ballast.Core.Releases;

/// <summary>
/// Where the vintages of the seasonally adjusted figures are kept (migration 004): one vintage per (release
/// period, data version), each with every month's <c>va_sa_mom</c> of every cell and a note per adjusted segment.
/// </summary>
public interface ISeasonallyAdjustedStore
{
    /// <summary>Saves a vintage with its figures and notes in one transaction; returns its id.</summary>
    /// <exception cref="Storage.StoreException">A vintage of the same period and data version is already stored.</exception>
    long SaveSaVintage(StoredSaVintage header, IEnumerable<StoredSaRow> rows, IEnumerable<StoredSaNote> notes);

    /// <summary>The stored vintages of a period (all periods when null), newest first.</summary>
    IReadOnlyList<StoredSaVintage> SaVintages(string? period = null);

    /// <summary>The figures of a vintage, sorted by breakdown, cell, month (ordinal).</summary>
    IReadOnlyList<StoredSaRow> SaVintageRows(long vintageId);

    /// <summary>The notes of a vintage, sorted by breakdown, cell, first month.</summary>
    IReadOnlyList<StoredSaNote> SaVintageNotes(long vintageId);

    /// <summary>Every stored figure of one cell across all vintages: vintage id and row, by vintage id then month.</summary>
    IReadOnlyList<(long VintageId, StoredSaRow Row)> SaCellHistory(string breakdown, string cell);
}

/// <summary>A vintage: the release period it was computed for, the data version it read, when and by whom.</summary>
public sealed record StoredSaVintage(long Id, string Period, long DataVersion, DateTimeOffset ComputedAt, string User, int RowCount);

/// <summary>One stored figure: the month's unsuppressed <c>va_sa_mom</c> and its flag ("", "C" or "E").</summary>
public sealed record StoredSaRow(string Breakdown, string Cell, string Period, double? Value, string Flag);

/// <summary>How a segment (first..last month) of a cell's volume index was adjusted: status and model or reason.</summary>
public sealed record StoredSaNote(string Breakdown, string Cell, string FirstMonth, string LastMonth, string Status, string Note);
