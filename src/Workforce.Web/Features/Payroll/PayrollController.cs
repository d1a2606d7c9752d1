using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Domain.Pay;
using Workforce.Web.Features.Talent;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Features.Payroll;

/// <summary>The period page.</summary>
public sealed record PeriodPage(PayPeriod Period, IReadOnlyList<RunView> Runs, RegisterView? Register, bool WholeDistrict, bool CanManage, Instant Now);

/// <summary>The register page.</summary>
public sealed record RegisterPage(RegisterView View, IReadOnlyList<OrgUnit> Units, long? UnitId, long? WorkerId);

/// <summary>A worker's payslip history page.</summary>
public sealed record HistoryPage(long WorkerId, string Name, IReadOnlyList<PayslipSummary> Payslips);

/// <summary>Pay periods, runs, the register, payslips and exports (工资发放).</summary>
[Authorize(Policy = WorkforceHosting.PayrollRead)]
public sealed class PayrollController(PayrollService payroll, Workforce.Data.Auditing.ICurrentActor actor, UserScopeAccessor scopes, BusinessCalendar calendar, WorkforceDbContext db, UiText text, IClock clock)
    : TalentControllerBase
{
    private async Task<PayScope> ScopeAsync(CancellationToken ct) => (await payroll.ScopeAsync(await scopes.GetAsync(ct), ct))!;

    private bool CanManage => User.IsInRole(Data.Identity.Roles.Admin) || User.IsInRole(Data.Identity.Roles.PayrollOfficer);

    private string UserId => actor.UserId ?? string.Empty;

    /// <summary>Periods with their status.</summary>
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var today = calendar.Today;
        return View(await payroll.PeriodsAsync(await ScopeAsync(ct), new YearMonth(today.Year, today.Month), ct));
    }

    /// <summary>One period: status, totals, runs with the live progress bar, the actions.</summary>
    public async Task<IActionResult> Period(string id, CancellationToken ct)
    {
        if (PayrollService.ParseMonth(id) is not { } month)
        {
            return NotFound();
        }
        var scope = await ScopeAsync(ct);
        var period = await payroll.PeriodAsync(scope, month, ct);
        var register = period.Status == PeriodStatus.Open ? null : await payroll.RegisterAsync(scope, month, null, null, 1, 10, ct);
        return View(new PeriodPage(period, await payroll.RunsAsync(scope, month, ct), register, scope.WholeDistrict, CanManage, clock.GetCurrentInstant()));
    }

    /// <summary>Starts a run (computing in the background; the page shows its progress).</summary>
    [HttpPost]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public async Task<IActionResult> Run(string id, CancellationToken ct)
    {
        if (PayrollService.ParseMonth(id) is not { } month)
        {
            return NotFound();
        }
        var result = await payroll.StartRunAsync(await ScopeAsync(ct), month, UserId, ct);
        return Back(result, text["Pay.RunStarted"], nameof(Period), new { id });
    }

    /// <summary>Progress of a run (JSON for the progress bar).</summary>
    [HttpGet]
    public async Task<IActionResult> RunStatus(Guid id, CancellationToken ct)
    {
        var run = await payroll.RunAsync(await ScopeAsync(ct), id, ct);
        return run is null ? NotFound() : Json(new
        {
            status = run.Status.ToString(),
            statusText = text.Enum(run.Status),
            phase = text["Pay.Phase." + run.Phase],
            processed = run.Processed,
            total = run.Total,
            errors = run.Errors,
            elapsed = Math.Round(run.ElapsedSeconds(clock.GetCurrentInstant()), 1),
        });
    }

    /// <summary>Cancels a run.</summary>
    [HttpPost]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public async Task<IActionResult> Cancel(Guid run, string id, CancellationToken ct)
    {
        var cancelled = await payroll.CancelRunAsync(await ScopeAsync(ct), run, ct);
        TempData[cancelled ? "Message" : "Error"] = text[cancelled ? "Pay.CancelRequested" : "Pay.CancelNotRunning"];
        return RedirectToAction(nameof(Period), new { id });
    }

    /// <summary>Approves the period.</summary>
    [HttpPost]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public async Task<IActionResult> Approve(string id, CancellationToken ct) =>
        PayrollService.ParseMonth(id) is { } m ? Back(await payroll.ApproveAsync(await ScopeAsync(ct), m, UserId, ct), text["Pay.Approved"], nameof(Period), new { id }) : NotFound();

    /// <summary>Withdraws the approval.</summary>
    [HttpPost]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public async Task<IActionResult> Withdraw(string id, CancellationToken ct) =>
        PayrollService.ParseMonth(id) is { } m ? Back(await payroll.WithdrawAsync(await ScopeAsync(ct), m, ct), text["Pay.Withdrawn"], nameof(Period), new { id }) : NotFound();

    /// <summary>Locks the period.</summary>
    [HttpPost]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public async Task<IActionResult> Lock(string id, CancellationToken ct) =>
        PayrollService.ParseMonth(id) is { } m ? Back(await payroll.LockAsync(await ScopeAsync(ct), m, UserId, ct), text["Pay.Locked"], nameof(Period), new { id }) : NotFound();

    /// <summary>The register (工资表) with filters and totals.</summary>
    public async Task<IActionResult> Register(string id, long? unitId, long? workerId, int page = 1, CancellationToken ct = default)
    {
        if (PayrollService.ParseMonth(id) is not { } month)
        {
            return NotFound();
        }
        var scope = await ScopeAsync(ct);
        var view = await payroll.RegisterAsync(scope, month, unitId, workerId, page, 50, ct);
        if (view is null)
        {
            return RedirectToAction(nameof(Period), new { id });
        }
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Path.StartsWith(scope.ScopePath) && u.Type != OrgUnitType.Grid)
            .OrderBy(u => u.Path).ToListAsync(ct);
        return View(new RegisterPage(view, units, unitId, workerId));
    }

    /// <summary>The register as xlsx (streamed).</summary>
    public async Task<IActionResult> ExportRegister(string id, long? unitId, CancellationToken ct)
    {
        if (PayrollService.ParseMonth(id) is not { } month || await payroll.RegisterExportAsync(await ScopeAsync(ct), month, unitId, ct) is not { } export)
        {
            return NotFound();
        }
        return Xlsx($"register-{id}.xlsx", text["Pay.Register"], export.Headers, export.Rows);
    }

    /// <summary>The bank transfer file (CSV) of an approved or locked period.</summary>
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public async Task<IActionResult> BankFile(string id, CancellationToken ct)
    {
        if (PayrollService.ParseMonth(id) is not { } month)
        {
            return NotFound();
        }
        var file = TempFiles.Create();
        var result = await payroll.WriteBankFileAsync(await ScopeAsync(ct), month, file, ct);
        if (!result.Succeeded)
        {
            await file.DisposeAsync();
            TempData["Error"] = string.Join("；", result.Errors.Select(e => e.Message));
            return RedirectToAction(nameof(Period), new { id });
        }
        file.Position = 0;
        return File(file, "text/csv; charset=utf-8", $"bank-transfer-{id}.csv");
    }

    /// <summary>A payslip with every line explained (printable).</summary>
    public async Task<IActionResult> Payslip(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? View(p) : NotFound();

    /// <summary>A worker's payslips.</summary>
    public async Task<IActionResult> History(long id, CancellationToken ct)
    {
        var list = await payroll.HistoryAsync(await scopes.GetAsync(ct), id, ct);
        if (list is null)
        {
            return NotFound();
        }
        var name = await db.Workers.AsNoTracking().Where(w => w.Id == id).Select(w => w.Name).SingleAsync(ct);
        return View(new HistoryPage(id, name, list));
    }
}

/// <summary>我的工资条: the signed-in worker's approved payslips.</summary>
[Authorize(Policy = WorkforceHosting.TraineeOnly)]
[Route("Me/Payslips")]
public sealed class MyPayslipsController(PayrollService payroll, UserScopeAccessor scopes, WorkforceDbContext db) : Controller
{
    /// <summary>The list.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.WorkerId is not { } own || await payroll.HistoryAsync(scope, own, ct) is not { } list)
        {
            return NotFound();
        }
        var name = await db.Workers.AsNoTracking().Where(w => w.Id == own).Select(w => w.Name).SingleAsync(ct);
        return View("~/Views/Payroll/History.cshtml", new HistoryPage(own, name, list));
    }

    /// <summary>One of the worker's own approved payslips (anyone else's id: 404).</summary>
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Detail(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? View("~/Views/Payroll/Payslip.cshtml", p) : NotFound();
}
