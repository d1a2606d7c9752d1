using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Training;

namespace Workforce.Application.Training;

/// <summary>The attendance sheet of one session.</summary>
/// <param name="Camp">Camp.</param>
/// <param name="Course">Course.</param>
/// <param name="Session">Session.</param>
/// <param name="Trainees">Enrolled trainees with their current mark (null: not recorded).</param>
public sealed record AttendanceSheet(TrainingCamp Camp, Course Course, CourseSession Session, IReadOnlyList<(long WorkerId, string Name, bool? Present)> Trainees);

/// <summary>The score sheet of one course.</summary>
/// <param name="Camp">Camp.</param>
/// <param name="Course">Course.</param>
/// <param name="Trainees">Enrolled trainees with their result.</param>
public sealed record ResultSheet(TrainingCamp Camp, Course Course, IReadOnlyList<(long WorkerId, string Name, CourseResult? Result)> Trainees);

/// <summary>A camp with its cohort's progress and its unit's name.</summary>
/// <param name="Camp">Camp with its plan.</param>
/// <param name="Cohort">Enrolled trainees with progress.</param>
/// <param name="UnitName">Organising unit.</param>
public sealed record CampOverview(TrainingCamp Camp, IReadOnlyList<CohortMember> Cohort, string UnitName);

/// <summary>Training camps (学习成长营) as officers and trainees read them: plans, cohorts with progress, sheets, a trainee's own progress.</summary>
public sealed class TrainingQueries(UseCaseContext context)
{
    private WorkforceDbContext Db => context.Db;

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

    /// <summary>The cohort of a camp with each trainee's progress.</summary>
    public Task<List<CohortMember>> CohortAsync(TrainingCamp camp, CancellationToken ct) => ProgressOfAsync(camp, null, ct);

    /// <summary>Progress of the camp's enrolled trainees (or of one of them), computed from attendance and results.</summary>
    internal async Task<List<CohortMember>> ProgressOfAsync(TrainingCamp camp, long? onlyWorkerId, CancellationToken ct)
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

    /// <summary>A camp in scope with its cohort's progress, or null.</summary>
    public async Task<CampOverview?> OverviewAsync(UserScope scope, long id, CancellationToken ct)
    {
        var camp = await FindAsync(scope, id, ct);
        if (camp is null)
        {
            return null;
        }
        return new CampOverview(camp, await CohortAsync(camp, ct), await Db.OrgUnits.Where(u => u.Id == camp.OrgUnitId).Select(u => u.Name).SingleAsync(ct));
    }

    /// <summary>The attendance sheet of a session of a camp in scope, or null.</summary>
    public async Task<AttendanceSheet?> AttendanceSheetAsync(UserScope scope, long campId, long sessionId, CancellationToken ct)
    {
        var camp = await FindAsync(scope, campId, ct);
        var course = camp?.Modules.SelectMany(m => m.Courses).SingleOrDefault(c => c.Sessions.Any(s => s.Id == sessionId));
        if (camp is null || course is null)
        {
            return null;
        }
        var marks = await Db.Attendances.Where(a => a.SessionId == sessionId).ToDictionaryAsync(a => a.WorkerId, a => a.Present, ct);
        var cohort = await CohortNamesAsync(campId, ct);
        return new AttendanceSheet(camp, course, course.Sessions.Single(s => s.Id == sessionId),
            [.. cohort.Select(x => (x.Id, x.Name, marks.TryGetValue(x.Id, out var p) ? p : (bool?)null))]);
    }

    /// <summary>The score sheet of a course of a camp in scope, or null.</summary>
    public async Task<ResultSheet?> ResultSheetAsync(UserScope scope, long campId, long courseId, CancellationToken ct)
    {
        var camp = await FindAsync(scope, campId, ct);
        var course = camp?.Modules.SelectMany(m => m.Courses).SingleOrDefault(c => c.Id == courseId);
        if (camp is null || course is null)
        {
            return null;
        }
        var results = await Db.CourseResults.Where(r => r.CourseId == courseId).ToDictionaryAsync(r => r.WorkerId, ct);
        var cohort = await CohortNamesAsync(campId, ct);
        return new ResultSheet(camp, course, [.. cohort.Select(x => (x.Id, x.Name, results.GetValueOrDefault(x.Id)))]);
    }

    private async Task<List<(long Id, string Name)>> CohortNamesAsync(long campId, CancellationToken ct) =>
        [.. (await Db.Enrolments.Where(e => e.CampId == campId).Join(Db.Workers, e => e.WorkerId, w => w.Id, (e, w) => new { w.Id, w.Name })
            .OrderBy(x => x.Name).ToListAsync(ct)).Select(x => (x.Id, x.Name))];
}
