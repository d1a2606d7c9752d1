using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Domain.Pay;
using Workforce.Payroll.Rules;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Payroll;

/// <summary>The what-if page: the comparison and the page of people shown.</summary>
public sealed record WhatIfPage(WhatIfResult Result, PagedResult<WhatIfRow> Rows);

/// <summary>A rule-set version page: its tables, and the edit form for a draft.</summary>
public sealed record RuleSetPage(RuleSetVersion Version, RuleSetDocument Document, RuleSetTablesInput Tables, bool IsAuthor);

/// <summary>Rule sets (薪酬规则): versions, tables, JSON import/export, drafts, four-eyes approval, what-if.</summary>
[Authorize(Policy = Policies.PayrollRead)]
public sealed class RuleSetsController(RuleSetQueries ruleSets, RuleSetCommands commands, Workforce.Data.Auditing.ICurrentActor actor, PayrollQueries payroll,
    UserScopeAccessor scopes, BusinessCalendar calendar) : PageController
{
    private string UserId => actor.UserId ?? string.Empty;

    /// <summary>All versions.</summary>
    public async Task<IActionResult> Index(CancellationToken ct) => View(await ruleSets.ListAsync(ct));

    /// <summary>One version: its tables (and for a draft the edit form).</summary>
    public async Task<IActionResult> Details(long id, CancellationToken ct)
    {
        var version = await ruleSets.GetAsync(id, ct);
        if (version is null)
        {
            return NotFound();
        }
        var document = RuleSetJson.Parse(version.Json).Document!;
        return View(new RuleSetPage(version, document, RuleSetTablesInput.From(document), version.CreatedBy == UserId));
    }

    /// <summary>Downloads the JSON document.</summary>
    public async Task<IActionResult> Export(long id, CancellationToken ct) =>
        await ruleSets.GetAsync(id, ct) is { } v ? File(System.Text.Encoding.UTF8.GetBytes(v.Json), "application/json", $"{v.Code}-v{v.Version}.json") : NotFound();

    /// <summary>Imports a JSON document (file or pasted) as a draft.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> Import(IFormFile? file, string? json, string? note, CancellationToken ct)
    {
        if (file is { Length: > 0 })
        {
            using var reader = new StreamReader(file.OpenReadStream());
            json = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(json))
        {
            TempData["Error"] = Text["Pay.JsonRequired"];
            return RedirectToAction(nameof(Index));
        }
        var result = await commands.ImportAsync(json, note, UserId, ct);
        if (!result.Succeeded)
        {
            TempData["Error"] = Text.Messages(result.Errors);
            return RedirectToAction(nameof(Index));
        }
        TempData["Message"] = Text["Pay.RuleSetImported"];
        return RedirectToAction(nameof(Details), new { id = result.Value!.Id });
    }

    /// <summary>A new draft from a version, in force from a date.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> NewDraft(long id, DateOnly? from, CancellationToken ct)
    {
        var today = calendar.Today;
        var start = from is { } f ? LocalDate.FromDateOnly(f) : new LocalDate(today.Year, today.Month, 1).PlusMonths(1);
        var result = await commands.NewDraftAsync(id, start, UserId, ct);
        if (!result.Succeeded)
        {
            TempData["Error"] = Text.Messages(result.Errors);
            return RedirectToAction(nameof(Details), new { id });
        }
        TempData["Message"] = Text["Pay.DraftCreated"];
        return RedirectToAction(nameof(Details), new { id = result.Value!.Id });
    }

    /// <summary>Saves the edited tables of a draft.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> Edit(long id, [Bind(Prefix = "Tables")] RuleSetTablesInput tables, CancellationToken ct)
    {
        var result = await commands.EditAsync(id, tables, UserId, ct);
        return Back(result, Text["Pay.DraftSaved"], nameof(Details), new { id });
    }

    /// <summary>Approves a draft (not by its author).</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> Approve(long id, CancellationToken ct) =>
        Back(await commands.ApproveAsync(id, UserId, ct), Text["Pay.RuleSetApproved"], nameof(Details), new { id });

    /// <summary>Rejects a draft.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.PayrollManage)]
    public async Task<IActionResult> Reject(long id, string? note, CancellationToken ct) =>
        Back(await commands.RejectAsync(id, UserId, note, ct), Text["Pay.RuleSetRejected"], nameof(Details), new { id });

    /// <summary>What-if: the version applied to the current staff, against the approved rules.</summary>
    public async Task<IActionResult> WhatIf(long id, string? month, string? sort, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var version = await ruleSets.GetAsync(id, ct);
        if (version is null)
        {
            return NotFound();
        }
        var today = calendar.Today;
        var m = Months.Parse(month) ?? Max(new YearMonth(version.EffectiveFrom.Year, version.EffectiveFrom.Month), new YearMonth(today.Year, today.Month));
        var scope = (await payroll.ScopeAsync(await scopes.GetAsync(ct), ct))!;
        return await ruleSets.WhatIfAsync(scope, id, m, ct) is { } result ? View(new WhatIfPage(result, result.Page(sort, page, pageSize))) : NotFound();
    }

    private static YearMonth Max(YearMonth a, YearMonth b) => a > b ? a : b;
}
