using System.Globalization;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Common;
using Workforce.Payroll.Rules;

namespace Workforce.Payroll;

/// <summary>One parameter an explanation cites: its name and its value (a number already formatted, an enum, or a message).</summary>
/// <param name="Name">What the parameter is.</param>
/// <param name="Value">Its value.</param>
public sealed record ExplanationParameter(Message Name, object Value);

/// <summary>
/// The explanation of one payslip line, rendered on demand from its structured basis. Every sentence is a message
/// (resource key <c>Explain.*</c> with arguments), so the reader sees it in their own language; numbers are formatted
/// here, exactly and culture-independently, as the arithmetic is part of what is explained.
/// </summary>
/// <param name="Code">Line code.</param>
/// <param name="Name">The component's name.</param>
/// <param name="Rule">The rule that produced it.</param>
/// <param name="RuleSet">Rule-set code and version, e.g. <c>suzhou v1</c>.</param>
/// <param name="Parameters">The parameters used, in display order.</param>
/// <param name="Arithmetic">The computation with the actual numbers.</param>
public sealed record LineExplanation(string Code, Message Name, RuleId Rule, string RuleSet, IReadOnlyList<ExplanationParameter> Parameters, Message Arithmetic)
{
    /// <summary>"R2 等级工资" etc. (resource key <c>RuleId.{Rule}</c>).</summary>
    public Message RuleTitle => new("RuleId." + Rule);

    /// <summary>One paragraph: component, arithmetic, rule, rule set and parameters.</summary>
    public Message Text => Parameters.Count == 0
        ? new Message("Explain.Line", Name, Arithmetic, RuleTitle, RuleSet)
        : new Message("Explain.LineWithParameters", Name, Arithmetic, RuleTitle, RuleSet, Parameters.Select(p => new Message("Explain.Parameter", p.Name, p.Value)).ToList());
}

/// <summary>Turns a line's <see cref="LineBasis"/> back into words and arithmetic.</summary>
public static class PayslipExplainer
{
    /// <summary>Explains line <paramref name="index"/> of <paramref name="payslip"/>.</summary>
    public static LineExplanation Explain(Payslip payslip, int index)
    {
        ArgumentNullException.ThrowIfNull(payslip);
        var line = payslip.Lines[index];
        var r = payslip.RuleSet;
        var b = line.Basis;
        var p = new List<ExplanationParameter>();
        var item = line.Item;
        if (item.Original is { } original)
        {
            return ExplainRetroactive(line, original, r);
        }
        Message arithmetic;
        void Add(string key, object value, params object?[] args) => p.Add(new ExplanationParameter(new Message(key, args), value));
        switch (item.Code)
        {
            case PayItems.GradePayCode:
            {
                var baseAmount = r.BaseAmount(payslip.Period.Year);
                var coefficient = r.Coefficient(b.Post, b.Grade);
                Add("Explain.P.Post", b.Post);
                Add("Explain.P.Grade", Int(b.Grade));
                Add("Explain.P.YearBase", Names.Yuan(baseAmount), Int(payslip.Period.Year));
                Add("Explain.P.Coefficient", Names.Coefficient(coefficient));
                arithmetic = new Message("Explain.GradePay", Names.Yuan(baseAmount), Names.Coefficient(coefficient), Names.Exact(b.Amount), Prorated(line, r));
                break;
            }
            case PayItems.PostAllowanceCode:
                Add("Explain.P.Post", b.Post);
                arithmetic = new Message("Explain.PostAllowance", b.Post, Names.Yuan(b.Amount), Prorated(line, r));
                break;
            case PayItems.SeniorityCode:
                Add("Explain.P.PerYear", Names.Yuan(r.SeniorityPerYear));
                Add("Explain.P.Years", new Message("Explain.Years", Int(b.Units)));
                Add("Explain.P.MaxYears", new Message("Explain.Years", Int(r.SeniorityMaxYears)));
                Add("Explain.P.IncludesPriorYears", new Message(r.SeniorityIncludesPriorYears ? "Explain.Yes" : "Explain.No"));
                arithmetic = new Message("Explain.Seniority", Names.Yuan(r.SeniorityPerYear), Int(b.Units), Names.Exact(b.Amount), Prorated(line, r));
                break;
            case PayItems.PerformanceMonthlyCode:
            case PayItems.PerformanceReserveCode:
            {
                var gradePay = b.Amount / r.PerformanceRate;
                Add("Explain.P.PerformanceRate", Names.Percent(r.PerformanceRate));
                Add("Explain.P.MonthlyShare", Names.Percent(r.PerformanceMonthlyShare));
                arithmetic = new Message("Explain.Performance", Names.Percent(r.PerformanceRate), Names.Exact(gradePay), Names.Exact(b.Amount),
                    new Message(item.Code == PayItems.PerformanceMonthlyCode ? "Explain.PaidMonthly" : "Explain.ReservedToYearEnd"), Prorated(line, r));
                break;
            }
            case PayItems.PerformanceYearEndCode:
            case "PERF_YEAR_END_WITHHELD":
            {
                var rating = b.Units == 0 ? (AssessmentRating?)null : (AssessmentRating)b.Units;
                var factor = b.Factor.ToString("0.##", CultureInfo.InvariantCulture);
                Add("Explain.P.ReservedInYear", Names.Yuan(b.Amount));
                Add("Explain.P.Assessment", Rating(rating));
                Add("Explain.P.RatingFactor", factor);
                arithmetic = rating is null
                    ? new Message("Explain.YearEndNotRated", Int(payslip.Period.Year), Names.Yuan(b.Amount))
                    : item.Category == LineCategory.Information
                        ? new Message("Explain.YearEndWithheld", Int(payslip.Period.Year), Rating(rating), factor, Names.Yuan(b.Amount))
                        : new Message("Explain.YearEnd", Names.Yuan(b.Amount), Rating(rating), factor, Names.Exact(b.Amount * b.Factor), line.Amount.ToString());
                break;
            }
            case PayItems.CertificateAllowanceCode:
                Add("Explain.P.HighestCertificate", (CertificateLevel)b.Units);
                arithmetic = new Message("Explain.CertificateAllowance", (CertificateLevel)b.Units, Names.Yuan(b.Amount), Prorated(line, r));
                break;
            case PayItems.CertificateAwardCode:
            case "CERT_AWARD_FORFEITED":
            {
                var rating = b.Numerator == 0 ? (AssessmentRating?)null : (AssessmentRating)b.Numerator;
                Add("Explain.P.Certificate", (CertificateLevel)b.Units);
                Add("Explain.P.OneOffAward", Names.Yuan(b.Amount));
                Add("Explain.P.YearAssessment", Rating(rating), Int(b.Denominator));
                arithmetic = new Message(item.Category == LineCategory.Earning ? "Explain.CertificateAward" : "Explain.CertificateAwardForfeited",
                    (CertificateLevel)b.Units, Int(b.Denominator), Rating(rating), Names.Yuan(b.Amount));
                break;
            }
            case PayItems.LeaderTopUpCode:
            {
                var wage = r.ReferenceAverageWage(b.Units) ?? 0m;
                var factor = r.LeaderFloorFactor.ToString("0.##", CultureInfo.InvariantCulture);
                Add("Explain.P.ReferenceWage", Names.Yuan(wage), Int(b.Units));
                Add("Explain.P.FloorFactor", factor);
                Add("Explain.P.EmployerCounted", new Message(r.LeaderFloorIncludesEmployerContributions ? "Explain.Yes" : "Explain.No"));
                arithmetic = new Message("Explain.LeaderTopUp", factor, Names.Yuan(wage), Names.Yuan(b.Amount), Int(payslip.Period.Year), Names.Yuan(b.Factor), line.Amount.ToString());
                break;
            }
            case PayItems.IncomeTaxCode:
            {
                var t = payslip.TaxWorksheet;
                var bracket = TaxBracket.Find(r.AnnualTaxTable, t.CumulativeTaxable.Yuan);
                Add("Explain.P.BasicPerMonth", Names.Yuan(r.BasicDeductionPerMonth));
                Add("Explain.P.Months", Int(t.Months));
                Add("Explain.P.Rate", Names.Percent(bracket.Rate));
                Add("Explain.P.QuickDeduction", Names.Yuan(bracket.QuickDeduction));
                if (r.AnnualBonusPolicyEndedBefore(payslip.Period) && payslip.Lines.Any(l => ReferenceEquals(l.Item, PayItems.PerformanceYearEnd) || ReferenceEquals(l.Item, PayItems.LeaderTopUp)))
                {
                    Add("Explain.P.BonusPolicyEnded", Names.Date(r.SeparateAnnualBonusUntil!.Value));
                }
                arithmetic = new Message("Explain.IncomeTax", t.CumulativeIncome.ToString(), t.CumulativeBasicDeduction.ToString(), Names.Yuan(r.BasicDeductionPerMonth), Int(t.Months),
                    t.CumulativeSpecialDeductions.ToString(), t.CumulativeSpecialAdditionalDeductions.ToString(), t.CumulativeTaxable.ToString(), Names.Percent(bracket.Rate),
                    Names.Yuan(bracket.QuickDeduction), t.CumulativeTax.ToString(), t.WithheldBefore.ToString(), line.Amount.ToString(),
                    t.CumulativeTax < t.WithheldBefore ? new Message("Explain.NoRefund") : string.Empty);
                break;
            }
            case PayItems.BonusTaxCode:
            {
                var bracket = TaxBracket.Find(r.AnnualBonusMonthlyTable, b.Amount / 12m);
                Add("Explain.P.BonusRate", Names.Percent(bracket.Rate));
                Add("Explain.P.QuickDeduction", Names.Yuan(bracket.QuickDeduction));
                arithmetic = new Message("Explain.BonusTax", Names.Yuan(b.Amount), Names.Exact(b.Amount / 12m), Names.Percent(bracket.Rate), Names.Yuan(bracket.QuickDeduction), line.Amount.ToString());
                break;
            }
            default:
                if (item.Rule == RuleId.SocialInsurance)
                {
                    var (lower, upper) = r.ContributionLimits(item.Index, payslip.Period);
                    // Units: the contribution year whose declared (or derived) base applies; 0 when the standard monthly pay is the base.
                    if (b.Units > 0)
                    {
                        Add("Explain.P.ContributionYearBase", new Message("Explain.ContributionYearBase", Names.Yuan(payslip.ContributionBase), b.Units.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            (b.Units + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Names.Month(new NodaTime.YearMonth(b.Units, r.ContributionYearStartMonth))));
                    }
                    else
                    {
                        Add("Explain.P.DeclaredBase", Names.Yuan(payslip.ContributionBase));
                    }
                    if (r.ContributionArray[item.Index].RoundsToYuan)
                    {
                        Add("Explain.P.RoundsToYuan", new Message("Explain.RoundsToYuan"));
                    }
                    Add("Explain.P.BaseLower", Names.Yuan(lower));
                    Add("Explain.P.BaseUpper", Names.Yuan(upper));
                    Add("Explain.P.ContributionRate", Names.Percent(b.Factor));
                    object clamp = b.Amount == payslip.ContributionBase ? string.Empty
                        : new Message("Explain.BaseClamped", Names.Yuan(payslip.ContributionBase), Names.Yuan(lower), Names.Yuan(upper), Names.Yuan(b.Amount));
                    arithmetic = new Message("Explain.Contribution", Names.Yuan(b.Amount), clamp, Names.Percent(b.Factor), Names.Exact(b.Amount * b.Factor), line.Amount.ToString());
                }
                else
                {
                    Add("Explain.P.MonthlyAmount", Names.Yuan(b.Amount));
                    arithmetic = new Message("Explain.Allowance", item.Label, Names.Yuan(b.Amount), Prorated(line, r));
                }
                break;
        }
        return new LineExplanation(item.Code, item.Label, item.Rule, r.ToString(), p, arithmetic);
    }

    // Basis of a difference line: Amount = recomputed, Factor = paid, Numerator/Denominator = post/grade paid, Post/Grade = recomputed.
    private static LineExplanation ExplainRetroactive(PayslipLine line, PayItem original, RuleSet r)
    {
        var b = line.Basis;
        var month = Names.Month(new NodaTime.YearMonth(line.From.Year, line.From.Month));
        var earning = original.Category == LineCategory.Earning;
        var verb = new Message(line.Amount.Fen >= 0 ? (earning ? "Explain.Retro.PaidBack" : "Explain.Retro.Deducted") : (earning ? "Explain.Retro.Recovered" : "Explain.Retro.Refunded"));
        var paidPost = (Workforce.Domain.Workers.Post)b.Numerator;
        var reason = paidPost != b.Post ? new Message("Explain.Retro.PostChanged", paidPost, b.Post)
            : b.Denominator != b.Grade ? new Message("Explain.Retro.GradeChanged", Int(b.Denominator), Int(b.Grade))
            : new Message("Explain.Retro.FactsChanged");
        var p = new List<ExplanationParameter>
        {
            new(new Message("Explain.P.SourceMonth"), month),
            new(new Message("Explain.P.Recomputed"), Names.Yuan(b.Amount)),
            new(new Message("Explain.P.Paid"), Names.Yuan(b.Factor)),
            new(new Message("Explain.P.Reason"), reason),
        };
        var signed = line.Amount.Yuan.ToString("+#,##0.00;-#,##0.00", CultureInfo.InvariantCulture);
        var arithmetic = new Message("Explain.Retro", month, verb, reason, original.Label, Names.Yuan(b.Amount), Names.Yuan(b.Factor), signed);
        return new LineExplanation(line.Item.Code, line.Item.Label, original.Rule, r.ToString(), p, arithmetic);
    }

    private static Message Prorated(PayslipLine line, RuleSet r)
    {
        var b = line.Basis;
        object factor = b.Factor != 1m ? new Message("Explain.Factor", Names.Percent(b.Factor)) : string.Empty;
        object days = b.Numerator == b.Denominator ? string.Empty : r.Proration switch
        {
            ProrationBasis.WorkingDays21_75 => new Message("Explain.Days.Working", (b.Numerator / 100m).ToString("0.##", CultureInfo.InvariantCulture)),
            ProrationBasis.Fixed30Days => new Message("Explain.Days.Fixed30", Int(b.Numerator)),
            _ => new Message("Explain.Days.Calendar", Int(b.Numerator), Int(b.Denominator)),
        };
        if (b.Factor == 1m && b.Numerator == b.Denominator)
        {
            return new Message("Explain.WholeMonth", Names.Date(line.From), Names.Date(line.To), line.Amount.ToString());
        }
        var exact = b.ProratedValue;
        var rounded = Money.Round(exact);
        object adjust = line.Amount == rounded ? string.Empty
            : new Message("Explain.RoundingAdjustment", (line.Amount - rounded).Yuan.ToString("+0.00;-0.00", CultureInfo.InvariantCulture));
        return new Message("Explain.Prorated", Names.Date(line.From), Names.Date(line.To), Names.Exact(b.Amount), factor, days, Names.Exact(exact), line.Amount.ToString(), adjust);
    }

    private static Message Rating(AssessmentRating? rating) => new(rating is { } v ? "Explain.Rating." + v : "Explain.NotRated");

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
