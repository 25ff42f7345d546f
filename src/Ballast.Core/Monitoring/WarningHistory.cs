using System.Text.Json;
using Ballast.Statistics.Periods;
using Ballast.Statistics.Release;
using Ballast.Statistics.Warnings;

namespace Ballast.Core.Monitoring;

/// <summary>How a warning compares with the previous release month (docs/methodology/warnings.md, History).</summary>
public enum WarningStatus
{
    /// <summary>The cell had no alert on this measure the previous month.</summary>
    New,
    /// <summary>The cell's alerts on this measure were less severe the previous month.</summary>
    Escalated,
    /// <summary>The cell's alerts on this measure were more severe the previous month.</summary>
    Eased,
    /// <summary>As severe as the previous month.</summary>
    Unchanged,
    /// <summary>The rule fired on the cell the previous month and does not now.</summary>
    Resolved,
}

/// <summary>
/// A warning of a release month with its status. For a resolved one, <see cref="Severity"/> and
/// <see cref="Message"/> are the previous month's, <see cref="Value"/> the cell's value now (null when it has none
/// in the view) and there are no drivers.
/// </summary>
public sealed record TrackedWarning(
    string Rule, WarningSeverity Severity, YearMonth Period, string Breakdown, string Cell, string Measure, double? Value,
    string Message, WarningStatus Status, WarningSeverity? PreviousSeverity,
    IReadOnlyList<WarningDriver> Drivers, IReadOnlyList<EnterpriseDriver> Enterprises);

/// <summary>
/// The warnings of a release month in one view: the alerts firing now, then the resolved ones.
/// <see cref="PreviousSource"/> says what they were compared with: "stored run #id", "computed" (no stored run of
/// the previous month: evaluated from the same data) or "none" (no release the previous month).
/// </summary>
public sealed record WarningReport(
    YearMonth Period, ReleaseView View, YearMonth PreviousPeriod, string PreviousSource, IReadOnlyList<TrackedWarning> Warnings)
{
    /// <summary>The alerts firing in <see cref="Period"/>.</summary>
    public IEnumerable<TrackedWarning> Current => Warnings.Where(w => w.Status != WarningStatus.Resolved);

    /// <summary>The alerts of the previous month that no longer fire.</summary>
    public IEnumerable<TrackedWarning> Resolved => Warnings.Where(w => w.Status == WarningStatus.Resolved);
}

/// <summary>An alert of the previous month, as stored or as evaluated.</summary>
public sealed record PreviousWarning(string Rule, WarningSeverity Severity, string Breakdown, string Cell, string Measure, string Message);

/// <summary>Statuses against the previous month, and the stored form of warnings.</summary>
public static class WarningHistory
{
    /// <summary>
    /// Gives each current alert its status by comparing its severity with the highest severity of the previous
    /// month's alerts on the same cell and measure (so a cell moving from "slowing" to "contracting" escalates),
    /// and lists as resolved each previous alert whose rule no longer fires on its cell.
    /// <paramref name="valueNow"/> gives a resolved cell's value now (breakdown, cell, measure), null if none.
    /// </summary>
    public static IReadOnlyList<TrackedWarning> Compare(YearMonth period, IReadOnlyList<WarningAlert> current, IReadOnlyList<PreviousWarning> previous,
        Func<string, string, string, double?> valueNow)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(valueNow);
        var before = new Dictionary<(string, string, string), WarningSeverity>();
        foreach (var p in previous)
        {
            var key = (p.Breakdown, p.Cell, p.Measure);
            if (!before.TryGetValue(key, out var s) || p.Severity > s) before[key] = p.Severity;
        }
        var list = new List<TrackedWarning>();
        var firing = new HashSet<(string, string, string)>();
        foreach (var a in current)
        {
            firing.Add((a.RuleId, a.Breakdown, a.Cell));
            WarningSeverity? was = before.TryGetValue((a.Breakdown, a.Cell, a.Measure), out var s) ? s : null;
            var status = was is null ? WarningStatus.New
                : a.Severity > was ? WarningStatus.Escalated
                : a.Severity < was ? WarningStatus.Eased
                : WarningStatus.Unchanged;
            list.Add(new TrackedWarning(a.RuleId, a.Severity, a.Period, a.Breakdown, a.Cell, a.Measure, a.Value, a.Message, status, was,
                a.Drivers, a.Enterprises));
        }
        foreach (var p in previous)
        {
            if (firing.Contains((p.Rule, p.Breakdown, p.Cell))) continue;
            if (!firing.Add((p.Rule, p.Breakdown, p.Cell))) continue; // listed once
            list.Add(new TrackedWarning(p.Rule, p.Severity, period, p.Breakdown, p.Cell, p.Measure, valueNow(p.Breakdown, p.Cell, p.Measure),
                p.Message, WarningStatus.Resolved, p.Severity, [], []));
        }
        return list;
    }

    /// <summary>"critical", "warning" or "watch".</summary>
    public static string Level(WarningSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>"new", "escalated", "eased", "unchanged" or "resolved".</summary>
    public static string Name(WarningStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>"published" or "confidential".</summary>
    public static string Name(ReleaseView view) => view == ReleaseView.Confidential ? "confidential" : "published";

    internal static WarningSeverity ParseLevel(string level) => level switch
    {
        "critical" => WarningSeverity.Critical,
        "warning" => WarningSeverity.Warning,
        "watch" => WarningSeverity.Watch,
        _ => throw new FormatException($"stored warning level \"{level}\" is not critical, warning or watch"),
    };

    /// <summary>The stored form of a tracked warning (drivers as JSON).</summary>
    public static StoredWarning ToStored(TrackedWarning w)
    {
        ArgumentNullException.ThrowIfNull(w);
        using var ms = new MemoryStream();
        using (var json = new Utf8JsonWriter(ms))
        {
            json.WriteStartObject();
            WriteDrivers(json, "cells", w.Drivers);
            WriteEnterprises(json, "enterprises", w.Enterprises);
            json.WriteEndObject();
        }
        return new StoredWarning(w.Rule, Level(w.Severity), w.Breakdown, w.Cell, w.Measure, w.Value, w.Message, Name(w.Status),
            System.Text.Encoding.UTF8.GetString(ms.ToArray()));
    }

    /// <summary>
    /// Cell drivers as a JSON array property: breakdown, cell, pull, and where the alert has them pull_gap (a province
    /// against the national figure) or pull_change and change_since (a fall or a turn) (the stored runs and the CLI's
    /// JSON).
    /// </summary>
    public static void WriteDrivers(Utf8JsonWriter json, string property, IEnumerable<WarningDriver> drivers)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(drivers);
        json.WriteStartArray(property);
        foreach (var d in drivers)
        {
            json.WriteStartObject();
            json.WriteString("breakdown", d.Breakdown);
            json.WriteString("cell", d.Cell);
            json.WriteNumber("pull", d.Pull);
            if (d.PullGap is { } gap) json.WriteNumber("pull_gap", gap);
            if (d.PullChange is { } change && d.ChangeSince is { } since)
            {
                json.WriteNumber("pull_change", change);
                json.WriteString("change_since", since.ToString());
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Enterprise drivers as a JSON array property: credit_code, name, pull (confidential view only).</summary>
    public static void WriteEnterprises(Utf8JsonWriter json, string property, IEnumerable<EnterpriseDriver> enterprises)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(enterprises);
        json.WriteStartArray(property);
        foreach (var e in enterprises)
        {
            json.WriteStartObject();
            json.WriteString("credit_code", e.CreditCode);
            if (e.Name is null) json.WriteNull("name");
            else json.WriteString("name", e.Name);
            json.WriteNumber("pull", e.Pull);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The stored warnings that fired (resolved entries left out), as previous warnings.</summary>
    public static IReadOnlyList<PreviousWarning> FromStored(IEnumerable<StoredWarning> stored) =>
        [.. stored.Where(s => !string.Equals(s.Status, Name(WarningStatus.Resolved), StringComparison.Ordinal))
            .Select(s => new PreviousWarning(s.Rule, ParseLevel(s.Level), s.Breakdown, s.Cell, s.Measure, s.Message))];
}
