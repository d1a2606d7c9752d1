using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Assessment;
using Workforce.Application.Common;
using Workforce.Application.Organisation;
using Workforce.Domain.Assessment;
using Workforce.Web.Features.Home;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Assessment;

/// <summary>年度考核 rounds for HR officers: scheme, rounds, review scores, ballot sheets, stages, objections, results.</summary>
[Authorize(Policy = Policies.TalentManage)]
[Route("Assessments/[action]/{id?}")]
public sealed class AssessmentRoundsController(AssessmentRoundQueries queries, AssessmentRoundCommands commands, OrganisationQueries units, UserScopeAccessor scopes,
    BusinessCalendar calendar) : PageController
{
    /// <summary>Rounds in scope, the form to open one and the schemes.</summary>
    [HttpGet("/Assessments")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        ViewBag.Units = await units.FilterUnitsAsync(scope, ct);
        ViewBag.Schemes = await queries.SchemesAsync(scope, ct);
        ViewBag.Year = calendar.Today.Year;
        return View(await queries.ListAsync(scope, ct));
    }

    /// <summary>Opens a round.</summary>
    [HttpPost]
    public async Task<IActionResult> Open(AssessmentRoundInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(nameof(Index));
        }
        var result = await commands.OpenAsync(await scopes.GetAsync(ct), input, ct);
        return result.Succeeded
            ? Back(result, Text.Format("Assessment.Opened", result.Value!.Entries.Count), nameof(Details), new { id = result.Value.Id })
            : Back(result, string.Empty, nameof(Index));
    }

    /// <summary>The scheme form (the version of a unit and year, or the defaults).</summary>
    [HttpGet]
    public async Task<IActionResult> Scheme(long? unitId, int? year, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var unit = await units.FindAsync(scope, unitId ?? scope.OrgUnitId ?? 0, ct);
        if (unit is null)
        {
            return NotFound();
        }
        var y = year ?? calendar.Today.Year;
        ViewBag.Units = await units.FilterUnitsAsync(scope, ct);
        return View(SchemeInput.From((await queries.SchemeForAsync(unit, y, ct)) with { FromYear = y }, unit.Id));
    }

    /// <summary>Saves a scheme version.</summary>
    [HttpPost]
    [ActionName("Scheme")]
    public async Task<IActionResult> SaveScheme(SchemeInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(nameof(Scheme), new { unitId = input.OrgUnitId, year = input.FromYear });
        }
        return Back(await commands.SetSchemeAsync(await scopes.GetAsync(ct), input, ct), Text["Assessment.SchemeSaved"], nameof(Index));
    }

    /// <summary>A round: stage, people with their parts and composites, communities against the quota, ballots, objections.</summary>
    [HttpGet]
    public async Task<IActionResult> Details(long id, long? unitId, CancellationToken ct)
    {
        if (await queries.ViewAsync(await scopes.GetAsync(ct), id, ct) is not { } view)
        {
            return NotFound();
        }
        return DetailsView(view, unitId);
    }

    /// <summary>Most people the round's page lists at once; a district's round is read by community (or through the score sheet).</summary>
    public const int MaxRows = 300;

    // The round's page: charts over the whole round; the people of one community, or the first MaxRows.
    private ViewResult DetailsView(AssessmentRoundView view, long? unitId)
    {
        ViewBag.Charts = AssessmentCharts.For(view, Text);
        ViewBag.UnitId = unitId;
        ViewBag.AllRows = view.Rows.Count;
        var rows = unitId is { } u ? view.Rows.Where(r => r.UnitId == u).ToList() : [.. view.Rows.Take(MaxRows)];
        return View(nameof(Details), view with { Rows = rows });
    }

    /// <summary>The live count of ballots (JSON for the page's refresh).</summary>
    [HttpGet]
    public async Task<IActionResult> Count(long id, CancellationToken ct) =>
        await queries.CountAsync(await scopes.GetAsync(ct), id, ct) is { } count
            ? Json(new { issued = count.Sum(c => c.Issued), returned = count.Sum(c => c.Returned), units = count.Select(c => new { c.UnitId, group = c.Group.ToString(), c.Issued, c.Returned }) })
            : NotFound();

    /// <summary>Saves the review scores of the people on the page.</summary>
    [HttpPost]
    public async Task<IActionResult> Evaluate(long id, List<EvaluationInput> scores, long? unitId, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(nameof(Details), new { id, unitId });
        }
        var result = await commands.EvaluateAsync(await scopes.GetAsync(ct), id, scores, ct);
        return Back(result, Text.Format("Assessment.Evaluated", result?.Value ?? 0), nameof(Details), new { id, unitId });
    }

    /// <summary>The round's score sheet (xlsx) to fill in and import.</summary>
    [HttpGet]
    public async Task<IActionResult> ScoreSheet(long id, [FromServices] ReviewScoreImport import, CancellationToken ct) =>
        await import.SheetRowsAsync(await scopes.GetAsync(ct), id, ct) is { } rows
            ? Xlsx("score-sheet.xlsx", Text[ReviewScoreImport.Sheet.SheetNameKey], [.. ReviewScoreImport.Sheet.HeaderKeys.Select(k => Text[k])], rows)
            : NotFound();

    /// <summary>Checks (dry run) or records the review scores of a filled score sheet; the page shows the report.</summary>
    [HttpPost]
    public async Task<IActionResult> ImportScores(long id, IFormFile? file, bool dryRun, [FromServices] ReviewScoreImport import, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            TempData["Error"] = Text["Import.NoFile"];
            return RedirectToAction(nameof(Details), new { id });
        }
        var scope = await scopes.GetAsync(ct);
        await using var stream = file.OpenReadStream();
        if (await import.ImportAsync(scope, id, stream, dryRun, ct) is not { } report)
        {
            return NotFound();
        }
        ViewBag.ImportReport = report;
        return DetailsView((await queries.ViewAsync(scope, id, ct))!, null);
    }

    /// <summary>Moves the round to its next stage.</summary>
    [HttpPost]
    public async Task<IActionResult> Advance(long id, DateOnly? noticeStart, CancellationToken ct)
    {
        var result = await commands.AdvanceAsync(await scopes.GetAsync(ct), id, noticeStart is { } d ? NodaTime.LocalDate.FromDateOnly(d) : null, ct);
        return Back(result, result?.Value is { } r ? Text.Format("Assessment.Advanced", Text.Enum(r.Stage)) : string.Empty, nameof(Details), new { id });
    }

    /// <summary>Issues ballot codes and answers the printable sheet (format=sheet) or an xlsx (format=xlsx); the codes are shown only this once.</summary>
    [HttpPost]
    public async Task<IActionResult> Codes(long id, BallotCodesInput input, string? format, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(nameof(Details), new { id });
        }
        var result = await commands.IssueCodesAsync(await scopes.GetAsync(ct), id, input, ct);
        if (result is null || !result.Succeeded)
        {
            return Back(result, string.Empty, nameof(Details), new { id });
        }
        var issued = result.Value!;
        var baseUrl = Request.Absolute("/b/");
        if (format == "xlsx")
        {
            return Xlsx("ballot-codes.xlsx", Text["Assessment.Codes"], [Text["Assessment.Code"], Text["Assessment.BallotLink"], Text["Assessment.Community"], Text["Assessment.VoterGroup"], Text["Assessment.ValidUntil"]],
                issued.Codes.Select(c => (IReadOnlyList<string?>)[c.Code, baseUrl + c.Code, c.Unit, Text.Enum(c.Group), calendar.Format(c.ExpiresAt)]));
        }
        return View("Codes", new BallotSheet(issued.Round, baseUrl, [.. issued.Codes.Select(c => new BallotSheetCode(c, QrSvg.For(baseUrl + c.Code)))],
            calendar.Format(issued.Codes[0].ExpiresAt)));
    }

    /// <summary>Records an objection during the notice.</summary>
    [HttpPost]
    public async Task<IActionResult> Objection(long id, AssessmentObjectionInput input, CancellationToken ct) =>
        ModelState.IsValid
            ? Back(await commands.RaiseObjectionAsync(await scopes.GetAsync(ct), id, input, ct), Text["Assessment.ObjectionRecorded"], nameof(Details), new { id })
            : InvalidInput(nameof(Details), new { id });

    /// <summary>Decides an objection.</summary>
    [HttpPost]
    public async Task<IActionResult> Decide(long id, long objectionId, ObjectionDecisionInput input, CancellationToken ct) =>
        ModelState.IsValid
            ? Back(await commands.DecideObjectionAsync(await scopes.GetAsync(ct), id, objectionId, input, ct), Text["Assessment.ObjectionDecided"], nameof(Details), new { id })
            : InvalidInput(nameof(Details), new { id });

    /// <summary>A self-report's attachment (officers over the round).</summary>
    [HttpGet]
    public async Task<IActionResult> Attachment(long id, CancellationToken ct) =>
        await queries.AttachmentAsync(await scopes.GetAsync(ct), id, ct) is { } a ? File(a.Content, a.ContentType, a.FileName) : NotFound();

    /// <summary>The round's results as xlsx (every person with parts, composite, rank and rating).</summary>
    [HttpGet]
    public async Task<IActionResult> Export(long id, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (await queries.ViewAsync(scope, id, ct) is not { } view)
        {
            return NotFound();
        }
        return Xlsx("assessment.xlsx", Text["Assessment.Results"],
            [Text["Field.Name"], Text["Assessment.Community"], Text["Assessment.ReportScore"], Text["Assessment.VoteScore"], Text["Assessment.Ballots"], Text["Assessment.OrganisationScore"],
             Text["Assessment.AbsenceDays"], Text["Assessment.Composite"], Text["Assessment.Rank"], Text["Assessment.Proposed"], Text["Assessment.Rating"], Text["Assessment.Note"]],
            view.Rows.Select(r => (IReadOnlyList<string?>)[r.Name, r.Unit, Fmt.N(r.ReportScore), Fmt.N(r.VoteScore), Fmt.N(r.Ballots), Fmt.N(r.OrganisationScore), Fmt.N(r.AbsenceDays),
                Fmt.N(r.Composite), r.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture), Text.Enum(r.Proposed), Text.Enum(r.Rating),
                r.Note == ProposalNote.None ? null : Text.Enum(r.Note)]));
    }
}

/// <summary>A code on the printed sheet with its QR code (SVG).</summary>
public sealed record BallotSheetCode(IssuedCode Code, string QrSvg);

/// <summary>The printed sheet of ballot codes.</summary>
public sealed record BallotSheet(string Round, string BaseUrl, IReadOnlyList<BallotSheetCode> Codes, string ValidUntil);
