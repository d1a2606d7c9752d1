using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Recruitment;

/// <summary>The steps of a round, in order (报名 → 资格审查 → 笔试 → 面试 → 考察/体检 → 公示 → 聘用).</summary>
public enum RoundStep
{
    /// <summary>报名.</summary>
    Registration = 1,
    /// <summary>资格审查.</summary>
    QualificationReview = 2,
    /// <summary>笔试.</summary>
    WrittenExam = 3,
    /// <summary>面试.</summary>
    Interview = 4,
    /// <summary>考察与体检 (1:1 with substitution).</summary>
    Vetting = 5,
    /// <summary>公示.</summary>
    PublicNotice = 6,
    /// <summary>聘用.</summary>
    Hiring = 7,
    /// <summary>已结束 (read-only).</summary>
    Closed = 8,
}

/// <summary>How the written-exam pass line is set.</summary>
public enum PassLineKind
{
    /// <summary>A fixed score.</summary>
    Absolute = 1,
    /// <summary>A share of the mean score of those who sat the exam (e.g. 0.6 × mean).</summary>
    ShareOfMean = 2,
}

/// <summary>Keys of the ordered tie-break chain.</summary>
public enum TieBreak
{
    /// <summary>Higher written score first.</summary>
    WrittenScore = 1,
    /// <summary>Higher interview score first.</summary>
    InterviewScore = 2,
    /// <summary>Higher education first.</summary>
    Education = 3,
    /// <summary>Younger first.</summary>
    YoungerFirst = 4,
    /// <summary>Earlier registration first.</summary>
    EarlierRegistration = 5,
}

/// <summary>Whose household registration (户籍) meets <see cref="RoundRules.HouseholdArea"/>.</summary>
public enum HouseholdOf
{
    /// <summary>The applicant's own.</summary>
    Self = 1,
    /// <summary>The applicant's, a parent's or the spouse's.</summary>
    SelfParentOrSpouse = 2,
}

/// <summary>
/// How an announcement's age cap "N 周岁以下" is read. Announcements print the birth-date bound that decides, and they differ:
/// the bound of each reading for a cap N and reference date D is <see cref="RoundRules.EarliestBirthDate"/>.
/// </summary>
public enum AgeCapReading
{
    /// <summary>N full years or younger on D: born after D − (N+1) years (the common reading; the default).</summary>
    AtMost = 1,
    /// <summary>As <see cref="AtMost"/>, and someone turning N+1 on D is still in: born on or after D − (N+1) years (e.g. "40周岁以下（1984年9月1日（含）以后出生）" with D = 2025-09-01).</summary>
    AtMostBirthdayIncluded = 2,
    /// <summary>Younger than N on D: born after D − N years (e.g. "35周岁以下（1986年10月19日以后出生）" with D = 2021-10-19).</summary>
    Below = 3,
}

/// <summary>One automatic eligibility check of an applicant: the rule, whether it passed, and the facts it used.</summary>
/// <param name="Rule">The rule's name (a text key, e.g. <c>Recruitment.Rule.Age</c>).</param>
/// <param name="Passed">Passed.</param>
/// <param name="Facts">The facts used and the limit, as a message.</param>
public sealed record EligibilityCheck(string Rule, bool Passed, Message Facts);

/// <summary>How declared bonus items become points.</summary>
public enum BonusMode
{
    /// <summary>Only the highest single item counts (不累计).</summary>
    HighestSingle = 1,
    /// <summary>Items add up, to at most <see cref="RoundRules.BonusCap"/> (累计，最高不超过 N 分).</summary>
    SummedWithCap = 2,
    /// <summary>Points by years of community work (<see cref="RoundRules.BonusBands"/>, e.g. 3–5 years +0.5, 5 years and more +1).</summary>
    GradedByCommunityYears = 3,
}

/// <summary>A band of the graded bonus: from <paramref name="FromYears"/> full years of community work, <paramref name="Points"/>.</summary>
/// <param name="FromYears">Least full years of community work.</param>
/// <param name="Points">Points of the band (the highest band reached counts).</param>
public sealed record BonusBand(int FromYears, decimal Points);

/// <summary>
/// A relaxation of the age cap (e.g. 35 raised to 40 for holders of a social-work certificate, to 45 with 3 years of community
/// work): met when the applicant declares <paramref name="ItemCode"/> (when given) and has at least
/// <paramref name="MinCommunityYears"/> full years of community work (when given).
/// </summary>
/// <param name="ItemCode">A declared item code (as the bonus items', e.g. <c>SW</c>), or null.</param>
/// <param name="MinCommunityYears">Least full years of community work, or null.</param>
/// <param name="ExtraYears">Years added to the age cap.</param>
public sealed record AgeRelaxation(string? ItemCode, int? MinCommunityYears, int ExtraYears);

/// <summary>A bonus-point item (e.g. a social-work certificate, a veteran); how items count is <see cref="RoundRules.BonusMode"/>.</summary>
/// <param name="Code">Code the applicant declares, e.g. <c>SW</c>.</param>
/// <param name="Name">Chinese name.</param>
/// <param name="Points">Points.</param>
public sealed record BonusItem(string Code, string Name, decimal Points);

/// <summary>
/// The rules of a round, all data (defaults are the common practice in the field notes):
/// eligibility, pass lines, shortlist ratios, weights, bonus points, tie-breaks, interview
/// averaging, notice length, probation and reserve validity.
/// </summary>
public sealed record RoundRules
{
    /// <summary>Youngest age on the reference date.</summary>
    public int MinAge { get; init; } = 18;
    /// <summary>Oldest age on the reference date.</summary>
    public int MaxAge { get; init; } = 35;
    /// <summary>The date ages are computed on (usually the announcement date).</summary>
    public LocalDate AgeReferenceDate { get; init; }
    /// <summary>How the age cap is read (the birth-date bound the announcement prints).</summary>
    public AgeCapReading AgeCapReading { get; init; } = AgeCapReading.AtMost;
    /// <summary>Least months of work, counted as <see cref="CommunityYearsFromPensionRecord"/> says (e.g. 12: "1年及以上工作经历，以养老保险缴费证明为准"; 0: none).</summary>
    public int MinWorkMonths { get; init; }
    /// <summary>Lowest education accepted.</summary>
    public Education MinEducation { get; init; } = Education.College;
    /// <summary>Required household-registration area (prefix of the declared area, e.g. 苏州市), or null.</summary>
    public string? HouseholdArea { get; init; }
    /// <summary>Whose household registration counts for <see cref="HouseholdArea"/>.</summary>
    public HouseholdOf HouseholdOf { get; init; } = HouseholdOf.Self;
    /// <summary>Whether applicants must be party members (中共党员, probationary members included).</summary>
    public bool RequirePartyMember { get; init; }
    /// <summary>Least full years of party membership on the reference date (党龄; 0: none).</summary>
    public int MinPartyYears { get; init; }
    /// <summary>Written pass line kind.</summary>
    public PassLineKind WrittenPassLineKind { get; init; } = PassLineKind.Absolute;
    /// <summary>Absolute score, or share of the mean (0–1).</summary>
    public decimal WrittenPassLine { get; init; } = 60m;
    /// <summary>Interview candidates per place (1:3).</summary>
    public int ShortlistRatio { get; init; } = 3;
    /// <summary>Interview candidates per place for posts with many places (1:2).</summary>
    public int LargePostShortlistRatio { get; init; } = 2;
    /// <summary>Places from which a post counts as large.</summary>
    public int LargePostThreshold { get; init; } = 10;
    /// <summary>Interview pass line.</summary>
    public decimal InterviewPassLine { get; init; } = 60m;
    /// <summary>Weight of the written score.</summary>
    public decimal WrittenWeight { get; init; } = 0.5m;
    /// <summary>Weight of the interview score.</summary>
    public decimal InterviewWeight { get; init; } = 0.5m;
    /// <summary>Bonus items an applicant may declare (also the conditions of age relaxations).</summary>
    public IReadOnlyList<BonusItem> BonusItems { get; init; } = [];
    /// <summary>How declared items count (highest single by default).</summary>
    public BonusMode BonusMode { get; init; } = BonusMode.HighestSingle;
    /// <summary>The most points of <see cref="BonusMode.SummedWithCap"/>.</summary>
    public decimal BonusCap { get; init; }
    /// <summary>The bands of <see cref="BonusMode.GradedByCommunityYears"/>.</summary>
    public IReadOnlyList<BonusBand> BonusBands { get; init; } = [];
    /// <summary>Whether a total with bonus may exceed 100, the exams' maximum (otherwise it is capped at 100).</summary>
    public bool BonusMayExceedMaximum { get; init; } = true;
    /// <summary>Relaxations of <see cref="MaxAge"/>.</summary>
    public IReadOnlyList<AgeRelaxation> AgeRelaxations { get; init; } = [];
    /// <summary>Whether relaxations met add up (otherwise the largest one met applies).</summary>
    public bool AgeRelaxationsStack { get; init; }
    /// <summary>Whether years of community work are counted from the pension (养老保险) record rather than as declared.</summary>
    public bool CommunityYearsFromPensionRecord { get; init; }
    /// <summary>Two qualification reviews: 初审 at registration (as always) and 复审 of the shortlisted before the interview.</summary>
    public bool TwoStageReview { get; init; }
    /// <summary>选岗: whether the candidates of a pooled post choose their community in rank order (otherwise they are placed in turn).</summary>
    public bool PooledPostChoice { get; init; }
    /// <summary>递补: whether a place left by a withdrawal, a failed vetting or an upheld objection goes to the next ranked candidate (缺额不再递补 when false).</summary>
    public bool Substitution { get; init; } = true;
    /// <summary>Tie-break chain after the total (registration order always decides last).</summary>
    public IReadOnlyList<TieBreak> TieBreaks { get; init; } = [TieBreak.WrittenScore, TieBreak.Education];
    /// <summary>With at least this many examiners the highest and lowest marks are dropped before averaging.</summary>
    public int DropExtremesFromExaminers { get; init; } = 5;
    /// <summary>Days of public notice.</summary>
    public int NoticeDays { get; init; } = 5;
    /// <summary>Probation months after hire.</summary>
    public int ProbationMonths { get; init; } = 6;
    /// <summary>Months a reserve-list entry stays valid.</summary>
    public int ReserveValidityMonths { get; init; } = 12;

    /// <summary>The item with <paramref name="code"/> (codes compare ignoring case), or null.</summary>
    public BonusItem? FindItem(string code) => BonusItems.FirstOrDefault(b => string.Equals(b.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The name of the item with <paramref name="code"/>, or the code when the round has no such item.</summary>
    public string ItemName(string code) => FindItem(code)?.Name ?? code;

    /// <summary>The most bonus items, relaxations, bands or tie-breaks a round has.</summary>
    public const int MaxRows = 30;

    /// <summary>Checks the rules; throws a <see cref="DomainException"/> naming the first bad field.</summary>
    public RoundRules Validated()
    {
        Require(MinAge >= 16 && MaxAge >= MinAge && MaxAge <= 70, nameof(MaxAge));
        Require(Enum.IsDefined(MinEducation), nameof(MinEducation));
        Require(Enum.IsDefined(HouseholdOf) && MinPartyYears is >= 0 and <= 60 && (MinPartyYears == 0 || RequirePartyMember), nameof(MinPartyYears));
        Require(WrittenPassLineKind == PassLineKind.Absolute ? WrittenPassLine is >= 0 and <= 100 : WrittenPassLine is > 0 and <= 1, nameof(WrittenPassLine));
        Require(ShortlistRatio >= 1 && LargePostShortlistRatio >= 1 && LargePostThreshold >= 1, nameof(ShortlistRatio));
        Require(InterviewPassLine is >= 0 and <= 100, nameof(InterviewPassLine));
        Require(WrittenWeight >= 0 && InterviewWeight >= 0 && WrittenWeight + InterviewWeight == 1m, nameof(WrittenWeight));
        // Bounded lists: an announcement names a handful of items, relaxations and bands.
        Require(BonusItems.Count <= MaxRows && AgeRelaxations.Count <= MaxRows && BonusBands.Count <= MaxRows && TieBreaks.Count <= MaxRows, nameof(BonusItems));
        Require(BonusItems.All(b => b.Points is >= 0 and <= 10 && !string.IsNullOrWhiteSpace(b.Code)) && BonusItems.Select(b => b.Code).Distinct().Count() == BonusItems.Count, nameof(BonusItems));
        Require(Enum.IsDefined(BonusMode) && (BonusMode != BonusMode.SummedWithCap || BonusCap is > 0 and <= 20), nameof(BonusCap));
        Require(BonusMode != BonusMode.GradedByCommunityYears || (BonusBands.Count > 0 && BonusBands.All(b => b.FromYears is >= 0 and <= 50 && b.Points is >= 0 and <= 10)
            && BonusBands.Select(b => b.FromYears).Distinct().Count() == BonusBands.Count), nameof(BonusBands));
        Require(AgeRelaxations.All(r => r.ExtraYears is >= 1 and <= 20 && (r.ItemCode is not null || r.MinCommunityYears is >= 1)
            && (r.ItemCode is null || FindItem(r.ItemCode) is not null)
            && r.MinCommunityYears is null or (>= 1 and <= 50)), nameof(AgeRelaxations));
        Require(Enum.IsDefined(AgeCapReading), nameof(AgeCapReading));
        Require(MinWorkMonths is >= 0 and <= 600, nameof(MinWorkMonths));
        Require(TieBreaks.Distinct().Count() == TieBreaks.Count && TieBreaks.All(Enum.IsDefined), nameof(TieBreaks));
        Require(DropExtremesFromExaminers >= 3, nameof(DropExtremesFromExaminers));
        Require(NoticeDays is >= 1 and <= 30 && ProbationMonths is >= 0 and <= 12 && ReserveValidityMonths is >= 0 and <= 36, nameof(NoticeDays));
        return this;
    }

    /// <summary>Interview candidates per place for a post with <paramref name="quota"/> places.</summary>
    public int RatioFor(int quota) => quota >= LargePostThreshold ? LargePostShortlistRatio : ShortlistRatio;

    /// <summary>
    /// The bonus of an applicant: the highest single declared item, the declared items summed up to <see cref="BonusCap"/>, or
    /// the band of their full years of community work, as <see cref="BonusMode"/> says.
    /// </summary>
    public decimal BonusFor(IEnumerable<string> codes, int communityYears = 0)
    {
        var points = BonusItems.Where(b => codes.Contains(b.Code, StringComparer.OrdinalIgnoreCase)).Select(b => b.Points).ToList();
        return BonusMode switch
        {
            BonusMode.SummedWithCap => Math.Min(BonusCap, points.Sum()),
            BonusMode.GradedByCommunityYears => BonusBands.Where(b => communityYears >= b.FromYears).Select(b => b.Points).DefaultIfEmpty(0m).Max(),
            _ => points.DefaultIfEmpty(0m).Max(),
        };
    }

    /// <summary>The relaxations an applicant meets: declaring their item and having their years of community work.</summary>
    public IReadOnlyList<AgeRelaxation> RelaxationsMet(IEnumerable<string> codes, int communityYears) =>
        [.. AgeRelaxations.Where(r => (r.ItemCode is null || codes.Contains(r.ItemCode, StringComparer.OrdinalIgnoreCase))
            && (r.MinCommunityYears is null || communityYears >= r.MinCommunityYears))];

    /// <summary>The age cap for an applicant: <see cref="MaxAge"/> raised by the relaxations met, added up or the largest.</summary>
    public int AgeCapFor(IEnumerable<string> codes, int communityYears)
    {
        var met = RelaxationsMet(codes, communityYears);
        return MaxAge + (met.Count == 0 ? 0 : AgeRelaxationsStack ? met.Sum(r => r.ExtraYears) : met.Max(r => r.ExtraYears));
    }

    /// <summary>
    /// The earliest birth date within an age cap of <paramref name="cap"/> on <paramref name="reference"/>, as <see cref="AgeCapReading"/>
    /// reads the cap (the date an announcement prints as "……以后出生").
    /// </summary>
    public LocalDate EarliestBirthDate(int cap, LocalDate reference) => AgeCapReading switch
    {
        AgeCapReading.AtMostBirthdayIncluded => reference.PlusYears(-(cap + 1)),
        AgeCapReading.Below => reference.PlusYears(-cap).PlusDays(1),
        _ => reference.PlusYears(-(cap + 1)).PlusDays(1),
    };

    /// <summary>The latest birth date of someone <see cref="MinAge"/> or older on <paramref name="reference"/>.</summary>
    public LocalDate LatestBirthDate(LocalDate reference) => reference.PlusYears(-MinAge);

    private static void Require(bool ok, string field)
    {
        if (!ok)
        {
            throw new DomainException("Recruitment.InvalidRule", field) { Field = field };
        }
    }
}
