using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Domain.Recruitment;
using Workforce.Web.Features.Recruitment;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Api;

/// <summary>A round with its posts and figures.</summary>
public sealed record RoundDto(long Id, string Name, long OrgUnitId, DateOnly AnnouncedOn, string Step, DateOnly? NoticeStart, DateOnly? NoticeEnd,
    string? ReopenReason, IReadOnlyList<RoundPostDto> Posts, IReadOnlyDictionary<string, int> ApplicantsByStatus, IReadOnlyList<ObjectionDto> Objections);

/// <summary>A post of a round.</summary>
public sealed record RoundPostDto(long Id, string Name, long CommunityId, string Post, int Quota);

/// <summary>An objection.</summary>
public sealed record ObjectionDto(long Id, long? ApplicantId, string Text, bool Open, bool? Upheld, string? Resolution);

/// <summary>An applicant.</summary>
public sealed record ApplicantDto(long Id, long PostId, string Name, string IdCardMasked, string Status, string? QualificationReason, decimal? WrittenScore,
    decimal? InterviewScore, decimal Bonus, decimal? Total, int? Rank, bool Substitute);

/// <summary>
/// Recruitment API. Wrong step, out-of-range score or unknown candidate: 400 problem details, nothing changes.
/// A round outside the caller's scope: 404.
/// </summary>
[Route("api/v1/recruitment/rounds")]
[Authorize(Policy = WorkforceHosting.TalentManage)]
public sealed class RecruitmentApiController(RecruitmentService recruitment, UserScopeAccessor scopes, BusinessCalendar calendar) : ApiControllerBase
{
    /// <summary>Announces a round with its rules and posts (201).</summary>
    [HttpPost]
    public async Task<ActionResult<RoundDto>> Create(RoundInput input, CancellationToken ct)
    {
        var result = await recruitment.CreateAsync(await scopes.GetAsync(ct), input, ct);
        return result.Succeeded ? Created($"/api/v1/recruitment/rounds/{result.Value!.Id}", Dto(result.Value)) : ValidationFailed(result.Errors);
    }

    /// <summary>A round.</summary>
    [HttpGet("{id:long}")]
    public async Task<ActionResult<RoundDto>> Get(long id, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        return round is null ? NotFound() : Dto(round);
    }

    /// <summary>Registers an applicant (201).</summary>
    [HttpPost("{id:long}/applicants")]
    public async Task<ActionResult<ApplicantDto>> Register(long id, ApplicantInput input, CancellationToken ct)
    {
        var result = await recruitment.RegisterAsync(await scopes.GetAsync(ct), id, input, ct);
        return result is null ? NotFound() : result.Succeeded ? Created($"/api/v1/recruitment/rounds/{id}", Dto(result.Value!)) : ValidationFailed(result.Errors);
    }

    /// <summary>Imports applicants from xlsx (dry run by default): every bad row with row, column and reason; all or nothing.</summary>
    [HttpPost("{id:long}/applicants/import"), RequestSizeLimit(20_000_000)]
    public async Task<ActionResult<ImportReport>> Import(long id, IFormFile? file, [FromQuery] bool dryRun = true, CancellationToken ct = default)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "An xlsx file is required.");
            return ValidationProblem(ModelState);
        }
        await using var stream = file.OpenReadStream();
        var report = await recruitment.ImportAsync(await scopes.GetAsync(ct), id, stream, dryRun, ct);
        return report is null ? NotFound() : report.Errors.Count > 0 ? UnprocessableEntity(report) : report;
    }

    /// <summary>Written scores: a JSON list, or an xlsx file (candidate number, score or 缺考); all or nothing.</summary>
    [HttpPost("{id:long}/written-scores")]
    public async Task<ActionResult<object>> WrittenScores(long id, CancellationToken ct)
    {
        List<WrittenScoreInput> scores;
        if (Request.HasFormContentType)
        {
            var files = (await Request.ReadFormAsync(ct)).Files;
            var file = files.Count > 0 ? files[0] : null;
            var errors = new List<ImportRowError>();
            await using var stream = file?.OpenReadStream() ?? Stream.Null;
            scores = file is null ? [] : recruitment.ReadWrittenScores(stream, errors);
            if (file is null || errors.Count > 0)
            {
                return UnprocessableEntity(new { errors });
            }
        }
        else
        {
            scores = await Request.ReadFromJsonAsync<List<WrittenScoreInput>>(ct) ?? [];
        }
        return Reply(await recruitment.WrittenScoresAsync(await scopes.GetAsync(ct), id, scores, ct), n => new { recorded = n });
    }

    /// <summary>Interview marks per examiner; all or nothing.</summary>
    [HttpPost("{id:long}/interview-scores")]
    public async Task<ActionResult<object>> InterviewScores(long id, List<InterviewScoreInput> scores, CancellationToken ct) =>
        Reply(await recruitment.InterviewScoresAsync(await scopes.GetAsync(ct), id, scores, ct), n => new { recorded = n });

    /// <summary>The ranking: ordered candidates with the score parts, total, rank and status.</summary>
    [HttpGet("{id:long}/ranking")]
    public async Task<ActionResult<IReadOnlyList<RankingRow>>> Ranking(long id, long? postId, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        return round is null ? NotFound() : RecruitmentService.Ranking(round, postId);
    }

    /// <summary>Moves the round to the next step (guarded).</summary>
    [HttpPost("{id:long}/advance")]
    public async Task<ActionResult<object>> Advance(long id, [FromBody] AdvanceInput? input, CancellationToken ct) =>
        Reply(await recruitment.AdvanceAsync(await scopes.GetAsync(ct), id, input?.NoticeStart, ct), r => Dto(r));

    /// <summary>Goes back one step with a reason (audited).</summary>
    [HttpPost("{id:long}/reopen")]
    public async Task<ActionResult<object>> Reopen(long id, ReasonInput input, CancellationToken ct) =>
        Reply(await recruitment.ReopenAsync(await scopes.GetAsync(ct), id, input, ct), r => Dto(r));

    /// <summary>Manual qualification decision with a reason.</summary>
    [HttpPost("{id:long}/candidates/{candidateId:long}/qualification")]
    public async Task<ActionResult<object>> Qualification(long id, long candidateId, ReasonInput input, CancellationToken ct) =>
        Reply(await recruitment.DecideAsync(await scopes.GetAsync(ct), id, candidateId, input, ct), a => Dto(a));

    /// <summary>考察 and 体检 of a selected candidate.</summary>
    [HttpPost("{id:long}/candidates/{candidateId:long}/vetting")]
    public async Task<ActionResult<object>> Vetting(long id, long candidateId, VettingInput input, CancellationToken ct) =>
        Reply(await recruitment.VettingAsync(await scopes.GetAsync(ct), id, candidateId, input, ct), a => Dto(a));

    /// <summary>A candidate withdraws; the next ranked comes in.</summary>
    [HttpPost("{id:long}/candidates/{candidateId:long}/withdraw")]
    public async Task<ActionResult<object>> Withdraw(long id, long candidateId, ReasonInput input, CancellationToken ct) =>
        Reply(await recruitment.WithdrawAsync(await scopes.GetAsync(ct), id, candidateId, input, ct), a => Dto(a));

    /// <summary>Raises an objection during the notice.</summary>
    [HttpPost("{id:long}/objections")]
    public async Task<ActionResult<object>> RaiseObjection(long id, ObjectionInput input, CancellationToken ct) =>
        Reply(await recruitment.ObjectAsync(await scopes.GetAsync(ct), id, input, ct), o => new ObjectionDto(o.Id, o.ApplicantId, o.Text, o.IsOpen, o.Upheld, o.Resolution));

    /// <summary>Resolves an objection.</summary>
    [HttpPost("{id:long}/objections/{objectionId:long}/resolve")]
    public async Task<ActionResult<object>> Resolve(long id, long objectionId, ResolutionInput input, CancellationToken ct) =>
        Reply(await recruitment.ResolveAsync(await scopes.GetAsync(ct), id, objectionId, input, ct), o => new ObjectionDto(o.Id, o.ApplicantId, o.Text, o.IsOpen, o.Upheld, o.Resolution));

    /// <summary>Hires the selected candidates: registry workers with entry grade (explained) and probation end.</summary>
    [HttpPost("{id:long}/hire")]
    public async Task<ActionResult<object>> Hire(long id, [FromBody] HireInput? input, CancellationToken ct)
    {
        var date = input?.HireDate is { } d ? LocalDate.FromDateOnly(d) : calendar.Today;
        return Reply(await recruitment.HireAsync(await scopes.GetAsync(ct), id, date, ct), rows => rows);
    }

    private static RoundDto Dto(RecruitmentRound r) => new(r.Id, r.Name, r.OrgUnitId, r.AnnouncedOn.ToDateOnly(), r.Step.ToString(), r.NoticeStart?.ToDateOnly(),
        r.NoticeEnd?.ToDateOnly(), r.ReopenReason, [.. r.Posts.Select(p => new RoundPostDto(p.Id, p.Name, p.CommunityId, p.Post.ToString(), p.Quota))],
        r.Applicants.GroupBy(a => a.Status.ToString()).ToDictionary(g => g.Key, g => g.Count()),
        [.. r.Objections.Select(o => new ObjectionDto(o.Id, o.ApplicantId, o.Text, o.IsOpen, o.Upheld, o.Resolution))]);

    private static ApplicantDto Dto(Applicant a) => new(a.Id, a.PostId, a.Name, a.IdCard.Masked, a.Status.ToString(), a.QualificationReason, a.WrittenScore,
        a.InterviewScore, a.Bonus, a.Total, a.Rank, a.Substitute);
}

/// <summary>Options of an advance: the publication date when the notice starts (default today).</summary>
/// <param name="NoticeStart">Notice publication date.</param>
public sealed record AdvanceInput(DateOnly? NoticeStart);

/// <summary>Hire date (default today).</summary>
/// <param name="HireDate">Date.</param>
public sealed record HireInput(DateOnly? HireDate);
