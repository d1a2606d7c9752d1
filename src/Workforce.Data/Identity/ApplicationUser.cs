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
