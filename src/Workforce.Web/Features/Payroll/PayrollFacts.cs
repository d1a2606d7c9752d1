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

    /// <summary>A stored payslip's figures that year-to-date sums are made of, in fen.</summary>
    public readonly record struct Figures(long Income, long Special, long Additional, long Tax, long Gross, long Employer, long Reserve)
    {
        /// <summary>The sum of two payslips' figures.</summary>
        public Figures Plus(Figures o) => new(Income + o.Income, Special + o.Special, Additional + o.Additional, Tax + o.Tax,
            Gross + o.Gross, Employer + o.Employer, Reserve + o.Reserve);

        /// <summary>These figures as the engine's year-to-date figures of <paramref name="year"/>.</summary>
        public YearToDate ToYearToDate(int year) => YearToDate.Empty(year) with
        {
            TaxableIncome = new Money(Income),
            SpecialDeductions = new Money(Special),
            SpecialAdditionalDeductions = new Money(Additional),
            TaxWithheld = new Money(Tax),
            GrossPaid = new Money(Gross),
            EmployerContributions = new Money(Employer),
            PerformanceReserve = new Money(Reserve),
        };
    }

    /// <summary>The facts of every worker under <paramref name="path"/> in service during <paramref name="month"/>.</summary>
    public static async Task<List<Entry>> LoadAsync(WorkforceDbContext db, string path, YearMonth month, CancellationToken ct)
    {
        var first = month.OnDayOfMonth(1);
        var last = month.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
        var workers = db.Workers.AsNoTracking().UnderPath(db, path).Where(w => w.HireDate <= last && (w.LeaveDate == null || w.LeaveDate >= first));
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

    /// <summary>Year-to-date figures of each worker from the stored payslips of the same year before <paramref name="month"/>.</summary>
    public static async Task<Dictionary<long, YearToDate>> YearToDateAsync(WorkforceDbContext db, long districtId, YearMonth month, CancellationToken ct)
    {
        var months = Enumerable.Range(1, month.Month - 1).Select(m => new YearMonth(month.Year, m)).ToList();
        var sums = await db.Payslips.AsNoTracking()
            .Where(p => db.PayPeriods.Any(x => x.Id == p.PeriodId && x.DistrictId == districtId) && months.Contains(p.Month))
            .GroupBy(p => p.WorkerId).Select(g => new
            {
                WorkerId = g.Key,
                Figures = new Figures(g.Sum(p => p.TaxableIncomeFen), g.Sum(p => p.SpecialDeductionsFen), g.Sum(p => p.AdditionalDeductionsFen),
                    g.Sum(p => p.TaxThisMonthFen), g.Sum(p => p.GrossFen), g.Sum(p => p.EmployerFen), g.Sum(p => p.ReserveFen)),
            }).ToListAsync(ct);
        return sums.ToDictionary(s => s.WorkerId, s => s.Figures.ToYearToDate(month.Year));
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
