using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Organisation;
using Workforce.Application.Training;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Talent;

/// <summary>学习成长营 pages for officers.</summary>
[Authorize(Policy = Policies.TalentManage)]
public sealed class TrainingController(TrainingQueries training, TrainingCommands commands, OrganisationQueries units, UserScopeAccessor scopes) : PageController
{
    /// <summary>Camps in scope.</summary>
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        ViewBag.Units = await units.FilterUnitsAsync(scope, ct);
        return View(await training.ListAsync(scope, ct));
    }

    /// <summary>Creates a camp with its four modules.</summary>
    [HttpPost]
    public async Task<IActionResult> Create(CampInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(nameof(Index));
        }
        var result = await commands.CreateAsync(await scopes.GetAsync(ct), input, ct);
        return result.Succeeded
            ? Back(result, Text["Training.Created"], nameof(Details), new { id = result.Value!.Id })
            : Back(result, string.Empty, nameof(Index));
    }

    /// <summary>The camp: plan, cohort and progress.</summary>
    public async Task<IActionResult> Details(long id, CancellationToken ct) =>
        await training.OverviewAsync(await scopes.GetAsync(ct), id, ct) is { } overview ? View(overview) : NotFound();

    /// <summary>Cohort progress as xlsx.</summary>
    public async Task<IActionResult> Export(long id, CancellationToken ct)
    {
        var camp = await training.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (camp is null)
        {
            return NotFound();
        }
        var cohort = await training.CohortAsync(camp, ct);
        return Xlsx("camp-progress.xlsx", Text["Training.Cohort"],
            [Text["Field.Name"], Text["Training.Attended"], Text["Training.Sessions"], Text["Training.Percent"], Text["Training.PassedRequired"], Text["Training.Completed"], Text["Training.Missing"]],
            cohort.Select(m => (IReadOnlyList<string?>)[m.Name, N(m.Progress.Attended), N(m.Progress.Total), N(m.Progress.Percent) + "%",
                $"{m.Progress.Passed}/{m.Progress.Required}", m.Enrolment.CompletionNumber, string.Join("；", m.Progress.Missing.Select(Text.Message))]));
    }

    /// <summary>Adds a course.</summary>
    [HttpPost]
    public async Task<IActionResult> AddCourse(long id, CourseInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await commands.AddCourseAsync(await scopes.GetAsync(ct), id, input, ct), Text["Training.CourseAdded"], nameof(Details), new { id }) : InvalidInput(nameof(Details), new { id });

    /// <summary>Adds a session.</summary>
    [HttpPost]
    public async Task<IActionResult> AddSession(long id, SessionInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await commands.AddSessionAsync(await scopes.GetAsync(ct), id, input, ct), Text["Training.SessionAdded"], nameof(Details), new { id }) : InvalidInput(nameof(Details), new { id });

    /// <summary>Enrols workers by id, or every active reserve of the area.</summary>
    [HttpPost]
    public async Task<IActionResult> Enrol(long id, EnrolmentInput input, CancellationToken ct)
    {
        var result = await commands.EnrolAsync(await scopes.GetAsync(ct), id, input, ct);
        return Back(result, Text.Format("Training.Enrolled", result?.Value ?? 0), nameof(Details), new { id });
    }

    /// <summary>Issues the completion record.</summary>
    [HttpPost]
    public async Task<IActionResult> Complete(long id, long workerId, CancellationToken ct) =>
        Back(await commands.CompleteAsync(await scopes.GetAsync(ct), id, workerId, ct), Text["Training.CompletedMessage"], nameof(Details), new { id });

    /// <summary>Attendance sheet.</summary>
    public async Task<IActionResult> Session(long id, long sessionId, CancellationToken ct) =>
        await training.AttendanceSheetAsync(await scopes.GetAsync(ct), id, sessionId, ct) is { } sheet ? View(sheet) : NotFound();

    /// <summary>Saves the attendance sheet (present = the ticked trainees, everyone else absent).</summary>
    [HttpPost]
    public async Task<IActionResult> Session(long id, long sessionId, List<long> present, CancellationToken ct) =>
        Back(await commands.RecordSheetAsync(await scopes.GetAsync(ct), sessionId, present, ct), Text["Training.AttendanceSaved"], nameof(Details), new { id });

    /// <summary>Score sheet.</summary>
    public async Task<IActionResult> Results(long id, long courseId, CancellationToken ct) =>
        await training.ResultSheetAsync(await scopes.GetAsync(ct), id, courseId, ct) is { } sheet ? View(sheet) : NotFound();

    /// <summary>Saves one trainee's result.</summary>
    [HttpPost]
    public async Task<IActionResult> Results(long id, long courseId, ResultInput input, CancellationToken ct) =>
        ModelState.IsValid
            ? Back(await commands.RecordResultAsync(await scopes.GetAsync(ct), id, courseId, input, ct), Text["Training.ResultSaved"], nameof(Results), new { id, courseId })
            : InvalidInput(nameof(Details), new { id });

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>"我的成长": the signed-in trainee's camps and progress (own data only).</summary>
[Authorize(Policy = Policies.TraineeOnly)]
[Route("Me/Growth")]
public sealed class GrowthController(TrainingQueries training, UserScopeAccessor scopes) : Controller
{
    /// <summary>My camps with module and course progress bars, upcoming sessions and what is missing.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return scope.WorkerId is { } own ? View(await training.MineAsync(own, ct)) : View("~/Views/Home/NoScope.cshtml");
    }
}
