using System.ComponentModel.DataAnnotations;

namespace Workforce.Application.Admin;

/// <summary>An account as admins see it.</summary>
/// <param name="Id">Account id.</param>
/// <param name="UserName">User name.</param>
/// <param name="DisplayName">Display name.</param>
/// <param name="Roles">Roles.</param>
/// <param name="OrgUnitId">Officer's unit (scope).</param>
/// <param name="OrgUnitName">Its name.</param>
/// <param name="WorkerId">Trainee's own worker.</param>
/// <param name="WorkerName">Its name.</param>
/// <param name="LockedOut">Locked out now.</param>
/// <param name="CanViewPersonalData">May reveal unmasked personal data.</param>
/// <param name="Disabled">Disabled by an admin.</param>
public sealed record UserRow(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, long? OrgUnitId, string? OrgUnitName,
    long? WorkerId, string? WorkerName, bool LockedOut, bool CanViewPersonalData, bool Disabled);

/// <summary>Create/edit form of an account (also the API body).</summary>
public sealed class UserInput
{
    /// <summary>What a user name may be: 3 to 40 letters, digits, dots, underscores and hyphens.</summary>
    public const string UserNamePattern = "^[A-Za-z0-9._-]{3,40}$";

    /// <summary>用户名.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [RegularExpression(UserNamePattern, ErrorMessage = "Validation.UserName")]
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
