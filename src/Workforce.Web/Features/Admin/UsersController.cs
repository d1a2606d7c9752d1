using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Data.Identity;
using Workforce.Domain.Organisation;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Features.Admin;

/// <summary>An account in the user list.</summary>
public sealed record UserRow(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? Scope, bool LockedOut, bool CanViewPersonalData);

/// <summary>Create/edit form of an account.</summary>
public sealed class UserInput
{
    /// <summary>用户名.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression("^[A-Za-z0-9._-]{3,40}$", ErrorMessage = "Validation.UserName")]
    [Display(Name = "Field.UserName")]
    public string? UserName { get; set; }

    /// <summary>显示名称.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(60, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.DisplayName")]
    public string? DisplayName { get; set; }

    /// <summary>Password (required when creating; when editing, set only to reset).</summary>
    [DataType(DataType.Password)]
    [Display(Name = "Field.Password")]
    public string? Password { get; set; }

    /// <summary>Roles.</summary>
    [Display(Name = "Field.Roles")]
    public List<string> Roles { get; set; } = [];

    /// <summary>Organisation scope (officers).</summary>
    [Display(Name = "Field.OrgUnit")]
    public long? OrgUnitId { get; set; }

    /// <summary>Own worker (trainees).</summary>
    [Display(Name = "Field.WorkerId")]
    public long? WorkerId { get; set; }

    /// <summary>May view unmasked personal data.</summary>
    [Display(Name = "Field.CanViewPersonalData")]
    public bool CanViewPersonalData { get; set; }
}

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
[Authorize(Policy = WorkforceHosting.AdminOnly)]
[Route("Admin/Users/{action=Index}/{id?}")]
public sealed class UsersController(UserManager<ApplicationUser> users, WorkforceDbContext db, UserScopeAccessor scopes, UiText text) : Controller
{
    /// <summary>Accounts in scope.</summary>
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var visible = await VisibleUsers(scope).OrderBy(u => u.UserName).ToListAsync(ct);
        var unitNames = await scope.Units(db).Where(u => u.Type != OrgUnitType.Grid).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = new List<UserRow>();
        foreach (var u in visible)
        {
            var roles = await users.GetRolesAsync(u);
            var claims = await users.GetClaimsAsync(u);
            var scopeText = u.OrgUnitId is { } o ? unitNames.GetValueOrDefault(o) : u.WorkerId is { } w ? text.Format("Users.WorkerScope", w) : null;
            rows.Add(new UserRow(u.Id, u.UserName!, u.DisplayName, [.. roles], scopeText, await users.IsLockedOutAsync(u), claims.Any(IsViewClaim)));
        }
        return View(rows);
    }

    /// <summary>New account form.</summary>
    public async Task<IActionResult> Create(CancellationToken ct) => View("Form", new UserFormViewModel { Units = await UnitsAsync(ct) });

    /// <summary>Creates an account.</summary>
    [HttpPost]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] UserInput input, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(input.Password))
        {
            ModelState.AddModelError("Input.Password", text["Validation.RequiredPlain"]);
        }
        await ValidateScopeAsync(input, ct);
        if (ModelState.IsValid)
        {
            var user = new ApplicationUser { UserName = input.UserName, DisplayName = input.DisplayName!, OrgUnitId = input.OrgUnitId, WorkerId = input.WorkerId };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await users.CreateAsync(user, input.Password!);
            if (result.Succeeded)
            {
                result = await ApplyRolesAndClaimsAsync(user, input);
            }
            if (result.Succeeded)
            {
                await tx.CommitAsync(ct);
                TempData["Message"] = text["Users.Saved"];
                return RedirectToAction(nameof(Index));
            }
            AddIdentityErrors(result);
        }
        return View("Form", new UserFormViewModel { Input = input, Units = await UnitsAsync(ct) });
    }

    /// <summary>Edit form.</summary>
    public async Task<IActionResult> Edit(string id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
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
            Roles = [.. await users.GetRolesAsync(user)],
            CanViewPersonalData = (await users.GetClaimsAsync(user)).Any(IsViewClaim),
        };
        return View("Form", new UserFormViewModel { Id = id, Input = input, Units = await UnitsAsync(ct), LockedOut = await users.IsLockedOutAsync(user) });
    }

    /// <summary>Saves roles, scope and permission; resets the password when one is given.</summary>
    [HttpPost]
    public async Task<IActionResult> Edit(string id, [Bind(Prefix = "Input")] UserInput input, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        await ValidateScopeAsync(input, ct);
        if (ModelState.IsValid)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            user.DisplayName = input.DisplayName!;
            user.OrgUnitId = input.OrgUnitId;
            user.WorkerId = input.WorkerId;
            var result = await users.UpdateAsync(user);
            if (result.Succeeded)
            {
                result = await ApplyRolesAndClaimsAsync(user, input);
            }
            if (result.Succeeded && !string.IsNullOrEmpty(input.Password))
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                result = await users.ResetPasswordAsync(user, token, input.Password);
            }
            if (result.Succeeded)
            {
                // A new stamp signs the user out elsewhere, so the new roles apply at once.
                await users.UpdateSecurityStampAsync(user);
                await tx.CommitAsync(ct);
                TempData["Message"] = text["Users.Saved"];
                return RedirectToAction(nameof(Index));
            }
            AddIdentityErrors(result);
        }
        return View("Form", new UserFormViewModel { Id = id, Input = input, Units = await UnitsAsync(ct) });
    }

    /// <summary>Ends a lockout.</summary>
    [HttpPost]
    public async Task<IActionResult> Unlock(string id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null)
        {
            return NotFound();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        TempData["Message"] = text["Users.Unlocked"];
        return RedirectToAction(nameof(Index));
    }

    private static bool IsViewClaim(Claim c) => c.Type == Permissions.ClaimType && c.Value == Permissions.ViewPersonalData;

    private IQueryable<ApplicationUser> VisibleUsers(UserScope scope)
    {
        var path = scope.OrgPath ?? "\u0000";
        return db.Users.Where(u =>
            (u.OrgUnitId != null && db.OrgUnits.Any(o => o.Id == u.OrgUnitId && o.Path.StartsWith(path))) ||
            (u.WorkerId != null && db.Workers.UnderPath(db, path).Any(w => w.Id == u.WorkerId)));
    }

    private async Task<ApplicationUser?> FindAsync(string id, CancellationToken ct)
        => await VisibleUsers(await scopes.GetAsync(ct)).SingleOrDefaultAsync(u => u.Id == id, ct);

    private async Task<List<OrgUnit>> UnitsAsync(CancellationToken ct)
        => await (await scopes.GetAsync(ct)).Units(db).AsNoTracking().Where(u => u.Type != OrgUnitType.Grid).OrderBy(u => u.Path).ToListAsync(ct);

    private async Task ValidateScopeAsync(UserInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        input.Roles = input.Roles.Where(Roles.All.Contains).Distinct().ToList();
        if (input.Roles.Count == 0)
        {
            ModelState.AddModelError("Input.Roles", text["Users.RoleRequired"]);
        }
        var officer = input.Roles.Any(Roles.Officers.Contains);
        var trainee = input.Roles.Contains(Roles.Trainee);
        if (officer && trainee)
        {
            ModelState.AddModelError("Input.Roles", text["Users.OfficerOrTrainee"]);
        }
        if (officer && (input.OrgUnitId is null || !await scope.Units(db).AnyAsync(u => u.Id == input.OrgUnitId, ct)))
        {
            ModelState.AddModelError("Input.OrgUnitId", text["Users.ScopeRequired"]);
        }
        if (trainee && (input.WorkerId is null || !await scope.Workers(db).AnyAsync(w => w.Id == input.WorkerId, ct)))
        {
            ModelState.AddModelError("Input.WorkerId", text["Users.WorkerRequired"]);
        }
        if (!officer)
        {
            input.OrgUnitId = null;
            input.CanViewPersonalData = false;
        }
        if (!trainee)
        {
            input.WorkerId = null;
        }
    }

    private async Task<IdentityResult> ApplyRolesAndClaimsAsync(ApplicationUser user, UserInput input)
    {
        var current = await users.GetRolesAsync(user);
        var result = await users.RemoveFromRolesAsync(user, current.Except(input.Roles));
        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, input.Roles.Except(current));
        }
        var has = (await users.GetClaimsAsync(user)).FirstOrDefault(IsViewClaim);
        if (result.Succeeded && input.CanViewPersonalData && has is null)
        {
            result = await users.AddClaimAsync(user, new Claim(Permissions.ClaimType, Permissions.ViewPersonalData));
        }
        else if (result.Succeeded && !input.CanViewPersonalData && has is not null)
        {
            result = await users.RemoveClaimAsync(user, has);
        }
        return result;
    }

    private void AddIdentityErrors(IdentityResult result)
    {
        foreach (var e in result.Errors)
        {
            ModelState.AddModelError(string.Empty, text["Identity." + e.Code] is { } m && m != "Identity." + e.Code ? m : e.Description);
        }
    }
}
