using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Domain.Pay;
using Workforce.Payroll.Rules;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>A run just started.</summary>
/// <param name="RunId">Run id (poll <c>GET /api/v1/payroll/runs/{id}</c>).</param>
public sealed record RunStartedDto(Guid RunId);

/// <summary>A payroll run with its progress.</summary>
public sealed record RunDto(Guid RunId, string Month, string Status, string Phase, int Processed, int Total, int Errors, double ElapsedSeconds,
    IReadOnlyList<string> Report);

/// <summary>Total of one component in a period.</summary>
public sealed record ComponentTotalDto(string Code, string Name, string Category, string Amount);

/// <summary>A period's status and totals (amounts in yuan, two decimals).</summary>
public sealed record PeriodDto(string Month, string Status, int Errors, int Payslips, string? Gross, string? Deductions, string? Tax, string? Net, string? Employer,
    IReadOnlyList<ComponentTotalDto> Components);

/// <summary>A period's status after a change.</summary>
public sealed record PeriodStatusDto(string Month, string Status);

/// <summary>A payslip row of the register.</summary>
public sealed record PayslipRowDto(long Id, long WorkerId, string Name, long CommunityId, string Post, int Grade, string Gross, string Deductions, string Tax, string Net);

/// <summary>A page of payslip rows.</summary>
public sealed record PayslipPageDto(int Total, int Page, int PageSize, IReadOnlyList<PayslipRowDto> Items);

/// <summary>A payslip line with its explanation in the caller's language.</summary>
public sealed record PayslipLineDto(string Code, string Name, string Category, string Amount, string From, string To, string Explanation, bool Retroactive);

/// <summary>A payslip with every line explained.</summary>
public sealed record PayslipDto(long Id, long WorkerId, string Name, string Month, string Status, string Post, int Grade, string RuleSet,
    string Gross, string Deductions, string Tax, string Net, string Employer, IReadOnlyList<PayslipLineDto> Lines);

/// <summary>A payslip in a worker's list.</summary>
public sealed record PayslipSummaryDto(long Id, string Month, string Gross, string Deductions, string Tax, string Net, bool Corrections);

/// <summary>The month-end checks of a computed period (amounts in yuan).</summary>
public sealed record MonthEndChecksDto(string Month, bool TotalsBalanced, string Gross, string Deductions, string Tax, string Net, int Mismatches,
    bool BankBalanced, string BankTotal, int WithAccount, int WithoutAccountCount, string WithoutAccountTotal, IReadOnlyList<UnpaidWorkerDto> WithoutAccount,
    bool AccountsRecordedAtApproval, string? Previous, int Changed, IReadOnlyList<VarianceDto> Variances);

/// <summary>A worker left out of the bank file.</summary>
public sealed record UnpaidWorkerDto(long WorkerId, string Name, string Net);

/// <summary>A worker whose net pay changed against the previous month.</summary>
public sealed record VarianceDto(long WorkerId, string Name, string? PreviousNet, string? Net, string Difference, IReadOnlyList<VarianceLineDto> Lines);

/// <summary>A line that changed.</summary>
public sealed record VarianceLineDto(string Code, string Name, string Previous, string Current);

/// <summary>The order months are paid in.</summary>
/// <param name="Next">The month paid next (yyyy-MM), or null while no first month is chosen.</param>
/// <param name="FirstMonth">The first month at go-live, or null.</param>
public sealed record PayOrderDto(string? Next, string? FirstMonth);

/// <summary>The first month at go-live.</summary>
public sealed class FirstMonthBody
{
    /// <summary>yyyy-MM.</summary>
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Validation.Required")]
    public string? Month { get; set; }
}

/// <summary>An opening balance (amounts in yuan, as exact decimal text like the other amounts of the API).</summary>
public sealed record OpeningBalanceDto(long WorkerId, string Name, string AsOf, string Income, int DeductionMonths, string Special, string Additional,
    string Tax, string Reserve, string Gross)
{
    /// <summary>From the listed row.</summary>
    public static OpeningBalanceDto From(OpeningBalanceRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var a = r.Amounts;
        return new(r.WorkerId, r.Name, Months.Label(r.AsOf), PayrollCommands.Yuan(a.IncomeFen), a.DeductionMonths, PayrollCommands.Yuan(a.SpecialFen),
            PayrollCommands.Yuan(a.AdditionalFen), PayrollCommands.Yuan(a.TaxFen), PayrollCommands.Yuan(a.ReserveFen), PayrollCommands.Yuan(a.GrossFen));
    }
}

/// <summary>How many opening balances were deleted.</summary>
public sealed record OpeningBalancesClearedDto(int Deleted);

/// <summary>Opening balances listed (at most 200) and how many there are.</summary>
public sealed record OpeningBalanceListDto(int Count, IReadOnlyList<OpeningBalanceDto> Items);

/// <summary>A stored rule-set version.</summary>
public sealed record RuleSetVersionDto(long Id, string Code, string Name, int Version, string EffectiveFrom, string? EffectiveTo, string Status);

/// <summary>Pay periods, runs and payslips (payroll officers; reading also for HR officers), and the rule sets.</summary>
[Route("api/v1/payroll")]
public sealed class PayrollApiController(PayrollQueries payroll, PayrollCommands commands, MonthEndCheckQueries checks, RuleSetQueries ruleSets, RuleSetCommands ruleSetCommands,
    OpeningBalances openings, Workforce.Data.Auditing.ICurrentActor actor, UserScopeAccessor scopes, IClock clock) : ApiControllerBase
{
    private async Task<PayScope?> ScopeAsync(CancellationToken ct) => await payroll.ScopeAsync(await scopes.GetAsync(ct), ct);

    private string UserId => actor.UserId ?? string.Empty;

    /// <summary>The month the district pays next and the first month chosen at go-live (null while none is chosen).</summary>
    [HttpGet("order")]
    public async Task<ActionResult<PayOrderDto>> Order(CancellationToken ct)
    {
        if (await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        var list = await payroll.PeriodsAsync(scope, ct);
        return new PayOrderDto(list.Next is { } n ? Months.Label(n) : null, list.FirstMonth is { } f ? Months.Label(f) : null);
    }

    /// <summary>Chooses the first month paid through the system (<c>{"month":"2026-01"}</c>); refused once a month is locked.</summary>
    [HttpPost("first-month")]
    [Authorize(Policy = Policies.PayrollManage)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<PayOrderDto>> FirstMonth(FirstMonthBody body, CancellationToken ct)
    {
        if (await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        if (Months.Parse(body.Month) is not { } m)
        {
            return ValidationFailed([new FieldError(nameof(body.Month), new Domain.Common.Message("Import.BadMonth", body.Month ?? string.Empty))]);
        }
        var result = await commands.ChooseFirstMonthAsync(scope, m, UserId, ct);
        return result.Succeeded ? await Order(ct) : ValidationFailed(result.Errors);
    }

    /// <summary>The district's opening balances (期初累计) visible to the officer, amounts in yuan (the first 200, by worker id), and the total count.</summary>
    [HttpGet("opening-balances")]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<ActionResult<OpeningBalanceListDto>> OpeningBalances(CancellationToken ct)
    {
        var (rows, count) = await openings.ListAsync(await scopes.GetAsync(ct), ct);
        return new OpeningBalanceListDto(count, [.. rows.Select(OpeningBalanceDto.From)]);
    }

    /// <summary>
    /// Checks (dry run, the default) or records opening balances as of the month before the first month, sent as a JSON
    /// array (workerId, income, deductionMonths, special, additional, tax, reserve?, gross?; yuan): all or nothing; 422 with
    /// the errors by item (row n is item n, from 1); a worker's earlier opening balance is replaced.
    /// </summary>
    [HttpPost("opening-balances")]
    [Authorize(Policy = Policies.PayrollManage)]
    [Consumes("application/json")]
    [ProducesResponseType(typeof(ImportReportDto), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ImportReportDto>> SaveOpeningBalances([FromBody] List<OpeningBalanceItem> items, [FromQuery] bool dryRun = true, CancellationToken ct = default)
    {
        if (await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        return ImportReply(await openings.SaveAsync(scope, await scopes.GetAsync(ct), items ?? [], dryRun, ct));
    }

    /// <summary>The same as an xlsx upload (form field <c>file</c>; the template's columns: 身份证号, 姓名, then the figures).</summary>
    [HttpPost("opening-balances")]
    [Authorize(Policy = Policies.PayrollManage)]
    [Consumes("multipart/form-data")]
    [ProducesResponseType(typeof(ImportReportDto), StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ImportReportDto>> ImportOpeningBalances(IFormFile? file, [FromQuery] bool dryRun = true, CancellationToken ct = default)
    {
        if (await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        var user = await scopes.GetAsync(ct);
        return await ImportFileAsync(file, stream => openings.ImportAsync(scope, user, stream, dryRun, ct));
    }

    /// <summary>Deletes every opening balance of the district (so that another first month can be chosen); 400 once a month is locked.</summary>
    [HttpDelete("opening-balances")]
    [Authorize(Policy = Policies.PayrollManage)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<OpeningBalancesClearedDto>> ClearOpeningBalances(CancellationToken ct)
    {
        if (await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        var result = await openings.ClearAsync(scope, ct);
        return result.Succeeded ? new OpeningBalancesClearedDto(result.Value) : ValidationFailed(result.Errors);
    }

    /// <summary>Starts a run of the month (202 with the run id); 400 when a rule refuses it (not the month paid next, approved, running).</summary>
    [HttpPost("periods/{month}/runs")]
    [Authorize(Policy = Policies.PayrollManage)]
    [ProducesResponseType(typeof(RunStartedDto), StatusCodes.Status202Accepted)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RunStartedDto>> StartRun(string month, CancellationToken ct)
    {
        if (Months.Parse(month) is not { } m || await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        var result = await commands.StartRunAsync(scope, m, UserId, ct);
        return result.Succeeded
            ? AcceptedAtAction(nameof(Run), new { id = result.Value!.Id }, new RunStartedDto(result.Value.Id))
            : ValidationFailed(result.Errors);
    }

    /// <summary>A run's status and progress.</summary>
    [HttpGet("runs/{id:guid}")]
    [Authorize(Policy = Policies.PayrollRead)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RunDto>> Run(Guid id, CancellationToken ct)
    {
        if (await ScopeAsync(ct) is not { } scope || await payroll.RunAsync(scope, id, ct) is not { } run)
        {
            return NotFound();
        }
        return new RunDto(run.Id, Months.Label(run.Month), run.Status.ToString(), run.Phase, run.Processed, run.Total, run.Errors,
            Math.Round(run.ElapsedSeconds(clock.GetCurrentInstant()), 1), [.. run.Report.Select(Text.Message)]);
    }

    /// <summary>Cancels a run executing in this instance (202); 404 when it is not running here.</summary>
    [HttpPost("runs/{id:guid}/cancel")]
    [Authorize(Policy = Policies.PayrollManage)]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> CancelRun(Guid id, CancellationToken ct) =>
        await ScopeAsync(ct) is { } scope && await commands.CancelRunAsync(scope, id, ct) ? Accepted() : NotFound();

    /// <summary>Status and totals of a period (in the caller's scope); an uncomputed month is Open with no payslips.</summary>
    [HttpGet("periods/{month}")]
    [Authorize(Policy = Policies.PayrollRead)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<PeriodDto>> Period(string month, CancellationToken ct)
    {
        if (Months.Parse(month) is not { } m || await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        var register = await payroll.RegisterAsync(scope, m, null, null, 1, 10, null, ct);
        if (register is null)
        {
            return new PeriodDto(month, nameof(PeriodStatus.Open), 0, 0, null, null, null, null, null, []);
        }
        var t = register.Total;
        return new PeriodDto(month, register.Period.Status.ToString(), scope.WholeDistrict ? register.Period.Errors : 0, t.Payslips, Yuan(t.GrossFen), Yuan(t.DeductionsFen), Yuan(t.TaxFen),
            Yuan(t.NetFen), Yuan(t.EmployerFen), [.. register.Components.Select(c => new ComponentTotalDto(c.Code, Text.Message(c.Name), c.Category.ToString(), Yuan(c.AmountFen)))]);
    }

    /// <summary>
    /// The income-tax withholding declaration of a computed month as xlsx in the withholding client's import templates
    /// (正常工资薪金所得, 全年一次性奖金收入) with a reconciliation sheet; columns in docs/tax-declaration.md. District payroll
    /// officers; 400 when the month has no payslips; audited.
    /// </summary>
    [HttpGet("periods/{month}/tax-declaration")]
    [Authorize(Policy = Policies.PayrollManage)]
    [Produces(ContentTypes.Xlsx)]
    [ProducesResponseType(typeof(FileStreamResult), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> TaxDeclaration(string month, [FromServices] TaxDeclaration declaration, CancellationToken ct)
    {
        if (Months.Parse(month) is not { } m || await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        var file = TempFiles.Create();
        var result = await declaration.WriteAsync(scope, m, file, ct);
        if (!result.Succeeded)
        {
            await file.DisposeAsync();
            return ValidationFailed(result.Errors);
        }
        file.Position = 0;
        return File(file, ContentTypes.Xlsx, $"tax-declaration-{month}.xlsx");
    }

    /// <summary>
    /// Month-end checks of a computed period in the caller's scope: gross = net + employee contributions + tax; the bank file's
    /// total against net pay (workers without an account listed); who changed against the previous month and why. 404 when
    /// the month is not computed.
    /// </summary>
    [HttpGet("periods/{month}/checks")]
    [Authorize(Policy = Policies.PayrollRead)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<MonthEndChecksDto>> Checks(string month, CancellationToken ct)
    {
        if (Months.Parse(month) is not { } m || await ScopeAsync(ct) is not { } scope || await checks.CheckAsync(scope, m, ct) is not { } c)
        {
            return NotFound();
        }
        static string? Opt(long? fen) => fen is { } f ? Yuan(f) : null;
        return new MonthEndChecksDto(month, c.Totals.Balanced, Yuan(c.Totals.GrossFen), Yuan(c.Totals.DeductionsFen), Yuan(c.Totals.TaxFen), Yuan(c.Totals.NetFen),
            c.Totals.Mismatches, c.Bank.Balanced, Yuan(c.Bank.ToAccountsFen), c.Bank.WithAccount, c.Bank.WithoutAccountCount, Yuan(c.Bank.WithoutAccountFen),
            [.. c.Bank.WithoutAccount.Select(w => new UnpaidWorkerDto(w.WorkerId, w.Name, Yuan(w.NetFen)))], c.Bank.Recorded,
            c.Previous is { } p ? Months.Label(p) : null, c.Changed,
            [.. c.Variances.Select(v => new VarianceDto(v.WorkerId, v.Name, Opt(v.PreviousNetFen), Opt(v.NetFen), Yuan(v.DifferenceFen),
                [.. v.Lines.Select(l => new VarianceLineDto(l.Code, Text.Message(l.Name), Yuan(l.PreviousFen), Yuan(l.CurrentFen)))]))]);
    }

    /// <summary>Approves a calculated period (400 when refused).</summary>
    [HttpPost("periods/{month}/approve")]
    [Authorize(Policy = Policies.PayrollManage)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public Task<ActionResult<PeriodStatusDto>> Approve(string month, CancellationToken ct) => ChangeAsync(month, (s, m) => commands.ApproveAsync(s, m, UserId, ct), ct);

    /// <summary>Locks an approved period (400 when refused).</summary>
    [HttpPost("periods/{month}/lock")]
    [Authorize(Policy = Policies.PayrollManage)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public Task<ActionResult<PeriodStatusDto>> Lock(string month, CancellationToken ct) => ChangeAsync(month, (s, m) => commands.LockAsync(s, m, UserId, ct), ct);

    private async Task<ActionResult<PeriodStatusDto>> ChangeAsync(string month, Func<PayScope, YearMonth, Task<CommandResult<PayPeriod>>> change, CancellationToken ct)
    {
        if (Months.Parse(month) is not { } m || await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        return Reply(await change(scope, m), p => new PeriodStatusDto(month, p.Status.ToString()));
    }

    /// <summary>Payslips of a period in the caller's scope, paged (10–500 a page), filtered by worker and unit.</summary>
    [HttpGet("periods/{month}/payslips")]
    [Authorize(Policy = Policies.PayrollRead)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<PayslipPageDto>> Payslips(string month, long? workerId, long? orgUnitId, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (Months.Parse(month) is not { } m || await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        var register = await payroll.RegisterAsync(scope, m, orgUnitId, workerId, page, pageSize, null, ct);
        if (register is null)
        {
            return new PayslipPageDto(0, page, pageSize, []);
        }
        var rows = register.Rows;
        return new PayslipPageDto(rows.Total, rows.Page, rows.PageSize, [.. rows.Items.Select(r => new PayslipRowDto(r.PayslipId, r.WorkerId, r.Name, r.CommunityId,
            r.Post.ToString(), r.Grade, Yuan(r.GrossFen), Yuan(r.DeductionsFen), Yuan(r.TaxFen), Yuan(r.NetFen)))]);
    }

    /// <summary>A payslip with its lines and their explanations (officers in scope; a worker their own, once approved).</summary>
    [HttpGet("payslips/{id:long}")]
    [Authorize(Policy = Policies.PayslipRead)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<PayslipDto>> Payslip(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? Dto(p, Text) : NotFound();

    /// <summary>A payslip as PDF (A4, the reader's language; the caller's own approved payslip for a worker); 404 outside scope.</summary>
    [HttpGet("payslips/{id:long}/pdf")]
    [Authorize(Policy = Policies.PayslipRead)]
    [Produces(ContentTypes.Pdf)]
    [ProducesResponseType(typeof(FileStreamResult), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> PayslipPdf(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? Features.Payroll.PayslipPdfResult.Of(p) : NotFound();

    /// <summary>Every payslip of a computed month under a unit in scope (default: the caller's scope) as one PDF, streamed; 404 when none.</summary>
    [HttpGet("periods/{month}/payslips.pdf")]
    [Authorize(Policy = Policies.PayrollRead)]
    [Produces(ContentTypes.Pdf)]
    [ProducesResponseType(typeof(FileStreamResult), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> PayslipsPdf(string month, [FromQuery] long? unitId, CancellationToken ct)
    {
        if (Months.Parse(month) is not { } m || await ScopeAsync(ct) is not { } scope || await payroll.PayslipsOfUnitAsync(scope, m, unitId, ct) is not { } payslips)
        {
            return NotFound();
        }
        return new Features.Payroll.PayslipPdfResult($"payslips-{month}.pdf", Text.Format("Pay.BatchPdfTitle", month), payslips);
    }

    /// <summary>A payslip as the API shows it, with explanations in the caller's language.</summary>
    internal static PayslipDto Dto(PayslipView p, UiText text) => new(p.Id, p.WorkerId, p.WorkerName, Months.Label(p.Month), p.Status.ToString(), p.Post.ToString(), p.Grade, p.RuleSet,
        p.Payslip.Gross.ToString(), p.Payslip.Deductions.ToString(), p.Payslip.Tax.ToString(), p.Payslip.Net.ToString(), p.Payslip.EmployerContributions.ToString(),
        [.. p.Lines.Select(l => new PayslipLineDto(l.Code, text.Message(l.Name), l.Category.ToString(), Yuan(l.AmountFen), Fmt.D(l.From), Fmt.D(l.To), text.Message(l.Explanation), l.Retroactive))]);

    /// <summary>The stored rule-set versions.</summary>
    [HttpGet("rule-sets")]
    [Authorize(Policy = Policies.PayrollRead)]
    public async Task<ActionResult<IReadOnlyList<RuleSetVersionDto>>> RuleSets(CancellationToken ct) => (await ruleSets.ListAsync(ct)).Select(Dto).ToList();

    /// <summary>One version's JSON document (the schema of docs/payroll-rules.md).</summary>
    [HttpGet("rule-sets/{id:long}")]
    [Authorize(Policy = Policies.PayrollRead)]
    [ProducesResponseType(typeof(RuleSetDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> RuleSet(long id, CancellationToken ct) =>
        await ruleSets.GetAsync(id, ct) is { } v ? Content(v.Json, "application/json; charset=utf-8") : NotFound();

    /// <summary>Imports a JSON document as a draft (201); 400 lists every problem with its JSON path.</summary>
    [HttpPost("rule-sets")]
    [Authorize(Policy = Policies.PayrollManage)]
    [Consumes("application/json")]
    [ProducesResponseType(typeof(RuleSetVersionDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<RuleSetVersionDto>> ImportRuleSet(CancellationToken ct)
    {
        using var reader = new StreamReader(Request.Body);
        var json = await reader.ReadToEndAsync(ct);
        var result = await ruleSetCommands.ImportAsync(json, null, UserId, ct);
        return result.Succeeded ? CreatedAtAction(nameof(RuleSet), new { id = result.Value!.Id }, Dto(result.Value)) : ValidationFailed(result.Errors);
    }

    /// <summary>Approves a draft (not by its author).</summary>
    [HttpPost("rule-sets/{id:long}/approve")]
    [Authorize(Policy = Policies.PayrollManage)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RuleSetVersionDto>> ApproveRuleSet(long id, CancellationToken ct) => Reply(await ruleSetCommands.ApproveAsync(id, UserId, ct), Dto);

    private static RuleSetVersionDto Dto(RuleSetVersion v) =>
        new(v.Id, v.Code, v.Name, v.Version, Fmt.D(v.EffectiveFrom), v.EffectiveTo is { } to ? Fmt.D(to) : null, v.Status.ToString());

    internal static string Yuan(long fen) => PayrollCommands.Yuan(fen);
}

/// <summary>The signed-in worker's own payslips.</summary>
[Route("api/v1/me/payslips")]
[Authorize(Policy = Policies.TraineeOnly)]
public sealed class MyPayslipsApiController(PayrollQueries payroll, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>Approved payslips, newest first.</summary>
    [HttpGet]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<IReadOnlyList<PayslipSummaryDto>>> List(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.WorkerId is not { } own || await payroll.HistoryAsync(scope, own, ct) is not { } list)
        {
            return NotFound();
        }
        return list.Select(p => new PayslipSummaryDto(p.Id, Months.Label(p.Month), PayrollCommands.Yuan(p.GrossFen), PayrollCommands.Yuan(p.DeductionsFen),
            PayrollCommands.Yuan(p.TaxFen), PayrollCommands.Yuan(p.NetFen), p.HasCorrections)).ToList();
    }

    /// <summary>One of the worker's own payslips (another's id answers 404).</summary>
    [HttpGet("{id:long}")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<PayslipDto>> Get(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? PayrollApiController.Dto(p, Text) : NotFound();
}
