using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Training;

namespace Workforce.Application.Training;

/// <summary>Training camps (学习成长营) changed by officers: plan, cohort, attendance, results, completion.</summary>
public sealed class TrainingCommands(UseCaseContext context, TrainingQueries queries, ITextCatalog text)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>Creates a camp with the four standard modules.</summary>
    public async Task<CommandResult<TrainingCamp>> CreateAsync(UserScope scope, CampInput input, CancellationToken ct)
    {
        var unit = await context.UnitAsync(scope, input.OrgUnitId, ct);
        if (unit is null)
        {
            return UseCaseContext.Fail<TrainingCamp>(nameof(input.OrgUnitId), "Reserve.NotInScope");
        }
        return await context.SaveAsync(() =>
        {
            var camp = new TrainingCamp(input.Name!, unit.Id, LocalDate.FromDateOnly(input.Start!.Value), LocalDate.FromDateOnly(input.End!.Value),
                input.MinAttendancePercent, input.RequireRequiredCoursesPassed);
            foreach (var kind in Enum.GetValues<ModuleKind>())
            {
                camp.AddModule(kind, text.Text($"{nameof(ModuleKind)}.{kind}"));
            }
            Db.TrainingCamps.Add(camp);
            return camp;
        }, ct);
    }

    /// <summary>Adds a course to a module of a camp in scope.</summary>
    public async Task<CommandResult<Course>?> AddCourseAsync(UserScope scope, long campId, CourseInput input, CancellationToken ct)
    {
        var camp = await queries.FindAsync(scope, campId, ct);
        var module = camp?.Modules.SingleOrDefault(m => m.Id == input.ModuleId);
        if (camp is null)
        {
            return null;
        }
        if (module is null)
        {
            return UseCaseContext.Fail<Course>(nameof(input.ModuleId), "Training.CourseNotInCamp");
        }
        return await context.SaveAsync(() => module.AddCourse(input.Title!, input.Track!.Value, input.Required, input.PassScore), ct);
    }

    /// <summary>Adds a session to a course of a camp in scope.</summary>
    public async Task<CommandResult<CourseSession>?> AddSessionAsync(UserScope scope, long campId, SessionInput input, CancellationToken ct)
    {
        var camp = await queries.FindAsync(scope, campId, ct);
        if (camp is null)
        {
            return null;
        }
        var course = camp.Modules.SelectMany(m => m.Courses).SingleOrDefault(c => c.Id == input.CourseId);
        if (course is null)
        {
            return UseCaseContext.Fail<CourseSession>(nameof(input.CourseId), "Training.CourseNotInCamp");
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
        var camp = await queries.Camps(scope).AsNoTracking().SingleOrDefaultAsync(c => c.Id == campId, ct);
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
            return UseCaseContext.Fail<int>(nameof(input.WorkerIds), "Reserve.NotInScope");
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
            return UseCaseContext.Fail<int>(nameof(input.Marks), "Training.NotEnrolled");
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
        var camp = await queries.FindAsync(scope, campId, ct);
        if (camp is null || !camp.Modules.SelectMany(m => m.Courses).Any(c => c.Id == courseId))
        {
            return null;
        }
        if (!await Db.Enrolments.AnyAsync(e => e.CampId == campId && e.WorkerId == input.WorkerId, ct))
        {
            return UseCaseContext.Fail<CourseResult>(nameof(input.WorkerId), "Training.NotEnrolled");
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

    /// <summary>Issues the completion record when the camp's rules are met. Null when outside scope.</summary>
    public async Task<CommandResult<Enrolment>?> CompleteAsync(UserScope scope, long campId, long workerId, CancellationToken ct)
    {
        var camp = await queries.FindAsync(scope, campId, ct);
        if (camp is null)
        {
            return null;
        }
        var member = (await queries.ProgressOfAsync(camp, workerId, ct)).SingleOrDefault();
        if (member is null)
        {
            return UseCaseContext.Fail<Enrolment>("WorkerId", "Training.NotEnrolled");
        }
        var enrolment = await Db.Enrolments.SingleAsync(e => e.Id == member.Enrolment.Id, ct);
        var number = string.Create(CultureInfo.InvariantCulture, $"JY{camp.Start.Year}-{camp.Id:000}-{enrolment.Id:0000}");
        return await context.SaveAsync(() =>
        {
            enrolment.Complete(member.Progress, context.Today, number);
            return enrolment;
        }, ct);
    }

    /// <summary>Records an external training (course, organiser, last day, hours, certificate) of a worker in scope; audited.</summary>
    public async Task<CommandResult<ExternalTraining>> RecordExternalAsync(UserScope scope, ExternalTrainingInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await scope.Workers(Db).AnyAsync(w => w.Id == input.WorkerId, ct))
        {
            return UseCaseContext.Fail<ExternalTraining>(nameof(input.WorkerId), "Reserve.NotInScope");
        }
        return await context.SaveAsync(() =>
        {
            var training = new ExternalTraining(input.WorkerId!.Value, input.Title!, input.Organiser!, LocalDate.FromDateOnly(input.CompletedOn!.Value), input.Hours!.Value,
                input.CertificateNumber, context.Today);
            Db.ExternalTrainings.Add(training);
            return training;
        }, ct);
    }

    /// <summary>Removes an external training recorded in error (audited as a deletion); null when it or its worker is outside scope.</summary>
    public async Task<CommandResult<bool>?> RemoveExternalAsync(UserScope scope, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var training = await Db.ExternalTrainings.SingleOrDefaultAsync(e => e.Id == id && scope.Workers(Db).Any(w => w.Id == e.WorkerId), ct);
        if (training is null)
        {
            return null;
        }
        Db.ExternalTrainings.Remove(training);
        await Db.SaveChangesAsync(ct);
        return CommandResult<bool>.Ok(true);
    }

    private async Task<long?> CampOfSessionAsync(UserScope scope, long sessionId, CancellationToken ct) =>
        await (from s in Db.CourseSessions
               join c in Db.Courses on s.CourseId equals c.Id
               join m in Db.Set<CampModule>() on c.ModuleId equals m.Id
               where s.Id == sessionId && queries.Camps(scope).Any(x => x.Id == m.CampId)
               select (long?)m.CampId).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Saves the attendance sheet of a session as the officer ticked it: the ticked trainees present, every
    /// other enrolled trainee absent. Null when the session is outside scope.
    /// </summary>
    public async Task<CommandResult<int>?> RecordSheetAsync(UserScope scope, long sessionId, IReadOnlyCollection<long> present, CancellationToken ct)
    {
        var campId = await CampOfSessionAsync(scope, sessionId, ct);
        if (campId is null)
        {
            return null;
        }
        var cohort = await Db.Enrolments.Where(e => e.CampId == campId).Select(e => e.WorkerId).ToListAsync(ct);
        return await RecordAttendanceAsync(scope, sessionId, new AttendanceInput { Marks = [.. cohort.Select(w => new AttendanceMark(w, present.Contains(w)))] }, ct);
    }
}
