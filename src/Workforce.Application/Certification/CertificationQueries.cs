using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Certification;
using Workforce.Domain.Organisation;

namespace Workforce.Application.Certification;

/// <summary>Certificates as officers read them: the list and the figures of certified workers by level and unit.</summary>
public sealed class CertificationQueries(UseCaseContext context)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>Filtered certificates of workers in scope.</summary>
    public async Task<PagedResult<CertificateListItem>> SearchAsync(UserScope scope, CertificateFilter f, CancellationToken ct)
    {
        var q = from c in Db.Certificates.AsNoTracking()
                join w in scope.Workers(Db) on c.WorkerId equals w.Id
                join u in Db.OrgUnits on w.OrgUnitId equals u.Id
                select new { c, w.Name, Community = u.Name, u.Path };
        if (f.OrgUnitId is { } unitId)
        {
            var path = await scope.Units(Db).Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct);
            q = path is null ? q.Where(x => false) : q.Where(x => x.Path.StartsWith(path));
        }
        if (f.Level is { } level)
        {
            q = q.Where(x => x.c.Level == level);
        }
        if (f.Verified is { } verified)
        {
            q = verified ? q.Where(x => x.c.VerifiedOn != null) : q.Where(x => x.c.VerifiedOn == null);
        }
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            var name = f.Q.Trim();
            q = q.Where(x => x.Name.Contains(name) || x.c.Number == name);
        }
        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(x => x.c.VerifiedOn != null).ThenBy(x => x.Name).ThenBy(x => x.c.Id).Skip((f.Page - 1) * f.PageSize).Take(f.PageSize)
            .Select(x => new CertificateListItem(x.c.Id, x.c.WorkerId, x.Name, x.Community, x.c.Level, x.c.Number, x.c.RegisteredOn, x.c.VerifiedOn, x.c.VerifiedBy))
            .ToListAsync(ct);
        return new PagedResult<CertificateListItem>(items, total, f.Page, f.PageSize);
    }

    /// <summary>Certified workers (verified certificates, serving) by level, per street under the scope (or per community under a street).</summary>
    public async Task<List<CertificationFigure>> FiguresAsync(UserScope scope, CancellationToken ct)
    {
        var root = await context.UnitAsync(scope, null, ct);
        if (root is null)
        {
            return [];
        }
        var childType = root.Type == OrgUnitType.District ? OrgUnitType.Street : OrgUnitType.Community;
        var children = await Db.OrgUnits.AsNoTracking().Where(u => u.Path.StartsWith(root.Path) && u.Type == childType).OrderBy(u => u.Path)
            .Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        var today = context.Today;
        var rows = await (from c in Db.Certificates.AsNoTracking()
                          join w in scope.Workers(Db) on c.WorkerId equals w.Id
                          join u in Db.OrgUnits on w.OrgUnitId equals u.Id
                          where c.VerifiedOn != null && (w.LeaveDate == null || w.LeaveDate >= today)
                          select new { c.WorkerId, c.Level, u.Path }).Distinct().ToListAsync(ct);
        return [.. children.Select(child =>
        {
            var mine = rows.Where(r => r.Path.StartsWith(child.Path, StringComparison.Ordinal)).ToList();
            return new CertificationFigure(child.Id, child.Name,
                Enum.GetValues<CertificateLevel>().ToDictionary(l => l, l => mine.Where(r => r.Level == l).Select(r => r.WorkerId).Distinct().Count()),
                mine.Select(r => r.WorkerId).Distinct().Count());
        })];
    }
}
