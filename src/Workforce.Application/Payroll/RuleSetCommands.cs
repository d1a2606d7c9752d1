using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;
using Workforce.Payroll;
using Workforce.Payroll.Rules;

namespace Workforce.Application.Payroll;

/// <summary>
/// Rule-set versions changed in the app: JSON import as a draft, drafts edited table by table, approval by a second
/// officer (closing the open-ended predecessor the day before), rejection. Every document is validated by the payroll
/// engine before it is stored; every change is audited.
/// </summary>
public sealed class RuleSetCommands(WorkforceDbContext db, RuleSetQueries queries, IClock clock, ITextCatalog text)
{
    /// <summary>Validates a JSON document and stores it as a draft.</summary>
    public async Task<CommandResult<RuleSetVersion>> ImportAsync(string json, string? note, string userId, CancellationToken ct)
    {
        var (document, errors) = Compile(json);
        if (document is null)
        {
            return Invalid(errors);
        }
        var family = await db.RuleSetVersions.AsNoTracking().Where(v => v.Status == RuleSetStatus.Approved).Select(v => v.Code).FirstOrDefaultAsync(ct);
        if (family is not null && family != document.Code)
        {
            return UseCaseContext.Fail<RuleSetVersion>(null, "Pay.RuleSetOtherFamily", document.Code, family);
        }
        if (await db.RuleSetVersions.AnyAsync(v => v.Code == document.Code && v.Version == document.Version, ct))
        {
            return UseCaseContext.Fail<RuleSetVersion>(null, "Pay.RuleSetVersionExists", document.Code, document.Version);
        }
        var version = new RuleSetVersion(document.Code, document.Name, document.Version, document.EffectiveFrom, document.EffectiveTo,
            RuleSetJson.Serialize(document), userId, clock.GetCurrentInstant(), note);
        db.RuleSetVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return CommandResult<RuleSetVersion>.Ok(version);
    }

    /// <summary>A new draft copied from a version: next version number, in force from <paramref name="from"/>.</summary>
    public async Task<CommandResult<RuleSetVersion>> NewDraftAsync(long sourceId, LocalDate from, string userId, CancellationToken ct)
    {
        var source = await queries.GetAsync(sourceId, ct);
        if (source is null)
        {
            return UseCaseContext.Fail<RuleSetVersion>(null, "Pay.RuleSetNotFound");
        }
        var next = await db.RuleSetVersions.Where(v => v.Code == source.Code).MaxAsync(v => v.Version, ct) + 1;
        var document = RuleSet.FromJson(source.Json).ToDocument();
        document.Version = next;
        document.EffectiveFrom = from;
        document.EffectiveTo = null;
        return await ImportAsync(RuleSetJson.Serialize(document), string.Format(CultureInfo.CurrentCulture, text.Text("Pay.RuleSetCopiedFrom"), source.Version), userId, ct);
    }

    /// <summary>Replaces the tables of a draft (the edit form), validated like an import.</summary>
    public async Task<CommandResult<RuleSetVersion>> EditAsync(long id, RuleSetTablesInput input, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var version = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (version is null)
        {
            return UseCaseContext.Fail<RuleSetVersion>(null, "Pay.RuleSetNotFound");
        }
        if (version.Status != RuleSetStatus.Draft)
        {
            return UseCaseContext.Fail<RuleSetVersion>(null, "Pay.RuleSetNotDraft", version.Code, version.Version);
        }
        var document = RuleSetJson.Parse(version.Json).Document!;
        var parseErrors = input.ApplyTo(document);
        if (parseErrors.Count > 0)
        {
            return CommandResult<RuleSetVersion>.Fail([.. parseErrors]);
        }
        var (compiled, errors) = Compile(RuleSetJson.Serialize(document));
        if (compiled is null)
        {
            return Invalid(errors);
        }
        version.Edit(compiled.Name, compiled.EffectiveFrom, compiled.EffectiveTo, RuleSetJson.Serialize(compiled), userId, clock.GetCurrentInstant());
        await db.SaveChangesAsync(ct);
        return CommandResult<RuleSetVersion>.Ok(version);
    }

    /// <summary>
    /// Approves a draft. The approver must not be its author; an approved open-ended version that
    /// starts earlier is closed the day before; the versions must then form a gap-free history.
    /// </summary>
    public async Task<CommandResult<RuleSetVersion>?> ApproveAsync(long id, string userId, CancellationToken ct)
    {
        var version = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (version is null)
        {
            return null;
        }
        var approved = await db.RuleSetVersions.Where(v => v.Status == RuleSetStatus.Approved && v.Code == version.Code).ToListAsync(ct);
        try
        {
            version.Approve(userId, clock.GetCurrentInstant());
            var open = approved.Where(v => v.EffectiveTo is null && v.EffectiveFrom < version.EffectiveFrom).OrderByDescending(v => v.EffectiveFrom).FirstOrDefault();
            if (open is not null)
            {
                var document = RuleSet.FromJson(open.Json).ToDocument();
                document.EffectiveTo = version.EffectiveFrom.PlusDays(-1);
                open.CloseOn(version.EffectiveFrom.PlusDays(-1), RuleSetJson.Serialize(document));
            }
            var history = RuleSetHistory.Validate([.. approved.Append(version).Select(v => RuleSet.FromJson(v.Json))]);
            if (history.Count > 0)
            {
                db.ChangeTracker.Clear();
                return Invalid(history);
            }
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return CommandResult<RuleSetVersion>.Fail(FieldError.From(ex));
        }
        await db.SaveChangesAsync(ct);
        return CommandResult<RuleSetVersion>.Ok(version);
    }

    /// <summary>Rejects a draft with a reason.</summary>
    public async Task<CommandResult<RuleSetVersion>?> RejectAsync(long id, string userId, string? reason, CancellationToken ct)
    {
        var version = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (version is null)
        {
            return null;
        }
        try
        {
            version.Reject(userId, clock.GetCurrentInstant(), reason ?? string.Empty);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return CommandResult<RuleSetVersion>.Fail(FieldError.From(ex, "Note"));
        }
        await db.SaveChangesAsync(ct);
        return CommandResult<RuleSetVersion>.Ok(version);
    }

    private static (RuleSetDocument? Document, IReadOnlyList<RuleSetError> Errors) Compile(string json)
    {
        var (document, errors) = RuleSetJson.Parse(json);
        if (document is null)
        {
            return (null, errors);
        }
        try
        {
            return (RuleSet.Compile(document).ToDocument(), []);
        }
        catch (RuleSetInvalidException ex)
        {
            return (null, ex.Errors);
        }
    }

    private static CommandResult<RuleSetVersion> Invalid(IReadOnlyList<RuleSetError> errors) =>
        CommandResult<RuleSetVersion>.Fail([.. errors.Select(e => new FieldError(e.Path, "Pay.RuleSetError", e.Path, e.Message))]);
}
