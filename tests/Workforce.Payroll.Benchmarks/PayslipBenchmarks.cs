using BenchmarkDotNet.Attributes;
using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Workers;
using Workforce.Payroll;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;
using Workforce.Payroll.Rules;

namespace Workforce.Payroll.Benchmarks;

/// <summary>
/// Payslips per second on one thread. Each invocation computes a payslip for each of 1,000
/// prepared workers (OperationsPerInvoke), so the reported mean and allocation are per payslip.
/// </summary>
[MemoryDiagnoser]
public class PayslipBenchmarks
{
    private const int Count = 1000;
    private static readonly YearMonth Period = new(2026, 7);
    private RuleSet _rules = null!;
    private WorkerFacts[] _typical = null!;
    private WorkerFacts[] _twoChanges = null!;
    private YearToDate _ytd;

    [GlobalSetup]
    public void Setup()
    {
        _rules = RuleSetProfiles.Suzhou();
        var random = new Random(1);
        _typical = new WorkerFacts[Count];
        _twoChanges = new WorkerFacts[Count];
        for (var i = 0; i < Count; i++)
        {
            var hire = new LocalDate(2005 + random.Next(20), 1 + random.Next(12), 1 + random.Next(28));
            var post = (Post)(1 + random.Next(3));
            var ratings = Enumerable.Range(hire.Year, 2026 - hire.Year)
                .Select(y => new AssessmentFact(y, random.Next(10) == 0 ? AssessmentRating.Excellent : AssessmentRating.Qualified)).ToArray();
            CertificateFact[] certificates = random.Next(3) == 0
                ? [new CertificateFact(CertificateLevel.AssistantSocialWorker, "C" + i, hire.PlusYears(2))]
                : [];
            var deductions = new[] { new MonthlyDeduction(Period, Money.FromYuan(2000m)) };
            // Typical: one post since hire, a decade or two of ratings, maybe a certificate, declared deductions.
            _typical[i] = new WorkerFacts(i, hire, [new AssignmentFact(post, hire, null, 3000 + i % 100)],
                Education.Bachelor, random.Next(5), certificates: certificates, assessments: ratings, specialAdditionalDeductions: deductions);
            // Two mid-month changes: a transfer on the 10th and a promotion to Head on the 20th of the period.
            _twoChanges[i] = new WorkerFacts(i, hire,
                [
                    new AssignmentFact(Post.Staff, hire, new LocalDate(2026, 7, 9), 3000),
                    new AssignmentFact(Post.Staff, new LocalDate(2026, 7, 10), new LocalDate(2026, 7, 19), 3001),
                    new AssignmentFact(Post.Head, new LocalDate(2026, 7, 20), null, 3001),
                ],
                Education.Bachelor, random.Next(5), certificates: certificates, assessments: ratings, specialAdditionalDeductions: deductions);
        }
        _ytd = YearToDate.Empty(2026) with
        {
            TaxableIncome = Money.FromYuan(60000m),
            SpecialDeductions = Money.FromYuan(9000m),
            SpecialAdditionalDeductions = Money.FromYuan(12000m),
            TaxWithheld = Money.FromYuan(900m),
            GrossPaid = Money.FromYuan(60000m),
            PerformanceReserve = Money.FromYuan(1800m),
        };
    }

    [Benchmark(OperationsPerInvoke = Count, Baseline = true)]
    public long Typical()
    {
        var sum = 0L;
        foreach (var facts in _typical)
        {
            sum += PayrollEngine.Calculate(Period, facts, _ytd, _rules).Net.Fen;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long TwoMidMonthChanges()
    {
        var sum = 0L;
        foreach (var facts in _twoChanges)
        {
            sum += PayrollEngine.Calculate(Period, facts, _ytd, _rules).Net.Fen;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int ExplainTypical()
    {
        var length = 0;
        foreach (var facts in _typical)
        {
            var payslip = PayrollEngine.Calculate(Period, facts, _ytd, _rules);
            for (var i = 0; i < payslip.Lines.Count; i++)
            {
                length += Texts.Zh(payslip.Explain(i).Text).Length;
            }
        }
        return length;
    }
}
