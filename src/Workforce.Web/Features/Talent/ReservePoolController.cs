using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Domain.ReservePool;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Features.Talent;

/// <summary>Reserve pool page: compliance and the list.</summary>
public sealed class ReservePoolIndexViewModel
{
    /// <summary>Compliance under the selected unit.</summary>
    public required ComplianceReport Compliance { get; init; }
    /// <summary>Filter.</summary>
    public required ReserveFilter Filter { get; init; }
    /// <summary>Reserves.</summary>
    public required PagedResult<ReserveListItem> Result { get; init; }
    /// <summary>Streets and communities for the filter.</summary>
    public required IReadOnlyList<OrgUnit> Units { get; init; }
}

/// <summary>Nomination page: search serving workers and nominate one.</summary>
public sealed class NominateViewModel
{
    /// <summary>Name searched.</summary>
    public string? Q { get; init; }
    /// <summary>Matching serving workers in scope.</summary>
    public IReadOnlyList<(long Id, string Name, string Community)> Candidates { get; init; } = [];
    /// <summary>Form values.</summary>
    public NominationInput Input { get; init; } = new();
}

/// <summary>后备人才库 pages.</summary>
[Authorize(Policy = WorkforceHosting.TalentManage)]
public sealed class ReservePoolController(ReservePoolService pool, UserScopeAccessor scopes, WorkforceDbContext db, UiText text, BusinessCalendar calendar) : TalentControllerBase
{
    /// <summary>Compliance per community and street, and the reserves.</summary>
    public async Task<IActionResult> Index([FromQuery] ReserveFilter filter, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!ModelState.IsValid)
        {
            filter = new ReserveFilter();
        }
        var compliance = await pool.ComplianceAsync(scope, filter.OrgUnitId, ct) ?? await pool.ComplianceAsync(scope, null, ct);
        if (compliance is null)
        {
            return NotFound();
        }
        return View(new ReservePoolIndexViewModel
        {
            Compliance = compliance,
            Filter = filter,
            Result = await pool.SearchAsync(scope, filter, ct),
            Units = await scope.Units(db).AsNoTracking().Where(u => u.Type != OrgUnitType.Grid).OrderBy(u => u.Path).ToListAsync(ct),
        });
    }

    /// <summary>The reserves as xlsx.</summary>
    public async Task<IActionResult> Export([FromQuery] ReserveFilter filter, CancellationToken ct)
    {
        var rows = await (await pool.QueryAsync(await scopes.GetAsync(ct), filter, ct)).ToListAsync(ct);
        return Xlsx("reserve-pool.xlsx", text["Reserve.Title"],
            [text["Field.Name"], text["Field.Community"], text["Field.NominationSource"], text["Field.Status"], text["Reserve.NominatedOn"], text["Reserve.EntryDate"], text["Reserve.EndDate"], text["Reserve.Reviews"], text["Reserve.ReviewOverdue"]],
            rows.Select(r => (IReadOnlyList<string?>)[r.WorkerName, r.CommunityName, text.Enum(r.Source), text.Enum(r.Status), Iso(r.NominatedOn), Iso(r.EntryDate), Iso(r.EndDate),
                r.Reviews.ToString(System.Globalization.CultureInfo.InvariantCulture), r.ReviewOverdue ? text["Common.Yes"] : text["Common.No"]]));
    }

    /// <summary>Growth file (一人一册).</summary>
    public async Task<IActionResult> Details(long id, CancellationToken ct)
    {
        var details = await pool.FindAsync(await scopes.GetAsync(ct), id, ct);
        return details is null ? NotFound() : View(details);
    }

    /// <summary>Nomination page with a worker search.</summary>
    public async Task<IActionResult> Nominate(string? q, CancellationToken ct) => View(await NominatePageAsync(q, new NominationInput(), ct));

    /// <summary>Nominates a worker.</summary>
    [HttpPost]
    public async Task<IActionResult> Nominate([Bind(Prefix = "Input")] NominationInput input, string? q, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await pool.NominateAsync(await scopes.GetAsync(ct), input, ct);
            if (result.Succeeded)
            {
                TempData["Message"] = text["Reserve.Nominated"];
                return RedirectToAction(nameof(Details), new { id = result.Value!.Id });
            }
            AddErrors(result.Errors, "Input");
        }
        return View(await NominatePageAsync(q, input, ct));
    }

    /// <summary>Records the vetting.</summary>
    [HttpPost]
    public async Task<IActionResult> Vet(long id, DecisionInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await pool.VetAsync(await scopes.GetAsync(ct), id, input, ct), text["Reserve.Vetted"], nameof(Details), new { id }) : InvalidInput(text, nameof(Details), new { id });

    /// <summary>Adds a review.</summary>
    [HttpPost]
    public async Task<IActionResult> Review(long id, ReviewInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await pool.ReviewAsync(await scopes.GetAsync(ct), id, input, User.Identity?.Name ?? "?", ct), text["Reserve.Reviewed"], nameof(Details), new { id }) : InvalidInput(text, nameof(Details), new { id });

    /// <summary>Ends the entry.</summary>
    [HttpPost]
    public async Task<IActionResult> Exit(long id, DecisionInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await pool.ExitAsync(await scopes.GetAsync(ct), id, input, ct), text["Reserve.Exited"], nameof(Details), new { id }) : InvalidInput(text, nameof(Details), new { id });

    /// <summary>Promotes to secretary (records the post change).</summary>
    [HttpPost]
    public async Task<IActionResult> Promote(long id, DateInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(text, nameof(Details), new { id });
        }
        var result = await pool.PromoteAsync(await scopes.GetAsync(ct), id, NodaTime.LocalDate.FromDateOnly(input.Date!.Value), ct);
        var message = result?.Value is { } p ? text.Format("Reserve.Promoted", p.On, text.Enum(p.FromPost), p.FromGrade, p.ToGrade) : string.Empty;
        return Back(result, message, nameof(Details), new { id });
    }

    private async Task<NominateViewModel> NominatePageAsync(string? q, NominationInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var today = calendar.Today;
        var candidates = string.IsNullOrWhiteSpace(q) && input.WorkerId is null ? [] : await scope.Workers(db).AsNoTracking()
            .Where(w => (w.LeaveDate == null || w.LeaveDate >= today) && (input.WorkerId != null ? w.Id == input.WorkerId : w.Name.Contains(q!.Trim())))
            .OrderBy(w => w.Name).Take(20)
            .Join(db.OrgUnits, w => w.OrgUnitId, u => u.Id, (w, u) => new { w.Id, w.Name, Community = u.Name })
            .ToListAsync(ct);
        return new NominateViewModel { Q = q, Input = input, Candidates = [.. candidates.Select(c => (c.Id, c.Name, c.Community))] };
    }

    private static string? Iso(NodaTime.LocalDate? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
