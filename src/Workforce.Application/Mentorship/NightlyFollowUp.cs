using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.ReservePool;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Policy;
using Workforce.Domain.ReservePool;

namespace Workforce.Application.Mentorship;

// Inside the namespace, so that "Mentorship" names the domain's pairing, not this namespace.
using Workforce.Domain.Mentorship;

/// <summary>The nightly follow-up of the talent area (all units): overdue reserve reviews and missing mentorship check-ins.</summary>
public sealed class NightlyFollowUp(UseCaseContext context)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>
    /// The nightly follow-up (all units): flags active reserves without a review within the interval
    /// and stores each current pairing's number of missing check-ins. Returns (reserves flagged, pairings with gaps).
    /// </summary>
    public async Task<(int Reserves, int Pairings)> MarkOverdueAsync(CancellationToken ct)
    {
        var today = context.Today;
        var interval = (int)await context.ParameterAsync(PolicyParameter.ReserveReviewIntervalDays, ReservePoolParameters.DefaultReviewIntervalDays, ct);
        var reserves = await Db.ReserveEntries.Include(e => e.Reviews).Where(e => e.Status == ReserveStatus.Active || e.ReviewOverdue).ToListAsync(ct);
        foreach (var e in reserves)
        {
            e.MarkReviewOverdue(e.IsReviewOverdue(today, interval));
        }
        var since = today.PlusMonths(-3);
        var pairings = await Db.Mentorships.Include(m => m.CheckIns).Where(m => m.End >= since || m.OverdueCheckIns > 0).AsSplitQuery().ToListAsync(ct);
        foreach (var m in pairings)
        {
            m.MarkOverdue(m.EvaluatedOn is null ? m.MissingCheckIns(today).Count : 0);
        }
        await Db.SaveChangesAsync(ct);
        return (reserves.Count(e => e.ReviewOverdue), pairings.Count(m => m.OverdueCheckIns > 0));
    }
}
