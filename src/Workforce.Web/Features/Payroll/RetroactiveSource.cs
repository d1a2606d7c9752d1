using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Pay;
using Workforce.Domain.Workers;
using Workforce.Payroll;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;

namespace Workforce.Web.Features.Payroll;

/// <summary>
/// Retroactive corrections for a run: the district's locked months in the window (default 24 months),
/// each worker's stored fingerprint per month (or the one a later correction brought it to). A worker
/// whose facts for a locked month changed has that month recomputed with the rules in force then and
/// compared, component by component, with what was paid (the payslip plus earlier corrections).
/// </summary>
public sealed class RetroactiveSource
{
    private sealed record Stored(long Id, long WorkerId, YearMonth Month, long FactsHash, Post Post, int Grade, PayrollFacts.Figures Figures, string? Settled);

    private readonly WorkforceDbContext _db;
    private readonly RuleSetSnapshot _rules;
    private readonly Dictionary<long, List<Stored>> _byWorker;
    private readonly Dictionary<(long, YearMonth), long> _correctedTo;

    private RetroactiveSource(WorkforceDbContext db, RuleSetSnapshot rules, Dictionary<long, List<Stored>> byWorker,
        Dictionary<(long, YearMonth), long> correctedTo)
    {
        _db = db;
        _rules = rules;
        _byWorker = byWorker;
        _correctedTo = correctedTo;
    }

    /// <summary>Loads the fingerprints of the locked months before <paramref name="month"/>.</summary>
    public static async Task<RetroactiveSource> LoadAsync(WorkforceDbContext db, long districtId, YearMonth month, RuleSetSnapshot rules, int windowMonths, CancellationToken ct)
    {
        var from = month.OnDayOfMonth(1).PlusMonths(-windowMonths);
        var periods = (await db.PayPeriods.AsNoTracking().Where(p => p.DistrictId == districtId && p.Status == PeriodStatus.Locked)
            .Select(p => new { p.Id, p.Month }).ToListAsync(ct)).Where(p => p.Month < month && p.Month.OnDayOfMonth(1) >= from).ToList();
        var ids = periods.Select(p => p.Id).ToList();
        var stored = ids.Count == 0 ? [] : await db.Payslips.AsNoTracking().Where(p => ids.Contains(p.PeriodId))
            .Select(p => new Stored(p.Id, p.WorkerId, p.Month, p.FactsHash, p.Post, p.Grade, new PayrollFacts.Figures(p.TaxableIncomeFen,
                p.SpecialDeductionsFen, p.AdditionalDeductionsFen, p.TaxThisMonthFen, p.GrossFen, p.EmployerFen, p.ReserveFen), p.SettledAwards)).ToListAsync(ct);
        // Only payslips holding retroactive lines are decoded to learn which months were corrected to which facts.
        var corrected = ids.Count == 0 ? [] : await db.Payslips.AsNoTracking().Where(p => ids.Contains(p.PeriodId) && p.HasRetro)
            .Select(p => new { p.WorkerId, p.Month, p.LinesData }).ToListAsync(ct);
        var corrections = corrected.SelectMany(p => PayslipLineCodec.Decode(p.LinesData).Where(l => l.FactsHash != null)
            .Select(l => new { p.WorkerId, p.Month, l.SourceMonth, l.FactsHash })).ToList();
        var correctedTo = new Dictionary<(long, YearMonth), long>();
        foreach (var c in corrections.OrderBy(c => c.Month))
        {
            correctedTo[(c.WorkerId, c.SourceMonth!.Value)] = c.FactsHash!.Value;
        }
        return new RetroactiveSource(db, rules, stored.GroupBy(s => s.WorkerId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Month).ToList()), correctedTo);
    }

    /// <summary>The difference lines to carry into this worker's payslip, and the fingerprint each corrected month reaches.</summary>
    public async Task<(PayslipLine[] Lines, Dictionary<YearMonth, long>? Hashes)> LinesForAsync(WorkerFacts facts, CancellationToken ct)
    {
        if (!_byWorker.TryGetValue(facts.WorkerId, out var months))
        {
            return ([], null);
        }
        List<(Stored Month, long Fingerprint)>? changed = null;
        foreach (var s in months)
        {
            var rules = _rules.ForPeriod(s.Month);
            var expected = _correctedTo.TryGetValue((facts.WorkerId, s.Month), out var h) ? h : s.FactsHash;
            var fingerprint = PayrollFacts.Fingerprint(facts, s.Month, rules.YearEndMonth);
            if (fingerprint != expected)
            {
                (changed ??= []).Add((s, fingerprint));
            }
        }
        if (changed is null)
        {
            return ([], null);
        }
        var workerPayslips = months.Select(m => m.Id).ToList();
        var paidLines = (await _db.Payslips.AsNoTracking().Where(p => workerPayslips.Contains(p.Id)).Select(p => new { p.Id, p.LinesData }).ToListAsync(ct))
            .SelectMany(p => PayslipLineCodec.Decode(p.LinesData).Select(l => new { PayslipId = p.Id, l.Code, l.Category, l.AmountFen, l.SourceMonth })).ToList();
        var monthOf = months.ToDictionary(m => m.Id, m => m.Month);
        var lines = new List<PayslipLine>();
        var hashes = new Dictionary<YearMonth, long>();
        foreach (var (s, fingerprint) in changed)
        {
            var rules = _rules.ForPeriod(s.Month);
            // What was paid for the month: its own lines and the corrections for it paid since.
            var paid = paidLines.Where(l => (l.SourceMonth == null && monthOf[l.PayslipId] == s.Month) || l.SourceMonth == s.Month)
                .Select(l => new PaidComponent(l.Code.StartsWith(PayItems.RetroPrefix, StringComparison.Ordinal) ? l.Code[PayItems.RetroPrefix.Length..] : l.Code,
                    (LineCategory)l.Category, new Money(l.AmountFen))).ToList();
            var ytd = months.Where(m => m.Month.Year == s.Month.Year && m.Month < s.Month)
                .Aggregate(default(PayrollFacts.Figures), (sum, m) => sum.Plus(m.Figures)).ToYearToDate(s.Month.Year);
            // Awards settled before that month stay settled; the month's own award is paid again in the recomputation.
            var settled = months.Where(m => m.Month < s.Month && m.Settled is not null).SelectMany(m => m.Settled!.Split(',')).ToList();
            var asThen = new WorkerFacts(facts.WorkerId, facts.HireDate, facts.Assignments, facts.Education, facts.PriorServiceYears, facts.LeaveDate,
                facts.ProbationEnd, facts.Certificates, facts.Assessments, facts.LeaderYears, null, facts.DeclaredContributionBase, settled);
            var recomputed = PayrollEngine.Calculate(s.Month, asThen, ytd, rules);
            lines.AddRange(Retroactive.Differences(recomputed, paid, s.Post, s.Grade));
            hashes[s.Month] = fingerprint;
        }
        return ([.. lines], hashes);
    }
}
