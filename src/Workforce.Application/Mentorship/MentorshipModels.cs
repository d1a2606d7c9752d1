using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Application.ReservePool;
using Workforce.Data;
using Workforce.Domain.Assessment;
using Workforce.Domain.Policy;
using Workforce.Domain.ReservePool;

namespace Workforce.Application.Mentorship;

// Inside the namespace, so that "Mentorship" names the domain's pairing, not this namespace.
using Workforce.Domain.Mentorship;


/// <summary>New pairing.</summary>
public sealed class MentorshipInput
{
    /// <summary>Kind.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Mentorship.Kind")]
    public MentorshipKind? Kind { get; set; }
    /// <summary>Mentor.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Mentorship.Mentor")]
    public long? MentorId { get; set; }
    /// <summary>Mentees.</summary>
    [Display(Name = "Mentorship.Mentees")]
    public List<long> MenteeIds { get; set; } = [];
    /// <summary>First day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Start")]
    public DateOnly? Start { get; set; }
    /// <summary>Last day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.End")]
    public DateOnly? End { get; set; }
    /// <summary>Goals.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Mentorship.Goals")]
    public string? Goals { get; set; }
}

/// <summary>A check-in held.</summary>
public sealed class CheckInInput
{
    /// <summary>Kind.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Mentorship.CheckInKind")]
    public CheckInKind? Kind { get; set; }
    /// <summary>Date held (default today).</summary>
    [Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }
    /// <summary>Notes.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Field.Note")]
    public string? Note { get; set; }
}

/// <summary>End-of-pairing evaluation.</summary>
public sealed class EvaluationInput
{
    /// <summary>Mentor's rating.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Mentorship.MentorRating")]
    public AssessmentRating? MentorRating { get; set; }
    /// <summary>Mentees' rating.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Mentorship.MenteeRating")]
    public AssessmentRating? MenteeRating { get; set; }
    /// <summary>Notes.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Field.Note")]
    public string? Note { get; set; }
}

/// <summary>New shadowing placement.</summary>
public sealed class ShadowingInput
{
    /// <summary>Who.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Worker")]
    public long? WorkerId { get; set; }
    /// <summary>Host organisation.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Shadowing.Host")]
    public string? HostOrganisation { get; set; }
    /// <summary>City.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(30, ErrorMessage = "Validation.MaxLength"), Display(Name = "Shadowing.City")]
    public string? City { get; set; }
    /// <summary>First day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Start")]
    public DateOnly? Start { get; set; }
    /// <summary>Last day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.End")]
    public DateOnly? End { get; set; }
}

/// <summary>A pairing in the list, with the names and what is missing.</summary>
public sealed record MentorshipListItem(Mentorship Pairing, string MentorName, IReadOnlyList<string> MenteeNames, IReadOnlyList<DueCheckIn> Missing);

/// <summary>A shadowing placement with the worker's name.</summary>
public sealed record ShadowingListItem(ShadowingPlacement Placement, string WorkerName);

