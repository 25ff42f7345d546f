namespace Ballast.Core.Monitoring;

/// <summary>
/// The stored warnings: one run per evaluation of a release month and view, with its alerts (each with its status
/// against the previous release month, the resolved ones included with status "resolved") and their drivers.
/// </summary>
public interface IWarningStore
{
    /// <summary>Saves a run and its warnings in one transaction; returns the run's id.</summary>
    long SaveWarnings(StoredWarningRun run, IReadOnlyList<StoredWarning> warnings);

    /// <summary>The stored runs of a period and view (all when null), newest first.</summary>
    IReadOnlyList<StoredWarningRun> WarningRuns(string? period = null, string? view = null);

    /// <summary>The warnings of a run, in the order they were saved.</summary>
    IReadOnlyList<StoredWarning> Warnings(long runId);
}

/// <summary>
/// One stored evaluation: the period (YYYY-MM), the view ("published" or "confidential"), when and by whom, the data
/// version it read and how many warnings it stored. <see cref="Id"/> is ignored when saving.
/// </summary>
public sealed record StoredWarningRun(long Id, string Period, string View, DateTimeOffset ComputedAt, string User, long DataVersion, int WarningCount);

/// <summary>
/// A stored warning: rule, level (critical, warning, watch), cell, measure, value (null for a resolved one whose cell
/// has no value now), message, status (new, escalated, eased, unchanged, resolved) and the drivers as JSON
/// (<c>{"cells":[{"breakdown","cell","pull"}],"enterprises":[{"credit_code","name","pull"}]}</c>).
/// </summary>
public sealed record StoredWarning(
    string Rule, string Level, string Breakdown, string Cell, string Measure, double? Value, string Message, string Status, string Drivers);
