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

/// <summary>A serving worker offered for nomination.</summary>
/// <param name="Id">Worker.</param>
/// <param name="Name">Name.</param>
/// <param name="Community">Community name.</param>
public sealed record NominationCandidate(long Id, string Name, string Community);

/// <summary>后备人才库 reads: compliance per community/street/district, the list, growth files, nomination candidates. Scoped like the registry.</summary>
public sealed class ReservePoolQueries(UseCaseContext context)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>Entries whose community lies in the caller's scope.</summary>
    public IQueryable<ReserveEntry> Entries(UserScope scope) =>
        Db.ReserveEntries.Where(e => scope.Units(Db).Any(u => u.Id == e.CommunityId));

    /// <summary>Compliance under a unit in scope (null: the caller's unit); null when outside scope.</summary>
    public async Task<ComplianceReport?> ComplianceAsync(UserScope scope, long? orgUnitId, CancellationToken ct)
    {
        var root = await context.UnitAsync(scope, orgUnitId, ct);
        if (root is null)
        {
            return null;
        }
        var ratio = await context.ParameterAsync(PolicyParameter.ReserveTargetRatio, ReservePoolParameters.DefaultTargetRatio, ct);
        var units = Db.OrgUnits.AsNoTracking().Where(u => u.Path.StartsWith(root.Path));
        var communities = await units.Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Path)
            .Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(ct);
        var parents = await units.Where(u => u.Type == OrgUnitType.Street || u.Type == OrgUnitType.District)
            .Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var counts = await Db.ReserveEntries.AsNoTracking()
            .Where(e => (e.Status == ReserveStatus.Active || e.Status == ReserveStatus.Promoted) && units.Any(u => u.Id == e.CommunityId))
            .GroupBy(e => new { e.CommunityId, e.Status }).Select(g => new { g.Key.CommunityId, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var active = counts.Where(c => c.Status == ReserveStatus.Active).ToDictionary(c => c.CommunityId, c => c.Count);
        var rows = communities.Select(c => new ComplianceRow(c.Id, c.Name, c.ParentId is { } p && parents.TryGetValue(p, out var n) ? n : null,
            ReserveCompliance.ForCommunity(1, active.GetValueOrDefault(c.Id), ratio))).ToList();
        var byStreet = communities.Zip(rows).Where(x => x.First.ParentId is { } p && parents.ContainsKey(p))
            .GroupBy(x => x.First.ParentId!.Value)
            .Select(g => new ComplianceRow(g.Key, parents[g.Key], null, g.Select(x => x.Second.Figures).Aggregate((a, b) => a + b)))
            .ToList();
        var total = rows.Count == 0 ? new ReserveCompliance(0, 0, 0) : rows.Select(r => r.Figures).Aggregate((a, b) => a + b);
        return new ComplianceReport(root, ratio, rows, byStreet, total, counts.Where(c => c.Status == ReserveStatus.Promoted).Sum(c => c.Count));
    }

    /// <summary>Filtered, paged reserves.</summary>
    public async Task<PagedResult<ReserveListItem>> SearchAsync(UserScope scope, ReserveFilter filter, CancellationToken ct)
    {
        var q = await QueryAsync(scope, filter, ct);
        var total = await q.CountAsync(ct);
        var items = await q.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(ct);
        return new PagedResult<ReserveListItem>(items, total, filter.Page, filter.PageSize);
    }

    /// <summary>Filtered reserves, unpaged (export).</summary>
    public async Task<List<ReserveListItem>> ListAsync(UserScope scope, ReserveFilter filter, CancellationToken ct) => await (await QueryAsync(scope, filter, ct)).ToListAsync(ct);

    private async Task<IQueryable<ReserveListItem>> QueryAsync(UserScope scope, ReserveFilter filter, CancellationToken ct)
    {
        var q = Entries(scope).AsNoTracking();
        if (filter.OrgUnitId is { } unitId)
        {
            var path = await scope.Units(Db).Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct);
            q = path is null ? q.Where(e => false) : q.Where(e => Db.OrgUnits.Any(u => u.Id == e.CommunityId && u.Path.StartsWith(path)));
        }
        if (filter.Status is { } status)
        {
            q = q.Where(e => e.Status == status);
        }
        if (filter.Overdue == true)
        {
            q = q.Where(e => e.ReviewOverdue);
        }
        var rows = from e in q
                   join w in Db.Workers on e.WorkerId equals w.Id
                   join u in Db.OrgUnits on e.CommunityId equals u.Id
                   select new ReserveRow { Entry = e, Name = w.Name, Community = u.Name };
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var name = filter.Q.Trim();
            rows = rows.Where(r => r.Name.Contains(name));
        }
        return rows.SortBy(filter.Sort, SortColumns, "status").ThenBy(r => r.Community).ThenBy(r => r.Name).ThenBy(r => r.Entry.Id)
            .Select(r => new ReserveListItem(r.Entry.Id, r.Entry.WorkerId, r.Name, r.Community, r.Entry.Source, r.Entry.Status, r.Entry.NominatedOn,
                r.Entry.EntryDate, r.Entry.EndDate, r.Entry.ReviewOverdue, r.Entry.Reviews.Count));
    }

    // The list's sortable columns (Sort=name, -entryDate, ...).
    private static readonly Dictionary<string, System.Linq.Expressions.Expression<Func<ReserveRow, object?>>> SortColumns = new(StringComparer.Ordinal)
    {
        ["status"] = r => r.Entry.Status,
        ["name"] = r => r.Name,
        ["community"] = r => r.Community,
        ["source"] = r => r.Entry.Source,
        ["nominatedOn"] = r => r.Entry.NominatedOn,
        ["entryDate"] = r => r.Entry.EntryDate,
        ["reviews"] = r => r.Entry.Reviews.Count,
    };

    private sealed class ReserveRow
    {
        public ReserveEntry Entry { get; init; } = null!;
        public string Name { get; init; } = string.Empty;
        public string Community { get; init; } = string.Empty;
    }

    /// <summary>A growth file in scope, or null.</summary>
    public async Task<ReserveDetails?> FindAsync(UserScope scope, long id, CancellationToken ct)
    {
        var entry = await Entries(scope).Include(e => e.Reviews).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
        {
            return null;
        }
        var worker = await Db.Workers.Include(w => w.PostAssignments).SingleAsync(w => w.Id == entry.WorkerId, ct);
        var community = await Db.OrgUnits.SingleAsync(u => u.Id == entry.CommunityId, ct);
        return new ReserveDetails(entry, worker, community, worker.PostOn(context.Today) ?? worker.PostAssignments.OrderBy(a => a.Start).LastOrDefault());
    }

    /// <summary>Serving workers in scope whose name contains <paramref name="q"/> (or the one with <paramref name="workerId"/>), at most 20.</summary>
    public async Task<IReadOnlyList<NominationCandidate>> CandidatesAsync(UserScope scope, string? q, long? workerId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q) && workerId is null)
        {
            return [];
        }
        var today = context.Today;
        var name = q?.Trim() ?? string.Empty;
        return await scope.Workers(Db).AsNoTracking()
            .Where(w => (w.LeaveDate == null || w.LeaveDate >= today) && (workerId != null ? w.Id == workerId : w.Name.Contains(name)))
            .OrderBy(w => w.Name).Take(20)
            .Join(Db.OrgUnits, w => w.OrgUnitId, u => u.Id, (w, u) => new NominationCandidate(w.Id, w.Name, u.Name))
            .ToListAsync(ct);
    }
}
