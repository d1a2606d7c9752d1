using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Domain.Recruitment;
using Workforce.Web.Features.Talent;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

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

/// <summary>招聘 pages: rounds, the round with every step's forms, ranking, notice, imports and exports.</summary>
[Authorize(Policy = WorkforceHosting.TalentManage)]
public sealed class RecruitmentController(RecruitmentService recruitment, UserScopeAccessor scopes, WorkforceDbContext db, UiText text, BusinessCalendar calendar) : TalentControllerBase
{
    /// <summary>Rounds in scope and the new-round form.</summary>
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        ViewBag.Communities = await Communities(scope, ct);
        return View(await recruitment.ListAsync(scope, ct));
    }

    /// <summary>Announces a round with its first post.</summary>
    [HttpPost]
    public async Task<IActionResult> Create(RoundInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(text, nameof(Index));
        }
        var result = await recruitment.CreateAsync(await scopes.GetAsync(ct), input, ct);
        return result.Succeeded ? Back(result, text["Recruitment.Created"], nameof(Details), new { id = result.Value!.Id }) : Back(result, string.Empty, nameof(Index), new { });
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
        var ids = round.Posts.SelectMany(p => p.Communities).Distinct().ToList();
        return View("Details", new RoundPageViewModel
        {
            Round = round,
            Applicants = new PagedResult<Applicant>([.. list.Skip((page - 1) * 50).Take(50)], list.Count, page, 50),
            Status = status,
            PostId = postId,
            Communities = await Communities(scope, ct),
            CommunityNames = await db.OrgUnits.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct),
            Report = report,
            Hires = hires,
        });
    }

    /// <summary>Adds a post.</summary>
    [HttpPost]
    public async Task<IActionResult> AddPost(long id, PostInput input, CancellationToken ct) =>
        Back(await recruitment.AddPostAsync(await scopes.GetAsync(ct), id, input, ct), text["Recruitment.PostAdded"], nameof(Details), new { id });

    /// <summary>Registers an applicant.</summary>
    [HttpPost]
    public async Task<IActionResult> Register(long id, ApplicantInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await recruitment.RegisterAsync(await scopes.GetAsync(ct), id, input, ct), text["Recruitment.Registered"], nameof(Details), new { id }) : InvalidInput(text, nameof(Details), new { id });

    /// <summary>Checks or imports applicants from xlsx.</summary>
    [HttpPost, RequestSizeLimit(20_000_000)]
    public async Task<IActionResult> Import(long id, IFormFile? file, bool dryRun, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            TempData["Error"] = text["Import.NoFile"];
            return RedirectToAction(nameof(Details), new { id });
        }
        await using var stream = file.OpenReadStream();
        var report = await recruitment.ImportAsync(await scopes.GetAsync(ct), id, stream, dryRun, ct);
        return report is null ? NotFound() : (await PageAsync(id, null, null, 1, report, null, ct))!;
    }

    /// <summary>The applicant import template.</summary>
    public IActionResult Template() => Xlsx("applicants-template.xlsx", text["Recruitment.Applicants"], recruitment.ApplicantColumns(), []);

    /// <summary>Moves to the next step.</summary>
    [HttpPost]
    public async Task<IActionResult> Advance(long id, DateOnly? noticeStart, CancellationToken ct)
    {
        var result = await recruitment.AdvanceAsync(await scopes.GetAsync(ct), id, noticeStart, ct);
        return Back(result, result?.Value is { } r ? text.Format("Recruitment.Advanced", text.Enum(r.Step)) : string.Empty, nameof(Details), new { id });
    }

    /// <summary>Goes back one step with a reason.</summary>
    [HttpPost]
    public async Task<IActionResult> Reopen(long id, string? reason, CancellationToken ct) =>
        Back(await recruitment.ReopenAsync(await scopes.GetAsync(ct), id, new ReasonInput(reason), ct), text["Recruitment.Reopened"], nameof(Details), new { id });

    /// <summary>Manual qualification decision.</summary>
    [HttpPost]
    public async Task<IActionResult> Decide(long id, long applicantId, bool approved, string? reason, CancellationToken ct) =>
        Back(await recruitment.DecideAsync(await scopes.GetAsync(ct), id, applicantId, new ReasonInput(reason, approved), ct), text["Recruitment.Decided"], nameof(Details), new { id });

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
        return Back(await recruitment.WrittenScoresAsync(await scopes.GetAsync(ct), id, scores, ct), text["Recruitment.ScoresSaved"], nameof(Details), new { id });
    }

    /// <summary>Imports written scores from xlsx (candidate number, score or 缺考).</summary>
    [HttpPost]
    public async Task<IActionResult> WrittenImport(long id, IFormFile? file, CancellationToken ct)
    {
        var errors = new List<ImportRowError>();
        await using var stream = file?.OpenReadStream() ?? Stream.Null;
        var scores = file is null ? [] : recruitment.ReadWrittenScores(stream, errors);
        if (file is null || errors.Count > 0)
        {
            TempData["Error"] = file is null ? text["Import.NoFile"] : string.Join("；", errors.Take(20).Select(e => $"{e.Row}/{e.Column}：{e.Reason}"));
            return RedirectToAction(nameof(Details), new { id });
        }
        return Back(await recruitment.WrittenScoresAsync(await scopes.GetAsync(ct), id, scores, ct), text["Recruitment.ScoresSaved"], nameof(Details), new { id });
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
            list.Add(new InterviewScoreInput(applicantId, [.. parsed.Select((m, k) => new ExaminerMark(text["Recruitment.Examiner"] + (k + 1).ToString(CultureInfo.InvariantCulture), m))]));
        }
        return Back(await recruitment.InterviewScoresAsync(await scopes.GetAsync(ct), id, list, ct), text["Recruitment.ScoresSaved"], nameof(Details), new { id });
    }

    /// <summary>Records vetting and medical.</summary>
    [HttpPost]
    public async Task<IActionResult> Vet(long id, long applicantId, bool vettingPassed, bool medicalPassed, string? note, CancellationToken ct) =>
        Back(await recruitment.VettingAsync(await scopes.GetAsync(ct), id, applicantId, new VettingInput(vettingPassed, medicalPassed, note), ct), text["Recruitment.Vetted"], nameof(Details), new { id });

    /// <summary>A candidate withdraws.</summary>
    [HttpPost]
    public async Task<IActionResult> Withdraw(long id, long applicantId, string? reason, CancellationToken ct) =>
        Back(await recruitment.WithdrawAsync(await scopes.GetAsync(ct), id, applicantId, new ReasonInput(reason), ct), text["Recruitment.Withdrawn"], nameof(Details), new { id });

    /// <summary>Records an objection.</summary>
    [HttpPost]
    public async Task<IActionResult> Objection(long id, long? applicantId, string? objection, CancellationToken ct) =>
        Back(await recruitment.ObjectAsync(await scopes.GetAsync(ct), id, new ObjectionInput(applicantId, objection), ct), text["Recruitment.ObjectionRaised"], nameof(Details), new { id });

    /// <summary>Resolves an objection.</summary>
    [HttpPost]
    public async Task<IActionResult> Resolve(long id, long objectionId, bool upheld, string? resolution, CancellationToken ct) =>
        Back(await recruitment.ResolveAsync(await scopes.GetAsync(ct), id, objectionId, new ResolutionInput(upheld, resolution), ct), text["Recruitment.ObjectionResolved"], nameof(Details), new { id });

    /// <summary>Hires the selected candidates.</summary>
    [HttpPost]
    public async Task<IActionResult> Hire(long id, DateOnly? hireDate, CancellationToken ct)
    {
        var date = hireDate is { } d ? NodaTime.LocalDate.FromDateOnly(d) : calendar.Today;
        var result = await recruitment.HireAsync(await scopes.GetAsync(ct), id, date, ct);
        if (result is null)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            return Back(result, string.Empty, nameof(Details), new { id });
        }
        TempData["Message"] = text.Format("Recruitment.HiredCount", result.Value!.Count);
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
        var ids = round.Posts.SelectMany(p => p.Communities).Distinct().ToList();
        ViewBag.Communities = await db.OrgUnits.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        ViewBag.Unit = await db.OrgUnits.Where(u => u.Id == round.OrgUnitId).Select(u => u.Name).SingleAsync(ct);
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
        return Xlsx("applicants.xlsx", text["Recruitment.Applicants"],
            [text["Recruitment.CandidateNo"], text["Recruitment.Post"], text["Field.Name"], text["Field.IdCardNumber"], text["Field.Education"], text["Field.Status"], text["Recruitment.Reason"],
                text["Recruitment.WrittenScore"], text["Recruitment.InterviewScore"], text["Recruitment.Bonus"], text["Recruitment.Total"], text["Recruitment.Rank"]],
            round.Applicants.OrderBy(a => a.Sequence).Select(a => (IReadOnlyList<string?>)[N(a.Id), round.PostOf(a).Name, a.Name, a.IdCard.Masked, text.Enum(a.Education), text.Enum(a.Status),
                a.WithdrawalReason ?? a.VettingNote ?? a.QualificationReason, Fmt.N(a.WrittenScore), Fmt.N(a.InterviewScore), Fmt.N(a.Bonus), Fmt.N(a.Total), a.Rank?.ToString(CultureInfo.InvariantCulture)]));
    }

    /// <summary>The ranking as xlsx.</summary>
    public async Task<IActionResult> ExportRanking(long id, CancellationToken ct)
    {
        var round = await recruitment.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (round is null)
        {
            return NotFound();
        }
        var rows = RecruitmentService.Ranking(round, null).Where(r => r.Rank is not null);
        return Xlsx("ranking.xlsx", text["Recruitment.Ranking"],
            [text["Recruitment.CandidateNo"], text["Field.Name"], text["Field.IdCardNumber"], text["Recruitment.WrittenScore"], text["Recruitment.InterviewScore"], text["Recruitment.Bonus"],
                text["Recruitment.Total"], text["Recruitment.Rank"], text["Field.Status"], text["Recruitment.Computation"]],
            rows.Select(r => (IReadOnlyList<string?>)[N(r.ApplicantId), r.Name, r.IdCardMasked, Fmt.N(r.Written), Fmt.N(r.Interview), Fmt.N(r.Bonus), Fmt.N(r.Total),
                r.Rank?.ToString(CultureInfo.InvariantCulture), text.Enum(r.Status), r.Computation]));
    }

    private Task<List<OrgUnit>> Communities(UserScope scope, CancellationToken ct) =>
        scope.Units(db).AsNoTracking().Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Path).ToListAsync(ct);

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}
