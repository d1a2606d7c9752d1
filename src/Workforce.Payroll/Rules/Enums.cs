namespace Workforce.Payroll.Rules;

/// <summary>How a month's pay is divided among the days of a partial month or a split month.</summary>
public enum ProrationBasis
{
    /// <summary>Calendar days of the segment ÷ calendar days of the month (default).</summary>
    CalendarDays = 1,
    /// <summary>Working days (Monday–Friday) of the segment ÷ 21.75 (月计薪天数).</summary>
    WorkingDays21_75 = 2,
    /// <summary>Calendar days of the segment ÷ 30, a full month being 30.</summary>
    Fixed30Days = 3,
}

/// <summary>What a certificate registered after hire brings besides the monthly allowance.</summary>
public enum PostHireIncentive
{
    /// <summary>A one-off award (paid once, subject to the assessment condition).</summary>
    Award = 1,
    /// <summary>A grade uplift by the certificate level instead of the award (highest certificate only).</summary>
    GradeUplift = 2,
    /// <summary>Neither.</summary>
    None = 3,
}

/// <summary>Whose assessment decides the one-off certificate award.</summary>
public enum AwardAssessmentYear
{
    /// <summary>The assessment of the year of registration: the award waits until that rating is recorded.</summary>
    RegistrationYear = 1,
    /// <summary>The assessment of the year before registration: decided in the month after registration.</summary>
    PreviousYear = 2,
}
