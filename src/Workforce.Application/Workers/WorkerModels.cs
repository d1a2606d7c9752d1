using NodaTime;
using System.ComponentModel.DataAnnotations;
using Workforce.Domain.Workers;

namespace Workforce.Application.Workers;

/// <summary>Which workers a list shows.</summary>
public enum EmploymentFilter
{
    /// <summary>在职.</summary>
    Active = 0,
    /// <summary>离职.</summary>
    Left = 1,
    /// <summary>全部.</summary>
    All = 2,
}

/// <summary>Filters of the worker list (query string of the page, the API and the export).</summary>
public sealed class WorkerFilter
{
    /// <summary>Only workers in this unit's subtree.</summary>
    public long? OrgUnitId { get; set; }
    /// <summary>Current post.</summary>
    public Post? Post { get; set; }
    /// <summary>Current grade.</summary>
    [Range(1, 99)]
    public int? Grade { get; set; }
    /// <summary>Education.</summary>
    public Education? Education { get; set; }
    /// <summary>Political status.</summary>
    public PoliticalStatus? PoliticalStatus { get; set; }
    /// <summary>Age today at least (whole years).</summary>
    [Range(0, 120)]
    public int? MinAge { get; set; }
    /// <summary>Age today at most (whole years).</summary>
    [Range(0, 120)]
    public int? MaxAge { get; set; }
    /// <summary>Years of service today at least (whole years since the hire date).</summary>
    [Range(0, 80)]
    public int? MinService { get; set; }
    /// <summary>Years of service today at most.</summary>
    [Range(0, 80)]
    public int? MaxService { get; set; }
    /// <summary>
    /// Part of a name, a full ID-card number, the last 4–17 digits of an ID-card number or the last 4–10 digits of a phone number,
    /// or part of a community's name.
    /// </summary>
    [StringLength(40)]
    public string? Q { get; set; }
    /// <summary>Employment status.</summary>
    public EmploymentFilter Status { get; set; }
    /// <summary>Sort column (name, community, post, grade, hireDate, education, birthDate), descending with a leading '-'; by name when empty.</summary>
    [RegularExpression("^-?(name|community|post|grade|hireDate|education|birthDate)$", ErrorMessage = "Validation.Sort")]
    public string? Sort { get; set; }
    /// <summary>1-based page.</summary>
    [Range(1, int.MaxValue)]
    public int Page { get; set; } = 1;

    /// <summary>
    /// The age and service bands as date bounds on <paramref name="today"/>, in whole years: age ≥ n ⇔ born on or before today − n
    /// years; age ≤ n ⇔ born after today − (n + 1) years (service likewise from the hire date). Null where the band is open.
    /// </summary>
    public (LocalDate? BornOnOrBefore, LocalDate? BornAfter, LocalDate? HiredOnOrBefore, LocalDate? HiredAfter) DateBounds(LocalDate today) => (
        MinAge is { } minAge ? today.PlusYears(-minAge) : null,
        MaxAge is { } maxAge ? today.PlusYears(-(maxAge + 1)) : null,
        MinService is { } minService ? today.PlusYears(-minService) : null,
        MaxService is { } maxService ? today.PlusYears(-(maxService + 1)) : null);
    /// <summary>Rows per page (at most 200).</summary>
    [Range(1, 200)]
    public int PageSize { get; set; } = 20;
}

/// <summary>Read model of a worker row (projected by EF, mapped to view models and DTOs).</summary>
public sealed class WorkerListRow
{
    /// <summary>Id.</summary>
    public long Id { get; init; }
    /// <summary>Name.</summary>
    public string Name { get; init; } = string.Empty;
    /// <summary>ID-card number (decrypted; mask before display).</summary>
    public IdCardNumber IdCard { get; init; }
    /// <summary>Phone (decrypted; mask before display).</summary>
    public PhoneNumber? Phone { get; init; }
    /// <summary>Education.</summary>
    public Education Education { get; init; }
    /// <summary>Political status.</summary>
    public PoliticalStatus PoliticalStatus { get; init; }
    /// <summary>Hire date.</summary>
    public NodaTime.LocalDate HireDate { get; init; }
    /// <summary>Leave date.</summary>
    public NodaTime.LocalDate? LeaveDate { get; init; }
    /// <summary>Community id.</summary>
    public long OrgUnitId { get; init; }
    /// <summary>Community name.</summary>
    public string? OrgUnitName { get; init; }
    /// <summary>Community code (the import's 社区编码).</summary>
    public string? OrgUnitCode { get; init; }
    /// <summary>First day of the current post assignment.</summary>
    public NodaTime.LocalDate? AssignmentStart { get; init; }
    /// <summary>Post held today.</summary>
    public Post? CurrentPost { get; init; }
    /// <summary>Grade held today.</summary>
    public Grade? CurrentGrade { get; init; }
}

/// <summary>Fields of a new worker or a profile correction (shared by the form, the API and the xlsx import).</summary>
public class WorkerProfileInput
{
    /// <summary>姓名.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(30, MinimumLength = 2, ErrorMessage = "Validation.Length")]
    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    /// <summary>身份证号.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.IdCardNumber")]
    public string? IdCardNumber { get; set; }

    /// <summary>手机号.</summary>
    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }

    /// <summary>学历.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Education")]
    public Education? Education { get; set; }

    /// <summary>政治面貌.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.PoliticalStatus")]
    public PoliticalStatus? PoliticalStatus { get; set; }

    /// <summary>入职日期.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.HireDate")]
    public DateOnly? HireDate { get; set; }
}

/// <summary>A new worker with the first post assignment.</summary>
public sealed class WorkerCreateInput : WorkerProfileInput
{
    /// <summary>所属社区.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Community")]
    public long? CommunityId { get; set; }

    /// <summary>岗位.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Post")]
    public Post? Post { get; set; }

    /// <summary>等级.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, 99, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.Grade")]
    public int? Grade { get; set; }

    /// <summary>任职开始日期 (defaults to the hire date).</summary>
    [Display(Name = "Field.AssignmentStart")]
    public DateOnly? AssignmentStart { get; set; }
}

/// <summary>A post change (调岗/定级).</summary>
public sealed class AssignPostInput
{
    /// <summary>社区.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Community")]
    public long? CommunityId { get; set; }

    /// <summary>岗位.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Post")]
    public Post? Post { get; set; }

    /// <summary>等级.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Range(1, 99, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.Grade")]
    public int? Grade { get; set; }

    /// <summary>生效日期.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.AssignmentStart")]
    public DateOnly? AssignmentStart { get; set; }

    /// <summary>Why (a re-grading that departs from the rules' advancement should say why); kept with the assignment, audited.</summary>
    [StringLength(500, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.AssignmentReason")]
    public string? Reason { get; set; }
}

/// <summary>A grid assignment (网格员).</summary>
public sealed class AssignGridInput
{
    /// <summary>网格.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Grid")]
    public long? GridId { get; set; }

    /// <summary>开始日期.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.AssignmentStart")]
    public DateOnly? AssignmentStart { get; set; }
}
