using System.Globalization;
using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Payroll.Rules;

/// <summary>
/// A validated, compiled rule-set version: the tables of a <see cref="RuleSetDocument"/> laid
/// out as arrays for the engine. Immutable and safe to share between threads.
/// </summary>
public sealed class RuleSet
{
    private readonly RuleSetDocument _document;
    private readonly int[] _bandMin = new int[4];
    private readonly int[] _bandMax = new int[4];
    private readonly decimal[][] _coefficients = new decimal[4][];
    private readonly decimal[] _postAllowance = new decimal[4];
    private readonly int[] _degreeCredit = new int[8];
    private readonly decimal[] _ratingFactor = new decimal[5];
    private readonly decimal[] _certAllowance = new decimal[10];
    private readonly decimal[] _certAward = new decimal[10];
    private readonly int[] _certUplift = new int[10];
    private readonly (int Year, decimal Amount)[] _baseAmounts;
    private readonly (int Year, decimal Amount)[] _referenceWages;
    private readonly (YearMonth From, decimal Lower, decimal Upper)[][] _limitsByContribution;

    private RuleSet(RuleSetDocument d)
    {
        _document = d;
        Code = d.Code;
        Name = d.Name;
        Version = d.Version;
        EffectiveFrom = d.EffectiveFrom;
        EffectiveTo = d.EffectiveTo;
        Proration = Enum.Parse<ProrationBasis>(d.Proration);
        foreach (var (key, band) in d.Grades.Bands)
        {
            var post = (int)Enum.Parse<Post>(key);
            _bandMin[post] = band.Min;
            _bandMax[post] = band.Max;
            _coefficients[post] = new decimal[band.Max + 1];
            foreach (var (grade, coefficient) in d.Grades.Coefficients[key])
            {
                _coefficients[post][int.Parse(grade, CultureInfo.InvariantCulture)] = coefficient;
            }
        }
        foreach (var (key, amount) in d.GradePay.PostAllowances)
        {
            _postAllowance[(int)Enum.Parse<Post>(key)] = amount;
        }
        YearsPerGrade = d.Grades.Entry.YearsPerGrade;
        foreach (var (key, years) in d.Grades.Entry.DegreeCreditYears)
        {
            _degreeCredit[(int)Enum.Parse<Education>(key)] = years;
        }
        YearsPerStep = d.Grades.Advancement.YearsPerStep;
        MinimumQualifyingRating = Enum.Parse<AssessmentRating>(d.Grades.Advancement.MinimumRating);
        EarlyStepConsecutiveExcellent = d.Grades.Advancement.EarlyStepConsecutiveExcellent;
        MaxEarlySteps = d.Grades.Advancement.MaxEarlySteps;
        _baseAmounts = [.. d.GradePay.BaseAmounts.Select(y => (y.Year, y.Amount)).OrderBy(y => y.Year)];
        SeniorityPerYear = d.Seniority.AmountPerYear;
        SeniorityIncludesPriorYears = d.Seniority.IncludePriorYears;
        SeniorityMaxYears = d.Seniority.MaxYears;
        AllowanceArray = [.. d.Allowances.Select((a, i) => new AllowanceRule(
            new PayItem(a.Code, PayItems.Named(a.Name), LineCategory.Earning, RuleId.SeniorityAndAllowances, i), a.MonthlyAmount, a.Prorated, a.ReducedInProbation))];
        PerformanceRate = d.Performance.Rate;
        PerformanceMonthlyShare = d.Performance.MonthlyShare;
        foreach (var (key, factor) in d.Performance.RatingFactors)
        {
            _ratingFactor[(int)Enum.Parse<AssessmentRating>(key)] = factor;
        }
        YearEndMonth = d.Performance.YearEndMonth;
        ProbationPayFactor = d.Probation.PayPercent / 100m;
        ProbationPerformancePay = d.Probation.PerformancePay;
        foreach (var (key, amount) in d.Certification.MonthlyAllowances)
        {
            _certAllowance[(int)Enum.Parse<CertificateLevel>(key)] = amount;
        }
        foreach (var (key, amount) in d.Certification.OneOffAwards)
        {
            _certAward[(int)Enum.Parse<CertificateLevel>(key)] = amount;
        }
        foreach (var (key, uplift) in d.Certification.GradeUplifts)
        {
            _certUplift[(int)Enum.Parse<CertificateLevel>(key)] = uplift;
        }
        PostHireIncentive = Enum.Parse<PostHireIncentive>(d.Certification.PostHireIncentive);
        AwardAssessmentYear = Enum.Parse<AwardAssessmentYear>(d.Certification.AwardAssessmentYear);
        LeaderFloorFactor = d.LeaderFloor.Factor;
        LeaderFloorIncludesEmployerContributions = d.LeaderFloor.IncludeEmployerSocialInsurance;
        _referenceWages = [.. d.LeaderFloor.ReferenceAverageWages.Select(y => (y.Year, y.Amount)).OrderBy(y => y.Year)];
        ContributionArray = [.. d.SocialInsurance.Contributions.Select((c, i) => new ContributionRule(
            new PayItem(c.Code + "_EE", new Message("PayItem.EmployeeShare", c.Name), LineCategory.Deduction, RuleId.SocialInsurance, i),
            new PayItem(c.Code + "_ER", new Message("PayItem.EmployerShare", c.Name), LineCategory.EmployerContribution, RuleId.SocialInsurance, i),
            c.Scheme, c.EmployeeRate, c.EmployerRate, c.Rounding == "yuan"))];
        ContributionYearStartMonth = d.SocialInsurance.ContributionYearStartMonth;
        _limitsByContribution = [.. Contributions.Select(c => d.SocialInsurance.BaseLimits
            .Where(l => l.Scheme == c.Scheme).OrderBy(l => l.From).Select(l => (l.From, l.Lower, l.Upper)).ToArray())];
        BasicDeductionPerMonth = d.IncomeTax.BasicDeductionPerMonth;
        AnnualTaxTable = [.. d.IncomeTax.AnnualTable.Select(b => new TaxBracket(b.UpTo, b.Rate, b.QuickDeduction))];
        SeparateAnnualBonus = d.IncomeTax.SeparateAnnualBonus;
        SeparateAnnualBonusUntil = d.IncomeTax.SeparateAnnualBonusUntil;
        AnnualBonusMonthlyTable = [.. d.IncomeTax.AnnualBonusMonthlyTable.Select(b => new TaxBracket(b.UpTo, b.Rate, b.QuickDeduction))];
        Items = [PayItems.GradePay, PayItems.PostAllowance, PayItems.Seniority, .. Allowances.Select(a => a.Item),
            PayItems.PerformanceMonthly, PayItems.PerformanceReserve, PayItems.PerformanceYearEnd, PayItems.PerformanceYearEndWithheld,
            PayItems.CertificateAllowance, PayItems.CertificateAward, PayItems.CertificateAwardForfeited, PayItems.LeaderTopUp,
            .. Contributions.Select(c => c.Employee), .. Contributions.Select(c => c.Employer), PayItems.IncomeTax, PayItems.BonusTax];
    }

    /// <summary>
    /// The item with <paramref name="code"/> in this rule set, including retroactive difference items
    /// (<c>RETRO_</c> + a known code); null when unknown. Used to read stored payslips back.
    /// </summary>
    public PayItem? FindItem(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.StartsWith(PayItems.RetroPrefix, StringComparison.Ordinal))
        {
            return FindItem(code[PayItems.RetroPrefix.Length..]) is { Original: null } original ? PayItems.Retro(original) : null;
        }
        foreach (var item in Items)
        {
            if (item.Code == code)
            {
                return item;
            }
        }
        return null;
    }

    /// <summary>Validates and compiles a document; throws <see cref="RuleSetInvalidException"/> listing every problem.</summary>
    public static RuleSet Compile(RuleSetDocument document)
    {
        var errors = RuleSetValidator.Validate(document);
        if (errors.Count > 0)
        {
            throw new RuleSetInvalidException(errors);
        }
        return new RuleSet(RuleSetJson.Clone(document));
    }

    /// <summary>Parses, validates and compiles JSON; throws <see cref="RuleSetInvalidException"/> on any problem.</summary>
    public static RuleSet FromJson(string json)
    {
        var (document, errors) = RuleSetJson.Parse(json);
        return document is null ? throw new RuleSetInvalidException(errors) : new RuleSet(document);
    }

    /// <summary>A copy of the document this rule set was compiled from.</summary>
    public RuleSetDocument ToDocument() => RuleSetJson.Clone(_document);

    /// <summary>The document as JSON.</summary>
    public string ToJson() => RuleSetJson.Serialize(_document);

    /// <summary>Rule-set family code, e.g. <c>suzhou</c>.</summary>
    public string Code { get; }
    /// <summary>Display name.</summary>
    public string Name { get; }
    /// <summary>Version number within the family.</summary>
    public int Version { get; }
    /// <summary>First day in force (always the 1st of a month).</summary>
    public LocalDate EffectiveFrom { get; }
    /// <summary>Last day in force (end of a month), or null while it is the current version.</summary>
    public LocalDate? EffectiveTo { get; }
    /// <summary>Proration basis of partial months.</summary>
    public ProrationBasis Proration { get; }
    /// <summary>Years of credit per grade at entry.</summary>
    public int YearsPerGrade { get; }
    /// <summary>Qualifying years per regular step.</summary>
    public int YearsPerStep { get; }
    /// <summary>Lowest rating with which a year qualifies.</summary>
    public AssessmentRating MinimumQualifyingRating { get; }
    /// <summary>Consecutive 优秀 years that give an early step (0: never).</summary>
    public int EarlyStepConsecutiveExcellent { get; }
    /// <summary>Most early steps in a career.</summary>
    public int MaxEarlySteps { get; }
    /// <summary>Seniority pay per year of service, per month.</summary>
    public decimal SeniorityPerYear { get; }
    /// <summary>Whether prior community-work years count as service for seniority pay.</summary>
    public bool SeniorityIncludesPriorYears { get; }
    /// <summary>Cap on counted years of service.</summary>
    public int SeniorityMaxYears { get; }
    /// <summary>Fixed allowances, in rule-set order.</summary>
    public IReadOnlyList<AllowanceRule> Allowances => AllowanceArray;
    /// <summary>Performance pay as a share of grade pay + post allowance.</summary>
    public decimal PerformanceRate { get; }
    /// <summary>Share of performance pay paid monthly; the rest waits for the year end.</summary>
    public decimal PerformanceMonthlyShare { get; }
    /// <summary>Month of the year-end run (remainder and leader floor).</summary>
    public int YearEndMonth { get; }
    /// <summary>Pay factor during probation (0.8 for 80%).</summary>
    public decimal ProbationPayFactor { get; }
    /// <summary>Whether performance pay is paid during probation.</summary>
    public bool ProbationPerformancePay { get; }
    /// <summary>What a certificate registered after hire brings besides the allowance.</summary>
    public PostHireIncentive PostHireIncentive { get; }
    /// <summary>Which year's assessment decides the one-off award.</summary>
    public AwardAssessmentYear AwardAssessmentYear { get; }
    /// <summary>Leader floor factor (1.5 in Suzhou).</summary>
    public decimal LeaderFloorFactor { get; }
    /// <summary>Whether employer social insurance counts as income for the leader floor.</summary>
    public bool LeaderFloorIncludesEmployerContributions { get; }
    /// <summary>Social insurance and housing fund contributions.</summary>
    public IReadOnlyList<ContributionRule> Contributions => ContributionArray;

    /// <summary>The month a contribution year starts (1–12).</summary>
    public int ContributionYearStartMonth { get; }

    /// <summary>The contribution year <paramref name="period"/> belongs to (named by the year it starts in).</summary>
    public int ContributionYearOf(YearMonth period) => period.Month >= ContributionYearStartMonth ? period.Year : period.Year - 1;

    // Arrays for the engine's loops (no enumerator allocations).
    internal AllowanceRule[] AllowanceArray { get; }
    internal ContributionRule[] ContributionArray { get; }
    /// <summary>Basic deduction (减除费用) per month.</summary>
    public decimal BasicDeductionPerMonth { get; }
    /// <summary>The annual comprehensive-income table (综合所得年度税率表).</summary>
    public IReadOnlyList<TaxBracket> AnnualTaxTable { get; }
    /// <summary>Whether the annual one-off bonus is taxed separately (while the policy is valid: <see cref="SeparatesAnnualBonusIn"/>).</summary>
    public bool SeparateAnnualBonus { get; }
    /// <summary>The last day the separate taxation applies; null: no end.</summary>
    public LocalDate? SeparateAnnualBonusUntil { get; }

    /// <summary>True when an annual bonus paid in <paramref name="month"/> is taxed on its own table: the option is on and the policy still valid.</summary>
    public bool SeparatesAnnualBonusIn(YearMonth month) =>
        SeparateAnnualBonus && (SeparateAnnualBonusUntil is not { } until || month.OnDayOfMonth(1) <= until);

    /// <summary>True when the option is on but its policy ended before <paramref name="month"/> (the explanation says so).</summary>
    public bool AnnualBonusPolicyEndedBefore(YearMonth month) => SeparateAnnualBonus && !SeparatesAnnualBonusIn(month);
    /// <summary>The monthly table used for the separately taxed annual bonus (按月换算后的综合所得税率表).</summary>
    public IReadOnlyList<TaxBracket> AnnualBonusMonthlyTable { get; }
    /// <summary>Every kind of line this rule set can produce, in payslip order.</summary>
    public IReadOnlyList<PayItem> Items { get; }

    /// <summary>True when the rule set is in force on <paramref name="date"/>.</summary>
    public bool IsInForce(LocalDate date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);

    /// <summary>Band floor of a post.</summary>
    public int BandMin(Post post) => _bandMin[(int)post];
    /// <summary>Band ceiling of a post.</summary>
    public int BandMax(Post post) => _bandMax[(int)post];
    /// <summary>Grade coefficient of a post and grade inside its band.</summary>
    public decimal Coefficient(Post post, int grade) => _coefficients[(int)post][grade];
    /// <summary>Monthly post allowance.</summary>
    public decimal PostAllowance(Post post) => _postAllowance[(int)post];
    /// <summary>Years of credit for a degree.</summary>
    public int DegreeCreditYears(Education education) => _degreeCredit[(int)education];
    /// <summary>Year-end performance factor of a rating.</summary>
    public decimal RatingFactor(AssessmentRating rating) => _ratingFactor[(int)rating];
    /// <summary>Monthly certificate allowance of a level.</summary>
    public decimal CertificateAllowance(CertificateLevel level) => _certAllowance[(int)level];
    /// <summary>One-off award of a level.</summary>
    public decimal CertificateAward(CertificateLevel level) => _certAward[(int)level];
    /// <summary>Grade uplift of a level.</summary>
    public int CertificateUplift(CertificateLevel level) => _certUplift[(int)level];

    /// <summary>Base amount of grade pay for a year; refuses a year the table lacks rather than guessing.</summary>
    public decimal BaseAmount(int year) => Lookup(_baseAmounts, year) ??
        throw new DomainException("Payroll.BaseAmountMissing", year, Code, Version) { Field = "gradePay.baseAmounts" };

    /// <summary>Reference average wage W of a year, or null when the table lacks it.</summary>
    public decimal? ReferenceAverageWage(int year) => Lookup(_referenceWages, year);

    /// <summary>Contribution-base limits in force for a contribution in a month; refuses a month before the first entry.</summary>
    public (decimal Lower, decimal Upper) ContributionLimits(int contribution, YearMonth month)
    {
        var table = _limitsByContribution[contribution];
        for (var i = table.Length - 1; i >= 0; i--)
        {
            if (table[i].From <= month)
            {
                return (table[i].Lower, table[i].Upper);
            }
        }
        throw new DomainException("Payroll.ContributionLimitsMissing", Contributions[contribution].Scheme,
            month.ToString("uuuu-MM", CultureInfo.InvariantCulture)) { Field = "socialInsurance.baseLimits" };
    }

    private static decimal? Lookup((int Year, decimal Amount)[] table, int year)
    {
        foreach (var (y, amount) in table)
        {
            if (y == year)
            {
                return amount;
            }
        }
        return null;
    }

    private string? _label;

    /// <summary>"code vN", as every explanation cites it (built once).</summary>
    public override string ToString() => _label ??= $"{Code} v{Version}";
}

/// <summary>A fixed monthly allowance.</summary>
/// <param name="Item">Its payslip item.</param>
/// <param name="MonthlyAmount">Full-month amount.</param>
/// <param name="Prorated">Whether a partial month pays a share.</param>
/// <param name="ReducedInProbation">Whether the probation pay factor applies.</param>
public sealed record AllowanceRule(PayItem Item, decimal MonthlyAmount, bool Prorated, bool ReducedInProbation);

/// <summary>A social insurance or housing fund contribution.</summary>
/// <param name="Employee">The employee's deduction item.</param>
/// <param name="Employer">The employer's contribution item.</param>
/// <param name="Scheme">Which base limits apply.</param>
/// <param name="EmployeeRate">Employee rate (0.08 for 8%).</param>
/// <param name="EmployerRate">Employer rate.</param>
/// <param name="RoundsToYuan">Each share rounds to the whole yuan (a housing-fund centre's rule) instead of the fen.</param>
public sealed record ContributionRule(PayItem Employee, PayItem Employer, string Scheme, decimal EmployeeRate, decimal EmployerRate, bool RoundsToYuan = false)
{
    /// <summary>A share of <paramref name="base"/> at <paramref name="rate"/>, rounded half up to the fen or, for a scheme that rounds to the yuan, to the yuan.</summary>
    public Money Share(decimal @base, decimal rate) => RoundsToYuan ? Money.RoundToYuan(@base * rate) : Money.Round(@base * rate);
}

/// <summary>A bracket of a progressive tax table.</summary>
/// <param name="UpTo">Upper limit (inclusive), null for the top bracket.</param>
/// <param name="Rate">Rate (0.03 for 3%).</param>
/// <param name="QuickDeduction">Quick deduction (速算扣除数).</param>
public sealed record TaxBracket(decimal? UpTo, decimal Rate, decimal QuickDeduction)
{
    /// <summary>The bracket of <paramref name="taxable"/> in a table ordered by limit.</summary>
    public static TaxBracket Find(IReadOnlyList<TaxBracket> table, decimal taxable)
    {
        for (var i = 0; i < table.Count; i++)
        {
            if (table[i].UpTo is not { } upTo || taxable <= upTo)
            {
                return table[i];
            }
        }
        return table[^1];
    }
}
