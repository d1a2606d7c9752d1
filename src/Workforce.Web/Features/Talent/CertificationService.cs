using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Domain.Certification;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;
using Workforce.Payroll.Facts;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Talent;

/// <summary>Certificate list filter.</summary>
public sealed class CertificateFilter : ListFilter
{
    /// <summary>Level.</summary>
    public CertificateLevel? Level { get; set; }
    /// <summary>Verified or not.</summary>
    public bool? Verified { get; set; }
}

/// <summary>New certificate.</summary>
public sealed class CertificateInput
{
    /// <summary>Holder.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Worker")]
    public long? WorkerId { get; set; }
    /// <summary>Level.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.CertificateLevel")]
    public CertificateLevel? Level { get; set; }
    /// <summary>Number.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(40, ErrorMessage = "Validation.MaxLength"), Display(Name = "Field.CertificateNumber")]
    public string? Number { get; set; }
    /// <summary>Registration date.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.RegisteredOn")]
    public DateOnly? RegisteredOn { get; set; }
}

/// <summary>A certificate in the list.</summary>
public sealed record CertificateListItem(long Id, long WorkerId, string WorkerName, string Community, CertificateLevel Level, string Number,
    LocalDate RegisteredOn, LocalDate? VerifiedOn, string? VerifiedBy);

/// <summary>Certified workers (verified certificates) of a unit by level.</summary>
/// <param name="UnitId">Street (or the community when the scope is one).</param>
/// <param name="UnitName">Name.</param>
/// <param name="ByLevel">Distinct certified workers per level.</param>
/// <param name="Workers">Distinct certified workers (any level).</param>
public sealed record CertificationFigure(long UnitId, string UnitName, IReadOnlyDictionary<CertificateLevel, int> ByLevel, int Workers);

/// <summary>Certificates: record, verify (only verified ones count for pay), figures by level and unit.</summary>
public sealed class CertificationService(TalentContext context)
{
    private Data.WorkforceDbContext Db => context.Db;

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

    /// <summary>Records a certificate for a worker in scope; the same level and number anywhere is refused.</summary>
    public async Task<CommandResult<Certificate>> RecordAsync(UserScope scope, CertificateInput input, CancellationToken ct)
    {
        var worker = await scope.Workers(Db).Include(w => w.Certificates).SingleOrDefaultAsync(w => w.Id == input.WorkerId, ct);
        if (worker is null)
        {
            return context.Fail<Certificate>(nameof(input.WorkerId), "Reserve.NotInScope");
        }
        var number = input.Number!.Trim();
        if (await Db.Certificates.AnyAsync(c => c.Level == input.Level && c.Number == number, ct))
        {
            return context.Fail<Certificate>(nameof(input.Number), "Certificate.Duplicate", number);
        }
        return await context.SaveAsync(() => worker.AddCertificate(input.Level!.Value, number, LocalDate.FromDateOnly(input.RegisteredOn!.Value)), ct);
    }

    /// <summary>Verifies a certificate of a worker in scope (today, by the officer). Null when outside scope.</summary>
    public async Task<CommandResult<Certificate>?> VerifyAsync(UserScope scope, long id, string officer, CancellationToken ct)
    {
        var certificate = await Db.Certificates.SingleOrDefaultAsync(c => c.Id == id && scope.Workers(Db).Any(w => w.Id == c.WorkerId), ct);
        if (certificate is null)
        {
            return null;
        }
        return await context.SaveAsync(() =>
        {
            certificate.Verify(context.Today, officer);
            return certificate;
        }, ct);
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

    /// <summary>
    /// The certificates the payroll engine may use: verified ones only. The incentive then starts
    /// the month after registration (docs/payroll-rules.md, R5).
    /// </summary>
    public static IReadOnlyList<CertificateFact> ForPayroll(Worker worker) =>
        [.. worker.Certificates.Where(c => c.IsVerified).Select(c => new CertificateFact(c.Level, c.Number, c.RegisteredOn))];

    /// <summary>
    /// The payroll facts of a registry worker as they stand: hire and leave dates, education, post
    /// history (each recorded grade passed as a decision on its start date) and verified certificates.
    /// Assessments, probation and year-to-date figures come with the payroll module.
    /// </summary>
    public static WorkerFacts PayrollFacts(Worker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var assignments = worker.PostAssignments.OrderBy(a => a.Start)
            .Select(a => new AssignmentFact(a.Post, a.Start, a.End, a.CommunityId, a.Grade.Value)).ToList();
        return new WorkerFacts(worker.Id, worker.HireDate, assignments, worker.Education, leaveDate: worker.LeaveDate, certificates: ForPayroll(worker));
    }
}
