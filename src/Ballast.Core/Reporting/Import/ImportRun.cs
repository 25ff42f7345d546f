using System.Globalization;
using Ballast.Core.Classifications;
using Ballast.Core.Files;
using Ballast.Core.Register;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Reporting.Import;

/// <summary>The state of one import call: code lists, keys seen, enterprise numbers, errors and warnings.</summary>
internal sealed partial class ImportRun
{
    private const int ProgressEvery = 1 << 16;

    private readonly Classification _classification;
    private readonly ImportOptions _options;
    private readonly IImportTarget _target;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly CancellationToken _cancel;
    private readonly YearMonth _currentMonth;

    // Code lists, looked up by span so that rows allocate no strings for codes.
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _ownership;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _products;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _tiers;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _divisions;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _provinces;
    private readonly Dictionary<string, string> _internedSet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _interned;

    // Enterprises known to the call: stored ones, then those of register files in the call. The number indexes
    // the month arrays of the output history; the key string is reused for every row of the enterprise.
    private readonly Dictionary<string, int> _enterpriseSet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _enterprises;
    private readonly Dictionary<string, long> _registerKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<long, long> _productKeys = [];
    private readonly Dictionary<(string, int), long> _ppiKeys = [];
    private readonly Dictionary<(string, int), long> _vaKeys = [];
    private OutputHistory? _history;

    private readonly List<ImportProblem> _errors = [];
    private long _errorCount;
    private readonly List<(int File, long Line, long Seq, ImportWarning Warning)> _warnings = [];
    private readonly List<string> _fileNames = [];
    private readonly Dictionary<FileKind, long> _rows = [];

    // The file being read.
    private ITableSource _src = null!;
    private string _file = "";
    private ushort _fileNo;
    private int[] _map = [];
    private IReadOnlyList<string> _columns = [];
    private bool _rowFailed;

    public ImportRun(Classification classification, ImportOptions options, IImportTarget target, IProgress<ImportProgress>? progress, CancellationToken cancel)
    {
        _classification = classification;
        _options = options;
        _target = target;
        _progress = progress;
        _cancel = cancel;
        _currentMonth = ChinaTime.CurrentMonth(options.Clock);
        var lists = CodeLists.For(classification);
        _ownership = lists.Ownership;
        _tiers = lists.Tiers;
        _divisions = lists.Divisions;
        _provinces = lists.Provinces;
        _products = lists.Products;
        _interned = _internedSet.GetAlternateLookup<ReadOnlySpan<char>>();
        _enterprises = _enterpriseSet.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private sealed record PlannedFile(int Order, ImportRequest Request, ITableSource Source, string[] Header, FileKind Kind);

    public ImportOutcome Execute(IReadOnlyList<ImportRequest> requests, Func<TimeSpan> elapsed)
    {
        var planned = new List<PlannedFile>();
        try
        {
            for (int i = 0; i < requests.Count; i++)
            {
                _cancel.ThrowIfCancellationRequested();
                if (Plan(i, requests[i]) is { } p) planned.Add(p);
            }
        }
        catch
        {
            foreach (var p in planned) p.Source.Dispose();
            throw;
        }
        return Execute(planned, elapsed);
    }

    /// <summary>
    /// Validates (and writes to the target) the records of one in-memory table of a known kind, named
    /// <paramref name="name"/> in problems: a filed report goes through exactly the rules of an imported row.
    /// </summary>
    public ImportOutcome ExecuteRecords(string name, FileKind kind, ITableSource source, Func<TimeSpan> elapsed)
    {
        if (!source.Read())
        {
            source.Dispose();
            throw new ArgumentException("the records have no header", nameof(source));
        }
        var header = new string[source.FieldCount];
        for (int i = 0; i < header.Length; i++) header[i] = new string(source[i]);
        return Execute([new PlannedFile(0, new ImportRequest(name, kind), source, header, kind)], elapsed);
    }

    private ImportOutcome Execute(List<PlannedFile> planned, Func<TimeSpan> elapsed)
    {
        var files = new List<ImportedFile>();
        try
        {
            planned.Sort((a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.Order.CompareTo(b.Order));

            foreach (var code in _target.StoredCreditCodes())
                _enterpriseSet.TryAdd(code, _enterpriseSet.Count);

            foreach (var p in planned)
            {
                _rows.TryAdd(p.Kind, 0);
                ReadFile(p);
                files.Add(new ImportedFile(p.Request.Path, p.Kind, p.Source.Sha256(), p.Source.TotalBytes));
                p.Source.Dispose();
                if (_errorCount == 0) _target.Flush();
            }
            MonthToMonthWarnings();
        }
        finally
        {
            foreach (var p in planned) p.Source.Dispose();
        }

        var revisions = new Dictionary<FileKind, long>();
        foreach (var kind in _rows.Keys) revisions[kind] = _target.RevisionsWritten(kind);
        var warnings = _warnings.OrderBy(w => w.File).ThenBy(w => w.Line).ThenBy(w => w.Seq).Select(w => w.Warning).ToList();
        return new ImportOutcome(files, _rows, revisions, _errors, _errorCount, warnings, elapsed());
    }

    // Opens a file and reads its header to learn its kind; null (with an error) when it cannot be imported.
    private PlannedFile? Plan(int order, ImportRequest request)
    {
        string path = request.Path;
        _file = path;
        if (string.IsNullOrWhiteSpace(path)) { FileError(0, null, "the file name is empty"); return null; }
        if (Directory.Exists(path)) { FileError(0, null, "this is a folder; give the files to import"); return null; }
        if (!File.Exists(path)) { FileError(0, null, "there is no such file"); return null; }
        string ext = Path.GetExtension(path);
        if (ext.Equals(".xls", StringComparison.OrdinalIgnoreCase))
        {
            FileError(0, null, "this is an old-style .xls workbook; save it as .xlsx, or export the sheet as CSV in UTF-8");
            return null;
        }
        ITableSource? source = null;
        try
        {
            source = ext.Equals(".xlsx", StringComparison.OrdinalIgnoreCase)
                ? new XlsxTableSource(path)
                : new CsvTableSource(path, _options.Encoding);
            if (!source.Read())
            {
                FileError(0, null, "the file is empty; its first line must be the header with the column names");
                source.Dispose();
                return null;
            }
            var header = new string[source.FieldCount];
            for (int i = 0; i < header.Length; i++) header[i] = new string(source[i]);
            FileKind? kind = request.Kind ?? Importer.RecogniseKind(header);
            if (kind is null)
            {
                FileError(source.RecordLine, null,
                    $"cannot tell which kind of file this is from its columns ({string.Join(", ", header)}); " +
                    "the columns of each kind are listed in data-formats.md, or give the kind with --kind");
                source.Dispose();
                return null;
            }
            return new PlannedFile(order, request, source, header, kind.Value);
        }
        catch (TableFormatException e)
        {
            FileError(e.Line, e.Cell, e.Message);
            source?.Dispose();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FileError(0, null, $"the file cannot be read: {e.Message}");
            source?.Dispose();
            return null;
        }
    }

    private void ReadFile(PlannedFile p)
    {
        _src = p.Source;
        _file = p.Request.Path;
        _fileNo = (ushort)_fileNames.Count;
        _fileNames.Add(_file);
        _columns = FileKinds.Columns(p.Kind);
        if (!MapHeader(p.Kind, p.Header)) return;
        if (p.Kind >= FileKind.Reports) _history ??= new OutputHistory(_enterpriseSet.Count);

        long rows = 0;
        try
        {
            while (_src.Read())
            {
                rows++;
                _rows[p.Kind]++;
                if ((rows & (ProgressEvery - 1)) == 0)
                {
                    _cancel.ThrowIfCancellationRequested();
                    _progress?.Report(new ImportProgress(_file, _src.BytesRead, _src.TotalBytes, rows));
                }
                _rowFailed = false;
                if (_src.FieldCount != p.Header.Length)
                {
                    Error(-1, $"the line has {_src.FieldCount} fields but the header has {p.Header.Length}; " +
                        "a field containing a comma must be in double quotes");
                    continue;
                }
                switch (p.Kind)
                {
                    case FileKind.Enterprises: EnterpriseRow(); break;
                    case FileKind.Reports: ReportRow(); break;
                    case FileKind.Products: ProductRow(); break;
                    case FileKind.Ppi: PpiRow(); break;
                    case FileKind.VaRates: VaRateRow(); break;
                }
            }
        }
        catch (TableFormatException e)
        {
            string? column = e.Cell ?? (e.Field >= 0 && e.Field < p.Header.Length ? p.Header[e.Field] : null);
            FileError(e.Line, column, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            FileError(0, null, $"the file cannot be read: {e.Message}");
        }
        _progress?.Report(new ImportProgress(_file, _src.BytesRead, _src.TotalBytes, rows));
    }

    // Maps each column of the kind to its field; false (with errors) when a column is missing or duplicated.
    private bool MapHeader(FileKind kind, string[] header)
    {
        _map = new int[_columns.Count];
        Array.Fill(_map, -1);
        bool ok = true;
        long line = _src.RecordLine;
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++)
        {
            string name = header[i];
            string location = _src.CellName(i) ?? name;
            if (name.Length == 0)
            {
                // Spreadsheet exports often end the header with empty columns: ignored, whatever their number.
                Warn(WarningCodes.UnknownColumn, line, _src.CellName(i) ?? $"field {i + 1}", $"field {i + 1} of the header has no name; the column is ignored");
                continue;
            }
            if (seen.TryGetValue(name, out int first))
            {
                AddError(new ImportProblem(_file, line, location,
                    $"the column \"{name}\" appears twice (fields {first + 1} and {i + 1}); each column may appear once"));
                ok = false;
                continue;
            }
            seen[name] = i;
            int c = IndexOf(_columns, name);
            if (c >= 0) _map[c] = i;
            else
                Warn(WarningCodes.UnknownColumn, line, location,
                    $"unknown column \"{name}\" is ignored; a {FileKinds.Name(kind)} file has the columns {string.Join(", ", _columns)}");
        }
        for (int c = 0; c < _columns.Count; c++)
        {
            if (_map[c] >= 0 || IsOptional(_columns[c])) continue;
            AddError(new ImportProblem(_file, line, _columns[c],
                $"the header has no column {_columns[c]}; a {FileKinds.Name(kind)} file needs the columns {string.Join(", ", _columns.Where(x => !IsOptional(x)))}"));
            ok = false;
        }
        return ok;
    }

    private static bool IsOptional(string column) => column is "capacity" or "tiers";

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (int i = 0; i < columns.Count; i++)
            if (string.Equals(columns[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    // ---- errors and warnings ----

    private void AddError(ImportProblem problem)
    {
        _errorCount++;
        if (_errors.Count < _options.MaxErrors) _errors.Add(problem);
    }

    private void FileError(long line, string? column, string message) => AddError(new ImportProblem(_file, line, column, message));

    /// <summary>An error in column <paramref name="c"/> of the current row (−1: the row as a whole).</summary>
    private void Error(int c, string message)
    {
        _rowFailed = true;
        AddError(new ImportProblem(_file, _src.RecordLine, c < 0 ? null : Location(c), message));
    }

    private string Location(int c) => _map[c] >= 0 ? _src.CellName(_map[c]) ?? _columns[c] : _columns[c];

    private void Warn(string code, long line, string? column, string message) =>
        _warnings.Add((_fileNo, line, _warnings.Count, new ImportWarning(code, _file, line, column, message)));

    private bool CanWrite => !_rowFailed && _errorCount == 0;

    private static string Describe(ReadOnlySpan<char> text) => text.Length <= 60 ? $"\"{text}\"" : $"\"{text[..57]}...\"";

    private string EarlierRow(long packed)
    {
        int file = (int)(packed >> 40);
        long line = packed & ((1L << 40) - 1);
        return EarlierRow(file, line);
    }

    private string EarlierRow(int file, long line) =>
        file == _fileNo ? string.Create(CultureInfo.InvariantCulture, $"line {line}")
        : string.Create(CultureInfo.InvariantCulture, $"{_fileNames[file]} line {line}");

    private long Here => ((long)_fileNo << 40) | _src.RecordLine;
}
