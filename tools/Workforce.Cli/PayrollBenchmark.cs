using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Pay;
using Microsoft.Extensions.DependencyInjection;
using Workforce.Application.Common;
using Workforce.Application.Payroll;

namespace Workforce.Cli;

/// <summary>
/// <c>bench-payroll [month]</c> on a database seeded with <c>seed --workers N</c>: one month's run end to end
/// through the same runner as the UI and the schedule (load facts, compute, persist every payslip with its
/// lines in one transaction), then, for comparison, the same rows inserted with a plain prepared-statement
/// loop (one row per statement: the storage limit) and the naive way (EF <c>Add</c> + <c>SaveChanges</c> per
/// worker) on 5,000 workers. The comparisons run in transactions that are rolled back.
/// </summary>
public static class PayrollBenchmark
{
    /// <summary>Runs the benchmark; returns 0 when the run succeeded.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string? monthText)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WorkforceDbContext>();
        var runner = sp.GetRequiredService<PayrollRunner>();
        var district = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync();
        // By default the month the district pays next (on a seeded database: its go-live month, with opening balances).
        var month = Months.Parse(monthText) ?? (await runner.OrderAsync(district, CancellationToken.None)).Next ?? new YearMonth(2026, 11);
        var workers = await db.Workers.CountAsync();
        Console.WriteLine($"Provider {db.Database.ProviderName}; {workers:N0} workers in the district; month {Months.Label(month)}");

        // Start from an open period (a previous benchmark's payslips are removed first, not timed).
        var existing = await db.PayPeriods.SingleOrDefaultAsync(p => p.DistrictId == district && p.Month == month);
        if (existing is { Status: PeriodStatus.Approved or PeriodStatus.Locked })
        {
            Console.WriteLine("The period is approved or locked; use another month.");
            return 1;
        }
        if (existing is not null)
        {
            await PayslipStore.DeletePeriodAsync(db, existing.Id, CancellationToken.None);
        }
        // Months are paid in order: on a benchmark database with no locked month, the month benchmarked becomes the first
        // month, chosen as a payroll officer would (refused once a month is locked).
        var order = await runner.OrderAsync(district, CancellationToken.None);
        if (order.Next != month)
        {
            var path = await db.OrgUnits.AsNoTracking().Where(u => u.Id == district).Select(u => u.Path).SingleAsync();
            var chosen = await sp.GetRequiredService<PayrollCommands>().ChooseFirstMonthAsync(new PayScope(district, path, path), month, "bench-payroll", CancellationToken.None);
            if (!chosen.Succeeded)
            {
                Console.WriteLine($"Months are paid in order; the next one here is {(order.Next is { } n ? Months.Label(n) : "-")} ({chosen.Errors[0].Message.Code}).");
                return 1;
            }
        }

        using var sampler = new PeakSampler();
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var run = await runner.StartAsync(district, month, RunTrigger.Manual, null, CancellationToken.None);
        await runner.ExecuteAsync(run.Id, CancellationToken.None);
        var ours = clock.Elapsed;
        var peak = sampler.Stop();
        db.ChangeTracker.Clear();
        var done = await db.PayrollRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id);
        if (done.Status != RunStatus.Succeeded)
        {
            Console.WriteLine($"Run {done.Status}: {done.Report}");
            return 1;
        }
        var period = await db.PayPeriods.AsNoTracking().SingleAsync(p => p.Id == run.PeriodId);
        var lines = (await db.Payslips.AsNoTracking().Where(p => p.PeriodId == period.Id).Select(p => p.LinesData).ToListAsync()).Sum(d => PayslipLineCodec.Decode(d).Count);
        Console.WriteLine($"Our run: {period.Payslips:N0} payslips, {lines:N0} lines, {period.Errors} errors in {ours.TotalMilliseconds:N0} ms " +
            $"({period.Payslips / ours.TotalSeconds:N0} payslips/s); peak working set during the run {peak.WorkingSet / 1048576.0:N0} MB, peak GC heap {peak.Heap / 1048576.0:N0} MB");

        var plain = await PlainLoopAsync(db, period.Id);
        Console.WriteLine($"Plain prepared-statement loop, same rows: {plain.TotalMilliseconds:N0} ms; our whole run = {ours / plain:0.00} × the plain insert alone");

        var naive = await NaiveAsync(db, period.Id, 5000);
        Console.WriteLine($"Naive EF Add + SaveChanges per worker, 5,000 workers: {naive.TotalMilliseconds:N0} ms " +
            $"({naive.TotalMilliseconds / 5000:0.00} ms per worker; {naive.TotalSeconds / 5000 * period.Payslips:N0} s extrapolated to {period.Payslips:N0})");
        return 0;
    }

    /// <summary>Reads the period's rows as stored, deletes them and inserts them again one row per prepared statement; rolled back.</summary>
    private static async Task<TimeSpan> PlainLoopAsync(WorkforceDbContext db, long periodId)
    {
        var heads = await ReadAsync(db, $"SELECT * FROM {Q(db, "Payslips")} WHERE {Q(db, "PeriodId")} = {periodId}");
        var totals = await ReadAsync(db, $"SELECT * FROM {Q(db, "PeriodComponentTotals")} WHERE {Q(db, "PeriodId")} = {periodId}");
        await using var tx = await db.Database.BeginTransactionAsync();
        await PayslipStore.DeletePeriodAsync(db, periodId, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        await InsertEachAsync(db, "Payslips", heads);
        await InsertEachAsync(db, "PeriodComponentTotals", totals);
        var elapsed = clock.Elapsed;
        await tx.RollbackAsync();
        return elapsed;
    }

    private static async Task InsertEachAsync(WorkforceDbContext db, string table, (string[] Columns, List<object[]> Rows) data)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = $"INSERT INTO {Q(db, table)} ({string.Join(", ", data.Columns.Select(c => Q(db, c)))}) VALUES ({string.Join(", ", data.Columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = data.Columns.Select((_, i) =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        var prepared = false;
        foreach (var row in data.Rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i];
            }
            if (!prepared)
            {
                await command.PrepareAsync();
                prepared = true;
            }
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task<(string[] Columns, List<object[]> Rows)> ReadAsync(WorkforceDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }
        return (columns, rows);
    }

    /// <summary>The first <paramref name="count"/> payslips written again through EF, one SaveChanges per worker; rolled back.</summary>
    private static async Task<TimeSpan> NaiveAsync(WorkforceDbContext db, long periodId, int count)
    {
        var sample = await db.Payslips.AsNoTracking().Where(p => p.PeriodId == periodId).OrderBy(p => p.Id).Take(count).ToListAsync();
        var ids = sample.Select(p => p.Id).ToList();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Payslips.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync();
        var clock = Stopwatch.StartNew();
        foreach (var p in sample)
        {
            db.Payslips.Add(p);
            await db.SaveChangesAsync();
        }
        var elapsed = clock.Elapsed;
        await tx.RollbackAsync();
        db.ChangeTracker.Clear();
        return elapsed;
    }

    private static string Q(WorkforceDbContext db, string name) => db.GetService<ISqlGenerationHelper>().DelimitIdentifier(name);

    /// <summary>Samples the working set and GC heap every 20 ms until stopped.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _workingSet;
        private long _heap;

        public PeakSampler() => _timer = new Timer(_ => Sample(), null, 0, 20);

        private void Sample()
        {
            using var process = Process.GetCurrentProcess();
            Interlocked.Exchange(ref _workingSet, Math.Max(Interlocked.Read(ref _workingSet), process.WorkingSet64));
            Interlocked.Exchange(ref _heap, Math.Max(Interlocked.Read(ref _heap), GC.GetTotalMemory(false)));
        }

        public (long WorkingSet, long Heap) Stop()
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            Sample();
            return (Interlocked.Read(ref _workingSet), Interlocked.Read(ref _heap));
        }

        public void Dispose() => _timer.Dispose();
    }
}
