using NodaTime;

namespace Workforce.Payroll.Rules;

// The JSON form of a rule-set version, documented field by field in docs/payroll-rules.md.
// These are plain data holders for (de)serialisation; RuleSetValidator checks them and
// RuleSet.Compile turns a valid document into the immutable tables the engine reads.
// Maps keyed by a post, grade, education, rating or certificate level are JSON objects whose
// keys the validator checks, so a misspelt key is reported with its path instead of ignored.
#pragma warning disable CS1591 // the schema is documented in docs/payroll-rules.md

/// <summary>One version of a payroll rule set, as exported and imported (JSON).</summary>
public sealed class RuleSetDocument
{
    /// <summary>The schema identifier this library reads and writes.</summary>
    public const string CurrentSchema = "workforce-payroll-rules/1";

    public string Schema { get; set; } = CurrentSchema;
    public string Code { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public int Version { get; set; }
    public LocalDate EffectiveFrom { get; set; }
    public LocalDate? EffectiveTo { get; set; }
    public string Proration { get; set; } = nameof(ProrationBasis.CalendarDays);
    public GradesSection Grades { get; set; } = new();
    public GradePaySection GradePay { get; set; } = new();
    public SenioritySection Seniority { get; set; } = new();
    public List<AllowanceItem> Allowances { get; set; } = [];
    public PerformanceSection Performance { get; set; } = new();
    public ProbationSection Probation { get; set; } = new();
    public CertificationSection Certification { get; set; } = new();
    public LeaderFloorSection LeaderFloor { get; set; } = new();
    public SocialInsuranceSection SocialInsurance { get; set; } = new();
    public IncomeTaxSection IncomeTax { get; set; } = new();
}

public sealed class GradesSection
{
    public Dictionary<string, GradeRange> Bands { get; set; } = [];
    public Dictionary<string, Dictionary<string, decimal>> Coefficients { get; set; } = [];
    public EntrySection Entry { get; set; } = new();
    public AdvancementSection Advancement { get; set; } = new();
}

public sealed class GradeRange
{
    public int Min { get; set; }
    public int Max { get; set; }
}

public sealed class EntrySection
{
    public int YearsPerGrade { get; set; } = 3;
    public Dictionary<string, int> DegreeCreditYears { get; set; } = [];
}

public sealed class AdvancementSection
{
    public int YearsPerStep { get; set; } = 3;
    public string MinimumRating { get; set; } = "Qualified";
    public int EarlyStepConsecutiveExcellent { get; set; }
    public int MaxEarlySteps { get; set; }
}

public sealed class GradePaySection
{
    public List<YearAmount> BaseAmounts { get; set; } = [];
    public Dictionary<string, decimal> PostAllowances { get; set; } = [];
}

public sealed class YearAmount
{
    public int Year { get; set; }
    public decimal Amount { get; set; }
}

public sealed class SenioritySection
{
    public decimal AmountPerYear { get; set; }
    public bool IncludePriorYears { get; set; }
    public int MaxYears { get; set; }
}

public sealed class AllowanceItem
{
    public string Code { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public decimal MonthlyAmount { get; set; }
    public bool Prorated { get; set; } = true;
    public bool ReducedInProbation { get; set; }
}

public sealed class PerformanceSection
{
    public decimal Rate { get; set; }
    public decimal MonthlyShare { get; set; }
    public Dictionary<string, decimal> RatingFactors { get; set; } = [];
    public int YearEndMonth { get; set; } = 12;
}

public sealed class ProbationSection
{
    public decimal PayPercent { get; set; } = 100m;
    public bool PerformancePay { get; set; }
}

public sealed class CertificationSection
{
    public Dictionary<string, decimal> MonthlyAllowances { get; set; } = [];
    public Dictionary<string, decimal> OneOffAwards { get; set; } = [];
    public Dictionary<string, int> GradeUplifts { get; set; } = [];
    public string PostHireIncentive { get; set; } = nameof(Rules.PostHireIncentive.Award);
    public string AwardAssessmentYear { get; set; } = nameof(Rules.AwardAssessmentYear.RegistrationYear);
}

public sealed class LeaderFloorSection
{
    public decimal Factor { get; set; }
    public bool IncludeEmployerSocialInsurance { get; set; }
    public List<YearAmount> ReferenceAverageWages { get; set; } = [];
}

public sealed class SocialInsuranceSection
{
    /// <summary>The month a contribution year starts (bases are declared per contribution year; Suzhou: 7, July to June).</summary>
    public int ContributionYearStartMonth { get; set; } = 1;
    public List<BaseLimit> BaseLimits { get; set; } = [];
    public List<ContributionItem> Contributions { get; set; } = [];
}

public sealed class BaseLimit
{
    public string Scheme { get; set; } = string.Empty;
    public YearMonth From { get; set; }
    public decimal Lower { get; set; }
    public decimal Upper { get; set; }
}

public sealed class ContributionItem
{
    public string Code { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string Scheme { get; set; } = string.Empty;
    public decimal EmployeeRate { get; set; }
    public decimal EmployerRate { get; set; }
    /// <summary>"fen" (default) or "yuan": some housing-fund centres round each share to the whole yuan.</summary>
    public string Rounding { get; set; } = "fen";
}

public sealed class IncomeTaxSection
{
    public decimal BasicDeductionPerMonth { get; set; }
    public List<TaxBracketItem> AnnualTable { get; set; } = [];
    public bool SeparateAnnualBonus { get; set; }
    /// <summary>Last day the separate taxation of the annual bonus applies (财政部 税务总局公告2023年第30号: 2027-12-31); null: no end.</summary>
    public LocalDate? SeparateAnnualBonusUntil { get; set; }
    public List<TaxBracketItem> AnnualBonusMonthlyTable { get; set; } = [];
}

public sealed class TaxBracketItem
{
    /// <summary>Upper limit of the bracket (inclusive); null for the top bracket.</summary>
    public decimal? UpTo { get; set; }
    public decimal Rate { get; set; }
    public decimal QuickDeduction { get; set; }
}
#pragma warning restore CS1591
