using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Domain.Training;
using Workforce.Domain.Workers;

namespace Workforce.Application.Training;

/// <summary>A training that counts in a worker's hours: a camp session attended or an external training.</summary>
/// <param name="Date">Date (last day of an external training).</param>
/// <param name="Title">Course title.</param>
/// <param name="Source">The camp, or who held the external training.</param>
/// <param name="Minutes">Training time.</param>
/// <param name="External">An external training.</param>
/// <param name="CertificateNumber">The external training's certificate, if any.</param>
/// <param name="SignedIn">Attendance by QR sign-in (rather than an officer's tick).</param>
public sealed record TrainingHoursItem(LocalDate Date, string Title, string Source, int Minutes, bool External, string? CertificateNumber, bool SignedIn);

/// <summary>One worker's training hours of a year with what they came from.</summary>
public sealed record WorkerTrainingHours(long WorkerId, string Name, int Year, Post? Post, TrainingHours Hours, IReadOnlyList<TrainingHoursItem> Items);

/// <summary>A worker in the officers' hours list.</summary>
public sealed record TrainingHoursRow(long WorkerId, string Name, long UnitId, string Unit, Post? Post, TrainingHours Hours);

/// <summary>A unit (a child of the unit looked at) with its people, how many are short, and hours done against hours required.</summary>
public sealed record TrainingHoursByUnit(long UnitId, string Unit, int People, int ShortOfHours, int DoneMinutes, int RequiredMinutes);

/// <summary>The officers' report of a year: the requirement of each post, the units, and one page of people (the most short first).</summary>
public sealed record TrainingHoursReport(int Year, IReadOnlyDictionary<Post, int> Requirements, IReadOnlyList<TrainingHoursByUnit> Units, IReadOnlyList<TrainingHoursRow> Rows,
    int Total, int ShortTotal);

/// <summary>The hours list's filter.</summary>
public sealed class TrainingHoursFilter
{
    /// <summary>Year (this year when empty).</summary>
    [Range(2000, 2100)]
    public int? Year { get; set; }
    /// <summary>Unit looked at (the officer's own when empty).</summary>
    public long? OrgUnitId { get; set; }
    /// <summary>Only those short of their requirement.</summary>
    public bool ShortOnly { get; set; } = true;
    /// <summary>Page (1-based).</summary>
    [Range(1, 100_000)]
    public int Page { get; set; } = 1;
    /// <summary>Column to sort by (name, unit, post, total, short; "-" before it for descending); the most short first by default.</summary>
    [StringLength(20)]
    public string? Sort { get; set; }
    /// <summary>Rows per page (at most 200).</summary>
    [Range(1, 200)]
    public int PageSize { get; set; } = 50;
}

/// <summary>An external training to record.</summary>
public sealed class ExternalTrainingInput
{
    /// <summary>Worker.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Worker")]
    public long? WorkerId { get; set; }
    /// <summary>Title.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Training.Course")]
    public string? Title { get; set; }
    /// <summary>Organiser.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Training.Organiser")]
    public string? Organiser { get; set; }
    /// <summary>Last day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.CompletedOn")]
    public DateOnly? CompletedOn { get; set; }
    /// <summary>Hours (half hours).</summary>
    [Required(ErrorMessage = "Validation.Required"), Range(0.5, 200, ErrorMessage = "Validation.Range"), Display(Name = "Training.Hours")]
    public decimal? Hours { get; set; }
    /// <summary>Certificate number, if one was issued.</summary>
    [StringLength(40, ErrorMessage = "Validation.MaxLength"), Display(Name = "Training.CertificateNumber")]
    public string? CertificateNumber { get; set; }
}

/// <summary>
/// Training hours (学时): minutes present at camp sessions plus external trainings of a year, against the requirement of the
/// worker's post (policy parameters <c>Training.AnnualHours.{Post}</c> in force on the last day of the year). Sums are done by
/// the database per worker, so a district's list reads one row per worker whatever the number of sessions.
/// </summary>
public sealed class TrainingHoursQueries(UseCaseContext context)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>The annual requirement of each post in minutes, in force on the last day of <paramref name="year"/> (0 when none is set).</summary>
    public async Task<IReadOnlyDictionary<Post, int>> RequirementsAsync(int year, CancellationToken ct) => RequirementsIn(await RequirementVersionsAsync(year, ct), year);

    /// <summary>A worker's hours of a year with every training they came from (the caller has checked the worker may be read).</summary>
    public async Task<WorkerTrainingHours?> OfWorkerAsync(long workerId, int year, CancellationToken ct) => (await ByYearsAsync(workerId, year, year, ct))?.Single();

    /// <summary>
    /// A worker's hours of each year from <paramref name="firstYear"/> to <paramref name="lastYear"/>, newest first, with the
    /// trainings they came from: one query per kind for all the years (the caller has checked the worker may be read). Null when
    /// the worker does not exist; empty when the range is.
    /// </summary>
    public async Task<List<WorkerTrainingHours>?> ByYearsAsync(long workerId, int firstYear, int lastYear, CancellationToken ct)
    {
        var worker = await Db.Workers.AsNoTracking().Where(w => w.Id == workerId).Select(w => new { w.Id, w.Name, w.CurrentPost }).SingleOrDefaultAsync(ct);
        if (worker is null)
        {
            return null;
        }
        if (lastYear < firstYear)
        {
            return [];
        }
        var (first, last) = (new LocalDate(firstYear, 1, 1), new LocalDate(lastYear, 12, 31));
        var sessions = await (from a in Db.Attendances
                              where a.WorkerId == workerId && a.Present
                              join s in Db.CourseSessions on a.SessionId equals s.Id
                              where s.Date >= first && s.Date <= last
                              join c in Db.Courses on s.CourseId equals c.Id
                              join m in Db.Set<CampModule>() on c.ModuleId equals m.Id
                              join camp in Db.TrainingCamps on m.CampId equals camp.Id
                              select new { s.Date, c.Title, Camp = camp.Name, s.Minutes, a.SignedInAt }).AsNoTracking().ToListAsync(ct);
        var external = await Db.ExternalTrainings.AsNoTracking().Where(e => e.WorkerId == workerId && e.CompletedOn >= first && e.CompletedOn <= last).ToListAsync(ct);
        var versions = await RequirementVersionsAsync(lastYear, ct);
        var years = new List<WorkerTrainingHours>(lastYear - firstYear + 1);
        for (var year = lastYear; year >= firstYear; year--)
        {
            var inSessions = sessions.Where(s => s.Date.Year == year).ToList();
            var inExternal = external.Where(e => e.CompletedOn.Year == year).ToList();
            var items = inSessions.Select(s => new TrainingHoursItem(s.Date, s.Title, s.Camp, s.Minutes, false, null, s.SignedInAt is not null))
                .Concat(inExternal.Select(e => new TrainingHoursItem(e.CompletedOn, e.Title, e.Organiser, e.Minutes, true, e.CertificateNumber, false)))
                .OrderByDescending(i => i.Date).ThenBy(i => i.Title, StringComparer.Ordinal).ToList();
            var required = worker.CurrentPost is { } post ? RequirementsIn(versions, year)[post] : 0;
            years.Add(new WorkerTrainingHours(worker.Id, worker.Name, year, worker.CurrentPost,
                new TrainingHours(required, inSessions.Sum(s => s.Minutes), inExternal.Sum(e => e.Minutes)), items));
        }
        return years;
    }

    // The versions of the posts' requirements in force by the end of lastYear (one read for any number of years).
    private Task<List<Domain.Policy.PolicyParameter>> RequirementVersionsAsync(int lastYear, CancellationToken ct)
    {
        var last = new LocalDate(lastYear, 12, 31);
        var codes = Enum.GetValues<Post>().Select(TrainingHours.RequirementCode).ToList();
        return Db.PolicyParameters.AsNoTracking().Where(p => codes.Contains(p.Code) && p.EffectiveFrom <= last).ToListAsync(ct);
    }

    // Each post's requirement in minutes in force on 31 December of the year (0 when none is set).
    private static Dictionary<Post, int> RequirementsIn(List<Domain.Policy.PolicyParameter> versions, int year)
    {
        var last = new LocalDate(year, 12, 31);
        return Enum.GetValues<Post>().ToDictionary(p => p, p => (int)Math.Round((versions.Where(v => v.Code == TrainingHours.RequirementCode(p) && v.EffectiveFrom <= last)
            .OrderByDescending(v => v.EffectiveFrom).Select(v => (decimal?)v.Value).FirstOrDefault() ?? 0m) * 60m, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// The hours of the workers serving in the year under a unit in scope: per child unit (people, short, done against required)
    /// and one page of people, the most short first (only the short ones unless asked). Null when the unit is outside scope.
    /// </summary>
    public async Task<TrainingHoursReport?> ReportAsync(UserScope scope, TrainingHoursFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var unit = await context.UnitAsync(scope, filter.OrgUnitId, ct);
        if (unit is null)
        {
            return null;
        }
        var year = filter.Year ?? context.Today.Year;
        var (first, last) = (new LocalDate(year, 1, 1), new LocalDate(year, 12, 31));
        var workers = scope.Workers(Db).Where(w => w.HireDate <= last && (w.LeaveDate == null || w.LeaveDate >= first)
            && Db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Path.StartsWith(unit.Path)));
        var people = await workers.AsNoTracking().Select(w => new { w.Id, w.Name, w.OrgUnitId, w.CurrentPost }).ToListAsync(ct);
        var camp = await (from a in Db.Attendances
                          where a.Present && workers.Any(w => w.Id == a.WorkerId)
                          join s in Db.CourseSessions on a.SessionId equals s.Id
                          where s.Date >= first && s.Date <= last
                          group s.Minutes by a.WorkerId into g
                          select new { WorkerId = g.Key, Minutes = g.Sum() }).ToDictionaryAsync(x => x.WorkerId, x => x.Minutes, ct);
        var external = await Db.ExternalTrainings.Where(e => e.CompletedOn >= first && e.CompletedOn <= last && workers.Any(w => w.Id == e.WorkerId))
            .GroupBy(e => e.WorkerId).Select(g => new { WorkerId = g.Key, Minutes = g.Sum(e => e.Minutes) }).ToDictionaryAsync(x => x.WorkerId, x => x.Minutes, ct);
        var requirements = await RequirementsAsync(year, ct);
        // Each unit counted in the child of the unit looked at that holds it (the unit itself for its own workers).
        var rollup = await Payroll.UnitRollup.LoadAsync(Db, unit.Path, ct);
        var rows = people.Select(p => new TrainingHoursRow(p.Id, p.Name, p.OrgUnitId, rollup.NameOf(p.OrgUnitId), p.CurrentPost,
            new TrainingHours(p.CurrentPost is { } post ? requirements[post] : 0, camp.GetValueOrDefault(p.Id), external.GetValueOrDefault(p.Id)))).ToList();
        var byUnit = rows.GroupBy(r => rollup.Of(r.UnitId)).Select(g => new TrainingHoursByUnit(g.Key.Id, g.Key.Name, g.Count(), g.Count(r => !r.Hours.Met),
            g.Sum(r => Math.Min(r.Hours.TotalMinutes, r.Hours.RequiredMinutes)), g.Sum(r => r.Hours.RequiredMinutes))).OrderBy(u => u.Unit, StringComparer.Ordinal).ToList();
        var listed = Sorted(rows.Where(r => !filter.ShortOnly || !r.Hours.Met), filter.Sort).ThenBy(r => r.Unit, StringComparer.Ordinal)
            .ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.WorkerId).ToList();
        var size = Math.Clamp(filter.PageSize, 1, 200);
        return new TrainingHoursReport(year, requirements, byUnit, [.. listed.Skip((Math.Max(1, filter.Page) - 1) * size).Take(size)], listed.Count, rows.Count(r => !r.Hours.Met));
    }

    // The list's order: a sortable column (name, unit, post, total, short), the most short first otherwise.
    private static IOrderedEnumerable<TrainingHoursRow> Sorted(IEnumerable<TrainingHoursRow> rows, string? sort)
    {
        var descending = sort?.StartsWith('-') == true;
        IOrderedEnumerable<TrainingHoursRow> By<TKey>(Func<TrainingHoursRow, TKey> key, IComparer<TKey>? comparer = null) =>
            descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
        return sort?.TrimStart('-') switch
        {
            "name" => By(r => r.Name, StringComparer.Ordinal),
            "unit" => By(r => r.Unit, StringComparer.Ordinal),
            "post" => By(r => r.Post),
            "total" => By(r => r.Hours.TotalMinutes),
            "short" => By(r => r.Hours.ShortMinutes),
            _ => rows.OrderByDescending(r => r.Hours.ShortMinutes),
        };
    }
}
