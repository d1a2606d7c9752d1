using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Mentorship;
using Workforce.Domain.Policy;
using Workforce.Domain.ReservePool;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Talent;

/// <summary>New pairing.</summary>
public sealed class MentorshipInput
{
    /// <summary>Kind.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Mentorship.Kind")]
    public MentorshipKind? Kind { get; set; }
    /// <summary>Mentor.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Mentorship.Mentor")]
    public long? MentorId { get; set; }
    /// <summary>Mentees.</summary>
    [Display(Name = "Mentorship.Mentees")]
    public List<long> MenteeIds { get; set; } = [];
    /// <summary>First day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Start")]
    public DateOnly? Start { get; set; }
    /// <summary>Last day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.End")]
    public DateOnly? End { get; set; }
    /// <summary>Goals.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Mentorship.Goals")]
    public string? Goals { get; set; }
}

/// <summary>A check-in held.</summary>
public sealed class CheckInInput
{
    /// <summary>Kind.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Mentorship.CheckInKind")]
    public CheckInKind? Kind { get; set; }
    /// <summary>Date held (default today).</summary>
    [Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }
    /// <summary>Notes.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Field.Note")]
    public string? Note { get; set; }
}

/// <summary>End-of-pairing evaluation.</summary>
public sealed class EvaluationInput
{
    /// <summary>Mentor's rating.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Mentorship.MentorRating")]
    public AssessmentRating? MentorRating { get; set; }
    /// <summary>Mentees' rating.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Mentorship.MenteeRating")]
    public AssessmentRating? MenteeRating { get; set; }
    /// <summary>Notes.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Field.Note")]
    public string? Note { get; set; }
}

/// <summary>New shadowing placement.</summary>
public sealed class ShadowingInput
{
    /// <summary>Who.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Worker")]
    public long? WorkerId { get; set; }
    /// <summary>Host organisation.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Shadowing.Host")]
    public string? HostOrganisation { get; set; }
    /// <summary>City.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(30, ErrorMessage = "Validation.MaxLength"), Display(Name = "Shadowing.City")]
    public string? City { get; set; }
    /// <summary>First day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Start")]
    public DateOnly? Start { get; set; }
    /// <summary>Last day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.End")]
    public DateOnly? End { get; set; }
}

/// <summary>A pairing in the list, with the names and what is missing.</summary>
public sealed record MentorshipListItem(Mentorship Pairing, string MentorName, IReadOnlyList<string> MenteeNames, IReadOnlyList<DueCheckIn> Missing);

/// <summary>A shadowing placement with the worker's name.</summary>
public sealed record ShadowingListItem(ShadowingPlacement Placement, string WorkerName);

/// <summary>传帮带 pairings, their check-ins and evaluations, overdue lists, shadowing placements, and the nightly follow-up.</summary>
public sealed class MentorshipService(TalentContext context)
{
    private Data.WorkforceDbContext Db => context.Db;

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

    /// <summary>Pairs a mentor with mentees, all serving workers in scope.</summary>
    public async Task<CommandResult<Mentorship>> CreateAsync(UserScope scope, MentorshipInput input, CancellationToken ct)
    {
        var today = context.Today;
        var ids = input.MenteeIds.Append(input.MentorId!.Value).Distinct().ToList();
        var workers = await scope.Workers(Db).Where(w => ids.Contains(w.Id) && (w.LeaveDate == null || w.LeaveDate >= today))
            .Select(w => new { w.Id, w.OrgUnitId }).ToListAsync(ct);
        if (workers.Count != ids.Count)
        {
            return context.Fail<Mentorship>(nameof(input.MenteeIds), "Reserve.NotInScope");
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

    /// <summary>Shadowing placements in scope.</summary>
    public async Task<List<ShadowingListItem>> PlacementsAsync(UserScope scope, CancellationToken ct) =>
        await (from s in Db.ShadowingPlacements.AsNoTracking()
               where scope.Units(Db).Any(u => u.Id == s.OrgUnitId)
               join w in Db.Workers on s.WorkerId equals w.Id
               orderby s.Start descending, s.Id
               select new ShadowingListItem(s, w.Name)).Take(500).ToListAsync(ct);

    /// <summary>Records a shadowing placement for a worker in scope.</summary>
    public async Task<CommandResult<ShadowingPlacement>> PlaceAsync(UserScope scope, ShadowingInput input, CancellationToken ct)
    {
        var worker = await scope.Workers(Db).Where(w => w.Id == input.WorkerId).Select(w => new { w.Id, w.OrgUnitId }).SingleOrDefaultAsync(ct);
        if (worker is null)
        {
            return context.Fail<ShadowingPlacement>(nameof(input.WorkerId), "Reserve.NotInScope");
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

    /// <summary>
    /// The nightly follow-up (all units): flags active reserves without a review within the interval
    /// and stores each current pairing's number of missing check-ins. Returns (reserves flagged, pairings with gaps).
    /// </summary>
    public async Task<(int Reserves, int Pairings)> MarkOverdueAsync(CancellationToken ct)
    {
        var today = context.Today;
        var interval = (int)await context.ParameterAsync(PolicyParameter.ReserveReviewIntervalDays, TalentParameters.DefaultReviewIntervalDays, ct);
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

    private async Task<CommandResult<Mentorship>?> ChangeAsync(UserScope scope, long id, Action<Mentorship> change, CancellationToken ct)
    {
        var m = await Pairings(scope).Include(x => x.CheckIns).Include(x => x.Mentees).SingleOrDefaultAsync(x => x.Id == id, ct);
        return m is null ? null : await context.SaveAsync(() =>
        {
            change(m);
            return m;
        }, ct);
    }
}
