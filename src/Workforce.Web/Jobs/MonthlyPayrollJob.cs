using Microsoft.EntityFrameworkCore;
using NodaTime;
using Quartz;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Pay;
using Workforce.Web.Features.Payroll;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Jobs;

/// <summary>
/// The scheduled monthly payroll: on <c>Jobs:PayrollCron</c> (default the 25th at 02:00, Asia/Shanghai) it
/// computes the current month of every district whose period has not been computed yet. Never two at once
/// (<see cref="DisallowConcurrentExecution"/>); on a server database the clustered job store fires it on one
/// instance only, and a scheduled run that finds its period already computed stops without changing it,
/// so each period is computed once. If the instance running it dies, another instance recovers the job.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MonthlyPayrollJob(IServiceScopeFactory scopes, BusinessCalendar calendar, IClock clock, ILogger<MonthlyPayrollJob> logger) : IJob
{
    /// <summary>Job key.</summary>
    public static readonly JobKey Key = new("monthly-payroll", "payroll");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var today = calendar.Today;
        var month = new YearMonth(today.Year, today.Month);
        if (context.Recovering)
        {
            await RecoverAsync(month, cancellationToken);
        }
        List<long> districts;
        using (var scope = scopes.CreateScope())
        {
            districts = await scope.ServiceProvider.GetRequiredService<WorkforceDbContext>().OrgUnits.AsNoTracking()
                .Where(u => u.Type == OrgUnitType.District).Select(u => u.Id).ToListAsync(cancellationToken);
        }
        foreach (var district in districts)
        {
            await RunAsync(district, month, cancellationToken);
        }
    }

    /// <summary>Computes one district's month unless it was computed already; returns the run id, or null when skipped.</summary>
    public async Task<Guid?> RunAsync(long district, YearMonth month, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<PayrollRunner>();
        var period = await runner.PeriodAsync(district, month, ct);
        if (period.Status != PeriodStatus.Open)
        {
            logger.LogInformation("Scheduled payroll {Month} of district {District}: already {Status}, skipped", PayrollService.Label(month), district, period.Status);
            return null;
        }
        PayrollRun run;
        try
        {
            run = await runner.StartAsync(district, month, RunTrigger.Scheduled, null, ct);
        }
        catch (DomainException ex)
        {
            logger.LogWarning("Scheduled payroll {Month} of district {District} not started: {Reason}", PayrollService.Label(month), district, ex.Message);
            return null;
        }
        await runner.ExecuteAsync(run.Id, ct);
        return run.Id;
    }

    // The instance that ran the job died: its run of the month changed nothing and will never finish.
    private async Task RecoverAsync(YearMonth month, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        var report = scope.ServiceProvider.GetRequiredService<UiText>()["Pay.RunTakenOver"];
        var runs = await db.PayrollRuns.Where(r => r.Month == month && r.Trigger == RunTrigger.Scheduled && r.Status == RunStatus.Running).ToListAsync(ct);
        foreach (var run in runs)
        {
            run.End(RunStatus.Interrupted, report, clock.GetCurrentInstant());
        }
        await db.SaveChangesAsync(ct);
    }
}
