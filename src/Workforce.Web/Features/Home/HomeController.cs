using AutoMapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Organisation;
using Workforce.Application.Workers;
using Workforce.Web.Features.Workers;

namespace Workforce.Web.Features.Home;

/// <summary>Dashboard for officers, own record for trainees, language switch and error pages.</summary>
public sealed class HomeController(UserScopeAccessor scopes, DashboardQueries dashboard, WorkerQueries workers, IMapper mapper, IClock clock) : Controller
{
    /// <summary>The dashboard (officers) or the trainee's own record.</summary>
    [Authorize]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.IsOfficer)
        {
            return View(await dashboard.ComputeAsync(scope, ct));
        }
        if (scope.WorkerId is { } own && await workers.FindAsync(scope, own, ct) is { } worker)
        {
            return View("Me", mapper.Map<WorkerDetailsViewModel>(worker));
        }
        return View("NoScope");
    }

    /// <summary>Sets the UI language (zh-CN or en) in a cookie for a year.</summary>
    [HttpPost, AllowAnonymous]
    public IActionResult SetLanguage(string culture, string? returnUrl)
    {
        if (culture is "zh-CN" or "en")
        {
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = clock.GetCurrentInstant().Plus(Duration.FromDays(365)).ToDateTimeOffset(), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>Unhandled error page.</summary>
    [AllowAnonymous, IgnoreAntiforgeryToken]
    public IActionResult Error() => View("Status", 500);

    /// <summary>Status code page (404 and friends).</summary>
    [AllowAnonymous, IgnoreAntiforgeryToken, Route("Home/Status/{code:int}")]
    public IActionResult Status(int code) => View("Status", code);
}
