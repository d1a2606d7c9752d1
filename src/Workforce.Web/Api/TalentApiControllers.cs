using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workforce.Domain.ReservePool;
using Workforce.Web.Features.Talent;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Api;

/// <summary>Compliance figures of one community.</summary>
public sealed record CommunityComplianceDto(long CommunityId, string Name, int SecretaryPosts, int ActiveReserves, decimal Ratio, bool Compliant, int Shortfall);

/// <summary>Compliance under a unit: per community, per street and totals.</summary>
public sealed record ComplianceDto(long OrgUnitId, decimal TargetRatio, IReadOnlyList<CommunityComplianceDto> Communities,
    IReadOnlyList<CommunityComplianceDto> Streets, CommunityComplianceDto Totals, int Promoted);

/// <summary>A reserve entry.</summary>
public sealed record ReserveEntryDto(long Id, long WorkerId, long CommunityId, NominationSource Source, ReserveStatus Status,
    DateOnly NominatedOn, DateOnly? EntryDate, DateOnly? EndDate, string? EndReason, int Reviews);

/// <summary>The result of a promotion.</summary>
public sealed record PromotionDto(ReserveEntryDto Entry, string FromPost, int FromGrade, string ToPost, int ToGrade, DateOnly EffectiveFrom);

/// <summary>后备人才库 API.</summary>
[Route("api/v1/reserve-pool")]
[Authorize(Policy = WorkforceHosting.TalentManage)]
public sealed class ReservePoolApiController(ReservePoolService pool, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>Compliance per community under a unit in scope (default: the caller's), with street figures and totals.</summary>
    [HttpGet("compliance")]
    public async Task<ActionResult<ComplianceDto>> Compliance(long? orgUnitId, CancellationToken ct)
    {
        var report = await pool.ComplianceAsync(await scopes.GetAsync(ct), orgUnitId, ct);
        if (report is null)
        {
            return NotFound();
        }
        static CommunityComplianceDto Row(ComplianceRow r) =>
            new(r.UnitId, r.UnitName, r.Figures.SecretaryPosts, r.Figures.ActiveReserves, r.Figures.Ratio, r.Figures.Compliant, r.Figures.Shortfall);
        var t = report.Total;
        return new ComplianceDto(report.Root.Id, report.TargetRatio, [.. report.Communities.Select(Row)], [.. report.Streets.Select(Row)],
            new CommunityComplianceDto(report.Root.Id, report.Root.Name, t.SecretaryPosts, t.ActiveReserves, t.Ratio, t.Compliant, t.Shortfall), report.Promoted);
    }

    /// <summary>Nominates a worker (201); 400 with field errors, e.g. already in another community's pool.</summary>
    [HttpPost("entries")]
    public async Task<ActionResult<ReserveEntryDto>> Nominate(NominationInput input, CancellationToken ct)
    {
        var result = await pool.NominateAsync(await scopes.GetAsync(ct), input, ct);
        return result.Succeeded ? Created($"/api/v1/reserve-pool/entries/{result.Value!.Id}", Dto(result.Value)) : ValidationFailed(result.Errors);
    }

    /// <summary>One entry; 404 outside scope.</summary>
    [HttpGet("entries/{id:long}")]
    public async Task<ActionResult<ReserveEntryDto>> Get(long id, CancellationToken ct)
    {
        var details = await pool.FindAsync(await scopes.GetAsync(ct), id, ct);
        return details is null ? NotFound() : Dto(details.Entry);
    }

    /// <summary>Records the vetting.</summary>
    [HttpPost("entries/{id:long}/vetting")]
    public async Task<ActionResult<ReserveEntryDto>> Vet(long id, DecisionInput input, CancellationToken ct) =>
        Reply(await pool.VetAsync(await scopes.GetAsync(ct), id, input, ct));

    /// <summary>Adds a review to the growth file.</summary>
    [HttpPost("entries/{id:long}/reviews")]
    public async Task<ActionResult<ReserveEntryDto>> Review(long id, ReviewInput input, CancellationToken ct) =>
        Reply(await pool.ReviewAsync(await scopes.GetAsync(ct), id, input, User.Identity?.Name ?? "api", ct));

    /// <summary>Ends the entry with a reason.</summary>
    [HttpPost("entries/{id:long}/exit")]
    public async Task<ActionResult<ReserveEntryDto>> Exit(long id, DecisionInput input, CancellationToken ct) =>
        Reply(await pool.ExitAsync(await scopes.GetAsync(ct), id, input, ct));

    /// <summary>Promotes to secretary: ends the entry and records the Head post with the re-slotted grade.</summary>
    [HttpPost("entries/{id:long}/promote")]
    public async Task<ActionResult<PromotionDto>> Promote(long id, DateInput input, CancellationToken ct)
    {
        if (input.Date is not { } date)
        {
            ModelState.AddModelError(nameof(input.Date), "Date is required.");
            return ValidationProblem(ModelState);
        }
        var result = await pool.PromoteAsync(await scopes.GetAsync(ct), id, LocalDate.FromDateOnly(date), ct);
        if (result is null)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            return ValidationFailed(result.Errors);
        }
        var p = result.Value!;
        return new PromotionDto(Dto(p.Entry), p.FromPost.ToString(), p.FromGrade, nameof(Domain.Workers.Post.Head), p.ToGrade, p.On.ToDateOnly());
    }

    private ActionResult<ReserveEntryDto> Reply(Features.Workers.CommandResult<ReserveEntry>? result) =>
        result is null ? NotFound() : result.Succeeded ? Dto(result.Value!) : ValidationFailed(result.Errors);

    private static ReserveEntryDto Dto(ReserveEntry e) =>
        new(e.Id, e.WorkerId, e.CommunityId, e.Source, e.Status, e.NominatedOn.ToDateOnly(), e.EntryDate?.ToDateOnly(), e.EndDate?.ToDateOnly(), e.EndReason, e.Reviews.Count);
}
