using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Workers;
using Workforce.Payroll.Facts;
using Workforce.Payroll.Rules;
using static Workforce.Payroll.Tests.Run;

namespace Workforce.Payroll.Tests;

/// <summary>
/// The cumulative-withholding examples the State Taxation Administration published with the
/// 2019 reform (国家税务总局公告2018年第61号 解读), reproduced through the engine to the fen.
/// A 2019 rule set pays exactly the example's salary (grade pay only) and deducts exactly the
/// example's 三险一金 (one 15% employee contribution on the salary).
/// </summary>
public class TaxExampleTests
{
    private static RuleSet Rules2019(decimal salary, decimal bonusRate = 0m, decimal excellent = 1.2m) => TestRules.With(d =>
    {
        d.EffectiveFrom = new LocalDate(2019, 1, 1);
        d.GradePay.BaseAmounts = [new() { Year = 2019, Amount = salary }];
        d.GradePay.PostAllowances = new() { ["Head"] = 0, ["Deputy"] = 0, ["Staff"] = 0 };
        d.Allowances = [];
        d.Seniority.AmountPerYear = 0;
        d.Performance.Rate = bonusRate;
        d.Performance.MonthlyShare = 0;
        d.Performance.RatingFactors["Excellent"] = excellent;
        d.SocialInsurance.BaseLimits = [new() { Scheme = "All", From = new YearMonth(2019, 1), Lower = 0, Upper = 1_000_000 }];
        d.SocialInsurance.Contributions = [new() { Code = "SI", Name = "三险一金", Scheme = "All", EmployeeRate = 0.15m, EmployerRate = 0 }];
    });

    private static Payslip?[] Year2019(decimal salary, decimal specialAdditional, RuleSet? rules = null, AssessmentRating? rating = null) =>
        Year(2019, new WorkerFacts(1, new LocalDate(2015, 1, 1), [Assign(Post.Staff, new LocalDate(2015, 1, 1))],
            specialAdditionalDeductions: [.. Enumerable.Range(1, 12).Select(m => new MonthlyDeduction(new YearMonth(2019, m), Money.FromYuan(specialAdditional)))],
            assessments: rating is { } r ? [new AssessmentFact(2019, r)] : []), rules ?? Rules2019(salary));

    [Fact]
    public void Example1_Salary10000_Withholds75EveryMonth()
    {
        // 每月应发工资 10,000，减除费用 5,000，三险一金 1,500，子女教育 1,000:
        // 1月 (10000 − 5000 − 1500 − 1000) × 3% = 75；2月 (20000 − 10000 − 3000 − 2000) × 3% − 75 = 75；以此类推。
        var payslips = Year2019(10000m, 1000m);

        payslips[1]!.Line("SI_EE").Should().Be(Money.FromYuan(1500m));
        payslips.Skip(1).Select(p => p!.Line("IIT")).Should().AllBeEquivalentTo(Money.FromYuan(75m));
        payslips.Sum(p => p.Tax).Should().Be(Money.FromYuan(900m));
    }

    [Fact]
    public void Example2_Salary30000_Withholds555Then625Then1850()
    {
        // 每月应发 30,000，三险一金 4,500，住房贷款利息与赡养老人共 2,000:
        // 1月 (30000 − 5000 − 4500 − 2000) × 3% = 555；
        // 2月 (60000 − 10000 − 9000 − 4000) × 10% − 2520 − 555 = 625；
        // 3月 (90000 − 15000 − 13500 − 6000) × 10% − 2520 − 555 − 625 = 1850。
        var payslips = Year2019(30000m, 2000m);

        payslips[1]!.Line("IIT").Should().Be(Money.FromYuan(555m));
        payslips[2]!.Line("IIT").Should().Be(Money.FromYuan(625m));
        payslips[3]!.Line("IIT").Should().Be(Money.FromYuan(1850m));
        // The rest of the year on the same method: cumulative taxable 18,500 × n.
        payslips[12]!.TaxWorksheet.CumulativeTaxable.Should().Be(Money.FromYuan(18500m * 12));
        payslips.Sum(p => p.Tax).Should().Be(Money.FromYuan(18500m * 12 * 0.20m - 16920m));        // 27,480
        // August is the first month past 144,000 (148,000 at 20%; July's 129,500 was still at 10%).
        payslips[8]!.Line("IIT").Should().Be(Money.FromYuan((18500m * 8 * 0.20m - 16920m) - (18500m * 7 * 0.10m - 2520m)));
    }

    [Fact]
    public void AnnualOneOffBonusIsTaxedOnTheMonthlyTableAfterDividingByTwelve()
    {
        // 财税〔2018〕164号: 全年一次性奖金 ÷ 12 picks the rate of the monthly table; tax = bonus × rate − quick deduction.
        // Performance withheld 25% × 10,000 × 12 = 30,000, × 优秀 1.2 = 36,000 → 3,000 a month → 3%: 1,080.
        var payslips = Year2019(10000m, 0m, Rules2019(10000m, bonusRate: 0.25m), AssessmentRating.Excellent);
        var dec = payslips[12]!;
        dec.Line("PERF_YEAR_END").Should().Be(Money.FromYuan(36000m));
        dec.Line("IIT_BONUS").Should().Be(Money.FromYuan(1080m));

        // × 1.5 would be 45,000 → 3,750 a month → 10%, quick deduction 210: 4,290.
        var higher = Year2019(10000m, 0m, Rules2019(10000m, bonusRate: 0.25m, excellent: 1.5m), AssessmentRating.Excellent)[12]!;
        higher.Line("PERF_YEAR_END").Should().Be(Money.FromYuan(45000m));
        higher.Line("IIT_BONUS").Should().Be(Money.FromYuan(45000m * 0.10m - 210m));
    }

    [Fact]
    public void NoRefundWhenTheCumulativeTaxFallsBelowWhatWasWithheld()
    {
        // Withheld 600 already (e.g. from a period since corrected) but the cumulative tax is 75: nothing this month, never negative.
        var rules = Rules2019(10000m);
        var ytd = YearToDate.Empty(2019) with { TaxWithheld = Money.FromYuan(600m) };
        var payslip = Engine.PayrollEngine.Calculate(new YearMonth(2019, 1), new WorkerFacts(1, new LocalDate(2015, 1, 1),
            [Assign(Post.Staff, new LocalDate(2015, 1, 1))],
            specialAdditionalDeductions: [new MonthlyDeduction(new YearMonth(2019, 1), Money.FromYuan(1000m))]), ytd, rules);

        payslip.TaxWorksheet.CumulativeTax.Should().Be(Money.FromYuan(75m));
        payslip.Line("IIT").Should().Be(Money.Zero);
        Texts.Zh(payslip.Explain(payslip.Lines.ToList().FindIndex(l => l.Code == "IIT")).Arithmetic).Should().Contain("不退税");
    }
}
