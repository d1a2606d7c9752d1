using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Organisation;

namespace Workforce.Application.Organisation;

/// <summary>A unit in the tree with its figures.</summary>
public sealed class OrgTreeNode
{
    /// <summary>The unit.</summary>
    public required OrgUnit Unit { get; init; }
    /// <summary>Children (streets and communities; grids are on the community page).</summary>
    public List<OrgTreeNode> Children { get; } = [];
    /// <summary>Active workers in the subtree.</summary>
    public int Workers { get; set; }
    /// <summary>Residents in the subtree.</summary>
    public int Residents { get; set; }
}

/// <summary>A unit with its direct children and their active worker counts (or, for a community, its grids with their grid workers).</summary>
/// <param name="Unit">The unit.</param>
/// <param name="ParentName">Its parent's name, when the parent is in scope.</param>
/// <param name="Children">Children with active workers (grids: the grid workers' names).</param>
/// <param name="Workers">Active workers in the subtree.</param>
public sealed record OrgUnitDetails(OrgUnit Unit, string? ParentName, IReadOnlyList<(OrgUnit Unit, int Workers, IReadOnlyList<string>? GridWorkers)> Children, int Workers);

/// <summary>The organisation tree of the caller's scope, units for pickers and filters, and unit look-ups.</summary>
public sealed class OrganisationQueries(WorkforceDbContext db, BusinessCalendar calendar)
{
    /// <summary>Units in scope, optionally the children of one unit and of one type, in tree order.</summary>
    public Task<List<OrgUnit>> ListAsync(UserScope scope, long? parentId, OrgUnitType? type, CancellationToken ct)
    {
        var q = scope.Units(db).AsNoTracking();
        if (parentId is { } p)
        {
            q = q.Where(u => u.ParentId == p);
        }
        if (type is { } t)
        {
            q = q.Where(u => u.Type == t);
        }
        return q.OrderBy(u => u.Path).ToListAsync(ct);
    }

    /// <summary>Units in scope above the grids (district, streets, communities), in tree order: the filter lists.</summary>
    public Task<List<OrgUnit>> FilterUnitsAsync(UserScope scope, CancellationToken ct) =>
        scope.Units(db).AsNoTracking().Where(u => u.Type != OrgUnitType.Grid).OrderBy(u => u.Path).ToListAsync(ct);

    /// <summary>Communities in scope, by code.</summary>
    public Task<List<OrgUnit>> CommunitiesAsync(UserScope scope, CancellationToken ct) =>
        scope.Units(db).AsNoTracking().Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).ToListAsync(ct);

    /// <summary>Grids of a community in scope, by code.</summary>
    public Task<List<OrgUnit>> GridsOfAsync(UserScope scope, long communityId, CancellationToken ct) =>
        scope.Units(db).AsNoTracking().Where(u => u.ParentId == communityId && u.Type == OrgUnitType.Grid).OrderBy(u => u.Code).ToListAsync(ct);

    /// <summary>A unit in scope, or null.</summary>
    public Task<OrgUnit?> FindAsync(UserScope scope, long id, CancellationToken ct) =>
        scope.Units(db).AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);

    /// <summary>Names of units in scope by id (for labels).</summary>
    public Task<Dictionary<long, string>> NamesAsync(UserScope scope, IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return scope.Units(db).AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }

    /// <summary>Tree: district → streets → communities, with active worker and resident counts.</summary>
    public async Task<List<OrgTreeNode>> TreeAsync(UserScope scope, CancellationToken ct)
    {
        var today = calendar.Today;
        var units = await FilterUnitsAsync(scope, ct);
        var counts = await scope.Workers(db).NotLeftBy(today).GroupBy(w => w.OrgUnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var nodes = units.ToDictionary(u => u.Id, u => new OrgTreeNode { Unit = u, Workers = counts.GetValueOrDefault(u.Id), Residents = u.Residents ?? 0 });
        var roots = new List<OrgTreeNode>();
        foreach (var node in nodes.Values)
        {
            if (node.Unit.ParentId is { } p && nodes.TryGetValue(p, out var parent))
            {
                parent.Children.Add(node);
            }
            else
            {
                roots.Add(node);
            }
        }
        foreach (var root in roots)
        {
            Total(root);
        }
        return roots;

        static void Total(OrgTreeNode n)
        {
            foreach (var c in n.Children)
            {
                Total(c);
                n.Workers += c.Workers;
                n.Residents += c.Residents;
            }
        }
    }

    /// <summary>One unit in scope with its children (grids and their grid workers for a community); null outside scope.</summary>
    public async Task<OrgUnitDetails?> DetailsAsync(UserScope scope, long id, CancellationToken ct)
    {
        var today = calendar.Today;
        var unit = await FindAsync(scope, id, ct);
        if (unit is null)
        {
            return null;
        }
        var children = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == id).OrderBy(u => u.Code).ToListAsync(ct);
        var active = scope.Workers(db).NotLeftBy(today);
        var rows = new List<(OrgUnit, int, IReadOnlyList<string>?)>();
        if (unit.Type == OrgUnitType.Community)
        {
            var gridIds = children.Select(c => c.Id).ToList();
            var gridWorkers = await db.GridAssignments.AsNoTracking()
                .Where(a => gridIds.Contains(a.GridId) && a.Start <= today && (a.End == null || a.End >= today))
                .Select(a => new { a.GridId, a.Worker.Name }).ToListAsync(ct);
            foreach (var c in children)
            {
                var names = gridWorkers.Where(g => g.GridId == c.Id).Select(g => g.Name).ToList();
                rows.Add((c, names.Count, names));
            }
        }
        else
        {
            foreach (var c in children)
            {
                rows.Add((c, await active.UnderPath(db, c.Path).CountAsync(ct), null));
            }
        }
        var parentName = unit.ParentId is { } pid && unit.Id != scope.OrgUnitId
            ? await db.OrgUnits.Where(u => u.Id == pid).Select(u => u.Name).SingleOrDefaultAsync(ct)
            : null;
        return new OrgUnitDetails(unit, parentName, rows, await active.UnderPath(db, unit.Path).CountAsync(ct));
    }
}
