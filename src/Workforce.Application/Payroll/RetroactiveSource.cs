using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Pay;
using Workforce.Payroll;
using Workforce.Payroll.Facts;

namespace Workforce.Application.Payroll;

/// <summary>
/// What a run needs for retroactive corrections, read in bulk: the district's locked months in the window (default
/// 24 months) with each worker's payslip figures and fingerprint, the fingerprint a later correction brought a month
/// to, and, for the workers whose facts changed, every line paid in their window (one batched read). The decisions
/// are <see cref="RetroactiveCorrections"/>'s (pure, in the engine).
/// </summary>
public sealed class RetroactiveSource
{
    private readonly WorkforceDbContext _db;
    private readonly RuleSetSnapshot _rules;
    private readonly Dictionary<long, List<PaidMonth>> _byWorker;
    private readonly Dictionary<(long, YearMonth), long> _correctedTo;
    private readonly Dictionary<long, OpeningFigures[]> _openings;

    private RetroactiveSource(WorkforceDbContext db, RuleSetSnapshot rules, Dictionary<long, List<PaidMonth>> byWorker, Dictionary<(long, YearMonth), long> correctedTo,
        Dictionary<long, OpeningFigures[]> openings)
    {
        _db = db;
        _rules = rules;
        _byWorker = byWorker;
        _correctedTo = correctedTo;
        _openings = openings;
    }

    /// <summary>
    /// Loads the fingerprints and figures of the locked months before <paramref name="month"/>; <paramref name="openings"/> are
    /// the district's opening balances (a recomputed month of the go-live year starts from them, as its run did).
    /// </summary>
    public static async Task<RetroactiveSource> LoadAsync(WorkforceDbContext db, long districtId, YearMonth month, RuleSetSnapshot rules, int windowMonths,
        Dictionary<long, OpeningFigures[]> openings, CancellationToken ct)
    {
        var from = month.OnDayOfMonth(1).PlusMonths(-windowMonths);
        var periods = (await db.PayPeriods.AsNoTracking().Where(p => p.DistrictId == districtId && p.Status == PeriodStatus.Locked)
            .Select(p => new { p.Id, p.Month }).ToListAsync(ct)).Where(p => p.Month < month && p.Month.OnDayOfMonth(1) >= from).ToList();
        var ids = periods.Select(p => p.Id).ToList();
        // Every locked payslip's fingerprint only (a year of a district is a million rows): the figures, posts and settled awards are
        // read later for the few workers whose facts changed (LoadChangedAsync).
        var stored = ids.Count == 0 ? [] : await db.Payslips.AsNoTracking().Where(p => ids.Contains(p.PeriodId))
            .Select(p => new { p.Id, p.WorkerId, p.Month, p.FactsHash }).ToListAsync(ct);
        // Only payslips holding retroactive lines are decoded to learn which months were corrected to which facts.
        var corrected = ids.Count == 0 ? [] : await db.Payslips.AsNoTracking().Where(p => ids.Contains(p.PeriodId) && p.HasRetro)
            .Select(p => new { p.WorkerId, p.Month, p.LinesData }).ToListAsync(ct);
        var correctedTo = new Dictionary<(long, YearMonth), long>();
        foreach (var c in corrected.OrderBy(c => c.Month))
        {
            foreach (var l in PayslipLineCodec.Decode(c.LinesData).Where(l => l.FactsHash != null))
            {
                correctedTo[(c.WorkerId, l.SourceMonth!.Value)] = l.FactsHash!.Value;
            }
        }
        var byWorker = stored.GroupBy(s => s.WorkerId).ToDictionary(g => g.Key, g => g
            .Select(s => new PaidMonth(s.Id, s.Month, s.FactsHash, default, 0, default, []))
            .OrderBy(m => m.Month).ToList());
        return new RetroactiveSource(db, rules, byWorker, correctedTo, openings);
    }

    /// <summary>The locked months of the worker whose facts changed (empty for most workers).</summary>
    public IReadOnlyList<ChangedMonth> Changed(WorkerFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return _byWorker.TryGetValue(facts.WorkerId, out var months)
            ? RetroactiveCorrections.Changed(facts, months, m => _correctedTo.TryGetValue((facts.WorkerId, m), out var h) ? h : null, _rules.ForPeriod)
            : [];
    }

    /// <summary>
    /// For the workers whose locked months changed (<see cref="Changed"/>): every line paid in their window, read in one batched pass
    /// (500 payslips a statement), and their paid months completed with figures, post, grade and settled awards.
    /// </summary>
    public async Task<ILookup<long, PaidLine>> LoadChangedAsync(IEnumerable<long> workerIds, CancellationToken ct)
    {
        var payslips = workerIds.Distinct().SelectMany(w => _byWorker.TryGetValue(w, out var months) ? months : []).ToDictionary(m => m.PayslipId);
        var lines = new List<(long WorkerId, PaidLine Line)>();
        var full = new Dictionary<long, PaidMonth>(payslips.Count);
        foreach (var chunk in payslips.Keys.Chunk(500))
        {
            var rows = await _db.Payslips.AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(PayrollFacts.RowFigures(p => new StoredRow(p.Id, p.WorkerId, p.Post, p.Grade, p.SettledAwards, p.LinesData))).ToListAsync(ct);
            foreach (var (row, figures) in rows)
            {
                var paid = payslips[row.Id];
                full[row.Id] = paid with { Post = row.Post, Grade = row.Grade, Figures = figures, SettledAwards = row.SettledAwards?.Split(',') ?? [] };
                lines.AddRange(PayslipLineCodec.Decode(row.LinesData).Select(l => (row.WorkerId, PaidLine.Of(paid.Month, l.SourceMonth, l.Code, (LineCategory)l.Category, l.AmountFen))));
            }
        }
        foreach (var months in workerIds.Distinct().Select(w => _byWorker.GetValueOrDefault(w)).OfType<List<PaidMonth>>())
        {
            for (var i = 0; i < months.Count; i++)
            {
                months[i] = full[months[i].PayslipId];
            }
        }
        return lines.ToLookup(x => x.WorkerId, x => x.Line);
    }

    /// <summary>The difference lines to carry into this worker's payslip, and the fingerprint each corrected month reaches.</summary>
    public (PayslipLine[] Lines, Dictionary<YearMonth, long>? Fingerprints) LinesFor(WorkerFacts facts, IReadOnlyList<ChangedMonth> changed, ILookup<long, PaidLine> paidLines)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(paidLines);
        if (changed.Count == 0)
        {
            return ([], null);
        }
        // The changed months as completed by LoadChangedAsync.
        var months = _byWorker[facts.WorkerId];
        var full = months.ToDictionary(m => m.PayslipId);
        return RetroactiveCorrections.Lines(facts, [.. changed.Select(c => c with { Month = full[c.Month.PayslipId] })], months, [.. paidLines[facts.WorkerId]], _rules.ForPeriod,
            _openings.GetValueOrDefault(facts.WorkerId));
    }

    private sealed record StoredRow(long Id, long WorkerId, Domain.Workers.Post Post, int Grade, string? SettledAwards, byte[] LinesData);
}
