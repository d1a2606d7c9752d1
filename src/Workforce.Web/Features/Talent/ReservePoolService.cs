using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Organisation;
using Workforce.Domain.Policy;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;
using Workforce.Web.Features.Payroll;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Talent;

/// <summary>One unit's line in the compliance view.</summary>
/// <param name="UnitId">Unit.</param>
/// <param name="UnitName">Name.</param>
/// <param name="ParentName">Street of a community.</param>
/// <param name="Figures">Posts, active reserves, shortfall.</param>
public sealed record ComplianceRow(long UnitId, string UnitName, string? ParentName, ReserveCompliance Figures);

/// <summary>Reserve-pool compliance under a unit.</summary>
public sealed record ComplianceReport(OrgUnit Root, decimal TargetRatio, IReadOnlyList<ComplianceRow> Communities,
    IReadOnlyList<ComplianceRow> Streets, ReserveCompliance Total, int Promoted);

/// <summary>A reserve in a list.</summary>
public sealed record ReserveListItem(long Id, long WorkerId, string WorkerName, string CommunityName, NominationSource Source,
    ReserveStatus Status, LocalDate NominatedOn, LocalDate? EntryDate, LocalDate? EndDate, bool ReviewOverdue, int Reviews);

/// <summary>Reserve list filter.</summary>
public sealed class ReserveFilter : ListFilter
{
    /// <summary>Status.</summary>
    public ReserveStatus? Status { get; set; }
}

/// <summary>Nomination form / API body.</summary>
public sealed class NominationInput
{
    /// <summary>The worker nominated.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Worker")]
    public long? WorkerId { get; set; }

    /// <summary>Community whose pool (default: the worker's).</summary>
    [Display(Name = "Field.Community")]
    public long? CommunityId { get; set; }

    /// <summary>Nomination source.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.NominationSource")]
    public NominationSource? Source { get; set; }

    /// <summary>Nomination date (default today).</summary>
    [Display(Name = "Field.Date")]
    public DateOnly? NominatedOn { get; set; }

    /// <summary>Remark.</summary>
    [StringLength(500, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Note")]
    public string? Note { get; set; }
}

/// <summary>Growth-file review form / API body.</summary>
public sealed class ReviewInput
{
    /// <summary>Cadence.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.ReviewPeriod")]
    public ReviewPeriod? Period { get; set; }

    /// <summary>Date (default today).</summary>
    [Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }

    /// <summary>Rating.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Rating")]
    public AssessmentRating? Rating { get; set; }

    /// <summary>Notes.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Note")]
    public string? Note { get; set; }
}

/// <summary>A reserve's growth file.</summary>
public sealed record ReserveDetails(ReserveEntry Entry, Worker Worker, OrgUnit Community, PostAssignment? CurrentPost);

/// <summary>What a promotion did.</summary>
public sealed record PromotionResult(ReserveEntry Entry, Post FromPost, int FromGrade, int ToGrade, LocalDate On);

/// <summary>
/// 后备人才库 use cases: compliance per community/street/district, nomination, vetting, reviews,
/// exit and promotion (which records the post change with a re-slotted grade). Scoped like the registry.
/// </summary>
public sealed class ReservePoolService(TalentContext context, PayRuleSets payRules)
{
    private Data.WorkforceDbContext Db => context.Db;

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
        var ratio = await context.ParameterAsync(PolicyParameter.ReserveTargetRatio, TalentParameters.DefaultTargetRatio, ct);
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
    public async Task<IQueryable<ReserveListItem>> QueryAsync(UserScope scope, ReserveFilter filter, CancellationToken ct)
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
        var rows = from e in q
                   join w in Db.Workers on e.WorkerId equals w.Id
                   join u in Db.OrgUnits on e.CommunityId equals u.Id
                   select new { e, w.Name, Community = u.Name };
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var name = filter.Q.Trim();
            rows = rows.Where(r => r.Name.Contains(name));
        }
        return rows.OrderBy(r => r.e.Status).ThenBy(r => r.Community).ThenBy(r => r.Name).ThenBy(r => r.e.Id)
            .Select(r => new ReserveListItem(r.e.Id, r.e.WorkerId, r.Name, r.Community, r.e.Source, r.e.Status, r.e.NominatedOn,
                r.e.EntryDate, r.e.EndDate, r.e.ReviewOverdue, r.e.Reviews.Count));
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

    /// <summary>Nominates a serving worker in scope for a community's pool; one open entry per person.</summary>
    public async Task<CommandResult<ReserveEntry>> NominateAsync(UserScope scope, NominationInput input, CancellationToken ct)
    {
        var today = context.Today;
        var worker = await scope.Workers(Db).AsNoTracking().Where(w => w.Id == input.WorkerId && (w.LeaveDate == null || w.LeaveDate >= today))
            .Select(w => new { w.Id, w.OrgUnitId }).SingleOrDefaultAsync(ct);
        if (worker is null)
        {
            return context.Fail<ReserveEntry>(nameof(input.WorkerId), "Reserve.NotInScope");
        }
        var communityId = input.CommunityId ?? worker.OrgUnitId;
        if (!await scope.Units(Db).AnyAsync(u => u.Id == communityId && u.Type == OrgUnitType.Community, ct))
        {
            return context.Fail<ReserveEntry>(nameof(input.CommunityId), "Reserve.NotInScope");
        }
        var open = await Db.ReserveEntries.AsNoTracking().Where(e => e.OpenWorkerId == worker.Id)
            .Join(Db.OrgUnits, e => e.CommunityId, u => u.Id, (e, u) => u.Name).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            return context.Fail<ReserveEntry>(nameof(input.WorkerId), "Reserve.AlreadyInPool", open);
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
            return context.Fail<ReserveEntry>(nameof(input.WorkerId), "Reserve.AlreadyInPool", "—");
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
        var details = await FindAsync(scope, id, ct);
        if (details is null)
        {
            return null;
        }
        var (entry, worker, community, current) = details;
        var bands = await Db.GradeBands.AsNoTracking().Where(b => b.Post == Post.Head).ToListAsync(ct);
        var band = bands.Where(b => b.EffectiveFrom <= on).OrderByDescending(b => b.EffectiveFrom).FirstOrDefault();
        if (current is null || band is null)
        {
            return context.Fail<PromotionResult>("Date", "Reserve.WrongStatus", entry.Status);
        }
        Workforce.Payroll.Rules.RuleSet rules;
        try
        {
            rules = await payRules.ForDateAsync(Db, on, ct);
        }
        catch (Workforce.Domain.Common.DomainException ex)
        {
            return CommandResult<PromotionResult>.Fail(new FieldError("Date", context.Text.Domain(ex)));
        }
        var fromGrade = current.Grade.Value;
        var reslotted = fromGrade >= rules.BandMin(current.Post) && fromGrade <= rules.BandMax(current.Post)
            ? GradeCalculator.Reslot(rules, current.Post, fromGrade, Post.Head)
            : rules.BandMin(Post.Head);
        var grade = Math.Clamp(reslotted, band.MinGrade, band.MaxGrade);
        return await context.SaveAsync(() =>
        {
            entry.Promote(on);
            worker.AssignPost(Post.Head, new Grade(grade), community, on, band);
            return new PromotionResult(entry, current.Post, fromGrade, grade, on);
        }, ct);
    }

    private async Task<CommandResult<ReserveEntry>?> ChangeAsync(UserScope scope, long id, Action<ReserveEntry> change, CancellationToken ct)
    {
        var entry = await Entries(scope).Include(e => e.Reviews).SingleOrDefaultAsync(e => e.Id == id, ct);
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
