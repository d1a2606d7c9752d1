using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Certification;
using Workforce.Domain.Organisation;

namespace Workforce.Application.Certification;


/// <summary>Certificate list filter.</summary>
public sealed class CertificateFilter : ListFilter
{
    /// <summary>Level.</summary>
    public CertificateLevel? Level { get; set; }
    /// <summary>Verified or not.</summary>
    public bool? Verified { get; set; }
}

/// <summary>New certificate.</summary>
public sealed class CertificateInput
{
    /// <summary>Holder.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Worker")]
    public long? WorkerId { get; set; }
    /// <summary>Level.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.CertificateLevel")]
    public CertificateLevel? Level { get; set; }
    /// <summary>Number.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(40, ErrorMessage = "Validation.MaxLength"), Display(Name = "Field.CertificateNumber")]
    public string? Number { get; set; }
    /// <summary>Registration date.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.RegisteredOn")]
    public DateOnly? RegisteredOn { get; set; }
}

/// <summary>A certificate in the list.</summary>
public sealed record CertificateListItem(long Id, long WorkerId, string WorkerName, string Community, CertificateLevel Level, string Number,
    LocalDate RegisteredOn, LocalDate? VerifiedOn, string? VerifiedBy);

/// <summary>Certified workers (verified certificates) of a unit by level.</summary>
/// <param name="UnitId">Street (or the community when the scope is one).</param>
/// <param name="UnitName">Name.</param>
/// <param name="ByLevel">Distinct certified workers per level.</param>
/// <param name="Workers">Distinct certified workers (any level).</param>
public sealed record CertificationFigure(long UnitId, string UnitName, IReadOnlyDictionary<CertificateLevel, int> ByLevel, int Workers);

