using Ballast.Core.Register;
using Ballast.Core.Reporting;
using Ballast.Statistics.Periods;

namespace Ballast.Tests.Reporting;

/// <summary>
/// A test double of the store's import transaction: keyed tables in dictionaries, every write recorded in order,
/// writes held until <see cref="Flush"/>, a revision counted when a flushed row replaces a row stored before.
/// </summary>
internal sealed class InMemoryImportTarget : IImportTarget
{
    public readonly Dictionary<string, Enterprise> Enterprises = new(StringComparer.Ordinal);
    public readonly Dictionary<(string, YearMonth), MonthlyReport> Reports = [];
    public readonly Dictionary<(string, YearMonth, string), ProductOutput> Products = [];
    public readonly Dictionary<(string, YearMonth), PpiEntry> Ppi = [];
    public readonly Dictionary<(string, int), VaRate> VaRates = [];

    /// <summary>Every write, in order, as (kind, key).</summary>
    public readonly List<(FileKind Kind, string Key)> Writes = [];
    public int Flushes { get; private set; }
    public List<IReadOnlyCollection<YearMonth>> StoredOutputRequests { get; } = [];

    private readonly List<Action> _pending = [];
    private readonly Dictionary<FileKind, long> _revisions = [];

    public IReadOnlySet<string> StoredCreditCodes() => Enterprises.Keys.ToHashSet(StringComparer.Ordinal);

    public IEnumerable<(string CreditCode, YearMonth Period, double OutputValue)> StoredOutputs(IReadOnlyCollection<YearMonth> periods)
    {
        StoredOutputRequests.Add(periods.ToList());
        return Reports.Values.Where(r => periods.Contains(r.Period)).Select(r => (r.CreditCode, r.Period, r.OutputValue)).ToList();
    }

    public void Write(Enterprise enterprise)
    {
        Writes.Add((FileKind.Enterprises, enterprise.CreditCode));
        _pending.Add(() => Put(Enterprises, enterprise.CreditCode, enterprise, FileKind.Enterprises));
    }

    public void Write(in MonthlyReport report)
    {
        var r = report;
        Writes.Add((FileKind.Reports, $"{r.CreditCode}|{r.Period}"));
        _pending.Add(() => Put(Reports, (r.CreditCode, r.Period), r, FileKind.Reports));
    }

    public void Write(in ProductOutput product)
    {
        var p = product;
        Writes.Add((FileKind.Products, $"{p.CreditCode}|{p.Period}|{p.Product}"));
        _pending.Add(() => Put(Products, (p.CreditCode, p.Period, p.Product), p, FileKind.Products));
    }

    public void Write(in PpiEntry ppi)
    {
        var q = ppi;
        Writes.Add((FileKind.Ppi, $"{q.Division}|{q.Period}"));
        _pending.Add(() => Put(Ppi, (q.Division, q.Period), q, FileKind.Ppi));
    }

    public void Write(in VaRate rate)
    {
        var v = rate;
        Writes.Add((FileKind.VaRates, $"{v.Division}|{v.Year}"));
        _pending.Add(() => Put(VaRates, (v.Division, v.Year), v, FileKind.VaRates));
    }

    private void Put<TKey, TValue>(Dictionary<TKey, TValue> table, TKey key, TValue value, FileKind kind) where TKey : notnull
    {
        if (table.ContainsKey(key)) _revisions[kind] = _revisions.GetValueOrDefault(kind) + 1;
        table[key] = value;
    }

    public void Flush()
    {
        Flushes++;
        foreach (var a in _pending) a();
        _pending.Clear();
    }

    public long RevisionsWritten(FileKind kind) => _revisions.GetValueOrDefault(kind);
}

/// <summary>A clock fixed at one instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
