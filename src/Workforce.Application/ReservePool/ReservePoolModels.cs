using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Organisation;
using Workforce.Domain.Policy;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;

namespace Workforce.Application.ReservePool;


/// <summary>Date + note (vetting, exit).</summary>
public sealed class DecisionInput
{
    /// <summary>Date.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }

    /// <summary>Approved (vetting only).</summary>
    public bool Approved { get; set; }

    /// <summary>Note or reason.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(500, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Note")]
    public string? Note { get; set; }
}

/// <summary>A date (promotion).</summary>
public sealed class DateInput
{
    /// <summary>Date.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }
}

/// <summary>Policy parameters of the talent area, with their defaults when none is stored.</summary>
public static class ReservePoolParameters
{
    /// <summary>Reserves per secretary post when no version is stored.</summary>
    public const decimal DefaultTargetRatio = 2m;
    /// <summary>Review interval in days when none is stored.</summary>
    public const decimal DefaultReviewIntervalDays = 31m;

    /// <summary>Codes and defaults, for seeding.</summary>
    public static readonly IReadOnlyList<(string Code, decimal Value, string Note)> Defaults =
    [
        (PolicyParameter.ReserveTargetRatio, DefaultTargetRatio, "后备人才按书记岗位 1:2 配备"),
        (PolicyParameter.ReserveReviewIntervalDays, DefaultReviewIntervalDays, "后备人才每月考评一次"),
    ];
}

/// <summary>One unit's line in the compliance view.</summary>
/// <param name="UnitId">Unit.</param>
/// <param name="UnitName">Name.</param>
/// <param name="ParentName">Street of a community.</param>
/// <param name="Figures">Posts, active reserves, shortfall.</param>
public sealed record ComplianceRow(long UnitId, string UnitName, string? ParentName, ReserveCompliance Figures);

/// <summary>Reserve-pool compliance under a unit.</summary>
public sealed record ComplianceReport(OrgUnit Root, decimal TargetRatio, IReadOnlyList<ComplianceRow> Communities,
    IReadOnlyList<ComplianceRow> Streets, ReserveCompliance Total, int Promoted);

/// <summary>A reserve in a list.</summary>
public sealed record ReserveListItem(long Id, long WorkerId, string WorkerName, string CommunityName, NominationSource Source,
    ReserveStatus Status, LocalDate NominatedOn, LocalDate? EntryDate, LocalDate? EndDate, bool ReviewOverdue, int Reviews);

/// <summary>Reserve list filter.</summary>
public sealed class ReserveFilter : ListFilter
{
    /// <summary>Status.</summary>
    public ReserveStatus? Status { get; set; }
    /// <summary>Only reserves whose review is overdue (flagged by the nightly follow-up).</summary>
    public bool? Overdue { get; set; }
}

/// <summary>Nomination form / API body.</summary>
public sealed class NominationInput
{
    /// <summary>The worker nominated.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Worker")]
    public long? WorkerId { get; set; }

    /// <summary>Community whose pool (default: the worker's).</summary>
    [Display(Name = "Field.Community")]
    public long? CommunityId { get; set; }

    /// <summary>Nomination source.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.NominationSource")]
    public NominationSource? Source { get; set; }

    /// <summary>Nomination date (default today).</summary>
    [Display(Name = "Field.Date")]
    public DateOnly? NominatedOn { get; set; }

    /// <summary>Remark.</summary>
    [StringLength(500, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Note")]
    public string? Note { get; set; }
}

/// <summary>Growth-file review form / API body.</summary>
public sealed class ReviewInput
{
    /// <summary>Cadence.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.ReviewPeriod")]
    public ReviewPeriod? Period { get; set; }

    /// <summary>Date (default today).</summary>
    [Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }

    /// <summary>Rating.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.Rating")]
    public AssessmentRating? Rating { get; set; }

    /// <summary>Notes.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(1000, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Note")]
    public string? Note { get; set; }
}

/// <summary>A reserve's growth file.</summary>
public sealed record ReserveDetails(ReserveEntry Entry, Worker Worker, OrgUnit Community, PostAssignment? CurrentPost);

/// <summary>What a promotion did.</summary>
public sealed record PromotionResult(ReserveEntry Entry, Post FromPost, int FromGrade, int ToGrade, LocalDate On);

