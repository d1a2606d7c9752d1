using System.Globalization;
using System.Text.RegularExpressions;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Workers;

namespace Workforce.Payroll.Rules;

/// <summary>
/// Checks a rule-set document before it can be compiled: every error names the JSON path of
/// the offending field. Gaps and overlaps between versions are checked by
/// <see cref="RuleSetHistory"/>.
/// </summary>
public static partial class RuleSetValidator
{
    /// <summary>Codes the engine uses for its own lines; allowances and contributions may not reuse them.</summary>
    public static readonly IReadOnlySet<string> ReservedCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        PayItems.GradePayCode, PayItems.PostAllowanceCode, PayItems.SeniorityCode, PayItems.PerformanceMonthlyCode,
        PayItems.PerformanceReserveCode, PayItems.PerformanceYearEndCode, PayItems.CertificateAllowanceCode,
        PayItems.CertificateAwardCode, PayItems.LeaderTopUpCode, PayItems.IncomeTaxCode, PayItems.BonusTaxCode,
        PayItems.PerformanceYearEndWithheld.Code, PayItems.CertificateAwardForfeited.Code,
    };

    /// <summary>All problems in <paramref name="d"/>; empty when it is valid.</summary>
    public static IReadOnlyList<RuleSetError> Validate(RuleSetDocument d)
    {
        var e = new List<RuleSetError>();
        if (d.Schema != RuleSetDocument.CurrentSchema)
        {
            Add(e, "schema", "UnknownSchema", $"不支持的格式版本“{d.Schema}”，应为“{RuleSetDocument.CurrentSchema}”");
        }
        if (!CodePattern().IsMatch(d.Code ?? string.Empty))
        {
            Add(e, "code", "InvalidCode", "代码必须由小写字母、数字和连字符组成（1–40 个字符）");
        }
        if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 100)
        {
            Add(e, "name", "Required", "名称必填，最多 100 个字符");
        }
        if (d.Version < 1)
        {
            Add(e, "version", "Invalid", "版本号必须为正整数");
        }
        if (d.EffectiveFrom.Day != 1)
        {
            Add(e, "effectiveFrom", "NotFirstOfMonth", $"生效日期 {d.EffectiveFrom:yyyy-MM-dd} 必须是某月 1 日（一个工资月只适用一个版本）");
        }
        if (d.EffectiveTo is { } to)
        {
            if (to < d.EffectiveFrom)
            {
                Add(e, "effectiveTo", "EndsBeforeStart", "失效日期早于生效日期");
            }
            else if (to.PlusDays(1).Day != 1)
            {
                Add(e, "effectiveTo", "NotLastOfMonth", $"失效日期 {to:yyyy-MM-dd} 必须是某月最后一天");
            }
        }
        ParseEnum<ProrationBasis>(e, "proration", d.Proration);
        ValidateGrades(e, d.Grades ?? new GradesSection());
        ValidateGradePay(e, d.GradePay ?? new GradePaySection());
        var s = d.Seniority ?? new SenioritySection();
        NonNegative(e, "seniority.amountPerYear", s.AmountPerYear);
        if (s.MaxYears < 0)
        {
            Add(e, "seniority.maxYears", "Negative", "不能为负数");
        }
        // Allowance codes and the _EE/_ER codes of contributions share one namespace with the engine's own.
        var itemCodes = new HashSet<string>(StringComparer.Ordinal);
        ValidateAllowances(e, d.Allowances ?? [], itemCodes);
        ValidatePerformance(e, d.Performance ?? new PerformanceSection());
        var p = d.Probation ?? new ProbationSection();
        Between(e, "probation.payPercent", p.PayPercent, 0m, 100m);
        ValidateCertification(e, d.Certification ?? new CertificationSection());
        var l = d.LeaderFloor ?? new LeaderFloorSection();
        NonNegative(e, "leaderFloor.factor", l.Factor);
        YearTable(e, "leaderFloor.referenceAverageWages", l.ReferenceAverageWages ?? []);
        ValidateSocialInsurance(e, d.SocialInsurance ?? new SocialInsuranceSection(), itemCodes);
        var t = d.IncomeTax ?? new IncomeTaxSection();
        NonNegative(e, "incomeTax.basicDeductionPerMonth", t.BasicDeductionPerMonth);
        TaxTable(e, "incomeTax.annualTable", t.AnnualTable ?? [], required: true);
        TaxTable(e, "incomeTax.annualBonusMonthlyTable", t.AnnualBonusMonthlyTable ?? [], required: t.SeparateAnnualBonus);
        return e;
    }

    private static void ValidateGrades(List<RuleSetError> e, GradesSection g)
    {
        var bands = new Dictionary<Post, GradeRange>();
        foreach (var (key, range) in g.Bands ?? [])
        {
            var path = "grades.bands." + key;
            if (!TryPost(key, out var post))
            {
                Add(e, path, "UnknownKey", $"未知的岗位“{key}”（应为 Head、Deputy 或 Staff）");
                continue;
            }
            if (range is null || range.Min < 1 || range.Max < range.Min || range.Max > 99)
            {
                Add(e, path, "InvalidBand", "等级范围无效：须 1 ≤ min ≤ max ≤ 99");
                continue;
            }
            bands[post] = range;
        }
        foreach (var post in Enum.GetValues<Post>())
        {
            if (!(g.Bands ?? []).ContainsKey(post.ToString()))
            {
                Add(e, "grades.bands." + post, "Missing", $"缺少岗位 {post} 的等级范围");
            }
        }
        foreach (var (key, table) in g.Coefficients ?? [])
        {
            var path = "grades.coefficients." + key;
            if (!TryPost(key, out var post))
            {
                Add(e, path, "UnknownKey", $"未知的岗位“{key}”");
                continue;
            }
            if (!bands.TryGetValue(post, out var band))
            {
                continue;
            }
            var seen = new SortedDictionary<int, decimal>();
            foreach (var (gradeKey, coefficient) in table ?? [])
            {
                if (!int.TryParse(gradeKey, NumberStyles.None, CultureInfo.InvariantCulture, out var grade))
                {
                    Add(e, path + "." + gradeKey, "UnknownKey", $"“{gradeKey}”不是等级数字");
                    continue;
                }
                if (grade < band.Min || grade > band.Max)
                {
                    Add(e, path + "." + gradeKey, "GradeOutsideBand", $"{grade} 级不在岗位 {post} 的等级范围 {band.Min}–{band.Max} 内");
                    continue;
                }
                if (coefficient <= 0)
                {
                    Add(e, path + "." + gradeKey, "NotPositive", "系数必须大于 0");
                }
                seen[grade] = coefficient;
            }
            for (var grade = band.Min; grade <= band.Max; grade++)
            {
                if (!seen.ContainsKey(grade))
                {
                    Add(e, path + "." + grade.ToString(CultureInfo.InvariantCulture), "Missing", $"缺少岗位 {post} 第 {grade} 级的系数");
                }
            }
            decimal? previous = null;
            foreach (var (grade, coefficient) in seen)
            {
                if (previous is { } prev && coefficient < prev)
                {
                    Add(e, path + "." + grade.ToString(CultureInfo.InvariantCulture), "Decreasing", "系数不能低于下一级（等级越高，系数不减）");
                }
                previous = coefficient;
            }
        }
        foreach (var post in bands.Keys)
        {
            if (!(g.Coefficients ?? []).ContainsKey(post.ToString()))
            {
                Add(e, "grades.coefficients." + post, "Missing", $"缺少岗位 {post} 的系数表");
            }
        }
        var entry = g.Entry ?? new EntrySection();
        if (entry.YearsPerGrade < 1)
        {
            Add(e, "grades.entry.yearsPerGrade", "Invalid", "必须至少为 1");
        }
        foreach (var (key, years) in entry.DegreeCreditYears ?? [])
        {
            if (!Enum.TryParse<Education>(key, out var education) || !Enum.IsDefined(education) || int.TryParse(key, out _))
            {
                Add(e, "grades.entry.degreeCreditYears." + key, "UnknownKey", $"未知的学历“{key}”");
            }
            else if (years < 0)
            {
                Add(e, "grades.entry.degreeCreditYears." + key, "Negative", "不能为负数");
            }
        }
        var adv = g.Advancement ?? new AdvancementSection();
        if (adv.YearsPerStep < 1)
        {
            Add(e, "grades.advancement.yearsPerStep", "Invalid", "必须至少为 1");
        }
        ParseEnum<AssessmentRating>(e, "grades.advancement.minimumRating", adv.MinimumRating);
        if (adv.EarlyStepConsecutiveExcellent < 0)
        {
            Add(e, "grades.advancement.earlyStepConsecutiveExcellent", "Negative", "不能为负数（0 表示不提前晋级）");
        }
        if (adv.MaxEarlySteps < 0)
        {
            Add(e, "grades.advancement.maxEarlySteps", "Negative", "不能为负数");
        }
    }

    private static void ValidateGradePay(List<RuleSetError> e, GradePaySection g)
    {
        YearTable(e, "gradePay.baseAmounts", g.BaseAmounts ?? []);
        if ((g.BaseAmounts ?? []).Count == 0)
        {
            Add(e, "gradePay.baseAmounts", "Missing", "至少需要一个年度的基数");
        }
        PostMap(e, "gradePay.postAllowances", g.PostAllowances ?? []);
    }

    private static void ValidateAllowances(List<RuleSetError> e, List<AllowanceItem> allowances, HashSet<string> codes)
    {
        for (var i = 0; i < allowances.Count; i++)
        {
            var a = allowances[i];
            var path = $"allowances[{i}]";
            ItemCode(e, path + ".code", a.Code, codes);
            if (string.IsNullOrWhiteSpace(a.Name))
            {
                Add(e, path + ".name", "Required", "名称必填");
            }
            NonNegative(e, path + ".monthlyAmount", a.MonthlyAmount);
        }
    }

    private static void ValidatePerformance(List<RuleSetError> e, PerformanceSection p)
    {
        Between(e, "performance.rate", p.Rate, 0m, 1m);
        Between(e, "performance.monthlyShare", p.MonthlyShare, 0m, 1m);
        foreach (var (key, factor) in p.RatingFactors ?? [])
        {
            if (!TryEnum<AssessmentRating>(key, out _))
            {
                Add(e, "performance.ratingFactors." + key, "UnknownKey", $"未知的考核等次“{key}”");
            }
            else
            {
                NonNegative(e, "performance.ratingFactors." + key, factor);
            }
        }
        foreach (var rating in Enum.GetValues<AssessmentRating>())
        {
            if (!(p.RatingFactors ?? []).ContainsKey(rating.ToString()))
            {
                Add(e, "performance.ratingFactors." + rating, "Missing", $"缺少考核等次 {rating} 的系数");
            }
        }
        if (p.YearEndMonth is < 1 or > 12)
        {
            Add(e, "performance.yearEndMonth", "Invalid", "必须是 1–12 之间的月份");
        }
    }

    private static void ValidateCertification(List<RuleSetError> e, CertificationSection c)
    {
        LevelMap(e, "certification.monthlyAllowances", c.MonthlyAllowances ?? [], v => v < 0);
        LevelMap(e, "certification.oneOffAwards", c.OneOffAwards ?? [], v => v < 0);
        LevelMap(e, "certification.gradeUplifts", (c.GradeUplifts ?? []).ToDictionary(kv => kv.Key, kv => (decimal)kv.Value), v => v < 0);
        ParseEnum<PostHireIncentive>(e, "certification.postHireIncentive", c.PostHireIncentive);
        ParseEnum<AwardAssessmentYear>(e, "certification.awardAssessmentYear", c.AwardAssessmentYear);
    }

    private static void ValidateSocialInsurance(List<RuleSetError> e, SocialInsuranceSection s, HashSet<string> codes)
    {
        var schemes = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<(string, NodaTime.YearMonth)>();
        var limits = s.BaseLimits ?? [];
        for (var i = 0; i < limits.Count; i++)
        {
            var l = limits[i];
            var path = $"socialInsurance.baseLimits[{i}]";
            if (string.IsNullOrWhiteSpace(l.Scheme))
            {
                Add(e, path + ".scheme", "Required", "缴费基数类别必填");
                continue;
            }
            schemes.Add(l.Scheme);
            if (!seen.Add((l.Scheme, l.From)))
            {
                Add(e, path + ".from", "Overlap", $"类别 {l.Scheme} 在 {l.From:yyyy-MM} 有两个上下限");
            }
            NonNegative(e, path + ".lower", l.Lower);
            if (l.Upper < l.Lower)
            {
                Add(e, path + ".upper", "UpperBelowLower", $"上限 {l.Upper} 低于下限 {l.Lower}");
            }
        }
        var contributions = s.Contributions ?? [];
        for (var i = 0; i < contributions.Count; i++)
        {
            var c = contributions[i];
            var path = $"socialInsurance.contributions[{i}]";
            if (ItemCode(e, path + ".code", c.Code, codes) && (!codes.Add(c.Code + "_EE") | !codes.Add(c.Code + "_ER")))
            {
                Add(e, path + ".code", "DuplicateCode", $"代码“{c.Code}_EE/_ER”与其他项目冲突");
            }
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                Add(e, path + ".name", "Required", "名称必填");
            }
            if (!schemes.Contains(c.Scheme ?? string.Empty))
            {
                Add(e, path + ".scheme", "UnknownScheme", $"没有类别“{c.Scheme}”的缴费基数上下限");
            }
            Between(e, path + ".employeeRate", c.EmployeeRate, 0m, 1m);
            Between(e, path + ".employerRate", c.EmployerRate, 0m, 1m);
        }
    }

    private static void TaxTable(List<RuleSetError> e, string path, List<TaxBracketItem> table, bool required)
    {
        if (table.Count == 0)
        {
            if (required)
            {
                Add(e, path, "Missing", "税率表不能为空");
            }
            return;
        }
        decimal? previousUpTo = 0m;
        decimal previousRate = 0m, previousQuick = 0m;
        for (var i = 0; i < table.Count; i++)
        {
            var b = table[i];
            var at = $"{path}[{i}]";
            Between(e, at + ".rate", b.Rate, 0m, 1m);
            NonNegative(e, at + ".quickDeduction", b.QuickDeduction);
            if (b.UpTo is null && i != table.Count - 1)
            {
                Add(e, at + ".upTo", "Gap", "只有最后一档可以没有上限");
            }
            if (i == table.Count - 1 && b.UpTo is not null)
            {
                Add(e, at + ".upTo", "Gap", "最后一档必须没有上限（upTo 为 null），否则超出部分无税率");
            }
            if (b.UpTo is { } upTo && previousUpTo is { } prev && upTo <= prev)
            {
                Add(e, at + ".upTo", "Overlap", $"上限 {upTo} 必须高于上一档的 {prev}");
            }
            // The quick deduction is implied by the table: the tax must be continuous at each limit.
            if (i > 0 && previousUpTo is { } limit)
            {
                var expected = previousQuick + limit * (b.Rate - previousRate);
                if (expected != b.QuickDeduction)
                {
                    Add(e, at + ".quickDeduction", "Inconsistent", $"速算扣除数应为 {expected.ToString(CultureInfo.InvariantCulture)}（使税额在 {limit.ToString(CultureInfo.InvariantCulture)} 处连续）");
                }
            }
            else if (i == 0 && b.QuickDeduction != 0)
            {
                Add(e, at + ".quickDeduction", "Inconsistent", "第一档的速算扣除数应为 0");
            }
            previousUpTo = b.UpTo;
            previousRate = b.Rate;
            previousQuick = b.QuickDeduction;
        }
    }

    private static void YearTable(List<RuleSetError> e, string path, List<YearAmount> rows)
    {
        var years = new HashSet<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Year is < 1900 or > 2200)
            {
                Add(e, $"{path}[{i}].year", "Invalid", "年份无效");
            }
            else if (!years.Add(rows[i].Year))
            {
                Add(e, $"{path}[{i}].year", "Overlap", $"{rows[i].Year} 年出现了两次");
            }
            if (rows[i].Amount <= 0)
            {
                Add(e, $"{path}[{i}].amount", "NotPositive", "金额必须大于 0");
            }
        }
    }

    private static void PostMap(List<RuleSetError> e, string path, Dictionary<string, decimal> map)
    {
        foreach (var (key, value) in map)
        {
            if (!TryPost(key, out _))
            {
                Add(e, path + "." + key, "UnknownKey", $"未知的岗位“{key}”");
            }
            else
            {
                NonNegative(e, path + "." + key, value);
            }
        }
    }

    private static void LevelMap(List<RuleSetError> e, string path, Dictionary<string, decimal> map, Func<decimal, bool> negative)
    {
        foreach (var (key, value) in map)
        {
            if (!TryEnum<CertificateLevel>(key, out _))
            {
                Add(e, path + "." + key, "UnknownKey", $"未知的证书等级“{key}”");
            }
            else if (negative(value))
            {
                Add(e, path + "." + key, "Negative", "不能为负数");
            }
        }
    }

    private static bool ItemCode(List<RuleSetError> e, string path, string? code, HashSet<string> seen)
    {
        if (!ItemCodePattern().IsMatch(code ?? string.Empty))
        {
            Add(e, path, "InvalidCode", "代码必须由大写字母、数字和下划线组成（最多 27 个字符）");
            return false;
        }
        if (ReservedCodes.Contains(code!) || !seen.Add(code!))
        {
            Add(e, path, "DuplicateCode", $"代码“{code}”重复或与系统项目冲突");
            return false;
        }
        return true;
    }

    private static void NonNegative(List<RuleSetError> e, string path, decimal value)
    {
        if (value < 0)
        {
            Add(e, path, "Negative", $"不能为负数（当前为 {value.ToString(CultureInfo.InvariantCulture)}）");
        }
    }

    private static void Between(List<RuleSetError> e, string path, decimal value, decimal min, decimal max)
    {
        if (value < min || value > max)
        {
            Add(e, path, value < 0 ? "Negative" : "OutOfRange",
                $"必须在 {min.ToString(CultureInfo.InvariantCulture)} 与 {max.ToString(CultureInfo.InvariantCulture)} 之间（当前为 {value.ToString(CultureInfo.InvariantCulture)}）");
        }
    }

    private static void ParseEnum<T>(List<RuleSetError> e, string path, string? value) where T : struct, Enum
    {
        if (!TryEnum<T>(value, out _))
        {
            Add(e, path, "UnknownValue", $"未知的取值“{value}”，可选：{string.Join("、", Enum.GetNames<T>())}");
        }
    }

    internal static bool TryEnum<T>(string? value, out T result) where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: false, out result) && Enum.IsDefined(result) &&
        !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);

    private static bool TryPost(string key, out Post post) => TryEnum(key, out post);

    private static void Add(List<RuleSetError> e, string path, string code, string message) =>
        e.Add(new RuleSetError(path, code, message));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,26}$")]
    private static partial Regex ItemCodePattern();
}
