using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Application.Organisation;
using Workforce.Application.Recruitment;
using Workforce.Domain.Organisation;
using Workforce.Domain.Recruitment;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Recruitment;

/// <summary>The round page.</summary>
public sealed class RoundPageViewModel
{
    /// <summary>The round.</summary>
    public required RecruitmentRound Round { get; init; }
    /// <summary>Applicants after the filters, this page.</summary>
    public required PagedResult<Applicant> Applicants { get; init; }
    /// <summary>Status filter.</summary>
    public ApplicantStatus? Status { get; init; }
    /// <summary>Post filter.</summary>
    public long? PostId { get; init; }
    /// <summary>Communities in scope (posts).</summary>
    public required IReadOnlyList<OrgUnit> Communities { get; init; }
    /// <summary>Community names by id.</summary>
    public required IReadOnlyDictionary<long, string> CommunityNames { get; init; }
    /// <summary>Import report, after an upload.</summary>
    public ImportReport? Report { get; init; }
    /// <summary>Hires just made.</summary>
    public IReadOnlyList<HireRow>? Hires { get; init; }
}

/// <summary>The rules page.</summary>
public sealed class RulesPageViewModel
{
    /// <summary>The round.</summary>
    public required RecruitmentRound Round { get; init; }
    /// <summary>The form's values (the round's rules, or what was entered).</summary>
    public required RulesInput Input { get; init; }
}

/// <summary>招聘 pages: rounds, the round with every step's forms, ranking, notice, imports and exports.</summary>
[Authorize(Policy = Policies.TalentManage)]
public sealed class RecruitmentController(RecruitmentQueries recruitment, RecruitmentCommands commands, ApplicantImport sheets, OrganisationQueries units,
    UserScopeAccessor scopes, BusinessCalendar calendar, RoundTemplates roundTemplates) : PageController
{
    /// <summary>Rounds in scope and the new-round form.</summary>
    public async Task<IActionResult> Index(long? template, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        ViewBag.Communities = await units.CommunitiesAsync(scope, ct);
        var templates = await roundTemplates.ListAsync(scope, ct);
        ViewBag.Templates = templates;
        ViewBag.Template = templates.FirstOrDefault(t => t.Id == template);
        return View(await recruitment.ListAsync(scope, ct));
    }

    /// <summary>Saves the round's rules as a template of the officer's unit.</summary>
    [HttpPost]
    public async Task<IActionResult> SaveTemplate(long id, string? name, string? source, CancellationToken ct)
    {
        var result = await roundTemplates.SaveAsync(await scopes.GetAsync(ct), new TemplateInput { RoundId = id, Name = name, Source = source }, ct);
        return result is null ? NotFound() : Back(result, Text["Recruitment.TemplateSaved"], nameof(Details), new { id });
    }

    /// <summary>Announces a round with its first post.</summary>
    [HttpPost]
    public async Task<IActionResult> Create(RoundInput input, CancellationToken ct)
    {
        ForgiveEmptyRows();
        if (!ModelState.IsValid)
        {
            return InvalidInput(nameof(Index));
        }
        var result = await commands.CreateAsync(await scopes.GetAsync(ct), input, ct);
        return result.Succeeded ? Back(result, Text["Recruitment.Created"], nameof(Details), new { id = result.Value!.Id }) : Back(result, string.Empty, nameof(Index));
    }

    /// <summary>The round: steps, posts, applicants with filters, and the forms of the current step.</summary>
    public async Task<IActionResult> Details(long id, ApplicantStatus? status, long? postId, int page = 1, CancellationToken ct = default)
        => await PageAsync(id, status, postId, page, null, null, ct) is { } view ? view : NotFound();

    private async Task<IActionResult?> PageAsync(long id, ApplicantStatus? status, long? postId, int page, ImportReport? report, IReadOnlyList<HireRow>? hires, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var round = await recruitment.FindAsync(scope, id, ct);
        if (round is null)
        {
            return null;
        }
        var list = round.Applicants.Where(a => (status is null || a.Status == status) && (postId is null || a.PostId == postId))
            .OrderBy(a => a.PostId).ThenBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.Sequence).ToList();
        page = Math.Max(1, page);
        return View("Details", new RoundPageViewModel
        {
            Round = round,
            Applicants = new PagedResult<Applicant>([.. list.Skip((page - 1) * 50).Take(50)], list.Count, page, 50),
            Status = status,
            PostId = postId,
            Communities = await units.CommunitiesAsync(scope, ct),
            CommunityNames = await recruitment.CommunityNamesAsync(round, ct),
            Report = report,
            Hires = hires,
        });
    }

    /// <summary>The round's rules: every rule in a form while registration is open, read-only after.</summary>
    public async Task<IActionResult> Rules(long id, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (round is null)
        {
            return NotFound();
        }
        var input = RulesInput.From(round.Rules);
        input.AgeReferenceDate = round.Rules.AgeReferenceDate.ToDateOnly();
        return View(new RulesPageViewModel { Round = round, Input = input });
    }

    /// <summary>Changes the round's rules (registration only); on a refusal the form comes back with what was entered.</summary>
    [HttpPost]
    public async Task<IActionResult> Rules(long id, [Bind(Prefix = "Rules")] RulesInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        ForgiveEmptyRows();
        if (ModelState.IsValid)
        {
            var result = await commands.ChangeRulesAsync(scope, id, input, ct);
            if (result is null)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                return Back(result, Text["Recruitment.RulesChanged"], nameof(Details), new { id });
            }
            TempData["Error"] = Text.Messages(result.Errors);
        }
        else
        {
            TempData["Error"] = InputErrors();
        }
        var round = await recruitment.FindAsync(scope, id, ct);
        return round is null ? NotFound() : View(new RulesPageViewModel { Round = round, Input = input });
    }

    // The rules form offers empty bonus-item rows to fill in (RulesInput.ToRules drops them): their code and name are not missing.
    private void ForgiveEmptyRows()
    {
        const string rows = "Rules.BonusItems[";
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(rows, StringComparison.Ordinal) && k.Contains(']', StringComparison.Ordinal)).ToList())
        {
            var row = key[..(key.IndexOf(']', StringComparison.Ordinal) + 1)];
            if (string.IsNullOrWhiteSpace(Request.Form[row + ".Code"]) && string.IsNullOrWhiteSpace(Request.Form[row + ".Name"]))
            {
                ModelState.Remove(key);
            }
        }
    }

    /// <summary>Adds a post.</summary>
    [HttpPost]
    public async Task<IActionResult> AddPost(long id, PostInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await commands.AddPostAsync(await scopes.GetAsync(ct), id, input, ct), Text["Recruitment.PostAdded"], nameof(Details), new { id }) : InvalidInput(nameof(Details), new { id });

    /// <summary>Registers an applicant.</summary>
    [HttpPost]
    public async Task<IActionResult> Register(long id, ApplicantInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await commands.RegisterAsync(await scopes.GetAsync(ct), id, input, ct), Text["Recruitment.Registered"], nameof(Details), new { id }) : InvalidInput(nameof(Details), new { id });

    /// <summary>Checks or imports applicants from xlsx.</summary>
    [HttpPost]
    public async Task<IActionResult> Import(long id, IFormFile? file, bool dryRun, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            TempData["Error"] = Text["Import.NoFile"];
            return RedirectToAction(nameof(Details), new { id });
        }
        await using var stream = file.OpenReadStream();
        var report = await sheets.ImportAsync(await scopes.GetAsync(ct), id, stream, dryRun, ct);
        return report is null ? NotFound() : (await PageAsync(id, null, null, 1, report, null, ct))!;
    }

    /// <summary>The applicant import template.</summary>
    public IActionResult Template() => Template("applicants-template.xlsx", ApplicantImport.ApplicantSheet);

    /// <summary>The score import template (candidate number and score).</summary>
    public IActionResult ScoreTemplate() => Template("scores-template.xlsx", ApplicantImport.WrittenScoreSheet);

    /// <summary>Moves to the next step.</summary>
    [HttpPost]
    public async Task<IActionResult> Advance(long id, DateOnly? noticeStart, CancellationToken ct)
    {
        var result = await commands.AdvanceAsync(await scopes.GetAsync(ct), id, noticeStart, ct);
        return Back(result, result?.Value is { } r ? Text.Format("Recruitment.Advanced", Text.Enum(r.Step)) : string.Empty, nameof(Details), new { id });
    }

    /// <summary>Goes back one step with a reason.</summary>
    [HttpPost]
    public async Task<IActionResult> Reopen(long id, string? reason, CancellationToken ct) =>
        Back(await commands.ReopenAsync(await scopes.GetAsync(ct), id, new ReasonInput(reason), ct), Text["Recruitment.Reopened"], nameof(Details), new { id });

    /// <summary>Records the months of work the pension record shows (the review).</summary>
    [HttpPost]
    public async Task<IActionResult> WorkHistory(long id, long applicantId, WorkHistoryInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await commands.WorkHistoryAsync(await scopes.GetAsync(ct), id, applicantId, input, ct), Text["Recruitment.PensionRecorded"], nameof(Details), new { id })
            : InvalidInput(nameof(Details), new { id });

    /// <summary>Manual qualification decision.</summary>
    [HttpPost]
    [RequestSizeLimit(DocumentFiles.MaxBytes + 256 * 1024)]
    public async Task<IActionResult> Decide(long id, long applicantId, bool approved, string? reason, IFormFile? evidence, CancellationToken ct)
    {
        byte[]? bytes = null;
        if (evidence is not null)
        {
            await using var stream = evidence.OpenReadStream();
            bytes = await DocumentFiles.ReadAsync(stream, DocumentFiles.MaxBytes, ct) ?? [];
        }
        return Back(await commands.DecideAsync(await scopes.GetAsync(ct), id, applicantId, new ReasonInput(reason, approved), evidence?.FileName, bytes, ct),
            Text["Recruitment.Decided"], nameof(Details), new { id });
    }

    /// <summary>The document an applicant's qualification override rests on.</summary>
    public async Task<IActionResult> Evidence(long id, long applicantId, CancellationToken ct) =>
        await commands.EvidenceAsync(await scopes.GetAsync(ct), id, applicantId, ct) is { } e ? File(e.Content, e.ContentType, e.FileName) : NotFound();

    /// <summary>Saves the written scores entered in the table (blank = not yet; 缺考 ticked = absent).</summary>
    [HttpPost]
    public async Task<IActionResult> Written(long id, Dictionary<long, string?> score, List<long> absent, CancellationToken ct)
    {
        var scores = new List<WrittenScoreInput>();
        foreach (var (applicantId, value) in score)
        {
            if (absent.Contains(applicantId))
            {
                scores.Add(new WrittenScoreInput(applicantId, null, true));
            }
            else if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var s))
            {
                scores.Add(new WrittenScoreInput(applicantId, s));
            }
        }
        return Back(await commands.WrittenScoresAsync(await scopes.GetAsync(ct), id, scores, ct), Text["Recruitment.ScoresSaved"], nameof(Details), new { id });
    }

    /// <summary>Imports written scores from xlsx (candidate number, score or 缺考).</summary>
    [HttpPost]
    public async Task<IActionResult> WrittenImport(long id, IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            TempData["Error"] = Text["Import.NoFile"];
            return RedirectToAction(nameof(Details), new { id });
        }
        await using var stream = file.OpenReadStream();
        var (scores, report) = sheets.ReadWrittenScores(stream);
        if (report.Errors.Count > 0)
        {
            TempData["Error"] = string.Join("；", report.Errors.Take(20).Select(e => $"{e.Row}/{Text.ImportColumn(e)}：{Text.Message(e.Reason)}"));
            return RedirectToAction(nameof(Details), new { id });
        }
        return Back(await commands.WrittenScoresAsync(await scopes.GetAsync(ct), id, scores, ct), Text["Recruitment.ScoresSaved"], nameof(Details), new { id });
    }

    /// <summary>Saves interview marks: per candidate the marks of the examiners, separated by spaces or commas.</summary>
    [HttpPost]
    public async Task<IActionResult> Interview(long id, Dictionary<long, string?> marks, List<long> absent, CancellationToken ct)
    {
        var list = new List<InterviewScoreInput>();
        foreach (var (applicantId, value) in marks)
        {
            if (absent.Contains(applicantId))
            {
                list.Add(new InterviewScoreInput(applicantId, [], true));
                continue;
            }
            var parts = (value ?? string.Empty).Split([' ', ',', '，', '/', '、'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }
            var parsed = parts.Select(p => decimal.TryParse(p, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : -1m).ToList();
            list.Add(new InterviewScoreInput(applicantId, [.. parsed.Select((m, k) => new ExaminerMark(Text["Recruitment.Examiner"] + (k + 1).ToString(CultureInfo.InvariantCulture), m))]));
        }
        return Back(await commands.InterviewScoresAsync(await scopes.GetAsync(ct), id, list, ct), Text["Recruitment.ScoresSaved"], nameof(Details), new { id });
    }

    /// <summary>Records vetting and medical.</summary>
    [HttpPost]
    public async Task<IActionResult> Vet(long id, long applicantId, bool vettingPassed, bool medicalPassed, string? note, CancellationToken ct) =>
        Back(await commands.VettingAsync(await scopes.GetAsync(ct), id, applicantId, new VettingInput(vettingPassed, medicalPassed, note), ct), Text["Recruitment.Vetted"], nameof(Details), new { id });

    /// <summary>复审 of a shortlisted candidate before the interview.</summary>
    [HttpPost]
    public async Task<IActionResult> SecondReview(long id, long applicantId, bool approved, string? reason, CancellationToken ct) =>
        Back(await commands.SecondReviewAsync(await scopes.GetAsync(ct), id, applicantId, new ReasonInput(reason, approved), ct), Text["Recruitment.SecondReviewed"], nameof(Details), new { id });

    /// <summary>选岗: records the community a selected candidate of a pooled post chooses (in rank order).</summary>
    [HttpPost]
    public async Task<IActionResult> Choose(long id, long applicantId, long? communityId, CancellationToken ct) =>
        Back(await commands.ChooseAsync(await scopes.GetAsync(ct), id, applicantId, new ChoiceInput { CommunityId = communityId }, ct), Text["Recruitment.Chosen"], nameof(Details), new { id });

    /// <summary>A candidate withdraws.</summary>
    [HttpPost]
    public async Task<IActionResult> Withdraw(long id, long applicantId, string? reason, CancellationToken ct) =>
        Back(await commands.WithdrawAsync(await scopes.GetAsync(ct), id, applicantId, new ReasonInput(reason), ct), Text["Recruitment.Withdrawn"], nameof(Details), new { id });

    /// <summary>Records an objection.</summary>
    [HttpPost]
    public async Task<IActionResult> Objection(long id, long? applicantId, string? objection, CancellationToken ct) =>
        Back(await commands.ObjectAsync(await scopes.GetAsync(ct), id, new ObjectionInput(applicantId, objection), ct), Text["Recruitment.ObjectionRaised"], nameof(Details), new { id });

    /// <summary>Resolves an objection.</summary>
    [HttpPost]
    public async Task<IActionResult> Resolve(long id, long objectionId, bool upheld, string? resolution, CancellationToken ct) =>
        Back(await commands.ResolveAsync(await scopes.GetAsync(ct), id, objectionId, new ResolutionInput(upheld, resolution), ct), Text["Recruitment.ObjectionResolved"], nameof(Details), new { id });

    /// <summary>Hires the selected candidates.</summary>
    [HttpPost]
    public async Task<IActionResult> Hire(long id, DateOnly? hireDate, CancellationToken ct)
    {
        var date = hireDate is { } d ? NodaTime.LocalDate.FromDateOnly(d) : calendar.Today;
        var result = await commands.HireAsync(await scopes.GetAsync(ct), id, date, ct);
        if (result is null)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            return Back(result, string.Empty, nameof(Details), new { id });
        }
        TempData["Message"] = Text.Format("Recruitment.HiredCount", result.Value!.Count);
        return (await PageAsync(id, null, null, 1, null, result.Value, ct))!;
    }

    /// <summary>The ranking per post with cut lines and computations.</summary>
    public async Task<IActionResult> Ranking(long id, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        return round is null ? NotFound() : View(round);
    }

    /// <summary>The printable public notice.</summary>
    public async Task<IActionResult> Notice(long id, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (round is null)
        {
            return NotFound();
        }
        ViewBag.Communities = await recruitment.CommunityNamesAsync(round, ct);
        ViewBag.Unit = await recruitment.UnitNameAsync(round, ct);
        return View(round);
    }

    /// <summary>Applicants as xlsx (masked ID numbers).</summary>
    public async Task<IActionResult> Export(long id, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (round is null)
        {
            return NotFound();
        }
        return Xlsx("applicants.xlsx", Text["Recruitment.Applicants"],
            [Text["Recruitment.CandidateNo"], Text["Recruitment.Post"], Text["Field.Name"], Text["Field.IdCardNumber"], Text["Field.Education"], Text["Field.Status"], Text["Recruitment.Reason"],
                Text["Recruitment.WrittenScore"], Text["Recruitment.InterviewScore"], Text["Recruitment.Bonus"], Text["Recruitment.Total"], Text["Recruitment.Rank"]],
            round.Applicants.OrderBy(a => a.Sequence).Select(a => (IReadOnlyList<string?>)[N(a.Id), round.PostOf(a).Name, a.Name, a.IdCard.Masked, Text.Enum(a.Education), Text.Enum(a.Status),
                a.WithdrawalReason ?? a.VettingNote ?? Text.Messages(round.QualificationReasons(a)), Fmt.N(a.WrittenScore), Fmt.N(a.InterviewScore), Fmt.N(a.Bonus), Fmt.N(a.Total), a.Rank?.ToString(CultureInfo.InvariantCulture)]));
    }

    /// <summary>The ranking as xlsx.</summary>
    public async Task<IActionResult> ExportRanking(long id, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (round is null)
        {
            return NotFound();
        }
        var rows = RecruitmentQueries.Ranking(round, null).Where(r => r.Rank is not null);
        return Xlsx("ranking.xlsx", Text["Recruitment.Ranking"],
            [Text["Recruitment.CandidateNo"], Text["Field.Name"], Text["Field.IdCardNumber"], Text["Recruitment.WrittenScore"], Text["Recruitment.InterviewScore"], Text["Recruitment.Bonus"],
                Text["Recruitment.Total"], Text["Recruitment.Rank"], Text["Field.Status"], Text["Recruitment.Computation"]],
            rows.Select(r => (IReadOnlyList<string?>)[N(r.ApplicantId), r.Name, r.IdCardMasked, Fmt.N(r.Written), Fmt.N(r.Interview), Fmt.N(r.Bonus), Fmt.N(r.Total),
                r.Rank?.ToString(CultureInfo.InvariantCulture), Text.Enum(r.Status), r.Computation is { } c ? Text.Message(c) : null]));
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
