using Quartz;
using Workforce.Web.Features.Talent;

namespace Workforce.Web.Jobs;

/// <summary>
/// Nightly follow-up: flags reserves whose growth-file review is overdue and stores each pairing's
/// missing check-ins, so officers see them in the lists. Idempotent (it recomputes the flags from
/// the records), never runs twice at once, and a missed night runs once at start-up (fire and proceed).
/// </summary>
[DisallowConcurrentExecution]
public sealed class FollowUpJob(MentorshipService mentorships, ILogger<FollowUpJob> logger) : IJob
{
    /// <summary>Job key.</summary>
    public static readonly JobKey Key = new("talent-follow-up", "talent");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var (reserves, pairings) = await mentorships.MarkOverdueAsync(cancellationToken);
        logger.LogInformation("Follow-up: {Reserves} reserves with an overdue review, {Pairings} pairings with missing check-ins", reserves, pairings);
    }
}

/// <summary>Registers the scheduler and its jobs.</summary>
public static class JobsRegistration
{
    /// <summary>Default cron of the follow-up job: every night at 01:30 (Asia/Shanghai).</summary>
    public const string DefaultFollowUpCron = "0 30 1 * * ?";

    /// <summary>Default cron of the monthly payroll: the 25th of each month at 02:00 (Asia/Shanghai).</summary>
    public const string DefaultPayrollCron = "0 0 2 25 * ?";

    /// <summary>
    /// Adds Quartz with the follow-up job on <c>Jobs:FollowUpCron</c> and the monthly payroll on
    /// <c>Jobs:PayrollCron</c>, both in the <c>TimeZone</c> setting (Asia/Shanghai by default); a missed
    /// firing runs once when the scheduler is back (fire and proceed). On PostgreSQL and SQL Server the job
    /// store is persistent and clustered (tables <c>qrtz_*</c>, created by Quartz at the first start), so several app
    /// instances share one schedule; on SQLite it is in memory. <c>Jobs:Enabled=false</c> turns it off.
    /// </summary>
    public static void AddWorkforceJobs(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Jobs:Enabled", true))
        {
            return;
        }
        var zone = ChinaStandardTime(configuration["TimeZone"] ?? "Asia/Shanghai");
        var cron = configuration["Jobs:FollowUpCron"] ?? DefaultFollowUpCron;
        var payrollCron = configuration["Jobs:PayrollCron"] ?? DefaultPayrollCron;
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connection = configuration.GetConnectionString("Workforce");
        services.AddQuartz(q =>
        {
            if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) && connection is not null)
            {
                // Every instance needs its own id within the cluster; the instances share the scheduler name.
                q.ConfigureScheduler(o =>
                {
                    o.InstanceName = "workforce";
                    o.GenerateInstanceId = true;
                });
                q.UsePersistentStore(s =>
                {
                    s.ConfigureStore(o => o.StoreJobDataAsStrings = true);
                    // Quartz creates its own tables (qrtz_*) when they are missing, at the first start.
                    s.ProvisionSchema();
                    s.UseSystemTextJsonSerializer();
                    if (provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
                    {
                        s.UsePostgres(connection);
                    }
                    else
                    {
                        s.UseSqlServer(connection);
                    }
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:ClusterCheckinSeconds", 10));
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(configuration.GetValue("Jobs:ClusterCheckinSeconds", 10) * 2);
                    });
                });
            }
            q.AddJob<MonthlyPayrollJob>(j => j.WithIdentity(MonthlyPayrollJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(MonthlyPayrollJob.Key).WithIdentity("monthly-payroll-cron", "payroll")
                .WithCronSchedule(payrollCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<FollowUpJob>(j => j.WithIdentity(FollowUpJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(FollowUpJob.Key).WithIdentity("talent-follow-up-nightly", "talent")
                .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    // The zone database may be missing on a minimal server; China has kept UTC+8 without daylight saving since 1991.
    private static TimeZoneInfo ChinaStandardTime(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id);
        }
    }
}
