using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Admin;
using Workforce.Application.Audit;
using Workforce.Application.Common;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>An account as admins see it.</summary>
public sealed record UserDto(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, long? OrgUnitId, string? OrgUnitName,
    long? WorkerId, string? WorkerName, bool LockedOut, bool CanViewPersonalData, bool Disabled);

/// <summary>One entry of the audit trail (personal data masked, password hashes redacted when written).</summary>
public sealed record AuditEntryDto(long Sequence, DateTimeOffset Timestamp, string? UserId, string UserName, string Action, string EntityType, string EntityId,
    string? Before, string? After, string Hash);

/// <summary>Accounts, roles, scopes and the personal-data permission, within the admin's own scope (Admin only).</summary>
[Route("api/v1/admin/users")]
[Authorize(Policy = Policies.AdminOnly)]
public sealed class AdminUsersApiController(UserAdministration accounts, UserScopeAccessor scopes) : ApiControllerBase
{
    /// <summary>Accounts in scope.</summary>
    [HttpGet]
    public async Task<ActionResult<IReadOnlyList<UserDto>>> List(CancellationToken ct) => (await accounts.ListAsync(await scopes.GetAsync(ct), ct)).Select(Dto).ToList();

    /// <summary>Creates an account (201); 400 with field errors (roles, scope, password rules, name taken).</summary>
    [HttpPost]
    [ProducesResponseType(typeof(UserDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<UserDto>> Create(UserInput input, CancellationToken ct)
    {
        return ReplyCreated(await accounts.CreateAsync(await scopes.GetAsync(ct), input, ct), u => $"/api/v1/admin/users/{u.Id}", Dto);
    }

    /// <summary>Saves display name, roles, scope and permission (and the password when given); signs the account out elsewhere. 404 outside scope.</summary>
    [HttpPut("{id}")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<UserDto>> Update(string id, UserInput input, CancellationToken ct) =>
        Reply(await accounts.UpdateAsync(await scopes.GetAsync(ct), id, input, ct), Dto);

    /// <summary>Ends a lockout; 404 outside scope.</summary>
    [HttpPost("{id}/unlock")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<UserDto>> Unlock(string id, CancellationToken ct) =>
        await accounts.UnlockAsync(await scopes.GetAsync(ct), id, ct) is { } user ? Dto(user) : NotFound();

    /// <summary>Disables an account: it cannot sign in, and every session and token of it ends within the recheck interval; 404 outside scope.</summary>
    [HttpPost("{id}/disable")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<UserDto>> Disable(string id, CancellationToken ct) =>
        Reply(await accounts.SetDisabledAsync(await scopes.GetAsync(ct), id, true, User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier), ct), Dto);

    /// <summary>Re-enables an account; 404 outside scope.</summary>
    [HttpPost("{id}/enable")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<UserDto>> Enable(string id, CancellationToken ct) =>
        Reply(await accounts.SetDisabledAsync(await scopes.GetAsync(ct), id, false, User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier), ct), Dto);

    private static UserDto Dto(UserRow u) => new(u.Id, u.UserName, u.DisplayName, u.Roles, u.OrgUnitId, u.OrgUnitName, u.WorkerId, u.WorkerName, u.LockedOut, u.CanViewPersonalData, u.Disabled);
}

/// <summary>The audit trail, newest first (Admin only).</summary>
[Route("api/v1/audit")]
[Authorize(Policy = Policies.AdminOnly)]
public sealed class AuditApiController(AuditQueries audit) : ApiControllerBase
{
    /// <summary>Entries filtered by entity, user, action and local dates, paged (at most 200 a page).</summary>
    [HttpGet]
    public async Task<ActionResult<PageDto<AuditEntryDto>>> List([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        var page = await audit.SearchAsync(filter, ct);
        return new PageDto<AuditEntryDto>([.. page.Items.Select(e => new AuditEntryDto(e.Sequence, e.Timestamp.ToDateTimeOffset(), e.UserId, e.UserName, e.Action, e.EntityType,
            e.EntityId, e.Before, e.After, e.Hash))], page.Total);
    }
}
