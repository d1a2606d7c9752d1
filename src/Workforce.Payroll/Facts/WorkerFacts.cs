using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Certification;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Payroll.Facts;

/// <summary>A post held from a date (and community), as recorded in the registry.</summary>
/// <param name="Post">The post.</param>
/// <param name="Start">First day.</param>
/// <param name="End">Last day (inclusive), or null while current.</param>
/// <param name="CommunityId">Community (organisation unit) of the post.</param>
/// <param name="Grade">
/// A grade set by an explicit decision on <paramref name="Start"/> (e.g. the initial placement when the
/// scale was introduced). Null, the usual case, lets the engine derive the grade by its rules.
/// </param>
public sealed record AssignmentFact(Post Post, LocalDate Start, LocalDate? End, long CommunityId, int? Grade = null);

/// <summary>A certificate the worker holds.</summary>
/// <param name="Level">Level.</param>
/// <param name="Number">Certificate number (identifies the one-off award).</param>
/// <param name="RegisteredOn">Registration date; the incentive starts the following month.</param>
/// <param name="ValidUntil">Last valid day, or null when it does not lapse.</param>
public sealed record CertificateFact(CertificateLevel Level, string Number, LocalDate RegisteredOn, LocalDate? ValidUntil = null);

/// <summary>The annual assessment of a year.</summary>
/// <param name="Year">Assessed year.</param>
/// <param name="Rating">Rating.</param>
public sealed record AssessmentFact(int Year, AssessmentRating Rating);

/// <summary>Special additional deductions (专项附加扣除) declared for a month.</summary>
/// <param name="Month">Pay period.</param>
/// <param name="Amount">Total of the month's special additional deductions.</param>
public sealed record MonthlyDeduction(YearMonth Month, Money Amount);

/// <summary>
/// Everything the engine knows about one worker. Built by the application from the registry;
/// the constructor checks the facts are coherent (assignments ordered, not overlapping, the
/// first one covering the hire date), after which the engine trusts them.
/// </summary>
public sealed class WorkerFacts
{
    private readonly AssessmentRating[] _ratings;
    private readonly int _firstRatedYear;

    /// <summary>Creates the facts of a worker.</summary>
    /// <param name="workerId">Registry id.</param>
    /// <param name="hireDate">Hire date (入职).</param>
    /// <param name="assignments">Post assignments, oldest first; the first covers the hire date.</param>
    /// <param name="education">Highest education, for the entry degree credit.</param>
    /// <param name="priorServiceYears">Community-work years before hire.</param>
    /// <param name="leaveDate">Last day of service, if the worker left.</param>
    /// <param name="probationEnd">Last day of probation, if any.</param>
    /// <param name="certificates">Certificates held.</param>
    /// <param name="assessments">Annual assessments recorded so far.</param>
    /// <param name="leaderYears">Years for which the worker is recognised as 社区治理带头人.</param>
    /// <param name="specialAdditionalDeductions">Declared special additional deductions by month.</param>
    /// <param name="declaredContributionBase">The declared social-insurance base (e.g. last year's monthly average), or null to use the standard monthly pay.</param>
    /// <param name="settledAwards">Numbers of certificates whose one-off award was already paid or refused.</param>
    /// <param name="contributionBases">Contribution bases by contribution year; the one of the month's year is used before <paramref name="declaredContributionBase"/>.</param>
    public WorkerFacts(
        long workerId,
        LocalDate hireDate,
        IReadOnlyList<AssignmentFact> assignments,
        Education education = Education.College,
        int priorServiceYears = 0,
        LocalDate? leaveDate = null,
        LocalDate? probationEnd = null,
        IReadOnlyList<CertificateFact>? certificates = null,
        IReadOnlyList<AssessmentFact>? assessments = null,
        IReadOnlyList<int>? leaderYears = null,
        IReadOnlyList<MonthlyDeduction>? specialAdditionalDeductions = null,
        decimal? declaredContributionBase = null,
        IReadOnlyCollection<string>? settledAwards = null,
        IReadOnlyList<ContributionBaseFact>? contributionBases = null)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.Count == 0 || assignments[0].Start > hireDate)
        {
            throw new DomainException("Payroll.NoAssignmentAtHire", workerId);
        }
        for (var i = 0; i < assignments.Count; i++)
        {
            var a = assignments[i];
            if (a.End is { } end && end < a.Start)
            {
                throw new DomainException("Payroll.AssignmentEndsBeforeStart", workerId);
            }
            if (i > 0 && (assignments[i - 1].End is not { } previousEnd || previousEnd >= a.Start))
            {
                throw new DomainException("Payroll.AssignmentsOverlap", workerId);
            }
        }
        if (leaveDate is { } leave && leave < hireDate)
        {
            throw new DomainException("Payroll.LeaveBeforeHire", workerId);
        }
        if (priorServiceYears < 0 || declaredContributionBase < 0)
        {
            throw new DomainException("Payroll.NegativeFact", workerId);
        }
        WorkerId = workerId;
        HireDate = hireDate;
        AssignmentArray = [.. assignments];
        Education = education;
        PriorServiceYears = priorServiceYears;
        LeaveDate = leaveDate;
        ProbationEnd = probationEnd;
        CertificateArray = [.. certificates ?? []];
        Assessments = [.. assessments ?? []];
        LeaderYearArray = [.. leaderYears ?? []];
        DeductionArray = [.. specialAdditionalDeductions ?? []];
        DeclaredContributionBase = declaredContributionBase;
        ContributionBases = contributionBases ?? [];
        SettledArray = [.. settledAwards ?? []];

        // Ratings by year in an array: the grade walk asks for one per year of service.
        _firstRatedYear = Assessments.Count == 0 ? 0 : Assessments.Min(a => a.Year);
        _ratings = Assessments.Count == 0 ? [] : new AssessmentRating[Assessments.Max(a => a.Year) - _firstRatedYear + 1];
        foreach (var a in Assessments)
        {
            if (_ratings[a.Year - _firstRatedYear] != 0)
            {
                throw new DomainException("Payroll.DuplicateAssessment", workerId, a.Year);
            }
            _ratings[a.Year - _firstRatedYear] = a.Rating;
        }
    }

    /// <summary>Registry id.</summary>
    public long WorkerId { get; }
    /// <summary>Hire date.</summary>
    public LocalDate HireDate { get; }
    /// <summary>Post assignments, oldest first.</summary>
    public IReadOnlyList<AssignmentFact> Assignments => AssignmentArray;
    /// <summary>Highest education.</summary>
    public Education Education { get; }
    /// <summary>Community-work years before hire.</summary>
    public int PriorServiceYears { get; }
    /// <summary>Last day of service, if any.</summary>
    public LocalDate? LeaveDate { get; }
    /// <summary>Last day of probation, if any.</summary>
    public LocalDate? ProbationEnd { get; }
    /// <summary>Certificates.</summary>
    public IReadOnlyList<CertificateFact> Certificates => CertificateArray;
    /// <summary>Assessments.</summary>
    public IReadOnlyList<AssessmentFact> Assessments { get; }
    /// <summary>Years recognised as governance leader.</summary>
    public IReadOnlyList<int> LeaderYears => LeaderYearArray;
    /// <summary>Special additional deductions by month.</summary>
    public IReadOnlyList<MonthlyDeduction> SpecialAdditionalDeductions => DeductionArray;
    /// <summary>Declared contribution base, if any (for every month; a base of the month's contribution year comes first).</summary>
    public decimal? DeclaredContributionBase { get; }
    /// <summary>Contribution bases by contribution year (declared, or derived from the previous year's pay).</summary>
    public IReadOnlyList<ContributionBaseFact> ContributionBases { get; }

    /// <summary>The base of contribution year <paramref name="year"/>, if one is recorded.</summary>
    public ContributionBaseFact? ContributionBaseFor(int year)
    {
        foreach (var b in ContributionBases)
        {
            if (b.Year == year)
            {
                return b;
            }
        }
        return null;
    }
    /// <summary>Certificates whose one-off award is settled.</summary>
    public IReadOnlyCollection<string> SettledAwards => SettledArray;

    // Arrays for the engine: iterating an interface would allocate an enumerator per loop.
    internal AssignmentFact[] AssignmentArray { get; }
    internal CertificateFact[] CertificateArray { get; }
    internal int[] LeaderYearArray { get; }
    internal MonthlyDeduction[] DeductionArray { get; }
    internal string[] SettledArray { get; }

    /// <summary>The rating of a year, or null when none is recorded.</summary>
    public AssessmentRating? RatingOf(int year)
    {
        var i = year - _firstRatedYear;
        return i >= 0 && i < _ratings.Length && _ratings[i] != 0 ? _ratings[i] : null;
    }

    /// <summary>Special additional deductions declared for a month (zero when none).</summary>
    public Money SpecialAdditionalDeductionFor(YearMonth month)
    {
        foreach (var d in DeductionArray)
        {
            if (d.Month == month)
            {
                return d.Amount;
            }
        }
        return Money.Zero;
    }

    /// <summary>True when the worker is recognised as governance leader for <paramref name="year"/>.</summary>
    public bool IsLeaderIn(int year)
    {
        foreach (var y in LeaderYearArray)
        {
            if (y == year)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A copy with one more settled certificate award (what the application records after a payslip pays or refuses it).</summary>
    public WorkerFacts WithSettledAwards(IEnumerable<string> numbers) => new(
        WorkerId, HireDate, Assignments, Education, PriorServiceYears, LeaveDate, ProbationEnd, Certificates, Assessments,
        LeaderYears, SpecialAdditionalDeductions, DeclaredContributionBase, [.. SettledAwards.Concat(numbers).Distinct()], ContributionBases);
}

/// <summary>The social-insurance and housing-fund base of a contribution year (the year it starts in: the Suzhou year runs July to June).</summary>
/// <param name="Year">Contribution year.</param>
/// <param name="Base">Monthly base in yuan.</param>
public sealed record ContributionBaseFact(int Year, decimal Base);
