using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Data.Identity;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;

namespace Workforce.Application.Common;

/// <summary>
/// What the signed-in user may see: an officer the subtree of their organisation unit
/// (<see cref="OrgPath"/>), a trainee only their own worker. Read from the database on each request,
/// so a change of scope by an admin takes effect at once.
/// </summary>
public sealed class UserScope
{
    private static readonly UserScope Nothing = new(null, null, null, null, false, false);

    private UserScope(string? userId, long? orgUnitId, string? orgPath, long? workerId, bool isOfficer, bool canViewPersonalData)
    {
        UserId = userId;
        OrgUnitId = orgUnitId;
        OrgPath = orgPath;
        WorkerId = workerId;
        IsOfficer = isOfficer;
        CanViewPersonalData = canViewPersonalData;
    }

    /// <summary>Signed-in user id.</summary>
    public string? UserId { get; }
    /// <summary>Officer's unit.</summary>
    public long? OrgUnitId { get; }
    /// <summary>Officer's unit path; every visible unit's path starts with it.</summary>
    public string? OrgPath { get; }
    /// <summary>Trainee's own worker.</summary>
    public long? WorkerId { get; }
    /// <summary>True for Admin, HrOfficer and PayrollOfficer accounts bound to a unit.</summary>
    public bool IsOfficer { get; }
    /// <summary>May reveal unmasked ID-card and phone numbers.</summary>
    public bool CanViewPersonalData { get; }

    /// <summary>Loads the scope of <paramref name="user"/>.</summary>
    public static async Task<UserScope> LoadAsync(ClaimsPrincipal user, WorkforceDbContext db, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return Nothing;
        }
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.OrgUnitId, u.WorkerId }).SingleOrDefaultAsync(ct);
        if (account is null)
        {
            return Nothing;
        }
        var isOfficer = Roles.Officers.Any(user.IsInRole) && account.OrgUnitId is not null;
        string? path = null;
        if (isOfficer)
        {
            path = await db.OrgUnits.AsNoTracking().Where(u => u.Id == account.OrgUnitId).Select(u => u.Path).SingleOrDefaultAsync(ct);
            isOfficer = path is not null;
        }
        var canView = isOfficer && user.HasClaim(Permissions.ClaimType, Permissions.ViewPersonalData);
        return new UserScope(userId, isOfficer ? account.OrgUnitId : null, path, user.IsInRole(Roles.Trainee) ? account.WorkerId : null, isOfficer, canView);
    }

    /// <summary>Units the user may see.</summary>
    public IQueryable<OrgUnit> Units(WorkforceDbContext db)
    {
        if (!IsOfficer)
        {
            return db.OrgUnits.Where(u => false);
        }
        var path = OrgPath!;
        return db.OrgUnits.Where(u => u.Path.StartsWith(path));
    }

    /// <summary>Workers the user may see.</summary>
    public IQueryable<Worker> Workers(WorkforceDbContext db)
    {
        if (IsOfficer)
        {
            return db.Workers.UnderPath(db, OrgPath!);
        }
        if (WorkerId is { } own)
        {
            return db.Workers.Where(w => w.Id == own);
        }
        return db.Workers.Where(w => false);
    }
}

/// <summary>The signed-in user of the current request (a port: the web host reads it from the request).</summary>
public interface ICurrentUser
{
    /// <summary>The user's principal (an anonymous one outside a request).</summary>
    ClaimsPrincipal Principal { get; }
}

/// <summary>Per-request cache of the user's scope.</summary>
public sealed class UserScopeAccessor(ICurrentUser user, WorkforceDbContext db)
{
    private UserScope? _scope;

    /// <summary>The current user's scope.</summary>
    public async Task<UserScope> GetAsync(CancellationToken ct = default)
        => _scope ??= await UserScope.LoadAsync(user.Principal, db, ct);

    /// <summary>True when the unit (when given) and the worker (when given) a list is filtered by are in the current user's scope.</summary>
    public async Task<bool> FiltersInScopeAsync(long? unitId, long? workerId, CancellationToken ct = default)
    {
        var scope = await GetAsync(ct);
        return (unitId is not { } u || await scope.Units(db).AnyAsync(x => x.Id == u, ct))
            && (workerId is not { } w || await scope.Workers(db).AnyAsync(x => x.Id == w, ct));
    }
}
