using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;
using Workforce.Payroll.Rules;
using static Workforce.Payroll.Tests.Run;

namespace Workforce.Payroll.Tests;

/// <summary>
/// Properties checked over thousands of generated workers (fixed seeds, so a failure
/// reproduces): arithmetic identities, proration, grade bands, monotonicity, determinism.
/// </summary>
public class PropertyTests
{
    private const int Workers = 3000;

    private static readonly RuleSet[] Bases =
    [
        TestRules.Suzhou,
        TestRules.With(d => d.Proration = "WorkingDays21_75"),
        TestRules.With(d => d.Proration = "Fixed30Days"),
    ];

    private static LocalDate RandomDate(Random r, LocalDate from, LocalDate to) =>
        from.PlusDays(r.Next(Period.DaysBetween(from, to) + 1));

    /// <summary>A random but coherent worker: 1995–2026 hire, up to three post changes, probation, certificates, ratings, leave.</summary>
    internal static WorkerFacts Generate(Random r, long id)
    {
        var hire = RandomDate(r, new LocalDate(1995, 1, 1), new LocalDate(2026, 11, 30));
        var posts = Enum.GetValues<Post>();
        var assignments = new List<AssignmentFact>();
        var start = hire;
        var changes = r.Next(4);
        for (var i = 0; i <= changes; i++)
        {
            var post = posts[r.Next(posts.Length)];
            int? decided = r.Next(10) == 0 ? TestRules.Suzhou.BandMin(post) + r.Next(TestRules.Suzhou.BandMax(post) - TestRules.Suzhou.BandMin(post) + 1) : null;
            var remaining = Period.DaysBetween(start, new LocalDate(2026, 12, 31));
            LocalDate? end = i < changes && remaining > 2 ? start.PlusDays(1 + r.Next(Math.Max(1, Math.Min(remaining - 1, 4000)))) : null;
            assignments.Add(new AssignmentFact(post, start, end, 3000 + r.Next(5), decided));
            if (end is null)
            {
                break;
            }
            start = end.Value.PlusDays(1);
        }
        var ratings = new List<AssessmentFact>();
        for (var y = hire.Year; y <= 2026; y++)
        {
            if (r.Next(8) != 0)
            {
                ratings.Add(new AssessmentFact(y, (AssessmentRating)(1 + r.Next(4))));
            }
        }
        var certificates = Enumerable.Range(0, r.Next(3))
            .Select(i => new CertificateFact((CertificateLevel)(1 + r.Next(3)), $"C{id}-{i}", RandomDate(r, new LocalDate(2010, 1, 1), new LocalDate(2026, 12, 31))))
            .ToList();
        LocalDate? probationEnd = r.Next(3) == 0 ? hire.PlusMonths(3 + r.Next(4)).PlusDays(-1) : null;
        LocalDate? leave = r.Next(8) == 0 ? RandomDate(r, hire, new LocalDate(2026, 12, 31)) : null;
        var deductions = Enumerable.Range(1, 12).Where(_ => r.Next(2) == 0)
            .Select(m => new MonthlyDeduction(new YearMonth(2026, m), Money.FromYuan(r.Next(0, 7) * 500m))).ToList();
        return new WorkerFacts(id, hire, assignments, (Education)(1 + r.Next(6)), r.Next(11), leave, probationEnd,
            certificates, ratings, r.Next(4) == 0 ? [2025, 2026] : [], deductions, r.Next(3) == 0 ? 3000m + r.Next(37000) : null);
    }

    private static IEnumerable<(WorkerFacts Facts, YearMonth Period)> Cases(int seed)
    {
        var r = new Random(seed);
        for (var i = 0; i < Workers; i++)
        {
            var facts = Generate(r, i);
            var first = facts.HireDate < new LocalDate(2025, 1, 1) ? new LocalDate(2025, 1, 1) : facts.HireDate;
            var last = facts.LeaveDate is { } l && l < new LocalDate(2026, 12, 31) ? l : new LocalDate(2026, 12, 31);
            if (first > last)
            {
                continue;
            }
            var day = RandomDate(r, first, last);
            yield return (facts, new YearMonth(day.Year, day.Month));
        }
    }

    private static YearToDate Ytd(YearMonth period, Random r) => YearToDate.Empty(period.Year) with
    {
        TaxableIncome = Money.FromYuan(r.Next(0, 100_000) * (period.Month - 1)),
        SpecialDeductions = Money.FromYuan(r.Next(0, 2_000) * (period.Month - 1)),
        TaxWithheld = Money.FromYuan(r.Next(0, 500) * (period.Month - 1)),
        GrossPaid = Money.FromYuan(r.Next(0, 12_000) * (period.Month - 1)),
        PerformanceReserve = Money.FromYuan(r.Next(0, 400) * (period.Month - 1)),
    };

    [Fact]
    public void NetIsGrossLessDeductionsLessTaxExactly()
    {
        var r = new Random(2);
        var count = 0;
        foreach (var (facts, period) in Cases(1))
        {
            foreach (var rules in Bases)
            {
                var p = PayrollEngine.Calculate(period, facts, Ytd(period, r), rules);
                long earnings = 0, deductions = 0, tax = 0;
                foreach (var line in p.Lines)
                {
                    switch (line.Category)
                    {
                        case LineCategory.Earning: earnings += line.Amount.Fen; break;
                        case LineCategory.Deduction: deductions += line.Amount.Fen; break;
                        case LineCategory.Tax: tax += line.Amount.Fen; break;
                        default: break;
                    }
                    line.From.Should().BeGreaterThanOrEqualTo(period.OnDayOfMonth(1));
                    line.To.Should().BeLessThanOrEqualTo(period.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(period.Year, period.Month)));
                    line.From.Should().BeLessThanOrEqualTo(line.To);
                }
                p.Gross.Fen.Should().Be(earnings);
                p.Net.Fen.Should().Be(earnings - deductions - tax, $"worker {facts.WorkerId} in {period}");
                p.Tax.Should().BeGreaterThanOrEqualTo(Money.Zero);
                count++;
            }
        }
        count.Should().BeGreaterThan(Workers * 2);
    }

    [Fact]
    public void SegmentsOfAFullMonthSumToTheMonth()
    {
        var checkedMonths = 0;
        foreach (var (facts, period) in Cases(3))
        {
            var first = period.OnDayOfMonth(1);
            var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(period.Year, period.Month);
            var last = period.OnDayOfMonth(daysInMonth);
            if (facts.HireDate > first || facts.LeaveDate < last)
            {
                continue;
            }
            foreach (var rules in Bases)
            {
                var p = PayrollEngine.Calculate(period, facts, YearToDate.Empty(period.Year), rules);
                // A prorated allowance of one value all month pays exactly one month, however the month is split.
                p.Total("COMMUNITY_SUBSIDY").Should().Be(Y(600m), $"worker {facts.WorkerId} {period} {rules.Proration}");
                p.Total("TRANSPORT").Should().Be(Y(300m));
                var covered = p.Lines.Where(l => l.Code == "COMMUNITY_SUBSIDY").Sum(l => Period.DaysBetween(l.From, l.To) + 1);
                covered.Should().Be(daysInMonth);
            }
            // Calendar basis, checked day by day against the grade held each day: the split lines add up to the rounded whole.
            var calendar = PayrollEngine.Calculate(period, facts, YearToDate.Empty(period.Year), Bases[0]);
            var exact = 0m;
            for (var d = first; d <= last; d = d.PlusDays(1))
            {
                var state = GradeCalculator.GradeAt(facts, Bases[0], d);
                var probation = facts.ProbationEnd is { } pe && d <= pe ? 0.8m : 1m;
                exact += Bases[0].BaseAmount(period.Year) * Bases[0].Coefficient(state.Post, state.Grade) * probation;
            }
            calendar.Total("GRADE_PAY").Should().Be(Y(exact / daysInMonth), $"worker {facts.WorkerId} {period}");
            checkedMonths++;
        }
        checkedMonths.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void GradeIsAlwaysInsideThePostsBand()
    {
        var r = new Random(4);
        var rules = TestRules.With(d => d.Certification.PostHireIncentive = "GradeUplift");
        for (var i = 0; i < Workers; i++)
        {
            var facts = Generate(r, i);
            for (var k = 0; k < 5; k++)
            {
                var date = RandomDate(r, facts.HireDate, new LocalDate(2035, 12, 31));
                foreach (var set in new[] { TestRules.Suzhou, rules })
                {
                    var state = GradeCalculator.GradeAt(facts, set, date);
                    state.Grade.Should().BeInRange(set.BandMin(state.Post), set.BandMax(state.Post), $"worker {i} on {date}");
                }
            }
        }
    }

    [Fact]
    public void PayNeverFallsWhenOnlyTheGradeRises()
    {
        var r = new Random(5);
        var rules = TestRules.Suzhou;
        for (var i = 0; i < Workers; i++)
        {
            var template = Generate(r, i);
            var post = Enum.GetValues<Post>()[r.Next(3)];
            var grade = rules.BandMin(post) + r.Next(rules.BandMax(post) - rules.BandMin(post));
            var period = new YearMonth(2026, 1 + r.Next(12));
            LocalDate? probationEnd = template.ProbationEnd is null ? null : new LocalDate(2026, 1 + r.Next(12), 1).PlusDays(-1);
            WorkerFacts At(int g) => new(i, new LocalDate(2024, 1, 1), [new AssignmentFact(post, new LocalDate(2024, 1, 1), null, 1, g)],
                template.Education, template.PriorServiceYears, null, probationEnd,
                template.Certificates, template.Assessments, template.LeaderYears, template.SpecialAdditionalDeductions, template.DeclaredContributionBase);
            var ytd = Ytd(period, new Random(i));
            var lower = PayrollEngine.Calculate(period, At(grade), ytd, rules);
            var higher = PayrollEngine.Calculate(period, At(grade + 1), ytd, rules);

            higher.Gross.Should().BeGreaterThanOrEqualTo(lower.Gross, $"worker {i}: {post} {grade}→{grade + 1} in {period}");
            foreach (var code in new[] { "GRADE_PAY", "PERF_MONTHLY", "PERF_RESERVE" })
            {
                higher.Total(code).Should().BeGreaterThanOrEqualTo(lower.Total(code));
            }
            if (period.Month != rules.YearEndMonth)
            {
                higher.Net.Should().BeGreaterThanOrEqualTo(lower.Net, $"worker {i}: {post} {grade}→{grade + 1} in {period}");
            }
        }
    }

    [Fact]
    public void TheSameInputAlwaysGivesTheSameOutput()
    {
        var cases = Cases(6).Take(500).ToArray();
        var r = new Random(7);
        var ytds = cases.Select(c => Ytd(c.Period, r)).ToArray();
        var first = cases.Select((c, i) => PayrollEngine.Calculate(c.Period, c.Facts, ytds[i], TestRules.Suzhou)).ToArray();
        var parallel = new Payslip[cases.Length];
        Parallel.For(0, cases.Length, i => parallel[i] = PayrollEngine.Calculate(cases[i].Period, cases[i].Facts, ytds[i], TestRules.Suzhou));

        for (var i = 0; i < cases.Length; i++)
        {
            parallel[i].Lines.Should().Equal(first[i].Lines);
            parallel[i].TaxWorksheet.Should().Be(first[i].TaxWorksheet);
            parallel[i].Net.Should().Be(first[i].Net);
            Enumerable.Range(0, first[i].Lines.Count).Select(k => Texts.Zh(first[i].Explain(k).Text))
                .Should().Equal(Enumerable.Range(0, parallel[i].Lines.Count).Select(k => Texts.Zh(parallel[i].Explain(k).Text)));
        }
    }

    [Fact]
    public void AYearsWithholdingAddsUpToTheCumulativeTax()
    {
        var r = new Random(8);
        for (var i = 0; i < 300; i++)
        {
            var facts = Generate(r, i);
            if (facts.HireDate.Year > 2026 || facts.LeaveDate?.Year < 2026 || facts.HireDate > new LocalDate(2026, 12, 1))
            {
                continue;
            }
            var payslips = Year(2026, facts);
            var last = payslips.Last(p => p is not null)!;
            payslips.Sum(p => p.TaxWorksheet.TaxThisMonth).Should().BeGreaterThanOrEqualTo(last.TaxWorksheet.CumulativeTax,
                "withholding never refunds, so what was withheld covers the cumulative tax");
            payslips.Sum(p => p.Gross).Should().Be(payslips.Sum(p => p.TaxWorksheet.Income) + payslips.Sum(p => p.TaxWorksheet.Bonus));
        }
    }
}
