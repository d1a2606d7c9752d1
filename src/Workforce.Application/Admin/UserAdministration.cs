using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Data.Identity;
using Workforce.Domain.Common;

namespace Workforce.Application.Admin;

/// <summary>
/// Accounts, roles, scopes and the personal-data permission, for admins, within the admin's own scope: an officer's
/// unit must be in it, a trainee's worker too; an account outside it is not found. Every change is audited (the
/// Identity tables are audited entities, and security events name what changed: AccountDisabled/Enabled, PasswordReset,
/// RolesChanged, ScopeChanged, PermissionChanged); disabling, a password reset or a change of roles, scope or permission gives
/// the account a new security stamp, which ends its cookie sessions and bearer tokens (rechecked on every request, cached 30 s).
/// </summary>
public sealed class UserAdministration(UserManager<ApplicationUser> users, WorkforceDbContext db, IAccessRevocation revocation)
{
    /// <summary>Accounts in scope, by user name.</summary>
    public async Task<List<UserRow>> ListAsync(UserScope scope, CancellationToken ct)
    {
        var visible = await VisibleUsers(scope).AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var rows = new List<UserRow>(visible.Count);
        foreach (var u in visible)
        {
            rows.Add(await RowAsync(u, ct));
        }
        return rows;
    }

    /// <summary>One account in scope, or null.</summary>
    public async Task<UserRow?> GetAsync(UserScope scope, string id, CancellationToken ct)
    {
        var user = await FindAsync(scope, id, ct);
        return user is null ? null : await RowAsync(user, ct);
    }

    /// <summary>Creates an account; the password is required.</summary>
    public async Task<CommandResult<UserRow>> CreateAsync(UserScope scope, UserInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = await ValidateAsync(scope, input, ct);
        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add(new FieldError(nameof(input.Password), "Validation.RequiredPlain"));
        }
        if (errors.Count > 0)
        {
            return CommandResult<UserRow>.Fail([.. errors]);
        }
        var user = new ApplicationUser { UserName = input.UserName, DisplayName = input.DisplayName!, OrgUnitId = input.OrgUnitId, WorkerId = input.WorkerId };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, input.Password!);
        if (result.Succeeded)
        {
            result = await ApplyRolesAndClaimsAsync(user, input);
        }
        if (!result.Succeeded)
        {
            return Refused(result);
        }
        await tx.CommitAsync(ct);
        return CommandResult<UserRow>.Ok(await RowAsync(user, ct));
    }

    /// <summary>
    /// Creates a disabled account without roles, scope or password for an identity the single sign-on provider vouched for,
    /// for a district admin to approve (give roles and scope, then enable). Null when the name cannot be a user name here
    /// (<see cref="UserInput.UserNamePattern"/>) or an account of that name appeared meanwhile. Audited (AccountCreatedFromSso).
    /// </summary>
    public async Task<string?> CreatePendingAsync(string userName, string? displayName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userName);
        if (!System.Text.RegularExpressions.Regex.IsMatch(userName, UserInput.UserNamePattern))
        {
            return null;
        }
        var name = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim();
        var user = new ApplicationUser { UserName = userName, DisplayName = name.Length > 60 ? name[..60] : name, IsDisabled = true };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!(await users.CreateAsync(user)).Succeeded)
        {
            return null;
        }
        db.RecordAuditEvent("AccountCreatedFromSso", "Account", user.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user.Id;
    }

    /// <summary>Saves display name, roles, scope and permission; resets the password when one is given. Null when outside scope.</summary>
    public async Task<CommandResult<UserRow>?> UpdateAsync(UserScope scope, string id, UserInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var user = await FindAsync(scope, id, ct);
        if (user is null)
        {
            return null;
        }
        var errors = await ValidateAsync(scope, input, ct);
        if (errors.Count > 0)
        {
            return CommandResult<UserRow>.Fail([.. errors]);
        }
        var before = (Roles: (await users.GetRolesAsync(user)).Order().ToList(), user.OrgUnitId, user.WorkerId, View: (await users.GetClaimsAsync(user)).Any(IsViewClaim));
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
        if (!result.Succeeded)
        {
            return Refused(result);
        }
        var events = new List<string>();
        if (!before.Roles.SequenceEqual(input.Roles.Order()))
        {
            events.Add("RolesChanged");
        }
        if (before.OrgUnitId != user.OrgUnitId || before.WorkerId != user.WorkerId)
        {
            events.Add("ScopeChanged");
        }
        if (before.View != input.CanViewPersonalData)
        {
            events.Add("PermissionChanged");
        }
        if (!string.IsNullOrEmpty(input.Password))
        {
            events.Add("PasswordReset");
        }
        if (events.Count > 0)
        {
            // A new stamp ends the account's sessions and tokens, so the change applies at once.
            await users.UpdateSecurityStampAsync(user);
            events.ForEach(e => db.RecordAuditEvent(e, "Account", user.Id));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        if (events.Count > 0)
        {
            revocation.ForgetUser(user.Id);
        }
        return CommandResult<UserRow>.Ok(await RowAsync(user, ct));
    }

    /// <summary>
    /// Disables or re-enables an account; disabling ends every session and token of it. Null when outside scope; refused for
    /// the admin's own account.
    /// </summary>
    public async Task<CommandResult<UserRow>?> SetDisabledAsync(UserScope scope, string id, bool disabled, string? actingUserId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var user = await FindAsync(scope, id, ct);
        if (user is null)
        {
            return null;
        }
        if (disabled && user.Id == actingUserId)
        {
            return CommandResult<UserRow>.Fail(null, "Users.CannotDisableSelf");
        }
        if (user.IsDisabled != disabled)
        {
            user.IsDisabled = disabled;
            await users.UpdateAsync(user);
            await users.UpdateSecurityStampAsync(user);
            db.RecordAuditEvent(disabled ? "AccountDisabled" : "AccountEnabled", "Account", user.Id);
            await db.SaveChangesAsync(ct);
            revocation.ForgetUser(user.Id);
        }
        return CommandResult<UserRow>.Ok(await RowAsync(user, ct));
    }

    /// <summary>Ends a lockout; null when outside scope.</summary>
    public async Task<UserRow?> UnlockAsync(UserScope scope, string id, CancellationToken ct)
    {
        var user = await FindAsync(scope, id, ct);
        if (user is null)
        {
            return null;
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return await RowAsync(user, ct);
    }

    private async Task<UserRow> RowAsync(ApplicationUser u, CancellationToken ct)
    {
        var roles = await users.GetRolesAsync(u);
        var claims = await users.GetClaimsAsync(u);
        var unit = u.OrgUnitId is { } o ? await db.OrgUnits.AsNoTracking().Where(x => x.Id == o).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        var worker = u.WorkerId is { } w ? await db.Workers.AsNoTracking().Where(x => x.Id == w).Select(x => x.Name).SingleOrDefaultAsync(ct) : null;
        return new UserRow(u.Id, u.UserName!, u.DisplayName, [.. roles], u.OrgUnitId, unit, u.WorkerId, worker, await users.IsLockedOutAsync(u), claims.Any(IsViewClaim), u.IsDisabled);
    }

    private static bool IsViewClaim(Claim c) => c.Type == Permissions.ClaimType && c.Value == Permissions.ViewPersonalData;

    // Accounts bound to a unit or worker in scope; accounts bound to neither (created from single sign-on, waiting for
    // approval) only for an admin of a whole district.
    private IQueryable<ApplicationUser> VisibleUsers(UserScope scope)
    {
        var path = scope.OrgPath ?? "\u0000";
        var district = scope.OrgUnitId;
        return db.Users.Where(u =>
            (u.OrgUnitId != null && db.OrgUnits.Any(o => o.Id == u.OrgUnitId && o.Path.StartsWith(path))) ||
            (u.WorkerId != null && db.Workers.UnderPath(db, path).Any(w => w.Id == u.WorkerId)) ||
            (u.OrgUnitId == null && u.WorkerId == null && db.OrgUnits.Any(o => o.Id == district && o.ParentId == null)));
    }

    private Task<ApplicationUser?> FindAsync(UserScope scope, string id, CancellationToken ct) => VisibleUsers(scope).SingleOrDefaultAsync(u => u.Id == id, ct);

    // Roles known, officer or trainee (not both), an officer bound to a unit in scope, a trainee to a worker in scope.
    private async Task<List<FieldError>> ValidateAsync(UserScope scope, UserInput input, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        input.Roles = [.. input.Roles.Where(Roles.All.Contains).Distinct()];
        if (input.Roles.Count == 0)
        {
            errors.Add(new FieldError(nameof(input.Roles), "Users.RoleRequired"));
        }
        var officer = input.Roles.Any(Roles.Officers.Contains);
        var trainee = input.Roles.Contains(Roles.Trainee);
        if (officer && trainee)
        {
            errors.Add(new FieldError(nameof(input.Roles), "Users.OfficerOrTrainee"));
        }
        if (officer && (input.OrgUnitId is null || !await scope.Units(db).AnyAsync(u => u.Id == input.OrgUnitId, ct)))
        {
            errors.Add(new FieldError(nameof(input.OrgUnitId), "Users.ScopeRequired"));
        }
        if (trainee && (input.WorkerId is null || !await scope.Workers(db).AnyAsync(w => w.Id == input.WorkerId, ct)))
        {
            errors.Add(new FieldError(nameof(input.WorkerId), "Users.WorkerRequired"));
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
        return errors;
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

    // Identity's own refusals (weak password, name taken): the known ones have a text of ours; others keep Identity's words.
    private static readonly HashSet<string> KnownIdentityCodes = ["DuplicateUserName", "PasswordTooShort", "PasswordCommon", "PasswordContainsUserName", "PasswordRequiresNonAlphanumeric", "PasswordRequiresDigit", "PasswordRequiresUpper", "PasswordRequiresLower"];

    private CommandResult<UserRow> Refused(IdentityResult result)
    {
        db.ChangeTracker.Clear();
        return CommandResult<UserRow>.Fail([.. result.Errors.Select(e => new FieldError(null,
            KnownIdentityCodes.Contains(e.Code) ? new Message("Identity." + e.Code) : new Message(StoredMessages.VerbatimKey, e.Description)))]);
    }
}
