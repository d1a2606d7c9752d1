using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Domain.Training;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Features.Talent;

/// <summary>Camp page: plan, cohort with progress, and the forms.</summary>
public sealed class CampPageViewModel
{
    /// <summary>The camp.</summary>
    public required TrainingCamp Camp { get; init; }
    /// <summary>Cohort.</summary>
    public required IReadOnlyList<CohortMember> Cohort { get; init; }
    /// <summary>Unit name.</summary>
    public required string UnitName { get; init; }
}

/// <summary>Attendance sheet of one session.</summary>
public sealed class SessionPageViewModel
{
    /// <summary>Camp.</summary>
    public required TrainingCamp Camp { get; init; }
    /// <summary>Course.</summary>
    public required Course Course { get; init; }
    /// <summary>Session.</summary>
    public required CourseSession Session { get; init; }
    /// <summary>Trainees with their current mark (null: not recorded).</summary>
    public required IReadOnlyList<(long WorkerId, string Name, bool? Present)> Trainees { get; init; }
}

/// <summary>Score sheet of one course.</summary>
public sealed class ResultsPageViewModel
{
    /// <summary>Camp.</summary>
    public required TrainingCamp Camp { get; init; }
    /// <summary>Course.</summary>
    public required Course Course { get; init; }
    /// <summary>Trainees with their result.</summary>
    public required IReadOnlyList<(long WorkerId, string Name, CourseResult? Result)> Trainees { get; init; }
}

/// <summary>学习成长营 pages for officers.</summary>
[Authorize(Policy = WorkforceHosting.TalentManage)]
public sealed class TrainingController(TrainingService training, UserScopeAccessor scopes, WorkforceDbContext db, UiText text) : TalentControllerBase
{
    /// <summary>Camps in scope.</summary>
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        ViewBag.Units = await scope.Units(db).AsNoTracking().Where(u => u.Type != OrgUnitType.Grid).OrderBy(u => u.Path).ToListAsync(ct);
        return View(await training.ListAsync(scope, ct));
    }

    /// <summary>Creates a camp with its four modules.</summary>
    [HttpPost]
    public async Task<IActionResult> Create(CampInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(text, nameof(Index));
        }
        var result = await training.CreateAsync(await scopes.GetAsync(ct), input, ct);
        return result.Succeeded
            ? Back(result, text["Training.Created"], nameof(Details), new { id = result.Value!.Id })
            : Back(result, string.Empty, nameof(Index), new { });
    }

    /// <summary>The camp: plan, cohort and progress.</summary>
    public async Task<IActionResult> Details(long id, CancellationToken ct)
    {
        var camp = await training.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (camp is null)
        {
            return NotFound();
        }
        return View(new CampPageViewModel
        {
            Camp = camp,
            Cohort = await training.CohortAsync(camp, ct),
            UnitName = await db.OrgUnits.Where(u => u.Id == camp.OrgUnitId).Select(u => u.Name).SingleAsync(ct),
        });
    }

    /// <summary>Cohort progress as xlsx.</summary>
    public async Task<IActionResult> Export(long id, CancellationToken ct)
    {
        var camp = await training.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (camp is null)
        {
            return NotFound();
        }
        var cohort = await training.CohortAsync(camp, ct);
        return Xlsx("camp-progress.xlsx", text["Training.Cohort"],
            [text["Field.Name"], text["Training.Attended"], text["Training.Sessions"], text["Training.Percent"], text["Training.PassedRequired"], text["Training.Completed"], text["Training.Missing"]],
            cohort.Select(m => (IReadOnlyList<string?>)[m.Name, N(m.Progress.Attended), N(m.Progress.Total), N(m.Progress.Percent) + "%",
                $"{m.Progress.Passed}/{m.Progress.Required}", m.Enrolment.CompletionNumber, string.Join("；", m.Progress.Missing)]));
    }

    /// <summary>Adds a course.</summary>
    [HttpPost]
    public async Task<IActionResult> AddCourse(long id, CourseInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await training.AddCourseAsync(await scopes.GetAsync(ct), id, input, ct), text["Training.CourseAdded"], nameof(Details), new { id }) : InvalidInput(text, nameof(Details), new { id });

    /// <summary>Adds a session.</summary>
    [HttpPost]
    public async Task<IActionResult> AddSession(long id, SessionInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await training.AddSessionAsync(await scopes.GetAsync(ct), id, input, ct), text["Training.SessionAdded"], nameof(Details), new { id }) : InvalidInput(text, nameof(Details), new { id });

    /// <summary>Enrols workers by id, or every active reserve of the area.</summary>
    [HttpPost]
    public async Task<IActionResult> Enrol(long id, EnrolmentInput input, CancellationToken ct)
    {
        var result = await training.EnrolAsync(await scopes.GetAsync(ct), id, input, ct);
        return Back(result, text.Format("Training.Enrolled", result?.Value ?? 0), nameof(Details), new { id });
    }

    /// <summary>Issues the completion record.</summary>
    [HttpPost]
    public async Task<IActionResult> Complete(long id, long workerId, CancellationToken ct) =>
        Back(await training.CompleteAsync(await scopes.GetAsync(ct), id, workerId, ct), text["Training.CompletedMessage"], nameof(Details), new { id });

    /// <summary>Attendance sheet.</summary>
    public async Task<IActionResult> Session(long id, long sessionId, CancellationToken ct)
    {
        var camp = await training.FindAsync(await scopes.GetAsync(ct), id, ct);
        var course = camp?.Modules.SelectMany(m => m.Courses).SingleOrDefault(c => c.Sessions.Any(s => s.Id == sessionId));
        if (camp is null || course is null)
        {
            return NotFound();
        }
        var marks = await db.Attendances.Where(a => a.SessionId == sessionId).ToDictionaryAsync(a => a.WorkerId, a => a.Present, ct);
        var cohort = await db.Enrolments.Where(e => e.CampId == id).Join(db.Workers, e => e.WorkerId, w => w.Id, (e, w) => new { w.Id, w.Name }).OrderBy(x => x.Name).ToListAsync(ct);
        return View(new SessionPageViewModel
        {
            Camp = camp,
            Course = course,
            Session = course.Sessions.Single(s => s.Id == sessionId),
            Trainees = [.. cohort.Select(x => (x.Id, x.Name, marks.TryGetValue(x.Id, out var p) ? p : (bool?)null))],
        });
    }

    /// <summary>Saves the attendance sheet (present = the ticked trainees, everyone else absent).</summary>
    [HttpPost]
    public async Task<IActionResult> Session(long id, long sessionId, List<long> present, CancellationToken ct)
    {
        var cohort = await db.Enrolments.Where(e => e.CampId == id).Select(e => e.WorkerId).ToListAsync(ct);
        var input = new AttendanceInput { Marks = [.. cohort.Select(w => new AttendanceMark(w, present.Contains(w)))] };
        return Back(await training.RecordAttendanceAsync(await scopes.GetAsync(ct), sessionId, input, ct), text["Training.AttendanceSaved"], nameof(Details), new { id });
    }

    /// <summary>Score sheet.</summary>
    public async Task<IActionResult> Results(long id, long courseId, CancellationToken ct)
    {
        var camp = await training.FindAsync(await scopes.GetAsync(ct), id, ct);
        var course = camp?.Modules.SelectMany(m => m.Courses).SingleOrDefault(c => c.Id == courseId);
        if (camp is null || course is null)
        {
            return NotFound();
        }
        var results = await db.CourseResults.Where(r => r.CourseId == courseId).ToDictionaryAsync(r => r.WorkerId, ct);
        var cohort = await db.Enrolments.Where(e => e.CampId == id).Join(db.Workers, e => e.WorkerId, w => w.Id, (e, w) => new { w.Id, w.Name }).OrderBy(x => x.Name).ToListAsync(ct);
        return View(new ResultsPageViewModel { Camp = camp, Course = course, Trainees = [.. cohort.Select(x => (x.Id, x.Name, results.GetValueOrDefault(x.Id)))] });
    }

    /// <summary>Saves one trainee's result.</summary>
    [HttpPost]
    public async Task<IActionResult> Results(long id, long courseId, ResultInput input, CancellationToken ct) =>
        ModelState.IsValid
            ? Back(await training.RecordResultAsync(await scopes.GetAsync(ct), id, courseId, input, ct), text["Training.ResultSaved"], nameof(Results), new { id, courseId })
            : InvalidInput(text, nameof(Details), new { id });

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>"我的成长": the signed-in trainee's camps and progress (own data only).</summary>
[Authorize(Policy = WorkforceHosting.TraineeOnly)]
[Route("Me/Growth")]
public sealed class GrowthController(TrainingService training, UserScopeAccessor scopes) : Controller
{
    /// <summary>My camps with module and course progress bars, upcoming sessions and what is missing.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return scope.WorkerId is { } own ? View(await training.MineAsync(own, ct)) : View("~/Views/Home/NoScope.cshtml");
    }
}
