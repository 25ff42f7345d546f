namespace Ballast.Core.Reporting;

/// <summary>
/// An error or a warning about input, located as users see it: the file, the physical line where the record
/// starts (header = line 1; 0 when it concerns the whole file), the column name (or an XLSX cell such as
/// <c>Sheet1!C12</c>), and a plain sentence.
/// </summary>
public sealed record ImportProblem(string File, long Line, string? Column, string Message)
{
    public override string ToString() =>
        Line <= 0 ? $"{File}: {Message}"
        : Column is null ? $"{File} line {Line}: {Message}"
        : $"{File} line {Line}, column {Column}: {Message}";
}

/// <summary>A plausibility warning: the data is stored; the code lets users filter and acknowledge it.</summary>
public sealed record ImportWarning(string Code, string File, long Line, string? Column, string Message)
{
    public override string ToString() =>
        Line <= 0 ? $"[{Code}] {File}: {Message}" : Column is null ? $"[{Code}] {File} line {Line}: {Message}" : $"[{Code}] {File} line {Line}, column {Column}: {Message}";
}

/// <summary>Warning codes (stable: users filter on them).</summary>
public static class WarningCodes
{
    /// <summary>output_value changed by more than ±50 % from the previous month (Jan/Feb: a year earlier).</summary>
    public const string OutputJump = "W_OUTPUT_JUMP";
    /// <summary>output_value 0 after a non-zero month.</summary>
    public const string OutputZero = "W_OUTPUT_ZERO";
    /// <summary>export_value above 90 % of sales_value.</summary>
    public const string ExportShare = "W_EXPORT_SHARE";
    /// <summary>the credit code's registering region (characters 3–8) differs from region_code.</summary>
    public const string RegionMismatch = "W_REGION_MISMATCH";
    /// <summary>an unknown extra column was ignored.</summary>
    public const string UnknownColumn = "W_UNKNOWN_COLUMN";
}
