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

/// <summary>A count under a key (a band or an enum value's name).</summary>
public sealed record Bucket(string Key, int Count);

/// <summary>Serving workers of one post and grade.</summary>
public sealed record PostGradeCount(Post Post, int Grade, int Count);

/// <summary>Staffing and grid coverage of one street (or of the unit directly below the scope).</summary>
public sealed record StreetStaffing(long Id, string Name, long Residents, int Workers, decimal Per10k, int Required, int Grids, int CoveredGrids);

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
    /// <summary>When the figures were computed (they are kept for a while, see <see cref="DashboardCache"/>).</summary>
    public NodaTime.Instant ComputedAt { get; init; }
    /// <summary>Active workers by age band (keys: under30, 30to39, 40to49, 50plus).</summary>
    public IReadOnlyList<Bucket> AgeBands { get; init; } = [];
    /// <summary>Active workers by years of service (keys: under3, 3to5, 5to10, 10to20, 20plus).</summary>
    public IReadOnlyList<Bucket> ServiceBands { get; init; } = [];
    /// <summary>Active workers by education (key: the enum name).</summary>
    public IReadOnlyList<Bucket> ByEducation { get; init; } = [];
    /// <summary>Active workers by political status (key: the enum name).</summary>
    public IReadOnlyList<Bucket> ByPoliticalStatus { get; init; } = [];
    /// <summary>Active workers by current post and grade.</summary>
    public IReadOnlyList<PostGradeCount> PostGrades { get; init; } = [];
    /// <summary>Staffing and grid coverage per unit directly below the scope.</summary>
    public IReadOnlyList<StreetStaffing> Streets { get; init; } = [];
    /// <summary>Active workers holding a certificate, by its level (key: the enum name; a worker counts once, at the highest level).</summary>
    public IReadOnlyList<Bucket> CertifiedByLevel { get; init; } = [];

    /// <summary>Share as a percentage with one decimal.</summary>
    public decimal Share(int part) => Workers == 0 ? 0 : Math.Round(100m * part / Workers, 1, MidpointRounding.AwayFromZero);
}

/// <summary>Computes <see cref="DashboardFigures"/> for the user's scope.</summary>
public sealed class DashboardQueries(WorkforceDbContext db, BusinessCalendar calendar, NodaTime.IClock clock)
{
    private static readonly int[] AgeLimits = [30, 40, 50];
    private static readonly string[] AgeKeys = ["under30", "30to39", "40to49", "50plus"];
    private static readonly int[] ServiceLimits = [3, 5, 10, 20];
    private static readonly string[] ServiceKeys = ["under3", "3to5", "5to10", "10to20", "20plus"];

    /// <summary>The figures for <paramref name="scope"/> today.</summary>
    public async Task<DashboardFigures> ComputeAsync(UserScope scope, CancellationToken ct)
    {
        var today = calendar.Today;
        var parameters = await db.PolicyParameters.AsNoTracking().ToListAsync(ct);
        var standard = parameters.Where(p => p.Code == PolicyParameter.StaffingPer10kResidents).InForce(today)?.Value ?? 0m;
        var youngLimit = (int)(parameters.Where(p => p.Code == PolicyParameter.YoungWorkerAgeLimit).InForce(today)?.Value ?? 40m);

        var units = scope.Units(db).AsNoTracking();
        var active = scope.Workers(db).AsNoTracking().NotLeftBy(today).Where(w => w.HireDate <= today);

        // One read of the few columns the structure charts need; grouped here (at 100,000 workers: one scan instead of one per figure).
        var people = await active.Select(w => new { w.OrgUnitId, w.BirthDate, w.HireDate, w.Education, w.PoliticalStatus, w.CurrentPost, w.CurrentGrade }).ToListAsync(ct);
        var total = people.Count;
        var youngBorn = today.PlusYears(-youngLimit);
        var young = people.Count(w => w.BirthDate > youngBorn);
        var college = people.Count(w => w.Education >= Education.College);
        var party = people.Count(w => w.PoliticalStatus is PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryPartyMember);
        var byPost = people.Where(w => w.CurrentPost != null).GroupBy(w => w.CurrentPost!.Value).Select(g => new { g.Key, Count = g.Count() }).ToList();
        int Years(NodaTime.LocalDate from) => NodaTime.Period.Between(from, today, NodaTime.PeriodUnits.Years).Years;
        static IReadOnlyList<Bucket> Bands(IEnumerable<int> values, int[] limits, string[] keys)
        {
            var counts = new int[keys.Length];
            foreach (var v in values)
            {
                var i = 0;
                while (i < limits.Length && v >= limits[i])
                {
                    i++;
                }
                counts[i]++;
            }
            return [.. keys.Select((k, i) => new Bucket(k, counts[i]))];
        }
        var activeIds = active.Select(w => w.Id);
        var certifiedLevels = await db.Certificates.AsNoTracking()
            .Where(c => c.Level != Domain.Certification.CertificateLevel.Other && activeIds.Contains(c.WorkerId))
            .Select(c => new { Id = c.WorkerId, c.Level }).ToListAsync(ct);
        var certifiedByLevel = certifiedLevels.GroupBy(c => c.Id).Select(g => g.Max(c => c.Level)).GroupBy(l => l).OrderBy(g => g.Key)
            .Select(g => new Bucket(g.Key.ToString(), g.Count())).ToList();
        var certified = certifiedLevels.Select(c => c.Id).Distinct().Count();
        var perCommunity = people.GroupBy(w => w.OrgUnitId).ToDictionary(g => g.Key, g => g.Count());
        var communities = await units.Where(u => u.Type == OrgUnitType.Community)
            .Select(u => new { u.Id, u.Name, u.Residents, u.ParentId, Street = db.OrgUnits.Where(p => p.Id == u.ParentId).Select(p => p.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var shortfalls = communities
            .Select(c => new StaffingShortfall(c.Id, c.Name, c.Street, c.Residents ?? 0, perCommunity.GetValueOrDefault(c.Id), (int)Math.Ceiling((c.Residents ?? 0) * standard / 10_000m)))
            .Where(s => s.Workers < s.Required)
            .OrderByDescending(s => s.Required - s.Workers).ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var residents = communities.Sum(c => (long)(c.Residents ?? 0));

        var grids = units.Where(u => u.Type == OrgUnitType.Grid);
        var allGrids = await grids.Select(g => new
        {
            g.Id, g.Name, g.Code, g.ParentId,
            Covered = db.GridAssignments.Any(a => a.GridId == g.Id && a.Start <= today && (a.End == null || a.End >= today)),
        }).ToListAsync(ct);
        var communityNames = communities.ToDictionary(c => c.Id, c => c.Name);
        var uncovered = allGrids.Where(g => !g.Covered).OrderBy(g => g.Code, StringComparer.Ordinal)
            .Select(g => new UncoveredGrid(g.Id, g.Name, g.ParentId is { } p && communityNames.TryGetValue(p, out var n) ? n : string.Empty)).ToList();
        var scopeUnit = await units.Where(u => u.Id == scope.OrgUnitId).Select(u => new { u.Name, u.Path }).FirstOrDefaultAsync(ct);
        var scopeName = scopeUnit?.Name ?? string.Empty;

        // Per unit directly below the scope (streets for a district, communities for a street): staffing against the standard and grid coverage.
        var below = scopeUnit is null ? [] : await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == scope.OrgUnitId && u.Type != OrgUnitType.Grid)
            .Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        var paths = await units.Where(u => u.Type == OrgUnitType.Community || u.Type == OrgUnitType.Grid).Select(u => new { u.Id, u.Path }).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        // Each community and grid's unit below the scope, found once (paths are prefixes of their descendants' paths).
        var topOf = paths.ToDictionary(kv => kv.Key, kv => below.FirstOrDefault(b => kv.Value.StartsWith(b.Path, StringComparison.Ordinal))?.Id);
        var communitiesBelow = communities.ToLookup(c => topOf.GetValueOrDefault(c.Id));
        var gridsBelow = allGrids.ToLookup(g => topOf.GetValueOrDefault(g.Id));
        var streets = below.OrderBy(b => b.Path, StringComparer.Ordinal).Select(b =>
        {
            var residentsOf = communitiesBelow[b.Id].Sum(c => (long)(c.Residents ?? 0));
            var workersOf = communitiesBelow[b.Id].Sum(c => perCommunity.GetValueOrDefault(c.Id));
            var gridsOf = gridsBelow[b.Id].ToList();
            return new StreetStaffing(b.Id, b.Name, residentsOf, workersOf,
                residentsOf == 0 ? 0 : Math.Round(workersOf * 10_000m / residentsOf, 1, MidpointRounding.AwayFromZero),
                (int)Math.Ceiling(residentsOf * standard / 10_000m), gridsOf.Count, gridsOf.Count(g => g.Covered));
        }).ToList();

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
            Grids = allGrids.Count,
            UncoveredGrids = uncovered,
            YoungAgeLimit = youngLimit,
            Young = young,
            CollegeOrHigher = college,
            PartyMembers = party,
            Certified = certified,
            ComputedAt = clock.GetCurrentInstant(),
            AgeBands = Bands(people.Select(w => Years(w.BirthDate)), AgeLimits, AgeKeys),
            ServiceBands = Bands(people.Select(w => w.HireDate > today ? 0 : Years(w.HireDate)), ServiceLimits, ServiceKeys),
            ByEducation = [.. people.GroupBy(w => w.Education).OrderBy(g => g.Key).Select(g => new Bucket(g.Key.ToString(), g.Count()))],
            ByPoliticalStatus = [.. people.GroupBy(w => w.PoliticalStatus).OrderBy(g => g.Key).Select(g => new Bucket(g.Key.ToString(), g.Count()))],
            PostGrades = [.. people.Where(w => w.CurrentPost != null && w.CurrentGrade != null).GroupBy(w => (w.CurrentPost!.Value, w.CurrentGrade!.Value))
                .OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2).Select(g => new PostGradeCount(g.Key.Item1, g.Key.Item2, g.Count()))],
            Streets = streets,
            CertifiedByLevel = certifiedByLevel,
        };
    }
}
