using NodaTime;
using Quartz;
using Workforce.Application.Payroll;

namespace Workforce.Web.Jobs;

/// <summary>
/// The scheduled monthly payroll on <c>Jobs:PayrollCron</c> (default the 25th at 02:00, Asia/Shanghai): a thin adapter
/// over <see cref="ScheduledPayroll"/>. Never two at once (<see cref="DisallowConcurrentExecutionAttribute"/>); on a server
/// database the clustered job store fires it on one instance only, and if that instance dies another recovers the job.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MonthlyPayrollJob(ScheduledPayroll payroll) : IJob
{
    /// <summary>Job key.</summary>
    public static readonly JobKey Key = new("monthly-payroll", "payroll");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await payroll.RunDueAsync(context.Recovering, cancellationToken);
    }

    /// <summary>Computes one district's month unless it was computed already; returns the run id, or null when skipped.</summary>
    public Task<Guid?> RunAsync(long district, YearMonth month, CancellationToken ct) => payroll.RunAsync(district, month, ct);
}
