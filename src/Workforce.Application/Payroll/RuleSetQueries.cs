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

/// <summary>Rule-set versions as officers read them, and the what-if of a draft against the approved rules.</summary>
public sealed class RuleSetQueries(WorkforceDbContext db, PayRuleSets ruleSets)
{
    /// <summary>All versions, newest first.</summary>
    public Task<List<RuleSetVersion>> ListAsync(CancellationToken ct) =>
        db.RuleSetVersions.AsNoTracking().OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Version).ToListAsync(ct);

    /// <summary>One version.</summary>
    public Task<RuleSetVersion?> GetAsync(long id, CancellationToken ct) => db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct);

    /// <summary>
    /// What-if: the draft applied to the current staff in the caller's scope for <paramref name="month"/>
    /// against the approved rules in force then; each person's change and the cost by unit.
    /// </summary>
    public async Task<WhatIfResult?> WhatIfAsync(PayScope scope, long draftId, YearMonth month, CancellationToken ct)
    {
        var draft = await GetAsync(draftId, ct);
        if (draft is null)
        {
            return null;
        }
        var document = RuleSet.FromJson(draft.Json).ToDocument();
        document.EffectiveFrom = month.OnDayOfMonth(1);
        document.EffectiveTo = null;
        var candidate = RuleSet.Compile(document);
        var approved = await ruleSets.GetAsync(db, ct);
        var baseline = approved.ForPeriod(month);
        var (entries, ytd, _) = await PayrollFacts.ForMonthAsync(db, scope.DistrictId, scope.ScopePath, month, approved, ct);
        var rows = new List<WhatIfRow>(entries.Count);
        var errors = 0;
        foreach (var e in entries)
        {
            try
            {
                var y = ytd.GetValueOrDefault(e.Facts.WorkerId, Workforce.Payroll.Facts.YearToDate.Empty(month.Year));
                var before = Workforce.Payroll.Engine.PayrollEngine.Calculate(month, e.Facts, y, baseline);
                var after = Workforce.Payroll.Engine.PayrollEngine.Calculate(month, e.Facts, y, candidate);
                var diff = Workforce.Payroll.PayslipComparison.Compare(before, after);
                rows.Add(new WhatIfRow(e.Facts.WorkerId, e.Name, after.CommunityId, before.Gross.Fen, after.Gross.Fen, before.Net.Fen, after.Net.Fen,
                    diff.CostDelta.Fen, [.. diff.Changed.Select(c => new WhatIfChange(c.Label, c.Delta.Fen))]));
            }
            catch (DomainException)
            {
                errors++;
            }
        }
        var rollup = await UnitRollup.LoadAsync(db, scope.ScopePath, ct);
        var byUnit = rows.GroupBy(r => rollup.Of(r.CommunityId).Name).Select(g => new WhatIfUnit(g.Key, g.Count(), g.Sum(r => r.CostDeltaFen), g.Count(r => r.CostDeltaFen != 0)))
            .OrderByDescending(u => Math.Abs(u.CostDeltaFen)).ToList();
        return new WhatIfResult(draft, baseline.ToString(), month, [.. rows.OrderByDescending(r => Math.Abs(r.CostDeltaFen)).ThenBy(r => r.WorkerId)], byUnit, errors);
    }
}
