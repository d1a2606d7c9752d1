using NodaTime;
using Workforce.Domain.Workers;
using Workforce.Payroll.Rules;

namespace Workforce.Payroll;

/// <summary>
/// A worker's pay for one period: the lines in payslip order and their totals. Totals are sums
/// of the rounded lines, so net = gross − deductions − tax holds exactly.
/// </summary>
public sealed class Payslip
{
    internal Payslip(long workerId, YearMonth period, RuleSet ruleSet, PayslipLine[] lines, in TaxWorksheet tax,
        long communityId, Post post, int grade, decimal contributionBase, string[] settledAwards)
    {
        WorkerId = workerId;
        Period = period;
        RuleSet = ruleSet;
        Lines = lines;
        TaxWorksheet = tax;
        CommunityId = communityId;
        Post = post;
        Grade = grade;
        ContributionBase = contributionBase;
        SettledAwards = settledAwards;
        long gross = 0, deductions = 0, taxes = 0, employer = 0, reserve = 0;
        foreach (var line in lines)
        {
            if (ReferenceEquals(line.Item, PayItems.PerformanceReserve) || ReferenceEquals(line.Item.Original, PayItems.PerformanceReserve))
            {
                reserve = checked(reserve + line.Amount.Fen);
            }
            switch (line.Item.Category)
            {
                case LineCategory.Earning: gross = checked(gross + line.Amount.Fen); break;
                case LineCategory.Deduction: deductions = checked(deductions + line.Amount.Fen); break;
                case LineCategory.Tax: taxes = checked(taxes + line.Amount.Fen); break;
                case LineCategory.EmployerContribution: employer = checked(employer + line.Amount.Fen); break;
                default: break;
            }
        }
        Gross = new Money(gross);
        Deductions = new Money(deductions);
        Tax = new Money(taxes);
        EmployerContributions = new Money(employer);
        Net = new Money(checked(gross - deductions - taxes));
        PerformanceReserve = new Money(reserve);
    }

    /// <summary>
    /// A payslip read back from storage: the lines and worksheet exactly as computed then, so totals and
    /// explanations are those of the payslip paid (nothing is recomputed).
    /// </summary>
    public static Payslip Restore(long workerId, YearMonth period, RuleSet ruleSet, PayslipLine[] lines, in TaxWorksheet tax,
        long communityId, Post post, int grade, decimal contributionBase, string[] settledAwards)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(lines);
        return new Payslip(workerId, period, ruleSet, lines, tax, communityId, post, grade, contributionBase, settledAwards ?? []);
    }

    /// <summary>Worker.</summary>
    public long WorkerId { get; }
    /// <summary>Pay period.</summary>
    public YearMonth Period { get; }
    /// <summary>The rule-set version used.</summary>
    public RuleSet RuleSet { get; }
    /// <summary>Lines in payslip order.</summary>
    public IReadOnlyList<PayslipLine> Lines { get; }
    /// <summary>Cumulative-withholding worksheet.</summary>
    public TaxWorksheet TaxWorksheet { get; }
    /// <summary>Community of the last day of service in the period (for the register by unit).</summary>
    public long CommunityId { get; }
    /// <summary>Post on the last day of service in the period.</summary>
    public Post Post { get; }
    /// <summary>Grade on the last day of service in the period.</summary>
    public int Grade { get; }
    /// <summary>Contribution base used (after clamping is per contribution; this is the declared or standard base).</summary>
    public decimal ContributionBase { get; }
    /// <summary>Certificates whose one-off award this payslip paid or refused (to record as settled).</summary>
    public IReadOnlyList<string> SettledAwards { get; }
    /// <summary>应发合计.</summary>
    public Money Gross { get; }
    /// <summary>Employee social insurance and housing fund.</summary>
    public Money Deductions { get; }
    /// <summary>Income tax.</summary>
    public Money Tax { get; }
    /// <summary>实发.</summary>
    public Money Net { get; }
    /// <summary>Employer contributions (单位缴纳), not part of net.</summary>
    public Money EmployerContributions { get; }
    /// <summary>Performance pay withheld to the year end by this payslip, corrections of earlier months included (information).</summary>
    public Money PerformanceReserve { get; }

    /// <summary>Sum of the lines with a code.</summary>
    public Money Total(string code)
    {
        var fen = 0L;
        foreach (var line in Lines)
        {
            if (line.Item.Code == code)
            {
                fen = checked(fen + line.Amount.Fen);
            }
        }
        return new Money(fen);
    }

    /// <summary>The explanation of one line (rendered now; nothing is stored).</summary>
    public LineExplanation Explain(int lineIndex) => PayslipExplainer.Explain(this, lineIndex);
}
