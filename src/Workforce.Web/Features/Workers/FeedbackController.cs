using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Workforce.Application.Common;
using Workforce.Application.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Workers;

/// <summary>群众评价 from a resident's phone: the page a worker's QR code opens, without signing in (rate limited per address).</summary>
[AllowAnonymous]
[EnableRateLimiting("ballot")]
[Route("f")]
public sealed class FeedbackController(FeedbackBox box) : PageController
{
    /// <summary>The rating form for the worker of the code.</summary>
    [HttpGet("{code}")]
    public async Task<IActionResult> Index(string code, CancellationToken ct)
    {
        ViewBag.Code = code;
        return View(await box.OpenAsync(code, ct));
    }

    /// <summary>Records the rating; one per phone, worker and day.</summary>
    [HttpPost("{code}")]
    public async Task<IActionResult> Submit(string code, int stars, string? comment, CancellationToken ct)
    {
        var source = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = await box.SubmitAsync(code, stars, comment, source, ct);
        if (result is null)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            ViewBag.Code = code;
            ViewBag.Error = Text.Messages(result.Errors);
            return View(nameof(Index), await box.OpenAsync(code, ct));
        }
        return View("Thanks");
    }
}

/// <summary>"服务评价码": the signed-in worker's own QR code to show residents, and the ratings received this year.</summary>
[Authorize(Policy = Policies.TraineeOnly)]
[Route("Me/Feedback")]
public sealed class MyFeedbackController(FeedbackBox box, BusinessCalendar calendar, UserScopeAccessor scopes) : Controller
{
    /// <summary>My code (QR) and this year's summary.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.WorkerId is not { } own)
        {
            return View("~/Views/Home/NoScope.cshtml");
        }
        var url = Request.Absolute("/f/" + box.CodeFor(own));
        ViewBag.Url = url;
        ViewBag.Qr = QrSvg.For(url);
        return View(await box.SummaryAsync(own, calendar.Today.Year, ct));
    }
}
