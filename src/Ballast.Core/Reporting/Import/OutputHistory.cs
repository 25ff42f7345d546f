using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting.Import;

/// <summary>
/// The output_value of every report row of an import call, per month, in pages of 256 enterprises indexed by
/// enterprise number: about 14 bytes a row, so 12.5 million rows take under 200 MB, and a month with few rows
/// takes few pages. It also finds duplicate keys (credit_code, period) across the files of the call.
/// </summary>
internal sealed class OutputHistory(int enterprises)
{
    private const int PageBits = 8;
    private const int PageSize = 1 << PageBits;

    internal sealed class Page
    {
        public readonly double[] Output = new double[PageSize];
        public readonly int[] Line = new int[PageSize];   // 0: no row
        public readonly ushort[] File = new ushort[PageSize];
    }

    private readonly int _pageCount = (enterprises >> PageBits) + 1;
    private readonly Dictionary<int, Page?[]> _months = [];
    private int _lastIndex = -1;
    private Page?[]? _lastPages;

    public IEnumerable<YearMonth> Months => _months.Keys.Order().Select(YearMonth.FromIndex);

    public bool IsEmpty => _months.Count == 0;

    /// <summary>Records a row; false (with the earlier row's file and line) when the key was already seen in this call.</summary>
    public bool TryAdd(int enterprise, YearMonth period, ushort file, long line, double output, out ushort earlierFile, out long earlierLine)
    {
        // Files are usually sorted by month: remember the last month's pages.
        Page?[]? pages = _lastIndex == period.Index ? _lastPages : null;
        if (pages is null && !_months.TryGetValue(period.Index, out pages))
        {
            pages = new Page?[_pageCount];
            _months[period.Index] = pages;
        }
        _lastIndex = period.Index;
        _lastPages = pages;
        var page = pages[enterprise >> PageBits] ??= new Page();
        int slot = enterprise & (PageSize - 1);
        if (page.Line[slot] != 0)
        {
            earlierFile = page.File[slot];
            earlierLine = page.Line[slot];
            return false;
        }
        page.Output[slot] = output;
        page.Line[slot] = (int)Math.Min(line, int.MaxValue);
        page.File[slot] = file;
        earlierFile = 0;
        earlierLine = 0;
        return true;
    }

    /// <summary>The row of the call for (enterprise, month): found, and its output (NaN when its output was invalid).</summary>
    public bool TryGet(int enterprise, YearMonth period, out double output)
    {
        output = double.NaN;
        if (!_months.TryGetValue(period.Index, out var pages)) return false;
        var page = pages[enterprise >> PageBits];
        int slot = enterprise & (PageSize - 1);
        if (page is null || page.Line[slot] == 0) return false;
        output = page.Output[slot];
        return true;
    }

    /// <summary>Every row of a month: enterprise number, output, file, line.</summary>
    public IEnumerable<(int Enterprise, double Output, ushort File, int Line)> Rows(YearMonth period)
    {
        if (!_months.TryGetValue(period.Index, out var pages)) yield break;
        for (int p = 0; p < pages.Length; p++)
        {
            var page = pages[p];
            if (page is null) continue;
            for (int s = 0; s < PageSize; s++)
                if (page.Line[s] != 0) yield return ((p << PageBits) | s, page.Output[s], page.File[s], page.Line[s]);
        }
    }
}

/// <summary>Stored output values of some months, paged like <see cref="OutputHistory"/>; NaN where there is none.</summary>
internal sealed class StoredOutputs(int enterprises)
{
    private const int PageBits = 8;
    private const int PageSize = 1 << PageBits;
    private readonly int _pageCount = (enterprises >> PageBits) + 1;
    private readonly Dictionary<int, double[]?[]> _months = [];

    public void Set(int enterprise, YearMonth period, double output)
    {
        if (!_months.TryGetValue(period.Index, out var pages))
        {
            pages = new double[]?[_pageCount];
            _months[period.Index] = pages;
        }
        var page = pages[enterprise >> PageBits];
        if (page is null)
        {
            page = new double[PageSize];
            Array.Fill(page, double.NaN);
            pages[enterprise >> PageBits] = page;
        }
        page[enterprise & (PageSize - 1)] = output;
    }

    public double Get(int enterprise, YearMonth period)
    {
        if (!_months.TryGetValue(period.Index, out var pages)) return double.NaN;
        var page = pages[enterprise >> PageBits];
        return page is null ? double.NaN : page[enterprise & (PageSize - 1)];
    }
}
