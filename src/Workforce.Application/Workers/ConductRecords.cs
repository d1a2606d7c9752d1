using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Workers;

namespace Workforce.Application.Workers;

/// <summary>A 奖惩 record as an HR officer enters it.</summary>
public sealed class ConductInput
{
    /// <summary>Type (通报表扬 … 解除聘用).</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Conduct.Type")]
    public ConductType? Type { get; set; }
    /// <summary>Day decided.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Conduct.DecidedOn")]
    public DateOnly? DecidedOn { get; set; }
    /// <summary>Issuing body.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Conduct.IssuedBy")]
    public string? IssuedBy { get; set; }
    /// <summary>Effect as decided.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(400, ErrorMessage = "Validation.MaxLength"), Display(Name = "Conduct.Effect")]
    public string? Effect { get; set; }
    /// <summary>Last day with effect (empty: lasting).</summary>
    [Display(Name = "Conduct.EndsOn")]
    public DateOnly? EndsOn { get; set; }
    /// <summary>Decision document number.</summary>
    [StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Conduct.Document")]
    public string? Document { get; set; }
}

/// <summary>
/// 奖惩 (commendations and disciplinary records) recorded and corrected by HR officers for workers in their scope; every change is
/// audited (the record is in the audited set), and a disciplinary record in force caps an assessment rating where the scheme says so.
/// </summary>
public sealed class ConductRecords(UseCaseContext context)
{
    private WorkforceDbContext Db => context.Db;

    /// <summary>A worker's records, newest first; null when the worker is outside scope.</summary>
    public async Task<List<ConductRecord>?> OfWorkerAsync(UserScope scope, long workerId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!await scope.Workers(Db).AnyAsync(w => w.Id == workerId, ct))
        {
            return null;
        }
        return await Db.ConductRecords.AsNoTracking().Where(c => c.WorkerId == workerId).OrderByDescending(c => c.DecidedOn).ThenByDescending(c => c.Id).ToListAsync(ct);
    }

    /// <summary>Records a decision for a worker in scope; null when the worker is outside scope.</summary>
    public async Task<CommandResult<ConductRecord>?> RecordAsync(UserScope scope, long workerId, ConductInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(input);
        if (!await scope.Workers(Db).AnyAsync(w => w.Id == workerId, ct))
        {
            return null;
        }
        return await context.SaveAsync(() =>
        {
            var record = new ConductRecord(workerId, input.Type!.Value, LocalDate.FromDateOnly(input.DecidedOn!.Value), input.IssuedBy!, input.Effect!,
                input.EndsOn is { } e ? LocalDate.FromDateOnly(e) : null, input.Document);
            Db.ConductRecords.Add(record);
            return record;
        }, ct);
    }

    /// <summary>Corrects a record of a worker in scope; null when the record or its worker is outside scope.</summary>
    public async Task<CommandResult<ConductRecord>?> ChangeAsync(UserScope scope, long id, ConductInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(input);
        var record = await Db.ConductRecords.SingleOrDefaultAsync(c => c.Id == id && scope.Workers(Db).Any(w => w.Id == c.WorkerId), ct);
        if (record is null)
        {
            return null;
        }
        return await context.SaveAsync(() =>
        {
            record.Change(input.Type!.Value, LocalDate.FromDateOnly(input.DecidedOn!.Value), input.IssuedBy!, input.Effect!,
                input.EndsOn is { } e ? LocalDate.FromDateOnly(e) : null, input.Document);
            return record;
        }, ct);
    }
}
