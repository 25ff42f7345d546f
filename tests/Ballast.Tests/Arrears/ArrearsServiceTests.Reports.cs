using Ballast.Core.Arrears;
using Ballast.Statistics.Periods;
using static Ballast.Tests.Arrears.ArrearsFixture;

namespace Ballast.Tests.Arrears;

// Statistics, and the link to the monthly reports.
public sealed partial class ArrearsServiceTests
{
    private static readonly YearMonth Apr = new(2025, 4), May = new(2025, 5), Jun = new(2025, 6);

    private void Close(ArrearsCase c, CaseClosure closure, decimal? paid = null)
    {
        if (closure != CaseClosure.Withdrawn)
        {
            _f.Service.Accept(Ministry, c.Id);
            _f.Service.Start(Ministry, c.Id);
        }
        _f.Service.Close(Ministry, c.Id, closure, paid);
    }

    [Fact]
    public void Statistics_HandWorkedCases_ByDebtorTypeAndProvince()
    {
        Close(_f.Register(1, 10m, "32", DebtorType.GovernmentAgency), CaseClosure.Paid);
        Close(_f.Register(2, 6m, "32", DebtorType.StateOwnedEnterprise), CaseClosure.PartlyPaid, 2.5m);
        _f.Register(1, 4m, "44", DebtorType.OtherLargeEnterprise);
        Close(_f.Register(3, 7m, "44", DebtorType.PublicInstitution), CaseClosure.Withdrawn);

        var s = _f.Service.Statistics(Ministry);

        // registered 10 + 6 + 4 + 7 = 27; cleared 10 + 2.5 = 12.5; outstanding 4 (the open case);
        // closed unpaid 3.5 (6 − 2.5) + 7 (withdrawn) = 10.5; and 12.5 + 4 + 10.5 = 27.
        Assert.Equal((4, 27m, 12.5m, 4m, 10.5m, 1), (s.Total.Cases, s.Total.Registered, s.Total.Cleared, s.Total.Outstanding, s.Total.ClosedUnpaid, s.Total.OpenCases));
        Assert.Equal((2, 16m, 12.5m, 0m, 3.5m), Row(s.ByProvince["32"]));
        Assert.Equal((2, 11m, 0m, 4m, 7m), Row(s.ByProvince["44"]));
        Assert.Equal((1, 6m, 2.5m, 0m, 3.5m), Row(s.ByDebtorType[DebtorType.StateOwnedEnterprise]));
        Assert.Equal((1, 10m, 10m, 0m, 0m), Row(s.ByDebtorType[DebtorType.GovernmentAgency]));
        Assert.Equal((1, 7m, 0m, 0m, 7m), Row(s.ByProvinceAndDebtorType[("44", DebtorType.PublicInstitution)]));
        Assert.Equal((0, 0m, 0m, 0m, 0m), Row(s.ByProvinceAndDebtorType[("44", DebtorType.GovernmentAgency)]));
        Assert.Equal(new Dictionary<string, int>
        {
            ["registered"] = 1, ["accepted"] = 0, ["in_progress"] = 0, ["paid"] = 1, ["partly_paid"] = 1, ["disputed"] = 0, ["withdrawn"] = 1,
        }, s.Total.ByStatus);

        // A province sees its own cases only.
        var jiangsu = _f.Service.Statistics(Province("32"));
        Assert.Equal(["32"], jiangsu.ByProvince.Keys);
        Assert.Equal((2, 16m, 12.5m, 0m, 3.5m), Row(jiangsu.Total));
    }

    private static (int, decimal, decimal, decimal, decimal) Row(ArrearsTally t) => (t.Cases, t.Registered, t.Cleared, t.Outstanding, t.ClosedUnpaid);

    [Fact]
    public void Statistics_AddUpToTheCases()
    {
        // Many cases in every status, debtor type and several provinces, with amounts of up to six decimals.
        var random = new Random(20250601);
        string[] provinces = ["11", "32", "44", "51"];
        var amounts = new List<decimal>();
        for (int i = 0; i < 48; i++)
        {
            decimal amount = random.NextInt64(1, 5_000_000_000) / 1_000_000m;
            amounts.Add(amount);
            var c = _f.Register(1 + i % 3, amount, provinces[random.Next(provinces.Length)], ArrearsCodes.DebtorTypes[random.Next(4)]);
            switch (random.Next(7))
            {
                case 0: break;
                case 1: _f.Service.Accept(Ministry, c.Id); break;
                case 2: _f.Service.Accept(Ministry, c.Id); _f.Service.Start(Ministry, c.Id); break;
                case 3: Close(c, CaseClosure.Paid); break;
                case 4: Close(c, CaseClosure.PartlyPaid, Math.Round(amount / 3, 6) is var p and > 0 && p < amount ? p : amount / 2); break;
                case 5: Close(c, CaseClosure.Disputed); break;
                default: Close(c, CaseClosure.Withdrawn); break;
            }
        }
        _f.Clock.Advance(TimeSpan.FromDays(31));

        var s = _f.Service.Statistics(Ministry);
        var cases = _f.Store.ArrearsCases();

        Assert.Equal(48, s.Total.Cases);
        Assert.Equal(amounts.Sum(), s.Total.Registered); // against the amounts as the test drew them
        Assert.Equal(s.Total.Registered, s.Total.Cleared + s.Total.Outstanding + s.Total.ClosedUnpaid);
        Assert.Equal(s.Total.Cases, s.Total.ByStatus.Values.Sum());
        Assert.Equal(cases.Count(c => !c.IsClosed), s.Total.OpenCases);
        Assert.Equal(s.Total.OpenCases, s.Total.OverdueCases); // a month on, every open case is past its 30 days
        foreach (var parts in new[] { s.ByDebtorType.Values.ToList(), s.ByProvince.Values.ToList() })
        {
            Assert.Equal(s.Total.Cases, parts.Sum(t => t.Cases));
            Assert.Equal(s.Total.Registered, parts.Sum(t => t.Registered));
            Assert.Equal(s.Total.Cleared, parts.Sum(t => t.Cleared));
            Assert.Equal(s.Total.Outstanding, parts.Sum(t => t.Outstanding));
            Assert.Equal(s.Total.ClosedUnpaid, parts.Sum(t => t.ClosedUnpaid));
            Assert.Equal(s.Total.OpenCases, parts.Sum(t => t.OpenCases));
            foreach (string status in ArrearsCodes.Statuses)
                Assert.Equal(s.Total.ByStatus[status], parts.Sum(t => t.ByStatus[status]));
            Assert.All(parts, t => Assert.Equal(t.Registered, t.Cleared + t.Outstanding + t.ClosedUnpaid));
        }
        Assert.True(s.Total.ByStatus.Values.All(n => n > 0), "every status occurs: " + string.Join(", ", s.Total.ByStatus));

        // Province × debtor type: each province's debtor types add up to its row, each type's provinces to its row.
        Assert.Equal(s.ByProvince.Count * 4, s.ByProvinceAndDebtorType.Count);
        foreach (var (province, row) in s.ByProvince)
        {
            var cells = ArrearsCodes.DebtorTypes.Select(t => s.ByProvinceAndDebtorType[(province, t)]).ToList();
            Assert.Equal((row.Cases, row.Registered, row.Cleared, row.Outstanding, row.ClosedUnpaid),
                (cells.Sum(t => t.Cases), cells.Sum(t => t.Registered), cells.Sum(t => t.Cleared), cells.Sum(t => t.Outstanding), cells.Sum(t => t.ClosedUnpaid)));
        }
        foreach (var (type, row) in s.ByDebtorType)
        {
            var cells = s.ByProvince.Keys.Select(p => s.ByProvinceAndDebtorType[(p, type)]).ToList();
            Assert.Equal((row.Cases, row.Registered, row.Outstanding), (cells.Sum(t => t.Cases), cells.Sum(t => t.Registered), cells.Sum(t => t.Outstanding)));
        }
    }

    // ------------------------------------------------------------------ the link to the monthly reports

    [Fact]
    public void LinkWarning_FiresWhenOpenCasesExceedTheReportedOverdueReceivables_NotAtEquality()
    {
        _f.Import(tx =>
        {
            tx.Write(Report(1, May, 10.5));
            tx.Write(Report(1, Jun, 10.5));
            tx.Write(Report(2, May, 0));
        });
        _f.Clock.Now = new DateTimeOffset(2025, 5, 20, 2, 0, 0, TimeSpan.Zero);
        _f.Register(1, 6.25m);
        _f.Register(1, 4.25m); // 6.25 + 4.25 = 10.5: equal to May's report, no warning
        _f.Clock.Now = new DateTimeOffset(2025, 6, 5, 2, 0, 0, TimeSpan.Zero);
        _f.Register(1, 0.01m); // 10.51 open at the end of June: above June's 10.5

        var w = Assert.Single(_f.Service.CheckReports(Ministry));
        Assert.Equal((Code(1), Jun, 10.51m, 10.5, 3), (w.CreditCode, w.Period, w.Outstanding, w.Reported, w.OpenCases));
        Assert.Equal($"{Code(1)} 测试企业1 2025-06: open arrears cases 10.51 exceed the overdue receivables reported, 10.5 (10,000 yuan); review the report or the cases", w.Message);
        Assert.Empty(_f.Service.CheckReports(Ministry, May));
        Assert.Single(_f.Service.CheckReports(Ministry, Jun));
        Assert.Single(_f.Service.CheckReports(Sme(1)));
        Assert.Empty(_f.Service.CheckReports(Sme(2)));
        Assert.Single(_f.Service.CheckReports(Province("11"))); // the SME is located in Beijing
        Assert.Empty(_f.Service.CheckReports(Province("32"))); // though Jiangsu handles its cases
    }

    [Fact]
    public void LinkWarning_CountsTheCasesOpenAtTheMonthEndInBeijing()
    {
        _f.Import(tx =>
        {
            tx.Write(Report(1, May, 5));
            tx.Write(Report(1, Jun, 5));
            tx.Write(Report(2, May, 5));
            tx.Write(Report(2, Jun, 5));
        });
        // Beijing's June starts at 2025-05-31 16:00 UTC.
        var juneStarts = new DateTimeOffset(2025, 5, 31, 16, 0, 0, TimeSpan.Zero);
        _f.Clock.Now = juneStarts.AddSeconds(-1);
        var closedInMay = _f.Register(1, 6m);
        _f.Service.Close(Sme(1), closedInMay.Id, CaseClosure.Withdrawn); // closed one second before June: open at no month end
        _f.Clock.Now = juneStarts;
        _f.Register(2, 6m); // registered at the first instant of June: counts for June, not May

        var w = Assert.Single(_f.Service.CheckReports(Ministry));
        Assert.Equal((Code(2), Jun, 6m), (w.CreditCode, w.Period, w.Outstanding));
    }

    [Fact]
    public void ClearedBesideReceivables_HandWorked()
    {
        _f.Import(tx =>
        {
            tx.Write(Report(1, Apr, 8));
            tx.Write(Report(1, May, 5));
            tx.Write(Report(3, May, 40)); // no April report: not a matched pair, left out
            tx.Write(Report(9, Apr, 100)); // the large enterprise: not an SME, left out
            tx.Write(Report(9, May, 0));
            tx.Write(Report(2, Apr, 1));
            tx.Write(Report(2, May, 1.75));
        });
        _f.Clock.Now = new DateTimeOffset(2025, 5, 10, 2, 0, 0, TimeSpan.Zero);
        Close(_f.Register(1, 2.5m, "11"), CaseClosure.Paid);
        Close(_f.Register(1, 3m, "11"), CaseClosure.PartlyPaid, 1.25m);
        Close(_f.Register(1, 9m, "11"), CaseClosure.Disputed); // nothing cleared
        _f.Register(2, 4m, "44");

        var rows = _f.Service.ClearedBesideReceivables(Ministry, May, _f.Store.Enterprises());

        Assert.Equal(["11", "32", "44"], rows.Select(r => r.Province));
        // Beijing: cleared 2.5 + 1.25 = 3.75 in 2 cases; its matched SME (firm 1) went from 8 to 5: −3.
        Assert.Equal(("11", 2, 3.75m, 1, 8.0, 5.0, -3.0), (rows[0].Province, rows[0].CasesCleared, rows[0].Cleared, rows[0].MatchedSmes, rows[0].OverdueBefore, rows[0].OverdueNow, rows[0].OverdueChange));
        // Jiangsu handles no case; its SME went from 1 to 1.75. Guangdong has an open case, no SME.
        Assert.Equal((0, 0m, 1, 0.75), (rows[1].CasesCleared, rows[1].Cleared, rows[1].MatchedSmes, rows[1].OverdueChange));
        Assert.Equal((0, 0m, 0), (rows[2].CasesCleared, rows[2].Cleared, rows[2].MatchedSmes));
        Assert.DoesNotContain(_f.Service.ClearedBesideReceivables(Ministry, Jun, _f.Store.Enterprises()), r => r.Cleared != 0);

        var beijing = Assert.Single(_f.Service.ClearedBesideReceivables(Province("11"), May, _f.Store.Enterprises()));
        Assert.Equal(3.75m, beijing.Cleared);
        Refused(ArrearsErrorKind.Forbidden, () => _f.Service.ClearedBesideReceivables(Sme(1), May, _f.Store.Enterprises()));
    }
}
