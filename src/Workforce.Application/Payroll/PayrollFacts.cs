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
        var rows = await workers.OrderBy(w => w.Id)
            .Select(w => new { w.Id, w.Name, w.HireDate, w.LeaveDate, w.ProbationEnd, w.Education }).ToListAsync(ct);
        // The worker set is evaluated once: the child tables are read for these ids, passed as one array parameter (SQLite
        // json_each, PostgreSQL ANY, SQL Server OPENJSON), not by re-running the scope's subquery in each of the eight reads.
        var ids = rows.Select(w => w.Id).ToList();
        var assignments = (await db.PostAssignments.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.WorkerId))
            .Select(a => new { a.WorkerId, a.Post, a.Grade, a.CommunityId, a.Start, a.End }).ToListAsync(ct)).ToLookup(a => a.WorkerId);
        var certificates = (await db.Certificates.AsNoTracking().Where(c => EF.Parameter(ids).Contains(c.WorkerId) && c.VerifiedOn != null)
            .Select(c => new { c.WorkerId, c.Level, c.Number, c.RegisteredOn }).ToListAsync(ct)).ToLookup(c => c.WorkerId);
        var assessments = (await db.AnnualAssessments.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.WorkerId))
            .Select(a => new { a.WorkerId, a.Year, a.Rating }).ToListAsync(ct)).ToLookup(a => a.WorkerId);
        var leaders = (await db.LeaderRecognitions.AsNoTracking().Where(l => EF.Parameter(ids).Contains(l.WorkerId))
            .Select(l => new { l.WorkerId, l.Year }).ToListAsync(ct)).ToLookup(l => l.WorkerId);
        var deductions = await db.SpecialDeductions.AsNoTracking().Where(d => EF.Parameter(ids).Contains(d.WorkerId) && d.Month == month)
            .ToDictionaryAsync(d => d.WorkerId, d => d.AmountFen, ct);
        var bases = (await db.ContributionBases.AsNoTracking().Where(b => EF.Parameter(ids).Contains(b.WorkerId))
            .Select(b => new { b.WorkerId, b.Year, b.BaseFen }).ToListAsync(ct)).ToLookup(b => b.WorkerId);
        var settled = (await db.Payslips.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.WorkerId) && p.SettledAwards != null && p.Month != month)
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
                settledAwards: [.. settled[w.Id].SelectMany(s => s.SettledAwards!.Split(','))],
                contributionBases: [.. bases[w.Id].Select(b => new ContributionBaseFact(b.Year, b.BaseFen / 100m))]);
            result.Add(new Entry(facts, w.Name));
        }
        return result;
    }

    /// <summary>What a computation of a month needs: each worker's facts (awards settled before go-live marked so) and year-to-date figures.</summary>
    /// <param name="Entries">The workers with their facts.</param>
    /// <param name="YearToDate">Year-to-date figures by worker.</param>
    /// <param name="Openings">The district's opening balances by worker (read once; the retroactive recomputation starts from them too).</param>
    public sealed record MonthInputs(List<Entry> Entries, Dictionary<long, YearToDate> YearToDate, Dictionary<long, OpeningFigures[]> Openings);

    /// <summary>
    /// The facts of the workers under <paramref name="path"/> for <paramref name="month"/> and their year-to-date figures in
    /// the district, the opening balances (期初累计) applied to both: the one place a run and a what-if read their inputs.
    /// </summary>
    public static async Task<MonthInputs> ForMonthAsync(WorkforceDbContext db, long districtId, string path, YearMonth month, RuleSetSnapshot rules, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var entries = await LoadAsync(db, path, month, ct);
        var openings = await OpeningsAsync(db, districtId, ct);
        for (var i = 0; i < entries.Count; i++)
        {
            if (openings.TryGetValue(entries[i].Facts.WorkerId, out var own))
            {
                entries[i] = entries[i] with { Facts = OpeningFigures.SettleBeforeGoLive(entries[i].Facts, month, own, rules.ForPeriod) };
            }
        }
        return new MonthInputs(entries, await YearToDateAsync(db, districtId, month, openings, ct), openings);
    }

    /// <summary>
    /// Year-to-date figures of each worker before <paramref name="month"/>: the stored payslips of the district's same year
    /// on top of the worker's opening balance (期初累计) of that year, if any. Opening balances are as of the month before the
    /// district's first month, so the payslips summed are all later than them.
    /// </summary>
    private static async Task<Dictionary<long, YearToDate>> YearToDateAsync(WorkforceDbContext db, long districtId, YearMonth month,
        Dictionary<long, OpeningFigures[]> openings, CancellationToken ct)
    {
        var months = Enumerable.Range(1, month.Month - 1).Select(m => new YearMonth(month.Year, m)).ToList();
        var sums = (await db.Payslips.AsNoTracking()
            .Where(p => db.PayPeriods.Where(x => x.DistrictId == districtId).Select(x => x.Id).Contains(p.PeriodId) && months.Contains(p.Month))
            .GroupBy(p => p.WorkerId).Select(SumFigures<long>()).ToListAsync(ct)).ToDictionary(s => s.Key, s => s.Figures);
        var result = new Dictionary<long, YearToDate>(sums.Count + openings.Count);
        foreach (var worker in sums.Keys.Union(openings.Keys))
        {
            result[worker] = OpeningFigures.Combine(month, openings.GetValueOrDefault(worker), sums.GetValueOrDefault(worker));
        }
        return result;
    }

    /// <summary>The opening balances of the district's workers, by worker (the engine's figures).</summary>
    private static async Task<Dictionary<long, OpeningFigures[]>> OpeningsAsync(WorkforceDbContext db, long districtId, CancellationToken ct)
    {
        var path = await db.OrgUnits.AsNoTracking().Where(u => u.Id == districtId).Select(u => u.Path).SingleAsync(ct);
        var workers = db.Workers.AsNoTracking().UnderPath(db, path).Select(w => w.Id);
        var rows = await db.OpeningBalances.AsNoTracking().Where(o => workers.Contains(o.WorkerId)).ToListAsync(ct);
        return rows.GroupBy(o => o.WorkerId).ToDictionary(g => g.Key, g => g.Select(ToFigures).ToArray());
    }

    /// <summary>A stored opening balance as the engine's figures (employer contributions are not part of it).</summary>
    private static OpeningFigures ToFigures(OpeningBalance o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new OpeningFigures(o.AsOf, new PaidFigures(o.IncomeFen, o.SpecialFen, o.AdditionalFen, o.TaxFen, o.GrossFen, 0, o.ReserveFen), o.DeductionMonths);
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
    /// <remarks>The same columns, in the same order, as <see cref="RowFigures{TKey}"/>, the one-row twin.</remarks>
    public static Expression<Func<IGrouping<TKey, PayslipRecord>, Summed<TKey>>> SumFigures<TKey>() => g => new Summed<TKey>(g.Key, new PaidFigures(
        g.Sum(p => p.TaxableIncomeFen), g.Sum(p => p.SpecialDeductionsFen), g.Sum(p => p.AdditionalDeductionsFen), g.Sum(p => p.TaxThisMonthFen),
        g.Sum(p => p.GrossFen), g.Sum(p => p.EmployerFen), g.Sum(p => p.ReserveFen)));

    /// <summary>
    /// One stored payslip's figures with a key read from the same row: what <see cref="SumFigures{TKey}"/> gives for a group of
    /// one, without asking the database to group (a GROUP BY over a year of locked payslips sorts them all).
    /// </summary>
    public static Expression<Func<PayslipRecord, Summed<TKey>>> RowFigures<TKey>(Expression<Func<PayslipRecord, TKey>> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var p = key.Parameters[0];
        Expression<Func<PayslipRecord, PaidFigures>> figures = r => new PaidFigures(
            r.TaxableIncomeFen, r.SpecialDeductionsFen, r.AdditionalDeductionsFen, r.TaxThisMonthFen, r.GrossFen, r.EmployerFen, r.ReserveFen);
        var body = new ParameterReplacer(figures.Parameters[0], p).Visit(figures.Body);
        var constructor = typeof(Summed<TKey>).GetConstructor([typeof(TKey), typeof(PaidFigures)])!;
        return Expression.Lambda<Func<PayslipRecord, Summed<TKey>>>(Expression.New(constructor, key.Body, body), p);
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
