using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Pay;

namespace Workforce.Application.Payroll;

/// <summary>
/// The scheduled monthly payroll: the current month of every district whose period has not been computed yet and which is
/// the month the district pays next (months are paid in order; another month is logged and left alone). A
/// scheduled run that finds its period already computed stops without changing it, so each period is computed once
/// even when several instances fire.
/// </summary>
public sealed class ScheduledPayroll(IServiceScopeFactory scopes, BusinessCalendar calendar, IClock clock, ILogger<ScheduledPayroll> logger)
{
    /// <summary>Runs this month for every district; <paramref name="recovering"/>: a dead instance's runs of the month are marked interrupted first.</summary>
    public async Task RunDueAsync(bool recovering, CancellationToken ct)
    {
        var today = calendar.Today;
        var month = new YearMonth(today.Year, today.Month);
        if (recovering)
        {
            await RecoverAsync(month, ct);
        }
        List<long> districts;
        using (var scope = scopes.CreateScope())
        {
            districts = await scope.ServiceProvider.GetRequiredService<WorkforceDbContext>().OrgUnits.AsNoTracking()
                .Where(u => u.Type == OrgUnitType.District).Select(u => u.Id).ToListAsync(ct);
        }
        foreach (var district in districts)
        {
            await RunAsync(district, month, ct);
        }
    }

    /// <summary>Computes one district's month unless it was computed already; returns the run id, or null when skipped.</summary>
    public async Task<Guid?> RunAsync(long district, YearMonth month, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<PayrollRunner>();
        var period = await runner.FindPeriodAsync(district, month, ct);
        if (period is not null && period.Status != PeriodStatus.Open)
        {
            logger.LogInformation("Scheduled payroll {Month} of district {District}: already {Status}, skipped", Months.Label(month), district, period.Status);
            return null;
        }
        PayrollRun run;
        try
        {
            run = await runner.StartAsync(district, month, RunTrigger.Scheduled, null, ct);
        }
        catch (DomainException ex)
        {
            logger.LogWarning("Scheduled payroll {Month} of district {District} not started: {Reason}", Months.Label(month), district, ex.Message);
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
        var report = StoredMessages.Serialize([new Message("Pay.RunTakenOver")]);
        var runs = await db.PayrollRuns.Where(r => r.Month == month && r.Trigger == RunTrigger.Scheduled && r.Status == RunStatus.Running).ToListAsync(ct);
        foreach (var run in runs)
        {
            run.End(RunStatus.Interrupted, report, clock.GetCurrentInstant());
        }
        await db.SaveChangesAsync(ct);
    }
}
