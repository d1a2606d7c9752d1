using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.ReservePool;
using Workforce.Application.Training;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Training;
using Workforce.Domain.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>Compliance figures of one community.</summary>
public sealed record CommunityComplianceDto(long CommunityId, string Name, int SecretaryPosts, int ActiveReserves, decimal Ratio, bool Compliant, int Shortfall);

/// <summary>Compliance under a unit: per community, per street and totals.</summary>
public sealed record ComplianceDto(long OrgUnitId, decimal TargetRatio, IReadOnlyList<CommunityComplianceDto> Communities,
    IReadOnlyList<CommunityComplianceDto> Streets, CommunityComplianceDto Totals, int Promoted);

/// <summary>A reserve entry.</summary>
public sealed record ReserveEntryDto(long Id, long WorkerId, long CommunityId, NominationSource Source, ReserveStatus Status,
    DateOnly NominatedOn, DateOnly? EntryDate, DateOnly? EndDate, string? EndReason, int Reviews);

/// <summary>The result of a promotion.</summary>
public sealed record PromotionDto(ReserveEntryDto Entry, string FromPost, int FromGrade, string ToPost, int ToGrade, DateOnly EffectiveFrom);

/// <summary>后备人才库 API.</summary>
[Route("api/v1/reserve-pool")]
[Authorize(Policy = Policies.TalentManage)]
public sealed class ReservePoolApiController(ReservePoolQueries pool, ReservePoolCommands commands, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>Compliance per community under a unit in scope (default: the caller's), with street figures and totals.</summary>
    [HttpGet("compliance")]
    public async Task<ActionResult<ComplianceDto>> Compliance(long? orgUnitId, CancellationToken ct)
    {
        var report = await pool.ComplianceAsync(await scopes.GetAsync(ct), orgUnitId, ct);
        if (report is null)
        {
            return NotFound();
        }
        static CommunityComplianceDto Row(ComplianceRow r) =>
            new(r.UnitId, r.UnitName, r.Figures.SecretaryPosts, r.Figures.ActiveReserves, r.Figures.Ratio, r.Figures.Compliant, r.Figures.Shortfall);
        var t = report.Total;
        return new ComplianceDto(report.Root.Id, report.TargetRatio, [.. report.Communities.Select(Row)], [.. report.Streets.Select(Row)],
            new CommunityComplianceDto(report.Root.Id, report.Root.Name, t.SecretaryPosts, t.ActiveReserves, t.Ratio, t.Compliant, t.Shortfall), report.Promoted);
    }

    /// <summary>Nominates a worker (201); 400 with field errors, e.g. already in another community's pool.</summary>
    [HttpPost("entries")]
    public async Task<ActionResult<ReserveEntryDto>> Nominate(NominationInput input, CancellationToken ct)
    {
        return ReplyCreated(await commands.NominateAsync(await scopes.GetAsync(ct), input, ct), e => $"/api/v1/reserve-pool/entries/{e.Id}", Dto);
    }

    /// <summary>One entry; 404 outside scope.</summary>
    [HttpGet("entries/{id:long}")]
    public async Task<ActionResult<ReserveEntryDto>> Get(long id, CancellationToken ct)
    {
        var details = await pool.FindAsync(await scopes.GetAsync(ct), id, ct);
        return details is null ? NotFound() : Dto(details.Entry);
    }

    /// <summary>Records the vetting.</summary>
    [HttpPost("entries/{id:long}/vetting")]
    public async Task<ActionResult<ReserveEntryDto>> Vet(long id, DecisionInput input, CancellationToken ct) =>
        Reply(await commands.VetAsync(await scopes.GetAsync(ct), id, input, ct), Dto);

    /// <summary>Adds a review to the growth file.</summary>
    [HttpPost("entries/{id:long}/reviews")]
    public async Task<ActionResult<ReserveEntryDto>> Review(long id, ReviewInput input, CancellationToken ct) =>
        Reply(await commands.ReviewAsync(await scopes.GetAsync(ct), id, input, User.Identity?.Name ?? "api", ct), Dto);

    /// <summary>Ends the entry with a reason.</summary>
    [HttpPost("entries/{id:long}/exit")]
    public async Task<ActionResult<ReserveEntryDto>> Exit(long id, DecisionInput input, CancellationToken ct) =>
        Reply(await commands.ExitAsync(await scopes.GetAsync(ct), id, input, ct), Dto);

    /// <summary>Promotes to secretary: ends the entry and records the Head post with the re-slotted grade.</summary>
    [HttpPost("entries/{id:long}/promote")]
    public async Task<ActionResult<PromotionDto>> Promote(long id, DateInput input, CancellationToken ct)
    {
        if (input.Date is not { } date)
        {
            ModelState.AddModelError(nameof(input.Date), Text["Validation.RequiredPlain"]);
            return ValidationProblem(ModelState);
        }
        var result = await commands.PromoteAsync(await scopes.GetAsync(ct), id, LocalDate.FromDateOnly(date), ct);
        if (result is null)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            return ValidationFailed(result.Errors);
        }
        var p = result.Value!;
        return new PromotionDto(Dto(p.Entry), p.FromPost.ToString(), p.FromGrade, nameof(Domain.Workers.Post.Head), p.ToGrade, p.On.ToDateOnly());
    }

    private static ReserveEntryDto Dto(ReserveEntry e) =>
        new(e.Id, e.WorkerId, e.CommunityId, e.Source, e.Status, e.NominatedOn.ToDateOnly(), e.EntryDate?.ToDateOnly(), e.EndDate?.ToDateOnly(), e.EndReason, e.Reviews.Count);
}

/// <summary>Progress in a course (numbers).</summary>
public sealed record CourseProgressDto(long CourseId, string Title, string Track, bool Required, int Attended, int Total, int Percent, decimal? Score, bool Passed);

/// <summary>Progress in a module (numbers).</summary>
public sealed record ModuleProgressDto(long ModuleId, string Kind, string Name, int Attended, int Total, int Passed, int Required, int Percent, IReadOnlyList<CourseProgressDto> Courses);

/// <summary>A trainee's camp with progress.</summary>
public sealed record CampProgressDto(long CampId, string Name, DateOnly Start, DateOnly End, int Attended, int Total, int Passed, int Required, int Percent,
    bool Complete, string? CompletionNumber, IReadOnlyList<string> Missing, IReadOnlyList<ModuleProgressDto> Modules);

/// <summary>A camp.</summary>
public sealed record CampDto(long Id, string Name, long OrgUnitId, DateOnly Start, DateOnly End, int MinAttendancePercent, bool RequireRequiredCoursesPassed,
    IReadOnlyList<CampModuleDto> Modules);

/// <summary>A trainee of a camp's cohort with progress.</summary>
public sealed record CohortProgressDto(long WorkerId, string Name, CampProgressDto Progress);

/// <summary>A recorded course result.</summary>
public sealed record CourseResultDto(long WorkerId, decimal? Score);

/// <summary>An issued completion record.</summary>
public sealed record CompletionDto(string? CompletionNumber);

/// <summary>Training hours against the requirement, in hours (one decimal).</summary>
public sealed record HoursDto(decimal Required, decimal Camp, decimal External, decimal Total, decimal Missing, int Percent, bool Met)
{
    /// <summary>The hours of a worker.</summary>
    public static HoursDto Of(TrainingHours h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(TrainingHours.Hours(h.RequiredMinutes), TrainingHours.Hours(h.CampMinutes), TrainingHours.Hours(h.ExternalMinutes), TrainingHours.Hours(h.TotalMinutes),
            TrainingHours.Hours(h.ShortMinutes), h.Percent, h.Met);
    }
}

/// <summary>A training counted in the hours.</summary>
public sealed record TrainingHoursItemDto(DateOnly Date, string Title, string Source, decimal Hours, bool External, string? CertificateNumber, bool SignedIn);

/// <summary>My hours of a year.</summary>
public sealed record MyTrainingHoursDto(int Year, Post? Post, HoursDto Hours, IReadOnlyList<TrainingHoursItemDto> Items);

/// <summary>A unit's hours.</summary>
public sealed record TrainingHoursUnitDto(long UnitId, string Unit, int People, int ShortOfHours, decimal DoneHours, decimal RequiredHours);

/// <summary>A worker's hours in the officers' list.</summary>
public sealed record TrainingHoursRowDto(long WorkerId, string Name, long UnitId, string Unit, Post? Post, HoursDto Hours);

/// <summary>The hours of a year under a unit.</summary>
public sealed record TrainingHoursReportDto(int Year, IReadOnlyDictionary<Post, decimal> RequiredHours, IReadOnlyList<TrainingHoursUnitDto> Units,
    IReadOnlyList<TrainingHoursRowDto> Rows, int Total, int ShortTotal);

/// <summary>An external training recorded.</summary>
public sealed record ExternalTrainingDto(long Id, long WorkerId, string Title, string Organiser, DateOnly CompletedOn, decimal Hours, string? CertificateNumber);

/// <summary>The code on the teacher's screen.</summary>
public sealed record SignInInput(string? Code);

/// <summary>Signed in.</summary>
public sealed record SignedInDto(long SessionId, DateTimeOffset SignedInAt);

/// <summary>A module of a camp.</summary>
public sealed record CampModuleDto(long Id, string Kind, string Name);

/// <summary>The signed-in trainee's own data.</summary>
[Route("api/v1/me")]
[Authorize(Policy = Policies.TraineeOnly)]
public sealed class MeApiController(TrainingQueries training, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>My camps with module and course progress as numbers.</summary>
    [HttpGet("training")]
    public async Task<ActionResult<IReadOnlyList<CampProgressDto>>> Training(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.WorkerId is not { } own)
        {
            return Forbid();
        }
        return (await training.MineAsync(own, ct)).Select(m => Dto(m, Text)).ToList();
    }

    /// <summary>My training hours of a year (this year when empty) against my post's requirement, with where they came from.</summary>
    [HttpGet("training-hours")]
    public async Task<ActionResult<MyTrainingHoursDto>> TrainingHours(int? year, [FromServices] TrainingHoursQueries hours, [FromServices] BusinessCalendar calendar, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.WorkerId is not { } own || await hours.OfWorkerAsync(own, year ?? calendar.Today.Year, ct) is not { } mine)
        {
            return Forbid();
        }
        return new MyTrainingHoursDto(mine.Year, mine.Post, HoursDto.Of(mine.Hours),
            [.. mine.Items.Select(i => new TrainingHoursItemDto(i.Date.ToDateOnly(), i.Title, i.Source, Domain.Training.TrainingHours.Hours(i.Minutes), i.External, i.CertificateNumber, i.SignedIn))]);
    }

    /// <summary>Signs me in to a session with the code on the teacher's screen; refused (400) outside the window, when not enrolled or with a stale code.</summary>
    [HttpPost("sign-ins/{sessionId:long}")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<SignedInDto>> SignIn(long sessionId, SignInInput input, [FromServices] SessionSignIn signIn, CancellationToken ct) =>
        Reply(await signIn.SignInAsync(await scopes.GetAsync(ct), sessionId, input?.Code, ct), at => new SignedInDto(sessionId, at.ToDateTimeOffset()));

    internal static CampProgressDto Dto(CohortMember m, UiText text)
    {
        var p = m.Progress;
        return new CampProgressDto(p.Camp.Id, p.Camp.Name, p.Camp.Start.ToDateOnly(), p.Camp.End.ToDateOnly(), p.Attended, p.Total, p.Passed, p.Required, p.Percent,
            p.Complete, m.Enrolment.CompletionNumber, [.. p.Missing.Select(text.Message)],
            [.. p.Modules.Select(x => new ModuleProgressDto(x.ModuleId, x.Kind.ToString(), x.Name, x.Attended, x.Total, x.Passed, x.Required, x.Percent,
                [.. x.Courses.Select(c => new CourseProgressDto(c.CourseId, c.Title, c.Track.ToString(), c.Required, c.Attended, c.Total, c.Percent, c.Score, c.Passed))]))]);
    }
}

/// <summary>学习成长营 API for officers.</summary>
[Route("api/v1/training")]
[Authorize(Policy = Policies.TalentManage)]
public sealed class TrainingApiController(TrainingQueries training, TrainingCommands commands, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>Creates a camp with its four modules (201).</summary>
    [HttpPost("camps")]
    public async Task<ActionResult<CampDto>> CreateCamp(CampInput input, CancellationToken ct)
    {
        return ReplyCreated(await commands.CreateAsync(await scopes.GetAsync(ct), input, ct), c => $"/api/v1/training/camps/{c.Id}", Dto);
    }

    /// <summary>A camp in scope.</summary>
    [HttpGet("camps/{id:long}")]
    public async Task<ActionResult<CampDto>> GetCamp(long id, CancellationToken ct)
    {
        var camp = await training.FindAsync(await scopes.GetAsync(ct), id, ct);
        return camp is null ? NotFound() : Dto(camp);
    }

    /// <summary>Adds a course to a module.</summary>
    [HttpPost("camps/{id:long}/courses")]
    public async Task<ActionResult<long>> AddCourse(long id, CourseInput input, CancellationToken ct)
    {
        var result = await commands.AddCourseAsync(await scopes.GetAsync(ct), id, input, ct);
        return Reply(result, x => x.Id);
    }

    /// <summary>Adds a session to a course.</summary>
    [HttpPost("camps/{id:long}/sessions")]
    public async Task<ActionResult<long>> AddSession(long id, SessionInput input, CancellationToken ct)
    {
        var result = await commands.AddSessionAsync(await scopes.GetAsync(ct), id, input, ct);
        return Reply(result, x => x.Id);
    }

    /// <summary>Enrols workers (and optionally every active reserve of the area): <c>{"added":N}</c>.</summary>
    [HttpPost("camps/{id:long}/enrolments")]
    public async Task<ActionResult<AddedDto>> Enrol(long id, EnrolmentInput input, CancellationToken ct) =>
        Reply(await commands.EnrolAsync(await scopes.GetAsync(ct), id, input, ct), n => new AddedDto(n));

    /// <summary>Records attendance of a session for enrolled trainees: <c>{"recorded":N}</c>.</summary>
    [HttpPost("sessions/{id:long}/attendance")]
    public async Task<ActionResult<RecordedDto>> Attendance(long id, AttendanceInput input, CancellationToken ct) =>
        Reply(await commands.RecordAttendanceAsync(await scopes.GetAsync(ct), id, input, ct), n => new RecordedDto(n));

    /// <summary>Records a course result.</summary>
    [HttpPost("camps/{id:long}/courses/{courseId:long}/results")]
    public async Task<ActionResult<CourseResultDto>> Result(long id, long courseId, ResultInput input, CancellationToken ct) =>
        Reply(await commands.RecordResultAsync(await scopes.GetAsync(ct), id, courseId, input, ct), r => new CourseResultDto(r.WorkerId, r.Score));

    /// <summary>The cohort with progress numbers.</summary>
    [HttpGet("camps/{id:long}/progress")]
    public async Task<ActionResult<IReadOnlyList<CohortProgressDto>>> Progress(long id, CancellationToken ct)
    {
        var camp = await training.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (camp is null)
        {
            return NotFound();
        }
        return (await training.CohortAsync(camp, ct)).Select(m => new CohortProgressDto(m.Enrolment.WorkerId, m.Name, MeApiController.Dto(m, Text))).ToList();
    }

    /// <summary>Issues the completion record of a trainee.</summary>
    [HttpPost("camps/{id:long}/completions/{workerId:long}")]
    public async Task<ActionResult<CompletionDto>> Complete(long id, long workerId, CancellationToken ct) =>
        Reply(await commands.CompleteAsync(await scopes.GetAsync(ct), id, workerId, ct), e => new CompletionDto(e.CompletionNumber));

    /// <summary>Training hours of a year under a unit in scope: the requirement of each post (hours), units, and one page of people (the most short first).</summary>
    [HttpGet("hours")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<TrainingHoursReportDto>> Hours([FromQuery] TrainingHoursFilter filter, [FromServices] TrainingHoursQueries hours, CancellationToken ct)
    {
        if (await hours.ReportAsync(await scopes.GetAsync(ct), filter, ct) is not { } r)
        {
            return NotFound();
        }
        return new TrainingHoursReportDto(r.Year, r.Requirements.ToDictionary(x => x.Key, x => TrainingHours.Hours(x.Value)),
            [.. r.Units.Select(u => new TrainingHoursUnitDto(u.UnitId, u.Unit, u.People, u.ShortOfHours, TrainingHours.Hours(u.DoneMinutes), TrainingHours.Hours(u.RequiredMinutes)))],
            [.. r.Rows.Select(x => new TrainingHoursRowDto(x.WorkerId, x.Name, x.UnitId, x.Unit, x.Post, HoursDto.Of(x.Hours)))], r.Total, r.ShortTotal);
    }

    /// <summary>Records an external training (course, organiser, last day, hours in half hours, certificate) of a worker in scope (201).</summary>
    [HttpPost("external-trainings")]
    [ProducesResponseType(typeof(ExternalTrainingDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<ExternalTrainingDto>> External(ExternalTrainingInput input, CancellationToken ct) =>
        ReplyCreated(await commands.RecordExternalAsync(await scopes.GetAsync(ct), input, ct), x => $"/api/v1/training/external-trainings/{x.Id}",
            x => new ExternalTrainingDto(x.Id, x.WorkerId, x.Title, x.Organiser, x.CompletedOn.ToDateOnly(), TrainingHours.Hours(x.Minutes), x.CertificateNumber));

    private static CampDto Dto(Domain.Training.TrainingCamp c) => new(c.Id, c.Name, c.OrgUnitId, c.Start.ToDateOnly(), c.End.ToDateOnly(), c.MinAttendancePercent,
        c.RequireRequiredCoursesPassed, [.. c.Modules.Select(m => new CampModuleDto(m.Id, m.Kind.ToString(), m.Name))]);
}
