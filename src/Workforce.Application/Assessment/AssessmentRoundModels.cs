using System.ComponentModel.DataAnnotations;
using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;

namespace Workforce.Application.Assessment;

/// <summary>A scheme as an officer enters it: weights and quota in whole percent, lines and points in points.</summary>
public sealed class SchemeInput
{
    /// <summary>The unit the scheme is for (the officer's own unit when empty).</summary>
    public long? OrgUnitId { get; set; }
    /// <summary>First year in force.</summary>
    [Range(2000, 2100)]
    public int FromYear { get; set; }
    /// <summary>个人述职 weight, percent.</summary>
    [Range(0, 100)]
    public int ReportWeight { get; set; } = 30;
    /// <summary>民主测评 weight, percent.</summary>
    [Range(0, 100)]
    public int VoteWeight { get; set; } = 40;
    /// <summary>组织评价 weight, percent.</summary>
    [Range(0, 100)]
    public int OrganisationWeight { get; set; } = 30;
    /// <summary>Weight of 居民代表 in the vote (0: does not vote).</summary>
    [Range(0, 100)]
    public int ResidentWeight { get; set; } = 40;
    /// <summary>Weight of 党员代表.</summary>
    [Range(0, 100)]
    public int PartyMemberWeight { get; set; } = 20;
    /// <summary>Weight of 两委成员.</summary>
    [Range(0, 100)]
    public int CommitteeWeight { get; set; } = 20;
    /// <summary>Weight of colleagues.</summary>
    [Range(0, 100)]
    public int ColleagueWeight { get; set; } = 20;
    /// <summary>Ratings or scores on the ballot.</summary>
    public BallotMode BallotMode { get; set; } = BallotMode.Rating;
    /// <summary>Points of each rating vote.</summary>
    [Range(0, 100)]
    public decimal ExcellentPoints { get; set; } = 95;
    /// <summary>Points of a 合格 vote.</summary>
    [Range(0, 100)]
    public decimal QualifiedPoints { get; set; } = 80;
    /// <summary>Points of a 基本合格 vote.</summary>
    [Range(0, 100)]
    public decimal BasicallyQualifiedPoints { get; set; } = 65;
    /// <summary>Points of a 不合格 vote.</summary>
    [Range(0, 100)]
    public decimal UnqualifiedPoints { get; set; } = 40;
    /// <summary>优秀 line.</summary>
    [Range(0, 100)]
    public decimal ExcellentLine { get; set; } = 90;
    /// <summary>合格 line.</summary>
    [Range(0, 100)]
    public decimal QualifiedLine { get; set; } = 70;
    /// <summary>基本合格 line.</summary>
    [Range(0, 100)]
    public decimal BasicallyQualifiedLine { get; set; } = 60;
    /// <summary>优秀 quota, percent of those assessed per unit (rounded down).</summary>
    [Range(0, 100)]
    public int ExcellentQuotaPercent { get; set; } = 20;
    /// <summary>Quota and ranks per community or over the round.</summary>
    public QuotaScope QuotaScope { get; set; } = QuotaScope.Community;
    /// <summary>Cap for a disciplinary record in force (empty: none).</summary>
    public AssessmentRating? DisciplineCap { get; set; } = AssessmentRating.BasicallyQualified;
    /// <summary>Absence days above which the absence cap applies (empty: none).</summary>
    [Range(0, 366)]
    public int? AbsenceDaysLimit { get; set; } = 30;
    /// <summary>The absence cap.</summary>
    public AssessmentRating AbsenceCap { get; set; } = AssessmentRating.BasicallyQualified;
    /// <summary>Notice days.</summary>
    [Range(1, 30)]
    public int NoticeDays { get; set; } = 5;
    /// <summary>Hours a ballot code stays valid.</summary>
    [Range(1, 720)]
    public int BallotHours { get; set; } = 72;

    /// <summary>The scheme (checked by the domain).</summary>
    public AssessmentScheme ToScheme() => new()
    {
        FromYear = FromYear, ReportWeight = ReportWeight / 100m, VoteWeight = VoteWeight / 100m, OrganisationWeight = OrganisationWeight / 100m,
        Voters = [.. new[] { (VoterGroup.ResidentRepresentative, ResidentWeight), (VoterGroup.PartyMemberRepresentative, PartyMemberWeight),
            (VoterGroup.CommitteeMember, CommitteeWeight), (VoterGroup.Colleague, ColleagueWeight) }.Where(v => v.Item2 > 0).Select(v => new VoterWeight(v.Item1, v.Item2 / 100m))],
        BallotMode = BallotMode, ExcellentPoints = ExcellentPoints, QualifiedPoints = QualifiedPoints, BasicallyQualifiedPoints = BasicallyQualifiedPoints,
        UnqualifiedPoints = UnqualifiedPoints, ExcellentLine = ExcellentLine, QualifiedLine = QualifiedLine, BasicallyQualifiedLine = BasicallyQualifiedLine,
        ExcellentQuotaPercent = ExcellentQuotaPercent, QuotaScope = QuotaScope, DisciplineCap = DisciplineCap, AbsenceDaysLimit = AbsenceDaysLimit, AbsenceCap = AbsenceCap,
        NoticeDays = NoticeDays, BallotHours = BallotHours,
    };

    /// <summary>The form filled with a scheme.</summary>
    public static SchemeInput From(AssessmentScheme s, long? unitId)
    {
        ArgumentNullException.ThrowIfNull(s);
        int W(VoterGroup g) => (int)((s.WeightOf(g) ?? 0m) * 100);
        return new SchemeInput
        {
            OrgUnitId = unitId, FromYear = s.FromYear, ReportWeight = (int)(s.ReportWeight * 100), VoteWeight = (int)(s.VoteWeight * 100),
            OrganisationWeight = (int)(s.OrganisationWeight * 100), ResidentWeight = W(VoterGroup.ResidentRepresentative), PartyMemberWeight = W(VoterGroup.PartyMemberRepresentative),
            CommitteeWeight = W(VoterGroup.CommitteeMember), ColleagueWeight = W(VoterGroup.Colleague), BallotMode = s.BallotMode, ExcellentPoints = s.ExcellentPoints,
            QualifiedPoints = s.QualifiedPoints, BasicallyQualifiedPoints = s.BasicallyQualifiedPoints, UnqualifiedPoints = s.UnqualifiedPoints, ExcellentLine = s.ExcellentLine,
            QualifiedLine = s.QualifiedLine, BasicallyQualifiedLine = s.BasicallyQualifiedLine, ExcellentQuotaPercent = s.ExcellentQuotaPercent, QuotaScope = s.QuotaScope, DisciplineCap = s.DisciplineCap,
            AbsenceDaysLimit = s.AbsenceDaysLimit, AbsenceCap = s.AbsenceCap, NoticeDays = s.NoticeDays, BallotHours = s.BallotHours,
        };
    }
}

/// <summary>Opens a round.</summary>
public sealed class AssessmentRoundInput
{
    /// <summary>Unit running it (the officer's own when empty).</summary>
    public long? OrgUnitId { get; set; }
    /// <summary>Assessed year.</summary>
    [Range(2000, 2100)]
    public int Year { get; set; }
    /// <summary>Name (a default from the year when empty).</summary>
    [StringLength(100)]
    public string? Name { get; set; }
}

/// <summary>One person's review scores.</summary>
public sealed class EvaluationInput
{
    /// <summary>Entry.</summary>
    public long EntryId { get; set; }
    /// <summary>Score of the self-report.</summary>
    [Range(0, 100)]
    public decimal? ReportScore { get; set; }
    /// <summary>The street's evaluation.</summary>
    [Range(0, 100)]
    public decimal? OrganisationScore { get; set; }
    /// <summary>Days absent in the year.</summary>
    [Range(0, 366)]
    public int AbsenceDays { get; set; }
}

/// <summary>Ballot codes to print for a meeting.</summary>
public sealed class BallotCodesInput
{
    /// <summary>Community whose people the ballots rate.</summary>
    public long UnitId { get; set; }
    /// <summary>Voter group.</summary>
    public VoterGroup Group { get; set; } = VoterGroup.ResidentRepresentative;
    /// <summary>How many codes.</summary>
    [Range(1, 500)]
    public int Count { get; set; } = 20;
}

/// <summary>An objection during the notice.</summary>
public sealed class AssessmentObjectionInput
{
    /// <summary>The person concerned.</summary>
    public long EntryId { get; set; }
    /// <summary>The objection.</summary>
    [Required, StringLength(1000)]
    public string? Text { get; set; }
}

/// <summary>The decision on an objection.</summary>
public sealed class ObjectionDecisionInput
{
    /// <summary>Upheld or dismissed.</summary>
    public bool Upheld { get; set; }
    /// <summary>The new rating when upheld (empty: the rating stands).</summary>
    public AssessmentRating? Rating { get; set; }
    /// <summary>The decision.</summary>
    [Required, StringLength(1000)]
    public string? Resolution { get; set; }
}

/// <summary>A round in the list.</summary>
public sealed record AssessmentRoundItem(long Id, string Name, string Unit, int Year, AssessmentStage Stage, int People, int Reports, int Ballots);

/// <summary>One person of a round as officers read it, with the computation of the composite.</summary>
public sealed record AssessmentEntryRow(long EntryId, long WorkerId, string Name, long UnitId, string Unit, LocalDate? ReportSubmittedOn, bool HasAttachment,
    decimal? ReportScore, decimal? OrganisationScore, int AbsenceDays, decimal? VoteScore, int Ballots, decimal? Composite, int? Rank,
    AssessmentRating? Proposed, ProposalNote Note, AssessmentRating? Rating, Message? Computation, bool Disciplined);

/// <summary>Per community: people, the 优秀 quota, the ratings and the ballots returned by group.</summary>
public sealed record AssessmentUnitSummary(long UnitId, string Unit, int People, int? Quota, IReadOnlyDictionary<AssessmentRating, int> Ratings,
    IReadOnlyDictionary<VoterGroup, int> Ballots, IReadOnlyDictionary<VoterGroup, int> CodesIssued);

/// <summary>An objection with the name of the person concerned.</summary>
public sealed record AssessmentObjectionRow(long Id, long EntryId, string Name, string Text, LocalDate RaisedOn, bool? Upheld, string? Resolution, LocalDate? ResolvedOn);

/// <summary>A round as its page shows it.</summary>
public sealed record AssessmentRoundView(AssessmentRound Round, string UnitName, IReadOnlyList<AssessmentEntryRow> Rows, IReadOnlyList<AssessmentUnitSummary> Units,
    IReadOnlyList<AssessmentObjectionRow> Objections);

/// <summary>Ballots returned so far (the live count), per community and group.</summary>
public sealed record BallotCount(long UnitId, VoterGroup Group, int Issued, int Returned);

/// <summary>A printed ballot code and where it leads.</summary>
public sealed record IssuedCode(string Code, long UnitId, string Unit, VoterGroup Group, Instant ExpiresAt);

/// <summary>Codes issued at once for a round's printed sheet.</summary>
public sealed record IssuedCodes(string Round, IReadOnlyList<IssuedCode> Codes);

/// <summary>A person on a ballot.</summary>
public sealed record BallotPerson(long WorkerId, string Name);

/// <summary>The ballot a code opens: round, community, group, mode and the people to rate.</summary>
public sealed record BallotForm(string Round, int Year, string Unit, VoterGroup Group, BallotMode Mode, IReadOnlyList<BallotPerson> People);

/// <summary>The signed-in worker's part in a round: the self-report while open, and the rating once final or on notice.</summary>
public sealed record MyAssessment(long RoundId, string Round, int Year, AssessmentStage Stage, long EntryId, string? ReportText, string? Attachment,
    LocalDate? SubmittedOn, AssessmentRating? Rating, LocalDate? NoticeEnd);

/// <summary>A unit's scheme version.</summary>
public sealed record SchemeRow(string Unit, long UnitId, int FromYear, AssessmentScheme Scheme);
