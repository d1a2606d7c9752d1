using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Workers;

/// <summary>
/// Use cases of the worker registry, shared by the pages, the JSON API and the xlsx import.
/// Every query starts from the caller's <see cref="UserScope"/>, so nothing outside it is ever read.
/// </summary>
public sealed class WorkerService(WorkforceDbContext db, BusinessCalendar calendar, UiText text)
{
    /// <summary>Workers in scope matching the filter, ordered by name, projected to rows (not paged; for exports).</summary>
    public async Task<IQueryable<WorkerListRow>> QueryAsync(UserScope scope, WorkerFilter filter, CancellationToken ct)
        => Project((await FilterAsync(scope, filter, ct)).OrderBy(w => w.Name).ThenBy(w => w.Id));

    /// <summary>Workers in scope matching the filter.</summary>
    private async Task<IQueryable<Worker>> FilterAsync(UserScope scope, WorkerFilter filter, CancellationToken ct)
    {
        var today = calendar.Today;
        var q = scope.Workers(db).AsNoTracking();
        if (filter.OrgUnitId is { } unitId)
        {
            var path = await scope.Units(db).Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct);
            q = path is null ? q.Where(w => false) : q.UnderPath(db, path);
        }
        q = filter.Status switch
        {
            EmploymentFilter.Active => q.NotLeftBy(today),
            EmploymentFilter.Left => q.Where(w => w.LeaveDate != null && w.LeaveDate < today),
            _ => q,
        };
        // Post and grade are matched on the same current assignment, in one EXISTS.
        var grade = filter.Grade is { } g && g >= 1 ? new Grade(g) : (Grade?)null;
        q = (filter.Post, grade) switch
        {
            ({ } p, { } gr) => q.Where(w => w.PostAssignments.Any(a => a.Start <= today && (a.End == null || a.End >= today) && a.Post == p && a.Grade == gr)),
            ({ } p, null) => q.Where(w => w.PostAssignments.Any(a => a.Start <= today && (a.End == null || a.End >= today) && a.Post == p)),
            (null, { } gr) => q.Where(w => w.PostAssignments.Any(a => a.Start <= today && (a.End == null || a.End >= today) && a.Grade == gr)),
            _ => q,
        };
        if (filter.Education is { } edu)
        {
            q = q.Where(w => w.Education == edu);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var term = filter.Q.Trim();
            q = IdCardNumber.TryParse(term, out var id, out _) ? db.WithIdCard(q, id) : q.Where(w => w.Name.Contains(term));
        }
        return q;
    }

    private IQueryable<WorkerListRow> Project(IQueryable<Worker> workers)
    {
        var today = calendar.Today;
        return workers.Select(w => new WorkerListRow
        {
            Id = w.Id,
            Name = w.Name,
            IdCard = w.IdCard,
            Phone = w.Phone,
            Education = w.Education,
            PoliticalStatus = w.PoliticalStatus,
            HireDate = w.HireDate,
            LeaveDate = w.LeaveDate,
            OrgUnitId = w.OrgUnitId,
            OrgUnitName = db.OrgUnits.Where(u => u.Id == w.OrgUnitId).Select(u => u.Name).FirstOrDefault(),
            // Scalar subqueries (not an entity): one indexed look-up per row of the page.
            CurrentPost = w.PostAssignments.Where(a => a.Start <= today && (a.End == null || a.End >= today)).Select(a => (Post?)a.Post).FirstOrDefault(),
            CurrentGrade = w.PostAssignments.Where(a => a.Start <= today && (a.End == null || a.End >= today)).Select(a => (Grade?)a.Grade).FirstOrDefault(),
        });
    }

    /// <summary>One page of <see cref="QueryAsync"/>.</summary>
    public async Task<PagedResult<WorkerListRow>> SearchAsync(UserScope scope, WorkerFilter filter, CancellationToken ct)
    {
        var q = await FilterAsync(scope, filter, ct);
        var total = await q.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Max(1, filter.Page);
        // Two phases: sort and page only ids (index-only on (OrgUnitId, LeaveDate, Name)), then
        // decrypt and look up details for the page's rows alone.
        var ids = await q.OrderBy(w => w.Name).ThenBy(w => w.Id).Skip((page - 1) * size).Take(size).Select(w => w.Id).ToListAsync(ct);
        var rows = await Project(db.Workers.AsNoTracking().Where(w => ids.Contains(w.Id))).ToListAsync(ct);
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return new PagedResult<WorkerListRow>([.. rows.OrderBy(r => order[r.Id])], total, page, size);
    }

    /// <summary>A worker in scope with history and certificates, or null (outside scope looks the same as missing).</summary>
    public Task<Worker?> FindAsync(UserScope scope, long id, CancellationToken ct, bool tracking = false)
    {
        var q = scope.Workers(db).Include(w => w.PostAssignments).Include(w => w.GridAssignments).Include(w => w.Certificates).AsSplitQuery();
        return (tracking ? q : q.AsNoTracking()).SingleOrDefaultAsync(w => w.Id == id, ct);
    }

    /// <summary>Communities in scope, for pickers and import look-ups.</summary>
    public Task<List<OrgUnit>> CommunitiesAsync(UserScope scope, CancellationToken ct)
        => scope.Units(db).AsNoTracking().Where(u => u.Type == OrgUnitType.Community).OrderBy(u => u.Code).ToListAsync(ct);

    /// <summary>Grade bands of every post and version.</summary>
    public Task<List<GradeBand>> GradeBandsAsync(CancellationToken ct) => db.GradeBands.AsNoTracking().ToListAsync(ct);

    /// <summary>Registers a worker with a first post assignment.</summary>
    public async Task<CommandResult<Worker>> CreateAsync(UserScope scope, WorkerCreateInput input, CancellationToken ct)
    {
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
            return CommandResult<Worker>.Fail(new FieldError(nameof(input.IdCardNumber), text["Validation.IdCardExists"]));
        }
        db.Workers.Add(worker);
        await db.SaveChangesAsync(ct);
        return built;
    }

    /// <summary>
    /// Builds a worker from input without touching the database: parses every field, collects each
    /// field's error, then applies the domain rules. The importer calls this for every row.
    /// </summary>
    public CommandResult<Worker> Build(WorkerCreateInput input, OrgUnit? community, IReadOnlyList<GradeBand> bands)
    {
        var errors = new List<FieldError>();
        var (id, phone) = ParseNumbers(input, errors);
        if (community is null)
        {
            errors.Add(new FieldError(nameof(input.CommunityId), text["Validation.CommunityNotFound"]));
        }
        if (input.Name is null || input.Education is null || input.PoliticalStatus is null || input.HireDate is null || input.Post is null || input.Grade is null)
        {
            errors.Add(new FieldError(null, text["Validation.Incomplete"]));
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
            var post = input.Post!.Value;
            if (BandInForce(bands, post, start, out var missing) is not { } band)
            {
                return CommandResult<Worker>.Fail(missing!);
            }
            worker.AssignPost(post, new Grade(input.Grade!.Value), community!, start, band);
            return CommandResult<Worker>.Ok(worker);
        }
        catch (DomainException ex)
        {
            return CommandResult<Worker>.Fail(new FieldError(MapField(ex.Field), text.Domain(ex)));
        }
    }

    /// <summary>Corrects a worker's personal details.</summary>
    public async Task<CommandResult<Worker>> UpdateAsync(UserScope scope, long id, WorkerProfileInput input, CancellationToken ct)
    {
        var worker = await FindAsync(scope, id, ct, tracking: true);
        if (worker is null)
        {
            return CommandResult<Worker>.Fail(new FieldError(null, text["Error.NotFound"]));
        }
        var errors = new List<FieldError>();
        var (idCard, phone) = ParseNumbers(input, errors);
        if (errors.Count > 0)
        {
            return CommandResult<Worker>.Fail([.. errors]);
        }
        if (idCard != worker.IdCard && await db.WorkersByIdCard(idCard).AnyAsync(w => w.Id != id, ct))
        {
            return CommandResult<Worker>.Fail(new FieldError(nameof(input.IdCardNumber), text["Validation.IdCardExists"]));
        }
        return await SaveAsync(worker, () => worker.UpdateProfile(input.Name!, idCard, phone, input.Education!.Value, input.PoliticalStatus!.Value, LocalDate.FromDateOnly(input.HireDate!.Value)), ct);
    }

    /// <summary>Starts a new post assignment (post change or re-grading).</summary>
    public async Task<CommandResult<Worker>> AssignPostAsync(UserScope scope, long id, AssignPostInput input, CancellationToken ct)
    {
        var worker = await FindAsync(scope, id, ct, tracking: true);
        var community = await scope.Units(db).SingleOrDefaultAsync(u => u.Id == input.CommunityId && u.Type == OrgUnitType.Community, ct);
        if (worker is null || community is null)
        {
            return CommandResult<Worker>.Fail(new FieldError(worker is null ? null : nameof(input.CommunityId), text[worker is null ? "Error.NotFound" : "Validation.CommunityNotFound"]));
        }
        var start = LocalDate.FromDateOnly(input.AssignmentStart!.Value);
        if (BandInForce(await GradeBandsAsync(ct), input.Post!.Value, start, out var missing) is not { } band)
        {
            return CommandResult<Worker>.Fail(missing!);
        }
        return await SaveAsync(worker, () => worker.AssignPost(input.Post!.Value, new Grade(input.Grade!.Value), community, start, band), ct);
    }

    /// <summary>Makes the worker a grid's grid worker.</summary>
    public async Task<CommandResult<Worker>> AssignGridAsync(UserScope scope, long id, AssignGridInput input, CancellationToken ct)
    {
        var worker = await FindAsync(scope, id, ct, tracking: true);
        var grid = await scope.Units(db).SingleOrDefaultAsync(u => u.Id == input.GridId && u.Type == OrgUnitType.Grid, ct);
        if (worker is null || grid is null)
        {
            return CommandResult<Worker>.Fail(new FieldError(worker is null ? null : nameof(input.GridId), text[worker is null ? "Error.NotFound" : "Validation.GridNotFound"]));
        }
        return await SaveAsync(worker, () => worker.AssignGrid(grid, LocalDate.FromDateOnly(input.AssignmentStart!.Value)), ct);
    }

    /// <summary>
    /// The unmasked ID-card and phone numbers of a worker, for a user holding the permission.
    /// Every call writes an audit row before anything is returned.
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

    private async Task<CommandResult<Worker>> SaveAsync(Worker worker, Action change, CancellationToken ct)
    {
        try
        {
            change();
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return CommandResult<Worker>.Fail(new FieldError(MapField(ex.Field), text.Domain(ex)));
        }
        await db.SaveChangesAsync(ct);
        return CommandResult<Worker>.Ok(worker);
    }

    private (IdCardNumber IdCard, PhoneNumber? Phone) ParseNumbers(WorkerProfileInput input, List<FieldError> errors)
        => (Parse(() => IdCardNumber.Parse(input.IdCardNumber), errors),
            string.IsNullOrWhiteSpace(input.Phone) ? null : Parse(() => PhoneNumber.Parse(input.Phone), errors));

    private GradeBand? BandInForce(IEnumerable<GradeBand> bands, Post post, LocalDate start, out FieldError? missing)
    {
        var band = bands.Where(b => b.Post == post).InForce(start);
        missing = band is null ? new FieldError(nameof(AssignPostInput.Post), text.Format("Validation.NoGradeBand", post, start)) : null;
        return band;
    }

    private T Parse<T>(Func<T> parse, List<FieldError> errors) where T : struct
    {
        try
        {
            return parse();
        }
        catch (DomainException ex)
        {
            errors.Add(new FieldError(MapField(ex.Field), text.Domain(ex)));
            return default;
        }
    }

    private static string? MapField(string? domainField) => domainField switch
    {
        "Start" => nameof(WorkerCreateInput.AssignmentStart),
        _ => domainField,
    };
}
