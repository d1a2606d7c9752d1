using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.ReservePool;
using Workforce.Domain.Training;

namespace Workforce.Application.Training;


/// <summary>New camp.</summary>
public sealed class CampInput
{
    /// <summary>Name.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Training.CampName")]
    public string? Name { get; set; }
    /// <summary>Organising unit (default: the officer's).</summary>
    [Display(Name = "Field.OrgUnit")]
    public long? OrgUnitId { get; set; }
    /// <summary>First day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Start")]
    public DateOnly? Start { get; set; }
    /// <summary>Last day.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.End")]
    public DateOnly? End { get; set; }
    /// <summary>Completion: minimum attendance in percent.</summary>
    [Range(0, 100, ErrorMessage = "Validation.Range"), Display(Name = "Training.MinAttendance")]
    public int MinAttendancePercent { get; set; } = 80;
    /// <summary>Completion: every required course passed.</summary>
    [Display(Name = "Training.RequirePassed")]
    public bool RequireRequiredCoursesPassed { get; set; } = true;
}

/// <summary>New course in a module.</summary>
public sealed class CourseInput
{
    /// <summary>Module.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.Module")]
    public long? ModuleId { get; set; }
    /// <summary>Title.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Training.Course")]
    public string? Title { get; set; }
    /// <summary>政治 or 业务.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.Track")]
    public CourseTrack? Track { get; set; }
    /// <summary>Required.</summary>
    [Display(Name = "Training.Required")]
    public bool Required { get; set; }
    /// <summary>Pass score.</summary>
    [Range(0, 100, ErrorMessage = "Validation.Range"), Display(Name = "Training.PassScore")]
    public decimal? PassScore { get; set; }
}

/// <summary>New session of a course.</summary>
public sealed class SessionInput
{
    /// <summary>Course.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.Course")]
    public long? CourseId { get; set; }
    /// <summary>Date.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Date")]
    public DateOnly? Date { get; set; }
    /// <summary>Start time.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.StartTime")]
    public TimeOnly? StartTime { get; set; }
    /// <summary>End time.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Training.EndTime")]
    public TimeOnly? EndTime { get; set; }
    /// <summary>Place.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Training.Place")]
    public string? Place { get; set; }
    /// <summary>Teacher.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.MaxLength"), Display(Name = "Training.Teacher")]
    public string? Teacher { get; set; }
}

/// <summary>Enrolment of workers (API body).</summary>
public sealed class EnrolmentInput
{
    /// <summary>Workers to enrol.</summary>
    public List<long> WorkerIds { get; set; } = [];
    /// <summary>Also enrol every active reserve of the camp's area.</summary>
    public bool ActiveReserves { get; set; }
}

/// <summary>Attendance of a session: one mark per trainee.</summary>
public sealed class AttendanceInput
{
    /// <summary>Marks.</summary>
    public List<AttendanceMark> Marks { get; set; } = [];
}

/// <summary>One trainee's attendance.</summary>
/// <param name="WorkerId">Trainee.</param>
/// <param name="Present">Present.</param>
public sealed record AttendanceMark(long WorkerId, bool Present);

/// <summary>A course result.</summary>
public sealed class ResultInput
{
    /// <summary>Trainee.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public long? WorkerId { get; set; }
    /// <summary>Assignment handed in.</summary>
    public bool AssignmentSubmitted { get; set; }
    /// <summary>Score 0–100.</summary>
    [Range(0, 100, ErrorMessage = "Validation.Range")]
    public decimal? Score { get; set; }
}

/// <summary>A camp in a list.</summary>
public sealed record CampListItem(long Id, string Name, string Unit, LocalDate Start, LocalDate End, int Enrolled, int Completed);

/// <summary>A trainee of the cohort with their progress.</summary>
public sealed record CohortMember(Enrolment Enrolment, string Name, CampProgress Progress);

