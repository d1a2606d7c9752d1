using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Application.Payroll;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Payroll;

/// <summary>The opening-balances page: where they stand for the month paid next, the import, and the recorded rows.</summary>
public sealed record OpeningBalancesPage(NodaTime.YearMonth? AsOf, OpeningCoverage? Coverage, NodaTime.YearMonth? Next,
    IReadOnlyList<OpeningBalanceRow> Rows, int Count, ImportReport? Report);

/// <summary>Opening balances (期初累计) at go-live: import with dry run, template, list (payroll officers).</summary>
[Authorize(Policy = Policies.PayrollManage)]
public sealed class OpeningBalancesController(OpeningBalances openings, PayrollQueries payroll, PayrollRunner runner, UserScopeAccessor scopes) : PageController
{
    /// <summary>The page.</summary>
    public async Task<IActionResult> Index(CancellationToken ct) => View(await PageAsync(null, ct));

    /// <summary>Checks (dry run) or imports an opening-balance sheet.</summary>
    [HttpPost]
    public async Task<IActionResult> Import(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            TempData["Error"] = Text["Import.NoFile"];
            return RedirectToAction(nameof(Index));
        }
        var user = await scopes.GetAsync(ct);
        var scope = (await payroll.ScopeAsync(user, ct))!;
        await using var stream = file.OpenReadStream();
        var report = await openings.ImportAsync(scope, user, stream, dryRun, ct);
        return View(nameof(Index), await PageAsync(report, ct));
    }

    /// <summary>Deletes the district's opening balances (before another first month is chosen).</summary>
    [HttpPost]
    public async Task<IActionResult> Clear(CancellationToken ct)
    {
        var scope = (await payroll.ScopeAsync(await scopes.GetAsync(ct), ct))!;
        var result = await openings.ClearAsync(scope, ct);
        return Back(result, result.Succeeded ? Text.Format("Pay.Opening.Cleared", result.Value) : string.Empty, nameof(Index));
    }

    /// <summary>The import template.</summary>
    public IActionResult Template() => Template("opening-balances-template.xlsx", OpeningBalances.Sheet);

    private async Task<OpeningBalancesPage> PageAsync(ImportReport? report, CancellationToken ct)
    {
        var user = await scopes.GetAsync(ct);
        var scope = (await payroll.ScopeAsync(user, ct))!;
        var next = await runner.NextMonthAsync(scope.DistrictId, ct);
        var coverage = next is { } n ? await openings.CoverageAsync(scope.DistrictId, n, ct) : null;
        var (rows, count) = await openings.ListAsync(user, ct);
        return new OpeningBalancesPage(await openings.AsOfAsync(scope, ct), coverage, next, rows, count, report);
    }
}
