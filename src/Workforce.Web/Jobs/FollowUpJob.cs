using System.ComponentModel.DataAnnotations;
using Quartz;
using Workforce.Application.Common;
using Workforce.Application.Mentorship;
using Workforce.Data;

namespace Workforce.Web.Jobs;

/// <summary>
/// Nightly follow-up: flags reserves whose growth-file review is overdue and stores each pairing's
/// missing check-ins, so officers see them in the lists. Idempotent (it recomputes the flags from
/// the records), never runs twice at once, and a missed night runs once at start-up (fire and proceed).
/// </summary>
[DisallowConcurrentExecution]
public sealed class FollowUpJob(NightlyFollowUp followUp, ILogger<FollowUpJob> logger) : IJob
{
    /// <summary>Job key.</summary>
    public static readonly JobKey Key = new("talent-follow-up", "talent");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var (reserves, pairings) = await followUp.MarkOverdueAsync(cancellationToken);
        logger.LogInformation("Follow-up: {Reserves} reserves with an overdue review, {Pairings} pairings with missing check-ins", reserves, pairings);
    }
}

/// <summary>The scheduler (section <c>Jobs</c>); schedules are cron expressions in the users' time zone.</summary>
public sealed class JobsOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Jobs";

    /// <summary>Runs the Quartz scheduler.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Nightly follow-up (overdue reserve reviews, missing mentorship check-ins): every night at 01:30.</summary>
    [Required]
    public string FollowUpCron { get; set; } = "0 30 1 * * ?";

    /// <summary>Monthly payroll of every district whose month is not computed yet: the 25th at 02:00.</summary>
    [Required]
    public string PayrollCron { get; set; } = "0 0 2 25 * ?";

    /// <summary>The annual grade advancement (R1) recorded for the new year: 1 January at 00:30.</summary>
    [Required]
    public string AdvancementCron { get; set; } = "0 30 0 1 1 ?";

    /// <summary>Contribution bases derived when a contribution year starts: checked on the 1st of every month at 03:00.</summary>
    [Required]
    public string BasesCron { get; set; } = "0 0 3 1 * ?";

    /// <summary>When yesterday's audit trail is exported (Quartz cron, users' zone): every day at 00:20.</summary>
    public string AuditExportCron { get; set; } = "0 20 0 * * ?";

    /// <summary>PostgreSQL/SQL Server: the cluster check-in interval (a node silent for twice this is taken over).</summary>
    [Range(1, 3600)]
    public int ClusterCheckinSeconds { get; set; } = 10;

    /// <summary>Districts' monthly runs one node computes at a time (the rest wait for this node or are taken by another).</summary>
    [Range(1, 64)]
    public int PayrollRunsPerNode { get; set; } = 1;

    /// <summary>How often an idle node asks the job store for work (seconds; another node's queued districts are seen this soon).</summary>
    [Range(1, 300)]
    public int IdleWaitSeconds { get; set; } = 5;
}

/// <summary>Registers the scheduler and its jobs.</summary>
public static class JobsRegistration
{
    /// <summary>
    /// Adds Quartz with the follow-up job on <c>Jobs:FollowUpCron</c>, the monthly payroll on <c>Jobs:PayrollCron</c> and
    /// the annual grade advancement on <c>Jobs:AdvancementCron</c>, all in the <c>TimeZone</c> setting (Asia/Shanghai by default); a missed
    /// firing runs once when the scheduler is back (fire and proceed). On PostgreSQL and SQL Server the job
    /// store is persistent and clustered (tables <c>qrtz_*</c>, created by Quartz at the first start), so several app
    /// instances share one schedule; on SQLite it is in memory. <c>Jobs:Enabled=false</c> turns it off.
    /// </summary>
    public static void AddWorkforceJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateDataAnnotations()
            .Validate(o => IsCron(o.FollowUpCron) && IsCron(o.PayrollCron) && IsCron(o.AdvancementCron) && IsCron(o.BasesCron),
                "Jobs:FollowUpCron, Jobs:PayrollCron, Jobs:AdvancementCron and Jobs:BasesCron must be Quartz cron expressions.")
            .ValidateOnStart();
        // The schedule is built now, from the same sections the validated options are bound to.
        var jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (!jobs.Enabled)
        {
            return;
        }
        var zone = ChinaStandardTime((configuration.Get<RegionOptions>() ?? new RegionOptions()).TimeZone);
        var provider = (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).Provider;
        var connection = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        services.AddQuartz(q =>
        {
            if (provider != DatabaseProvider.Sqlite && connection is not null)
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
                    if (provider == DatabaseProvider.PostgreSql)
                    {
                        s.UsePostgres(connection);
                    }
                    else
                    {
                        s.UseSqlServer(connection);
                    }
                    s.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(jobs.ClusterCheckinSeconds);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(jobs.ClusterCheckinSeconds * 2);
                    });
                });
            }
            q.ConfigureScheduler(o => o.IdleWaitTime = TimeSpan.FromSeconds(jobs.IdleWaitSeconds));
            q.UseExecutionLimits(l => l.ForGroup(DistrictPayrollJob.ExecutionGroup, jobs.PayrollRunsPerNode));
            q.AddJob<MonthlyPayrollJob>(j => j.WithIdentity(MonthlyPayrollJob.Key).StoreDurably().RequestRecovery());
            q.AddJob<DistrictPayrollJob>(j => j.WithIdentity(DistrictPayrollJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(MonthlyPayrollJob.Key).WithIdentity("monthly-payroll-cron", "payroll")
                .WithCronSchedule(jobs.PayrollCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<GradeAdvancementJob>(j => j.WithIdentity(GradeAdvancementJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(GradeAdvancementJob.Key).WithIdentity("grade-advancement-yearly", "registry")
                .WithCronSchedule(jobs.AdvancementCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<ContributionBaseJob>(j => j.WithIdentity(ContributionBaseJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(ContributionBaseJob.Key).WithIdentity("contribution-bases-monthly", "payroll")
                .WithCronSchedule(jobs.BasesCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<AuditExportJob>(j => j.WithIdentity(AuditExportJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(AuditExportJob.Key).WithIdentity("audit-export-daily", "audit")
                .WithCronSchedule(jobs.AuditExportCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<FollowUpJob>(j => j.WithIdentity(FollowUpJob.Key).StoreDurably().RequestRecovery());
            q.AddTrigger(t => t.ForJob(FollowUpJob.Key).WithIdentity("talent-follow-up-nightly", "talent")
                .WithCronSchedule(jobs.FollowUpCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static bool IsCron(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
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
