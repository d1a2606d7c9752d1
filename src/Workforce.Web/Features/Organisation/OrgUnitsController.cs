using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Features.Organisation;

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

/// <summary>A unit's page.</summary>
public sealed class OrgUnitDetailsViewModel
{
    /// <summary>The unit.</summary>
    public required OrgUnit Unit { get; init; }
    /// <summary>Its parent's name.</summary>
    public string? ParentName { get; init; }
    /// <summary>Direct children with their active worker counts (or, for a community, its grids with their grid workers).</summary>
    public IReadOnlyList<(OrgUnit Unit, int Workers, string? GridWorkers)> Children { get; init; } = [];
    /// <summary>Active workers in the subtree.</summary>
    public int Workers { get; init; }
}

/// <summary>The organisation tree of the user's scope.</summary>
[Authorize(Policy = WorkforceHosting.RegistryRead)]
public sealed class OrgUnitsController(WorkforceDbContext db, UserScopeAccessor scopes, BusinessCalendar calendar) : Controller
{
    /// <summary>Tree: district → streets → communities, with worker and resident counts.</summary>
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var today = calendar.Today;
        var units = await scope.Units(db).AsNoTracking().Where(u => u.Type != OrgUnitType.Grid).OrderBy(u => u.Path).ToListAsync(ct);
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
        return View(roots);

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

    /// <summary>One unit with its children (grids and their grid workers for a community).</summary>
    public async Task<IActionResult> Details(long id, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var today = calendar.Today;
        var unit = await scope.Units(db).AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return NotFound();
        }
        var children = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == id).OrderBy(u => u.Code).ToListAsync(ct);
        var active = scope.Workers(db).NotLeftBy(today);
        var rows = new List<(OrgUnit, int, string?)>();
        if (unit.Type == OrgUnitType.Community)
        {
            var gridIds = children.Select(c => c.Id).ToList();
            var gridWorkers = await db.GridAssignments.AsNoTracking()
                .Where(a => gridIds.Contains(a.GridId) && a.Start <= today && (a.End == null || a.End >= today))
                .Select(a => new { a.GridId, a.Worker.Name }).ToListAsync(ct);
            foreach (var c in children)
            {
                var names = gridWorkers.Where(g => g.GridId == c.Id).Select(g => g.Name).ToList();
                rows.Add((c, names.Count, string.Join("、", names)));
            }
        }
        else
        {
            foreach (var c in children)
            {
                rows.Add((c, await active.UnderPath(db, c.Path).CountAsync(ct), null));
            }
        }
        return View(new OrgUnitDetailsViewModel
        {
            Unit = unit,
            ParentName = unit.ParentId is { } pid && unit.Id != scope.OrgUnitId ? await db.OrgUnits.Where(u => u.Id == pid).Select(u => u.Name).SingleOrDefaultAsync(ct) : null,
            Children = rows,
            Workers = await active.UnderPath(db, unit.Path).CountAsync(ct),
        });
    }
}
