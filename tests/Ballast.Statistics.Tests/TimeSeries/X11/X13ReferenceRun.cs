using System.Globalization;
using Ballast.Statistics.TimeSeries.X11;

namespace Ballast.Statistics.Tests.TimeSeries.X11;

/// <summary>
/// One X-13ARIMA-SEATS reference run from ../shared/data/reference/x13 (see its README.md), with the
/// prior-adjusted series B1 rebuilt from X-13's own regression estimates the way X-13 builds it:
/// B1 = original / (calendar × outliers) (minus, if additive), extended with X-13's 12 forecasts divided by the
/// same effects. The calendar effects of the forecast year are recomputed from the regressors (trading days,
/// leap year, Easter, user-defined holidays) and checked against X-13's D18 over the observed span.
/// </summary>
internal sealed class X13ReferenceRun
{
    public static readonly string Root = SharedData.In("data", "reference", "x13");

    public required string Name { get; init; }
    public required bool Additive { get; init; }
    public required int StartYear { get; init; }
    public required int StartMonth { get; init; }
    public required double[] Original { get; init; }
    public required double[] D10 { get; init; }
    public required double[] D11 { get; init; }
    public required double[] D12 { get; init; }
    public required double[] D13 { get; init; }
    public required double[] Forecasts { get; init; }
    public required double[] PriorAdjustedExtended { get; init; }
    public required X11RegressionEffects Effects { get; init; }
    public required double CalendarCheckError { get; init; }
    public required string SummaryFilter { get; init; }
    public required double SummaryM7 { get; init; }
    public required double SummaryQ { get; init; }
    public required IReadOnlyDictionary<string, string> Diagnostics { get; init; }

    public int Count => Original.Length;

    /// <summary>Runs that X-13 completed (summary status ok).</summary>
    public static IEnumerable<object[]> CompletedRuns() =>
        File.ReadAllLines(Path.Combine(Root, "summary.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[7] == "ok")
            .Select(f => new object[] { f[0] })
            .OrderBy(r => (string)r[0], StringComparer.Ordinal);

    private static double Num(string s) => s.Length == 0 ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

    public static X13ReferenceRun Load(string name)
    {
        string dir = Path.Combine(Root, name);
        var summary = File.ReadAllLines(Path.Combine(Root, "summary.csv")).Skip(1).Select(l => l.Split(',')).Single(f => f[0] == name);
        bool add = summary[8] == "No transformation";
        var comp = File.ReadAllLines(Path.Combine(dir, "components.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        int n = comp.Length;
        int startYear = int.Parse(comp[0][0][..4], CultureInfo.InvariantCulture);
        int startMonth = int.Parse(comp[0][0][5..], CultureInfo.InvariantCulture);
        double[] Col(int c) => comp.Select(f => Num(f[c])).ToArray();
        var o = Col(1);
        var d18 = Col(7);
        var fc = File.ReadAllLines(Path.Combine(dir, "forecast.csv")).Skip(1).Select(l => Num(l.Split(',')[1])).ToArray();
        int total = n + fc.Length;
        var regs = File.ReadAllLines(Path.Combine(dir, "regression.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        var diagnostics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(dir, "diagnostics.udg.txt")))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) diagnostics[line[..colon]] = line[(colon + 1)..].Trim();
        }
        DateTime MonthAt(int t) => new DateTime(startYear, startMonth, 1).AddMonths(t);
        double neutral = add ? 0 : 1;
        double Combine(double a, double b) => add ? a + b : a * b;
        double Effect(double x) => add ? x : Math.Exp(x);

        // Outliers (X-13's regressors: AO 1 at t0; LS −1 before t0, 0 after; TC 0.7^(t−t0) from t0).
        var ls = new double[total];
        var other = new double[total];
        foreach (var f in regs.Where(f => f[0] == "Automatically Identified Outliers"))
        {
            string type = f[1][..2];
            int year = int.Parse(f[1].AsSpan(2, 4), CultureInfo.InvariantCulture);
            int month = Array.IndexOf(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames, f[1].Substring(7, 3)) + 1;
            int t0 = (year - startYear) * 12 + month - startMonth;
            double beta = Num(f[2]);
            for (int t = 0; t < total; t++)
            {
                if (type == "LS") ls[t] += t < t0 ? -beta : 0;
                else if (type == "AO") other[t] += t == t0 ? beta : 0;
                else if (type == "TC") other[t] += t >= t0 ? beta * Math.Pow(0.7, t - t0) : 0;
                else throw new InvalidDataException("unknown outlier type " + type);
            }
        }

        // Calendar: trading days (and the leap-year prior factor of log runs), Easter, user-defined holidays.
        var tdCoef = regs.Where(f => f[0] == "Trading Day").Select(f => Num(f[2])).ToArray();
        var td1 = regs.Where(f => f[0] == "1-Coefficient Trading Day").Select(f => Num(f[2])).ToArray();
        var leap = regs.Where(f => f[0] == "Leap Year").Select(f => Num(f[2])).ToArray();
        var easter = regs.FirstOrDefault(f => f[0].StartsWith("Easter[", StringComparison.Ordinal));
        var userBeta = regs.Where(f => f[0] == "User-defined Holiday").Select(f => Num(f[2])).ToArray();
        bool hasTd = tdCoef.Length > 0 || td1.Length > 0;
        var user = userBeta.Length > 0 ? UserRegressors(dir, startYear, startMonth, userBeta.Length) : null;
        var calendar = new double[total];
        var hol = Col(8);
        double[] easterFraction = new double[total];
        int easterDays = easter is null ? 0 : int.Parse(easter[0].AsSpan(7, easter[0].IndexOf(']') - 7), CultureInfo.InvariantCulture);
        for (int t = 0; t < total; t++)
        {
            var d = MonthAt(t);
            double x = 0;
            if (hasTd)
            {
                var counts = new int[7];
                int days = DateTime.DaysInMonth(d.Year, d.Month);
                for (int day = 1; day <= days; day++) counts[(int)new DateTime(d.Year, d.Month, day).DayOfWeek]++;
                if (tdCoef.Length == 6)
                    for (int k = 0; k < 6; k++) x += tdCoef[k] * (counts[k + 1] - counts[0]); // Mon..Sat minus Sun
                else
                    x += td1[0] * (counts[1] + counts[2] + counts[3] + counts[4] + counts[5] - 2.5 * (counts[0] + counts[6]));
                if (leap.Length > 0 && d.Month == 2) x += leap[0] * (days == 29 ? 0.75 : -0.25);
            }
            double value = Effect(x);
            if (hasTd && !add && d.Month == 2) value *= DateTime.DaysInMonth(d.Year, 2) / 28.25; // lpyear prior
            if (user is not null)
            {
                double u = 0;
                for (int k = 0; k < userBeta.Length; k++) u += userBeta[k] * user(t)[k];
                value = Combine(value, Effect(u));
            }
            if (easter is not null)
            {
                var e = EasterSunday(d.Year);
                int inMonth = 0;
                for (int k = 1; k <= easterDays; k++) if (e.AddDays(-k).Month == d.Month) inMonth++;
                easterFraction[t] = (double)inMonth / easterDays;
            }
            calendar[t] = value;
        }
        if (easter is not null)
        {
            // X-13 centres the Easter regressor on long-run monthly means; recover beta·mean from an observed year.
            double beta = Num(easter[2]);
            foreach (int month in new[] { 2, 3, 4 })
            {
                int known = Enumerable.Range(0, n).LastOrDefault(t => MonthAt(t).Month == month, -1);
                double centre = known < 0 ? 0 : beta * easterFraction[known] - (add ? hol[known] : Math.Log(hol[known]));
                for (int t = 0; t < total; t++)
                    if (MonthAt(t).Month == month) calendar[t] = Combine(calendar[t], Effect(beta * easterFraction[t] - centre));
            }
        }
        bool hasCalendar = hasTd || easter is not null || user is not null;
        double checkError = 0;
        for (int t = 0; t < n && hasCalendar; t++)
            checkError = Math.Max(checkError, add ? Math.Abs(calendar[t] - d18[t]) : Math.Abs(calendar[t] / d18[t] - 1));
        if (!hasCalendar) Array.Fill(calendar, neutral);

        var b1 = new double[total];
        for (int t = 0; t < total; t++)
        {
            double y = t < n ? o[t] : fc[t - n];
            double effects = Combine(Combine(calendar[t], Effect(ls[t])), Effect(other[t]));
            b1[t] = add ? y - effects : y / effects;
        }
        var lsFactors = ls.Take(n).Select(Effect).ToArray();
        var otherFactors = other.Take(n).Select(Effect).ToArray();
        var effectsObserved = new X11RegressionEffects(
            hasCalendar ? calendar.Take(n).ToArray() : null,
            ls.Any(v => v != 0) ? lsFactors : null,
            other.Any(v => v != 0) ? otherFactors : null);
        return new X13ReferenceRun
        {
            Name = name,
            Additive = add,
            StartYear = startYear,
            StartMonth = startMonth,
            Original = o,
            D10 = Col(2),
            D11 = Col(3),
            D12 = Col(4),
            D13 = Col(5),
            Forecasts = fc,
            PriorAdjustedExtended = b1,
            Effects = effectsObserved,
            CalendarCheckError = checkError,
            SummaryFilter = summary[19],
            SummaryM7 = Num(summary[20]),
            SummaryQ = Num(summary[21]),
            Diagnostics = diagnostics,
        };
    }

    public double DiagnosticNumber(string key) => Num(Diagnostics[key].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);

    // The user-defined regressors are in input.spc: regression{ user=(...) start=YYYY.MM data=( ... ) }.
    private static Func<int, double[]> UserRegressors(string dir, int startYear, int startMonth, int count)
    {
        string spc = File.ReadAllText(Path.Combine(dir, "input.spc"));
        string reg = spc[spc.IndexOf("regression{", StringComparison.Ordinal)..];
        int s = reg.IndexOf("start=", StringComparison.Ordinal) + 6;
        int year = int.Parse(reg.AsSpan(s, 4), CultureInfo.InvariantCulture), month = int.Parse(reg.AsSpan(s + 5, 2), CultureInfo.InvariantCulture);
        int offset = (startYear - year) * 12 + startMonth - month;
        int a = reg.IndexOf("data=(", StringComparison.Ordinal) + 6, b = reg.IndexOf(')', a);
        var numbers = reg[a..b].Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(Num).ToArray();
        return t => numbers.AsSpan((t + offset) * count, count).ToArray();
    }

    // Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    internal static DateTime EasterSunday(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateTime(y, month, day);
    }
}
