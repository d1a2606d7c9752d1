using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Application.Assessment;
using Workforce.Application.Common;
using Workforce.Domain.Assessment;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>A round in the list.</summary>
public sealed record AssessmentRoundItemDto(long Id, string Name, string Unit, int Year, AssessmentStage Stage, int People, int Reports, int Ballots);

/// <summary>One person of a round: the parts, the composite with its computation in words, rank, proposal, rating.</summary>
public sealed record AssessmentEntryDto(long EntryId, long WorkerId, string Name, long UnitId, string Unit, DateOnly? ReportSubmittedOn, bool HasAttachment,
    decimal? ReportScore, decimal? VoteScore, int Ballots, decimal? OrganisationScore, int AbsenceDays, decimal? Composite, string? Computation, int? Rank,
    AssessmentRating? Proposed, ProposalNote Note, AssessmentRating? Rating, bool Disciplined);

/// <summary>A community of a round: people, the 优秀 quota (null when counted over the round), ratings and ballots by group.</summary>
public sealed record AssessmentUnitDto(long UnitId, string Unit, int People, int? Quota, IReadOnlyDictionary<AssessmentRating, int> Ratings,
    IReadOnlyDictionary<VoterGroup, int> Ballots, IReadOnlyDictionary<VoterGroup, int> CodesIssued);

/// <summary>An objection during the notice and its decision.</summary>
public sealed record AssessmentObjectionDto(long Id, long EntryId, string Name, string Text, DateOnly RaisedOn, bool? Upheld, string? Resolution, DateOnly? ResolvedOn);

/// <summary>A round with its people, communities and objections.</summary>
public sealed record AssessmentRoundDto(long Id, string Name, long OrgUnitId, string Unit, int Year, AssessmentStage Stage, SchemeInput Scheme, DateOnly? NoticeStart,
    DateOnly? NoticeEnd, IReadOnlyList<AssessmentEntryDto> Entries, IReadOnlyList<AssessmentUnitDto> Units, IReadOnlyList<AssessmentObjectionDto> Objections);

/// <summary>Ballots returned so far per community and voter group.</summary>
public sealed record BallotCountDto(int Issued, int Returned, IReadOnlyList<BallotCountItemDto> Units);

/// <summary>Ballots of a community and group.</summary>
public sealed record BallotCountItemDto(long UnitId, VoterGroup Group, int Issued, int Returned);

/// <summary>A ballot code as issued (shown only in this answer) with the ballot page it opens.</summary>
public sealed record BallotCodeDto(string Code, string Url, long UnitId, string Unit, VoterGroup Group, DateTimeOffset ExpiresAt);

/// <summary>A unit's scheme version.</summary>
public sealed record SchemeVersionDto(long UnitId, string Unit, SchemeInput Scheme);

/// <summary>Moves a round on; the notice may start on an earlier day (never a future one).</summary>
public sealed record AssessmentAdvanceInput(DateOnly? NoticeStart);

/// <summary>
/// 年度考核 rounds for HR officers (units in scope; another unit's round is 404): schemes, rounds, review scores, stages, ballot
/// codes, the live count and objections. Ballots themselves are cast on the anonymous page <c>/b/{code}</c>, never here.
/// </summary>
[Route("api/v1/assessments")]
[Authorize(Policy = Policies.TalentManage)]
public sealed class AssessmentApiController(AssessmentRoundQueries queries, AssessmentRoundCommands commands, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>The scheme versions of the units in scope.</summary>
    [HttpGet("schemes")]
    public async Task<ActionResult<IReadOnlyList<SchemeVersionDto>>> Schemes(CancellationToken ct) =>
        (await queries.SchemesAsync(await scopes.GetAsync(ct), ct)).Select(s => new SchemeVersionDto(s.UnitId, s.Unit, SchemeInput.From(s.Scheme, s.UnitId))).ToList();

    /// <summary>Sets (or replaces) a unit's scheme from a year; the domain checks weights, lines and points (400 with field errors).</summary>
    [HttpPut("schemes")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<SchemeInput>> SetScheme(SchemeInput input, CancellationToken ct) =>
        Reply(await commands.SetSchemeAsync(await scopes.GetAsync(ct), input, ct), v => SchemeInput.From(v.Scheme, v.OrgUnitId));

    /// <summary>The rounds in scope, newest first.</summary>
    [HttpGet("rounds")]
    public async Task<ActionResult<IReadOnlyList<AssessmentRoundItemDto>>> List(CancellationToken ct) =>
        (await queries.ListAsync(await scopes.GetAsync(ct), ct)).Select(r => new AssessmentRoundItemDto(r.Id, r.Name, r.Unit, r.Year, r.Stage, r.People, r.Reports, r.Ballots)).ToList();

    /// <summary>Opens a unit's round for a year with the scheme in force (201).</summary>
    [HttpPost("rounds")]
    [ProducesResponseType(typeof(AssessmentRoundDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<AssessmentRoundDto>> Open(AssessmentRoundInput input, CancellationToken ct) =>
        await ReplyReloadedAsync(await commands.OpenAsync(await scopes.GetAsync(ct), input, ct), r => ViewAsync(r.Id, ct), r => $"/api/v1/assessments/rounds/{r.Id}");

    /// <summary>A round with every person's parts and composite; 404 outside scope.</summary>
    [HttpGet("rounds/{id:long}")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<AssessmentRoundDto>> Get(long id, CancellationToken ct) =>
        await queries.ViewAsync(await scopes.GetAsync(ct), id, ct) is { } view ? Dto(view) : NotFound();

    /// <summary>Records the officers' scores (self-report, street's evaluation) and absence days of people of the round.</summary>
    [HttpPost("rounds/{id:long}/evaluations")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<AssessmentRoundDto>> Evaluate(long id, List<EvaluationInput> scores, CancellationToken ct) =>
        await ReloadAsync(await commands.EvaluateAsync(await scopes.GetAsync(ct), id, scores, ct), id, ct);

    /// <summary>Imports the review scores of a filled score sheet (the page's xlsx: number, name, community, scores, absence days); dry run unless <c>dryRun=false</c>; all or nothing.</summary>
    [HttpPost("rounds/{id:long}/evaluations/import")]
    [ProducesResponseType(typeof(ImportReportDto), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ImportReportDto>> ImportEvaluations(long id, IFormFile? file, [FromServices] ReviewScoreImport import, [FromQuery] bool dryRun = true, CancellationToken ct = default)
    {
        var scope = await scopes.GetAsync(ct);
        if (await queries.FindAsync(scope, id, ct) is null)
        {
            return NotFound();
        }
        return await ImportFileAsync(file, async stream => (await import.ImportAsync(scope, id, stream, dryRun, ct))!);
    }

    /// <summary>Moves the round to its next stage (self-report → voting → review → notice → final); final writes the year's assessments.</summary>
    [HttpPost("rounds/{id:long}/advance")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<AssessmentRoundDto>> Advance(long id, AssessmentAdvanceInput? input, CancellationToken ct) =>
        await ReloadAsync(await commands.AdvanceAsync(await scopes.GetAsync(ct), id, input?.NoticeStart is { } d ? LocalDate.FromDateOnly(d) : null, ct), id, ct);

    /// <summary>Issues single-use ballot codes for a community and voter group (at most 500); the codes appear only in this answer.</summary>
    [HttpPost("rounds/{id:long}/codes")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<IReadOnlyList<BallotCodeDto>>> Codes(long id, BallotCodesInput input, CancellationToken ct)
    {
        var baseUrl = Request.Absolute("/b/");
        return Reply<IssuedCodes, IReadOnlyList<BallotCodeDto>>(await commands.IssueCodesAsync(await scopes.GetAsync(ct), id, input, ct),
            issued => [.. issued.Codes.Select(c => new BallotCodeDto(c.Code, baseUrl + c.Code, c.UnitId, c.Unit, c.Group, c.ExpiresAt.ToDateTimeOffset()))]);
    }

    /// <summary>The live count of ballots returned; 404 outside scope.</summary>
    [HttpGet("rounds/{id:long}/count")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<BallotCountDto>> Count(long id, CancellationToken ct) =>
        await queries.CountAsync(await scopes.GetAsync(ct), id, ct) is { } count
            ? new BallotCountDto(count.Sum(c => c.Issued), count.Sum(c => c.Returned), [.. count.Select(c => new BallotCountItemDto(c.UnitId, c.Group, c.Issued, c.Returned))])
            : NotFound();

    /// <summary>Records an objection during the notice.</summary>
    [HttpPost("rounds/{id:long}/objections")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<AssessmentRoundDto>> Objection(long id, AssessmentObjectionInput input, CancellationToken ct) =>
        await ReloadAsync(await commands.RaiseObjectionAsync(await scopes.GetAsync(ct), id, input, ct), id, ct);

    /// <summary>Decides an objection (upheld may change the rating within the quota and the caps).</summary>
    [HttpPost("rounds/{id:long}/objections/{objectionId:long}/decision")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<AssessmentRoundDto>> Decide(long id, long objectionId, ObjectionDecisionInput input, CancellationToken ct) =>
        await ReloadAsync(await commands.DecideObjectionAsync(await scopes.GetAsync(ct), id, objectionId, input, ct), id, ct);

    private Task<ActionResult<AssessmentRoundDto>> ReloadAsync<T>(CommandResult<T>? result, long id, CancellationToken ct) => ReplyReloadedAsync(result, _ => ViewAsync(id, ct));

    private async Task<AssessmentRoundDto> ViewAsync(long id, CancellationToken ct) => Dto((await queries.ViewAsync(await scopes.GetAsync(ct), id, ct))!);

    private AssessmentRoundDto Dto(AssessmentRoundView view)
    {
        var r = view.Round;
        return new AssessmentRoundDto(r.Id, r.Name, r.OrgUnitId, view.UnitName, r.Year, r.Stage, SchemeInput.From(r.Scheme, r.OrgUnitId), r.NoticeStart?.ToDateOnly(),
            r.NoticeEnd?.ToDateOnly(),
            [.. view.Rows.Select(e => new AssessmentEntryDto(e.EntryId, e.WorkerId, e.Name, e.UnitId, e.Unit, e.ReportSubmittedOn?.ToDateOnly(), e.HasAttachment, e.ReportScore,
                e.VoteScore, e.Ballots, e.OrganisationScore, e.AbsenceDays, e.Composite, e.Computation is { } c ? Text.Message(c) : null, e.Rank, e.Proposed, e.Note, e.Rating,
                e.Disciplined))],
            [.. view.Units.Select(u => new AssessmentUnitDto(u.UnitId, u.Unit, u.People, u.Quota, u.Ratings, u.Ballots, u.CodesIssued))],
            [.. view.Objections.Select(o => new AssessmentObjectionDto(o.Id, o.EntryId, o.Name, o.Text, o.RaisedOn.ToDateOnly(), o.Upheld, o.Resolution, o.ResolvedOn?.ToDateOnly()))]);
    }
}

/// <summary>The signed-in worker's part in a round.</summary>
public sealed record MyAssessmentDto(long RoundId, string Round, int Year, AssessmentStage Stage, long EntryId, string? ReportText, string? Attachment, DateOnly? SubmittedOn,
    AssessmentRating? Rating, DateOnly? NoticeEnd);

/// <summary>A self-report's text (attachments go through the page, where the file's type is read from its bytes).</summary>
public sealed record SelfReportInput(string? Text);

/// <summary>The signed-in worker's assessments and 个人述职.</summary>
[Route("api/v1/me/assessments")]
[Authorize(Policy = Policies.TraineeOnly)]
public sealed class MyAssessmentApiController(SelfReports reports, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>My rounds: the self-report while open, the rating once on notice or final.</summary>
    [HttpGet]
    public async Task<ActionResult<IReadOnlyList<MyAssessmentDto>>> Mine(CancellationToken ct) =>
        (await reports.MineAsync(await scopes.GetAsync(ct), ct)).Select(Dto).ToList();

    /// <summary>Submits (or replaces) my self-report in a round while reports are open; 404 when I am not assessed in it.</summary>
    [HttpPut("{roundId:long}/report")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<MyAssessmentDto>> Report(long roundId, SelfReportInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var result = await reports.SubmitAsync(scope, roundId, input?.Text, null, null, ct);
        if (result is null)
        {
            return NotFound();
        }
        return result.Succeeded ? Dto((await reports.MineAsync(scope, ct)).Single(m => m.RoundId == roundId)) : ValidationFailed(result.Errors);
    }

    private static MyAssessmentDto Dto(MyAssessment m) =>
        new(m.RoundId, m.Round, m.Year, m.Stage, m.EntryId, m.ReportText, m.Attachment, m.SubmittedOn?.ToDateOnly(), m.Rating, m.NoticeEnd?.ToDateOnly());
}
