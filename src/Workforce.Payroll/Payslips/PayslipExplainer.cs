using System.Globalization;
using System.Text;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Payroll.Rules;

namespace Workforce.Payroll;

/// <summary>The explanation of one payslip line, rendered on demand from its structured basis.</summary>
/// <param name="Code">Line code.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Rule">The rule that produced it.</param>
/// <param name="RuleSet">Rule-set code and version, e.g. <c>suzhou v1</c>.</param>
/// <param name="Parameters">The parameters used, as (name, value) in display order.</param>
/// <param name="Arithmetic">The computation with the actual numbers.</param>
public sealed record LineExplanation(string Code, string Name, RuleId Rule, string RuleSet,
    IReadOnlyList<KeyValuePair<string, string>> Parameters, string Arithmetic)
{
    /// <summary>"R2 等级工资" etc.</summary>
    public string RuleTitle => PayslipExplainer.RuleTitle(Rule);

    /// <summary>One paragraph: rule, rule set, parameters, arithmetic.</summary>
    public string Text
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append(Name).Append('：').Append(Arithmetic).Append("。依据 ").Append(RuleTitle).Append("（规则集 ").Append(RuleSet).Append('）');
            if (Parameters.Count > 0)
            {
                sb.Append("；参数：").AppendJoin("，", Parameters.Select(p => p.Key + " " + p.Value));
            }
            return sb.Append('。').ToString();
        }
    }
}

/// <summary>Turns a line's <see cref="LineBasis"/> back into words and arithmetic.</summary>
public static class PayslipExplainer
{
    /// <summary>Rule number and title.</summary>
    public static string RuleTitle(RuleId rule) => rule switch
    {
        RuleId.Grade => "R1 等级认定",
        RuleId.GradePay => "R2 等级工资",
        RuleId.SeniorityAndAllowances => "R3 工龄工资与津贴补贴",
        RuleId.Performance => "R4 绩效工资",
        RuleId.Certification => "R5 持证激励",
        RuleId.Proration => "R6 折算",
        RuleId.LeaderFloor => "R7 社区治理带头人年收入保底",
        RuleId.SocialInsurance => "R8 社会保险和住房公积金",
        RuleId.IncomeTax => "R9 个人所得税（累计预扣法）",
        _ => rule.ToString(),
    };

    /// <summary>Explains line <paramref name="index"/> of <paramref name="payslip"/>.</summary>
    public static LineExplanation Explain(Payslip payslip, int index)
    {
        ArgumentNullException.ThrowIfNull(payslip);
        var line = payslip.Lines[index];
        var r = payslip.RuleSet;
        var b = line.Basis;
        var p = new List<KeyValuePair<string, string>>();
        string arithmetic;
        var item = line.Item;
        if (item.Original is { } original)
        {
            return ExplainRetroactive(line, original, r);
        }
        switch (item.Code)
        {
            case PayItems.GradePayCode:
            {
                var baseAmount = r.BaseAmount(payslip.Period.Year);
                var coefficient = r.Coefficient(b.Post, b.Grade);
                p.Add(new("岗位", Names.Post(b.Post)));
                p.Add(new("等级", b.Grade.ToString(CultureInfo.InvariantCulture)));
                p.Add(new(payslip.Period.Year.ToString(CultureInfo.InvariantCulture) + " 年基数", Names.Yuan(baseAmount)));
                p.Add(new("系数", Names.Coefficient(coefficient)));
                arithmetic = $"基数 {Names.Yuan(baseAmount)} × 系数 {Names.Coefficient(coefficient)} = 月标准 {Names.Exact(b.Amount)}" + Prorated(line, r);
                break;
            }
            case PayItems.PostAllowanceCode:
                p.Add(new("岗位", Names.Post(b.Post)));
                arithmetic = $"{Names.Post(b.Post)}岗位津贴 月标准 {Names.Yuan(b.Amount)}" + Prorated(line, r);
                break;
            case PayItems.SeniorityCode:
                p.Add(new("每年工龄", Names.Yuan(r.SeniorityPerYear)));
                p.Add(new("工龄", b.Units.ToString(CultureInfo.InvariantCulture) + " 年"));
                p.Add(new("工龄上限", r.SeniorityMaxYears.ToString(CultureInfo.InvariantCulture) + " 年"));
                p.Add(new("含此前社区工作年限", r.SeniorityIncludesPriorYears ? "是" : "否"));
                arithmetic = $"{Names.Yuan(r.SeniorityPerYear)} × {b.Units} 年 = 月标准 {Names.Exact(b.Amount)}" + Prorated(line, r);
                break;
            case PayItems.PerformanceMonthlyCode:
            case PayItems.PerformanceReserveCode:
            {
                var gradePay = b.Amount / r.PerformanceRate;
                p.Add(new("绩效比例", Names.Percent(r.PerformanceRate)));
                p.Add(new("按月发放比例", Names.Percent(r.PerformanceMonthlyShare)));
                arithmetic = $"绩效工资 = {Names.Percent(r.PerformanceRate)} × (等级工资 + 岗位津贴) {Names.Exact(gradePay)} = 月标准 {Names.Exact(b.Amount)}；"
                    + (item.Code == PayItems.PerformanceMonthlyCode ? "按月发放" : "预留至年终") + Prorated(line, r);
                break;
            }
            case PayItems.PerformanceYearEndCode:
            case "PERF_YEAR_END_WITHHELD":
            {
                var rating = b.Units == 0 ? (AssessmentRating?)null : (AssessmentRating)b.Units;
                p.Add(new("全年预留绩效", Names.Yuan(b.Amount)));
                p.Add(new("年度考核", Names.Rating(rating)));
                p.Add(new("考核系数", b.Factor.ToString("0.##", CultureInfo.InvariantCulture)));
                arithmetic = rating is null
                    ? $"{payslip.Period.Year} 年度考核结果尚未录入，全年预留绩效 {Names.Yuan(b.Amount)} 暂缓发放（录入后补发）"
                    : item.Category == LineCategory.Information
                        ? $"{payslip.Period.Year} 年度考核{Names.Rating(rating)}，系数 {b.Factor.ToString("0.##", CultureInfo.InvariantCulture)}，全年预留绩效 {Names.Yuan(b.Amount)} 不予发放"
                        : $"全年预留绩效 {Names.Yuan(b.Amount)} × 考核{Names.Rating(rating)}系数 {b.Factor.ToString("0.##", CultureInfo.InvariantCulture)} = {Names.Exact(b.Amount * b.Factor)} → {line.Amount}";
                break;
            }
            case PayItems.CertificateAllowanceCode:
                p.Add(new("最高有效证书", Names.Level((CertificateLevel)b.Units)));
                arithmetic = $"{Names.Level((CertificateLevel)b.Units)}持证津贴 月标准 {Names.Yuan(b.Amount)}（登记次月起发放）" + Prorated(line, r);
                break;
            case PayItems.CertificateAwardCode:
            case "CERT_AWARD_FORFEITED":
            {
                var rating = b.Numerator == 0 ? (AssessmentRating?)null : (AssessmentRating)b.Numerator;
                p.Add(new("证书", Names.Level((CertificateLevel)b.Units)));
                p.Add(new("一次性奖励", Names.Yuan(b.Amount)));
                p.Add(new($"{b.Denominator} 年度考核", Names.Rating(rating)));
                arithmetic = item.Category == LineCategory.Earning
                    ? $"取得{Names.Level((CertificateLevel)b.Units)}，{b.Denominator} 年度考核{Names.Rating(rating)}（不低于合格），发放一次性奖励 {Names.Yuan(b.Amount)}"
                    : $"取得{Names.Level((CertificateLevel)b.Units)}，但 {b.Denominator} 年度考核{Names.Rating(rating)}（低于合格），一次性奖励 {Names.Yuan(b.Amount)} 不予发放";
                break;
            }
            case PayItems.LeaderTopUpCode:
            {
                var wage = r.ReferenceAverageWage(b.Units) ?? 0m;
                p.Add(new($"{b.Units} 年城镇非私营单位在岗职工平均工资", Names.Yuan(wage)));
                p.Add(new("保底倍数", r.LeaderFloorFactor.ToString("0.##", CultureInfo.InvariantCulture)));
                p.Add(new("单位社保计入收入", r.LeaderFloorIncludesEmployerContributions ? "是" : "否"));
                arithmetic = $"保底年收入 {r.LeaderFloorFactor.ToString("0.##", CultureInfo.InvariantCulture)} × {Names.Yuan(wage)} = {Names.Yuan(b.Amount)}；"
                    + $"{payslip.Period.Year} 年已发收入（含本月）{Names.Yuan(b.Factor)}；补差 = max(0, {Names.Yuan(b.Amount)} − {Names.Yuan(b.Factor)}) = {line.Amount}";
                break;
            }
            case PayItems.IncomeTaxCode:
            {
                var t = payslip.TaxWorksheet;
                var bracket = TaxBracket.Find(r.AnnualTaxTable, t.CumulativeTaxable.Yuan);
                p.Add(new("每月减除费用", Names.Yuan(r.BasicDeductionPerMonth)));
                p.Add(new("累计月数", t.Months.ToString(CultureInfo.InvariantCulture)));
                p.Add(new("预扣率", Names.Percent(bracket.Rate)));
                p.Add(new("速算扣除数", Names.Yuan(bracket.QuickDeduction)));
                arithmetic = $"累计应纳税所得额 = 累计收入 {t.CumulativeIncome} − 累计减除费用 {t.CumulativeBasicDeduction}（{Names.Yuan(r.BasicDeductionPerMonth)} × {t.Months}）"
                    + $" − 累计专项扣除 {t.CumulativeSpecialDeductions} − 累计专项附加扣除 {t.CumulativeSpecialAdditionalDeductions} = {t.CumulativeTaxable}；"
                    + $"累计应纳税额 = {t.CumulativeTaxable} × {Names.Percent(bracket.Rate)} − {Names.Yuan(bracket.QuickDeduction)} = {t.CumulativeTax}；"
                    + $"本月应预扣 = {t.CumulativeTax} − 已预扣 {t.WithheldBefore} = {line.Amount}"
                    + (t.CumulativeTax < t.WithheldBefore ? "（为负数时本月不退税，记为 0）" : string.Empty);
                break;
            }
            case PayItems.BonusTaxCode:
            {
                var bracket = TaxBracket.Find(r.AnnualBonusMonthlyTable, b.Amount / 12m);
                p.Add(new("适用税率", Names.Percent(bracket.Rate)));
                p.Add(new("速算扣除数", Names.Yuan(bracket.QuickDeduction)));
                arithmetic = $"全年一次性奖金 {Names.Yuan(b.Amount)} 单独计税：{Names.Yuan(b.Amount)} ÷ 12 = {Names.Exact(b.Amount / 12m)}，"
                    + $"按月度税率表适用 {Names.Percent(bracket.Rate)}；{Names.Yuan(b.Amount)} × {Names.Percent(bracket.Rate)} − {Names.Yuan(bracket.QuickDeduction)} = {line.Amount}";
                break;
            }
            default:
                if (item.Rule == RuleId.SocialInsurance)
                {
                    var (lower, upper) = r.ContributionLimits(item.Index, payslip.Period);
                    p.Add(new("申报/标准月工资", Names.Yuan(payslip.ContributionBase)));
                    p.Add(new("基数下限", Names.Yuan(lower)));
                    p.Add(new("基数上限", Names.Yuan(upper)));
                    p.Add(new("比例", Names.Percent(b.Factor)));
                    var clamp = b.Amount == payslip.ContributionBase ? string.Empty
                        : $"（{Names.Yuan(payslip.ContributionBase)} 按上下限 {Names.Yuan(lower)}–{Names.Yuan(upper)} 取 {Names.Yuan(b.Amount)}）";
                    arithmetic = $"缴费基数 {Names.Yuan(b.Amount)}{clamp} × {Names.Percent(b.Factor)} = {Names.Exact(b.Amount * b.Factor)} → {line.Amount}";
                }
                else
                {
                    p.Add(new("月标准", Names.Yuan(b.Amount)));
                    arithmetic = $"{item.Name} 月标准 {Names.Yuan(b.Amount)}" + Prorated(line, r);
                }
                break;
        }
        return new LineExplanation(item.Code, item.Name, item.Rule, r.ToString(), p, arithmetic);
    }

    // Basis of a difference line: Amount = recomputed, Factor = paid, Numerator/Denominator = post/grade paid, Post/Grade = recomputed.
    private static LineExplanation ExplainRetroactive(PayslipLine line, PayItem original, RuleSet r)
    {
        var b = line.Basis;
        var month = Names.Month(new NodaTime.YearMonth(line.From.Year, line.From.Month));
        var verb = line.Amount.Fen >= 0 ? (original.Category == LineCategory.Earning ? "补发" : "补扣") : (original.Category == LineCategory.Earning ? "扣回" : "退还");
        var paidPost = (Workforce.Domain.Workers.Post)b.Numerator;
        var reason = paidPost != b.Post ? $"岗位调整 {Names.Post(paidPost)}→{Names.Post(b.Post)}"
            : b.Denominator != b.Grade ? $"等级调整 {b.Denominator}→{b.Grade}级"
            : "考核、证书等事实变更";
        var p = new List<KeyValuePair<string, string>>
        {
            new("所属期间", month),
            new("重算应发", Names.Yuan(b.Amount)),
            new("已发", Names.Yuan(b.Factor)),
            new("原因", reason),
        };
        var signed = line.Amount.Yuan.ToString("+#,##0.00;-#,##0.00", CultureInfo.InvariantCulture);
        var arithmetic = $"{month} {verb}：{reason}，{original.Name} 重算 {Names.Yuan(b.Amount)} − 已发 {Names.Yuan(b.Factor)} = {signed}";
        return new LineExplanation(line.Item.Code, line.Item.Name, original.Rule, r.ToString(), p, arithmetic);
    }

    private static string Prorated(PayslipLine line, RuleSet r)
    {
        var b = line.Basis;
        var sb = new StringBuilder();
        if (b.Factor != 1m)
        {
            sb.Append(" × ").Append(Names.Percent(b.Factor));
        }
        if (b.Numerator != b.Denominator)
        {
            sb.Append(" × ").Append(r.Proration switch
            {
                ProrationBasis.WorkingDays21_75 => $"计薪天数 {(b.Numerator / 100m).ToString("0.##", CultureInfo.InvariantCulture)}/21.75",
                ProrationBasis.Fixed30Days => $"{b.Numerator}/30 天",
                _ => $"日历天数 {b.Numerator}/{b.Denominator}",
            });
        }
        if (sb.Length == 0)
        {
            return $"，{Names.Date(line.From)} 至 {Names.Date(line.To)} 整月 = {line.Amount}";
        }
        var exact = b.ProratedValue;
        var rounded = Money.Round(exact);
        var adjust = line.Amount == rounded ? string.Empty : $"（分段累计舍入调整 {(line.Amount - rounded).Yuan.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)}）";
        return $"；{Names.Date(line.From)} 至 {Names.Date(line.To)}：{Names.Exact(b.Amount)}{sb} = {Names.Exact(exact)} → {line.Amount}{adjust}";
    }
}
