using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Training;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Talent;

/// <summary>New camp.</summary>
public sealed class CampInput
{
    /// <summary>Name.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Field.Name")]
    public string? Name { get; set; }
    /// <summary>Organising unit (default: the officer's).</summary>
    [Display(Name = "Field.OrgUnit")]
    public long? OrgUnitId { get; set; }
    /// <summary>First day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Start")]
    public DateOnly? Start { get; set; }
    /// <summary>Last day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.End")]
    public DateOnly? End { get; set; }
    /// <summary>Completion: minimum attendance in percent.</summary>
    [Range(0, 100, ErrorMessage = "Validation.Range"), Display(Name = "Training.MinAttendance")]
    public int MinAttendancePercent { get; set; } = 80;
    /// <summary>Completion: every required course passed.</summary>
    [Display(Name = "Training.RequirePassed")]
    public bool RequireRequiredCoursesPassed { get; set; } = true;
}

/// <summary>New course in a module.</summary>
public sealed class CourseInput
{
    /// <summary>Module.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.Module")]
    public long? ModuleId { get; set; }
    /// <summary>Title.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Training.Course")]
    public string? Title { get; set; }
    /// <summary>政治 or 业务.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.Track")]
    public CourseTrack? Track { get; set; }
    /// <summary>Required.</summary>
    [Display(Name = "Training.Required")]
    public bool Required { get; set; }
    /// <summary>Pass score.</summary>
    [Range(0, 100, ErrorMessage = "Validation.Range"), Display(Name = "Training.PassScore")]
    public decimal? PassScore { get; set; }
}

/// <summary>New session of a course.</summary>
public sealed class SessionInput
{
    /// <summary>Course.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.Course")]
    public long? CourseId { get; set; }
    /// <summary>Date.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }
    /// <summary>Start time.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.StartTime")]
    public TimeOnly? StartTime { get; set; }
    /// <summary>End time.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.EndTime")]
    public TimeOnly? EndTime { get; set; }
    /// <summary>Place.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Training.Place")]
    public string? Place { get; set; }
    /// <summary>Teacher.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.MaxLength"), Display(Name = "Training.Teacher")]
    public string? Teacher { get; set; }
}

/// <summary>Enrolment of workers (API body).</summary>
public sealed class EnrolmentInput
{
    /// <summary>Workers to enrol.</summary>
    public List<long> WorkerIds { get; set; } = [];
    /// <summary>Also enrol every active reserve of the camp's area.</summary>
    public bool ActiveReserves { get; set; }
}

/// <summary>Attendance of a session: one mark per trainee.</summary>
public sealed class AttendanceInput
{
    /// <summary>Marks.</summary>
    public List<AttendanceMark> Marks { get; set; } = [];
}

/// <summary>One trainee's attendance.</summary>
/// <param name="WorkerId">Trainee.</param>
/// <param name="Present">Present.</param>
public sealed record AttendanceMark(long WorkerId, bool Present);

/// <summary>A course result.</summary>
public sealed class ResultInput
{
    /// <summary>Trainee.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public long? WorkerId { get; set; }
    /// <summary>Assignment handed in.</summary>
    public bool AssignmentSubmitted { get; set; }
    /// <summary>Score 0–100.</summary>
    [Range(0, 100, ErrorMessage = "Validation.Range")]
    public decimal? Score { get; set; }
}

/// <summary>A camp in a list.</summary>
public sealed record CampListItem(long Id, string Name, string Unit, LocalDate Start, LocalDate End, int Enrolled, int Completed);

/// <summary>A trainee of the cohort with their progress.</summary>
public sealed record CohortMember(Enrolment Enrolment, string Name, CampProgress Progress);

/// <summary>Training camps (学习成长营): plan, cohort, attendance, results, completion, trainee progress.</summary>
public sealed class TrainingService(TalentContext context)
{
    private Data.WorkforceDbContext Db => context.Db;

    /// <summary>Camps organised by units in scope.</summary>
    public IQueryable<TrainingCamp> Camps(UserScope scope) => Db.TrainingCamps.Where(c => scope.Units(Db).Any(u => u.Id == c.OrgUnitId));

    /// <summary>The camps in scope with cohort figures.</summary>
    public Task<List<CampListItem>> ListAsync(UserScope scope, CancellationToken ct) =>
        Camps(scope).AsNoTracking().OrderByDescending(c => c.Start).ThenBy(c => c.Id)
            .Select(c => new CampListItem(c.Id, c.Name, Db.OrgUnits.Where(u => u.Id == c.OrgUnitId).Select(u => u.Name).Single(), c.Start, c.End,
                Db.Enrolments.Count(e => e.CampId == c.Id), Db.Enrolments.Count(e => e.CampId == c.Id && e.CompletedOn != null)))
            .ToListAsync(ct);

    /// <summary>A camp in scope with its plan, or null.</summary>
    public Task<TrainingCamp?> FindAsync(UserScope scope, long id, CancellationToken ct) =>
        Camps(scope).Include(c => c.Modules).ThenInclude(m => m.Courses).ThenInclude(c => c.Sessions).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>Creates a camp with the four standard modules.</summary>
    public async Task<CommandResult<TrainingCamp>> CreateAsync(UserScope scope, CampInput input, CancellationToken ct)
    {
        var unit = await context.UnitAsync(scope, input.OrgUnitId, ct);
        if (unit is null)
        {
            return context.Fail<TrainingCamp>(nameof(input.OrgUnitId), "Reserve.NotInScope");
        }
        return await context.SaveAsync(() =>
        {
            var camp = new TrainingCamp(input.Name!, unit.Id, LocalDate.FromDateOnly(input.Start!.Value), LocalDate.FromDateOnly(input.End!.Value),
                input.MinAttendancePercent, input.RequireRequiredCoursesPassed);
            foreach (var kind in Enum.GetValues<ModuleKind>())
            {
                camp.AddModule(kind, context.Text.Enum(kind));
            }
            Db.TrainingCamps.Add(camp);
            return camp;
        }, ct);
    }

    /// <summary>Adds a course to a module of a camp in scope.</summary>
    public async Task<CommandResult<Course>?> AddCourseAsync(UserScope scope, long campId, CourseInput input, CancellationToken ct)
    {
        var camp = await FindAsync(scope, campId, ct);
        var module = camp?.Modules.SingleOrDefault(m => m.Id == input.ModuleId);
        if (camp is null)
        {
            return null;
        }
        if (module is null)
        {
            return context.Fail<Course>(nameof(input.ModuleId), "Training.CourseNotInCamp");
        }
        return await context.SaveAsync(() => module.AddCourse(input.Title!, input.Track!.Value, input.Required, input.PassScore), ct);
    }

    /// <summary>Adds a session to a course of a camp in scope.</summary>
    public async Task<CommandResult<CourseSession>?> AddSessionAsync(UserScope scope, long campId, SessionInput input, CancellationToken ct)
    {
        var camp = await FindAsync(scope, campId, ct);
        if (camp is null)
        {
            return null;
        }
        var course = camp.Modules.SelectMany(m => m.Courses).SingleOrDefault(c => c.Id == input.CourseId);
        if (course is null)
        {
            return context.Fail<CourseSession>(nameof(input.CourseId), "Training.CourseNotInCamp");
        }
        return await context.SaveAsync(() => camp.AddSession(course, LocalDate.FromDateOnly(input.Date!.Value),
            LocalTime.FromTimeOnly(input.StartTime!.Value), LocalTime.FromTimeOnly(input.EndTime!.Value), input.Place!, input.Teacher!), ct);
    }

    /// <summary>
    /// Enrols serving workers in scope (and, when asked, every active reserve of the camp's area);
    /// those already enrolled are skipped. Returns how many were added; null when the camp is outside scope.
    /// </summary>
    public async Task<CommandResult<int>?> EnrolAsync(UserScope scope, long campId, EnrolmentInput input, CancellationToken ct)
    {
        var camp = await Camps(scope).AsNoTracking().SingleOrDefaultAsync(c => c.Id == campId, ct);
        if (camp is null)
        {
            return null;
        }
        var today = context.Today;
        var ids = new HashSet<long>(input.WorkerIds);
        if (input.ActiveReserves)
        {
            var campPath = await Db.OrgUnits.Where(u => u.Id == camp.OrgUnitId).Select(u => u.Path).SingleAsync(ct);
            ids.UnionWith(await Db.ReserveEntries.Where(e => e.Status == ReserveStatus.Active && Db.OrgUnits.Any(u => u.Id == e.CommunityId && u.Path.StartsWith(campPath)))
                .Select(e => e.WorkerId).ToListAsync(ct));
        }
        var allowed = await scope.Workers(Db).Where(w => ids.Contains(w.Id) && (w.LeaveDate == null || w.LeaveDate >= today)).Select(w => w.Id).ToListAsync(ct);
        if (allowed.Count < ids.Count)
        {
            return context.Fail<int>(nameof(input.WorkerIds), "Reserve.NotInScope");
        }
        var existing = await Db.Enrolments.Where(e => e.CampId == campId).Select(e => e.WorkerId).ToListAsync(ct);
        var added = allowed.Except(existing).ToList();
        Db.Enrolments.AddRange(added.Select(id => new Enrolment(campId, id, today)));
        await Db.SaveChangesAsync(ct);
        return CommandResult<int>.Ok(added.Count);
    }

    /// <summary>Records attendance of a session for enrolled trainees (insert or correct). Null when outside scope.</summary>
    public async Task<CommandResult<int>?> RecordAttendanceAsync(UserScope scope, long sessionId, AttendanceInput input, CancellationToken ct)
    {
        var campId = await CampOfSessionAsync(scope, sessionId, ct);
        if (campId is null)
        {
            return null;
        }
        var enrolled = (await Db.Enrolments.Where(e => e.CampId == campId).Select(e => e.WorkerId).ToListAsync(ct)).ToHashSet();
        if (input.Marks.Count == 0 || input.Marks.Any(m => !enrolled.Contains(m.WorkerId)))
        {
            return context.Fail<int>(nameof(input.Marks), "Training.NotEnrolled");
        }
        var existing = await Db.Attendances.Where(a => a.SessionId == sessionId).ToDictionaryAsync(a => a.WorkerId, ct);
        foreach (var mark in input.Marks)
        {
            if (existing.TryGetValue(mark.WorkerId, out var a))
            {
                a.Mark(mark.Present);
            }
            else
            {
                Db.Attendances.Add(new Attendance(sessionId, mark.WorkerId, mark.Present));
            }
        }
        await Db.SaveChangesAsync(ct);
        return CommandResult<int>.Ok(input.Marks.Count);
    }

    /// <summary>Records a course result of an enrolled trainee. Null when outside scope.</summary>
    public async Task<CommandResult<CourseResult>?> RecordResultAsync(UserScope scope, long campId, long courseId, ResultInput input, CancellationToken ct)
    {
        var camp = await FindAsync(scope, campId, ct);
        if (camp is null || !camp.Modules.SelectMany(m => m.Courses).Any(c => c.Id == courseId))
        {
            return null;
        }
        if (!await Db.Enrolments.AnyAsync(e => e.CampId == campId && e.WorkerId == input.WorkerId, ct))
        {
            return context.Fail<CourseResult>(nameof(input.WorkerId), "Training.NotEnrolled");
        }
        var result = await Db.CourseResults.SingleOrDefaultAsync(r => r.CourseId == courseId && r.WorkerId == input.WorkerId, ct);
        return await context.SaveAsync(() =>
        {
            if (result is null)
            {
                result = new CourseResult(courseId, input.WorkerId!.Value);
                Db.CourseResults.Add(result);
            }
            result.Record(input.AssignmentSubmitted, input.Score);
            return result;
        }, ct);
    }

    /// <summary>The cohort of a camp with each trainee's progress.</summary>
    public Task<List<CohortMember>> CohortAsync(TrainingCamp camp, CancellationToken ct) => ProgressOfAsync(camp, null, ct);

    /// <summary>Progress of the camp's enrolled trainees (or of one of them), computed from attendance and results.</summary>
    private async Task<List<CohortMember>> ProgressOfAsync(TrainingCamp camp, long? onlyWorkerId, CancellationToken ct)
    {
        var enrolments = await Db.Enrolments.Where(e => e.CampId == camp.Id && (onlyWorkerId == null || e.WorkerId == onlyWorkerId))
            .Join(Db.Workers, e => e.WorkerId, w => w.Id, (e, w) => new { e, w.Name }).OrderBy(x => x.Name).ToListAsync(ct);
        var sessionIds = camp.Sessions.Select(s => s.Id).ToList();
        var courseIds = camp.Modules.SelectMany(m => m.Courses).Select(c => c.Id).ToList();
        var attendance = await Db.Attendances.AsNoTracking().Where(a => a.Present && sessionIds.Contains(a.SessionId) && (onlyWorkerId == null || a.WorkerId == onlyWorkerId)).ToListAsync(ct);
        var results = await Db.CourseResults.AsNoTracking().Where(r => courseIds.Contains(r.CourseId) && (onlyWorkerId == null || r.WorkerId == onlyWorkerId)).ToListAsync(ct);
        return [.. enrolments.Select(x => new CohortMember(x.e, x.Name, CampProgress.Compute(camp,
            attendance.Where(a => a.WorkerId == x.e.WorkerId).Select(a => a.SessionId).ToHashSet(),
            results.Where(r => r.WorkerId == x.e.WorkerId).ToDictionary(r => r.CourseId), context.Today)))];
    }

    /// <summary>Issues the completion record when the camp's rules are met. Null when outside scope.</summary>
    public async Task<CommandResult<Enrolment>?> CompleteAsync(UserScope scope, long campId, long workerId, CancellationToken ct)
    {
        var camp = await FindAsync(scope, campId, ct);
        if (camp is null)
        {
            return null;
        }
        var member = (await ProgressOfAsync(camp, workerId, ct)).SingleOrDefault();
        if (member is null)
        {
            return context.Fail<Enrolment>("WorkerId", "Training.NotEnrolled");
        }
        var enrolment = await Db.Enrolments.SingleAsync(e => e.Id == member.Enrolment.Id, ct);
        var number = string.Create(CultureInfo.InvariantCulture, $"JY{camp.Start.Year}-{camp.Id:000}-{enrolment.Id:0000}");
        return await context.SaveAsync(() =>
        {
            enrolment.Complete(member.Progress, context.Today, number);
            return enrolment;
        }, ct);
    }

    /// <summary>A trainee's own camps and progress ("我的成长"): only their enrolments, never anyone else's.</summary>
    public async Task<List<CohortMember>> MineAsync(long workerId, CancellationToken ct)
    {
        var campIds = await Db.Enrolments.Where(e => e.WorkerId == workerId).Select(e => e.CampId).ToListAsync(ct);
        var list = new List<CohortMember>();
        foreach (var id in campIds)
        {
            var camp = await Db.TrainingCamps.AsNoTracking().Include(c => c.Modules).ThenInclude(m => m.Courses).ThenInclude(c => c.Sessions)
                .AsSplitQuery().SingleAsync(c => c.Id == id, ct);
            list.AddRange(await ProgressOfAsync(camp, workerId, ct));
        }
        return [.. list.OrderByDescending(m => m.Progress.Camp.Start)];
    }

    private async Task<long?> CampOfSessionAsync(UserScope scope, long sessionId, CancellationToken ct) =>
        await (from s in Db.CourseSessions
               join c in Db.Courses on s.CourseId equals c.Id
               join m in Db.Set<CampModule>() on c.ModuleId equals m.Id
               where s.Id == sessionId && Camps(scope).Any(x => x.Id == m.CampId)
               select (long?)m.CampId).SingleOrDefaultAsync(ct);
}
