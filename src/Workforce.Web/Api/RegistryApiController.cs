using AutoMapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Api;

/// <summary>A page of items.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Organisation units in the caller's scope.</summary>
[Route("api/v1/org-units")]
[Authorize(Policy = WorkforceHosting.RegistryRead)]
public sealed class OrgUnitsApiController(WorkforceDbContext db, UserScopeAccessor scopes, IMapper mapper) : ApiControllerBase
{
    /// <summary>Units in scope, optionally the children of one unit and of one type.</summary>
    [HttpGet]
    public async Task<ActionResult<IReadOnlyList<OrgUnitDto>>> List(long? parentId, OrgUnitType? type, CancellationToken ct)
    {
        var q = (await scopes.GetAsync(ct)).Units(db).AsNoTracking();
        if (parentId is { } p) { q = q.Where(u => u.ParentId == p); }
        if (type is { } t) { q = q.Where(u => u.Type == t); }
        return mapper.Map<List<OrgUnitDto>>(await q.OrderBy(u => u.Path).ToListAsync(ct));
    }

    /// <summary>One unit; 404 when outside scope.</summary>
    [HttpGet("{id:long}")]
    public async Task<ActionResult<OrgUnitDto>> Get(long id, CancellationToken ct)
    {
        var unit = await (await scopes.GetAsync(ct)).Units(db).AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return unit is null ? NotFound() : mapper.Map<OrgUnitDto>(unit);
    }
}

/// <summary>Workers in the caller's scope (personal data masked).</summary>
[Route("api/v1/workers")]
[Authorize(Policy = WorkforceHosting.RegistryRead)]
public sealed class WorkersApiController(WorkerService workers, UserScopeAccessor scopes, IMapper mapper) : ApiControllerBase
{
    /// <summary>Filtered, paged list: <c>{"items":[...],"total":N}</c>.</summary>
    [HttpGet]
    public async Task<ActionResult<PageDto<WorkerDto>>> List([FromQuery] WorkerFilter filter, CancellationToken ct)
    {
        var page = await workers.SearchAsync(await scopes.GetAsync(ct), filter, ct);
        return new PageDto<WorkerDto>(mapper.Map<List<WorkerDto>>(page.Items), page.Total);
    }

    /// <summary>One worker with post history; 404 when outside scope.</summary>
    [HttpGet("{id:long}")]
    public async Task<ActionResult<WorkerDto>> Get(long id, CancellationToken ct)
    {
        var worker = await workers.FindAsync(await scopes.GetAsync(ct), id, ct);
        return worker is null ? NotFound() : mapper.Map<WorkerDto>(worker);
    }

    /// <summary>Registers a worker with a first post assignment.</summary>
    [HttpPost, Authorize(Policy = WorkforceHosting.RegistryWrite)]
    public async Task<ActionResult<WorkerDto>> Create(WorkerCreateInput input, CancellationToken ct)
    {
        var result = await workers.CreateAsync(await scopes.GetAsync(ct), input, ct);
        if (!result.Succeeded)
        {
            return ValidationFailed(result.Errors);
        }
        return CreatedAtAction(nameof(Get), new { id = result.Value!.Id }, mapper.Map<WorkerDto>(result.Value));
    }

    /// <summary>Corrects personal details; 404 when outside scope.</summary>
    [HttpPut("{id:long}"), Authorize(Policy = WorkforceHosting.RegistryWrite)]
    public async Task<ActionResult<WorkerDto>> Update(long id, WorkerProfileInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (await workers.FindAsync(scope, id, ct) is null)
        {
            return NotFound();
        }
        var result = await workers.UpdateAsync(scope, id, input, ct);
        return result.Succeeded ? mapper.Map<WorkerDto>(result.Value) : ValidationFailed(result.Errors);
    }
}
