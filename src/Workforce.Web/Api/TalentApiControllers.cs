using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.ReservePool;
using Workforce.Application.Training;
using Workforce.Domain.ReservePool;
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

    private static CampDto Dto(Domain.Training.TrainingCamp c) => new(c.Id, c.Name, c.OrgUnitId, c.Start.ToDateOnly(), c.End.ToDateOnly(), c.MinAttendancePercent,
        c.RequireRequiredCoursesPassed, [.. c.Modules.Select(m => new CampModuleDto(m.Id, m.Kind.ToString(), m.Name))]);
}
