using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Domain.Pay;
using Workforce.Web.Features.Payroll;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Api;

/// <summary>Pay periods, runs and payslips (payroll officers; reading also for HR officers).</summary>
[Route("api/v1/payroll")]
public sealed class PayrollApiController(PayrollService payroll, Workforce.Data.Auditing.ICurrentActor actor, RuleSetService ruleSets, UserScopeAccessor scopes, IClock clock) : ApiControllerBase
{
    private async Task<PayScope?> ScopeAsync(CancellationToken ct) => await payroll.ScopeAsync(await scopes.GetAsync(ct), ct);

    /// <summary>Starts a run of the month: 202 with the run id.</summary>
    [HttpPost("periods/{month}/runs")]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public async Task<IActionResult> StartRun(string month, CancellationToken ct)
    {
        if (PayrollService.ParseMonth(month) is not { } m || await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        var result = await payroll.StartRunAsync(scope, m, UserId, ct);
        return result.Succeeded
            ? AcceptedAtAction(nameof(Run), new { id = result.Value!.Id }, new { runId = result.Value.Id })
            : ValidationFailed(result.Errors);
    }

    /// <summary>A run's status and progress.</summary>
    [HttpGet("runs/{id:guid}")]
    [Authorize(Policy = WorkforceHosting.PayrollRead)]
    public async Task<IActionResult> Run(Guid id, CancellationToken ct)
    {
        if (await ScopeAsync(ct) is not { } scope || await payroll.RunAsync(scope, id, ct) is not { } run)
        {
            return NotFound();
        }
        return Ok(RunJson(run));
    }

    /// <summary>Cancels a run executing in this instance.</summary>
    [HttpPost("runs/{id:guid}/cancel")]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public async Task<IActionResult> CancelRun(Guid id, CancellationToken ct) =>
        await ScopeAsync(ct) is { } scope && await payroll.CancelRunAsync(scope, id, ct) ? Accepted() : NotFound();

    private object RunJson(RunView run) => new
    {
        runId = run.Id,
        month = PayrollService.Label(run.Month),
        status = run.Status.ToString(),
        phase = run.Phase,
        processed = run.Processed,
        total = run.Total,
        errors = run.Errors,
        elapsedSeconds = Math.Round(run.ElapsedSeconds(clock.GetCurrentInstant()), 1),
        report = run.Report,
    };

    /// <summary>Status and totals of a period (in the caller's scope).</summary>
    [HttpGet("periods/{month}")]
    [Authorize(Policy = WorkforceHosting.PayrollRead)]
    public async Task<IActionResult> Period(string month, CancellationToken ct)
    {
        if (PayrollService.ParseMonth(month) is not { } m || await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        var register = await payroll.RegisterAsync(scope, m, null, null, 1, 10, ct);
        if (register is null)
        {
            return Ok(new { month, status = PeriodStatus.Open.ToString(), payslips = 0 });
        }
        var t = register.Total;
        return Ok(new
        {
            month,
            status = register.Period.Status.ToString(),
            errors = register.Period.Errors,
            payslips = t.Payslips,
            gross = PayrollService.Yuan(t.GrossFen),
            deductions = PayrollService.Yuan(t.DeductionsFen),
            tax = PayrollService.Yuan(t.TaxFen),
            net = PayrollService.Yuan(t.NetFen),
            employer = PayrollService.Yuan(t.EmployerFen),
            components = register.Components.Select(c => new { code = c.Code, name = c.Name, category = c.Category.ToString(), amount = PayrollService.Yuan(c.AmountFen) }),
        });
    }

    /// <summary>Approves a calculated period.</summary>
    [HttpPost("periods/{month}/approve")]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public Task<IActionResult> Approve(string month, CancellationToken ct) => ChangeAsync(month, (s, m) => payroll.ApproveAsync(s, m, UserId, ct), ct);

    /// <summary>Locks an approved period.</summary>
    [HttpPost("periods/{month}/lock")]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public Task<IActionResult> Lock(string month, CancellationToken ct) => ChangeAsync(month, (s, m) => payroll.LockAsync(s, m, UserId, ct), ct);

    private async Task<IActionResult> ChangeAsync(string month, Func<PayScope, YearMonth, Task<Features.Workers.CommandResult<PayPeriod>>> change, CancellationToken ct)
    {
        if (PayrollService.ParseMonth(month) is not { } m || await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        return Reply(await change(scope, m), p => new { month, status = p.Status.ToString() });
    }

    /// <summary>Payslips of a period, paged, filtered by worker and unit.</summary>
    [HttpGet("periods/{month}/payslips")]
    [Authorize(Policy = WorkforceHosting.PayrollRead)]
    public async Task<IActionResult> Payslips(string month, long? workerId, long? orgUnitId, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (PayrollService.ParseMonth(month) is not { } m || await ScopeAsync(ct) is not { } scope)
        {
            return NotFound();
        }
        var register = await payroll.RegisterAsync(scope, m, orgUnitId, workerId, page, pageSize, ct);
        if (register is null)
        {
            return Ok(new { total = 0, page, items = Array.Empty<object>() });
        }
        return Ok(new
        {
            total = register.Rows.Total,
            page = register.Rows.Page,
            pageSize = register.Rows.PageSize,
            items = register.Rows.Items.Select(r => new
            {
                id = r.PayslipId, workerId = r.WorkerId, name = r.Name, communityId = r.CommunityId, post = r.Post.ToString(), grade = r.Grade,
                gross = PayrollService.Yuan(r.GrossFen), deductions = PayrollService.Yuan(r.DeductionsFen), tax = PayrollService.Yuan(r.TaxFen),
                net = PayrollService.Yuan(r.NetFen),
            }),
        });
    }

    /// <summary>A payslip with its lines and their explanations.</summary>
    [HttpGet("payslips/{id:long}")]
    [Authorize(Policy = WorkforceHosting.PayslipRead)]
    public async Task<IActionResult> Payslip(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? Ok(PayslipJson(p)) : NotFound();

    internal static object PayslipJson(PayslipView p) => new
    {
        id = p.Id,
        workerId = p.WorkerId,
        name = p.WorkerName,
        month = PayrollService.Label(p.Month),
        status = p.Status.ToString(),
        post = p.Post.ToString(),
        grade = p.Grade,
        ruleSet = p.RuleSet,
        gross = p.Payslip.Gross.ToString(),
        deductions = p.Payslip.Deductions.ToString(),
        tax = p.Payslip.Tax.ToString(),
        net = p.Payslip.Net.ToString(),
        employer = p.Payslip.EmployerContributions.ToString(),
        lines = p.Lines.Select(l => new
        {
            code = l.Code, name = l.Name, category = l.Category.ToString(), amount = PayrollService.Yuan(l.AmountFen),
            from = l.From.ToString("uuuu-MM-dd", null), to = l.To.ToString("uuuu-MM-dd", null), explanation = l.Explanation, retroactive = l.Retroactive,
        }),
    };

    /// <summary>The stored rule-set versions.</summary>
    [HttpGet("rule-sets")]
    [Authorize(Policy = WorkforceHosting.PayrollRead)]
    public async Task<IActionResult> RuleSets(CancellationToken ct) => Ok((await ruleSets.ListAsync(ct)).Select(v => new
    {
        id = v.Id, code = v.Code, name = v.Name, version = v.Version, effectiveFrom = v.EffectiveFrom.ToString("uuuu-MM-dd", null),
        effectiveTo = v.EffectiveTo?.ToString("uuuu-MM-dd", null), status = v.Status.ToString(),
    }));

    /// <summary>One version's JSON document.</summary>
    [HttpGet("rule-sets/{id:long}")]
    [Authorize(Policy = WorkforceHosting.PayrollRead)]
    public async Task<IActionResult> RuleSet(long id, CancellationToken ct) =>
        await ruleSets.GetAsync(id, ct) is { } v ? Content(v.Json, "application/json; charset=utf-8") : NotFound();

    /// <summary>Imports a JSON document as a draft (the body is the document).</summary>
    [HttpPost("rule-sets")]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public async Task<IActionResult> ImportRuleSet(CancellationToken ct)
    {
        using var reader = new StreamReader(Request.Body);
        var json = await reader.ReadToEndAsync(ct);
        var result = await ruleSets.ImportAsync(json, null, UserId, ct);
        return result.Succeeded
            ? CreatedAtAction(nameof(RuleSet), new { id = result.Value!.Id }, new { id = result.Value.Id, status = result.Value.Status.ToString() })
            : ValidationFailed(result.Errors);
    }

    /// <summary>Approves a draft (not by its author).</summary>
    [HttpPost("rule-sets/{id:long}/approve")]
    [Authorize(Policy = WorkforceHosting.PayrollManage)]
    public async Task<IActionResult> ApproveRuleSet(long id, CancellationToken ct) =>
        Reply(await ruleSets.ApproveAsync(id, UserId, ct), v => new { id = v.Id, status = v.Status.ToString() });

    private string UserId => actor.UserId ?? string.Empty;
}

/// <summary>The signed-in worker's own payslips.</summary>
[Route("api/v1/me/payslips")]
[Authorize(Policy = WorkforceHosting.TraineeOnly)]
public sealed class MyPayslipsApiController(PayrollService payroll, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>Approved payslips, newest first.</summary>
    [HttpGet]
    public async Task<IActionResult> List(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (scope.WorkerId is not { } own || await payroll.HistoryAsync(scope, own, ct) is not { } list)
        {
            return NotFound();
        }
        return Ok(list.Select(p => new
        {
            id = p.Id, month = PayrollService.Label(p.Month), gross = PayrollService.Yuan(p.GrossFen), deductions = PayrollService.Yuan(p.DeductionsFen),
            tax = PayrollService.Yuan(p.TaxFen), net = PayrollService.Yuan(p.NetFen), corrections = p.HasCorrections,
        }));
    }

    /// <summary>One of the worker's own payslips (another's id answers 404).</summary>
    [HttpGet("{id:long}")]
    public async Task<IActionResult> Get(long id, CancellationToken ct) =>
        await payroll.PayslipAsync(await scopes.GetAsync(ct), id, ct) is { } p ? Ok(PayrollApiController.PayslipJson(p)) : NotFound();
}
