using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Policy;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Talent;

/// <summary>Helpers shared by the talent-development use cases.</summary>
public sealed class TalentContext(WorkforceDbContext db, BusinessCalendar calendar, UiText text)
{
    /// <summary>The database.</summary>
    public WorkforceDbContext Db => db;
    /// <summary>Today in the users' zone.</summary>
    public NodaTime.LocalDate Today => calendar.Today;
    /// <summary>UI text.</summary>
    public UiText Text => text;

    /// <summary>A unit in scope (or the scope's own unit when <paramref name="id"/> is null); null when outside.</summary>
    public Task<OrgUnit?> UnitAsync(UserScope scope, long? id, CancellationToken ct) =>
        scope.Units(db).AsNoTracking().SingleOrDefaultAsync(u => u.Id == (id ?? scope.OrgUnitId), ct);

    /// <summary>The value of a policy parameter in force today, or <paramref name="fallback"/>.</summary>
    public async Task<decimal> ParameterAsync(string code, decimal fallback, CancellationToken ct)
    {
        var today = calendar.Today;
        var value = await db.PolicyParameters.AsNoTracking().Where(p => p.Code == code && p.EffectiveFrom <= today)
            .OrderByDescending(p => p.EffectiveFrom).Select(p => (decimal?)p.Value).FirstOrDefaultAsync(ct);
        return value ?? fallback;
    }

    /// <summary>Runs a domain change and saves; a broken rule becomes a field error and nothing is saved.</summary>
    public async Task<CommandResult<T>> SaveAsync<T>(Func<T> change, CancellationToken ct)
    {
        T value;
        try
        {
            value = change();
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return CommandResult<T>.Fail(new FieldError(ex.Field, text.Domain(ex)));
        }
        await db.SaveChangesAsync(ct);
        return CommandResult<T>.Ok(value);
    }

    /// <summary>A form date as a NodaTime date (today when empty).</summary>
    public NodaTime.LocalDate DateOr(DateOnly? date) => date is { } d ? NodaTime.LocalDate.FromDateOnly(d) : calendar.Today;

    /// <summary>A failure with one message.</summary>
    public CommandResult<T> Fail<T>(string? field, string code, params object[] args) =>
        CommandResult<T>.Fail(new FieldError(field, text.Format("Domain." + code, args)));
}

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

/// <summary>Paging and a name search.</summary>
public class ListFilter
{
    /// <summary>Unit (subtree).</summary>
    public long? OrgUnitId { get; set; }
    /// <summary>Name contains.</summary>
    [StringLength(30)]
    public string? Q { get; set; }
    /// <summary>Page (1-based).</summary>
    [Range(1, 100000)]
    public int Page { get; set; } = 1;
    /// <summary>Rows per page.</summary>
    [Range(1, 200)]
    public int PageSize { get; set; } = 20;
}

/// <summary>Policy parameters of the talent area, with their defaults when none is stored.</summary>
public static class TalentParameters
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
