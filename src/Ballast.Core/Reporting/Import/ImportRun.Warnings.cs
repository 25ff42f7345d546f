using System.Globalization;
using Ballast.Core.Files;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting.Import;

// The month-to-month plausibility warnings, computed once every file is read, because the earlier month may come
// later in a file, or in another file, or be stored.
internal sealed partial class ImportRun
{
    private void MonthToMonthWarnings()
    {
        if (_history is null || _history.IsEmpty) return;
        var months = _history.Months.ToList();
        var needed = new SortedSet<YearMonth>();
        foreach (var m in months)
        {
            if (m.Index > YearMonth.MinYear * 12) needed.Add(m.Previous);
            if (m.Month <= 2 && m.Year > YearMonth.MinYear) needed.Add(m.YearEarlier);
        }
        var stored = new StoredOutputs(_enterpriseSet.Count);
        foreach (var (code, period, value) in _target.StoredOutputs(needed.ToList()))
        {
            _cancel.ThrowIfCancellationRequested();
            if (needed.Contains(period) && _enterpriseSet.TryGetValue(code, out int no)) stored.Set(no, period, value);
        }

        foreach (var month in months)
        {
            _cancel.ThrowIfCancellationRequested();
            bool hasPrevious = month.Index > YearMonth.MinYear * 12;
            bool acrossYears = month.Month <= 2;
            bool hasYearEarlier = month.Year > YearMonth.MinYear;
            foreach (var (enterprise, output, file, line) in _history.Rows(month))
            {
                if (double.IsNaN(output)) continue;
                // A stop is measured against the calendar month before; the size of a change, in January and
                // February, against the same month a year earlier (the Spring Festival moves between them).
                double previous = hasPrevious ? OutputOf(enterprise, month.Previous, stored) : double.NaN;
                if (output == 0 && previous > 0)
                {
                    AddMonthWarning(WarningCodes.OutputZero, file, line,
                        $"output_value is 0 after {Format(previous)} in {month.Previous}; check whether the enterprise stopped production");
                    continue;
                }
                YearMonth baseMonth = acrossYears ? (hasYearEarlier ? month.YearEarlier : month) : month.Previous;
                double baseValue = acrossYears ? (hasYearEarlier ? OutputOf(enterprise, baseMonth, stored) : double.NaN) : previous;
                if (!(baseValue > 0)) continue; // missing or 0: no comparison
                double change = output / baseValue - 1;
                if (Math.Abs(change) <= 0.5) continue;
                string direction = change > 0 ? "above" : "below";
                string basis = acrossYears
                    ? $"{baseMonth}, the same month a year earlier (January and February are compared across years because of the Spring Festival)"
                    : $"{baseMonth}, the previous month";
                AddMonthWarning(WarningCodes.OutputJump, file, line,
                    $"output_value {Format(output)} is {Percent(Math.Abs(change))} {direction} {Format(baseValue)} in {basis}; check the figure");
            }
        }
    }

    // The call's value when the call has a row for that month (NaN when that row's value was invalid), else the stored one.
    private double OutputOf(int enterprise, YearMonth period, StoredOutputs stored) =>
        _history!.TryGet(enterprise, period, out double v) ? v : stored.Get(enterprise, period);

    private void AddMonthWarning(string code, ushort file, int line, string message)
    {
        string name = _fileNames[file];
        _warnings.Add((file, line, _warnings.Count, new ImportWarning(code, name, line, "output_value", message)));
    }

    private static string Format(double value) => NumberText.Format(value);
}
