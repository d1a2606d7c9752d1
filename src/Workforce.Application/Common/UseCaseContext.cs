using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;

namespace Workforce.Application.Common;

/// <summary>
/// What every use case needs besides its own data: the database, today in the users' zone, units in
/// scope, policy parameters in force, and saving a domain change so that a broken rule becomes a field
/// error and nothing is saved.
/// </summary>
public sealed class UseCaseContext(WorkforceDbContext db, BusinessCalendar calendar)
{
    /// <summary>The database.</summary>
    public WorkforceDbContext Db => db;
    /// <summary>Today in the users' zone.</summary>
    public NodaTime.LocalDate Today => calendar.Today;

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

    /// <summary>Four eyes on pay (<see cref="Domain.Policy.PolicyParameter.PayrollFourEyes"/>): on unless the parameter in force is 0.</summary>
    public async Task<bool> FourEyesAsync(CancellationToken ct) => await ParameterAsync(Domain.Policy.PolicyParameter.PayrollFourEyes, 1m, ct) != 0m;

    /// <summary>Runs a domain change and saves; a broken rule becomes a field error and nothing is saved.</summary>
    public async Task<CommandResult<T>> SaveAsync<T>(Func<T> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        T value;
        try
        {
            value = change();
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return CommandResult<T>.Fail(FieldError.From(ex));
        }
        await db.SaveChangesAsync(ct);
        return CommandResult<T>.Ok(value);
    }

    /// <summary>A form date as a NodaTime date (today when empty).</summary>
    public NodaTime.LocalDate DateOr(DateOnly? date) => date is { } d ? NodaTime.LocalDate.FromDateOnly(d) : calendar.Today;

    /// <summary>A refusal by a business rule of the domain's vocabulary (resource key <c>Domain.{code}</c>).</summary>
    public static CommandResult<T> Fail<T>(string? field, string code, params object?[] args) =>
        CommandResult<T>.Fail(field, "Domain." + code, args);
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
    /// <summary>Sort column of the list (descending with a leading '-'); the list's default order when empty or unknown.</summary>
    [RegularExpression("^-?[A-Za-z]{1,20}$", ErrorMessage = "Validation.Sort")]
    public string? Sort { get; set; }
}
