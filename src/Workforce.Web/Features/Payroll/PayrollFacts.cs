using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Pay;
using Workforce.Domain.Workers;
using Workforce.Payroll;
using Workforce.Payroll.Facts;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Payroll;

/// <summary>
/// Reads the payroll facts of many workers at once (one query per kind of fact, grouped in memory),
/// as the registry, the certificates and the pay facts pages record them. Grades: the grade recorded
/// on a post assignment is the officer's decision on its first day (entry grade, re-slotting on a
/// promotion); the engine derives the yearly progression from there (docs/decisions/0010).
/// </summary>
public static class PayrollFacts
{
    /// <summary>A worker to pay: facts and display data.</summary>
    public sealed record Entry(WorkerFacts Facts, string Name);

    /// <summary>The facts of every worker under <paramref name="path"/> in service during <paramref name="month"/> (or of <paramref name="only"/> of them).</summary>
    public static async Task<List<Entry>> LoadAsync(WorkforceDbContext db, string path, YearMonth month, IReadOnlyCollection<long>? only, CancellationToken ct)
    {
        var first = month.OnDayOfMonth(1);
        var last = month.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
        var workers = db.Workers.AsNoTracking().UnderPath(db, path).Where(w => w.HireDate <= last && (w.LeaveDate == null || w.LeaveDate >= first));
        if (only is not null)
        {
            workers = workers.Where(w => only.Contains(w.Id));
        }
        var ids = workers.Select(w => w.Id);
        var rows = await workers.OrderBy(w => w.Id)
            .Select(w => new { w.Id, w.Name, w.HireDate, w.LeaveDate, w.ProbationEnd, w.Education }).ToListAsync(ct);
        var assignments = Group(await db.PostAssignments.AsNoTracking().Where(a => ids.Contains(a.WorkerId))
            .Select(a => new { a.WorkerId, a.Post, a.Grade, a.CommunityId, a.Start, a.End }).ToListAsync(ct), a => a.WorkerId);
        var certificates = Group(await db.Certificates.AsNoTracking().Where(c => ids.Contains(c.WorkerId) && c.VerifiedOn != null)
            .Select(c => new { c.WorkerId, c.Level, c.Number, c.RegisteredOn }).ToListAsync(ct), c => c.WorkerId);
        var assessments = Group(await db.AnnualAssessments.AsNoTracking().Where(a => ids.Contains(a.WorkerId))
            .Select(a => new { a.WorkerId, a.Year, a.Rating }).ToListAsync(ct), a => a.WorkerId);
        var leaders = Group(await db.LeaderRecognitions.AsNoTracking().Where(l => ids.Contains(l.WorkerId))
            .Select(l => new { l.WorkerId, l.Year }).ToListAsync(ct), l => l.WorkerId);
        var deductions = await db.SpecialDeductions.AsNoTracking().Where(d => ids.Contains(d.WorkerId) && d.Month == month)
            .ToDictionaryAsync(d => d.WorkerId, d => d.AmountFen, ct);
        var settled = Group(await db.Payslips.AsNoTracking().Where(p => ids.Contains(p.WorkerId) && p.SettledAwards != null && p.Month != month)
            .Select(p => new { p.WorkerId, p.SettledAwards }).ToListAsync(ct), p => p.WorkerId);

        var result = new List<Entry>(rows.Count);
        foreach (var w in rows)
        {
            var posts = assignments.GetValueOrDefault(w.Id);
            AssignmentFact[] postFacts = posts is null ? [] : [.. posts.OrderBy(a => a.Start).Select(a => new AssignmentFact(a.Post, a.Start, a.End, a.CommunityId, a.Grade.Value))];
            var facts = new WorkerFacts(w.Id, w.HireDate, postFacts, w.Education, leaveDate: w.LeaveDate, probationEnd: w.ProbationEnd,
                certificates: certificates.GetValueOrDefault(w.Id)?.Select(c => new CertificateFact(c.Level, c.Number, c.RegisteredOn)).ToList(),
                assessments: assessments.GetValueOrDefault(w.Id)?.Select(a => new AssessmentFact(a.Year, a.Rating)).ToList(),
                leaderYears: leaders.GetValueOrDefault(w.Id)?.Select(l => l.Year).ToList(),
                specialAdditionalDeductions: deductions.TryGetValue(w.Id, out var fen) ? [new MonthlyDeduction(month, new Money(fen))] : null,
                settledAwards: settled.GetValueOrDefault(w.Id)?.SelectMany(s => s.SettledAwards!.Split(',')).ToList());
            result.Add(new Entry(facts, w.Name));
        }
        return result;
    }

    /// <summary>Year-to-date figures of each worker from the stored payslips of the same year before <paramref name="month"/>.</summary>
    public static async Task<Dictionary<long, YearToDate>> YearToDateAsync(WorkforceDbContext db, long districtId, YearMonth month, IReadOnlyCollection<long>? only, CancellationToken ct)
    {
        var months = Enumerable.Range(1, month.Month - 1).Select(m => new YearMonth(month.Year, m)).ToList();
        var payslips = db.Payslips.AsNoTracking()
            .Where(p => db.PayPeriods.Any(x => x.Id == p.PeriodId && x.DistrictId == districtId) && months.Contains(p.Month));
        if (only is not null)
        {
            payslips = payslips.Where(p => only.Contains(p.WorkerId));
        }
        var sums = await payslips.GroupBy(p => p.WorkerId).Select(g => new
        {
            WorkerId = g.Key,
            Income = g.Sum(p => p.TaxableIncomeFen),
            Special = g.Sum(p => p.SpecialDeductionsFen),
            Additional = g.Sum(p => p.AdditionalDeductionsFen),
            Tax = g.Sum(p => p.TaxThisMonthFen),
            Gross = g.Sum(p => p.GrossFen),
            Employer = g.Sum(p => p.EmployerFen),
            Reserve = g.Sum(p => p.ReserveFen),
        }).ToListAsync(ct);
        return sums.ToDictionary(s => s.WorkerId, s => YearToDate.Empty(month.Year) with
        {
            TaxableIncome = new Money(s.Income),
            SpecialDeductions = new Money(s.Special),
            SpecialAdditionalDeductions = new Money(s.Additional),
            TaxWithheld = new Money(s.Tax),
            GrossPaid = new Money(s.Gross),
            EmployerContributions = new Money(s.Employer),
            PerformanceReserve = new Money(s.Reserve),
        });
    }

    /// <summary>
    /// A stable fingerprint of the facts that can change the pay of <paramref name="month"/> (FNV-1a, 64 bits):
    /// hire, leave and probation, education and prior years, posts and recorded grades, certificates,
    /// assessments of earlier years (and of the month's own year at the year end), leader recognition
    /// at the year end. A locked month whose fingerprint changed is recomputed for retroactive lines.
    /// </summary>
    public static long Fingerprint(WorkerFacts facts, YearMonth month, int yearEndMonth)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var h = new Fnv();
        h.Add(facts.HireDate);
        h.Add(facts.LeaveDate);
        h.Add(facts.ProbationEnd);
        h.Add((int)facts.Education);
        h.Add(facts.PriorServiceYears);
        foreach (var a in facts.Assignments)
        {
            h.Add((int)a.Post);
            h.Add(a.Start);
            h.Add(a.End);
            h.Add(a.CommunityId);
            h.Add(a.Grade ?? 0);
        }
        var last = month.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
        foreach (var c in facts.Certificates)
        {
            if (c.RegisteredOn <= last)
            {
                h.Add((int)c.Level);
                h.Add(c.Number);
                h.Add(c.RegisteredOn);
            }
        }
        var yearEnd = month.Month == yearEndMonth;
        foreach (var a in facts.Assessments.OrderBy(a => a.Year))
        {
            if (a.Year < month.Year || (yearEnd && a.Year == month.Year))
            {
                h.Add(a.Year);
                h.Add((int)a.Rating);
            }
        }
        if (yearEnd && facts.IsLeaderIn(month.Year))
        {
            h.Add(-month.Year);
        }
        return h.Value;
    }

    private static Dictionary<long, List<T>> Group<T>(List<T> rows, Func<T, long> key)
    {
        var result = new Dictionary<long, List<T>>();
        foreach (var row in rows)
        {
            var k = key(row);
            if (!result.TryGetValue(k, out var list))
            {
                result[k] = list = [];
            }
            list.Add(row);
        }
        return result;
    }

    private struct Fnv
    {
        private ulong _h;

        public Fnv() => _h = 14695981039346656037UL;

        public readonly long Value => unchecked((long)_h);

        public void Add(long value)
        {
            for (var i = 0; i < 8; i++)
            {
                _h = unchecked((_h ^ (byte)(value >> (8 * i))) * 1099511628211UL);
            }
        }

        public void Add(LocalDate? date) => Add(date is { } d ? d.ToDateOnly().DayNumber : -1L);

        public void Add(string text)
        {
            foreach (var c in text)
            {
                Add(c);
            }
            Add(-2L);
        }
    }
}
