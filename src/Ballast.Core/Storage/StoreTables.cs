using Ballast.Core.Reporting;

namespace Ballast.Core.Storage;

/// <summary>
/// The tables behind each kind of file. Column names in the store are the column names of the import files,
/// so one list (<see cref="FileKinds.Columns"/>) serves writing, reading and the revision history.
/// </summary>
internal static class StoreTables
{
    public static string Table(FileKind kind) => kind switch
    {
        FileKind.Enterprises => "enterprises",
        FileKind.Reports => "reports",
        FileKind.Products => "products",
        FileKind.Ppi => "ppi",
        FileKind.VaRates => "va_rates",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string RevisionTable(FileKind kind) => kind switch
    {
        FileKind.Enterprises => "enterprise_revisions",
        FileKind.Reports => "report_revisions",
        FileKind.Products => "product_revisions",
        FileKind.Ppi => "ppi_revisions",
        FileKind.VaRates => "va_rate_revisions",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IReadOnlyList<string> KeyColumns(FileKind kind) => kind switch
    {
        FileKind.Enterprises => ["credit_code"],
        FileKind.Reports => ["credit_code", "period"],
        FileKind.Products => ["credit_code", "period", "product"],
        FileKind.Ppi => ["division", "period"],
        FileKind.VaRates => ["division", "year"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A column name as SQL needs it: <c>index</c> is a keyword in SQLite.</summary>
    public static string Quote(string column) => column == "index" ? "\"index\"" : column;

    public static string ColumnList(FileKind kind, string? prefix = null) =>
        string.Join(", ", FileKinds.Columns(kind).Select(c => prefix + Quote(c)));

    public static string KeyList(FileKind kind) => string.Join(", ", KeyColumns(kind).Select(Quote));

    public static string NonKeyAssignments(FileKind kind) =>
        string.Join(", ", FileKinds.Columns(kind).Except(KeyColumns(kind)).Append("import_id")
            .Select(c => $"{Quote(c)} = excluded.{Quote(c)}"));

    public static IEnumerable<FileKind> All => Enum.GetValues<FileKind>();

    /// <summary>−0 is stored as 0: SQLite keeps integral REAL values as integers and would lose the sign, and
    /// both back ends must read back the same value.</summary>
    public static double Normalise(double value) => value == 0 ? 0.0 : value;
}
