using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Pay;
using Workforce.Payroll.Rules;

namespace Workforce.Application.Payroll;

/// <summary>The approved rule-set versions, compiled once and shared.</summary>
/// <param name="Signature">Ids and end dates of the approved versions (changes on every approval).</param>
/// <param name="History">The versions as one gap-free history.</param>
/// <param name="Ids">Stored version id of each compiled version.</param>
public sealed record RuleSetSnapshot(string Signature, RuleSetHistory History, IReadOnlyDictionary<RuleSet, long> Ids)
{
    /// <summary>The version in force for a month.</summary>
    public RuleSet ForPeriod(YearMonth month) => History.ForPeriod(month);

    /// <summary>The version in force on a day (that of its month).</summary>
    public RuleSet ForDate(LocalDate day) => History.ForPeriod(new YearMonth(day.Year, day.Month));

    /// <summary>The compiled version with a stored id, or null.</summary>
    public RuleSet? ById(long id) => Ids.FirstOrDefault(p => p.Value == id).Key;
}

/// <summary>
/// The pay rules the app applies: the approved versions stored in <c>RuleSetVersions</c>. Each call
/// checks a tiny signature query and recompiles only after an approval (also one made by another
/// app instance). A fresh database is given the shipped Suzhou profile as version 1.
/// </summary>
public sealed class PayRuleSets
{
    /// <summary>Author recorded for the shipped profile.</summary>
    public const string ProfileAuthor = "system:profile";

    private volatile RuleSetSnapshot? _snapshot;

    /// <summary>The approved versions.</summary>
    public async Task<RuleSetSnapshot> GetAsync(WorkforceDbContext db, CancellationToken ct = default)
    {
        var rows = await db.RuleSetVersions.AsNoTracking().Where(v => v.Status == RuleSetStatus.Approved)
            .OrderBy(v => v.Id).Select(v => new { v.Id, v.EffectiveTo }).ToListAsync(ct);
        var signature = string.Join(",", rows.Select(r => $"{r.Id}:{r.EffectiveTo}"));
        if (_snapshot is { } cached && cached.Signature == signature)
        {
            return cached;
        }
        var versions = await db.RuleSetVersions.AsNoTracking().Where(v => v.Status == RuleSetStatus.Approved).ToListAsync(ct);
        var compiled = versions.ToDictionary(v => RuleSet.FromJson(v.Json), v => v.Id);
        var snapshot = new RuleSetSnapshot(signature, RuleSetHistory.Create(compiled.Keys), compiled);
        _snapshot = snapshot;
        return snapshot;
    }

    /// <summary>Stores the shipped Suzhou profile as approved version 1 when no version exists.</summary>
    public static async Task EnsureProfileAsync(WorkforceDbContext db, IClock clock, CancellationToken ct = default)
    {
        if (await db.RuleSetVersions.AnyAsync(ct))
        {
            return;
        }
        var profile = RuleSetProfiles.Suzhou();
        var version = new RuleSetVersion(profile.Code, profile.Name, profile.Version, profile.EffectiveFrom, profile.EffectiveTo,
            profile.ToJson(), ProfileAuthor, clock.GetCurrentInstant(), "随系统发布的苏州参数");
        version.Approve("system", clock.GetCurrentInstant());
        db.RuleSetVersions.Add(version);
        await db.SaveChangesAsync(ct);
    }
}
