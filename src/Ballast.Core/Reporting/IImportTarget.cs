using Ballast.Core.Register;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting;

/// <summary>
/// Where an import writes, inside one open transaction of the store. The importer validates and writes in a
/// single pass; it stops writing at the first error and the caller then rolls the whole transaction back.
/// </summary>
public interface IImportTarget
{
    /// <summary>Credit codes already in the register (before this call).</summary>
    IReadOnlySet<string> StoredCreditCodes();

    /// <summary>
    /// Stored output_value of every report in the given months that was stored before this call (for the
    /// month-to-month warnings; the importer holds the rows of the call itself), streamed.
    /// </summary>
    IEnumerable<(string CreditCode, YearMonth Period, double OutputValue)> StoredOutputs(IReadOnlyCollection<YearMonth> periods);

    /// <summary>Inserts or revises a register row (the old row goes to the history).</summary>
    void Write(Enterprise enterprise);
    void Write(in MonthlyReport report);
    void Write(in ProductOutput product);
    void Write(in PpiEntry ppi);
    void Write(in VaRate rate);

    /// <summary>Makes everything written so far reach the database (end of a file); still inside the transaction.</summary>
    void Flush();

    /// <summary>How many of the rows written (and flushed) so far replaced a stored row with the same key.</summary>
    long RevisionsWritten(FileKind kind);
}
