using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Training;

/// <summary>
/// A training outside the camps (an external course, a provincial class) with its hours and, where one was issued, its
/// certificate: recorded by an HR officer, counted in the worker's annual training hours.
/// </summary>
public sealed class ExternalTraining
{
    /// <summary>Most hours one record may carry (a long residential course).</summary>
    public const decimal MaxHours = 200m;

    private ExternalTraining() { Title = string.Empty; Organiser = string.Empty; }

    /// <summary>Records a training; hours are in half hours, more than 0 and at most <see cref="MaxHours"/>.</summary>
    public ExternalTraining(long workerId, string title, string organiser, LocalDate completedOn, decimal hours, string? certificateNumber, LocalDate today)
    {
        if (completedOn > today)
        {
            throw new DomainException("Training.ExternalInFuture") { Field = "CompletedOn" };
        }
        if (hours <= 0 || hours > MaxHours || hours * 2 != decimal.Truncate(hours * 2))
        {
            throw new DomainException("Training.InvalidHours", MaxHours) { Field = "Hours" };
        }
        WorkerId = workerId;
        Title = Text.Required(title, 100, "Title");
        Organiser = Text.Required(organiser, 100, "Organiser");
        CompletedOn = completedOn;
        Minutes = (int)(hours * 60);
        CertificateNumber = Text.Optional(certificateNumber, 40, "CertificateNumber");
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Worker.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Course title.</summary>
    public string Title { get; private set; }
    /// <summary>Who held it.</summary>
    public string Organiser { get; private set; }
    /// <summary>Last day (the year it counts in).</summary>
    public LocalDate CompletedOn { get; private set; }
    /// <summary>Training time in minutes.</summary>
    public int Minutes { get; private set; }
    /// <summary>Certificate number, when one was issued.</summary>
    public string? CertificateNumber { get; private set; }
}

/// <summary>
/// A worker's training hours (学时) in a year against the requirement of their post: minutes present at camp sessions plus
/// minutes of external trainings. Shown as hours to one decimal, rounded half away from zero.
/// </summary>
/// <param name="RequiredMinutes">The requirement of the post (0: none).</param>
/// <param name="CampMinutes">Minutes present at camp sessions of the year.</param>
/// <param name="ExternalMinutes">Minutes of external trainings completed in the year.</param>
public sealed record TrainingHours(int RequiredMinutes, int CampMinutes, int ExternalMinutes)
{
    /// <summary>Policy parameter code of a post's annual requirement in hours (data with an effective date).</summary>
    public static string RequirementCode(Post post) => $"Training.AnnualHours.{post}";

    /// <summary>All minutes.</summary>
    public int TotalMinutes => CampMinutes + ExternalMinutes;
    /// <summary>Minutes still missing (0 once met).</summary>
    public int ShortMinutes => Math.Max(0, RequiredMinutes - TotalMinutes);
    /// <summary>Met (or nothing required).</summary>
    public bool Met => ShortMinutes == 0;
    /// <summary>Done ÷ required in whole percent, rounded down, at most 100 (100 when nothing is required).</summary>
    public int Percent => RequiredMinutes == 0 ? 100 : Math.Min(100, TotalMinutes * 100 / RequiredMinutes);

    /// <summary>Minutes as hours to one decimal (half away from zero).</summary>
    public static decimal Hours(int minutes) => Math.Round(minutes / 60m, 1, MidpointRounding.AwayFromZero);
}
