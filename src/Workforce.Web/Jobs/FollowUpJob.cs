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

    /// <summary>
    /// Adds Quartz with the follow-up job on <c>Jobs:FollowUpCron</c> in the <c>TimeZone</c> setting
    /// (Asia/Shanghai by default). <c>Jobs:Enabled=false</c> turns the scheduler off.
    /// </summary>
    public static void AddWorkforceJobs(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Jobs:Enabled", true))
        {
            return;
        }
        var zone = ChinaStandardTime(configuration["TimeZone"] ?? "Asia/Shanghai");
        var cron = configuration["Jobs:FollowUpCron"] ?? DefaultFollowUpCron;
        services.AddQuartz(q =>
        {
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
