using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;

namespace Workforce.Application.Workers;

/// <summary>
/// Changes to the worker registry, shared by the pages, the JSON API and the xlsx import. A record outside
/// the caller's scope is "not found"; a broken rule is a field error and nothing is saved.
/// </summary>
public sealed class WorkerCommands(WorkforceDbContext db, WorkerQueries queries)
{
    /// <summary>Registers a worker with a first post assignment.</summary>
    public async Task<CommandResult<Worker>> CreateAsync(UserScope scope, WorkerCreateInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        OrgUnit? community = null;
        if (input.CommunityId is { } cid)
        {
            community = await scope.Units(db).SingleOrDefaultAsync(u => u.Id == cid && u.Type == OrgUnitType.Community, ct);
        }
        var built = Build(input, community, await GradeBandsAsync(ct));
        if (!built.Succeeded)
        {
            return built;
        }
        var worker = built.Value!;
        if (await db.WorkersByIdCard(worker.IdCard).AnyAsync(ct))
        {
            return CommandResult<Worker>.Fail(nameof(input.IdCardNumber), "Validation.IdCardExists");
        }
        db.Workers.Add(worker);
        await db.SaveChangesAsync(ct);
        return built;
    }

    /// <summary>Every grade band version.</summary>
    internal Task<List<GradeBand>> GradeBandsAsync(CancellationToken ct) => db.GradeBands.AsNoTracking().ToListAsync(ct);

    /// <summary>
    /// Builds a worker from input without touching the database: parses every field, collects each
    /// field's error, then applies the domain rules. The importer calls this for every row.
    /// </summary>
    internal static CommandResult<Worker> Build(WorkerCreateInput input, OrgUnit? community, IReadOnlyList<GradeBand> bands)
    {
        var errors = new List<FieldError>();
        var (id, phone) = ParseNumbers(input, errors);
        if (community is null)
        {
            errors.Add(new FieldError(nameof(input.CommunityId), "Validation.CommunityNotFound"));
        }
        if (input.Name is null || input.Education is null || input.PoliticalStatus is null || input.HireDate is null || input.Post is null || input.Grade is null)
        {
            errors.Add(new FieldError(null, "Validation.Incomplete"));
        }
        if (errors.Count > 0)
        {
            return CommandResult<Worker>.Fail([.. errors]);
        }
        try
        {
            var hire = LocalDate.FromDateOnly(input.HireDate!.Value);
            var worker = Worker.Register(input.Name!, id, phone, input.Education!.Value, input.PoliticalStatus!.Value, hire, community!);
            var start = input.AssignmentStart is { } s ? LocalDate.FromDateOnly(s) : hire;
            worker.AssignPost(input.Post!.Value, new Grade(input.Grade!.Value), community!, start, bands);
            return CommandResult<Worker>.Ok(worker);
        }
        catch (DomainException ex)
        {
            return CommandResult<Worker>.Fail(Refusal(ex));
        }
    }

    /// <summary>Corrects a worker's personal details; null when outside scope.</summary>
    public async Task<CommandResult<Worker>?> UpdateAsync(UserScope scope, long id, WorkerProfileInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var worker = await Tracked(scope, id, ct);
        if (worker is null)
        {
            return null;
        }
        // The form shows masked numbers; a field still holding its masked value keeps the stored number.
        if (input.IdCardNumber == worker.IdCard.Masked)
        {
            input.IdCardNumber = worker.IdCard.Value;
        }
        if (worker.Phone is { } stored && input.Phone == stored.Masked)
        {
            input.Phone = stored.Value;
        }
        var errors = new List<FieldError>();
        var (idCard, phone) = ParseNumbers(input, errors);
        if (errors.Count > 0)
        {
            return CommandResult<Worker>.Fail([.. errors]);
        }
        if (idCard != worker.IdCard && await db.WorkersByIdCard(idCard).AnyAsync(w => w.Id != id, ct))
        {
            return CommandResult<Worker>.Fail(nameof(input.IdCardNumber), "Validation.IdCardExists");
        }
        return await SaveAsync(worker, () => worker.UpdateProfile(input.Name!, idCard, phone, input.Education!.Value, input.PoliticalStatus!.Value, LocalDate.FromDateOnly(input.HireDate!.Value)), ct);
    }

    /// <summary>Starts a new post assignment (post change or re-grading); null when the worker is outside scope.</summary>
    public async Task<CommandResult<Worker>?> AssignPostAsync(UserScope scope, long id, AssignPostInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var worker = await Tracked(scope, id, ct);
        if (worker is null)
        {
            return null;
        }
        var community = await scope.Units(db).SingleOrDefaultAsync(u => u.Id == input.CommunityId && u.Type == OrgUnitType.Community, ct);
        if (community is null)
        {
            return CommandResult<Worker>.Fail(nameof(input.CommunityId), "Validation.CommunityNotFound");
        }
        var bands = await GradeBandsAsync(ct);
        return await SaveAsync(worker, () =>
        {
            var assignment = worker.AssignPost(input.Post!.Value, new Grade(input.Grade!.Value), community, LocalDate.FromDateOnly(input.AssignmentStart!.Value), bands);
            if (!string.IsNullOrWhiteSpace(input.Reason))
            {
                assignment.Explain(StoredMessages.Serialize([new Message(StoredMessages.VerbatimKey, input.Reason.Trim())])!);
            }
        }, ct);
    }

    /// <summary>Makes the worker a grid's grid worker; null when the worker is outside scope.</summary>
    public async Task<CommandResult<Worker>?> AssignGridAsync(UserScope scope, long id, AssignGridInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var worker = await Tracked(scope, id, ct);
        if (worker is null)
        {
            return null;
        }
        var grid = await scope.Units(db).SingleOrDefaultAsync(u => u.Id == input.GridId && u.Type == OrgUnitType.Grid, ct);
        if (grid is null)
        {
            return CommandResult<Worker>.Fail(nameof(input.GridId), "Validation.GridNotFound");
        }
        return await SaveAsync(worker, () => worker.AssignGrid(grid, LocalDate.FromDateOnly(input.AssignmentStart!.Value)), ct);
    }

    /// <summary>
    /// The unmasked ID-card and phone numbers of a worker, for a user holding the permission; null when
    /// not permitted or outside scope. Every call writes an audit row before anything is returned.
    /// </summary>
    public async Task<(string IdCard, string? Phone)?> RevealAsync(UserScope scope, long id, CancellationToken ct)
    {
        if (!scope.CanViewPersonalData)
        {
            return null;
        }
        var row = await scope.Workers(db).AsNoTracking().Where(w => w.Id == id).Select(w => new { w.IdCard, w.Phone }).SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        db.RecordAuditEvent("ViewPersonalData", "Worker", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "IdCard,Phone");
        await db.SaveChangesAsync(ct);
        return (row.IdCard.Value, row.Phone?.Value);
    }

    /// <summary>
    /// Records that an export carried unmasked ID and phone numbers (the unmasking permission is required; the caller checks it first):
    /// one audit entry naming the number of rows and the filter.
    /// </summary>
    public async Task RecordPersonalDataExportAsync(UserScope scope, int rows, string filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.CanViewPersonalData)
        {
            throw new InvalidOperationException("An export with unmasked numbers needs the unmasking permission.");
        }
        db.RecordAuditEvent("ExportPersonalData", "Worker", "*", $"{rows} rows; {filter}");
        await db.SaveChangesAsync(ct);
    }

    private Task<Worker?> Tracked(UserScope scope, long id, CancellationToken ct) => queries.Loaded(scope).SingleOrDefaultAsync(w => w.Id == id, ct);

    private async Task<CommandResult<Worker>> SaveAsync(Worker worker, Action change, CancellationToken ct)
    {
        try
        {
            change();
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return CommandResult<Worker>.Fail(Refusal(ex));
        }
        await db.SaveChangesAsync(ct);
        return CommandResult<Worker>.Ok(worker);
    }

    private static (IdCardNumber IdCard, PhoneNumber? Phone) ParseNumbers(WorkerProfileInput input, List<FieldError> errors)
        => (Parse(() => IdCardNumber.Parse(input.IdCardNumber), errors),
            string.IsNullOrWhiteSpace(input.Phone) ? null : Parse(() => PhoneNumber.Parse(input.Phone), errors));

    private static T Parse<T>(Func<T> parse, List<FieldError> errors) where T : struct
    {
        try
        {
            return parse();
        }
        catch (DomainException ex)
        {
            errors.Add(Refusal(ex));
            return default;
        }
    }

    // The domain names the assignment's first day "Start"; the forms call it AssignmentStart.
    private static FieldError Refusal(DomainException ex) => new(ex.Field == "Start" ? nameof(WorkerCreateInput.AssignmentStart) : ex.Field, ex.ToMessage());
}
