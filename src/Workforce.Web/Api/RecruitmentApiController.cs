using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Domain.Recruitment;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Application.Recruitment;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>A round with its posts and figures.</summary>
public sealed record RoundDto(long Id, string Name, long OrgUnitId, DateOnly AnnouncedOn, string Step, DateOnly? NoticeStart, DateOnly? NoticeEnd,
    string? ReopenReason, IReadOnlyList<RoundPostDto> Posts, IReadOnlyDictionary<string, int> ApplicantsByStatus, IReadOnlyList<ObjectionDto> Objections);

/// <summary>One automatic eligibility rule for a candidate.</summary>
/// <param name="Rule">The rule's key.</param>
/// <param name="Name">Its name.</param>
/// <param name="Passed">Passed.</param>
/// <param name="Facts">The facts it used, in words.</param>
public sealed record EligibilityDto(string Rule, string Name, bool Passed, string Facts);

/// <summary>A post of a round.</summary>
public sealed record RoundPostDto(long Id, string Name, long CommunityId, string Post, int Quota, int AnnouncedQuota = 0, int OpeningRatio = 0,
    string? ShortfallAction = null, string? MergeInto = null, string? Opening = null, int? RegisteredAtClose = null, string? OpeningNotice = null,
    string? ReservedFor = null, IReadOnlyList<long>? Communities = null);

/// <summary>An objection.</summary>
public sealed record ObjectionDto(long Id, long? ApplicantId, string Text, bool Open, bool? Upheld, string? Resolution);

/// <summary>A ranked candidate with the parts of the total and its computation in the caller's language.</summary>
public sealed record RankingRowDto(long ApplicantId, string Name, string IdCardMasked, string Education, decimal? Written, decimal? Interview,
    IReadOnlyList<decimal> Marks, decimal Bonus, decimal? Total, int? Rank, string Status, bool Substitute, string? Computation);

/// <summary>The hire of one candidate, with the entry grade explained.</summary>
public sealed record HireDto(long ApplicantId, long WorkerId, string Name, int Grade, string GradeExplanation, DateOnly HireDate, DateOnly? ProbationEnd);

/// <summary>An applicant.</summary>
public sealed record ApplicantDto(long Id, long PostId, string Name, string IdCardMasked, string Status, string? QualificationReason, decimal? WrittenScore,
    decimal? InterviewScore, decimal Bonus, decimal? Total, int? Rank, bool Substitute, int? DeclaredCommunityMonths = null, int? PensionRecordMonths = null, long? ChosenCommunityId = null);

/// <summary>
/// Recruitment API. Wrong step, out-of-range score or unknown candidate: 400 problem details, nothing changes.
/// A round outside the caller's scope: 404.
/// </summary>
[Route("api/v1/recruitment/rounds")]
[Authorize(Policy = Policies.TalentManage)]
public sealed class RecruitmentApiController(RecruitmentQueries recruitment, RecruitmentCommands commands, ApplicantImport sheets, UserScopeAccessor scopes, BusinessCalendar calendar) : ApiControllerBase
{
    /// <summary>Announces a round with its rules and posts (201).</summary>
    [HttpPost]
    public async Task<ActionResult<RoundDto>> Create(RoundInput input, CancellationToken ct)
    {
        return ReplyCreated(await commands.CreateAsync(await scopes.GetAsync(ct), input, ct), r => $"/api/v1/recruitment/rounds/{r.Id}", Dto);
    }

    /// <summary>A round.</summary>
    [HttpGet("{id:long}")]
    public async Task<ActionResult<RoundDto>> Get(long id, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        return round is null ? NotFound() : Dto(round);
    }

    /// <summary>Replaces the round's rules while registration is open (400 afterwards; audited).</summary>
    [HttpPut("{id:long}/rules")]
    public async Task<ActionResult<RoundDto>> Rules(long id, RulesInput input, CancellationToken ct) =>
        Reply(await commands.ChangeRulesAsync(await scopes.GetAsync(ct), id, input, ct), Dto);

    /// <summary>Adds a post during registration, with its 开考比例 (201).</summary>
    [HttpPost("{id:long}/posts")]
    public async Task<ActionResult<RoundPostDto>> AddPost(long id, PostInput input, CancellationToken ct) =>
        ReplyCreated(await commands.AddPostAsync(await scopes.GetAsync(ct), id, input, ct), _ => $"/api/v1/recruitment/rounds/{id}", PostDto);

    /// <summary>Registers an applicant (201).</summary>
    [HttpPost("{id:long}/applicants")]
    public async Task<ActionResult<ApplicantDto>> Register(long id, ApplicantInput input, CancellationToken ct)
    {
        return ReplyCreated(await commands.RegisterAsync(await scopes.GetAsync(ct), id, input, ct), _ => $"/api/v1/recruitment/rounds/{id}", Dto);
    }

    /// <summary>Imports applicants from xlsx (dry run by default): every bad row with row, column and reason; all or nothing.</summary>
    [HttpPost("{id:long}/applicants/import")]
    [ProducesResponseType(typeof(ImportReportDto), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ImportReportDto>> Import(long id, IFormFile? file, [FromQuery] bool dryRun = true, CancellationToken ct = default)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", Text["Import.NoFile"]);
            return ValidationProblem(ModelState);
        }
        await using var stream = file.OpenReadStream();
        var report = await sheets.ImportAsync(await scopes.GetAsync(ct), id, stream, dryRun, ct);
        if (report is null)
        {
            return NotFound();
        }
        return ImportReply(report);
    }

    /// <summary>Written scores: a JSON list, or an xlsx file (candidate number, score or 缺考); all or nothing.</summary>
    [HttpPost("{id:long}/written-scores")]
    [ProducesResponseType(typeof(ImportReportDto), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RecordedDto>> WrittenScores(long id, CancellationToken ct)
    {
        List<WrittenScoreInput> scores;
        if (Request.HasFormContentType)
        {
            var files = (await Request.ReadFormAsync(ct)).Files;
            if (files.Count == 0)
            {
                ModelState.AddModelError("file", Text["Import.NoFile"]);
                return ValidationProblem(ModelState);
            }
            await using var stream = files[0].OpenReadStream();
            (scores, var report) = sheets.ReadWrittenScores(stream);
            if (report.Errors.Count > 0)
            {
                return ImportReply(report).Result!;
            }
        }
        else
        {
            scores = await Request.ReadFromJsonAsync<List<WrittenScoreInput>>(ct) ?? [];
        }
        return Reply(await commands.WrittenScoresAsync(await scopes.GetAsync(ct), id, scores, ct), n => new RecordedDto(n));
    }

    /// <summary>Interview marks per examiner; all or nothing.</summary>
    [HttpPost("{id:long}/interview-scores")]
    public async Task<ActionResult<RecordedDto>> InterviewScores(long id, List<InterviewScoreInput> scores, CancellationToken ct) =>
        Reply(await commands.InterviewScoresAsync(await scopes.GetAsync(ct), id, scores, ct), n => new RecordedDto(n));

    /// <summary>The ranking: ordered candidates with the score parts, total, rank and status.</summary>
    [HttpGet("{id:long}/ranking")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<IReadOnlyList<RankingRowDto>>> Ranking(long id, long? postId, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        return round is null ? NotFound() : RecruitmentQueries.Ranking(round, postId).Select(r => new RankingRowDto(r.ApplicantId, r.Name, r.IdCardMasked, r.Education.ToString(),
            r.Written, r.Interview, r.Marks, r.Bonus, r.Total, r.Rank, r.Status.ToString(), r.Substitute, r.Computation is { } c ? Text.Message(c) : null)).ToList();
    }

    /// <summary>Moves the round to the next step (guarded).</summary>
    [HttpPost("{id:long}/advance")]
    public async Task<ActionResult<RoundDto>> Advance(long id, [FromBody] AdvanceInput? input, CancellationToken ct) =>
        Reply(await commands.AdvanceAsync(await scopes.GetAsync(ct), id, input?.NoticeStart, ct), Dto);

    /// <summary>Goes back one step with a reason (audited).</summary>
    [HttpPost("{id:long}/reopen")]
    public async Task<ActionResult<RoundDto>> Reopen(long id, ReasonInput input, CancellationToken ct) =>
        Reply(await commands.ReopenAsync(await scopes.GetAsync(ct), id, input, ct), Dto);

    /// <summary>Manual qualification decision with a reason.</summary>
    [HttpPost("{id:long}/candidates/{candidateId:long}/qualification")]
    public async Task<ActionResult<ApplicantDto>> Qualification(long id, long candidateId, OverrideInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        byte[]? evidence = null;
        if (input.EvidenceBase64 is { Length: > 0 } text)
        {
            evidence = new byte[text.Length * 3 / 4 + 3];
            evidence = Convert.TryFromBase64String(text, evidence, out var written) ? evidence[..written] : [];
        }
        return Reply(await commands.DecideAsync(await scopes.GetAsync(ct), id, candidateId, new ReasonInput(input.Reason, input.Approved), input.EvidenceName, evidence, ct), Dto);
    }

    /// <summary>A candidate's months of community work, declared and from the pension record (registration or qualification review).</summary>
    [HttpPut("{id:long}/candidates/{candidateId:long}/work-history")]
    public async Task<ActionResult<ApplicantDto>> WorkHistory(long id, long candidateId, WorkHistoryInput input, CancellationToken ct) =>
        Reply(await commands.WorkHistoryAsync(await scopes.GetAsync(ct), id, candidateId, input, ct), Dto);

    /// <summary>复审 of a shortlisted candidate before the interview (<c>approved</c> true or false; a reason when false).</summary>
    [HttpPost("{id:long}/candidates/{candidateId:long}/second-review")]
    public async Task<ActionResult<ApplicantDto>> SecondReview(long id, long candidateId, ReasonInput input, CancellationToken ct) =>
        Reply(await commands.SecondReviewAsync(await scopes.GetAsync(ct), id, candidateId, input, ct), Dto);

    /// <summary>Every automatic eligibility rule for a candidate, passed or not, with the facts it used.</summary>
    [HttpGet("{id:long}/candidates/{candidateId:long}/eligibility")]
    public async Task<ActionResult<IReadOnlyList<EligibilityDto>>> Eligibility(long id, long candidateId, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (round?.Applicants.SingleOrDefault(a => a.Id == candidateId) is not { } applicant)
        {
            return NotFound();
        }
        return round.EligibilityChecks(applicant).Select(c => new EligibilityDto(c.Rule, Text[c.Rule], c.Passed, Text.Message(c.Facts))).ToList();
    }

    /// <summary>选岗: the community a selected candidate of a pooled post chooses, in rank order.</summary>
    [HttpPost("{id:long}/candidates/{candidateId:long}/choice")]
    public async Task<ActionResult<ApplicantDto>> Choice(long id, long candidateId, ChoiceInput input, CancellationToken ct) =>
        Reply(await commands.ChooseAsync(await scopes.GetAsync(ct), id, candidateId, input, ct), Dto);

    /// <summary>考察 and 体检 of a selected candidate.</summary>
    [HttpPost("{id:long}/candidates/{candidateId:long}/vetting")]
    public async Task<ActionResult<ApplicantDto>> Vetting(long id, long candidateId, VettingInput input, CancellationToken ct) =>
        Reply(await commands.VettingAsync(await scopes.GetAsync(ct), id, candidateId, input, ct), Dto);

    /// <summary>A candidate withdraws; the next ranked comes in.</summary>
    [HttpPost("{id:long}/candidates/{candidateId:long}/withdraw")]
    public async Task<ActionResult<ApplicantDto>> Withdraw(long id, long candidateId, ReasonInput input, CancellationToken ct) =>
        Reply(await commands.WithdrawAsync(await scopes.GetAsync(ct), id, candidateId, input, ct), Dto);

    /// <summary>Raises an objection during the notice.</summary>
    [HttpPost("{id:long}/objections")]
    public async Task<ActionResult<ObjectionDto>> RaiseObjection(long id, ObjectionInput input, CancellationToken ct) =>
        Reply(await commands.ObjectAsync(await scopes.GetAsync(ct), id, input, ct), o => new ObjectionDto(o.Id, o.ApplicantId, o.Text, o.IsOpen, o.Upheld, o.Resolution));

    /// <summary>Resolves an objection.</summary>
    [HttpPost("{id:long}/objections/{objectionId:long}/resolve")]
    public async Task<ActionResult<ObjectionDto>> Resolve(long id, long objectionId, ResolutionInput input, CancellationToken ct) =>
        Reply(await commands.ResolveAsync(await scopes.GetAsync(ct), id, objectionId, input, ct), o => new ObjectionDto(o.Id, o.ApplicantId, o.Text, o.IsOpen, o.Upheld, o.Resolution));

    /// <summary>Hires the selected candidates: registry workers with entry grade (explained) and probation end.</summary>
    [HttpPost("{id:long}/hire")]
    public async Task<ActionResult<IReadOnlyList<HireDto>>> Hire(long id, [FromBody] HireInput? input, CancellationToken ct)
    {
        var date = input?.HireDate is { } d ? LocalDate.FromDateOnly(d) : calendar.Today;
        return Reply(await commands.HireAsync(await scopes.GetAsync(ct), id, date, ct),
            rows => (IReadOnlyList<HireDto>)[.. rows.Select(h => new HireDto(h.ApplicantId, h.WorkerId, h.Name, h.Grade, Text.Message(h.GradeExplanation), h.HireDate, h.ProbationEnd))]);
    }

    private RoundPostDto PostDto(RoundPost p) => new(p.Id, p.Name, p.CommunityId, p.Post.ToString(), p.Quota,
        p.AnnouncedQuota, p.OpeningRatio, p.ShortfallAction.ToString(), p.MergeInto, p.Opening.ToString(), p.RegisteredAtClose, p.OpeningNotice is { } n ? Text.Message(n) : null,
        p.ReservedFor, p.Communities);

    private RoundDto Dto(RecruitmentRound r) => new(r.Id, r.Name, r.OrgUnitId, r.AnnouncedOn.ToDateOnly(), r.Step.ToString(), r.NoticeStart?.ToDateOnly(),
        r.NoticeEnd?.ToDateOnly(), r.ReopenReason, [.. r.Posts.Select(PostDto)],
        r.Applicants.GroupBy(a => a.Status.ToString()).ToDictionary(g => g.Key, g => g.Count()),
        [.. r.Objections.Select(o => new ObjectionDto(o.Id, o.ApplicantId, o.Text, o.IsOpen, o.Upheld, o.Resolution))]);

    private static ApplicantDto Dto(Applicant a) => new(a.Id, a.PostId, a.Name, a.IdCard.Masked, a.Status.ToString(), a.QualificationReason, a.WrittenScore,
        a.InterviewScore, a.Bonus, a.Total, a.Rank, a.Substitute, a.DeclaredCommunityMonths, a.PensionRecordMonths, a.ChosenCommunityId);
}

/// <summary>Options of an advance: the publication date when the notice starts (default today).</summary>
/// <param name="NoticeStart">Notice publication date.</param>
public sealed record AdvanceInput(DateOnly? NoticeStart);

/// <summary>Hire date (default today).</summary>
/// <param name="HireDate">Date.</param>
public sealed record HireInput(DateOnly? HireDate);
