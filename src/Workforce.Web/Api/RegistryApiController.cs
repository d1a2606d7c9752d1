using AutoMapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Organisation;
using Workforce.Application.Payroll;
using Workforce.Application.Workers;
using Workforce.Domain.Organisation;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>A worker found by the picker's look-up.</summary>
/// <param name="Id">Worker.</param>
/// <param name="Name">Name.</param>
/// <param name="Community">Community.</param>
/// <param name="Post">Post held today.</param>
/// <param name="MaskedIdNumber">Masked ID-card number.</param>
public sealed record WorkerLookupDto(long Id, string Name, string? Community, string? Post, string MaskedIdNumber);

/// <summary>Organisation units in the caller's scope.</summary>
[Route("api/v1/org-units")]
[Authorize(Policy = Policies.RegistryRead)]
public sealed class OrgUnitsApiController(OrganisationQueries units, UserScopeAccessor scopes, IMapper mapper) : ApiControllerBase
{
    /// <summary>Units in scope, optionally the children of one unit and of one type.</summary>
    [HttpGet]
    public async Task<ActionResult<IReadOnlyList<OrgUnitDto>>> List(long? parentId, OrgUnitType? type, CancellationToken ct)
        => mapper.Map<List<OrgUnitDto>>(await units.ListAsync(await scopes.GetAsync(ct), parentId, type, ct));

    /// <summary>One unit; 404 when outside scope.</summary>
    [HttpGet("{id:long}")]
    public async Task<ActionResult<OrgUnitDto>> Get(long id, CancellationToken ct)
    {
        var unit = await units.FindAsync(await scopes.GetAsync(ct), id, ct);
        return unit is null ? NotFound() : mapper.Map<OrgUnitDto>(unit);
    }
}

/// <summary>Workers in the caller's scope (personal data masked).</summary>
[Route("api/v1/workers")]
[Authorize(Policy = Policies.RegistryRead)]
public sealed class WorkersApiController(WorkerQueries workers, WorkerCommands commands, UserScopeAccessor scopes, IMapper mapper) : ApiControllerBase
{
    /// <summary>
    /// Records the annual grade advancement (R1) of 1 January of a year that has begun, in the caller's district (as the
    /// yearly job does): each step as a dated assignment with the rules' explanation; again for the same year adds nothing.
    /// </summary>
    [HttpPost("grade-advancement")]
    [Authorize(Policy = Policies.RegistryWrite)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<AdvancementResult>> Advance(AdvancementBody body, [FromServices] GradeAdvancement advancement, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var result = await advancement.AdvanceAsync(body.Year!.Value, scope.OrgPath, ct);
        return result.Succeeded ? result.Value! : ValidationFailed(result.Errors);
    }

    /// <summary>Filtered, paged list: <c>{"items":[...],"total":N}</c>.</summary>
    [HttpGet]
    public async Task<ActionResult<PageDto<WorkerDto>>> List([FromQuery] WorkerFilter filter, CancellationToken ct)
    {
        var page = await workers.SearchAsync(await scopes.GetAsync(ct), filter, ct);
        return new PageDto<WorkerDto>(mapper.Map<List<WorkerDto>>(page.Items), page.Total);
    }

    /// <summary>
    /// The picker's look-up among serving workers in scope: a name (or part of it), the last digits of the ID number (4 or more),
    /// or a community's name; at most <paramref name="take"/> (≤ 50), by name. Personal data masked.
    /// </summary>
    [HttpGet("lookup")]
    public async Task<ActionResult<IReadOnlyList<WorkerLookupDto>>> Lookup(string? q, int take = 20, CancellationToken ct = default) =>
        (await workers.LookupAsync(await scopes.GetAsync(ct), q, take, ct)).Select(w => new WorkerLookupDto(w.Id, w.Name, w.Community, w.Post?.ToString(), w.MaskedIdNumber)).ToList();

    /// <summary>One worker with post history; 404 when outside scope.</summary>
    [HttpGet("{id:long}")]
    public async Task<ActionResult<WorkerDto>> Get(long id, CancellationToken ct)
    {
        var worker = await workers.FindAsync(await scopes.GetAsync(ct), id, ct);
        return worker is null ? NotFound() : mapper.Map<WorkerDto>(worker);
    }

    /// <summary>Registers a worker with a first post assignment.</summary>
    [HttpPost, Authorize(Policy = Policies.RegistryWrite)]
    public async Task<ActionResult<WorkerDto>> Create(WorkerCreateInput input, CancellationToken ct)
    {
        var result = await commands.CreateAsync(await scopes.GetAsync(ct), input, ct);
        if (!result.Succeeded)
        {
            return ValidationFailed(result.Errors);
        }
        return CreatedAtAction(nameof(Get), new { id = result.Value!.Id }, mapper.Map<WorkerDto>(result.Value));
    }

    /// <summary>Corrects personal details; 404 when outside scope.</summary>
    [HttpPut("{id:long}"), Authorize(Policy = Policies.RegistryWrite)]
    public async Task<ActionResult<WorkerDto>> Update(long id, WorkerProfileInput input, CancellationToken ct)
        => Reply(await commands.UpdateAsync(await scopes.GetAsync(ct), id, input, ct), mapper.Map<WorkerDto>);
}

/// <summary>The year whose 1 January advancement is recorded.</summary>
public sealed class AdvancementBody
{
    /// <summary>Year (its 1 January must have come).</summary>
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Validation.Required")]
    [System.ComponentModel.DataAnnotations.Range(2000, 2100, ErrorMessage = "Validation.Range")]
    public int? Year { get; set; }
}
