using Microsoft.EntityFrameworkCore;
using Quartz;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Data;

namespace Workforce.Web.Jobs;

/// <summary>
/// On <c>Jobs:BasesCron</c> (the 1st of every month at 03:00, Asia/Shanghai): when the month starts a contribution year
/// under the rules in force (Suzhou: July), derives each district's bases of that year from the previous one's pay
/// (<see cref="ContributionBases.DeriveAsync"/>; declared bases stay). Other months it does nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ContributionBaseJob(ContributionBases bases, PayRuleSets ruleSets, WorkforceDbContext db, BusinessCalendar calendar, ILogger<ContributionBaseJob> logger) : IJob
{
    /// <summary>Job key.</summary>
    public static readonly JobKey Key = new("contribution-bases", "payroll");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = calendar.Today;
        var month = new NodaTime.YearMonth(today.Year, today.Month);
        var rules = (await ruleSets.GetAsync(db, cancellationToken)).ForPeriod(month);
        if (rules.ContributionYearStartMonth != today.Month)
        {
            return;
        }
        foreach (var district in await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).Select(u => new { u.Id, u.Path }).ToListAsync(cancellationToken))
        {
            var result = await bases.DeriveAsync(new PayScope(district.Id, district.Path, district.Path), today.Year, cancellationToken);
            logger.LogInformation("Contribution bases {Year} of district {District}: {Result}", today.Year, district.Id, result.Value);
        }
    }
}
