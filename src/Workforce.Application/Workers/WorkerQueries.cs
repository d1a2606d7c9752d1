using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Domain.Workers;

namespace Workforce.Application.Workers;

/// <summary>A worker found by the picker's look-up (personal data masked).</summary>
/// <param name="Id">Worker.</param>
/// <param name="Name">Name.</param>
/// <param name="Community">Community name.</param>
/// <param name="Post">Post held today (null: none today).</param>
/// <param name="MaskedIdNumber">Masked ID-card number.</param>
public sealed record WorkerLookupItem(long Id, string Name, string? Community, Post? Post, string MaskedIdNumber);

/// <summary>A worker's page: the worker with history and certificates, and the names of the units it mentions.</summary>
/// <param name="Worker">The worker.</param>
/// <param name="UnitNames">Names of its communities and grids.</param>
public sealed record WorkerDetails(Worker Worker, IReadOnlyDictionary<long, string> UnitNames);

/// <summary>
/// Reads of the worker registry for the pages, the JSON API, exports and pickers. Every query starts
/// from the caller's <see cref="UserScope"/>, so nothing outside it is ever read.
/// </summary>
/// <remarks>Without a <see cref="WorkerDirectory"/> every list is answered by the database (the reference the directory is tested against).</remarks>
public sealed class WorkerQueries(WorkforceDbContext db, BusinessCalendar calendar, WorkerDirectory? directory = null)
{
    /// <summary>Largest look-up answer.</summary>
    public const int MaxLookup = 50;

    /// <summary>Workers in scope matching the filter, ordered by name, streamed (not paged; for exports).</summary>
    public async IAsyncEnumerable<WorkerListRow> ExportAsync(UserScope scope, WorkerFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var rows = Project(Sorted(await FilterAsync(scope, filter, ct), filter.Sort));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    /// <summary>One page of the workers in scope matching the filter, by name.</summary>
    public async Task<PagedResult<WorkerListRow>> SearchAsync(UserScope scope, WorkerFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Max(1, filter.Page);
        int total;
        IReadOnlyList<long> ids;
        if (directory is not null && scope.IsOfficer && !IsNumberTerm(filter.Q?.Trim()))
        {
            // The directory answers the count and the page's ids from memory (at most one build per registry change).
            var snapshot = await directory.CurrentAsync(db, ct);
            (total, ids) = snapshot.Page(DirectoryQueryOf(scope, snapshot, filter), (int)Math.Min(int.MaxValue, (page - 1L) * size), size);
        }
        else
        {
            // A number searched by (decrypted tails, the keyed hash) or a trainee's own row: the database.
            var q = await FilterAsync(scope, filter, ct);
            total = await q.CountAsync(ct);
            ids = await Sorted(q, filter.Sort).Skip((page - 1) * size).Take(size).Select(w => w.Id).ToListAsync(ct);
        }
        // Only the page's rows are read in full (and their personal data decrypted).
        var rows = await Project(db.Workers.AsNoTracking().Where(w => EF.Parameter(ids).Contains(w.Id))).ToListAsync(ct);
        return new PagedResult<WorkerListRow>(rows.InOrderOf(ids, r => r.Id), total, page, size);
    }

    // A term the database must answer: a full ID-card number (keyed hash) or 4–17 digits (decrypted tails).
    private static bool IsNumberTerm(string? term) =>
        !string.IsNullOrEmpty(term) && (IdCardNumber.TryParse(term, out _, out _) || (term.Length is >= 4 and <= 17 && term.All(c => char.IsAsciiDigit(c) || c is 'x' or 'X')));

    // The list's filters as the directory's values: ages and years of service as date bounds on the business day.
    private DirectoryQuery DirectoryQueryOf(UserScope scope, WorkerDirectory.Snapshot snapshot, WorkerFilter filter)
    {
        var today = calendar.Today;
        string? unitPath = null;
        if (filter.OrgUnitId is { } unitId)
        {
            // A unit outside the scope (or unknown) selects nobody, as before: a path no unit has.
            var path = snapshot.PathOf(unitId);
            unitPath = path is not null && path.StartsWith(scope.OrgPath!, StringComparison.Ordinal) ? path : "\u0000";
        }
        var dates = filter.DateBounds(today);
        return new DirectoryQuery(scope.OrgPath!, unitPath, filter.Status, filter.Post, filter.Grade is { } g && g >= 1 ? g : null, filter.Education, filter.PoliticalStatus,
            dates.BornOnOrBefore, dates.BornAfter, dates.HiredOnOrBefore, dates.HiredAfter, string.IsNullOrWhiteSpace(filter.Q) ? null : filter.Q.Trim(), filter.Sort, today);
    }

    /// <summary>
    /// The picker's look-up among serving workers in scope: by name (contains), by the last digits of the ID-card
    /// number (4–18 digits or X, through the keyed hash for a full number, else the masked tail), or by community
    /// name; at most <paramref name="take"/> (≤ <see cref="MaxLookup"/>), by name.
    /// </summary>
    public async Task<IReadOnlyList<WorkerLookupItem>> LookupAsync(UserScope scope, string? q, int take, CancellationToken ct)
    {
        var term = q?.Trim();
        if (string.IsNullOrEmpty(term) || term.Length > 40)
        {
            return [];
        }
        take = Math.Clamp(take, 1, MaxLookup);
        var today = calendar.Today;
        IQueryable<Worker> matches;
        if (directory is not null && scope.IsOfficer && !IsNumberTerm(term))
        {
            var snapshot = await directory.CurrentAsync(db, ct);
            var (_, ids) = snapshot.Page(new DirectoryQuery(scope.OrgPath!, null, EmploymentFilter.Active, null, null, null, null, null, null, null, null, term, null, today), 0, take);
            matches = db.Workers.AsNoTracking().Where(w => EF.Parameter(ids).Contains(w.Id));
        }
        else
        {
            matches = await MatchingAsync(scope.Workers(db).AsNoTracking().NotLeftBy(today), term, take, ct);
        }
        var rows = await matches.OrderBy(w => w.Name).ThenBy(w => w.Id).Take(take)
            .Select(w => new
            {
                w.Id,
                w.Name,
                w.IdCard,
                Community = db.OrgUnits.Where(u => u.Id == w.OrgUnitId).Select(u => u.Name).FirstOrDefault(),
                Post = w.CurrentPost,
            }).ToListAsync(ct);
        return [.. rows.Select(r => new WorkerLookupItem(r.Id, r.Name, r.Community, r.Post, r.IdCard.Masked))];
    }

    /// <summary>A worker in scope with history and certificates, or null (outside scope looks the same as missing).</summary>
    public Task<Worker?> FindAsync(UserScope scope, long id, CancellationToken ct)
        => Loaded(scope).AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct);

    /// <summary>A worker in scope with the names of the units its history mentions, or null.</summary>
    public async Task<WorkerDetails?> DetailsAsync(UserScope scope, long id, CancellationToken ct)
    {
        var worker = await FindAsync(scope, id, ct);
        if (worker is null)
        {
            return null;
        }
        var unitIds = worker.PostAssignments.Select(a => a.CommunityId).Append(worker.OrgUnitId).Concat(worker.GridAssignments.Select(g => g.GridId)).Distinct().ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return new WorkerDetails(worker, names);
    }

    /// <summary>The name of a worker in scope, or null.</summary>
    public Task<string?> NameAsync(UserScope scope, long id, CancellationToken ct)
        => scope.Workers(db).AsNoTracking().Where(w => w.Id == id).Select(w => w.Name).SingleOrDefaultAsync(ct);

    internal IQueryable<Worker> Loaded(UserScope scope)
        => scope.Workers(db).Include(w => w.PostAssignments).Include(w => w.GridAssignments).Include(w => w.Certificates).AsSplitQuery();

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
        // Post and grade are the stored columns of the latest assignment (kept in step by Worker; indexed).
        if (filter.Post is { } p)
        {
            q = q.Where(w => w.CurrentPost == p);
        }
        if (filter.Grade is { } g && g >= 1)
        {
            q = q.Where(w => w.CurrentGrade == g);
        }
        if (filter.Education is { } edu)
        {
            q = q.Where(w => w.Education == edu);
        }
        if (filter.PoliticalStatus is { } political)
        {
            q = q.Where(w => w.PoliticalStatus == political);
        }
        var dates = filter.DateBounds(today);
        if (dates.BornOnOrBefore is { } bornTo)
        {
            q = q.Where(w => w.BirthDate <= bornTo);
        }
        if (dates.BornAfter is { } bornFrom)
        {
            q = q.Where(w => w.BirthDate > bornFrom);
        }
        if (dates.HiredOnOrBefore is { } hiredTo)
        {
            q = q.Where(w => w.HireDate <= hiredTo);
        }
        if (dates.HiredAfter is { } hiredFrom)
        {
            q = q.Where(w => w.HireDate > hiredFrom);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            q = await MatchingAsync(q, filter.Q.Trim(), MaxTailMatches, ct);
        }
        return q;
    }

    /// <summary>Most workers a number tail may find (the search reads the scope's decrypted numbers; the list shows the first ones).</summary>
    public const int MaxTailMatches = 1_000;

    /// <summary>
    /// Workers of <paramref name="workers"/> a search term finds: a full ID-card number (through the keyed hash); 4–17 digits as the
    /// tail of an ID-card number or of a phone number (both are encrypted, so the scope's numbers are decrypted and compared, at most
    /// <paramref name="limit"/> found); otherwise part of the name or of the community's name.
    /// </summary>
    private async Task<IQueryable<Worker>> MatchingAsync(IQueryable<Worker> workers, string term, int limit, CancellationToken ct)
    {
        if (IdCardNumber.TryParse(term, out var full, out _))
        {
            return db.WithIdCard(workers, full);
        }
        if (term.Length is >= 4 and <= 17 && term.All(c => char.IsAsciiDigit(c) || c is 'x' or 'X'))
        {
            var tail = term.ToUpperInvariant();
            var candidates = await workers.Select(w => new { w.Id, w.IdCard, w.Phone }).ToListAsync(ct);
            var ids = candidates.Where(c => c.IdCard.Value.EndsWith(tail, StringComparison.Ordinal) || (c.Phone is { } phone && phone.Value.EndsWith(tail, StringComparison.Ordinal)))
                .Select(c => c.Id).Take(limit).ToList();
            return workers.Where(w => ids.Contains(w.Id));
        }
        return workers.Where(w => w.Name.Contains(term) || db.OrgUnits.Any(u => u.Id == w.OrgUnitId && u.Name.Contains(term)));
    }

    /// <summary>The list's order: a sortable column (descending with '-'), then name and id so pages never overlap.</summary>
    private IQueryable<Worker> Sorted(IQueryable<Worker> q, string? sort) =>
        q.SortBy(sort, SortColumns, "name").ThenBy(w => w.Name).ThenBy(w => w.Id);

    // The worker list's sortable columns (WorkerFilter.Sort); the community by its name.
    private Dictionary<string, System.Linq.Expressions.Expression<Func<Worker, object?>>> SortColumns => new(StringComparer.Ordinal)
    {
        ["name"] = w => w.Name,
        ["community"] = w => db.OrgUnits.Where(u => u.Id == w.OrgUnitId).Select(u => u.Name).FirstOrDefault(),
        ["post"] = w => w.CurrentPost,
        ["grade"] = w => w.CurrentGrade,
        ["hireDate"] = w => w.HireDate,
        ["birthDate"] = w => w.BirthDate,
        ["education"] = w => w.Education,
    };

    private IQueryable<WorkerListRow> Project(IQueryable<Worker> workers)
    {
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
            OrgUnitCode = db.OrgUnits.Where(u => u.Id == w.OrgUnitId).Select(u => u.Code).FirstOrDefault(),
            AssignmentStart = w.PostAssignments.OrderByDescending(a => a.Start).Select(a => (NodaTime.LocalDate?)a.Start).FirstOrDefault(),
            // The stored columns of the latest assignment (the same grade the registry, the lists and the payslip show).
            CurrentPost = w.CurrentPost,
            CurrentGrade = w.CurrentGrade == null ? null : new Grade(w.CurrentGrade.Value),
        });
    }
}
