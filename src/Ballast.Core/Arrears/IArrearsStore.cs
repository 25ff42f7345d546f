using Ballast.Core.Register;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Arrears;

/// <summary>
/// Where arrears cases and their history are kept (RelationalStore.Arrears.cs), plus the few reads of the register
/// and the monthly reports that the arrears work needs. Access rules live in <see cref="ArrearsService"/>, not here.
/// </summary>
public interface IArrearsStore : Register.IRegisterLookup
{
    /// <summary>Stores a new case with its first event (the registration); returns the case with its id.</summary>
    ArrearsCase InsertArrearsCase(ArrearsCase newCase, ArrearsEvent registration);

    /// <summary>
    /// Replaces a case with <paramref name="updated"/> and appends <paramref name="step"/>, provided the stored case
    /// still has <paramref name="expectedVersion"/>; the stored version becomes expectedVersion + 1. False when
    /// the case changed meanwhile (nothing is written).
    /// </summary>
    bool UpdateArrearsCase(ArrearsCase updated, int expectedVersion, ArrearsEvent step);

    /// <summary>One case, or null.</summary>
    ArrearsCase? ArrearsCase(long id);

    /// <summary>Cases by id, filtered by the enterprise and/or the handling province when given.</summary>
    IReadOnlyList<ArrearsCase> ArrearsCases(string? creditCode = null, string? province = null);

    /// <summary>A case's history, oldest first.</summary>
    IReadOnlyList<ArrearsEvent> ArrearsEvents(long caseId);

    /// <summary>Reported overdue receivables (10,000 yuan) of the given enterprises, every stored month.</summary>
    IReadOnlyList<(string CreditCode, YearMonth Period, double OverdueReceivables)> OverdueReceivables(IReadOnlyCollection<string> creditCodes);

    /// <summary>Reported overdue receivables of every enterprise in one month.</summary>
    IReadOnlyDictionary<string, double> OverdueReceivablesIn(YearMonth period);
}
