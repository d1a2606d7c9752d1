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

/// <summary>传帮带 pairings with names and missing check-ins, and shadowing placements, as officers read them.</summary>
public sealed class MentorshipQueries(UseCaseContext context)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>Pairings managed by units in scope.</summary>
    public IQueryable<Mentorship> Pairings(UserScope scope) => Db.Mentorships.Where(m => scope.Units(Db).Any(u => u.Id == m.OrgUnitId));

    /// <summary>Pairings in scope (current ones first, or only those with missing check-ins).</summary>
    public async Task<List<MentorshipListItem>> ListAsync(UserScope scope, bool overdueOnly, CancellationToken ct)
    {
        var items = await WithNamesAsync(Loaded(scope).OrderByDescending(m => m.End).ThenBy(m => m.Id).Take(500), ct);
        return [.. items.Where(x => !overdueOnly || x.Missing.Count > 0)];
    }

    /// <summary>A pairing in scope with names, or null.</summary>
    public async Task<MentorshipListItem?> FindAsync(UserScope scope, long id, CancellationToken ct) =>
        (await WithNamesAsync(Loaded(scope).Where(m => m.Id == id), ct)).SingleOrDefault();

    private IQueryable<Mentorship> Loaded(UserScope scope) =>
        Pairings(scope).Include(m => m.Mentees).Include(m => m.CheckIns).AsSplitQuery().AsNoTracking();

    /// <summary>Loads pairings with the names of mentor and mentees (one query for all names) and what is missing today.</summary>
    private async Task<List<MentorshipListItem>> WithNamesAsync(IQueryable<Mentorship> query, CancellationToken ct)
    {
        var pairings = await query.ToListAsync(ct);
        var ids = pairings.SelectMany(p => p.Mentees.Select(x => x.WorkerId).Append(p.MentorId)).Distinct().ToList();
        var names = await Db.Workers.Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var today = context.Today;
        return [.. pairings.Select(p => new MentorshipListItem(p, names.GetValueOrDefault(p.MentorId, "?"),
            [.. p.Mentees.Select(x => names.GetValueOrDefault(x.WorkerId, "?"))], p.MissingCheckIns(today)))];
    }

    /// <summary>Shadowing placements in scope.</summary>
    public async Task<List<ShadowingListItem>> PlacementsAsync(UserScope scope, CancellationToken ct) =>
        await (from s in Db.ShadowingPlacements.AsNoTracking()
               where scope.Units(Db).Any(u => u.Id == s.OrgUnitId)
               join w in Db.Workers on s.WorkerId equals w.Id
               orderby s.Start descending, s.Id
               select new ShadowingListItem(s, w.Name)).Take(500).ToListAsync(ct);

    /// <summary>One placement in scope with the worker's name, or null.</summary>
    public async Task<ShadowingListItem?> PlacementAsync(UserScope scope, long id, CancellationToken ct) =>
        await (from s in Db.ShadowingPlacements.AsNoTracking()
               where s.Id == id && scope.Units(Db).Any(u => u.Id == s.OrgUnitId)
               join w in Db.Workers on s.WorkerId equals w.Id
               select new ShadowingListItem(s, w.Name)).SingleOrDefaultAsync(ct);
}
