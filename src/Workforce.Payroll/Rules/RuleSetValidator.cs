using System.Globalization;
using System.Text.RegularExpressions;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Workers;
using Workforce.Domain.Common;

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
            Add(e, "schema", "UnknownSchema", new Message("RuleSet.UnknownSchema", d.Schema, RuleSetDocument.CurrentSchema));
        }
        if (!CodePattern().IsMatch(d.Code ?? string.Empty))
        {
            Add(e, "code", "InvalidCode", new Message("RuleSet.InvalidFamilyCode"));
        }
        if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 100)
        {
            Add(e, "name", "Required", new Message("RuleSet.NameRequired"));
        }
        if (d.Version < 1)
        {
            Add(e, "version", "Invalid", new Message("RuleSet.VersionInvalid"));
        }
        if (d.EffectiveFrom.Day != 1)
        {
            Add(e, "effectiveFrom", "NotFirstOfMonth", new Message("RuleSet.NotFirstOfMonth", d.EffectiveFrom));
        }
        if (d.EffectiveTo is { } to)
        {
            if (to < d.EffectiveFrom)
            {
                Add(e, "effectiveTo", "EndsBeforeStart", new Message("RuleSet.EndsBeforeStart"));
            }
            else if (to.PlusDays(1).Day != 1)
            {
                Add(e, "effectiveTo", "NotLastOfMonth", new Message("RuleSet.NotLastOfMonth", to));
            }
        }
        ParseEnum<ProrationBasis>(e, "proration", d.Proration);
        ValidateGrades(e, d.Grades ?? new GradesSection());
        ValidateGradePay(e, d.GradePay ?? new GradePaySection());
        var s = d.Seniority ?? new SenioritySection();
        NonNegative(e, "seniority.amountPerYear", s.AmountPerYear);
        if (s.MaxYears < 0)
        {
            Add(e, "seniority.maxYears", "Negative", new Message("RuleSet.Negative"));
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
                Add(e, path, "UnknownKey", new Message("RuleSet.UnknownPostKey", key));
                continue;
            }
            if (range is null || range.Min < 1 || range.Max < range.Min || range.Max > 99)
            {
                Add(e, path, "InvalidBand", new Message("RuleSet.InvalidBand"));
                continue;
            }
            bands[post] = range;
        }
        foreach (var post in Enum.GetValues<Post>())
        {
            if (!(g.Bands ?? []).ContainsKey(post.ToString()))
            {
                Add(e, "grades.bands." + post, "Missing", new Message("RuleSet.MissingBand", post));
            }
        }
        foreach (var (key, table) in g.Coefficients ?? [])
        {
            var path = "grades.coefficients." + key;
            if (!TryPost(key, out var post))
            {
                Add(e, path, "UnknownKey", new Message("RuleSet.UnknownPost", key));
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
                    Add(e, path + "." + gradeKey, "UnknownKey", new Message("RuleSet.NotAGrade", gradeKey));
                    continue;
                }
                if (grade < band.Min || grade > band.Max)
                {
                    Add(e, path + "." + gradeKey, "GradeOutsideBand", new Message("RuleSet.GradeOutsideBand", grade, post, band.Min, band.Max));
                    continue;
                }
                if (coefficient <= 0)
                {
                    Add(e, path + "." + gradeKey, "NotPositive", new Message("RuleSet.CoefficientNotPositive"));
                }
                seen[grade] = coefficient;
            }
            for (var grade = band.Min; grade <= band.Max; grade++)
            {
                if (!seen.ContainsKey(grade))
                {
                    Add(e, path + "." + grade.ToString(CultureInfo.InvariantCulture), "Missing", new Message("RuleSet.MissingCoefficient", post, grade));
                }
            }
            decimal? previous = null;
            foreach (var (grade, coefficient) in seen)
            {
                if (previous is { } prev && coefficient < prev)
                {
                    Add(e, path + "." + grade.ToString(CultureInfo.InvariantCulture), "Decreasing", new Message("RuleSet.Decreasing"));
                }
                previous = coefficient;
            }
        }
        foreach (var post in bands.Keys)
        {
            if (!(g.Coefficients ?? []).ContainsKey(post.ToString()))
            {
                Add(e, "grades.coefficients." + post, "Missing", new Message("RuleSet.MissingCoefficients", post));
            }
        }
        var entry = g.Entry ?? new EntrySection();
        if (entry.YearsPerGrade < 1)
        {
            Add(e, "grades.entry.yearsPerGrade", "Invalid", new Message("RuleSet.AtLeastOne"));
        }
        foreach (var (key, years) in entry.DegreeCreditYears ?? [])
        {
            if (!Enum.TryParse<Education>(key, out var education) || !Enum.IsDefined(education) || int.TryParse(key, out _))
            {
                Add(e, "grades.entry.degreeCreditYears." + key, "UnknownKey", new Message("RuleSet.UnknownEducation", key));
            }
            else if (years < 0)
            {
                Add(e, "grades.entry.degreeCreditYears." + key, "Negative", new Message("RuleSet.Negative"));
            }
        }
        var adv = g.Advancement ?? new AdvancementSection();
        if (adv.YearsPerStep < 1)
        {
            Add(e, "grades.advancement.yearsPerStep", "Invalid", new Message("RuleSet.AtLeastOne"));
        }
        ParseEnum<AssessmentRating>(e, "grades.advancement.minimumRating", adv.MinimumRating);
        if (adv.EarlyStepConsecutiveExcellent < 0)
        {
            Add(e, "grades.advancement.earlyStepConsecutiveExcellent", "Negative", new Message("RuleSet.NegativeEarlySteps"));
        }
        if (adv.MaxEarlySteps < 0)
        {
            Add(e, "grades.advancement.maxEarlySteps", "Negative", new Message("RuleSet.Negative"));
        }
    }

    private static void ValidateGradePay(List<RuleSetError> e, GradePaySection g)
    {
        YearTable(e, "gradePay.baseAmounts", g.BaseAmounts ?? []);
        if ((g.BaseAmounts ?? []).Count == 0)
        {
            Add(e, "gradePay.baseAmounts", "Missing", new Message("RuleSet.MissingBaseAmounts"));
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
                Add(e, path + ".name", "Required", new Message("RuleSet.Required"));
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
                Add(e, "performance.ratingFactors." + key, "UnknownKey", new Message("RuleSet.UnknownRating", key));
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
                Add(e, "performance.ratingFactors." + rating, "Missing", new Message("RuleSet.MissingRatingFactor", rating));
            }
        }
        if (p.YearEndMonth is < 1 or > 12)
        {
            Add(e, "performance.yearEndMonth", "Invalid", new Message("RuleSet.MonthInvalid"));
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
                Add(e, path + ".scheme", "Required", new Message("RuleSet.SchemeRequired"));
                continue;
            }
            schemes.Add(l.Scheme);
            if (!seen.Add((l.Scheme, l.From)))
            {
                Add(e, path + ".from", "Overlap", new Message("RuleSet.BaseLimitOverlap", l.Scheme, l.From));
            }
            NonNegative(e, path + ".lower", l.Lower);
            if (l.Upper < l.Lower)
            {
                Add(e, path + ".upper", "UpperBelowLower", new Message("RuleSet.UpperBelowLower", l.Upper, l.Lower));
            }
        }
        var contributions = s.Contributions ?? [];
        for (var i = 0; i < contributions.Count; i++)
        {
            var c = contributions[i];
            var path = $"socialInsurance.contributions[{i}]";
            if (ItemCode(e, path + ".code", c.Code, codes) && (!codes.Add(c.Code + "_EE") | !codes.Add(c.Code + "_ER")))
            {
                Add(e, path + ".code", "DuplicateCode", new Message("RuleSet.DuplicateContributionCode", c.Code));
            }
            if (string.IsNullOrWhiteSpace(c.Name))
            {
                Add(e, path + ".name", "Required", new Message("RuleSet.Required"));
            }
            if (!schemes.Contains(c.Scheme ?? string.Empty))
            {
                Add(e, path + ".scheme", "UnknownScheme", new Message("RuleSet.UnknownScheme", c.Scheme));
            }
            Between(e, path + ".employeeRate", c.EmployeeRate, 0m, 1m);
            Between(e, path + ".employerRate", c.EmployerRate, 0m, 1m);
            if (c.Rounding is not ("fen" or "yuan"))
            {
                Add(e, path + ".rounding", "UnknownRounding", new Message("RuleSet.UnknownRounding", c.Rounding));
            }
        }
        if (s.ContributionYearStartMonth is < 1 or > 12)
        {
            Add(e, "socialInsurance.contributionYearStartMonth", "OutOfRange", new Message("RuleSet.MonthOutOfRange", s.ContributionYearStartMonth));
        }
    }

    private static void TaxTable(List<RuleSetError> e, string path, List<TaxBracketItem> table, bool required)
    {
        if (table.Count == 0)
        {
            if (required)
            {
                Add(e, path, "Missing", new Message("RuleSet.EmptyTaxTable"));
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
                Add(e, at + ".upTo", "Gap", new Message("RuleSet.OnlyLastOpen"));
            }
            if (i == table.Count - 1 && b.UpTo is not null)
            {
                Add(e, at + ".upTo", "Gap", new Message("RuleSet.LastMustBeOpen"));
            }
            if (b.UpTo is { } upTo && previousUpTo is { } prev && upTo <= prev)
            {
                Add(e, at + ".upTo", "Overlap", new Message("RuleSet.BracketNotAbove", upTo, prev));
            }
            // The quick deduction is implied by the table: the tax must be continuous at each limit.
            if (i > 0 && previousUpTo is { } limit)
            {
                var expected = previousQuick + limit * (b.Rate - previousRate);
                if (expected != b.QuickDeduction)
                {
                    Add(e, at + ".quickDeduction", "Inconsistent", new Message("RuleSet.QuickDeduction", expected.ToString(CultureInfo.InvariantCulture), limit.ToString(CultureInfo.InvariantCulture)));
                }
            }
            else if (i == 0 && b.QuickDeduction != 0)
            {
                Add(e, at + ".quickDeduction", "Inconsistent", new Message("RuleSet.FirstQuickDeduction"));
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
                Add(e, $"{path}[{i}].year", "Invalid", new Message("RuleSet.YearInvalid"));
            }
            else if (!years.Add(rows[i].Year))
            {
                Add(e, $"{path}[{i}].year", "Overlap", new Message("RuleSet.YearTwice", rows[i].Year));
            }
            if (rows[i].Amount <= 0)
            {
                Add(e, $"{path}[{i}].amount", "NotPositive", new Message("RuleSet.AmountNotPositive"));
            }
        }
    }

    private static void PostMap(List<RuleSetError> e, string path, Dictionary<string, decimal> map)
    {
        foreach (var (key, value) in map)
        {
            if (!TryPost(key, out _))
            {
                Add(e, path + "." + key, "UnknownKey", new Message("RuleSet.UnknownPost", key));
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
                Add(e, path + "." + key, "UnknownKey", new Message("RuleSet.UnknownCertificateLevel", key));
            }
            else if (negative(value))
            {
                Add(e, path + "." + key, "Negative", new Message("RuleSet.Negative"));
            }
        }
    }

    private static bool ItemCode(List<RuleSetError> e, string path, string? code, HashSet<string> seen)
    {
        if (!ItemCodePattern().IsMatch(code ?? string.Empty))
        {
            Add(e, path, "InvalidCode", new Message("RuleSet.InvalidItemCode"));
            return false;
        }
        if (ReservedCodes.Contains(code!) || !seen.Add(code!))
        {
            Add(e, path, "DuplicateCode", new Message("RuleSet.DuplicateItemCode", code));
            return false;
        }
        return true;
    }

    private static void NonNegative(List<RuleSetError> e, string path, decimal value)
    {
        if (value < 0)
        {
            Add(e, path, "Negative", new Message("RuleSet.NegativeValue", value.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static void Between(List<RuleSetError> e, string path, decimal value, decimal min, decimal max)
    {
        if (value < min || value > max)
        {
            Add(e, path, value < 0 ? "Negative" : "OutOfRange",
                new Message("RuleSet.OutOfRange", min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static void ParseEnum<T>(List<RuleSetError> e, string path, string? value) where T : struct, Enum
    {
        if (!TryEnum<T>(value, out _))
        {
            Add(e, path, "UnknownValue", new Message("RuleSet.UnknownValue", value ?? string.Empty, Enum.GetNames<T>()));
        }
    }

    internal static bool TryEnum<T>(string? value, out T result) where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: false, out result) && Enum.IsDefined(result) &&
        !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);

    private static bool TryPost(string key, out Post post) => TryEnum(key, out post);

    private static void Add(List<RuleSetError> e, string path, string code, Message message) =>
        e.Add(new RuleSetError(path, code, message));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,26}$")]
    private static partial Regex ItemCodePattern();
}
