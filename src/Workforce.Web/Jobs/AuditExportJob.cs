using Quartz;
using Workforce.Application.Audit;
using Workforce.Application.Common;

namespace Workforce.Web.Jobs;

/// <summary>
/// On <c>Jobs:AuditExportCron</c> (every day at 00:20, Asia/Shanghai): writes yesterday's audit rows with the chain's head to
/// <c>Audit:ExportDirectory</c> (<see cref="AuditExport"/>), for shipping off the box.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AuditExportJob(AuditExport export, BusinessCalendar calendar, IWebHostEnvironment environment, ILogger<AuditExportJob> logger) : IJob
{
    /// <summary>Job key.</summary>
    public static readonly JobKey Key = new("audit-export", "audit");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await export.ExportDayAsync(calendar.Today.PlusDays(-1), environment.ContentRootPath, cancellationToken);
        logger.LogInformation("Audit export {File}: {Rows} rows, chain head {Sequence}", Path.GetFileName(result.File), result.Rows, result.HeadSequence);
    }
}
