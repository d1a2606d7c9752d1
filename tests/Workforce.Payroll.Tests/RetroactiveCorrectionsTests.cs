using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;
using static Workforce.Payroll.Tests.Run;

namespace Workforce.Payroll.Tests;

/// <summary>
/// The fingerprint of "which facts change a month's pay" and the planning of retroactive corrections: pure functions of the
/// facts, the months as paid and the rules, tested without a database.
/// </summary>
public class RetroactiveCorrectionsTests
{
    private static WorkerFacts Worker(int grade = 3, LocalDate? promoted = null, IReadOnlyList<CertificateFact>? certificates = null,
        IReadOnlyList<AssessmentFact>? assessments = null, IReadOnlyList<int>? leaderYears = null) => new(1, D(2020, 1, 1),
        promoted is { } p ? [Assign(Post.Staff, D(2020, 1, 1), p.PlusDays(-1), grade: grade), Assign(Post.Deputy, p, grade: 8)] : [Assign(Post.Staff, D(2020, 1, 1), grade: grade)],
        assessments: assessments ?? Ratings(2020, 2025, AssessmentRating.Qualified), certificates: certificates, leaderYears: leaderYears);

    private static long Print(WorkerFacts facts, int month) => FactsFingerprint.Of(facts, new YearMonth(2026, month), 12);

    [Fact]
    public void TheFingerprintIsStableAndChangesOnlyWithFactsThatChangeThatMonthsPay()
    {
        Print(Worker(), 3).Should().Be(Print(Worker(), 3), "the same facts give the same fingerprint");
        Print(Worker(grade: 4), 3).Should().NotBe(Print(Worker(), 3), "a recorded grade changes pay");
        Print(Worker(promoted: D(2026, 3, 1)), 3).Should().NotBe(Print(Worker(), 3), "a post change changes pay");

        var certificate = new CertificateFact(CertificateLevel.SocialWorker, "SW1", D(2026, 4, 10));
        Print(Worker(certificates: [certificate]), 3).Should().Be(Print(Worker(), 3), "a certificate registered after the month is not a fact of it");
        Print(Worker(certificates: [certificate]), 4).Should().NotBe(Print(Worker(), 4));

        var rated2026 = Worker(assessments: [.. Ratings(2020, 2025, AssessmentRating.Qualified), new AssessmentFact(2026, AssessmentRating.Excellent)]);
        Print(rated2026, 6).Should().Be(Print(Worker(), 6), "the month's own year is rated only at the year end");
        Print(rated2026, 12).Should().NotBe(Print(Worker(), 12), "the year end settles the year's rating");
        Print(Worker(leaderYears: [2026]), 6).Should().Be(Print(Worker(), 6));
        Print(Worker(leaderYears: [2026]), 12).Should().NotBe(Print(Worker(), 12), "the leader floor is settled in December");
    }

    private static PaidMonth Paid(WorkerFacts facts, int month, YearToDate ytd, out Payslip payslip)
    {
        var m = new YearMonth(2026, month);
        payslip = PayrollEngine.Calculate(m, facts, ytd, TestRules.Suzhou);
        var w = payslip.TaxWorksheet;
        return new PaidMonth(100 + month, m, FactsFingerprint.Of(facts, m, TestRules.Suzhou.YearEndMonth), payslip.Post, payslip.Grade,
            new PaidFigures(w.Income.Fen, w.SpecialDeductions.Fen, w.SpecialAdditionalDeductions.Fen, w.TaxThisMonth.Fen, payslip.Gross.Fen,
                payslip.EmployerContributions.Fen, payslip.PerformanceReserve.Fen), [.. payslip.SettledAwards]);
    }

    [Fact]
    public void OnlyTheMonthsWhoseFactsChangedAreRecomputedAndTheCorrectionsBringThemToTodaysFacts()
    {
        var before = Worker();
        var march = Paid(before, 3, YearToDate.Empty(2026), out var marchPaid);
        var april = Paid(before, 4, YearToDate.Empty(2026).Add(marchPaid), out var aprilPaid);
        PaidMonth[] months = [march, april];
        PaidLine[] lines = [.. marchPaid.Lines.Select(l => PaidLine.Of(march.Month, null, l.Code, l.Category, l.Amount.Fen)),
            .. aprilPaid.Lines.Select(l => PaidLine.Of(april.Month, null, l.Code, l.Category, l.Amount.Fen))];

        RetroactiveCorrections.Changed(before, months, _ => null, _ => TestRules.Suzhou).Should().BeEmpty("nothing changed since they were paid");

        var promotedInApril = Worker(promoted: D(2026, 4, 1));
        var changed = RetroactiveCorrections.Changed(promotedInApril, months, _ => null, _ => TestRules.Suzhou);
        // The fingerprint covers the whole post history, so March is recomputed too; only April's pay differs.
        changed.Select(c => c.Month.Month).Should().Equal(march.Month, april.Month);

        var (corrections, fingerprints) = RetroactiveCorrections.Lines(promotedInApril, changed, months, lines, _ => TestRules.Suzhou);
        corrections.Should().NotBeEmpty().And.OnlyContain(l => l.From == D(2026, 4, 1) && l.Code.StartsWith(PayItems.RetroPrefix, StringComparison.Ordinal));
        fingerprints.Should().ContainKey(april.Month).WhoseValue.Should().Be(changed[1].Fingerprint);
        var recomputed = PayrollEngine.Calculate(april.Month, promotedInApril, YearToDate.Empty(2026).Add(marchPaid), TestRules.Suzhou);
        foreach (var line in corrections)
        {
            var code = line.Item.Original!.Code;
            (aprilPaid.Total(code) + line.Amount).Should().Be(recomputed.Total(code), $"{code}: paid plus the correction is April with today's facts");
        }

        // Once a correction brought April to today's facts, it is not corrected again.
        RetroactiveCorrections.Changed(promotedInApril, months, m => fingerprints.TryGetValue(m, out var h) ? h : null, _ => TestRules.Suzhou).Should().BeEmpty();
    }

    [Fact]
    public void ALinePaidLaterForAnEarlierMonthCountsForThatMonth()
    {
        var line = PaidLine.Of(new YearMonth(2026, 5), new YearMonth(2026, 3), "RETRO_GRADE_PAY", LineCategory.Earning, 12_345);
        line.ForMonth.Should().Be(new YearMonth(2026, 3));
        line.Component.Code.Should().Be("GRADE_PAY");
        line.Component.Amount.Fen.Should().Be(12_345);
        PaidLine.Of(new YearMonth(2026, 5), null, "GRADE_PAY", LineCategory.Earning, 1).ForMonth.Should().Be(new YearMonth(2026, 5));
    }
}
