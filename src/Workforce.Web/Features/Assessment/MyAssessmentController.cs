using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Assessment;
using Workforce.Application.Common;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Assessment;

/// <summary>"我的考核": the signed-in worker's self-report (个人述职) and rating.</summary>
[Authorize(Policy = Policies.TraineeOnly)]
[Route("Me/Assessment")]
public sealed class MyAssessmentController(SelfReports reports, AssessmentRoundQueries queries, UserScopeAccessor scopes) : PageController
{
    /// <summary>My rounds: the self-report form while open, the rating once on notice.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await reports.MineAsync(await scopes.GetAsync(ct), ct));

    /// <summary>Submits my self-report (text and an optional attachment).</summary>
    [HttpPost("{roundId:long}")]
    [RequestSizeLimit(SelfReports.MaxAttachmentBytes + 256 * 1024)]
    public async Task<IActionResult> Submit(long roundId, [FromForm] string? text, IFormFile? attachment, CancellationToken ct)
    {
        await using var stream = attachment is { Length: > 0 } ? attachment.OpenReadStream() : null;
        var result = await reports.SubmitAsync(await scopes.GetAsync(ct), roundId, text, attachment?.FileName, stream, ct);
        return Back(result, Text["Assessment.ReportSubmitted"], nameof(Index));
    }

    /// <summary>My own attachment.</summary>
    [HttpGet("Attachment/{entryId:long}")]
    public async Task<IActionResult> Attachment(long entryId, CancellationToken ct) =>
        await queries.AttachmentAsync(await scopes.GetAsync(ct), entryId, ct) is { } a ? File(a.Content, a.ContentType, a.FileName) : NotFound();
}
