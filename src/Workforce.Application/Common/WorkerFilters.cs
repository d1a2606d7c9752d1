using NodaTime;
using Workforce.Data;
using Workforce.Domain.Workers;

namespace Workforce.Application.Common;

/// <summary>Query pieces every registry screen shares, written once so they stay the same (and fast).</summary>
public static class WorkerFilters
{
    /// <summary>
    /// Workers whose community lies under <paramref name="path"/>. Written as IN (subquery): the unit
    /// ids are computed once and the (OrgUnitId, LeaveDate, Name) index does the rest (docs/benchmarks.md).
    /// </summary>
    public static IQueryable<Worker> UnderPath(this IQueryable<Worker> workers, WorkforceDbContext db, string path)
        => workers.Where(w => db.OrgUnits.Where(u => u.Path.StartsWith(path)).Select(u => u.Id).Contains(w.OrgUnitId));

    /// <summary>Workers who have not left before <paramref name="day"/> (upcoming hires included).</summary>
    public static IQueryable<Worker> NotLeftBy(this IQueryable<Worker> workers, LocalDate day)
        => workers.Where(w => w.LeaveDate == null || w.LeaveDate >= day);
}
