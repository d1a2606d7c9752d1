using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Organisation;
using Workforce.Application.Payroll;
using Workforce.Domain.Organisation;
using Workforce.Domain.Pay;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Payroll;

/// <summary>The period page.</summary>
public sealed record PeriodPage(PayPeriod Period, IReadOnlyList<RunView> Runs, RegisterView? Register, bool WholeDistrict, bool CanManage, Instant Now, PeriodOfficers Officers,
    MonthEndChecks? Checks);

/// <summary>The periods page.</summary>
public sealed record PeriodsPage(PeriodList List, bool CanManage, LocalDate Today);

/// <summary>The register page.</summary>
public sealed record RegisterPage(RegisterView View, IReadOnlyList<OrgUnit> Units, long? UnitId, long? WorkerId);

/// <summary>A worker's payslip history page.</summary>
public sealed record HistoryPage(long WorkerId, string Name, IReadOnlyList<PayslipSummary> Payslips, IReadOnlyList<Domain.Pay.OpeningBalance> Openings);

/// <summary>Pay periods, runs, the register, payslips and exports (工资发放).</summary>
[Authorize(Policy = Policies.PayrollRead)]
public sealed class PayrollController(PayrollQueries payroll, PayrollCommands commands, MonthEndCheckQueries checks, OpeningBalances openings, TaxDeclaration taxDeclaration, OrganisationQueries units, Application.Workers.WorkerQueries workers, Workforce.Data.Auditing.ICurrentActor actor,
    UserScopeAccessor scopes, BusinessCalendar calendar, IClock clock) : PageController
{
    private async Task<PayScope> ScopeAsync(CancellationToken ct) => (await payroll.ScopeAsync(await scopes.GetAsync(ct), ct))!;

    private bool CanManage => User.IsInRole(Data.Identity.Roles.Admin) || User.IsInRole(Data.Identity.Roles.PayrollOfficer);

    private string UserId => actor.UserId ?? string.Empty;

    /// <summary>Periods with their status, the month paid next, and the first month at go-live.</summary>
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await ScopeAsync(ct);
        return View(new PeriodsPage(await payroll.PeriodsAsync(scope, ct), CanManage && scope.WholeDistrict, calendar.Today));
    }

    /// <summary>Chooses the first month paid through the system (until a month is locked).</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> FirstMonth(string? month, CancellationToken ct)
    {
        if (Months.Parse(month) is not { } m)
        {
            TempData["Error"] = Text.Format("Import.BadMonth", month ?? string.Empty);
            return RedirectToAction(nameof(Index));
        }
        var result = await commands.ChooseFirstMonthAsync(await ScopeAsync(ct), m, UserId, ct);
        return Back(result, Text.Format("Pay.FirstMonthChosen", Fmt.M(m)), nameof(Index), null);
    }

    /// <summary>One period: status, totals, runs with the live progress bar, the actions.</summary>
    public async Task<IActionResult> Period(string id, CancellationToken ct)
    {
        if (Months.Parse(id) is not { } month)
        {
            return NotFound();
        }
        var scope = await ScopeAsync(ct);
        var period = await payroll.PeriodAsync(scope, month, ct);
        var register = period.Status == PeriodStatus.Open ? null : await payroll.RegisterAsync(scope, month, null, null, 1, 10, null, ct);
        return View(new PeriodPage(period, await payroll.RunsAsync(scope, month, ct), register, scope.WholeDistrict, CanManage, clock.GetCurrentInstant(),
            await payroll.OfficersAsync(period, UserId, ct), await checks.CheckAsync(scope, month, ct)));
    }

    /// <summary>Starts a run (computing in the background; the page shows its progress).</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> Run(string id, CancellationToken ct)
    {
        if (Months.Parse(id) is not { } month)
        {
            return NotFound();
        }
        var result = await commands.StartRunAsync(await ScopeAsync(ct), month, UserId, ct);
        return Back(result, Text["Pay.RunStarted"], nameof(Period), new { id });
    }

    /// <summary>Progress of a run (JSON for the progress bar).</summary>
    [HttpGet]
    public async Task<IActionResult> RunStatus(Guid id, CancellationToken ct)
    {
        var run = await payroll.RunAsync(await ScopeAsync(ct), id, ct);
        return run is null ? NotFound() : Json(new
        {
            status = run.Status.ToString(),
            statusText = Text.Enum(run.Status),
            phase = Text["Pay.Phase." + run.Phase],
            processed = run.Processed,
            total = run.Total,
            errors = run.Errors,
            elapsed = Math.Round(run.ElapsedSeconds(clock.GetCurrentInstant()), 1),
        });
    }

    /// <summary>Cancels a run.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> Cancel(Guid run, string id, CancellationToken ct)
    {
        var cancelled = await commands.CancelRunAsync(await ScopeAsync(ct), run, ct);
        TempData[cancelled ? "Message" : "Error"] = Text[cancelled ? "Pay.CancelRequested" : "Pay.CancelNotRunning"];
        return RedirectToAction(nameof(Period), new { id });
    }

    /// <summary>Approves the period.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> Approve(string id, CancellationToken ct) =>
        Months.Parse(id) is { } m ? Back(await commands.ApproveAsync(await ScopeAsync(ct), m, UserId, ct), Text["Pay.Approved"], nameof(Period), new { id }) : NotFound();

    /// <summary>Withdraws the approval.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> Withdraw(string id, CancellationToken ct) =>
        Months.Parse(id) is { } m ? Back(await commands.WithdrawAsync(await ScopeAsync(ct), m, ct), Text["Pay.Withdrawn"], nameof(Period), new { id }) : NotFound();

    /// <summary>Locks the period.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> Lock(string id, CancellationToken ct) =>
        Months.Parse(id) is { } m ? Back(await commands.LockAsync(await ScopeAsync(ct), m, UserId, ct), Text["Pay.Locked"], nameof(Period), new { id }) : NotFound();

    /// <summary>The register (工资表) with filters and totals.</summary>
    public async Task<IActionResult> Register(string id, long? unitId, long? workerId, string? sort, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Months.Parse(id) is not { } month)
        {
            return NotFound();
        }
        var scope = await ScopeAsync(ct);
        var view = await payroll.RegisterAsync(scope, month, unitId, workerId, page, pageSize, sort, ct);
        if (view is null)
        {
            return RedirectToAction(nameof(Period), new { id });
        }
        return View(new RegisterPage(view, await units.FilterUnitsAsync(await scopes.GetAsync(ct), ct), unitId, workerId));
    }

    /// <summary>The register as xlsx (streamed): a column per component, then the totals.</summary>
    public async Task<IActionResult> ExportRegister(string id, long? unitId, CancellationToken ct)
    {
        if (Months.Parse(id) is not { } month || await payroll.RegisterSheetAsync(await ScopeAsync(ct), month, unitId, ct) is not { } sheet)
        {
            return NotFound();
        }
        IReadOnlyList<string> headers =
        [
            Text["Pay.Col.WorkerId"], Text["Field.Name"], Text["Field.Community"], Text["Field.Post"], Text["Field.Grade"],
            .. sheet.Components.Select(c => Text.Message(c.Name)),
            Text["Pay.Gross"], Text["Pay.Deductions"], Text["Pay.Tax"], Text["Pay.Net"], Text["Pay.Employer"],
        ];
        var rows = sheet.Rows.Select(r => (IReadOnlyList<string?>)
        [
            r.WorkerId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Name, r.Community, Text.Enum(r.Post), r.Grade.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. r.AmountsFen.Select(a => a == 0 ? null : PayrollCommands.Yuan(a)),
            PayrollCommands.Yuan(r.GrossFen), PayrollCommands.Yuan(r.DeductionsFen), PayrollCommands.Yuan(r.TaxFen), PayrollCommands.Yuan(r.NetFen), PayrollCommands.Yuan(r.EmployerFen),
        ]);
        return Xlsx($"register-{id}.xlsx", Text["Pay.Register"], headers, rows);
    }

    /// <summary>The bank transfer file of an approved or locked period: CSV, or xlsx with <c>?format=xlsx</c>.</summary>
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> BankFile(string id, string? format, CancellationToken ct)
    {
        if (Months.Parse(id) is not { } month)
        {
            return NotFound();
        }
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        var file = TempFiles.Create();
        var result = await commands.WriteBankFileAsync(await ScopeAsync(ct), month, file, xlsx ? BankFileFormat.Xlsx : BankFileFormat.Csv, ct);
        if (!result.Succeeded)
        {
            await file.DisposeAsync();
            TempData["Error"] = Text.Messages(result.Errors);
            return RedirectToAction(nameof(Period), new { id });
        }
        file.Position = 0;
        return xlsx ? File(file, XlsxContentType, $"bank-transfer-{id}.xlsx") : File(file, "text/csv; charset=utf-8", $"bank-transfer-{id}.csv");
    }

    /// <summary>The income-tax withholding declaration of a computed month (xlsx, the withholding client's templates).</summary>
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> TaxDeclaration(string id, CancellationToken ct)
    {
        if (Months.Parse(id) is not { } month)
        {
            return NotFound();
        }
        var file = TempFiles.Create();
        var result = await taxDeclaration.WriteAsync(await ScopeAsync(ct), month, file, ct);
        if (!result.Succeeded)
        {
            await file.DisposeAsync();
            TempData["Error"] = Text.Messages(result.Errors);
            return RedirectToAction(nameof(Period), new { id });
        }
        file.Position = 0;
        return File(file, XlsxContentType, $"tax-declaration-{id}.xlsx");
    }

    /// <summary>A payslip as PDF (one A4 page for a typical payslip).</summary>
    public async Task<IActionResult> PayslipPdf(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? PayslipPdfResult.Of(p) : NotFound();

    /// <summary>Every payslip of a computed month under a unit (default: the officer's scope) as one PDF, streamed (batch print).</summary>
    public async Task<IActionResult> PayslipsPdf(string id, long? unitId, CancellationToken ct)
    {
        if (Months.Parse(id) is not { } month || await payroll.PayslipsOfUnitAsync(await ScopeAsync(ct), month, unitId, ct) is not { } payslips)
        {
            return NotFound();
        }
        return new PayslipPdfResult($"payslips-{id}{(unitId is { } u ? "-" + u : string.Empty)}.pdf", Text.Format("Pay.BatchPdfTitle", id), payslips);
    }

    /// <summary>A payslip with every line explained (printable).</summary>
    public async Task<IActionResult> Payslip(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? View(p) : NotFound();

    /// <summary>A worker's payslips.</summary>
    public async Task<IActionResult> History(long id, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (await payroll.HistoryAsync(scope, id, ct) is not { } list || await workers.NameAsync(scope, id, ct) is not { } name)
        {
            return NotFound();
        }
        return View(new HistoryPage(id, name, list, await openings.ForWorkerAsync(id, ct)));
    }
}

/// <summary>我的工资条: the signed-in worker's approved payslips.</summary>
[Authorize(Policy = Policies.TraineeOnly)]
[Route("Me/Payslips")]
public sealed class MyPayslipsController(PayrollQueries payroll, OpeningBalances openings, Application.Workers.WorkerQueries workers, UserScopeAccessor scopes) : Controller
{
    /// <summary>The list.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.WorkerId is not { } own || await payroll.HistoryAsync(scope, own, ct) is not { } list || await workers.NameAsync(scope, own, ct) is not { } name)
        {
            return NotFound();
        }
        return View("~/Views/Payroll/History.cshtml", new HistoryPage(own, name, list, await openings.ForWorkerAsync(own, ct)));
    }

    /// <summary>One of the worker's own approved payslips as PDF (anyone else's id: 404).</summary>
    [HttpGet("{id:long}/pdf")]
    public async Task<IActionResult> Pdf(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? PayslipPdfResult.Of(p) : NotFound();

    /// <summary>One of the worker's own approved payslips (anyone else's id: 404).</summary>
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Detail(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? View("~/Views/Payroll/Payslip.cshtml", p) : NotFound();
}
