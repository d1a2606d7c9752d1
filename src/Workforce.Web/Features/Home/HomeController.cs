using AutoMapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Organisation;
using Workforce.Application.Payroll;
using Workforce.Application.ReservePool;
using Workforce.Application.Training;
using Workforce.Application.Workers;
using Workforce.Data.Identity;
using Workforce.Web.Infrastructure;
using Workforce.Web.Features.Workers;

namespace Workforce.Web.Features.Home;

/// <summary>Dashboard for officers, own record for trainees, language switch and error pages.</summary>
public sealed class HomeController(UserScopeAccessor scopes, DashboardCache dashboard, WorkerQueries workers, IMapper mapper, IClock clock) : Controller
{
    /// <summary>The dashboard (officers) or the trainee's own record.</summary>
    [Authorize]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.IsOfficer)
        {
            return View(await DashboardAsync(scope, ct));
        }
        if (scope.WorkerId is { } own && await workers.DetailsAsync(scope, own, ct) is { } details)
        {
            return View("Me", WorkerDetailsViewModel.From(mapper, details));
        }
        return View("NoScope");
    }

    /// <summary>The top bar's search: people, units, recruitment rounds and camps in the officer's scope.</summary>
    [HttpGet("/Search"), Authorize(Policy = Policies.RegistryRead)]
    public async Task<IActionResult> Search(string? q, CancellationToken ct)
    {
        var talent = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.HrOfficer);
        return View(await HttpContext.RequestServices.GetRequiredService<GlobalSearch>().SearchAsync(await scopes.GetAsync(ct), q, talent, ct));
    }

    /// <summary>Computes the dashboard's kept figures again now.</summary>
    [HttpPost, Authorize(Policy = Policies.RegistryRead)]
    public async Task<IActionResult> RefreshDashboard(CancellationToken ct)
    {
        await dashboard.GetAsync(await scopes.GetAsync(ct), true, ct);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The dashboard's charts as an xlsx, one sheet per chart (the tables behind them).</summary>
    [Authorize(Policy = Policies.RegistryRead)]
    public async Task<IActionResult> DashboardXlsx(CancellationToken ct)
    {
        var page = await DashboardAsync(await scopes.GetAsync(ct), ct);
        var file = TempFiles.Create();
        XlsxTable.Write(file, DashboardCharts.Sheets(page.Charts, Text));
        file.Position = 0;
        return File(file, ContentTypes.Xlsx, "dashboard.xlsx");
    }

    private UiText Text => HttpContext.RequestServices.GetRequiredService<UiText>();

    private async Task<DashboardPage> DashboardAsync(UserScope scope, CancellationToken ct)
    {
        var services = HttpContext.RequestServices;
        var talent = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.HrOfficer);
        var pay = User.IsInRole(Roles.Admin) || User.IsInRole(Roles.PayrollOfficer);
        var figures = await dashboard.GetAsync(scope, false, ct);
        var panels = await services.GetRequiredService<DashboardPanelQueries>().ReadAsync(scope, talent, pay, ct);
        var charts = new List<Chart>();
        if (talent)
        {
            charts.AddRange(DashboardCharts.Talent(figures, panels.Reserve, panels.Camps, Text));
        }
        if (panels.Cost is { } cost)
        {
            charts.AddRange(DashboardCharts.Pay(cost, Text));
        }
        var todo = panels.Todo;
        return new DashboardPage(figures, todo, charts, talent, pay);
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
