using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Organisation;
using Workforce.Domain.Policy;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;

namespace Workforce.Application.ReservePool;

/// <summary>
/// 后备人才库 changes: nomination, vetting, reviews, exit and promotion (which records the post change with
/// a re-slotted grade). Scoped like the registry: an entry outside scope is not found (null).
/// </summary>
public sealed class ReservePoolCommands(UseCaseContext context, ReservePoolQueries queries, PayRuleSets payRules)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>Nominates a serving worker in scope for a community's pool; one open entry per person.</summary>
    public async Task<CommandResult<ReserveEntry>> NominateAsync(UserScope scope, NominationInput input, CancellationToken ct)
    {
        var today = context.Today;
        var worker = await scope.Workers(Db).AsNoTracking().Where(w => w.Id == input.WorkerId && (w.LeaveDate == null || w.LeaveDate >= today))
            .Select(w => new { w.Id, w.OrgUnitId }).SingleOrDefaultAsync(ct);
        if (worker is null)
        {
            return UseCaseContext.Fail<ReserveEntry>(nameof(input.WorkerId), "Reserve.NotInScope");
        }
        var communityId = input.CommunityId ?? worker.OrgUnitId;
        if (!await scope.Units(Db).AnyAsync(u => u.Id == communityId && u.Type == OrgUnitType.Community, ct))
        {
            return UseCaseContext.Fail<ReserveEntry>(nameof(input.CommunityId), "Reserve.NotInScope");
        }
        var open = await Db.ReserveEntries.AsNoTracking().Where(e => e.OpenWorkerId == worker.Id)
            .Join(Db.OrgUnits, e => e.CommunityId, u => u.Id, (e, u) => u.Name).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            return UseCaseContext.Fail<ReserveEntry>(nameof(input.WorkerId), "Reserve.AlreadyInPool", open);
        }
        try
        {
            return await context.SaveAsync(() =>
            {
                var entry = ReserveEntry.Nominate(worker.Id, communityId, input.Source!.Value, context.DateOr(input.NominatedOn), input.Note);
                Db.ReserveEntries.Add(entry);
                return entry;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Two nominations of one person at once: the unique index on the open entry decides.
            Db.ChangeTracker.Clear();
            return UseCaseContext.Fail<ReserveEntry>(nameof(input.WorkerId), "Reserve.AlreadyInPool", "—");
        }
    }

    /// <summary>Records the vetting of a nomination.</summary>
    public Task<CommandResult<ReserveEntry>?> VetAsync(UserScope scope, long id, DecisionInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, e => e.Vet(input.Approved, context.DateOr(input.Date), input.Note!), ct);

    /// <summary>Adds a review to the growth file.</summary>
    public Task<CommandResult<ReserveEntry>?> ReviewAsync(UserScope scope, long id, ReviewInput input, string reviewer, CancellationToken ct) =>
        ChangeAsync(scope, id, e => e.AddReview(input.Period!.Value, context.DateOr(input.Date), input.Rating!.Value, input.Note!, reviewer), ct);

    /// <summary>Ends a reserve entry with a reason.</summary>
    public Task<CommandResult<ReserveEntry>?> ExitAsync(UserScope scope, long id, DecisionInput input, CancellationToken ct) =>
        ChangeAsync(scope, id, e => e.Exit(context.DateOr(input.Date), input.Note!), ct);

    /// <summary>
    /// Promotes a reserve to secretary: ends the entry and records the Head post in the entry's
    /// community from <paramref name="on"/>, re-slotted (rule R1 of the payroll engine) and kept
    /// inside the registry's Head band — both in one transaction. Null when outside scope.
    /// </summary>
    public async Task<CommandResult<PromotionResult>?> PromoteAsync(UserScope scope, long id, LocalDate on, CancellationToken ct)
    {
        var details = await queries.FindAsync(scope, id, ct);
        if (details is null)
        {
            return null;
        }
        var (entry, worker, community, current) = details;
        if (current is null)
        {
            return UseCaseContext.Fail<PromotionResult>("Date", "Reserve.WrongStatus", entry.Status);
        }
        var bands = await Db.GradeBands.AsNoTracking().ToListAsync(ct);
        var snapshot = await payRules.GetAsync(Db, ct);
        return await context.SaveAsync(() =>
        {
            var rules = snapshot.ForDate(on);
            entry.Promote(on);
            var placed = worker.PlaceInPost(Post.Head, GradeCalculator.Reslot(rules, current.Post, current.Grade.Value, Post.Head), community, on, bands);
            return new PromotionResult(entry, current.Post, current.Grade.Value, placed.Grade.Value, on);
        }, ct);
    }

    private async Task<CommandResult<ReserveEntry>?> ChangeAsync(UserScope scope, long id, Action<ReserveEntry> change, CancellationToken ct)
    {
        var entry = await queries.Entries(scope).Include(e => e.Reviews).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
        {
            return null;
        }
        return await context.SaveAsync(() =>
        {
            change(entry);
            return entry;
        }, ct);
    }
}
