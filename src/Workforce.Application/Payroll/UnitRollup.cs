using Microsoft.EntityFrameworkCore;
using Workforce.Data;

namespace Workforce.Application.Payroll;

/// <summary>
/// Rolls each unit under a root up to its ancestor one level below the root (the rows of a "by unit"
/// table: the streets of a district, the communities of a street); the root itself stays itself.
/// </summary>
public sealed class UnitRollup
{
    private readonly Dictionary<long, (long Id, string Name)> _top;
    private readonly Dictionary<long, string> _names;

    private UnitRollup(Dictionary<long, (long Id, string Name)> top, Dictionary<long, string> names) => (_top, _names) = (top, names);

    /// <summary>Reads the units under <paramref name="rootPath"/>.</summary>
    public static async Task<UnitRollup> LoadAsync(WorkforceDbContext db, string rootPath, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Path.StartsWith(rootPath)).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        var byPath = units.ToDictionary(u => u.Path);
        var depth = rootPath.Count(c => c == '/');
        return new UnitRollup(units.ToDictionary(u => u.Id, u =>
        {
            var codes = u.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var top = byPath.GetValueOrDefault("/" + string.Join('/', codes.Take(Math.Min(codes.Length, depth))) + "/") ?? u;
            return (top.Id, top.Name);
        }), units.ToDictionary(u => u.Id, u => u.Name));
    }

    /// <summary>The name of a unit under the root ("?" when it is not under it).</summary>
    public string NameOf(long unitId) => _names.GetValueOrDefault(unitId, "?");

    /// <summary>The unit a unit rolls up to (itself with name "?" when it is not under the root).</summary>
    public (long Id, string Name) Of(long unitId) => _top.TryGetValue(unitId, out var top) ? top : (unitId, "?");
}
