using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Data;
using Workforce.Domain.Certification;
using Workforce.Domain.Pay;
using Workforce.Payroll;

namespace Workforce.Cli;

/// <summary>
/// <c>bench-year [percent]</c> on a freshly seeded database: the realistic month. The district goes live in January (the seeded
/// opening balances are dropped), January to October are computed, approved and locked as the office would, then
/// <c>percent</c> % of the workers get a certificate registered in March and verified now — facts that change every
/// locked month from April — and November is computed with its retroactive lines. Prints each month's run and November against
/// January (the plain first month of the same district). Changes the database: run it on a copy.
/// </summary>
public static class YearBenchmark
{
    /// <summary>Runs the benchmark; returns 0 when every run succeeded.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, decimal percent)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WorkforceDbContext>();
        var runner = sp.GetRequiredService<PayrollRunner>();
        var commands = sp.GetRequiredService<PayrollCommands>();
        var district = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => new { u.Id, u.Path }).FirstAsync();
        var payScope = new PayScope(district.Id, district.Path, district.Path);
        var year = sp.GetRequiredService<BusinessCalendar>().Today.Year;
        if (await db.PayPeriods.AnyAsync(p => p.DistrictId == district.Id && p.Status != PeriodStatus.Open))
        {
            Console.WriteLine("The district has computed months already; run this on a freshly seeded copy.");
            return 1;
        }
        var workers = await db.Workers.CountAsync();
        Console.WriteLine($"Provider {db.Database.ProviderName}; {workers:N0} workers; January to October {year} computed and locked, then November with {percent} % changed");
        await db.OpeningBalances.ExecuteDeleteAsync();
        var chosen = await commands.ChooseFirstMonthAsync(payScope, new YearMonth(year, 1), "bench-year", CancellationToken.None);
        if (!chosen.Succeeded)
        {
            Console.WriteLine($"January refused as the first month: {chosen.Errors[0].Message.Code}");
            return 1;
        }

        // January once untimed (the process's first run pays for JIT and warm caches), then timed: a re-run replaces it.
        if (await RunMonthAsync(runner, db, district.Id, new YearMonth(year, 1)) is null)
        {
            return 1;
        }
        var times = new Dictionary<YearMonth, TimeSpan>();
        for (var month = new YearMonth(year, 1); month <= new YearMonth(year, 10); month = month.PlusMonths(1))
        {
            times[month] = await RunMonthAsync(runner, db, district.Id, month) ?? TimeSpan.Zero;
            if (times[month] == TimeSpan.Zero)
            {
                return 1;
            }
            (await commands.ApproveAsync(payScope, month, "bench-year-checker", CancellationToken.None)).Succeeded.Should("approve " + Months.Label(month));
            (await commands.LockAsync(payScope, month, "bench-year-checker", CancellationToken.None)).Succeeded.Should("lock " + Months.Label(month));
            db.ChangeTracker.Clear();
        }

        // The changed facts: percent % of all workers, spread evenly over those in service all year without a certificate, get one
        // registered in March.
        var yearStart = new LocalDate(year, 1, 1);
        var candidates = await db.Workers.AsNoTracking().Where(w => w.HireDate < yearStart && w.LeaveDate == null && !w.Certificates.Any())
            .OrderBy(w => w.Id).Select(w => w.Id).ToListAsync();
        var target = (int)Math.Min(candidates.Count, Math.Round(workers * percent / 100m));
        var changed = Enumerable.Range(0, target).Select(k => candidates[(int)((long)k * candidates.Count / Math.Max(1, target))]).ToList();
        var registered = new LocalDate(year, 3, 15);
        var verified = new LocalDate(year, 11, 20);
        foreach (var batch in changed.Chunk(1_000))
        {
            foreach (var worker in await db.Workers.Include(w => w.Certificates).Where(w => batch.Contains(w.Id)).ToListAsync())
            {
                worker.AddCertificate(CertificateLevel.AssistantSocialWorker, "YB" + worker.Id.ToString(CultureInfo.InvariantCulture), registered).Verify(verified, "bench-year");
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Console.WriteLine($"Changed: {changed.Count:N0} workers ({100m * changed.Count / workers:0.00} %) got a certificate registered {registered:yyyy-MM-dd}");

        var november = new YearMonth(year, 11);
        var realistic = await RunMonthAsync(runner, db, district.Id, november);
        if (realistic is null)
        {
            return 1;
        }
        var periodId = await db.PayPeriods.Where(p => p.DistrictId == district.Id && p.Month == november).Select(p => p.Id).SingleAsync();
        var retro = 0;
        var withRetro = 0;
        foreach (var data in await db.Payslips.AsNoTracking().Where(p => p.PeriodId == periodId).Select(p => p.LinesData).ToListAsync())
        {
            var count = PayslipLineCodec.Decode(data).Count(l => l.Code.StartsWith(PayItems.RetroPrefix, StringComparison.Ordinal));
            retro += count;
            withRetro += count > 0 ? 1 : 0;
        }
        var first = times[new YearMonth(year, 1)];
        Console.WriteLine("Months: " + string.Join(", ", times.Select(t => $"{Months.Label(t.Key)} {t.Value.TotalMilliseconds:N0} ms")));
        Console.WriteLine($"November (10 locked months, {withRetro:N0} payslips with {retro:N0} retroactive lines): {realistic.Value.TotalMilliseconds:N0} ms = " +
            $"{realistic.Value / first:0.00} × January, the plain first month ({first.TotalMilliseconds:N0} ms)");
        return 0;
    }

    private static async Task<TimeSpan?> RunMonthAsync(PayrollRunner runner, WorkforceDbContext db, long district, YearMonth month)
    {
        var clock = Stopwatch.StartNew();
        var run = await runner.StartAsync(district, month, RunTrigger.Manual, null, CancellationToken.None);
        await runner.ExecuteAsync(run.Id, CancellationToken.None);
        var elapsed = clock.Elapsed;
        db.ChangeTracker.Clear();
        var done = await db.PayrollRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id);
        if (done.Status != RunStatus.Succeeded)
        {
            Console.WriteLine($"{Months.Label(month)}: run {done.Status}: {done.Report}");
            return null;
        }
        return elapsed;
    }

    private static void Should(this bool succeeded, string what)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException(what + " refused");
        }
    }
}
