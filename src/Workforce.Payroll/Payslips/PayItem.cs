using Workforce.Domain.Common;

namespace Workforce.Payroll;

/// <summary>What a payslip line is, for totals.</summary>
public enum LineCategory
{
    /// <summary>应发: adds to gross pay.</summary>
    Earning = 1,
    /// <summary>扣款: employee social insurance and housing fund; subtracted from gross.</summary>
    Deduction = 2,
    /// <summary>个人所得税; subtracted from gross.</summary>
    Tax = 3,
    /// <summary>单位缴纳: paid by the employer on top of gross; not part of net pay.</summary>
    EmployerContribution = 4,
    /// <summary>信息: shown for transparency (e.g. performance withheld to year end); not money paid.</summary>
    Information = 5,
}

/// <summary>The numbered rules of the engine (see docs/payroll-rules.md), cited by every explanation.</summary>
public enum RuleId
{
    /// <summary>R1 等级认定: grade as of a date.</summary>
    Grade = 1,
    /// <summary>R2 等级工资: base × coefficient, plus post allowance.</summary>
    GradePay = 2,
    /// <summary>R3 工龄工资与津贴补贴.</summary>
    SeniorityAndAllowances = 3,
    /// <summary>R4 绩效工资.</summary>
    Performance = 4,
    /// <summary>R5 持证激励.</summary>
    Certification = 5,
    /// <summary>R6 折算: segments of a month.</summary>
    Proration = 6,
    /// <summary>R7 社区治理带头人年收入保底.</summary>
    LeaderFloor = 7,
    /// <summary>R8 社会保险和住房公积金.</summary>
    SocialInsurance = 8,
    /// <summary>R9 个人所得税（累计预扣法）.</summary>
    IncomeTax = 9,
}

/// <summary>A kind of payslip line: its code, its name for people, category and the rule that produces it.</summary>
public sealed class PayItem
{
    internal PayItem(string code, Message label, LineCategory category, RuleId rule, int index = -1, PayItem? original = null)
    {
        Code = code;
        Label = label;
        Category = category;
        Rule = rule;
        Index = index;
        Original = original;
    }

    /// <summary>Stable code, e.g. <c>GRADE_PAY</c> or <c>PENSION_EE</c>.</summary>
    public string Code { get; }
    /// <summary>
    /// The name shown on payslips: a resource key (<c>PayItem.{Code}</c>) for the engine's own items, the rule set's name
    /// (data, as the district wrote it) for its allowances and contributions.
    /// </summary>
    public Message Label { get; }
    /// <summary>Category, for totals.</summary>
    public LineCategory Category { get; }
    /// <summary>The rule that produces lines of this kind.</summary>
    public RuleId Rule { get; }
    /// <summary>Position of the allowance or contribution in the rule set (−1 for the engine's own items).</summary>
    public int Index { get; }

    /// <summary>For a retroactive difference line (补发/补扣), the component it corrects; null otherwise.</summary>
    public PayItem? Original { get; }

    /// <inheritdoc />
    public override string ToString() => Code;
}

/// <summary>The engine's own pay items (allowances and contributions come from the rule set).</summary>
public static class PayItems
{
    /// <summary>Code of grade pay.</summary>
    public const string GradePayCode = "GRADE_PAY";
    /// <summary>Code of the post allowance.</summary>
    public const string PostAllowanceCode = "POST_ALLOWANCE";
    /// <summary>Code of seniority pay.</summary>
    public const string SeniorityCode = "SENIORITY";
    /// <summary>Code of the monthly performance share.</summary>
    public const string PerformanceMonthlyCode = "PERF_MONTHLY";
    /// <summary>Code of the performance pay withheld to year end (information).</summary>
    public const string PerformanceReserveCode = "PERF_RESERVE";
    /// <summary>Code of the year-end performance remainder.</summary>
    public const string PerformanceYearEndCode = "PERF_YEAR_END";
    /// <summary>Code of the monthly certificate allowance.</summary>
    public const string CertificateAllowanceCode = "CERT_ALLOWANCE";
    /// <summary>Code of the one-off certificate award.</summary>
    public const string CertificateAwardCode = "CERT_AWARD";
    /// <summary>Code of the governance-leader floor top-up.</summary>
    public const string LeaderTopUpCode = "LEADER_TOPUP";
    /// <summary>Code of income tax by cumulative withholding.</summary>
    public const string IncomeTaxCode = "IIT";
    /// <summary>Code of income tax on the annual one-off bonus.</summary>
    public const string BonusTaxCode = "IIT_BONUS";

    /// <summary>Prefix of the code of a retroactive difference line: <c>RETRO_GRADE_PAY</c> corrects <c>GRADE_PAY</c>.</summary>
    public const string RetroPrefix = "RETRO_";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PayItem> s_retro = new(StringComparer.Ordinal);

    /// <summary>
    /// The item of a retroactive difference for <paramref name="original"/> (same category and rule, code
    /// <see cref="RetroPrefix"/> + the original code). One instance per code.
    /// </summary>
    public static PayItem Retro(PayItem original)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (original.Original is not null)
        {
            throw new ArgumentException("A retroactive item cannot itself be corrected retroactively.", nameof(original));
        }
        return s_retro.GetOrAdd(RetroPrefix + original.Code, static (code, o) =>
            new PayItem(code, new Message("PayItem.Retro", o.Label), o.Category, o.Rule, o.Index, o), original);
    }

    /// <summary>An item for a stored code no rule set knows any more (kept so old payslips still read).</summary>
    public static PayItem Unknown(string code, LineCategory category) => new(code, Named(code), category, RuleId.GradePay);

    /// <summary>A name given as data (an allowance or contribution of a rule set), shown as it is.</summary>
    internal static Message Named(string name) => new("Common.Verbatim", name);

    private static Message Own(string code) => new("PayItem." + code);

    /// <summary>等级工资.</summary>
    public static readonly PayItem GradePay = new(GradePayCode, Own(GradePayCode), LineCategory.Earning, RuleId.GradePay);
    /// <summary>岗位津贴.</summary>
    public static readonly PayItem PostAllowance = new(PostAllowanceCode, Own(PostAllowanceCode), LineCategory.Earning, RuleId.GradePay);
    /// <summary>工龄工资.</summary>
    public static readonly PayItem Seniority = new(SeniorityCode, Own(SeniorityCode), LineCategory.Earning, RuleId.SeniorityAndAllowances);
    /// <summary>月度绩效.</summary>
    public static readonly PayItem PerformanceMonthly = new(PerformanceMonthlyCode, Own(PerformanceMonthlyCode), LineCategory.Earning, RuleId.Performance);
    /// <summary>绩效预留（年终按考核发放）.</summary>
    public static readonly PayItem PerformanceReserve = new(PerformanceReserveCode, Own(PerformanceReserveCode), LineCategory.Information, RuleId.Performance);
    /// <summary>年终绩效.</summary>
    public static readonly PayItem PerformanceYearEnd = new(PerformanceYearEndCode, Own(PerformanceYearEndCode), LineCategory.Earning, RuleId.Performance);
    /// <summary>Year-end remainder not paid (rating missing or 不合格): information.</summary>
    public static readonly PayItem PerformanceYearEndWithheld = new("PERF_YEAR_END_WITHHELD", Own("PERF_YEAR_END_WITHHELD"), LineCategory.Information, RuleId.Performance);
    /// <summary>持证津贴.</summary>
    public static readonly PayItem CertificateAllowance = new(CertificateAllowanceCode, Own(CertificateAllowanceCode), LineCategory.Earning, RuleId.Certification);
    /// <summary>持证一次性奖励.</summary>
    public static readonly PayItem CertificateAward = new(CertificateAwardCode, Own(CertificateAwardCode), LineCategory.Earning, RuleId.Certification);
    /// <summary>Award not paid because the assessment condition failed: information.</summary>
    public static readonly PayItem CertificateAwardForfeited = new("CERT_AWARD_FORFEITED", Own("CERT_AWARD_FORFEITED"), LineCategory.Information, RuleId.Certification);
    /// <summary>社区治理带头人年收入保底补差.</summary>
    public static readonly PayItem LeaderTopUp = new(LeaderTopUpCode, Own(LeaderTopUpCode), LineCategory.Earning, RuleId.LeaderFloor);
    /// <summary>个人所得税.</summary>
    public static readonly PayItem IncomeTax = new(IncomeTaxCode, Own(IncomeTaxCode), LineCategory.Tax, RuleId.IncomeTax);
    /// <summary>全年一次性奖金个人所得税.</summary>
    public static readonly PayItem BonusTax = new(BonusTaxCode, Own(BonusTaxCode), LineCategory.Tax, RuleId.IncomeTax);
}
