using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Organisation;
using Workforce.Application.ReservePool;
using Workforce.Application.Workers;
using Workforce.Domain.Organisation;
using Workforce.Domain.ReservePool;
using Workforce.Web.Infrastructure;

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
    public IReadOnlyList<NominationCandidate> Candidates { get; init; } = [];
    /// <summary>Form values.</summary>
    public NominationInput Input { get; init; } = new();
}

/// <summary>后备人才库 pages.</summary>
[Authorize(Policy = Policies.TalentManage)]
public sealed class ReservePoolController(ReservePoolQueries pool, ReservePoolCommands commands, OrganisationQueries units, UserScopeAccessor scopes) : PageController
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
            Units = await units.FilterUnitsAsync(scope, ct),
        });
    }

    /// <summary>The reserves as xlsx.</summary>
    public async Task<IActionResult> Export([FromQuery] ReserveFilter filter, CancellationToken ct)
    {
        var rows = await pool.ListAsync(await scopes.GetAsync(ct), filter, ct);
        return Xlsx("reserve-pool.xlsx", Text["Reserve.Title"],
            [Text["Field.Name"], Text["Field.Community"], Text["Field.NominationSource"], Text["Field.Status"], Text["Reserve.NominatedOn"], Text["Reserve.EntryDate"], Text["Reserve.EndDate"], Text["Reserve.Reviews"], Text["Reserve.ReviewOverdue"]],
            rows.Select(r => (IReadOnlyList<string?>)[r.WorkerName, r.CommunityName, Text.Enum(r.Source), Text.Enum(r.Status), Iso(r.NominatedOn), Iso(r.EntryDate), Iso(r.EndDate),
                r.Reviews.ToString(System.Globalization.CultureInfo.InvariantCulture), r.ReviewOverdue ? Text["Common.Yes"] : Text["Common.No"]]));
    }

    /// <summary>Growth file (一人一册).</summary>
    public async Task<IActionResult> Details(long id, [FromServices] RunningFileQueries files, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var details = await pool.FindAsync(scope, id, ct);
        if (details is null)
        {
            return NotFound();
        }
        ViewBag.File = await files.FileAsync(scope, details.Worker.Id, ct);
        return View(details);
    }

    /// <summary>Nomination page with a worker search.</summary>
    public async Task<IActionResult> Nominate(string? q, CancellationToken ct) => View(await NominatePageAsync(q, new NominationInput(), ct));

    /// <summary>Nominates a worker.</summary>
    [HttpPost]
    public async Task<IActionResult> Nominate([Bind(Prefix = "Input")] NominationInput input, string? q, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await commands.NominateAsync(await scopes.GetAsync(ct), input, ct);
            if (result.Succeeded)
            {
                TempData["Message"] = Text["Reserve.Nominated"];
                return RedirectToAction(nameof(Details), new { id = result.Value!.Id });
            }
            AddErrors(result.Errors, "Input");
        }
        return View(await NominatePageAsync(q, input, ct));
    }

    /// <summary>Records the vetting.</summary>
    [HttpPost]
    public async Task<IActionResult> Vet(long id, DecisionInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await commands.VetAsync(await scopes.GetAsync(ct), id, input, ct), Text["Reserve.Vetted"], nameof(Details), new { id }) : InvalidInput(nameof(Details), new { id });

    /// <summary>Adds a review.</summary>
    [HttpPost]
    public async Task<IActionResult> Review(long id, ReviewInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await commands.ReviewAsync(await scopes.GetAsync(ct), id, input, User.Identity?.Name ?? "?", ct), Text["Reserve.Reviewed"], nameof(Details), new { id }) : InvalidInput(nameof(Details), new { id });

    /// <summary>Ends the entry.</summary>
    [HttpPost]
    public async Task<IActionResult> Exit(long id, DecisionInput input, CancellationToken ct) =>
        ModelState.IsValid ? Back(await commands.ExitAsync(await scopes.GetAsync(ct), id, input, ct), Text["Reserve.Exited"], nameof(Details), new { id }) : InvalidInput(nameof(Details), new { id });

    /// <summary>Promotes to secretary (records the post change).</summary>
    [HttpPost]
    public async Task<IActionResult> Promote(long id, DateInput input, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return InvalidInput(nameof(Details), new { id });
        }
        var result = await commands.PromoteAsync(await scopes.GetAsync(ct), id, NodaTime.LocalDate.FromDateOnly(input.Date!.Value), ct);
        var message = result?.Value is { } p ? Text.Format("Reserve.Promoted", p.On, Text.Enum(p.FromPost), p.FromGrade, p.ToGrade) : string.Empty;
        return Back(result, message, nameof(Details), new { id });
    }

    private async Task<NominateViewModel> NominatePageAsync(string? q, NominationInput input, CancellationToken ct) =>
        new() { Q = q, Input = input, Candidates = await pool.CandidatesAsync(await scopes.GetAsync(ct), q, input.WorkerId, ct) };

    private static string? Iso(NodaTime.LocalDate? d) => d?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
