using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Pay;
using Workforce.Domain.Workers;
using Workforce.Payroll;
using Workforce.Payroll.Facts;

namespace Workforce.Application.Payroll;

/// <summary>
/// The one mapping from the registry to the engine's <see cref="WorkerFacts"/>: the facts of many workers read at
/// once (one query per kind of fact, grouped in memory), as the registry, the certificates and the pay facts pages
/// record them. Grades: the grade recorded on a post assignment is the officer's decision on its first day (entry
/// grade, re-slotting on a promotion); the engine derives the yearly progression from there (docs/decisions/0010).
/// Only verified certificates count.
/// </summary>
public static class PayrollFacts
{
    /// <summary>A worker to pay: facts and display data.</summary>
    public sealed record Entry(WorkerFacts Facts, string Name);

    /// <summary>The facts of every worker under <paramref name="path"/> in service during <paramref name="month"/>, by id.</summary>
    public static Task<List<Entry>> LoadAsync(WorkforceDbContext db, string path, YearMonth month, CancellationToken ct)
        => LoadAsync(db, db.Workers.AsNoTracking().UnderPath(db, path), month, ct);

    /// <summary>The facts of one worker as they stand for <paramref name="month"/> (null when not in service then).</summary>
    public static async Task<WorkerFacts?> LoadWorkerAsync(WorkforceDbContext db, long workerId, YearMonth month, CancellationToken ct)
        => (await LoadAsync(db, db.Workers.AsNoTracking().Where(w => w.Id == workerId), month, ct)).SingleOrDefault()?.Facts;

    private static async Task<List<Entry>> LoadAsync(WorkforceDbContext db, IQueryable<Worker> scope, YearMonth month, CancellationToken ct)
    {
        var first = month.OnDayOfMonth(1);
        var last = month.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
        var workers = scope.Where(w => w.HireDate <= last && (w.LeaveDate == null || w.LeaveDate >= first));
        var ids = workers.Select(w => w.Id);
        var rows = await workers.OrderBy(w => w.Id)
            .Select(w => new { w.Id, w.Name, w.HireDate, w.LeaveDate, w.ProbationEnd, w.Education }).ToListAsync(ct);
        var assignments = (await db.PostAssignments.AsNoTracking().Where(a => ids.Contains(a.WorkerId))
            .Select(a => new { a.WorkerId, a.Post, a.Grade, a.CommunityId, a.Start, a.End }).ToListAsync(ct)).ToLookup(a => a.WorkerId);
        var certificates = (await db.Certificates.AsNoTracking().Where(c => ids.Contains(c.WorkerId) && c.VerifiedOn != null)
            .Select(c => new { c.WorkerId, c.Level, c.Number, c.RegisteredOn }).ToListAsync(ct)).ToLookup(c => c.WorkerId);
        var assessments = (await db.AnnualAssessments.AsNoTracking().Where(a => ids.Contains(a.WorkerId))
            .Select(a => new { a.WorkerId, a.Year, a.Rating }).ToListAsync(ct)).ToLookup(a => a.WorkerId);
        var leaders = (await db.LeaderRecognitions.AsNoTracking().Where(l => ids.Contains(l.WorkerId))
            .Select(l => new { l.WorkerId, l.Year }).ToListAsync(ct)).ToLookup(l => l.WorkerId);
        var deductions = await db.SpecialDeductions.AsNoTracking().Where(d => ids.Contains(d.WorkerId) && d.Month == month)
            .ToDictionaryAsync(d => d.WorkerId, d => d.AmountFen, ct);
        var settled = (await db.Payslips.AsNoTracking().Where(p => ids.Contains(p.WorkerId) && p.SettledAwards != null && p.Month != month)
            .Select(p => new { p.WorkerId, p.SettledAwards }).ToListAsync(ct)).ToLookup(p => p.WorkerId);

        var result = new List<Entry>(rows.Count);
        foreach (var w in rows)
        {
            AssignmentFact[] postFacts = [.. assignments[w.Id].OrderBy(a => a.Start).Select(a => new AssignmentFact(a.Post, a.Start, a.End, a.CommunityId, a.Grade.Value))];
            var facts = new WorkerFacts(w.Id, w.HireDate, postFacts, w.Education, leaveDate: w.LeaveDate, probationEnd: w.ProbationEnd,
                certificates: [.. certificates[w.Id].Select(c => new CertificateFact(c.Level, c.Number, c.RegisteredOn))],
                assessments: [.. assessments[w.Id].Select(a => new AssessmentFact(a.Year, a.Rating))],
                leaderYears: [.. leaders[w.Id].Select(l => l.Year)],
                specialAdditionalDeductions: deductions.TryGetValue(w.Id, out var fen) ? [new MonthlyDeduction(month, new Money(fen))] : null,
                settledAwards: [.. settled[w.Id].SelectMany(s => s.SettledAwards!.Split(','))]);
            result.Add(new Entry(facts, w.Name));
        }
        return result;
    }

    /// <summary>Year-to-date figures of each worker from the stored payslips of the district's same year before <paramref name="month"/>.</summary>
    public static async Task<Dictionary<long, YearToDate>> YearToDateAsync(WorkforceDbContext db, long districtId, YearMonth month, CancellationToken ct)
    {
        var months = Enumerable.Range(1, month.Month - 1).Select(m => new YearMonth(month.Year, m)).ToList();
        var sums = await db.Payslips.AsNoTracking()
            .Where(p => db.PayPeriods.Any(x => x.Id == p.PeriodId && x.DistrictId == districtId) && months.Contains(p.Month))
            .GroupBy(p => p.WorkerId).Select(SumFigures<long>()).ToListAsync(ct);
        return sums.ToDictionary(s => s.Key, s => s.Figures.ToYearToDate(month.Year));
    }

    /// <summary>Payslip figures summed per group key.</summary>
    /// <typeparam name="TKey">Group key.</typeparam>
    /// <param name="Key">The key.</param>
    /// <param name="Figures">The sums.</param>
    public sealed record Summed<TKey>(TKey Key, PaidFigures Figures);

    /// <summary>
    /// The one projection of stored payslips onto <see cref="PaidFigures"/>, summed per group (a group of one gives a
    /// payslip's own figures): run-time year-to-date sums and the retroactive recomputation both use it.
    /// </summary>
    public static Expression<Func<IGrouping<TKey, PayslipRecord>, Summed<TKey>>> SumFigures<TKey>() => g => new Summed<TKey>(g.Key, new PaidFigures(
        g.Sum(p => p.TaxableIncomeFen), g.Sum(p => p.SpecialDeductionsFen), g.Sum(p => p.AdditionalDeductionsFen), g.Sum(p => p.TaxThisMonthFen),
        g.Sum(p => p.GrossFen), g.Sum(p => p.EmployerFen), g.Sum(p => p.ReserveFen)));
}
