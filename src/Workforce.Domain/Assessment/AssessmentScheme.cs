using Workforce.Domain.Common;

namespace Workforce.Domain.Assessment;

/// <summary>Who votes in a 民主测评.</summary>
public enum VoterGroup
{
    /// <summary>居民代表.</summary>
    ResidentRepresentative = 1,
    /// <summary>党员代表.</summary>
    PartyMemberRepresentative = 2,
    /// <summary>社区"两委"成员.</summary>
    CommitteeMember = 3,
    /// <summary>同事.</summary>
    Colleague = 4,
}

/// <summary>What a voter marks for each person on a ballot.</summary>
public enum BallotMode
{
    /// <summary>One of 优秀/合格/基本合格/不合格, counted as the scheme's points for that rating.</summary>
    Rating = 1,
    /// <summary>A score from 0 to 100.</summary>
    Score = 2,
}

/// <summary>Among whom the 优秀 quota and the ranks are counted.</summary>
public enum QuotaScope
{
    /// <summary>Each community separately.</summary>
    Community = 1,
    /// <summary>Everyone in the round together (small communities: a street or district quota).</summary>
    Round = 2,
}

/// <summary>A voter group of the 民主测评 and its weight in the vote score.</summary>
/// <param name="Group">The group.</param>
/// <param name="Weight">Its weight (the weights of the groups that returned ballots are scaled to add up to 1).</param>
public sealed record VoterWeight(VoterGroup Group, decimal Weight);

/// <summary>
/// The annual assessment scheme (年度考核方案) of a district, all data, in force from <see cref="FromYear"/>: the three parts
/// and their weights, who votes and how, the composite lines of each rating, the 优秀 quota per unit, the conditions that cap
/// a rating, the notice period and how long a ballot code stays valid. A round copies the scheme in force for its year, so a
/// later change to the scheme never alters a round already running.
/// </summary>
public sealed record AssessmentScheme
{
    /// <summary>First assessed year the scheme applies to.</summary>
    public int FromYear { get; init; } = 2020;
    /// <summary>Weight of 个人述职 (the officers' score of the self-report).</summary>
    public decimal ReportWeight { get; init; } = 0.3m;
    /// <summary>Weight of 民主测评.</summary>
    public decimal VoteWeight { get; init; } = 0.4m;
    /// <summary>Weight of 组织评价 (the street's score).</summary>
    public decimal OrganisationWeight { get; init; } = 0.3m;
    /// <summary>The voter groups and their weights.</summary>
    public IReadOnlyList<VoterWeight> Voters { get; init; } =
    [
        new(VoterGroup.ResidentRepresentative, 0.4m), new(VoterGroup.PartyMemberRepresentative, 0.2m),
        new(VoterGroup.CommitteeMember, 0.2m), new(VoterGroup.Colleague, 0.2m),
    ];
    /// <summary>What a ballot asks.</summary>
    public BallotMode BallotMode { get; init; } = BallotMode.Rating;
    /// <summary>Points of a 优秀 vote.</summary>
    public decimal ExcellentPoints { get; init; } = 95m;
    /// <summary>Points of a 合格 vote.</summary>
    public decimal QualifiedPoints { get; init; } = 80m;
    /// <summary>Points of a 基本合格 vote.</summary>
    public decimal BasicallyQualifiedPoints { get; init; } = 65m;
    /// <summary>Points of a 不合格 vote.</summary>
    public decimal UnqualifiedPoints { get; init; } = 40m;
    /// <summary>Lowest composite that can be proposed 优秀 (within the quota).</summary>
    public decimal ExcellentLine { get; init; } = 90m;
    /// <summary>Lowest composite of 合格.</summary>
    public decimal QualifiedLine { get; init; } = 70m;
    /// <summary>Lowest composite of 基本合格 (below: 不合格).</summary>
    public decimal BasicallyQualifiedLine { get; init; } = 60m;
    /// <summary>优秀 at most this percentage of those assessed in a unit, rounded down.</summary>
    public int ExcellentQuotaPercent { get; init; } = 20;
    /// <summary>Whether the quota and the ranks are per community or over the whole round.</summary>
    public QuotaScope QuotaScope { get; init; } = QuotaScope.Community;
    /// <summary>The best rating a worker with a disciplinary record in force during the year can get (null: no cap).</summary>
    public AssessmentRating? DisciplineCap { get; init; } = AssessmentRating.BasicallyQualified;
    /// <summary>Days of absence in the year above which <see cref="AbsenceCap"/> applies (null: no cap).</summary>
    public int? AbsenceDaysLimit { get; init; } = 30;
    /// <summary>The best rating above the absence limit.</summary>
    public AssessmentRating AbsenceCap { get; init; } = AssessmentRating.BasicallyQualified;
    /// <summary>Days of public notice (公示), the first day included.</summary>
    public int NoticeDays { get; init; } = 5;
    /// <summary>Hours a printed ballot code stays valid after it is issued (voting closing ends it earlier).</summary>
    public int BallotHours { get; init; } = 72;

    /// <summary>Checks the scheme; throws a <see cref="DomainException"/> naming the first bad field.</summary>
    public AssessmentScheme Validated()
    {
        Require(FromYear is >= 2000 and <= 2100, nameof(FromYear));
        Require(ReportWeight >= 0 && VoteWeight >= 0 && OrganisationWeight >= 0 && ReportWeight + VoteWeight + OrganisationWeight == 1m, nameof(ReportWeight));
        Require(Voters.Count > 0 && Voters.All(v => Enum.IsDefined(v.Group) && v.Weight > 0) && Voters.Select(v => v.Group).Distinct().Count() == Voters.Count, nameof(Voters));
        Require(Enum.IsDefined(BallotMode), nameof(BallotMode));
        Require(new[] { ExcellentPoints, QualifiedPoints, BasicallyQualifiedPoints, UnqualifiedPoints }.All(p => p is >= 0 and <= 100)
            && ExcellentPoints > QualifiedPoints && QualifiedPoints > BasicallyQualifiedPoints && BasicallyQualifiedPoints > UnqualifiedPoints, nameof(ExcellentPoints));
        Require(ExcellentLine <= 100 && ExcellentLine > QualifiedLine && QualifiedLine > BasicallyQualifiedLine && BasicallyQualifiedLine >= 0, nameof(ExcellentLine));
        Require(ExcellentQuotaPercent is >= 0 and <= 100 && Enum.IsDefined(QuotaScope), nameof(ExcellentQuotaPercent));
        Require(DisciplineCap is null || Enum.IsDefined(DisciplineCap.Value), nameof(DisciplineCap));
        Require(AbsenceDaysLimit is null or (>= 0 and <= 366) && Enum.IsDefined(AbsenceCap), nameof(AbsenceDaysLimit));
        Require(NoticeDays is >= 1 and <= 30, nameof(NoticeDays));
        Require(BallotHours is >= 1 and <= 720, nameof(BallotHours));
        return this;
    }

    /// <summary>The points a rating vote counts for.</summary>
    public decimal PointsOf(AssessmentRating rating) => rating switch
    {
        AssessmentRating.Excellent => ExcellentPoints,
        AssessmentRating.Qualified => QualifiedPoints,
        AssessmentRating.BasicallyQualified => BasicallyQualifiedPoints,
        AssessmentRating.Unqualified => UnqualifiedPoints,
        _ => throw new DomainException("Assessment.VoteInvalid") { Field = "Rating" },
    };

    /// <summary>The rating a composite reaches by the lines (before quota and caps).</summary>
    public AssessmentRating RatingFor(decimal composite) =>
        composite >= ExcellentLine ? AssessmentRating.Excellent
        : composite >= QualifiedLine ? AssessmentRating.Qualified
        : composite >= BasicallyQualifiedLine ? AssessmentRating.BasicallyQualified
        : AssessmentRating.Unqualified;

    /// <summary>优秀 places in a unit of <paramref name="assessed"/> people: the quota percentage, rounded down.</summary>
    public int QuotaFor(int assessed) => assessed * ExcellentQuotaPercent / 100;

    /// <summary>The key of the group a person's quota and rank are counted in: the community, or one group for the round.</summary>
    public long QuotaGroupOf(long unitId) => QuotaScope == QuotaScope.Community ? unitId : 0;

    /// <summary>The weight of a voter group, or null when the group does not vote under this scheme.</summary>
    public decimal? WeightOf(VoterGroup group) => Voters.FirstOrDefault(v => v.Group == group)?.Weight;

    private static void Require(bool ok, string field)
    {
        if (!ok)
        {
            throw new DomainException("Assessment.InvalidScheme", new Message("Assessment.SchemeField." + field)) { Field = field };
        }
    }
}

/// <summary>A unit's assessment scheme in force from a year (the latest version not after a round's year applies to it).</summary>
public sealed class AssessmentSchemeVersion
{
    private AssessmentSchemeVersion() { Scheme = new AssessmentScheme(); }

    /// <summary>Sets a unit's scheme from the scheme's <see cref="AssessmentScheme.FromYear"/>.</summary>
    public AssessmentSchemeVersion(long orgUnitId, AssessmentScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        OrgUnitId = orgUnitId;
        Scheme = scheme.Validated();
        FromYear = scheme.FromYear;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>The unit (usually the district) the scheme is for; it applies to the units below.</summary>
    public long OrgUnitId { get; private set; }
    /// <summary>First year in force (one version per unit and year).</summary>
    public int FromYear { get; private set; }
    /// <summary>The scheme.</summary>
    public AssessmentScheme Scheme { get; private set; }

    /// <summary>Replaces the scheme of the same year (rounds already opened keep their copy).</summary>
    public void Replace(AssessmentScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        if (scheme.FromYear != FromYear)
        {
            throw new DomainException("Assessment.InvalidScheme", nameof(FromYear)) { Field = nameof(FromYear) };
        }
        Scheme = scheme.Validated();
    }
}
