using Microsoft.EntityFrameworkCore;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Policy;
using Workforce.Domain.Workers;
using Workforce.Application.Common;

namespace Workforce.Application.Organisation;

/// <summary>A community below the staffing standard.</summary>
public sealed record StaffingShortfall(long CommunityId, string Name, string? StreetName, int Residents, int Workers, int Required);

/// <summary>A grid with no grid worker today.</summary>
public sealed record UncoveredGrid(long GridId, string Name, string CommunityName);

/// <summary>The dashboard's figures for one scope, as of one day.</summary>
public sealed class DashboardFigures
{
    /// <summary>Date the figures are for.</summary>
    public NodaTime.LocalDate AsOf { get; init; }
    /// <summary>Scope unit's name.</summary>
    public string ScopeName { get; init; } = string.Empty;
    /// <summary>Active workers.</summary>
    public int Workers { get; init; }
    /// <summary>Active workers by current post.</summary>
    public IReadOnlyDictionary<Post, int> ByPost { get; init; } = new Dictionary<Post, int>();
    /// <summary>Communities in scope.</summary>
    public int Communities { get; init; }
    /// <summary>Residents in scope.</summary>
    public long Residents { get; init; }
    /// <summary>Staffing standard in force (workers per 10,000 residents).</summary>
    public decimal StaffingStandard { get; init; }
    /// <summary>Workers per 10,000 residents across the scope.</summary>
    public decimal WorkersPer10k { get; init; }
    /// <summary>Communities below the standard, worst first.</summary>
    public IReadOnlyList<StaffingShortfall> BelowStandard { get; init; } = [];
    /// <summary>Grids in scope.</summary>
    public int Grids { get; init; }
    /// <summary>Grids with no grid worker.</summary>
    public IReadOnlyList<UncoveredGrid> UncoveredGrids { get; init; } = [];
    /// <summary>Age limit for "young".</summary>
    public int YoungAgeLimit { get; init; }
    /// <summary>Active workers under <see cref="YoungAgeLimit"/>.</summary>
    public int Young { get; init; }
    /// <summary>Active workers with college education (大专) or higher.</summary>
    public int CollegeOrHigher { get; init; }
    /// <summary>Active party members (incl. probationary).</summary>
    public int PartyMembers { get; init; }
    /// <summary>Active workers holding a social-work certificate.</summary>
    public int Certified { get; init; }

    /// <summary>Share as a percentage with one decimal.</summary>
    public decimal Share(int part) => Workers == 0 ? 0 : Math.Round(100m * part / Workers, 1, MidpointRounding.AwayFromZero);
}

/// <summary>Computes <see cref="DashboardFigures"/> for the user's scope.</summary>
public sealed class DashboardQueries(WorkforceDbContext db, BusinessCalendar calendar)
{
    /// <summary>The figures for <paramref name="scope"/> today.</summary>
    public async Task<DashboardFigures> ComputeAsync(UserScope scope, CancellationToken ct)
    {
        var today = calendar.Today;
        var parameters = await db.PolicyParameters.AsNoTracking().ToListAsync(ct);
        var standard = parameters.Where(p => p.Code == PolicyParameter.StaffingPer10kResidents).InForce(today)?.Value ?? 0m;
        var youngLimit = (int)(parameters.Where(p => p.Code == PolicyParameter.YoungWorkerAgeLimit).InForce(today)?.Value ?? 40m);

        var units = scope.Units(db).AsNoTracking();
        var active = scope.Workers(db).AsNoTracking().NotLeftBy(today).Where(w => w.HireDate <= today);

        var byPost = await active
            .SelectMany(w => w.PostAssignments.Where(a => a.Start <= today && (a.End == null || a.End >= today)))
            .GroupBy(a => a.Post).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var total = await active.CountAsync(ct);
        var youngBorn = today.PlusYears(-youngLimit);
        var young = await active.CountAsync(w => w.BirthDate > youngBorn, ct);
        var college = await active.CountAsync(w => w.Education >= Education.College, ct);
        var party = await active.CountAsync(w => w.PoliticalStatus == PoliticalStatus.PartyMember || w.PoliticalStatus == PoliticalStatus.ProbationaryPartyMember, ct);
        var certified = await active.CountAsync(w => w.Certificates.Any(c => c.Level != Domain.Certification.CertificateLevel.Other), ct);

        var perCommunity = await active.GroupBy(w => w.OrgUnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var communities = await units.Where(u => u.Type == OrgUnitType.Community)
            .Select(u => new { u.Id, u.Name, u.Residents, Street = db.OrgUnits.Where(p => p.Id == u.ParentId).Select(p => p.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var shortfalls = communities
            .Select(c => new StaffingShortfall(c.Id, c.Name, c.Street, c.Residents ?? 0, perCommunity.GetValueOrDefault(c.Id), (int)Math.Ceiling((c.Residents ?? 0) * standard / 10_000m)))
            .Where(s => s.Workers < s.Required)
            .OrderByDescending(s => s.Required - s.Workers).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var residents = communities.Sum(c => (long)(c.Residents ?? 0));

        var grids = units.Where(u => u.Type == OrgUnitType.Grid);
        var gridCount = await grids.CountAsync(ct);
        var uncovered = await grids
            .Where(g => !db.GridAssignments.Any(a => a.GridId == g.Id && a.Start <= today && (a.End == null || a.End >= today)))
            .OrderBy(g => g.Code)
            .Select(g => new UncoveredGrid(g.Id, g.Name, db.OrgUnits.Where(p => p.Id == g.ParentId).Select(p => p.Name).FirstOrDefault() ?? string.Empty))
            .ToListAsync(ct);
        var scopeName = await units.Where(u => u.Id == scope.OrgUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? string.Empty;

        return new DashboardFigures
        {
            AsOf = today,
            ScopeName = scopeName,
            Workers = total,
            ByPost = Enum.GetValues<Post>().ToDictionary(p => p, p => byPost.FirstOrDefault(x => x.Key == p)?.Count ?? 0),
            Communities = communities.Count,
            Residents = residents,
            StaffingStandard = standard,
            WorkersPer10k = residents == 0 ? 0 : Math.Round(total * 10_000m / residents, 1, MidpointRounding.AwayFromZero),
            BelowStandard = shortfalls,
            Grids = gridCount,
            UncoveredGrids = uncovered,
            YoungAgeLimit = youngLimit,
            Young = young,
            CollegeOrHigher = college,
            PartyMembers = party,
            Certified = certified,
        };
    }
}
