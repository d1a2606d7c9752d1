using System.Text.Json.Nodes;
using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;
using Workforce.Payroll.Facts;
using Workforce.Payroll.Rules;
using static Workforce.Payroll.Tests.Run;

namespace Workforce.Payroll.Tests;

public class RuleSetTests
{
    private static readonly WorkerFacts[] Sample =
    [
        new(1, D(2025, 1, 1), [Assign(Post.Staff, D(2025, 1, 1))], assessments: [new(2025, AssessmentRating.Qualified)]),
        new(2, D(2026, 3, 16), [Assign(Post.Staff, D(2026, 3, 16))], education: Education.Bachelor, probationEnd: D(2026, 6, 15)),
        new(3, D(2018, 1, 1), [Assign(Post.Staff, D(2018, 1, 1), D(2026, 5, 10)), Assign(Post.Deputy, D(2026, 5, 11))],
            certificates: [new(CertificateLevel.SocialWorker, "S", D(2026, 3, 10))], assessments: Ratings(2018, 2026, AssessmentRating.Excellent)),
        new(4, D(2012, 3, 1), [Assign(Post.Head, D(2012, 3, 1), grade: 12)], assessments: Ratings(2013, 2026, AssessmentRating.Qualified), leaderYears: [2026]),
    ];

    private static JsonObject SuzhouNode() => JsonNode.Parse(RuleSetProfiles.SuzhouJson())!.AsObject();

    private static IReadOnlyList<RuleSetError> ErrorsOf(JsonObject node) => RuleSetJson.Parse(node.ToJsonString()).Errors;

    [Fact]
    public void ShippedProfileIsValid()
    {
        RuleSetJson.Parse(RuleSetProfiles.SuzhouJson()).Errors.Should().BeEmpty();
    }

    [Fact]
    public void ExportThenImportGivesTheSameDocumentAndTheSamePayslips()
    {
        var original = TestRules.Suzhou;
        var exported = original.ToJson();
        var imported = RuleSet.FromJson(exported);

        imported.ToJson().Should().Be(exported);
        foreach (var facts in Sample)
        {
            var a = Year(2026, facts, original);
            var b = Year(2026, facts, imported);
            for (var m = 1; m <= 12; m++)
            {
                (a[m]?.Lines.Select(l => (l.Code, l.Amount, l.From, l.To, l.Basis))).Should().Equal(b[m]?.Lines.Select(l => (l.Code, l.Amount, l.From, l.To, l.Basis)));
            }
        }
    }

    [Fact]
    public void UnknownKeyIsRefusedWithItsPath()
    {
        var node = SuzhouNode();
        node["performance"]!.AsObject()["bonusRate"] = 0.1;

        var errors = ErrorsOf(node);

        errors.Should().ContainSingle().Which.Should().Match<RuleSetError>(e => e.Code == "UnknownKey" && e.Path.Contains("bonusRate"));
    }

    [Fact]
    public void UnknownMapKeyIsRefusedWithItsPath()
    {
        var node = SuzhouNode();
        node["gradePay"]!["postAllowances"]!.AsObject()["Secretary"] = 800;

        ErrorsOf(node).Should().ContainSingle(e => e.Path == "gradePay.postAllowances.Secretary" && e.Code == "UnknownKey");
    }

    [Fact]
    public void CoefficientForAGradeOutsideThePostsBandIsRefused()
    {
        var node = SuzhouNode();
        node["grades"]!["coefficients"]!["Staff"]!.AsObject()["13"] = 1.3;

        ErrorsOf(node).Should().ContainSingle(e => e.Path == "grades.coefficients.Staff.13" && e.Code == "GradeOutsideBand")
            .Which.Message.Should().Match<Workforce.Domain.Common.Message>(m => Texts.Zh(m).Contains("1–12"));
    }

    [Fact]
    public void MissingOrDecreasingCoefficientsAreRefused()
    {
        var node = SuzhouNode();
        node["grades"]!["coefficients"]!["Deputy"]!.AsObject().Remove("9");
        node["grades"]!["coefficients"]!["Head"]!.AsObject()["12"] = 1.0;

        var errors = ErrorsOf(node);

        errors.Should().Contain(e => e.Path == "grades.coefficients.Deputy.9" && e.Code == "Missing");
        errors.Should().Contain(e => e.Path == "grades.coefficients.Head.12" && e.Code == "Decreasing");
    }

    [Fact]
    public void NegativeRatesAreRefused()
    {
        var node = SuzhouNode();
        node["socialInsurance"]!["contributions"]![1]!["employeeRate"] = -0.02;
        node["seniority"]!["amountPerYear"] = -5;

        var errors = ErrorsOf(node);

        errors.Should().Contain(e => e.Path == "socialInsurance.contributions[1].employeeRate" && e.Code == "Negative");
        errors.Should().Contain(e => e.Path == "seniority.amountPerYear" && e.Code == "Negative");
    }

    [Fact]
    public void TaxTableWithAWrongQuickDeductionOrOverlappingBracketsIsRefused()
    {
        var node = SuzhouNode();
        node["incomeTax"]!["annualTable"]![2]!["quickDeduction"] = 16000;
        node["incomeTax"]!["annualBonusMonthlyTable"]![3]!["upTo"] = 20000;

        var errors = ErrorsOf(node);

        errors.Should().Contain(e => e.Path == "incomeTax.annualTable[2].quickDeduction" && e.Code == "Inconsistent" && Texts.Zh(e.Message).Contains("16920"));
        errors.Should().Contain(e => e.Path == "incomeTax.annualBonusMonthlyTable[3].upTo" && e.Code == "Overlap");
    }

    [Fact]
    public void EffectiveDatesMustBeWholeMonthsAndMalformedValuesAreNamed()
    {
        var node = SuzhouNode();
        node["effectiveFrom"] = "2026-01-15";
        ErrorsOf(node).Should().ContainSingle(e => e.Path == "effectiveFrom" && e.Code == "NotFirstOfMonth");

        node = SuzhouNode();
        node["effectiveFrom"] = "15/01/2026";
        ErrorsOf(node).Should().ContainSingle(e => e.Path == "effectiveFrom" && e.Code == "InvalidJson");

        node = SuzhouNode();
        node["proration"] = "Hourly";
        ErrorsOf(node).Should().ContainSingle(e => e.Path == "proration" && e.Code == "UnknownValue");
    }

    [Fact]
    public void ItemCodesMayNotCollideWithEachOtherOrTheEnginesOwn()
    {
        var node = SuzhouNode();
        node["allowances"]![0]!["code"] = "PENSION_EE";
        node["allowances"]![1]!["code"] = "GRADE_PAY";

        var errors = ErrorsOf(node);

        errors.Should().Contain(e => e.Path == "allowances[1].code" && e.Code == "DuplicateCode");
        errors.Should().Contain(e => e.Path == "socialInsurance.contributions[0].code" && e.Code == "DuplicateCode");
    }

    [Fact]
    public void CompileRefusesAnInvalidDocumentListingEveryProblem()
    {
        var document = TestRules.Suzhou.ToDocument();
        document.Performance.Rate = 1.5m;
        document.Probation.PayPercent = -1;

        var act = () => RuleSet.Compile(document);

        act.Should().Throw<RuleSetInvalidException>().Which.Errors.Select(e => e.Path)
            .Should().BeEquivalentTo("performance.rate", "probation.payPercent");
    }

    private static RuleSet Version(int version, LocalDate from, LocalDate? to) => TestRules.With(d =>
    {
        d.Version = version;
        d.EffectiveFrom = from;
        d.EffectiveTo = to;
    });

    [Fact]
    public void HistoryPicksTheVersionInForceForAPeriod()
    {
        var history = RuleSetHistory.Create([Version(2, D(2026, 1, 1), null), Version(1, D(2025, 1, 1), D(2025, 12, 31))]);

        history.ForPeriod(new YearMonth(2025, 12)).Version.Should().Be(1);
        history.ForPeriod(new YearMonth(2026, 1)).Version.Should().Be(2);
        var act = () => history.ForPeriod(new YearMonth(2024, 12));
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Payroll.NoRuleSetForPeriod");
    }

    [Fact]
    public void HistoryRefusesGapsAndOverlaps()
    {
        var gap = RuleSetHistory.Validate([Version(1, D(2025, 1, 1), D(2025, 10, 31)), Version(2, D(2026, 1, 1), null)]);
        gap.Should().ContainSingle(e => e.Code == "Gap").Which.Message.Should().Match<Workforce.Domain.Common.Message>(m => Texts.Zh(m).Contains("2025-11-01 至 2025-12-31"));

        var overlap = RuleSetHistory.Validate([Version(1, D(2025, 1, 1), D(2026, 3, 31)), Version(2, D(2026, 1, 1), null)]);
        overlap.Should().ContainSingle(e => e.Code == "Overlap");

        var openEnded = RuleSetHistory.Validate([Version(1, D(2025, 1, 1), null), Version(2, D(2026, 1, 1), null)]);
        openEnded.Should().ContainSingle(e => e.Code == "Overlap");

        var act = () => RuleSetHistory.Create([Version(1, D(2025, 1, 1), null), Version(1, D(2026, 1, 1), null)]);
        act.Should().Throw<RuleSetInvalidException>().Which.Errors.Select(e => e.Code).Should().Contain("DuplicateVersion");
    }

    [Fact]
    public void EngineRefusesAPeriodTheRuleSetDoesNotCover()
    {
        var rules = Version(1, D(2025, 1, 1), D(2025, 12, 31));
        var act = () => PayrollEngine.Calculate(new YearMonth(2026, 1), Sample[0], YearToDate.Empty(2026), rules);
        act.Should().Throw<DomainException>().Which.Code.Should().Be("Payroll.RuleSetNotInForce");
    }

    [Fact]
    public void EngineRefusesAYearWithoutABaseAmountRatherThanGuessing()
    {
        var rules = TestRules.With(d => d.GradePay.BaseAmounts.RemoveAll(b => b.Year == 2026));
        var act = () => PayrollEngine.Calculate(new YearMonth(2026, 1), Sample[0], YearToDate.Empty(2026), rules);
        act.Should().Throw<DomainException>().Which.Should().Match<DomainException>(e => e.Code == "Payroll.BaseAmountMissing" && (int)e.Arguments[0] == 2026);
    }

    [Fact]
    public void DraftRuleSetGivesALineByLineDifference()
    {
        // Draft: a 5% higher base and a 400 transport allowance.
        var draft = TestRules.With(d =>
        {
            d.Version = 2;
            d.GradePay.BaseAmounts.Single(b => b.Year == 2026).Amount = 5250m;
            d.Allowances.Single(a => a.Code == "TRANSPORT").MonthlyAmount = 400m;
        });
        var period = new YearMonth(2026, 7);
        var current = PayrollEngine.Calculate(period, Sample[0], YearToDate.Empty(2026), TestRules.Suzhou);
        var proposed = PayrollEngine.Calculate(period, Sample[0], YearToDate.Empty(2026), draft);

        var diff = PayslipComparison.Compare(current, proposed);

        diff.Changed.Select(l => (l.Code, l.Delta)).Should().Contain(new[]
        {
            ("GRADE_PAY", Y(5250m - 5000m)),
            ("TRANSPORT", Y(100m)),
            ("PERF_MONTHLY", Y(0.20m * 250m * 0.70m)),
        });
        diff.Lines.Should().Contain(l => l.Code == "COMMUNICATION" && l.Delta == Money.Zero);
        diff.GrossDelta.Should().Be(Y(250m + 100m + 35m));
        diff.NetDelta.Should().Be(proposed.Net - current.Net);
    }

    [Fact]
    public void EveryExplanationOfAYearOfPayslipsReadsInChineseAndInEnglish()
    {
        // The renderer fails on a key the resource file lacks, so every rule's sentence, parameter and rating is covered.
        var explained = new HashSet<string>(StringComparer.Ordinal);
        foreach (var facts in Sample)
        {
            foreach (var payslip in Year(2026, facts).OfType<Payslip>())
            {
                for (var i = 0; i < payslip.Lines.Count; i++)
                {
                    var e = payslip.Explain(i);
                    Texts.Zh(e.Text).Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}");
                    var english = Texts.En(e.Text);
                    english.Should().Contain(Texts.En(e.Name));
                    if (Texts.Has("PayItem." + e.Code))
                    {
                        english.Should().NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}", $"{e.Code} in {payslip.Period} reads in English");
                    }
                    explained.Add(e.Code);
                }
            }
        }
        explained.Should().Contain(["GRADE_PAY", "POST_ALLOWANCE", "SENIORITY", "PERF_MONTHLY", "PERF_RESERVE", "PERF_YEAR_END", "CERT_ALLOWANCE", "LEADER_TOPUP", "IIT", "PENSION_EE"]);
    }

    [Fact]
    public void EveryLineExplainsItselfWithRuleVersionParametersAndArithmetic()
    {
        var payslips = Year(2026, Sample[2]);
        var may = payslips[5]!;

        for (var i = 0; i < may.Lines.Count; i++)
        {
            var e = may.Explain(i);
            e.RuleSet.Should().Be("suzhou v1");
            Texts.Zh(e.Arithmetic).Should().NotBeNullOrWhiteSpace();
            Texts.Zh(e.Text).Should().Contain(Texts.Zh(e.RuleTitle));
            Texts.En(e.Text).Should().Contain(Texts.En(e.RuleTitle));
            if (Texts.Has("PayItem." + e.Code))
            {
                // The engine's own items read in English; an allowance keeps the name the district gave it in its rule set.
                Texts.En(e.Text).Should().NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}", "the English payslip reads in English");
            }
        }
        var grade = may.Explain(0);
        Texts.Zh(grade.Arithmetic).Should().Be("基数 5,000.00 × 系数 1.0630 = 月标准 5,315.00；2026-05-01 至 2026-05-10：5,315.00 × 日历天数 10/31 = 1,714.5161 → 1,714.52");
        grade.Parameters.Select(p => new KeyValuePair<string, string>(Texts.Zh(p.Name), Texts.ZhArgument(p.Value))).Should().Contain(new KeyValuePair<string, string>("岗位", "其他社区工作者"));
        var pension = may.Explain(may.Lines.ToList().FindIndex(l => l.Code == "PENSION_EE"));
        Texts.Zh(pension.Arithmetic).Should().StartWith("缴费基数 ");
        var tax = may.Explain(may.Lines.ToList().FindIndex(l => l.Code == "IIT"));
        Texts.Zh(tax.Arithmetic).Should().Contain("累计减除费用 25,000.00（5,000.00 × 5）");
    }
}
