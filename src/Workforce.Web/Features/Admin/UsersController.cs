using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Admin;
using Workforce.Application.Common;
using Workforce.Application.Organisation;
using Workforce.Domain.Organisation;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Admin;

/// <summary>The user form with its pickers.</summary>
public sealed class UserFormViewModel
{
    /// <summary>Id when editing.</summary>
    public string? Id { get; init; }
    /// <summary>Fields.</summary>
    public UserInput Input { get; init; } = new();
    /// <summary>Units the admin may assign.</summary>
    public IReadOnlyList<OrgUnit> Units { get; init; } = [];
    /// <summary>Locked out now.</summary>
    public bool LockedOut { get; init; }
}

/// <summary>Accounts, roles and scopes (Admin only, within the admin's own scope).</summary>
[Authorize(Policy = Policies.AdminOnly)]
[Route("Admin/Users/{action=Index}/{id?}")]
public sealed class UsersController(UserAdministration accounts, OrganisationQueries units, UserScopeAccessor scopes) : PageController
{
    /// <summary>Accounts in scope.</summary>
    public async Task<IActionResult> Index(CancellationToken ct) => View(await accounts.ListAsync(await scopes.GetAsync(ct), ct));

    /// <summary>New account form.</summary>
    public async Task<IActionResult> Create(CancellationToken ct) => View("Form", new UserFormViewModel { Units = await UnitsAsync(ct) });

    /// <summary>Creates an account.</summary>
    [HttpPost]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] UserInput input, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await accounts.CreateAsync(await scopes.GetAsync(ct), input, ct);
            if (result.Succeeded)
            {
                TempData["Message"] = Text["Users.Saved"];
                return RedirectToAction(nameof(Index));
            }
            AddErrors(result.Errors, "Input");
        }
        return View("Form", new UserFormViewModel { Input = input, Units = await UnitsAsync(ct) });
    }

    /// <summary>Edit form.</summary>
    public async Task<IActionResult> Edit(string id, CancellationToken ct)
    {
        var user = await accounts.GetAsync(await scopes.GetAsync(ct), id, ct);
        if (user is null)
        {
            return NotFound();
        }
        var input = new UserInput
        {
            UserName = user.UserName,
            DisplayName = user.DisplayName,
            OrgUnitId = user.OrgUnitId,
            WorkerId = user.WorkerId,
            Roles = [.. user.Roles],
            CanViewPersonalData = user.CanViewPersonalData,
        };
        return View("Form", new UserFormViewModel { Id = id, Input = input, Units = await UnitsAsync(ct), LockedOut = user.LockedOut });
    }

    /// <summary>Saves roles, scope and permission; resets the password when one is given.</summary>
    [HttpPost]
    public async Task<IActionResult> Edit(string id, [Bind(Prefix = "Input")] UserInput input, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await accounts.UpdateAsync(await scopes.GetAsync(ct), id, input, ct);
            if (result is null)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                TempData["Message"] = Text["Users.Saved"];
                return RedirectToAction(nameof(Index));
            }
            AddErrors(result.Errors, "Input");
        }
        return View("Form", new UserFormViewModel { Id = id, Input = input, Units = await UnitsAsync(ct) });
    }

    /// <summary>Ends a lockout.</summary>
    [HttpPost]
    public async Task<IActionResult> Unlock(string id, CancellationToken ct)
    {
        if (await accounts.UnlockAsync(await scopes.GetAsync(ct), id, ct) is null)
        {
            return NotFound();
        }
        TempData["Message"] = Text["Users.Unlocked"];
        return RedirectToAction(nameof(Index));
    }

    /// <summary>Disables an account: it cannot sign in, and every session and token of it ends.</summary>
    [HttpPost]
    public Task<IActionResult> Disable(string id, CancellationToken ct) => SetDisabledAsync(id, true, "Users.DisabledDone", ct);

    /// <summary>Re-enables an account.</summary>
    [HttpPost]
    public Task<IActionResult> Enable(string id, CancellationToken ct) => SetDisabledAsync(id, false, "Users.EnabledDone", ct);

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled, string done, CancellationToken ct) =>
        Back(await accounts.SetDisabledAsync(await scopes.GetAsync(ct), id, disabled, User.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier), ct),
            Text[done], nameof(Index));

    private async Task<List<OrgUnit>> UnitsAsync(CancellationToken ct) => await units.FilterUnitsAsync(await scopes.GetAsync(ct), ct);
}
