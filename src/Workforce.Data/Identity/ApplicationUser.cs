using Microsoft.AspNetCore.Identity;

namespace Workforce.Data.Identity;

/// <summary>
/// A sign-in account. Officers are bound to an organisation unit and see only its subtree;
/// a trainee is bound to one worker and sees only that worker.
/// </summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>Name shown in the UI and the audit trail.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Scope of an officer account (Admin, HrOfficer, PayrollOfficer).</summary>
    public long? OrgUnitId { get; set; }

    /// <summary>The worker a trainee account belongs to.</summary>
    public long? WorkerId { get; set; }

    /// <summary>Disabled by an admin: cannot sign in, and every session and token of it ends (the security stamp changed).</summary>
    public bool IsDisabled { get; set; }
}

/// <summary>
/// A signed-in browser session: its id travels in the cookie (claim <see cref="ClaimType"/>) and is checked against this row,
/// so signing out ends the session on the server and a copied cookie opens nothing afterwards.
/// </summary>
public sealed class UserSession
{
    /// <summary>Claim type of the session id in the cookie.</summary>
    public const string ClaimType = "workforce:sid";

    /// <summary>Random id (128 bits, hex).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The account.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>Signed in at.</summary>
    public NodaTime.Instant StartedAt { get; set; }

    /// <summary>Signed out at (null while active).</summary>
    public NodaTime.Instant? EndedAt { get; set; }
}

/// <summary>Role names.</summary>
public static class Roles
{
    /// <summary>系统管理员.</summary>
    public const string Admin = "Admin";
    /// <summary>人事专员 (organisation / civil-affairs departments).</summary>
    public const string HrOfficer = "HrOfficer";
    /// <summary>薪酬专员.</summary>
    public const string PayrollOfficer = "PayrollOfficer";
    /// <summary>学员/社工本人.</summary>
    public const string Trainee = "Trainee";

    /// <summary>All roles, in display order.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, HrOfficer, PayrollOfficer, Trainee];

    /// <summary>Officer roles (bound to an organisation unit).</summary>
    public static readonly IReadOnlyList<string> Officers = [Admin, HrOfficer, PayrollOfficer];
}

/// <summary>Fine-grained permissions held as user claims of type <see cref="ClaimType"/>.</summary>
public static class Permissions
{
    /// <summary>Claim type.</summary>
    public const string ClaimType = "permission";
    /// <summary>May view unmasked ID-card and phone numbers (every view is audited).</summary>
    public const string ViewPersonalData = "personal-data.view";
}
