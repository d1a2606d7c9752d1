using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Certification;
using Workforce.Application.Common;
using Workforce.Application.Mentorship;
using Workforce.Domain.Certification;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>A certificate (only verified ones count for pay).</summary>
public sealed record CertificateDto(long Id, long WorkerId, string? WorkerName, string? Community, string Level, string Number, DateOnly RegisteredOn,
    DateOnly? VerifiedOn, string? VerifiedBy);

/// <summary>A mentee of a pairing.</summary>
public sealed record MenteeDto(long WorkerId, string Name);

/// <summary>A check-in held.</summary>
public sealed record CheckInDto(string Kind, DateOnly HeldOn, string Note);

/// <summary>A check-in due and not held (its window).</summary>
public sealed record MissingCheckInDto(string Kind, DateOnly WindowStart, DateOnly WindowEnd);

/// <summary>A 传帮带 pairing with its check-ins, what is missing today and the evaluation.</summary>
public sealed record MentorshipDto(long Id, string Kind, long MentorId, string MentorName, IReadOnlyList<MenteeDto> Mentees, long OrgUnitId, DateOnly Start, DateOnly End,
    string Goals, IReadOnlyList<CheckInDto> CheckIns, IReadOnlyList<MissingCheckInDto> Missing, DateOnly? EvaluatedOn, string? MentorRating, string? MenteeRating);

/// <summary>A shadowing placement (跟岗学习).</summary>
public sealed record ShadowingDto(long Id, long WorkerId, string WorkerName, string HostOrganisation, string City, DateOnly Start, DateOnly End, string? Report, DateOnly? ReportedOn);

/// <summary>A placement report.</summary>
/// <param name="Report">What was learnt and the plan for the worker's own community.</param>
public sealed record ReportInput(string? Report);

/// <summary>Certificates of workers in scope: list, record, verify (Admin and HR officers).</summary>
[Route("api/v1/certificates")]
[Authorize(Policy = Policies.TalentManage)]
public sealed class CertificatesApiController(CertificationQueries certificates, CertificationCommands commands, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>Certificates of workers in scope, filtered (unit, level, verified, name or number) and paged.</summary>
    [HttpGet]
    public async Task<ActionResult<PageDto<CertificateDto>>> List([FromQuery] CertificateFilter filter, CancellationToken ct)
    {
        var page = await certificates.SearchAsync(await scopes.GetAsync(ct), filter, ct);
        return new PageDto<CertificateDto>([.. page.Items.Select(c => new CertificateDto(c.Id, c.WorkerId, c.WorkerName, c.Community, c.Level.ToString(), c.Number,
            c.RegisteredOn.ToDateOnly(), c.VerifiedOn?.ToDateOnly(), c.VerifiedBy))], page.Total);
    }

    /// <summary>Records a certificate for a worker in scope (201); the same level and number anywhere is refused (400).</summary>
    [HttpPost]
    [ProducesResponseType(typeof(CertificateDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<CertificateDto>> Record(CertificateInput input, CancellationToken ct)
    {
        return ReplyCreated(await commands.RecordAsync(await scopes.GetAsync(ct), input, ct), c => $"/api/v1/certificates/{c.Id}", Dto);
    }

    /// <summary>Verifies a certificate against the original (today, by the caller); 404 outside scope.</summary>
    [HttpPost("{id:long}/verify")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<CertificateDto>> Verify(long id, CancellationToken ct) =>
        Reply(await commands.VerifyAsync(await scopes.GetAsync(ct), id, User.Identity?.Name ?? "api", ct), Dto);

    private static CertificateDto Dto(Certificate c) =>
        new(c.Id, c.WorkerId, null, null, c.Level.ToString(), c.Number, c.RegisteredOn.ToDateOnly(), c.VerifiedOn?.ToDateOnly(), c.VerifiedBy);
}

/// <summary>传帮带 pairings and their check-ins (Admin and HR officers, units in scope).</summary>
[Route("api/v1/mentorships")]
[Authorize(Policy = Policies.TalentManage)]
public sealed class MentorshipsApiController(MentorshipQueries mentorships, MentorshipCommands commands, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>Pairings in scope, current ones first (at most 500); <c>overdue=true</c>: only those missing a check-in.</summary>
    [HttpGet]
    public async Task<ActionResult<IReadOnlyList<MentorshipDto>>> List(bool overdue, CancellationToken ct) =>
        (await mentorships.ListAsync(await scopes.GetAsync(ct), overdue, ct)).Select(Dto).ToList();

    /// <summary>One pairing; 404 outside scope.</summary>
    [HttpGet("{id:long}")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<MentorshipDto>> Get(long id, CancellationToken ct) =>
        await mentorships.FindAsync(await scopes.GetAsync(ct), id, ct) is { } m ? Dto(m) : NotFound();

    /// <summary>Pairs a mentor with mentees, all serving workers in scope (201).</summary>
    [HttpPost]
    [ProducesResponseType(typeof(MentorshipDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<MentorshipDto>> Create(MentorshipInput input, CancellationToken ct) =>
        await ReplyReloadedAsync(await commands.CreateAsync(await scopes.GetAsync(ct), input, ct), m => FindAsync(m.Id, ct), m => $"/api/v1/mentorships/{m.Id}");

    /// <summary>Records a check-in held (a monthly talk, a quarterly review); 404 outside scope.</summary>
    [HttpPost("{id:long}/check-ins")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<MentorshipDto>> CheckIn(long id, CheckInInput input, CancellationToken ct) =>
        await ReloadAsync(await commands.CheckInAsync(await scopes.GetAsync(ct), id, input, ct), id, ct);

    /// <summary>Evaluates mentor and mentees at the end of the pairing; 404 outside scope.</summary>
    [HttpPost("{id:long}/evaluation")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<MentorshipDto>> Evaluate(long id, EvaluationInput input, CancellationToken ct) =>
        await ReloadAsync(await commands.EvaluateAsync(await scopes.GetAsync(ct), id, input, ct), id, ct);

    private Task<ActionResult<MentorshipDto>> ReloadAsync<T>(CommandResult<T>? result, long id, CancellationToken ct) => ReplyReloadedAsync(result, _ => FindAsync(id, ct));

    private async Task<MentorshipDto> FindAsync(long id, CancellationToken ct) => Dto((await mentorships.FindAsync(await scopes.GetAsync(ct), id, ct))!);

    private static MentorshipDto Dto(MentorshipListItem item)
    {
        var m = item.Pairing;
        return new MentorshipDto(m.Id, m.Kind.ToString(), m.MentorId, item.MentorName, [.. m.Mentees.Zip(item.MenteeNames, (x, name) => new MenteeDto(x.WorkerId, name))],
            m.OrgUnitId, m.Start.ToDateOnly(), m.End.ToDateOnly(), m.Goals, [.. m.CheckIns.OrderBy(c => c.HeldOn).Select(c => new CheckInDto(c.Kind.ToString(), c.HeldOn.ToDateOnly(), c.Note))],
            [.. item.Missing.Select(d => new MissingCheckInDto(d.Kind.ToString(), d.WindowStart.ToDateOnly(), d.WindowEnd.ToDateOnly()))],
            m.EvaluatedOn?.ToDateOnly(), m.MentorRating?.ToString(), m.MenteeRating?.ToString());
    }
}

/// <summary>Shadowing placements (跟岗学习) of workers in scope.</summary>
[Route("api/v1/shadowing-placements")]
[Authorize(Policy = Policies.TalentManage)]
public sealed class ShadowingApiController(MentorshipQueries mentorships, MentorshipCommands commands, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>Placements in scope, newest first (at most 500).</summary>
    [HttpGet]
    public async Task<ActionResult<IReadOnlyList<ShadowingDto>>> List(CancellationToken ct) =>
        (await mentorships.PlacementsAsync(await scopes.GetAsync(ct), ct)).Select(Dto).ToList();

    /// <summary>Places a worker in scope with a host organisation (201).</summary>
    [HttpPost]
    [ProducesResponseType(typeof(ShadowingDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<ShadowingDto>> Place(ShadowingInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var result = await commands.PlaceAsync(scope, input, ct);
        return result.Succeeded
            ? Created($"/api/v1/shadowing-placements/{result.Value!.Id}", Dto((await mentorships.PlacementAsync(scope, result.Value.Id, ct))!))
            : ValidationFailed(result.Errors);
    }

    /// <summary>Files the placement's report; 404 outside scope.</summary>
    [HttpPost("{id:long}/report")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ShadowingDto>> Report(long id, ReportInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var result = await commands.ReportAsync(scope, id, input.Report ?? string.Empty, ct);
        if (result is null)
        {
            return NotFound();
        }
        return result.Succeeded ? Dto((await mentorships.PlacementAsync(scope, id, ct))!) : ValidationFailed(result.Errors);
    }

    private static ShadowingDto Dto(ShadowingListItem item)
    {
        var s = item.Placement;
        return new ShadowingDto(s.Id, s.WorkerId, item.WorkerName, s.HostOrganisation, s.City, s.Start.ToDateOnly(), s.End.ToDateOnly(), s.Report, s.ReportedOn?.ToDateOnly());
    }
}
