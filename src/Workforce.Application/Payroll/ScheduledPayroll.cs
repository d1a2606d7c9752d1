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
/// the month the district pays next (months are paid in order; another month is logged and left alone). The schedule lists
/// the due districts (<see cref="DueAsync"/>) and each district runs as a job of its own (<see cref="RunAsync"/>), so the
/// districts of a multi-district installation spread over the nodes of the cluster. A scheduled run that finds its period
/// already computed stops without changing it, so each period is computed once even when several instances fire.
/// </summary>
public sealed class ScheduledPayroll(IServiceScopeFactory scopes, BusinessCalendar calendar, IClock clock, ILogger<ScheduledPayroll> logger)
{
    /// <summary>This month's districts whose period is not yet computed (each then runs as a job of its own, on any node).</summary>
    public async Task<(YearMonth Month, IReadOnlyList<long> Districts)> DueAsync(CancellationToken ct)
    {
        var today = calendar.Today;
        var month = new YearMonth(today.Year, today.Month);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        var computed = db.PayPeriods.Where(p => p.Month == month && p.Status != PeriodStatus.Open).Select(p => p.DistrictId);
        var districts = await db.OrgUnits.AsNoTracking().Where(u => u.Type == OrgUnitType.District && !computed.Contains(u.Id)).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        return (month, districts);
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

    /// <summary>The instance that ran a district's scheduled month died: its run changed nothing and will never finish, so it is marked interrupted.</summary>
    public async Task RecoverAsync(long district, YearMonth month, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        var report = StoredMessages.Serialize([new Message("Pay.RunTakenOver")]);
        var periods = db.PayPeriods.Where(p => p.DistrictId == district && p.Month == month).Select(p => p.Id);
        var runs = await db.PayrollRuns.Where(r => r.Month == month && periods.Contains(r.PeriodId) && r.Trigger == RunTrigger.Scheduled && r.Status == RunStatus.Running).ToListAsync(ct);
        foreach (var run in runs)
        {
            run.End(RunStatus.Interrupted, report, clock.GetCurrentInstant());
        }
        await db.SaveChangesAsync(ct);
    }
}
