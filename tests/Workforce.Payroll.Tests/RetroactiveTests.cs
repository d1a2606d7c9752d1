using FluentAssertions;
using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;
using Xunit;
using static Workforce.Payroll.Tests.Run;

namespace Workforce.Payroll.Tests;

/// <summary>Retroactive corrections: a past period recomputed against what was paid, carried into a later payslip.</summary>
public class RetroactiveTests
{
    private static readonly YearMonth March = new(2026, 3);
    private static readonly YearMonth May = new(2026, 5);

    private static PaidComponent[] PaidOf(Payslip payslip) =>
        [.. payslip.Lines.Select(l => new PaidComponent(l.Code, l.Category, l.Amount))];

    private static WorkerFacts Staff(int? grade, LocalDate? promoted = null) => new(1, D(2020, 1, 1),
        promoted is { } p ? [Assign(Post.Staff, D(2020, 1, 1), p.PlusDays(-1), grade: grade), Assign(Post.Deputy, p, grade: 8)]
            : [Assign(Post.Staff, D(2020, 1, 1), grade: grade)],
        assessments: Ratings(2020, 2025, AssessmentRating.Qualified));

    [Fact]
    public void ABackdatedPromotionGivesSignedDifferencesPerComponentThatMakeUpTheRecomputedPeriod()
    {
        var paid = PayrollEngine.Calculate(March, Staff(3), YearToDate.Empty(2026), TestRules.Suzhou);
        var promoted = Staff(3, promoted: D(2026, 3, 1));
        var recomputed = PayrollEngine.Calculate(March, promoted, YearToDate.Empty(2026), TestRules.Suzhou);

        var lines = Retroactive.Differences(recomputed, PaidOf(paid), paid.Post, paid.Grade);

        lines.Should().NotBeEmpty();
        lines.Should().OnlyContain(l => l.Item.Original != null && l.Code.StartsWith("RETRO_") && l.From == D(2026, 3, 1) && l.To == D(2026, 3, 31));
        lines.Should().NotContain(l => l.Category == LineCategory.Tax, "back pay is taxed in the month it is paid");
        var grade = lines.Single(l => l.Code == "RETRO_GRADE_PAY");
        grade.Amount.Should().Be(recomputed.Total("GRADE_PAY") - paid.Total("GRADE_PAY"));
        grade.Amount.Fen.Should().BePositive();
        // Paid plus the differences is exactly the recomputed period, component by component.
        foreach (var line in lines)
        {
            var code = line.Item.Original!.Code;
            (paid.Total(code) + line.Amount).Should().Be(recomputed.Total(code), code);
        }
        var text = Explain(lines, grade);
        text.Should().Contain("2026-03 补发").And.Contain("岗位调整 其他社区工作者→副职").And.Contain(grade.Amount.Yuan.ToString("+#,##0.00", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Explain(IReadOnlyList<PayslipLine> carried, PayslipLine line)
    {
        var payslip = PayrollEngine.Calculate(May, Staff(3, promoted: D(2026, 3, 1)), YearToDate.Empty(2026), TestRules.Suzhou, carried.ToArray());
        var index = payslip.Lines.ToList().IndexOf(line);
        index.Should().BeGreaterThanOrEqualTo(0);
        return Texts.Zh(payslip.Explain(index).Text);
    }

    [Fact]
    public void ACutProducesNegativeLinesAndAComponentNoLongerDueIsTakenBackWhole()
    {
        var paid = PayrollEngine.Calculate(March, Staff(5), YearToDate.Empty(2026), TestRules.Suzhou);
        var lower = PayrollEngine.Calculate(March, Staff(3), YearToDate.Empty(2026), TestRules.Suzhou);
        var extra = PaidOf(paid).Append(new PaidComponent("CERT_ALLOWANCE", LineCategory.Earning, Money.FromYuan(300m))).ToArray();

        var lines = Retroactive.Differences(lower, extra, paid.Post, paid.Grade);

        lines.Single(l => l.Code == "RETRO_GRADE_PAY").Amount.Fen.Should().BeNegative();
        lines.Single(l => l.Code == "RETRO_CERT_ALLOWANCE").Amount.Should().Be(Money.FromYuan(-300m));
        Explain(lines, lines.Single(l => l.Code == "RETRO_GRADE_PAY")).Should().Contain($"等级调整 {paid.Grade}→{lower.Grade}级").And.Contain("扣回");
    }

    [Fact]
    public void NothingChangedGivesNoLines()
    {
        var paid = PayrollEngine.Calculate(March, Staff(3), YearToDate.Empty(2026), TestRules.Suzhou);
        Retroactive.Differences(paid, PaidOf(paid), paid.Post, paid.Grade).Should().BeEmpty();
    }

    [Fact]
    public void CarriedLinesAreIncomeOfTheMonthTheyArePaidInAndKeepTheNetIdentity()
    {
        var plain = PayrollEngine.Calculate(May, Staff(3), YearToDate.Empty(2026), TestRules.Suzhou);
        var paid = PayrollEngine.Calculate(March, Staff(3), YearToDate.Empty(2026), TestRules.Suzhou);
        var recomputed = PayrollEngine.Calculate(March, Staff(3, promoted: D(2026, 3, 1)), YearToDate.Empty(2026), TestRules.Suzhou);
        var carried = Retroactive.Differences(recomputed, PaidOf(paid), paid.Post, paid.Grade).ToArray();

        var withBackPay = PayrollEngine.Calculate(May, Staff(3), YearToDate.Empty(2026), TestRules.Suzhou, carried);

        var earnings = new Money(carried.Where(c => c.Category == LineCategory.Earning).Sum(c => c.Amount.Fen));
        var deductions = new Money(carried.Where(c => c.Category == LineCategory.Deduction).Sum(c => c.Amount.Fen));
        withBackPay.Gross.Should().Be(plain.Gross + earnings);
        withBackPay.Deductions.Should().Be(plain.Deductions + deductions);
        withBackPay.TaxWorksheet.Income.Should().Be(plain.TaxWorksheet.Income + earnings);
        withBackPay.Tax.Should().BeGreaterThanOrEqualTo(plain.Tax);
        withBackPay.Net.Should().Be(withBackPay.Gross - withBackPay.Deductions - withBackPay.Tax);
        YearToDate.Empty(2026).Add(withBackPay).PerformanceReserve.Should().Be(
            YearToDate.Empty(2026).Add(plain).PerformanceReserve + (recomputed.Total("PERF_RESERVE") - paid.Total("PERF_RESERVE")),
            "a corrected reserve joins what the year end settles");

        var tax = new PayslipLine(PayItems.IncomeTax, Money.FromYuan(1m), D(2026, 3, 1), D(2026, 3, 31), default);
        var refuse = () => PayrollEngine.Calculate(May, Staff(3), YearToDate.Empty(2026), TestRules.Suzhou, [tax]);
        refuse.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void AStoredPayslipReadsBackWithTheSameTotalsAndExplanations()
    {
        var original = PayrollEngine.Calculate(May, Staff(3), YearToDate.Empty(2026), TestRules.Suzhou);
        var lines = original.Lines.Select(l => new PayslipLine(TestRules.Suzhou.FindItem(l.Code)!, l.Amount, l.From, l.To, l.Basis)).ToArray();

        var restored = Payslip.Restore(original.WorkerId, original.Period, TestRules.Suzhou, lines, original.TaxWorksheet,
            original.CommunityId, original.Post, original.Grade, original.ContributionBase, []);

        restored.Net.Should().Be(original.Net);
        restored.EmployerContributions.Should().Be(original.EmployerContributions);
        Enumerable.Range(0, lines.Length).Select(i => Texts.Zh(restored.Explain(i).Text))
            .Should().Equal(Enumerable.Range(0, lines.Length).Select(i => Texts.Zh(original.Explain(i).Text)));
        TestRules.Suzhou.FindItem("RETRO_GRADE_PAY")!.Original.Should().BeSameAs(PayItems.GradePay);
        TestRules.Suzhou.FindItem("NO_SUCH_CODE").Should().BeNull();
    }
}
