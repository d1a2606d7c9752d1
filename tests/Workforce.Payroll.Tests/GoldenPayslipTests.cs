using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;
using Workforce.Payroll.Rules;
using static Workforce.Payroll.Tests.Run;
using Rating = Workforce.Domain.Assessment.AssessmentRating;

namespace Workforce.Payroll.Tests;

/// <summary>
/// Golden payslips: typical workers run through a whole year under the shipped Suzhou profile
/// (2026 base amount 5,000; coefficient 1.000 at grade 1 rising 0.021 a grade; post allowance
/// Head 500 / Deputy 300; seniority 10 a year; allowances 600 + 300 prorated and 100 not;
/// performance 20% of grade pay + post allowance, 70% monthly and 30% at the year end;
/// probation 80% without performance; insurance 8% + 2% + 0.5% and housing fund 10% on a base
/// clamped to 4,700–25,000 (housing fund 2,540–30,000) from 2025-07). Every expectation is
/// worked out by hand below, the arithmetic written out, and rounded once with <see cref="Run.Y"/>.
/// </summary>
public class GoldenPayslipTests
{
    // Employee contributions on a base b: 8% + 2% + 0.5% + 10%, each rounded to the fen.
    private static Money Contributions(decimal b) => Y(b * 0.08m) + Y(b * 0.02m) + Y(b * 0.005m) + Y(b * 0.10m);

    [Fact]
    public void StaffGradeOneEarnsAbout84000AYear()
    {
        // 入职 2025-01-01, 大专, grade 1; 2025 合格 (one qualifying year, no step yet); 2026 合格 recorded in December.
        var payslips = Year(2026, p => new WorkerFacts(1, D(2025, 1, 1), [Assign(Post.Staff, D(2025, 1, 1))],
            probationEnd: D(2025, 3, 31),
            assessments: p.Month == 12 ? [new(2025, Rating.Qualified), new(2026, Rating.Qualified)] : [new(2025, Rating.Qualified)]));

        foreach (var p in payslips.Skip(1))
        {
            p!.Grade.Should().Be(1);
            p.Line("GRADE_PAY").Should().Be(Y(5000m * 1.000m));
            p.Line("SENIORITY").Should().Be(Y(10m * 1));          // one completed year on the 1st of each month
            p.Line("COMMUNITY_SUBSIDY").Should().Be(Y(600m));
            p.Line("TRANSPORT").Should().Be(Y(300m));
            p.Line("COMMUNICATION").Should().Be(Y(100m));
            p.Line("PERF_MONTHLY").Should().Be(Y(0.20m * 5000m * 0.70m));  // 700.00
            p.Line("PERF_RESERVE").Should().Be(Y(0.20m * 5000m * 0.30m));  // 300.00 withheld (information)
            // Base = standard monthly pay 5000 + 1000 (whole performance) + 10 + 1000 = 7010.
            p.Line("PENSION_EE").Should().Be(Y(7010m * 0.08m));          // 560.80
            p.Line("MEDICAL_EE").Should().Be(Y(7010m * 0.02m));          // 140.20
            p.Line("UNEMPLOYMENT_EE").Should().Be(Y(7010m * 0.005m));    // 35.05
            p.Line("HOUSING_FUND_EE").Should().Be(Y(7010m * 0.10m));     // 701.00
            p.Has("INJURY_EE").Should().BeFalse("the employee pays no work-injury insurance");
            p.Line("INJURY_ER").Should().Be(Y(7010m * 0.002m));
        }
        var jan = payslips[1]!;
        var monthlyGross = 5000m + 10m + 600m + 300m + 100m + 700m;                 // 6710
        jan.Gross.Should().Be(Y(monthlyGross));
        jan.Deductions.Should().Be(Contributions(7010m));                          // 1437.05
        // Cumulative withholding, January: (6710 − 5000 − 1437.05) × 3% = 8.1885.
        jan.Line("IIT").Should().Be(Y((6710m - 5000m - 1437.05m) * 0.03m));
        jan.Net.Should().Be(Y(6710m - 1437.05m) - Y(272.95m * 0.03m));            // 5264.76
        // February: cumulative 545.90 × 3% = 16.377 → 16.38, less 8.19 withheld.
        payslips[2]!.Line("IIT").Should().Be(Y(272.95m * 2 * 0.03m) - Y(272.95m * 0.03m));

        var dec = payslips[12]!;
        dec.Line("PERF_YEAR_END").Should().Be(Y(12 * 300m * 1.0m));               // 3600 × 合格 1.0
        dec.Line("IIT_BONUS").Should().Be(Y(3600m * 0.03m));                       // 3600 ÷ 12 = 300 → 3%
        dec.Line("IIT").Should().Be(Y(272.95m * 12 * 0.03m) - Y(272.95m * 11 * 0.03m)); // 98.26 − 90.07
        payslips.Sum(p => p.Gross).Should().Be(Y(12 * monthlyGross + 3600m));    // 84,120.00
        payslips.Sum(p => p.Tax).Should().Be(Y(272.95m * 12 * 0.03m) + Y(3600m * 0.03m));
    }

    [Fact]
    public void TheSeparateAnnualBonusTableAppliesOnlyUntilItsPolicyEndsAndTheExplanationSaysWhy()
    {
        // The staff worker of the test above: a 3,600 year-end bonus in December 2026.
        WorkerFacts Facts(YearMonth p) => new(1, D(2025, 1, 1), [Assign(Post.Staff, D(2025, 1, 1))],
            assessments: p.Month == 12 ? [new(2026, Rating.Qualified)] : []);
        RuleSet Until(LocalDate until)
        {
            var document = TestRules.Suzhou.ToDocument();
            document.IncomeTax.SeparateAnnualBonusUntil = until;
            return RuleSet.Compile(document);
        }
        TestRules.Suzhou.SeparateAnnualBonusUntil.Should().Be(D(2027, 12, 31), "公告2023年第30号 extends it to the end of 2027");

        var valid = Year(2026, Facts, Until(D(2026, 12, 31)))[12]!;
        valid.Line("IIT_BONUS").Should().Be(Y(3600m * 0.03m));

        var ended = Year(2026, Facts, Until(D(2026, 6, 30)))[12]!;
        ended.Has("IIT_BONUS").Should().BeFalse("after its end the bonus is taxed with the rest of the income");
        ended.Line("IIT").Should().Be(Y((272.95m * 12 + 3600m) * 0.03m) - Y(272.95m * 11 * 0.03m));
        var why = ended.Explain(ended.Lines.ToList().FindIndex(l => l.Code == "IIT"));
        why.Parameters.Select(p => p.Name.Code).Should().Contain("Explain.P.BonusPolicyEnded");
        Texts.Zh(why.Text).Should().Contain("2026-06-30").And.Contain("并入综合所得");
        var validWhy = valid.Explain(valid.Lines.ToList().FindIndex(l => l.Code == "IIT"));
        validWhy.Parameters.Select(p => p.Name.Code).Should().NotContain("Explain.P.BonusPolicyEnded");
    }

    [Fact]
    public void AnOpeningBalanceAsOfSeptemberGivesTheSameOctoberAndNovemberAsComputingTheWholeYear()
    {
        // The grade-18 head below, computed from January, against the same worker going live in October with the
        // January–September figures entered as an opening balance (期初累计).
        var facts = new WorkerFacts(2, D(2000, 1, 1), [Assign(Post.Head, D(2000, 1, 1), grade: 18)]);
        var year = Year(2026, facts);
        var ytd = YearToDate.Empty(2026);
        for (var m = 1; m <= 9; m++)
        {
            ytd = ytd.Add(year[m]!);
        }
        var opening = new OpeningFigures(new YearMonth(2026, 9), new PaidFigures(ytd.TaxableIncome.Fen, ytd.SpecialDeductions.Fen, ytd.SpecialAdditionalDeductions.Fen,
            ytd.TaxWithheld.Fen, ytd.GrossPaid.Fen, 0, ytd.PerformanceReserve.Fen), 9);

        var october = PayrollEngine.Calculate(new YearMonth(2026, 10), facts, OpeningFigures.Combine(new YearMonth(2026, 10), [opening], default), TestRules.Suzhou);
        october.Lines.Should().Equal(year[10]!.Lines);
        october.TaxWorksheet.Should().Be(year[10]!.TaxWorksheet);
        var octoberFigures = new PaidFigures(october.TaxWorksheet.Income.Fen, october.TaxWorksheet.SpecialDeductions.Fen, october.TaxWorksheet.SpecialAdditionalDeductions.Fen,
            october.TaxWorksheet.TaxThisMonth.Fen, october.Gross.Fen, october.EmployerContributions.Fen, october.PerformanceReserve.Fen);
        var november = PayrollEngine.Calculate(new YearMonth(2026, 11), facts, OpeningFigures.Combine(new YearMonth(2026, 11), [opening], octoberFigures), TestRules.Suzhou);
        november.Lines.Should().Equal(year[11]!.Lines);
        november.TaxWorksheet.Months.Should().Be(11);

        // Without it, ten months of basic deduction meet one month of income and nothing is withheld: the bug of issue 13.
        var withoutOpening = PayrollEngine.Calculate(new YearMonth(2026, 10), facts, YearToDate.Empty(2026), TestRules.Suzhou);
        withoutOpening.Line("IIT").Should().Be(Money.Zero);
        year[10]!.Line("IIT").Should().BeGreaterThan(Money.Zero);
        // The months of basic deduction are the opening balance's, not the months since January: five entered, six in October.
        var fewer = PayrollEngine.Calculate(new YearMonth(2026, 10), facts, OpeningFigures.Combine(new YearMonth(2026, 10), [opening with { DeductionMonths = 5 }], default), TestRules.Suzhou);
        fewer.TaxWorksheet.Months.Should().Be(6);
        fewer.TaxWorksheet.CumulativeBasicDeduction.Should().Be(Y(30000m));
        // An opening balance of another year opens nothing.
        OpeningFigures.Combine(new YearMonth(2027, 1), [opening], default).DeductionMonths.Should().BeNull();
    }

    [Fact]
    public void TheContributionBaseOfAContributionYearStaysFixedThroughAMidYearGradeChangeAndTheExplanationNamesIt()
    {
        // A staff worker promoted by decision from grade 5 to 9 on 1 April 2026; bases declared for the contribution years
        // 2025 (July 2025 – June 2026) and 2026 (from July 2026), Suzhou's year starting in July.
        TestRules.Suzhou.ContributionYearStartMonth.Should().Be(7);
        var facts = new WorkerFacts(3, D(2020, 1, 1), [Assign(Post.Staff, D(2020, 1, 1), D(2026, 3, 31), grade: 5), Assign(Post.Staff, D(2026, 4, 1), grade: 9)],
            contributionBases: [new ContributionBaseFact(2025, 8000m), new ContributionBaseFact(2026, 9000m)]);
        var year = Year(2026, facts);
        year[3]!.Line("GRADE_PAY").Should().BeLessThan(year[4]!.Line("GRADE_PAY"), "the grade change raises the pay in April");
        for (var m = 1; m <= 6; m++)
        {
            year[m]!.Deductions.Should().Be(Contributions(8000m), $"month {m} is in the 2025 contribution year");
        }
        for (var m = 7; m <= 12; m++)
        {
            year[m]!.Deductions.Should().Be(Contributions(9000m), $"month {m} is in the 2026 contribution year");
        }
        var may = year[5]!;
        var why = may.Explain(may.Lines.ToList().FindIndex(l => l.Code == "PENSION_EE"));
        Texts.Zh(why.Text).Should().Contain("8,000.00").And.Contain("2025—2026 缴费年度");

        // Without a base for the year the standard monthly pay follows the grade, so the base moves in April.
        var undeclared = Year(2026, new WorkerFacts(3, D(2020, 1, 1), [Assign(Post.Staff, D(2020, 1, 1), D(2026, 3, 31), grade: 5), Assign(Post.Staff, D(2026, 4, 1), grade: 9)]));
        undeclared[4]!.Deductions.Should().NotBe(undeclared[3]!.Deductions);

        // A fund centre that rounds to the yuan: the housing-fund share of 9,176 × 10% = 917.60 becomes 918.
        var document = TestRules.Suzhou.ToDocument();
        document.SocialInsurance.Contributions.Single(c => c.Code == "HOUSING_FUND").Rounding = "yuan";
        var yuan = RuleSet.Compile(document);
        var fixedBase = new WorkerFacts(4, D(2020, 1, 1), [Assign(Post.Staff, D(2020, 1, 1))], declaredContributionBase: 9176m);
        PayrollEngine.Calculate(new YearMonth(2026, 5), fixedBase, YearToDate.Empty(2026), TestRules.Suzhou).Line("HOUSING_FUND_EE").Should().Be(Y(917.60m));
        var rounded = PayrollEngine.Calculate(new YearMonth(2026, 5), fixedBase, YearToDate.Empty(2026), yuan);
        rounded.Line("HOUSING_FUND_EE").Should().Be(Y(918m));
        rounded.Line("PENSION_EE").Should().Be(Y(734.08m), "the other schemes keep the fen");
        Texts.Zh(rounded.Explain(rounded.Lines.ToList().FindIndex(l => l.Code == "HOUSING_FUND_EE")).Text).Should().Contain("取整到元");
    }

    [Fact]
    public void HeadGradeEighteenEarnsAbout120000AYear()
    {
        // 入职 2000-01-01 as Head, placed at grade 18 by decision (the band ceiling); 26 years' seniority.
        var payslips = Year(2026, p => new WorkerFacts(2, D(2000, 1, 1), [Assign(Post.Head, D(2000, 1, 1), grade: 18)],
            assessments: p.Month == 12 ? [new(2026, Rating.Qualified)] : []));

        var monthly = 5000m * 1.357m + 500m + 10m * 26 + 600m + 300m + 100m + 0.20m * (6785m + 500m) * 0.70m;
        monthly.Should().Be(9564.90m);
        var jan = payslips[1]!;
        jan.Gross.Should().Be(Y(monthly));
        jan.Line("POST_ALLOWANCE").Should().Be(Y(500m));
        // Base 6785 + 500 + 1457 + 260 + 1000 = 10002.
        jan.Deductions.Should().Be(Contributions(10002m));                          // 2050.41
        jan.Line("IIT").Should().Be(Y((monthly - 5000m - 2050.41m) * 0.03m));        // 2514.49 × 3%
        var dec = payslips[12]!;
        dec.Line("PERF_YEAR_END").Should().Be(Y(12 * 437.10m));                      // 5245.20
        dec.Line("IIT").Should().Be(Y(2514.49m * 12 * 0.03m) - Y(2514.49m * 11 * 0.03m));
        dec.Line("IIT_BONUS").Should().Be(Y(5245.20m * 0.03m));
        payslips.Sum(p => p.Gross).Should().Be(Y(12 * monthly + 5245.20m));           // 120,024.00
    }

    [Fact]
    public void MidMonthHireOnProbationIsProratedAt80PercentWithoutPerformance()
    {
        // 入职 2026-03-16, 本科 (3 years' credit → one grade: Staff grade 2, coefficient 1.021), probation to 2026-06-15.
        var payslips = Year(2026, p => new WorkerFacts(3, D(2026, 3, 16), [Assign(Post.Staff, D(2026, 3, 16))],
            education: Education.Bachelor, probationEnd: D(2026, 6, 15),
            assessments: p.Month == 12 ? [new(2026, Rating.Qualified)] : []));

        payslips[1].Should().BeNull();
        payslips[2].Should().BeNull();
        var mar = payslips[3]!;
        mar.Grade.Should().Be(2);
        mar.Line("GRADE_PAY").Should().Be(Y(5000m * 1.021m * 0.80m * 16 / 31));     // 2107.87
        mar.Line("COMMUNITY_SUBSIDY").Should().Be(Y(600m * 16 / 31));                 // 309.68
        mar.Line("TRANSPORT").Should().Be(Y(300m * 16 / 31));                         // 154.84
        mar.Line("COMMUNICATION").Should().Be(Y(100m));                               // not prorated
        mar.Has("PERF_MONTHLY").Should().BeFalse();
        mar.Has("PERF_RESERVE").Should().BeFalse();
        mar.Has("SENIORITY").Should().BeFalse();
        (mar.Lines.Single(l => l.Code == "GRADE_PAY").Interval == new DateInterval(D(2026, 3, 16), D(2026, 3, 31))).Should().BeTrue();
        mar.Line("IIT").Should().Be(Money.Zero);
        mar.TaxWorksheet.Months.Should().Be(1, "the basic deduction counts from the hire month");

        // June: probation ends on the 15th, so two segments of 15/30.
        var jun = payslips[6]!;
        jun.Lines("GRADE_PAY").Should().Equal(Y(5105m * 0.80m * 15 / 30), Y(5105m * 15 / 30)); // 2042.00, 2552.50
        jun.Line("COMMUNITY_SUBSIDY").Should().Be(Y(600m));                           // one run: same amount all month
        jun.Line("PERF_MONTHLY").Should().Be(Y(0.20m * 5105m * 0.70m * 15 / 30));     // 357.35
        jun.Line("PERF_RESERVE").Should().Be(Y(0.20m * 5105m * 0.30m * 15 / 30));     // 153.15
        payslips[7]!.Line("GRADE_PAY").Should().Be(Y(5105m));
        payslips[7]!.Line("PERF_MONTHLY").Should().Be(Y(714.70m));

        // Year end: June's 153.15 + six months × 306.30, rated 合格 (1.0).
        payslips[12]!.Line("PERF_YEAR_END").Should().Be(Y(153.15m + 6 * 306.30m));   // 1990.95
    }

    [Fact]
    public void LeaveMidMonthProratesTheLastMonthAndEndsPay()
    {
        // 入职 2015-09-01, 大专; every year 合格 → +1 on 2019-01-01, 2022-01-01 and 2025-01-01: grade 4 (1.063). Leaves 2026-08-20.
        var facts = new WorkerFacts(4, D(2015, 9, 1), [Assign(Post.Staff, D(2015, 9, 1))],
            leaveDate: D(2026, 8, 20), assessments: Ratings(2016, 2025, Rating.Qualified));
        var payslips = Year(2026, facts);

        var aug = payslips[8]!;
        aug.Grade.Should().Be(4);
        aug.Line("GRADE_PAY").Should().Be(Y(5000m * 1.063m * 20 / 31));              // 3429.03
        aug.Line("SENIORITY").Should().Be(Y(10m * 10 * 20 / 31));                     // 10 years on 2026-08-01: 64.52
        aug.Line("COMMUNITY_SUBSIDY").Should().Be(Y(600m * 20 / 31));                 // 387.10
        aug.Line("PERF_MONTHLY").Should().Be(Y(0.20m * 5315m * 0.70m * 20 / 31));     // 480.06
        aug.Lines.Single(l => l.Code == "GRADE_PAY").To.Should().Be(D(2026, 8, 20));
        payslips.Skip(9).Should().OnlyContain(p => p == null);
        var act = () => PayrollEngine.Calculate(new YearMonth(2026, 9), facts, YearToDate.Empty(2026), TestRules.Suzhou);
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Payroll.NotInService");

        var why = GradeCalculator.Explain(facts, TestRules.Suzhou, D(2026, 8, 1));
        why.Steps.Where(s => s.Kind == GradeStepKind.Advancement).Select(s => s.Date)
            .Should().Equal(D(2019, 1, 1), D(2022, 1, 1), D(2025, 1, 1));
        Texts.Zh(why.Steps[0].Reason).Should().Contain("起点 1 级");
    }

    [Fact]
    public void PromotionFromStaffToDeputyReslotsAndSplitsTheMonth()
    {
        // 入职 2018-01-01, 本科 → Staff 2; 合格 every year → 3 on 2021-01-01, 4 on 2024-01-01 (1.063).
        // Promoted to Deputy on 2026-05-11: lowest Deputy grade with coefficient ≥ 1.063 is 4.
        var facts = new WorkerFacts(5, D(2018, 1, 1),
            [Assign(Post.Staff, D(2018, 1, 1), D(2026, 5, 10)), Assign(Post.Deputy, D(2026, 5, 11))],
            education: Education.Bachelor, assessments: Ratings(2018, 2025, Rating.Qualified));
        var payslips = Year(2026, facts);

        var may = payslips[5]!;
        may.Post.Should().Be(Post.Deputy);
        may.Grade.Should().Be(4);
        // Grade pay 5315 on both sides, kept as two lines (post changes); running-total rounding.
        may.Lines("GRADE_PAY").Should().Equal(Y(5315m * 10 / 31), Y(5315m) - Y(5315m * 10 / 31));   // 1714.52, 3600.48
        may.Line("POST_ALLOWANCE").Should().Be(Y(300m * 21 / 31));                                 // 203.23
        var staffPerformance = 0.20m * 5315m * 0.70m;                                              // 744.10
        var deputyPerformance = 0.20m * (5315m + 300m) * 0.70m;                                    // 786.10
        may.Lines("PERF_MONTHLY").Should().Equal(Y(staffPerformance * 10 / 31),
            Y((staffPerformance * 10 + deputyPerformance * 21) / 31) - Y(staffPerformance * 10 / 31)); // 240.03, 532.52
        may.Line("SENIORITY").Should().Be(Y(10m * 8));
        payslips[6]!.Line("PERF_MONTHLY").Should().Be(Y(deputyPerformance));
        payslips[6]!.Line("POST_ALLOWANCE").Should().Be(Y(300m));

        var why = GradeCalculator.Explain(facts, TestRules.Suzhou, D(2026, 5, 11));
        why.Steps[^1].Kind.Should().Be(GradeStepKind.PostChange);
        Texts.Zh(why.Steps[^1].Reason).Should().Contain("系数不低于原系数的最低等级为 4 级");
    }

    [Fact]
    public void CertificateInMarchPaysTheAllowanceFromAprilAndTheAwardOnceTheYearIsRated()
    {
        // 入职 2022-07-01, 大专; 2023–2025 合格 → +1 on 2026-01-01: grade 2. 社会工作师 registered 2026-03-10.
        var certificate = new CertificateFact(CertificateLevel.SocialWorker, "S2026-0001", D(2026, 3, 10));
        var payslips = Year(2026, p => new WorkerFacts(6, D(2022, 7, 1), [Assign(Post.Staff, D(2022, 7, 1))],
            certificates: [certificate],
            assessments: [.. Ratings(2023, 2025, Rating.Qualified), .. p.Month == 12 ? Ratings(2026, 2026, Rating.Qualified) : []]));

        payslips[1]!.Grade.Should().Be(2);
        payslips[3]!.Has("CERT_ALLOWANCE").Should().BeFalse("the allowance starts the month after registration");
        payslips[4]!.Line("CERT_ALLOWANCE").Should().Be(Y(300m));
        // Seniority: 3 completed years until July, 4 from July.
        payslips[6]!.Line("SENIORITY").Should().Be(Y(30m));
        payslips[7]!.Line("SENIORITY").Should().Be(Y(40m));
        // The social-insurance base follows the standard pay: 5105 + 1021 + 30 + 1000 (+ 300 from April).
        payslips[3]!.Line("PENSION_EE").Should().Be(Y(7156m * 0.08m));
        payslips[4]!.Line("PENSION_EE").Should().Be(Y(7456m * 0.08m));
        // The award waits for the 2026 rating (recorded in December), then is paid once.
        payslips.Skip(1).Take(11).Should().OnlyContain(p => !p!.Has("CERT_AWARD"));
        payslips[12]!.Line("CERT_AWARD").Should().Be(Y(3000m));
        payslips[12]!.SettledAwards.Should().Equal("S2026-0001");
        var again = PayrollEngine.Calculate(new YearMonth(2027, 1), new WorkerFacts(6, D(2022, 7, 1), [Assign(Post.Staff, D(2022, 7, 1))],
            certificates: [certificate], assessments: Ratings(2023, 2026, Rating.Qualified), settledAwards: ["S2026-0001"]),
            YearToDate.Empty(2027), TestRules.Suzhou);
        again.Has("CERT_AWARD").Should().BeFalse();
    }

    [Fact]
    public void RecognisedLeaderIsToppedUpToOneAndAHalfTimesTheReferenceWageInDecember()
    {
        // Head since 2012-03-01, placed at 12; 合格 every year → 13, 14, 15, 16 on 2016, 2019, 2022, 2025 (1.315).
        // Recognised as 社区治理带头人 for 2026; W(2025) = 136,000 in the profile.
        var payslips = Year(2026, p => new WorkerFacts(7, D(2012, 3, 1), [Assign(Post.Head, D(2012, 3, 1), grade: 12)],
            assessments: [.. Ratings(2013, 2025, Rating.Qualified), .. p.Month == 12 ? Ratings(2026, 2026, Rating.Qualified) : []],
            leaderYears: [2026]));

        var gradePay = 5000m * 1.315m;                                    // 6575
        var performance = 0.20m * (gradePay + 500m);                       // 1415
        var janFeb = gradePay + 500m + 130m + 1000m + performance * 0.70m; // 13 years' seniority: 9195.50
        var marDec = janFeb + 10m;                                         // 14 years from 2026-03-01: 9205.50
        payslips[1]!.Gross.Should().Be(Y(janFeb));
        payslips[3]!.Gross.Should().Be(Y(marDec));
        payslips.Skip(1).Take(11).Should().OnlyContain(p => !p!.Has("LEADER_TOPUP"));

        var dec = payslips[12]!;
        var yearEnd = 12 * performance * 0.30m;                            // 5094.00
        dec.Line("PERF_YEAR_END").Should().Be(Y(yearEnd));
        var paidInYear = 2 * janFeb + 10 * marDec + yearEnd;               // 115,540.00 before the top-up
        dec.Line("LEADER_TOPUP").Should().Be(Y(1.5m * 136000m - paidInYear));  // 88,460.00
        payslips.Sum(p => p.Gross).Should().Be(Y(1.5m * 136000m), "the year's income is lifted exactly to the floor");
        // Annual one-off bonus taxed on its own: (5094 + 88460) ÷ 12 = 7796.17 → 10%, quick deduction 210.
        dec.Line("IIT_BONUS").Should().Be(Y((yearEnd + 88460m) * 0.10m - 210m));
        Texts.Zh(dec.Explain(dec.Lines.ToList().FindIndex(l => l.Code == "LEADER_TOPUP")).Arithmetic)
            .Should().Contain("1.5 × 136,000.00 = 204,000.00").And.Contain("88,460.00");
    }

    [Fact]
    public void LeaderFloorRefusesWhenThePreviousYearsReferenceWageIsMissing()
    {
        var rules = TestRules.With(d => d.LeaderFloor.ReferenceAverageWages.RemoveAll(w => w.Year == 2025));
        var facts = new WorkerFacts(8, D(2012, 3, 1), [Assign(Post.Head, D(2012, 3, 1), grade: 12)], leaderYears: [2026]);

        var act = () => PayrollEngine.Calculate(new YearMonth(2026, 12), facts, YearToDate.Empty(2026), rules);

        var ex = act.Should().Throw<DomainException>().Which;
        ex.Code.Should().Be("Payroll.ReferenceWageMissing");
        ex.Arguments[0].Should().Be(2025);
        PayrollEngine.Calculate(new YearMonth(2026, 11), facts, YearToDate.Empty(2026), rules).Has("LEADER_TOPUP").Should().BeFalse();
    }

    [Fact]
    public void TwoConsecutiveExcellentYearsGiveAnEarlyStep()
    {
        // 入职 2021-01-01 (the hire year counts): 2021 优秀, 2022 优秀 → early step on 2023-01-01 (grade 2);
        // 2023–2025 合格 → regular step on 2026-01-01 (grade 3, coefficient 1.042).
        var facts = new WorkerFacts(9, D(2021, 1, 1), [Assign(Post.Staff, D(2021, 1, 1))],
            assessments: [new(2021, Rating.Excellent), new(2022, Rating.Excellent), .. Ratings(2023, 2025, Rating.Qualified)]);

        var jan = Year(2026, facts)[1]!;

        jan.Grade.Should().Be(3);
        jan.Line("GRADE_PAY").Should().Be(Y(5000m * 1.042m));
        var steps = GradeCalculator.Explain(facts, TestRules.Suzhou, D(2026, 1, 1)).Steps;
        steps.Select(s => (s.Kind, s.Date)).Should().Equal(
            (GradeStepKind.Entry, D(2021, 1, 1)),
            (GradeStepKind.YearAssessed, D(2022, 1, 1)),
            (GradeStepKind.EarlyAdvancement, D(2023, 1, 1)),
            (GradeStepKind.YearAssessed, D(2024, 1, 1)),
            (GradeStepKind.YearAssessed, D(2025, 1, 1)),
            (GradeStepKind.Advancement, D(2026, 1, 1)));
    }

    [Fact]
    public void UnqualifiedYearsDoNotCountAndUnqualifiedForfeitsTheYearEndRemainder()
    {
        // 入职 2019-01-01: 2019 合格, 2020 不合格 (not counted), 2021, 2022 合格 → step on 2023-01-01 (grade 2);
        // 2023 合格, 2024 基本合格 (not counted), 2025 合格 → two of three: still grade 2 in 2026.
        var payslips = Year(2026, p => new WorkerFacts(10, D(2019, 1, 1), [Assign(Post.Staff, D(2019, 1, 1))],
            assessments: [new(2019, Rating.Qualified), new(2020, Rating.Unqualified), new(2021, Rating.Qualified),
                new(2022, Rating.Qualified), new(2023, Rating.Qualified), new(2024, Rating.BasicallyQualified),
                new(2025, Rating.Qualified), .. p.Month == 12 ? Ratings(2026, 2026, Rating.Unqualified) : []]));

        payslips[1]!.Grade.Should().Be(2);
        var dec = payslips[12]!;
        dec.Has("PERF_YEAR_END").Should().BeFalse();
        dec.Has("IIT_BONUS").Should().BeFalse();
        dec.Line("PERF_YEAR_END_WITHHELD").Should().Be(Y(12 * 0.20m * 5105m * 0.30m));   // 3675.60, information only
        dec.Gross.Should().Be(payslips[11]!.Gross);
    }

    [Fact]
    public void WorkingDayBasisPaysTwelveOf21Point75DaysForAMidAprilHire()
    {
        var rules = TestRules.With(d => d.Proration = "WorkingDays21_75");
        // Hired Wednesday 2026-04-15: working days 15–17, 20–24, 27–30 = 12.
        var payslips = Year(2026, new WorkerFacts(11, D(2026, 4, 15), [Assign(Post.Staff, D(2026, 4, 15))]), rules);

        payslips[4]!.Line("GRADE_PAY").Should().Be(Y(5000m * 12 / 21.75m));     // 2758.62
        payslips[4]!.Line("TRANSPORT").Should().Be(Y(300m * 12 / 21.75m));      // 165.52
        payslips[5]!.Line("GRADE_PAY").Should().Be(Y(5000m), "a full month is one month whatever its working days");
    }

    [Fact]
    public void ThirtyDayBasisPaysFourteenThirtiethsForAHireOnTheFifteenthOfFebruary()
    {
        var rules = TestRules.With(d => d.Proration = "Fixed30Days");
        var payslips = Year(2026, new WorkerFacts(12, D(2026, 2, 15), [Assign(Post.Staff, D(2026, 2, 15))]), rules);

        payslips[2]!.Line("GRADE_PAY").Should().Be(Y(5000m * 14 / 30));          // 2333.33
        payslips[3]!.Line("GRADE_PAY").Should().Be(Y(5000m));
    }

    [Fact]
    public void HighEarnerHasTheBaseClampedAndClimbsTheTaxTable()
    {
        // A variant profile with a 20,000 base; Head placed at 18 on 2026-01-01; declared base 32,000.
        var rules = TestRules.With(d => d.GradePay.BaseAmounts.Single(b => b.Year == 2026).Amount = 20000m);
        var payslips = Year(2026, new WorkerFacts(13, D(2026, 1, 1), [Assign(Post.Head, D(2026, 1, 1), grade: 18)],
            declaredContributionBase: 32000m), rules);

        var gross = 20000m * 1.357m + 500m + 1000m + 0.20m * (27140m + 500m) * 0.70m;   // 32,509.60
        var jan = payslips[1]!;
        jan.Gross.Should().Be(Y(gross));
        jan.Line("PENSION_EE").Should().Be(Y(25000m * 0.08m), "the social base is clamped to the 25,000 upper limit");
        jan.Line("HOUSING_FUND_EE").Should().Be(Y(30000m * 0.10m), "the housing-fund base is clamped to 30,000");
        var contributions = 2000m + 500m + 125m + 3000m;
        var taxable = gross - 5000m - contributions;                                  // 21,884.60 a month
        jan.Line("IIT").Should().Be(Y(taxable * 0.03m));                               // 656.54
        payslips[2]!.Line("IIT").Should().Be(Y(2 * taxable * 0.10m - 2520m) - Y(taxable * 0.03m));     // 1200.38
        payslips[3]!.Line("IIT").Should().Be(Y(3 * taxable * 0.10m - 2520m) - Y(2 * taxable * 0.10m - 2520m));
        payslips[12]!.Line("IIT").Should().Be(Y(12 * taxable * 0.20m - 16920m) - Y(11 * taxable * 0.20m - 16920m));
        payslips.Where(p => p is not null).Sum(p => p!.Line("IIT").Fen).Should().Be(Y(12 * taxable * 0.20m - 16920m).Fen);
    }

    [Fact]
    public void SpecialAdditionalDeductionsReduceTheCumulativeTaxableIncome()
    {
        // Head grade 18 as above (taxable 2514.49 a month before special additional deductions), declaring 2,000 a month.
        var deductions = Enumerable.Range(1, 12).Select(m => new MonthlyDeduction(new YearMonth(2026, m), Money.FromYuan(2000m))).ToArray();
        var payslips = Year(2026, new WorkerFacts(14, D(2000, 1, 1), [Assign(Post.Head, D(2000, 1, 1), grade: 18)],
            specialAdditionalDeductions: deductions));

        payslips[1]!.Line("IIT").Should().Be(Y((2514.49m - 2000m) * 0.03m));                   // 15.43
        payslips[6]!.TaxWorksheet.CumulativeSpecialAdditionalDeductions.Should().Be(Money.FromYuan(12000m));
        payslips[12]!.TaxWorksheet.CumulativeTax.Should().Be(Y(12 * 514.49m * 0.03m));
    }

    [Fact]
    public void TransferToAnotherCommunityKeepsOneLineAndMovesThePayslipsUnit()
    {
        var facts = new WorkerFacts(15, D(2020, 1, 1),
            [Assign(Post.Staff, D(2020, 1, 1), D(2026, 6, 14), community: 3001), Assign(Post.Staff, D(2026, 6, 15), community: 3002)]);

        var jun = Year(2026, facts)[6]!;

        jun.Lines("GRADE_PAY").Should().HaveCount(1).And.Equal(Y(5000m * 1.000m)); // no rating recorded: still grade 1
        jun.CommunityId.Should().Be(3002);
    }

    [Fact]
    public void CertificateAwardAgainstThePreviousYearIsRefusedAfterAnUnqualifiedYear()
    {
        var rules = TestRules.With(d => d.Certification.AwardAssessmentYear = "PreviousYear");
        var certificate = new CertificateFact(CertificateLevel.AssistantSocialWorker, "A-1", D(2026, 3, 10));
        var payslips = Year(2026, new WorkerFacts(16, D(2020, 1, 1), [Assign(Post.Staff, D(2020, 1, 1))],
            certificates: [certificate], assessments: [new(2025, Rating.Unqualified)]), rules);

        payslips[4]!.Has("CERT_AWARD").Should().BeFalse();
        payslips[4]!.Line("CERT_AWARD_FORFEITED").Should().Be(Y(1500m));
        payslips[4]!.SettledAwards.Should().Equal("A-1");
        payslips.Skip(5).Should().OnlyContain(p => !p!.Has("CERT_AWARD_FORFEITED"), "a refusal is settled once");
        payslips[4]!.Gross.Should().Be(payslips[5]!.Gross);
    }

    [Fact]
    public void GradeUpliftInsteadOfAwardRaisesTheGradeFromTheMonthAfterRegistration()
    {
        var rules = TestRules.With(d => d.Certification.PostHireIncentive = "GradeUplift");
        var facts = new WorkerFacts(17, D(2020, 1, 1), [Assign(Post.Staff, D(2020, 1, 1))],
            certificates: [new CertificateFact(CertificateLevel.AssistantSocialWorker, "A-2", D(2026, 3, 10)),
                new CertificateFact(CertificateLevel.SocialWorker, "S-2", D(2026, 8, 3))]);

        var payslips = Year(2026, facts, rules);

        payslips[3]!.Grade.Should().Be(1);
        payslips[4]!.Grade.Should().Be(2, "助理社会工作师 lifts one grade from April");
        payslips[9]!.Grade.Should().Be(3, "社会工作师 lifts two in all, not cumulative: one more from September");
        payslips.Should().OnlyContain(p => p == null || !p.Has("CERT_AWARD"));
        payslips[9]!.Line("GRADE_PAY").Should().Be(Y(5000m * 1.042m));
    }
}
