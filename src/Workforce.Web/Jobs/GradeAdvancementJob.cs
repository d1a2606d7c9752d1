using Quartz;
using Workforce.Application.Common;
using Workforce.Application.Payroll;

namespace Workforce.Web.Jobs;

/// <summary>
/// Records the annual grade advancement (R1) of the year that has just begun, on <c>Jobs:AdvancementCron</c> (1 January at
/// 00:30, Asia/Shanghai): a thin adapter over <see cref="GradeAdvancement"/>, which adds nothing when run again.
/// </summary>
[DisallowConcurrentExecution]
public sealed class GradeAdvancementJob(GradeAdvancement advancement, BusinessCalendar calendar) : IJob
{
    /// <summary>Job key.</summary>
    public static readonly JobKey Key = new("grade-advancement", "registry");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await advancement.AdvanceAsync(calendar.Today.Year, null, cancellationToken);
    }
}
