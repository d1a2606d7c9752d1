using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Application.Recruitment;
using Workforce.Application.Training;
using Workforce.Application.Workers;
using Workforce.Data;
using Workforce.Domain.Organisation;
using Workforce.Domain.Recruitment;

namespace Workforce.Application.Organisation;

/// <summary>A unit found by the search.</summary>
public sealed record UnitHit(long Id, string Name, OrgUnitType Type, string? Parent);

/// <summary>A recruitment round or a training camp found by the search.</summary>
public sealed record NamedHit(long Id, string Name, string Unit);

/// <summary>What the top bar's search found, by kind (each kind at most <see cref="GlobalSearch.PerKind"/>).</summary>
public sealed record SearchHits(string Term, IReadOnlyList<WorkerLookupItem> People, IReadOnlyList<UnitHit> Units, IReadOnlyList<NamedHit> Rounds, IReadOnlyList<NamedHit> Camps)
{
    /// <summary>Nothing found.</summary>
    public bool IsEmpty => People.Count == 0 && Units.Count == 0 && Rounds.Count == 0 && Camps.Count == 0;
}

/// <summary>
/// The top bar's search across the officer's scope: serving people (as the person picker finds them: part of a name, an ID or phone
/// tail, a community), units (streets, communities, grids) by name, and, for talent officers, recruitment rounds and training camps.
/// </summary>
public sealed class GlobalSearch(WorkforceDbContext db, WorkerQueries workers, RecruitmentQueries recruitment, TrainingQueries training)
{
    /// <summary>Most hits of one kind.</summary>
    public const int PerKind = 10;

    /// <summary>Searches for <paramref name="q"/> (2–40 characters); talent kinds only when <paramref name="talent"/>.</summary>
    public async Task<SearchHits> SearchAsync(UserScope scope, string? q, bool talent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var term = q?.Trim() ?? string.Empty;
        if (term.Length is < 1 or > 40 || !scope.IsOfficer)
        {
            return new SearchHits(term, [], [], [], []);
        }
        var people = await workers.LookupAsync(scope, term, PerKind, ct);
        var units = await scope.Units(db).AsNoTracking().Where(u => u.Name.Contains(term)).OrderBy(u => u.Type).ThenBy(u => u.Path).Take(PerKind)
            .Select(u => new UnitHit(u.Id, u.Name, u.Type, db.OrgUnits.Where(p => p.Id == u.ParentId).Select(p => p.Name).FirstOrDefault())).ToListAsync(ct);
        List<NamedHit> rounds = [], camps = [];
        if (talent)
        {
            rounds = await recruitment.Rounds(scope).AsNoTracking().Where(r => r.Name.Contains(term)).OrderByDescending(r => r.AnnouncedOn).Take(PerKind)
                .Select(r => new NamedHit(r.Id, r.Name, db.OrgUnits.Where(u => u.Id == r.OrgUnitId).Select(u => u.Name).First())).ToListAsync(ct);
            camps = await training.Camps(scope).AsNoTracking().Where(c => c.Name.Contains(term)).OrderByDescending(c => c.Start).Take(PerKind)
                .Select(c => new NamedHit(c.Id, c.Name, db.OrgUnits.Where(u => u.Id == c.OrgUnitId).Select(u => u.Name).First())).ToListAsync(ct);
        }
        return new SearchHits(term, people, units, rounds, camps);
    }
}
