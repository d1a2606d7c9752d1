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

/// <summary>传帮带 pairings, check-ins and evaluations, and shadowing placements, recorded by officers.</summary>
public sealed class MentorshipCommands(UseCaseContext context, MentorshipQueries queries)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>Pairs a mentor with mentees, all serving workers in scope.</summary>
    public async Task<CommandResult<Mentorship>> CreateAsync(UserScope scope, MentorshipInput input, CancellationToken ct)
    {
        var today = context.Today;
        var ids = input.MenteeIds.Append(input.MentorId!.Value).Distinct().ToList();
        var workers = await scope.Workers(Db).Where(w => ids.Contains(w.Id) && (w.LeaveDate == null || w.LeaveDate >= today))
            .Select(w => new { w.Id, w.OrgUnitId }).ToListAsync(ct);
        if (workers.Count != ids.Count)
        {
            return UseCaseContext.Fail<Mentorship>(nameof(input.MenteeIds), "Reserve.NotInScope");
        }
        return await context.SaveAsync(() =>
        {
            var m = new Mentorship(input.Kind!.Value, input.MentorId.Value, input.MenteeIds, workers.Single(w => w.Id == input.MentorId).OrgUnitId,
                LocalDate.FromDateOnly(input.Start!.Value), LocalDate.FromDateOnly(input.End!.Value), input.Goals!);
            Db.Mentorships.Add(m);
            return m;
        }, ct);
    }

    /// <summary>Records a check-in. Null when outside scope.</summary>
    public async Task<CommandResult<Mentorship>?> CheckInAsync(UserScope scope, long id, CheckInInput input, CancellationToken ct) =>
        await ChangeAsync(scope, id, m => m.RecordCheckIn(input.Kind!.Value, context.DateOr(input.Date), input.Note!), ct);

    /// <summary>Evaluates mentor and mentees. Null when outside scope.</summary>
    public async Task<CommandResult<Mentorship>?> EvaluateAsync(UserScope scope, long id, EvaluationInput input, CancellationToken ct) =>
        await ChangeAsync(scope, id, m => m.Evaluate(context.Today, input.MentorRating!.Value, input.MenteeRating!.Value, input.Note!), ct);

    /// <summary>Records a shadowing placement for a worker in scope.</summary>
    public async Task<CommandResult<ShadowingPlacement>> PlaceAsync(UserScope scope, ShadowingInput input, CancellationToken ct)
    {
        var worker = await scope.Workers(Db).Where(w => w.Id == input.WorkerId).Select(w => new { w.Id, w.OrgUnitId }).SingleOrDefaultAsync(ct);
        if (worker is null)
        {
            return UseCaseContext.Fail<ShadowingPlacement>(nameof(input.WorkerId), "Reserve.NotInScope");
        }
        return await context.SaveAsync(() =>
        {
            var s = new ShadowingPlacement(worker.Id, worker.OrgUnitId, input.HostOrganisation!, input.City!,
                LocalDate.FromDateOnly(input.Start!.Value), LocalDate.FromDateOnly(input.End!.Value));
            Db.ShadowingPlacements.Add(s);
            return s;
        }, ct);
    }

    /// <summary>Files a placement report. Null when outside scope.</summary>
    public async Task<CommandResult<ShadowingPlacement>?> ReportAsync(UserScope scope, long id, string report, CancellationToken ct)
    {
        var s = await Db.ShadowingPlacements.SingleOrDefaultAsync(x => x.Id == id && scope.Units(Db).Any(u => u.Id == x.OrgUnitId), ct);
        return s is null ? null : await context.SaveAsync(() =>
        {
            s.FileReport(report, context.Today);
            return s;
        }, ct);
    }

    private async Task<CommandResult<Mentorship>?> ChangeAsync(UserScope scope, long id, Action<Mentorship> change, CancellationToken ct)
    {
        var m = await queries.Pairings(scope).Include(x => x.CheckIns).Include(x => x.Mentees).SingleOrDefaultAsync(x => x.Id == id, ct);
        return m is null ? null : await context.SaveAsync(() =>
        {
            change(m);
            return m;
        }, ct);
    }
}
