using System.Globalization;
using NodaTime;
using Quartz;
using Workforce.Application.Common;
using Workforce.Application.Payroll;

namespace Workforce.Web.Jobs;

/// <summary>
/// The scheduled monthly payroll on <c>Jobs:PayrollCron</c> (default the 25th at 02:00, Asia/Shanghai): lists the districts whose
/// month is due and queues one <see cref="DistrictPayrollJob"/> per district, named after the district and the month, so a
/// district is queued once however many nodes fire. On a server database the clustered job store hands the queued districts to
/// whichever nodes have room (<c>Jobs:PayrollRunsPerNode</c> at a time each), and a node that dies has its district taken over.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MonthlyPayrollJob(ScheduledPayroll payroll, ILogger<MonthlyPayrollJob> logger) : IJob
{
    /// <summary>Job key.</summary>
    public static readonly JobKey Key = new("monthly-payroll", "payroll");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (month, districts) = await payroll.DueAsync(cancellationToken);
        foreach (var district in districts)
        {
            try
            {
                // Replace nothing: a district and month already queued (by another node, or by an earlier firing) stays as it is.
                await context.Scheduler.ScheduleJob(DistrictPayrollJob.Trigger(district, month), default, cancellationToken);
            }
            catch (ObjectAlreadyExistsException)
            {
            }
        }
        if (districts.Count > 0)
        {
            logger.LogInformation("Scheduled payroll {Month}: {Count} districts queued", Months.Label(month), districts.Count);
        }
    }

    /// <summary>Computes one district's month unless it was computed already; returns the run id, or null when skipped.</summary>
    public Task<Guid?> RunAsync(long district, YearMonth month, CancellationToken ct) => payroll.RunAsync(district, month, ct);
}

/// <summary>
/// One district's scheduled month (queued by <see cref="MonthlyPayrollJob"/>). Districts run side by side on every node (no
/// <see cref="DisallowConcurrentExecutionAttribute"/>; the execution group <see cref="ExecutionGroup"/> caps how many a node runs
/// at once); one district's month is computed once (the period's single running run and the skip of a computed period).
/// Recovered after a node's death: that node's run is marked interrupted and the month computed again.
/// </summary>
public sealed class DistrictPayrollJob(ScheduledPayroll payroll) : IJob
{
    /// <summary>Job key.</summary>
    public static readonly JobKey Key = new("district-payroll", "payroll");

    /// <summary>The execution group of district runs (limited per node by <c>Jobs:PayrollRunsPerNode</c>).</summary>
    public const string ExecutionGroup = "payroll-runs";

    /// <summary>The one-shot trigger of a district's month, named after both so it is queued once.</summary>
    public static ITrigger Trigger(long district, YearMonth month) => TriggerBuilder.Create()
        .WithIdentity($"payroll-{district.ToString(CultureInfo.InvariantCulture)}-{Months.Label(month)}", "payroll-districts")
        .ForJob(Key)
        .UsingJobData("district", district.ToString(CultureInfo.InvariantCulture))
        .UsingJobData("month", Months.Label(month))
        .WithExecutionGroup(ExecutionGroup)
        .StartNow()
        .Build();

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var district = long.Parse(context.MergedJobDataMap.GetString("district")!, CultureInfo.InvariantCulture);
        var month = Months.Parse(context.MergedJobDataMap.GetString("month")) ?? throw new JobExecutionException("month");
        if (context.Recovering)
        {
            await payroll.RecoverAsync(district, month, cancellationToken);
        }
        await payroll.RunAsync(district, month, cancellationToken);
    }
}
