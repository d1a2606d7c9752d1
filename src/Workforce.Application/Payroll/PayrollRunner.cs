using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;
using Workforce.Payroll;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;

namespace Workforce.Application.Payroll;

/// <summary>Live figures of a run in this process (the run row holds the lasting ones).</summary>
public sealed class RunProgress
{
    /// <summary>计算 or 保存.</summary>
    public string Phase { get; internal set; } = "loading";
    /// <summary>Workers done in the current phase.</summary>
    public int Processed { get; internal set; }
    /// <summary>Workers to do.</summary>
    public int Total { get; internal set; }
    /// <summary>Workers in error.</summary>
    public int Errors { get; internal set; }
    internal CancellationTokenSource Cancellation { get; } = new();
}

/// <summary>Runs in progress in this process: progress for the progress bar, and cancellation.</summary>
public sealed class PayrollMonitor
{
    private readonly ConcurrentDictionary<Guid, RunProgress> _runs = new();

    /// <summary>Progress of a run executing here, or null.</summary>
    public RunProgress? Get(Guid id) => _runs.GetValueOrDefault(id);

    /// <summary>Asks a run executing here to stop (it ends Cancelled, nothing changed). False when not running here.</summary>
    public bool Cancel(Guid id)
    {
        if (!_runs.TryGetValue(id, out var p))
        {
            return false;
        }
        p.Cancellation.Cancel();
        return true;
    }

    internal RunProgress Begin(Guid id) => _runs[id] = new RunProgress();

    internal void End(Guid id)
    {
        if (_runs.TryRemove(id, out var p))
        {
            p.Cancellation.Dispose();
        }
    }
}

/// <summary>Runs started from the UI or API, executed one at a time in the background of this instance.</summary>
public sealed class PayrollQueue(IServiceScopeFactory scopes, ILogger<PayrollQueue> logger) : BackgroundService
{
    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>();

    /// <summary>Queues a started run.</summary>
    public void Enqueue(Guid runId) => _queue.Writer.TryWrite(runId);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var runId in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<PayrollRunner>().ExecuteAsync(runId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Payroll run {RunId} failed", runId);
            }
        }
    }
}

/// <summary>
/// Computes a period. <see cref="StartAsync"/> records the run; <see cref="ExecuteAsync"/> loads the
/// facts, computes every worker (with retroactive lines for changed locked months) and then, in one
/// transaction, replaces the period's payslips and records the totals. Anything that stops it before
/// the commit — an error, a cancel, a killed process — leaves the period exactly as it was.
/// </summary>
public sealed class PayrollRunner(WorkforceDbContext db, PayRuleSets ruleSets, PayrollMonitor monitor, IClock clock,
    IOptions<PayrollOptions> options, ILogger<PayrollRunner> logger)
{
    /// <summary>A running run silent for longer than this was interrupted (its process died).</summary>
    public static readonly Duration StaleAfter = Duration.FromMinutes(2);

    /// <summary>This app instance (machine and process), recorded on its runs.</summary>
    public static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>The stored period of a district and month, or null (reading never creates one).</summary>
    public Task<PayPeriod?> FindPeriodAsync(long districtId, YearMonth month, CancellationToken ct) =>
        db.PayPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.DistrictId == districtId && p.Month == month, ct);

    /// <summary>A district's pay order: its last locked month and the first month chosen at go-live (the one place they are read).</summary>
    public async Task<PayOrderState> OrderAsync(long districtId, CancellationToken ct)
    {
        var locked = await db.PayPeriods.AsNoTracking().Where(p => p.DistrictId == districtId && p.Status == PeriodStatus.Locked).Select(p => p.Month).ToListAsync(ct);
        var first = await db.PayrollStarts.AsNoTracking().Where(s => s.DistrictId == districtId).Select(s => (YearMonth?)s.FirstMonth).SingleOrDefaultAsync(ct);
        return new PayOrderState(locked.Count == 0 ? null : locked.Max(), first);
    }

    /// <summary>The month a district pays next (see <see cref="PayOrder"/>), or null while no first month is chosen and none is locked.</summary>
    public async Task<YearMonth?> NextMonthAsync(long districtId, CancellationToken ct) => (await OrderAsync(districtId, ct)).Next;

    /// <summary>
    /// Records a new run of the period; throws <see cref="DomainException"/> when the month is not the one the district pays
    /// next, earlier months of its tax year are neither computed here nor covered by opening balances, the period is approved
    /// or locked, or a run of it is in progress. The database holds at most one running run per
    /// period (a partial unique index), so of simultaneous starts exactly one is recorded and the others are refused.
    /// </summary>
    public async Task<PayrollRun> StartAsync(long districtId, YearMonth month, RunTrigger trigger, string? userId, CancellationToken ct)
    {
        var order = await OrderAsync(districtId, ct);
        PayOrder.EnsureNext(month, order.Next);
        OpeningBalances.EnsureCovered(await OpeningBalances.CoverageAsync(db, districtId, month, order, ct));
        var period = await OpenPeriodAsync(districtId, month, ct);
        period.EnsureAcceptsRuns();
        var now = clock.GetCurrentInstant();
        var running = await db.PayrollRuns.Where(r => r.PeriodId == period.Id && r.Status == RunStatus.Running).ToListAsync(ct);
        if (running.Any(r => now - r.HeartbeatAt < StaleAfter))
        {
            throw new DomainException("Pay.RunInProgress", Months.Label(month));
        }
        if (running.Count > 0)
        {
            // Silent for too long: its process died, and it changed nothing.
            var report = StoredMessages.Serialize([new Message("Pay.RunTakenOver")]);
            running.ForEach(r => r.End(RunStatus.Interrupted, report, now));
            await db.SaveChangesAsync(ct);
        }
        var run = new PayrollRun(Guid.NewGuid(), period.Id, month, trigger, userId, Instance, now);
        db.PayrollRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // The one-running-run index refused it: another start won.
            if (await db.PayrollRuns.AsNoTracking().AnyAsync(r => r.PeriodId == period.Id && r.Status == RunStatus.Running, CancellationToken.None))
            {
                throw new DomainException("Pay.RunInProgress", Months.Label(month));
            }
            throw;
        }
        return run;
    }

    // The period of a district and month, created by the first run of it (a command, never a page view).
    private async Task<PayPeriod> OpenPeriodAsync(long districtId, YearMonth month, CancellationToken ct)
    {
        var period = await db.PayPeriods.SingleOrDefaultAsync(p => p.DistrictId == districtId && p.Month == month, ct);
        if (period is null)
        {
            period = new PayPeriod(districtId, month);
            db.PayPeriods.Add(period);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request opened it at the same moment.
                db.ChangeTracker.Clear();
                period = await db.PayPeriods.SingleAsync(p => p.DistrictId == districtId && p.Month == month, ct);
            }
        }
        return period;
    }

    /// <summary>Executes a recorded run to its end (succeeded, failed or cancelled).</summary>
    public async Task ExecuteAsync(Guid runId, CancellationToken stoppingToken)
    {
        // Read without the token: a run cancelled before it began must still be ended as cancelled.
        var run = await db.PayrollRuns.AsNoTracking().SingleAsync(r => r.Id == runId, CancellationToken.None);
        if (run.Status != RunStatus.Running)
        {
            return;
        }
        var progress = monitor.Begin(runId);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, progress.Cancellation.Token);
        var ct = linked.Token;
        try
        {
            await ComputeAndStoreAsync(run, progress, ct);
        }
        catch (OperationCanceledException)
        {
            await EndAsync(runId, RunStatus.Cancelled, new Message("Pay.RunCancelledReport"));
        }
        catch (DomainException ex)
        {
            await EndAsync(runId, RunStatus.Failed, ex.ToMessage());
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Payroll run {RunId} failed", runId);
            await EndAsync(runId, RunStatus.Failed, new Message("Pay.RunCrashed", ex.GetType().Name + ": " + ex.Message));
        }
        finally
        {
            monitor.End(runId);
        }
    }

    private async Task ComputeAndStoreAsync(PayrollRun run, RunProgress progress, CancellationToken ct)
    {
        var clockStart = Stopwatch.GetTimestamp();
        var period = await db.PayPeriods.AsNoTracking().SingleAsync(p => p.Id == run.PeriodId, ct);
        var path = await db.OrgUnits.AsNoTracking().Where(u => u.Id == period.DistrictId).Select(u => u.Path).SingleAsync(ct);
        var month = period.Month;
        var rules = await ruleSets.GetAsync(db, ct);
        var ruleSet = rules.ForPeriod(month);
        var versionId = rules.Ids[ruleSet];

        var (entries, ytd, openings) = await PayrollFacts.ForMonthAsync(db, period.DistrictId, path, month, rules, ct);
        var loaded = Stopwatch.GetElapsedTime(clockStart);
        progress.Total = entries.Count;
        progress.Phase = "computing";
        await HeartbeatAsync(run.Id, 0, entries.Count, 0, ct);
        var retro = await RetroactiveSource.LoadAsync(db, period.DistrictId, month, rules, options.Value.RetroactiveMonths, openings, ct);

        // Which workers' locked months changed (pure, per worker), then every line they were paid in one batched read.
        var changed = entries.Select(e => retro.Changed(e.Facts)).ToArray();
        var paidLines = await retro.LoadChangedAsync(entries.Where((_, i) => changed[i].Count > 0).Select(e => e.Facts.WorkerId), ct);

        var computed = new List<ComputedPayslip>(entries.Count);
        var errors = new List<Message>();
        var lastBeat = Stopwatch.GetTimestamp();
        for (var i = 0; i < entries.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var entry = entries[i];
            try
            {
                var (carried, retroHashes) = retro.LinesFor(entry.Facts, changed[i], paidLines);
                var payslip = PayrollEngine.Calculate(month, entry.Facts, ytd.GetValueOrDefault(entry.Facts.WorkerId, YearToDate.Empty(month.Year)), ruleSet, carried);
                computed.Add(new ComputedPayslip(payslip, FactsFingerprint.Of(entry.Facts, month, ruleSet.YearEndMonth), versionId, retroHashes));
            }
            catch (DomainException ex)
            {
                errors.Add(new Message("Pay.WorkerError", entry.Facts.WorkerId, entry.Name, ex.ToMessage()));
            }
            progress.Processed = i + 1;
            progress.Errors = errors.Count;
            if (Stopwatch.GetElapsedTime(lastBeat) > TimeSpan.FromSeconds(2))
            {
                lastBeat = Stopwatch.GetTimestamp();
                await HeartbeatAsync(run.Id, i + 1, entries.Count, errors.Count, ct);
            }
        }

        var computedAt = Stopwatch.GetElapsedTime(clockStart);
        progress.Phase = "saving";
        progress.Processed = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Takes the period's row lock: concurrent runs of one period queue here, and an approval made meanwhile wins.
        var accepted = await db.PayPeriods.Where(p => p.Id == period.Id && (p.Status == PeriodStatus.Open || p.Status == PeriodStatus.Calculated))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version), ct);
        var current = await db.PayPeriods.SingleAsync(p => p.Id == period.Id, ct);
        if (accepted == 0)
        {
            current.EnsureAcceptsRuns();
        }
        if (run.Trigger == RunTrigger.Scheduled && current.Status != PeriodStatus.Open)
        {
            // Another instance's scheduled run (or an officer) computed it first: computed once, not twice.
            throw new DomainException("Pay.AlreadyCalculated", Months.Label(month));
        }
        await PayslipStore.DeletePeriodAsync(db, period.Id, ct);
        var firstId = current.ReservePayslipIds(computed.Count);
        await PayslipStore.WriteAsync(db, period.Id, firstId, computed, n => progress.Processed = n, ct);
        var written = Stopwatch.GetElapsedTime(clockStart);
        var totals = new PeriodTotals(computed.Count,
            computed.Sum(c => c.Payslip.Gross.Fen), computed.Sum(c => c.Payslip.Deductions.Fen), computed.Sum(c => c.Payslip.Tax.Fen),
            computed.Sum(c => c.Payslip.Net.Fen), computed.Sum(c => c.Payslip.EmployerContributions.Fen));
        var now = clock.GetCurrentInstant();
        current.RecordRun(run.Id, now, totals, errors.Count, run.StartedBy);
        var tracked = await db.PayrollRuns.SingleAsync(r => r.Id == run.Id, ct);
        tracked.Succeed(entries.Count, errors.Count, Report(errors), now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Payroll {Month}: {Count} payslips, {Errors} errors in {Elapsed} ms (facts loaded at {Loaded} ms, computed at {Computed} ms, written at {Written} ms)",
            Months.Label(month), computed.Count, errors.Count, (long)Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds, (long)loaded.TotalMilliseconds,
            (long)computedAt.TotalMilliseconds, (long)written.TotalMilliseconds);
    }

    private async Task HeartbeatAsync(Guid runId, int processed, int total, int errors, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await db.PayrollRuns.Where(r => r.Id == runId && r.Status == RunStatus.Running).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Processed, processed).SetProperty(r => r.Total, total).SetProperty(r => r.Errors, errors)
            .SetProperty(r => r.HeartbeatAt, now), ct);
    }

    // The report must fit the run's column: messages are kept while they fit (with room for the last line), the rest counted.
    private static string? Report(List<Message> messages)
    {
        var kept = new List<Message>();
        foreach (var m in messages)
        {
            kept.Add(m);
            if (StoredMessages.Serialize(kept)!.Length > PayrollRun.MaxReportLength - 200)
            {
                kept.RemoveAt(kept.Count - 1);
                kept.Add(new Message("Pay.MoreErrors", messages.Count - kept.Count));
                break;
            }
        }
        return StoredMessages.Serialize(kept);
    }

    private async Task EndAsync(Guid runId, RunStatus status, Message report)
    {
        db.ChangeTracker.Clear();
        var run = await db.PayrollRuns.SingleAsync(r => r.Id == runId);
        if (run.Status == RunStatus.Running)
        {
            run.End(status, StoredMessages.Serialize([report]), clock.GetCurrentInstant());
            await db.SaveChangesAsync();
        }
    }

}

/// <summary>Marks runs whose process died (nothing was changed by them) as interrupted, at start-up.</summary>
public static class PayrollRecovery
{
    /// <summary>
    /// On SQLite (one instance) every run still marked running was interrupted; on a server database
    /// only those silent for <see cref="PayrollRunner.StaleAfter"/> (another instance may be running one).
    /// </summary>
    public static async Task MarkInterruptedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<WorkforceDbContext>();
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        var report = StoredMessages.Serialize([new Message("Pay.RunInterrupted")]);
        var sqlite = db.Database.IsSqlite();
        var runs = await db.PayrollRuns.Where(r => r.Status == RunStatus.Running).ToListAsync();
        foreach (var run in runs.Where(r => sqlite || now - r.HeartbeatAt >= PayrollRunner.StaleAfter))
        {
            run.End(RunStatus.Interrupted, report, now);
        }
        await db.SaveChangesAsync();
    }
}
