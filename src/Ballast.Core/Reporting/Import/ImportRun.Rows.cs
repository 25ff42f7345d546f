using System.Globalization;
using Ballast.Core.Files;
using Ballast.Core.Register;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting.Import;

// The rules of data-formats.md, one method per kind of file, and the field rules they share.
internal sealed partial class ImportRun
{
    // Column positions in FileKinds.Columns(kind).
    private const int ECredit = 0, EName = 1, ERegion = 2, EIndustry = 3, EOwnership = 4, EEmployees = 5, ERevenue = 6, ETiers = 7;
    private const int RCredit = 0, RPeriod = 1, ROutput = 2, RSales = 3, RExport = 4, RRevenue = 5, RProfit = 6, RRd = 7,
        REnergy = 8, RWater = 9, RReceivables = 10, ROverdue = 11, REmployees = 12;
    private const int PCredit = 0, PPeriod = 1, PProduct = 2, POutput = 3, PCapacity = 4;
    private const int QDivision = 0, QPeriod = 1, QIndex = 2;
    private const int VDivision = 0, VYear = 1, VRate = 2;

    private ReadOnlySpan<char> Field(int c) => _map[c] >= 0 ? _src[_map[c]] : [];

    private void EnterpriseRow()
    {
        string? code = null;
        var credit = Field(ECredit);
        if (Required(ECredit, credit) && TextCell(ECredit))
        {
            if (CreditCode.Problem(credit) is { } problem) Error(ECredit, problem);
            else
            {
                if (_enterprises.TryGetValue(credit, out string? known, out _)) code = known;
                else
                {
                    code = new string(credit);
                    _enterpriseSet.Add(code, _enterpriseSet.Count);
                }
                if (_registerKeys.TryGetValue(code, out long earlier))
                    Error(ECredit, $"{Describe(credit)} is already on {EarlierRow(earlier)}; the register has one row per credit code");
                else _registerKeys.Add(code, Here);
            }
        }

        var nameText = Field(EName);
        string? name = Required(EName, nameText) ? new string(nameText) : null;

        string? region = null;
        var regionText = Field(ERegion);
        if (Required(ERegion, regionText) && TextCell(ERegion))
        {
            if (regionText.Length != 6 || !AllDigits(regionText))
                Error(ERegion, $"{Describe(regionText)} is not 6 digits; region_code is a GB/T 2260 county-or-higher code");
            else if (!_provinces.Contains(regionText[..2]))
                Error(ERegion, $"{Describe(regionText)} starts with {regionText[..2]}, which is not a province in classifications/regions.csv");
            else region = Intern(regionText);
        }

        string? industry = null;
        var industryText = Field(EIndustry);
        if (Required(EIndustry, industryText) && TextCell(EIndustry))
        {
            if (industryText.Length != 4 || !AllDigits(industryText))
                Error(EIndustry, $"{Describe(industryText)} is not 4 digits; industry_code is a GB/T 4754-2017 class");
            else if (!_divisions.ContainsKey(industryText[..2]))
                Error(EIndustry, $"{Describe(industryText)} starts with {industryText[..2]}, which is not an industrial division (06–46) in classifications/industries.csv");
            else industry = Intern(industryText);
        }

        string? ownership = null;
        var ownershipText = Field(EOwnership);
        if (Required(EOwnership, ownershipText) && TextCell(EOwnership))
        {
            if (_ownership.TryGetValue(ownershipText, out string? o)) ownership = o;
            else Error(EOwnership, NotInList(ownershipText, _ownership, "an ownership code", "classifications/ownership.csv"));
        }

        bool employeesOk = Integer(EEmployees, out int employees);
        bool revenueOk = Number(ERevenue, out double revenue, NonNegative: true);

        var tiers = TierList();

        if (code is not null && region is not null && !code.AsSpan(2, 6).SequenceEqual(region))
            Warn(WarningCodes.RegionMismatch, _src.RecordLine, Location(ECredit),
                $"credit code \"{code}\" was registered in region {code.AsSpan(2, 6)} (characters 3–8) but region_code is {region}; enterprises move, so this is only a warning");

        if (CanWrite && code is not null && name is not null && region is not null && industry is not null && ownership is not null && employeesOk && revenueOk && tiers is not null)
            _target.Write(new Enterprise(code, name, region, industry, ownership, employees, revenue, tiers));
    }

    private IReadOnlyList<string>? TierList()
    {
        var text = Field(ETiers);
        if (text.IsEmpty) return [];
        if (!TextCell(ETiers)) return null;
        var tiers = new List<string>(2);
        foreach (var range in text.Split(';'))
        {
            var tier = text[range];
            if (tier.IsEmpty)
            {
                Error(ETiers, $"{Describe(text)} has an empty tier; tiers are codes separated by ';' with nothing between two ';'");
                return null;
            }
            if (!_tiers.TryGetValue(tier, out string? code))
            {
                Error(ETiers, NotInList(tier, _tiers, "a tier", "classifications/tiers.csv"));
                return null;
            }
            if (tiers.Contains(code))
            {
                Error(ETiers, $"{Describe(text)} lists {code} twice; each tier is listed once");
                return null;
            }
            tiers.Add(code);
        }
        return tiers;
    }

    private void ReportRow()
    {
        bool enterpriseOk = Enterprise(RCredit, out string? code, out int enterprise);
        bool periodOk = Period(RPeriod, out YearMonth period);
        bool outputOk = Number(ROutput, out double output, NonNegative: true);
        bool salesOk = Number(RSales, out double sales, NonNegative: true);
        bool exportOk = Number(RExport, out double export, NonNegative: true);
        bool revenueOk = Number(RRevenue, out double revenue, NonNegative: true);
        bool profitOk = Number(RProfit, out double profit, NonNegative: false);
        bool rdOk = Number(RRd, out double rd, NonNegative: true);
        bool energyOk = Number(REnergy, out double energy, NonNegative: true);
        bool waterOk = Number(RWater, out double water, NonNegative: true);
        bool receivablesOk = Number(RReceivables, out double receivables, NonNegative: true);
        bool overdueOk = Number(ROverdue, out double overdue, NonNegative: true);
        bool employeesOk = Integer(REmployees, out int employees);

        if (exportOk && salesOk)
        {
            if (export > sales)
                Error(RExport, $"{Describe(Field(RExport))} is more than sales_value {Describe(Field(RSales))}; export value must be ≤ sales value");
            else if (export > 0.9 * sales)
                Warn(WarningCodes.ExportShare, _src.RecordLine, Location(RExport),
                    $"export_value {Field(RExport)} is {Percent(export / sales)} of sales_value {Field(RSales)} (above 90 %); check the figures");
        }
        if (overdueOk && receivablesOk && overdue > receivables)
            Error(ROverdue, $"{Describe(Field(ROverdue))} is more than receivables {Describe(Field(RReceivables))}; overdue receivables are part of receivables and must be ≤ receivables");

        if (enterpriseOk && periodOk && !_history!.TryAdd(enterprise, period, _fileNo, _src.RecordLine, outputOk ? output : double.NaN, out ushort earlierFile, out long earlierLine))
            Error(RCredit, $"the report of \"{code}\" for {period} is already on {EarlierRow(earlierFile, earlierLine)}; (credit_code, period) is unique");

        if (CanWrite && enterpriseOk && periodOk && outputOk && salesOk && exportOk && revenueOk && profitOk && rdOk && energyOk && waterOk && receivablesOk && overdueOk && employeesOk)
            _target.Write(new MonthlyReport(code!, period, output, sales, export, revenue, profit, rd, energy, water, receivables, overdue, employees));
    }

    private void ProductRow()
    {
        bool enterpriseOk = Enterprise(PCredit, out string? code, out int enterprise);
        bool periodOk = Period(PPeriod, out YearMonth period);
        string? product = null;
        int productNo = -1;
        var productText = Field(PProduct);
        if (Required(PProduct, productText) && TextCell(PProduct))
        {
            if (_products.TryGetValue(productText, out string? p, out productNo)) product = p;
            else Error(PProduct, NotInList(productText, _products, "a product code", "classifications/products.csv"));
        }
        bool outputOk = Number(POutput, out double output, NonNegative: true);
        double? capacity = null;
        bool capacityOk = true;
        if (!Field(PCapacity).IsEmpty)
        {
            capacityOk = Number(PCapacity, out double c, NonNegative: true);
            capacity = c;
        }

        if (enterpriseOk && periodOk && product is not null)
        {
            long key = ((long)enterprise << 32) | ((long)period.Index << 16) | (ushort)productNo;
            if (_productKeys.TryGetValue(key, out long earlier))
                Error(PCredit, $"the output of {product} by \"{code}\" for {period} is already on {EarlierRow(earlier)}; (credit_code, period, product) is unique");
            else _productKeys.Add(key, Here);
        }

        if (CanWrite && enterpriseOk && periodOk && product is not null && outputOk && capacityOk)
            _target.Write(new ProductOutput(code!, period, product, output, capacity));
    }

    private void PpiRow()
    {
        bool divisionOk = Division(QDivision, out string? division);
        bool periodOk = Period(QPeriod, out YearMonth period);
        bool indexOk = Number(QIndex, out double index, NonNegative: false);
        if (indexOk && index <= 0)
        {
            Error(QIndex, $"{Describe(Field(QIndex))} is not positive; a price index (same month of the previous year = 100) must be > 0");
            indexOk = false;
        }
        if (divisionOk && periodOk)
        {
            if (_ppiKeys.TryGetValue((division!, period.Index), out long earlier))
                Error(QDivision, $"the index of division {division} for {period} is already on {EarlierRow(earlier)}; (division, period) is unique");
            else _ppiKeys.Add((division!, period.Index), Here);
        }
        if (CanWrite && divisionOk && periodOk && indexOk)
            _target.Write(new PpiEntry(division!, period, index));
    }

    private void VaRateRow()
    {
        bool divisionOk = Division(VDivision, out string? division);
        bool yearOk = Integer(VYear, out int year);
        if (yearOk && year is < YearMonth.MinYear or > YearMonth.MaxYear)
        {
            Error(VYear, $"{Describe(Field(VYear))} is not a year between {YearMonth.MinYear} and {YearMonth.MaxYear}");
            yearOk = false;
        }
        bool rateOk = Number(VRate, out double rate, NonNegative: false);
        if (rateOk && !(rate > 0 && rate < 1))
        {
            Error(VRate, $"{Describe(Field(VRate))} is not between 0 and 1; a value-added rate must be > 0 and < 1");
            rateOk = false;
        }
        if (divisionOk && yearOk)
        {
            if (_vaKeys.TryGetValue((division!, year), out long earlier))
                Error(VDivision, $"the rate of division {division} for {year} is already on {EarlierRow(earlier)}; (division, year) is unique");
            else _vaKeys.Add((division!, year), Here);
        }
        if (CanWrite && divisionOk && yearOk && rateOk)
            _target.Write(new VaRate(division!, year, rate));
    }

    // ---- field rules ----

    private bool Required(int c, ReadOnlySpan<char> text)
    {
        if (!text.IsEmpty) return true;
        Error(c, $"{_columns[c]} is empty; every field except capacity and tiers is required");
        return false;
    }

    // Codes must be text cells: Excel drops leading zeros and rounds 18-digit codes stored as numbers.
    private bool TextCell(int c)
    {
        if (_map[c] < 0 || _src.KindOf(_map[c]) == CellKind.Text) return true;
        Error(c, $"{_columns[c]} stored as a number; format the column as text");
        return false;
    }

    private bool Enterprise(int c, out string? code, out int number)
    {
        code = null;
        number = -1;
        var text = Field(c);
        if (!Required(c, text) || !TextCell(c)) return false;
        if (_enterprises.TryGetValue(text, out code, out number)) return true;
        Error(c, CreditCode.Problem(text) ?? $"{Describe(text)} is not in the register; import the enterprise's register row (enterprises.csv) first or in the same call");
        return false;
    }

    private bool Period(int c, out YearMonth period)
    {
        period = default;
        var text = Field(c);
        if (!Required(c, text)) return false;
        int field = _map[c];
        switch (_src.KindOf(field))
        {
            case CellKind.Date:
                if (!_src.TryGetMonth(field, out period))
                {
                    Error(c, $"the date cell {Describe(text)} is not a month between {YearMonth.MinYear} and {YearMonth.MaxYear}");
                    return false;
                }
                break;
            case CellKind.Number:
                Error(c, $"{Describe(text)} is a number, not a month; write periods as YYYY-MM (e.g. 2025-03) or as a date cell");
                return false;
            default:
                if (!YearMonth.TryParse(text, out period))
                {
                    Error(c, $"{Describe(text)} is not a month in the form YYYY-MM (e.g. 2025-03)");
                    return false;
                }
                break;
        }
        if (period > _currentMonth)
        {
            Error(c, $"{period} is later than the current month {_currentMonth} (Asia/Shanghai time); reports cannot be for a future month");
            return false;
        }
        return true;
    }

    private bool Division(int c, out string? division)
    {
        division = null;
        var text = Field(c);
        if (!Required(c, text) || !TextCell(c)) return false;
        if (text.Length is < 1 or > 2 || !AllDigits(text))
        {
            Error(c, $"{Describe(text)} is not a division; division is two digits, e.g. 06 or 13");
            return false;
        }
        Span<char> two = ['0', text[0]];
        if (text.Length == 2) text.CopyTo(two);
        if (!_divisions.TryGetValue(two, out division))
        {
            Error(c, $"{Describe(text)} is not an industrial division (06–46) in classifications/industries.csv");
            return false;
        }
        return true;
    }

    /// <summary>A number in the grammar <c>-?[0-9]+(\.[0-9]+)?</c>; −0 is read as 0.</summary>
    private bool Number(int c, out double value, bool NonNegative)
    {
        value = 0;
        var text = Field(c);
        if (!Required(c, text)) return false;
        if (!NumberGrammar.TryParse(text, out value, out _))
        {
            Error(c, $"{Describe(text)} is not a number; numbers are written like 1234.5, without spaces, thousands separators, + signs or exponents");
            return false;
        }
        if (!double.IsFinite(value))
        {
            Error(c, $"{Describe(text)} is too large");
            return false;
        }
        value += 0.0;
        if (NonNegative && value < 0)
        {
            Error(c, $"{Describe(text)} is negative; {Human(_columns[c])} must be ≥ 0");
            return false;
        }
        return true;
    }

    /// <summary>A count ≥ 0 without a decimal point.</summary>
    private bool Integer(int c, out int value)
    {
        value = 0;
        var text = Field(c);
        if (!Required(c, text)) return false;
        if (!NumberGrammar.Matches(text, out bool point))
        {
            Error(c, $"{Describe(text)} is not a whole number; {_columns[c]} is written with digits only, like 120");
            return false;
        }
        if (point)
        {
            Error(c, $"{Describe(text)} is not a whole number; {_columns[c]} is written without a decimal point");
            return false;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            Error(c, $"{Describe(text)} is too large for {_columns[c]}");
            return false;
        }
        // The year of va_rates may not be negative either; its range check says so more plainly.
        if (value < 0 && _columns[c] != "year")
        {
            Error(c, $"{Describe(text)} is negative; {Human(_columns[c])} must be ≥ 0");
            return false;
        }
        return true;
    }

    private static string Human(string column) => column.Replace('_', ' ');

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (char ch in s) if (ch is < '0' or > '9') return false;
        return true;
    }

    private string Intern(ReadOnlySpan<char> text)
    {
        if (_interned.TryGetValue(text, out string? s)) return s;
        s = new string(text);
        _internedSet.Add(s, s);
        return s;
    }

    private static string NotInList<TValue>(ReadOnlySpan<char> text, Dictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> list, string what, string file)
    {
        Span<char> upper = text.Length <= 64 ? stackalloc char[text.Length] : new char[text.Length];
        text.ToUpperInvariant(upper);
        if (!upper.SequenceEqual(text) && list.ContainsKey(upper))
            return $"{Describe(text)} is not upper case; codes are upper case (write {new string(upper)})";
        return $"{Describe(text)} is not {what} in {file}";
    }

    private static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}

/// <summary>The number grammar of the input files: <c>-?[0-9]+(\.[0-9]+)?</c>.</summary>
public static class NumberGrammar
{
    /// <summary>True when the text matches the grammar; <paramref name="hasPoint"/> says whether it has a decimal point.</summary>
    public static bool Matches(ReadOnlySpan<char> s, out bool hasPoint)
    {
        hasPoint = false;
        int i = 0;
        if (s.Length > 0 && s[0] == '-') i = 1;
        int start = i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9) i++;
        if (i == start) return false;
        if (i == s.Length) return true;
        if (s[i] != '.') return false;
        int fraction = ++i;
        while (i < s.Length && (uint)(s[i] - '0') <= 9) i++;
        hasPoint = true;
        return i > fraction && i == s.Length;
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Checks the grammar and reads the value, the same double as <see cref="double.Parse(string, IFormatProvider)"/>.
    /// Most figures have at most 15 digits: their digits form an integer below 2^53 and the divisor 10^k (k ≤ 22)
    /// is exact, so one division is correctly rounded (Clinger's fast path). Longer ones go to double.TryParse.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> s, out double value, out bool hasPoint)
    {
        value = 0;
        hasPoint = false;
        int i = 0;
        bool negative = s.Length > 0 && s[0] == '-';
        if (negative) i = 1;
        int start = i;
        long mantissa = 0;
        int digits = 0;
        while (i < s.Length && (uint)(s[i] - '0') <= 9)
        {
            if (digits < 18) mantissa = mantissa * 10 + (s[i] - '0');
            if (mantissa != 0) digits++;
            i++;
        }
        if (i == start) return false;
        int decimals = 0;
        if (i < s.Length)
        {
            if (s[i] != '.') return false;
            int fraction = ++i;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                if (digits < 18) mantissa = mantissa * 10 + (s[i] - '0');
                if (mantissa != 0) digits++;
                i++;
            }
            if (i == fraction || i != s.Length) return false;
            hasPoint = true;
            decimals = i - fraction;
        }
        if (digits <= 15 && decimals <= 22)
        {
            value = mantissa / PowersOfTen[decimals];
            if (negative) value = -value;
            return true;
        }
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
