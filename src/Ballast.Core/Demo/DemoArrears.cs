using Ballast.Core.Arrears;
using Ballast.Core.Classifications;
using Ballast.Core.Storage;
using Ballast.Statistics.Periods;

namespace Ballast.Core.Demo;

/// <summary>
/// Arrears cases for the demo population (docs/arrears.md, "Demo"): SMEs of the loaded register register cases in
/// the last year of the data, and provinces handle them, all through <see cref="ArrearsService"/> with a clock set to
/// each step's time, so the demo cases pass the same checks as real ones. Every status occurs; some cases are open
/// past their deadline and escalated; about one case in five is registered for more than the SME reported as
/// overdue receivables that month, so the link check has warnings to show. Synthetic, like the rest of the demo.
/// </summary>
public static class DemoArrears
{
    /// <summary>How many cases a demo population of <paramref name="enterprises"/> gets: one per 400, 16 to 200 (each step is a write transaction: about 20 ms on SQLite here).</summary>
    public static int CaseCount(int enterprises) => Math.Clamp(enterprises / 400, 16, 200);

    private static readonly string[] DebtorKinds = ["局", "中心", "集团有限公司", "建设有限公司"];

    /// <summary>Registers and handles the demo cases in <paramref name="store"/>; returns how many were registered.</summary>
    public static int Load(IBallastStore store, DemoOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var classification = Classification.Default;
        var smes = store.Enterprises().Where(e => classification.SizeOf(e.Employees, e.RevenueLastYear) != SizeClass.Large).ToList();
        if (smes.Count == 0) return 0;
        int count = Math.Min(CaseCount(options.Enterprises), smes.Count);
        ulong seed = DemoRandom.Mix((ulong)(uint)options.Seed ^ 0xA77EA75UL);
        double U(long i, ulong salt) => (DemoRandom.Mix(seed ^ DemoRandom.Mix((ulong)i * 31 + salt)) >> 11) * (1.0 / (1UL << 53));

        var chosen = Enumerable.Range(0, count).Select(i => smes[(int)((long)i * smes.Count / count)]).ToList();
        var reported = store.OverdueReceivables(chosen.Select(e => e.CreditCode).ToList())
            .GroupBy(r => r.CreditCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Period, r => r.OverdueReceivables), StringComparer.Ordinal);

        var realNow = clock.GetUtcNow();
        var step = new StepClock();
        var service = new ArrearsService(store, step);
        var ministry = ActingUser.Ministry("demo ministry");
        var last = DemoOptions.LastPeriod;
        int registered = 0;
        for (int i = 0; i < count; i++)
        {
            var sme = chosen[i];
            int kind = i % 8; // 0 registered (recent), 1 registered (overdue), 2 accepted, 3 in progress, 4 paid, 5 partly paid, 6 disputed, 7 withdrawn
            bool exceeds = kind is 1 or 2 or 3 && i / 8 % 2 == 0;
            var months = reported.TryGetValue(sme.CreditCode, out var m) ? m : [];
            // A month of the last year of data in which the SME reported overdue receivables.
            var month = Enumerable.Range(0, 12).Select(k => last.AddMonths(-((i * 5 + k) % 12))).FirstOrDefault(p => months.GetValueOrDefault(p) > 0, last.AddMonths(-(i % 12)));
            double owed = months.GetValueOrDefault(month);
            decimal amount = exceeds || owed <= 0
                ? Math.Round((decimal)owed * 1.25m + 1m, 2)
                : Math.Max(0.01m, Math.Round((decimal)owed * (decimal)(0.1 + 0.4 * U(i, 1)), 2));
            var registeredAt = kind == 0
                ? realNow.AddDays(-(1 + (int)(5 * U(i, 2))))
                : ArrearsService.MonthStart(month).AddDays(1 + (int)(20 * U(i, 2))).AddHours(9);
            if (registeredAt > realNow) registeredAt = realNow.AddDays(-1);
            var regDate = DateOnly.FromDateTime(registeredAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
            var contract = regDate.AddDays(-(75 + (int)(200 * U(i, 3))));
            var type = ArrearsCodes.DebtorTypes[(i / 8 + i) % 4];
            var provinces = classification.Provinces;
            string province = U(i, 4) < 0.8 ? sme.Province : provinces[(int)(provinces.Count * U(i, 5))].Code;
            string provinceName = classification.ProvinceByCode[province].NameZh;
            string debtor = $"{provinceName}示例{DebtorKinds[(int)type]}{(i + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)}（演示）";

            step.Now = registeredAt;
            var enterprise = new ActingUser("demo enterprise", UserRole.Enterprise, CreditCode: sme.CreditCode);
            var c = service.Register(enterprise, new CaseRegistration(sme.CreditCode, debtor, type, province, amount, contract, null));
            registered++;
            var handler = new ActingUser("demo province " + province, UserRole.Province, Province: province);
            var t = registeredAt;
            bool Advance(double maxDays, long salt)
            {
                t = t.AddDays(1 + maxDays * U(i, (ulong)salt)).AddHours(2);
                if (t > realNow) return false;
                step.Now = t;
                return true;
            }
            if (kind is 0 or 1) continue;
            if (kind == 7)
            {
                if (Advance(20, 6)) service.Close(enterprise, c.Id, CaseClosure.Withdrawn, note: "settled with the debtor directly");
                continue;
            }
            if (!Advance(8, 6)) continue;
            service.Accept(handler, c.Id);
            if (kind == 2 || !Advance(8, 7)) continue;
            service.Start(handler, c.Id);
            if (kind == 3 || !Advance(kind == 6 ? 40 : 25, 8)) continue;
            _ = kind switch
            {
                4 => service.Close(handler, c.Id, CaseClosure.Paid),
                5 => service.Close(handler, c.Id, CaseClosure.PartlyPaid, Math.Max(0.01m, Math.Round(amount * 0.4m, 2)) is var p && p < amount ? p : amount / 2),
                _ => service.Close(handler, c.Id, CaseClosure.Disputed, note: "the debtor disputes the acceptance of the goods"),
            };
        }
        step.Now = realNow;
        service.Escalate(ministry);
        return registered;
    }

    private sealed class StepClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
