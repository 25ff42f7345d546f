using System.Globalization;
using Ballast.Core.Accounts;
using Ballast.Core.Classifications;
using Ballast.Core.Reporting;
using Ballast.Core.Reporting.Filing;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;
using Ballast.Tests.Reporting;

namespace Ballast.Tests.Storage;

// The single-report filing path (Reporting/Filing): group commit through the store's filing transaction, on both back ends.
public abstract partial class BallastStoreTests
{
    private static readonly DateTimeOffset FilingNow = new(2025, 4, 15, 4, 0, 0, TimeSpan.Zero); // current month 2025-04 in Beijing

    private static ReportFilingQueue Queue(IFilingStore store) =>
        new(store, new ReportValidator(Classification.Default, new FixedClock(FilingNow)), new FixedClock(FilingNow));

    private static Dictionary<string, string> Fields(int firm, YearMonth period, string output = "1234.5") => new(StringComparer.Ordinal)
    {
        ["credit_code"] = Code(firm), ["period"] = period.ToString(), ["output_value"] = output, ["sales_value"] = "1100.25",
        ["export_value"] = "12.5", ["revenue"] = "1180", ["profit"] = "-35.75", ["rd_expense"] = "8.125", ["energy_tce"] = "640.2",
        ["water_m3"] = "15000", ["receivables"] = "3200.5", ["overdue_receivables"] = "400.75", ["employees"] = "118",
    };

    private static ReportFiling Filing(int firm, YearMonth period, FilingMode mode = FilingMode.New, string output = "1234.5") =>
        new("ent-" + firm.ToString(CultureInfo.InvariantCulture), Fields(firm, period, output), mode);

    private static void Register(IBallastStore store, int firms) =>
        Import(store, "wang", T1, tx => { for (int i = 1; i <= firms; i++) tx.Write(Firm(i)); });

    [Fact]
    public async Task ConcurrentFilers_AllStored_NoneLost_NoneDuplicated()
    {
        using var store = Open();
        Register(store, 120);
        using var queue = Queue(store);
        // 120 enterprises file at once; 30 of them send their report twice.
        var sent = Enumerable.Range(1, 120).Select(i => Filing(i, Mar2025)).Concat(Enumerable.Range(1, 30).Select(i => Filing(i, Mar2025))).ToList();
        var results = await Task.WhenAll(sent.Select(f => Task.Run(() => queue.FileAsync(f))));

        Assert.Equal(120, results.Count(r => r.Status == FilingStatus.Stored));
        Assert.Equal(30, results.Count(r => r.Status == FilingStatus.AlreadyFiled));
        var stored = store.Reports().ToList();
        Assert.Equal(120, stored.Count);
        Assert.Equal(120, stored.Select(r => r.CreditCode).Distinct(StringComparer.Ordinal).Count());
        Assert.All(stored, r => Assert.Equal(Report(1, Mar2025) with { CreditCode = r.CreditCode }, r));
        var ids = results.Where(r => r.Status == FilingStatus.Stored).Select(r => r.FilingId).ToHashSet();
        Assert.Equal(120, ids.Count); // each filing its own entry of the import log
        Assert.Equal(121, store.Imports().Count); // the register import and 120 filings
        Assert.True(queue.Counts.Batches < 150, $"{queue.Counts.Batches} batches for 150 filings: nothing was grouped");
        Assert.Equal(120, queue.Counts.Stored);
    }

    [Fact]
    public void BatchWithAnInvalidMember_OthersStored_InvalidAnsweredWithItsErrors()
    {
        using var store = Open();
        Register(store, 3);
        using var queue = Queue(store);
        var results = queue.Store([Filing(1, Mar2025), Filing(2, Mar2025, output: "12x"), Filing(3, Mar2025)]);

        Assert.Equal([FilingStatus.Stored, FilingStatus.Invalid, FilingStatus.Stored], results.Select(r => r.Status));
        var error = Assert.Single(results[1].Errors);
        Assert.Equal("output_value", error.Column);
        Assert.Contains("\"12x\" is not a number", error.Message, StringComparison.Ordinal);
        Assert.Equal([Code(1), Code(3)], store.Reports().Select(r => r.CreditCode));
    }

    [Fact]
    public void SameBatch_NewTwiceThenRevision_SecondRefused_RevisionKeepsTheFirst()
    {
        using var store = Open();
        Register(store, 1);
        using var queue = Queue(store);
        var results = queue.Store([Filing(1, Mar2025), Filing(1, Mar2025), Filing(1, Mar2025, FilingMode.Revision, "1300"), Filing(1, new YearMonth(2025, 2), FilingMode.Revision)]);

        Assert.Equal([FilingStatus.Stored, FilingStatus.AlreadyFiled, FilingStatus.Stored, FilingStatus.NotFiled], results.Select(r => r.Status));
        Assert.True(results[2].Revised);
        Assert.Equal(1300, Assert.Single(store.Reports()).OutputValue);
        var old = Assert.Single(store.Revisions(FileKind.Reports, Code(1) + "|2025-03"));
        Assert.Equal("1234.5", old.OldValues["output_value"]);
        Assert.Equal(results[2].FilingId, old.ReplacedByImport);
    }

    [Fact]
    public void Batch_EachMemberGetsItsOwnLogEntry_WarningsRevisionAndAuditTiedToIt()
    {
        using var store = Open();
        Register(store, 2);
        Import(store, "wang", T1, tx => tx.Write(Report(2, new YearMonth(2025, 2), output: 1000)));
        using var queue = Queue(store);
        var audit = new AuditEntry(0, FilingNow, "ent-1", AuditActions.Import, "POST /api/reports/x", "ok", "127.0.0.1", "filed 1");
        // One batch (on PostgreSQL one round trip): a new report, one with a warning (1600 / 1000 - 1 = 60 % above
        // February), and a revision of the first by another user.
        var results = queue.Store([
            Filing(1, Mar2025) with { Audit = audit },
            Filing(2, Mar2025, output: "1600") with { Audit = audit with { User = "ent-2", Detail = "filed 2" } },
            new ReportFiling("li", Fields(1, Mar2025, "1300"), FilingMode.Revision, audit with { User = "li", Detail = "revised 1" }),
        ]);

        Assert.All(results, r => Assert.Equal(FilingStatus.Stored, r.Status));
        var ids = results.Select(r => r.FilingId).ToArray();
        Assert.True(ids[0] < ids[1] && ids[1] < ids[2], string.Join(", ", ids)); // the log's order is the batch's
        Assert.Empty(store.ImportWarnings(ids[0]));
        Assert.Equal(WarningCodes.OutputJump, Assert.Single(store.ImportWarnings(ids[1])).Code);
        var revision = Assert.Single(store.Revisions(FileKind.Reports, Code(1) + "|2025-03"));
        Assert.Equal(("li", ids[2], "1234.5"), (revision.User, revision.ReplacedByImport, revision.OldValues["output_value"]));
        Assert.Equal([1300.0, 1600.0], store.Reports().Where(r => r.Period == Mar2025).Select(r => r.OutputValue));
        var log = store.Imports().Where(i => ids.Contains(i.Id)).OrderBy(i => i.Id).ToList();
        Assert.Equal([("ent-1", 0L, 0L), ("ent-2", 0L, 1L), ("li", 1L, 0L)], log.Select(i => (i.User, i.Revisions, i.Warnings)));
        Assert.Equal(["revised 1", "filed 2", "filed 1"], store.AuditLog(AuditActions.Import).Select(a => a.Detail));
    }

    [Fact]
    public async Task Revision_HistoryNamesWhoAndWhen_OldValuesKept_AuditWrittenWithTheFiling()
    {
        using var store = Open();
        Register(store, 1);
        using var queue = Queue(store);
        var audit = new AuditEntry(0, FilingNow, "ent-1", AuditActions.Import, "POST /api/reports/x", "ok", "127.0.0.1", "filed report");
        var first = await queue.FileAsync(Filing(1, Mar2025) with { Audit = audit });
        var second = await queue.FileAsync(new ReportFiling("li", Fields(1, Mar2025, "1300"), FilingMode.Revision, audit with { User = "li", Detail = "revised report" }));

        Assert.Equal((FilingStatus.Stored, false), (first.Status, first.Revised));
        Assert.Equal((FilingStatus.Stored, true), (second.Status, second.Revised));
        var revision = Assert.Single(store.Revisions(FileKind.Reports, Code(1) + "|2025-03"));
        Assert.Equal(("li", FilingNow, second.FilingId), (revision.User, revision.ReplacedAt, revision.ReplacedByImport));
        Assert.Equal(("1234.5", "118"), (revision.OldValues["output_value"], revision.OldValues["employees"]));
        var log = store.Imports();
        Assert.Equal((second.FilingId, "li", 1L, 1L, true), (log[0].Id, log[0].User, log[0].Rows, log[0].Revisions, log[0].Accepted));
        Assert.Equal(second.FilingId, store.DataVersion()); // a filing is new data for the releases
        Assert.Equal(["revised report", "filed report"], store.AuditLog(AuditActions.Import).Select(a => a.Detail));
    }

    [Fact]
    public async Task Filing_WithAWarning_StoredWithTheWarningInTheLog()
    {
        using var store = Open();
        Register(store, 1);
        Import(store, "wang", T1, tx => tx.Write(Report(1, new YearMonth(2025, 2), output: 1000)));
        using var queue = Queue(store);
        var result = await queue.FileAsync(Filing(1, Mar2025, output: "1600")); // 1600 / 1000 - 1 = 60 % above February

        Assert.Equal(FilingStatus.Stored, result.Status);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((WarningCodes.OutputJump, "output_value"), (warning.Code, warning.Column));
        Assert.Equal([warning.Message], store.ImportWarnings(result.FilingId).Select(w => w.Message));
    }

    [Fact]
    public async Task BatchFailingInTheStore_MembersRetriedOneByOne_EachGetsItsOwnAnswer()
    {
        using var store = Open();
        Register(store, 4);
        using var gate = new ManualResetEventSlim(false);
        var failing = new FailingFilingStore(store, Code(3), gate);
        using var queue = Queue(failing);
        // The first filing holds the writer at the gate, so the next three queue up and form one batch.
        var first = queue.FileAsync(Filing(1, Mar2025));
        while (failing.Opened == 0) await Task.Delay(5);
        var rest = new[] { queue.FileAsync(Filing(2, Mar2025)), queue.FileAsync(Filing(3, Mar2025)), queue.FileAsync(Filing(4, Mar2025)) };
        gate.Set();

        Assert.Equal(FilingStatus.Stored, (await first).Status);
        Assert.Equal(FilingStatus.Stored, (await rest[0]).Status);
        var e = await Assert.ThrowsAsync<StoreException>(() => rest[1]);
        Assert.Contains(Code(3), e.Message, StringComparison.Ordinal);
        Assert.Equal(FilingStatus.Stored, (await rest[2]).Status);
        Assert.Equal([Code(1), Code(2), Code(4)], store.Reports().Select(r => r.CreditCode));
        Assert.Equal(5, failing.Opened); // the first alone, the batch of three (rolled back), then each of the three again
    }

    /// <summary>The store, except that storing one enterprise's report fails (a disk error, say); the first batch waits at a gate.</summary>
    private sealed class FailingFilingStore(IFilingStore inner, string failing, ManualResetEventSlim gate) : IFilingStore
    {
        private int _opened;
        public int Opened => Volatile.Read(ref _opened);

        public IFilingTransaction BeginFiling()
        {
            if (Interlocked.Increment(ref _opened) == 1) gate.Wait();
            return new Transaction(inner.BeginFiling(), failing);
        }

        private sealed class Transaction(IFilingTransaction inner, string failing) : IFilingTransaction
        {
            public IReadOnlySet<string> Registered(IReadOnlyCollection<string> creditCodes) => inner.Registered(creditCodes);
            public IReadOnlyDictionary<(string CreditCode, YearMonth Period), double> StoredOutputs(IReadOnlyCollection<string> creditCodes, IReadOnlyCollection<YearMonth> periods) =>
                inner.StoredOutputs(creditCodes, periods);
            public IReadOnlyList<long> Store(IReadOnlyList<ReportToStore> reports) =>
                reports.FirstOrDefault(r => r.Report.CreditCode == failing) is { } bad
                    ? throw new StoreException($"cannot store the report of {bad.Report.CreditCode}")
                    : inner.Store(reports);
            public void Commit() => inner.Commit();
            public void Dispose() => inner.Dispose();
        }
    }
}
