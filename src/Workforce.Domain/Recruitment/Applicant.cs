using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Recruitment;

/// <summary>Where an applicant stands; derived from the recorded facts by <see cref="RecruitmentRound"/>.</summary>
public enum ApplicantStatus
{
    /// <summary>已报名.</summary>
    Registered = 1,
    /// <summary>资格审查通过.</summary>
    Qualified = 2,
    /// <summary>资格审查不通过.</summary>
    Disqualified = 3,
    /// <summary>笔试缺考.</summary>
    WrittenAbsent = 4,
    /// <summary>笔试未达合格线.</summary>
    WrittenFailed = 5,
    /// <summary>未进入面试.</summary>
    NotShortlisted = 6,
    /// <summary>进入面试.</summary>
    Shortlisted = 7,
    /// <summary>面试缺考.</summary>
    InterviewAbsent = 8,
    /// <summary>面试未达合格线.</summary>
    InterviewFailed = 9,
    /// <summary>已排名，未进入考察（可递补）.</summary>
    Ranked = 10,
    /// <summary>进入考察体检 / 拟聘用.</summary>
    Selected = 11,
    /// <summary>考察或体检不合格.</summary>
    VettingFailed = 12,
    /// <summary>放弃或经公示取消.</summary>
    Withdrawn = 13,
    /// <summary>已聘用.</summary>
    Hired = 14,
    /// <summary>列入储备.</summary>
    Reserve = 15,
    /// <summary>岗位因未达开考比例取消.</summary>
    PostCancelled = 16,
    /// <summary>资格复审不通过.</summary>
    SecondReviewFailed = 17,
}

/// <summary>What happens to a post whose registrations fall short of its 开考比例.</summary>
public enum ShortfallAction
{
    /// <summary>核减: places cut to registrations ÷ ratio (the post is cancelled when none are left).</summary>
    CutPlaces = 1,
    /// <summary>合并: the post's applicants and places join another post of the round.</summary>
    Merge = 2,
    /// <summary>取消: the post is cancelled.</summary>
    Cancel = 3,
}

/// <summary>How a post came out of the 开考比例 check when registration closed.</summary>
public enum PostOpening
{
    /// <summary>Not checked yet, or no ratio.</summary>
    Open = 0,
    /// <summary>Ratio reached.</summary>
    Reached = 1,
    /// <summary>Places cut.</summary>
    Cut = 2,
    /// <summary>Merged into another post.</summary>
    Merged = 3,
    /// <summary>Cancelled.</summary>
    Cancelled = 4,
}

/// <summary>A post offered in a round: a community (or pool), the post type and a quota.</summary>
public sealed class RoundPost
{
    private RoundPost() { Name = string.Empty; }

    internal RoundPost(string name, long communityId, Post post, int quota, IEnumerable<long>? pool = null)
    {
        var others = (pool ?? []).Where(id => id != communityId).Distinct().ToList();
        PoolCommunityIds = others.Count == 0 ? null : string.Join(",", others.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Name = Text.Required(name, 60, "Name");
        if (quota < 1)
        {
            throw new DomainException("Recruitment.InvalidQuota") { Field = "Quota" };
        }
        CommunityId = communityId;
        Post = post;
        Quota = quota;
        AnnouncedQuota = quota;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Round.</summary>
    public long RoundId { get; private set; }
    /// <summary>Post name, e.g. 平江街道社区工作者（一）.</summary>
    public string Name { get; private set; }
    /// <summary>Community where the hired start (first of the pool).</summary>
    public long CommunityId { get; private set; }
    /// <summary>Post type (usually Staff).</summary>
    public Post Post { get; private set; }
    /// <summary>Places.</summary>
    public int Quota { get; private set; }
    /// <summary>Further communities of a pooled post, comma-separated (null: one community).</summary>
    public string? PoolCommunityIds { get; private set; }
    /// <summary>
    /// 定向岗位: the item an applicant of this post must declare (e.g. <c>VET</c> 退役军人, <c>GRID</c> 在职网格员), or null for an
    /// open post. A reserved post is checked and ranked on its own, like every post.
    /// </summary>
    public string? ReservedFor { get; private set; }

    /// <summary>
    /// The places of each community of the post: the post's places dealt to its communities in turn (3 places over A, B: A 2, B 1).
    /// </summary>
    public IReadOnlyDictionary<long, int> PlacesByCommunity =>
        Communities.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (Quota / Communities.Count) + (x.i < Quota % Communities.Count ? 1 : 0));

    internal void ReserveFor(string? itemCode) => ReservedFor = string.IsNullOrWhiteSpace(itemCode) ? null : Text.Required(itemCode.Trim().ToUpperInvariant(), 20, "ReservedFor");

    /// <summary>开考比例: the exam for the post runs only with at least this many registrations per place (0: no ratio).</summary>
    public int OpeningRatio { get; private set; }
    /// <summary>What happens when the ratio is not reached.</summary>
    public ShortfallAction ShortfallAction { get; private set; } = ShortfallAction.CutPlaces;
    /// <summary>The post of the round that takes this one's applicants and places on <see cref="ShortfallAction.Merge"/>.</summary>
    public string? MergeInto { get; private set; }
    /// <summary>Places as announced (before a cut or a merge).</summary>
    public int AnnouncedQuota { get; private set; }
    /// <summary>Registrations counted when registration closed.</summary>
    public int? RegisteredAtClose { get; private set; }
    /// <summary>The outcome of the 开考比例 check.</summary>
    public PostOpening Opening { get; private set; }

    /// <summary>
    /// What the applicants of the post are told when the 开考比例 was not reached (registrations, the ratio and places needed, and
    /// the consequence), or null.
    /// </summary>
    public Message? OpeningNotice => Opening switch
    {
        PostOpening.Cut => new Message("Recruitment.Opening.Cut", RegisteredAtClose ?? 0, OpeningRatio, AnnouncedQuota, OpeningRatio * AnnouncedQuota, Quota),
        PostOpening.Merged => new Message("Recruitment.Opening.Merged", RegisteredAtClose ?? 0, OpeningRatio, AnnouncedQuota, OpeningRatio * AnnouncedQuota, MergeInto ?? string.Empty),
        PostOpening.Cancelled => new Message("Recruitment.Opening.Cancelled", RegisteredAtClose ?? 0, OpeningRatio, AnnouncedQuota, OpeningRatio * AnnouncedQuota),
        _ => null,
    };

    /// <summary>Whether the post goes on to the exam (not cancelled or merged away).</summary>
    public bool IsRunning => Opening is not (PostOpening.Cancelled or PostOpening.Merged);

    internal void SetOpeningRule(int ratio, ShortfallAction action, string? mergeInto)
    {
        if (ratio is < 0 or > 20 || !Enum.IsDefined(action) || (ratio > 0 && action == ShortfallAction.Merge && string.IsNullOrWhiteSpace(mergeInto)))
        {
            throw new DomainException("Recruitment.InvalidOpeningRule") { Field = "OpeningRatio" };
        }
        OpeningRatio = ratio;
        ShortfallAction = action;
        MergeInto = action == ShortfallAction.Merge ? Text.Required(mergeInto, 60, "MergeInto") : null;
    }

    internal void Close(int registered, PostOpening opening, int quota)
    {
        RegisteredAtClose = registered;
        Opening = opening;
        Quota = quota;
    }

    internal void Absorb(int places) => Quota += places;

    /// <summary>
    /// The communities the post's hires are placed in: the main one first, then the pool. Hires are
    /// placed in rank order, one community after the other, round-robin.
    /// </summary>
    public IReadOnlyList<long> Communities =>
        [CommunityId, .. (PoolCommunityIds ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>
/// An applicant of a round: the facts recorded at each step (declared data, qualification
/// decision, scores, vetting, withdrawal) and the results derived from them (status, interview
/// score, total, rank), which the round recomputes whenever a fact changes.
/// </summary>
public sealed class Applicant
{
    private readonly List<ExaminerScore> _interviewScores = [];

    private Applicant() { Name = string.Empty; BonusCodes = string.Empty; }

    internal Applicant(long postId, int sequence, string name, IdCardNumber idCard, PhoneNumber? phone, Education education,
        PoliticalStatus politicalStatus, string? householdArea, IEnumerable<string> bonusCodes, LocalDate registeredOn)
    {
        PostId = postId;
        Sequence = sequence;
        Name = Text.Required(name, 30, "Name");
        IdCard = idCard;
        BirthDate = idCard.BirthDate;
        Phone = phone;
        Education = education;
        PoliticalStatus = politicalStatus;
        HouseholdArea = Text.Optional(householdArea, 60, "HouseholdArea");
        BonusCodes = string.Join(",", bonusCodes.Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct());
        RegisteredOn = registeredOn;
        Status = ApplicantStatus.Registered;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Round.</summary>
    public long RoundId { get; private set; }
    /// <summary>Post applied for.</summary>
    public long PostId { get; private set; }
    /// <summary>The post (navigation).</summary>
    public RoundPost? Post { get; internal set; }
    /// <summary>Registration order (last tie-break).</summary>
    public int Sequence { get; private set; }
    /// <summary>姓名.</summary>
    public string Name { get; private set; }
    /// <summary>身份证号 (encrypted at rest).</summary>
    public IdCardNumber IdCard { get; private set; }
    /// <summary>Birth date (from the ID number).</summary>
    public LocalDate BirthDate { get; private set; }
    /// <summary>手机号.</summary>
    public PhoneNumber? Phone { get; private set; }
    /// <summary>学历.</summary>
    public Education Education { get; private set; }
    /// <summary>政治面貌.</summary>
    public PoliticalStatus PoliticalStatus { get; private set; }
    /// <summary>户籍所在地 as declared.</summary>
    public string? HouseholdArea { get; private set; }
    /// <summary>Declared bonus item codes, comma-separated.</summary>
    public string BonusCodes { get; private set; }
    /// <summary>Registration date.</summary>
    public LocalDate RegisteredOn { get; private set; }

    /// <summary>Manual qualification decision (null: the automatic checks decide).</summary>
    public bool? QualificationDecision { get; private set; }
    /// <summary>The officer's reason for a manual qualification decision (the automatic reasons: <see cref="RecruitmentRound.QualificationReasons"/>).</summary>
    public string? QualificationReason { get; private set; }
    /// <summary>Written score 0–100.</summary>
    public decimal? WrittenScore { get; private set; }
    /// <summary>Absent from the written exam.</summary>
    public bool WrittenAbsent { get; private set; }
    /// <summary>Marks of each examiner.</summary>
    public IReadOnlyList<ExaminerScore> InterviewScores => _interviewScores;
    /// <summary>Absent from the interview.</summary>
    public bool InterviewAbsent { get; private set; }
    /// <summary>考察 passed (null: not yet).</summary>
    public bool? VettingPassed { get; private set; }
    /// <summary>体检 passed (null: not yet).</summary>
    public bool? MedicalPassed { get; private set; }
    /// <summary>Vetting and medical notes.</summary>
    public string? VettingNote { get; private set; }
    /// <summary>Withdrawn (放弃, or removed after an upheld objection), with the reason.</summary>
    public string? WithdrawalReason { get; private set; }
    /// <summary>Registry worker created on hiring.</summary>
    public long? WorkerId { get; private set; }
    /// <summary>Kept on the round's reserve list until this date.</summary>
    public LocalDate? ReserveUntil { get; private set; }

    /// <summary>Derived: status.</summary>
    public ApplicantStatus Status { get; internal set; }
    /// <summary>Derived: interview score (trimmed mean, 2 decimals).</summary>
    public decimal? InterviewScore { get; internal set; }
    /// <summary>Derived: bonus points.</summary>
    public decimal Bonus { get; internal set; }
    /// <summary>Derived: total score.</summary>
    public decimal? Total { get; internal set; }
    /// <summary>Derived: rank within the post among those who passed the interview.</summary>
    public int? Rank { get; internal set; }
    /// <summary>Derived: selected as a substitute (递补) for a higher-ranked candidate.</summary>
    public bool Substitute { get; internal set; }

    /// <summary>选岗: the community the candidate chose (pooled posts of a round with <see cref="RoundRules.PooledPostChoice"/>).</summary>
    public long? ChosenCommunityId { get; private set; }

    internal void Choose(long? communityId) => ChosenCommunityId = communityId;

    internal void MoveTo(RoundPost post)
    {
        Post = post;
        PostId = post.Id;
    }

    /// <summary>Declared bonus codes.</summary>
    public IEnumerable<string> Bonuses => BonusCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A parent's household registration area as declared (户籍), or null.</summary>
    public string? ParentHouseholdArea { get; private set; }

    /// <summary>The spouse's household registration area as declared, or null.</summary>
    public string? SpouseHouseholdArea { get; private set; }

    /// <summary>The day the applicant joined the party (入党时间), or null.</summary>
    public LocalDate? PartyJoinedOn { get; private set; }

    internal void DeclareFamilyAndParty(string? parentArea, string? spouseArea, LocalDate? partyJoinedOn)
    {
        ParentHouseholdArea = Text.Optional(parentArea, 60, "ParentHouseholdArea");
        SpouseHouseholdArea = Text.Optional(spouseArea, 60, "SpouseHouseholdArea");
        if (partyJoinedOn is { } joined && (joined < BirthDate.PlusYears(18) || PoliticalStatus is not (PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryPartyMember)))
        {
            throw new DomainException("Recruitment.PartyDateInvalid") { Field = "PartyJoinedOn" };
        }
        PartyJoinedOn = partyJoinedOn;
    }

    /// <summary>Months of community work as declared at registration (null: none declared).</summary>
    public int? DeclaredCommunityMonths { get; private set; }

    /// <summary>Months of community work shown by the pension (养老保险) record, as the officer read it at the review (null: not checked).</summary>
    public int? PensionRecordMonths { get; private set; }

    /// <summary>Full years of community work under <paramref name="rules"/>: from the pension record when the round says so, else as declared.</summary>
    public int CommunityYears(RoundRules rules) => WorkMonths(rules) / 12;

    /// <summary>Months of work under <paramref name="rules"/>: from the pension record when the round says so, else as declared (0 when none).</summary>
    public int WorkMonths(RoundRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return (rules.CommunityYearsFromPensionRecord ? PensionRecordMonths : DeclaredCommunityMonths) ?? 0;
    }

    internal void RecordWorkHistory(int? declaredMonths, int? pensionMonths)
    {
        if (declaredMonths is < 0 or > 600 || pensionMonths is < 0 or > 600)
        {
            throw new DomainException("Recruitment.WorkMonthsOutOfRange", declaredMonths ?? pensionMonths ?? 0) { Field = declaredMonths is < 0 or > 600 ? "DeclaredCommunityMonths" : "PensionRecordMonths" };
        }
        DeclaredCommunityMonths = declaredMonths;
        PensionRecordMonths = pensionMonths;
    }

    /// <summary>复审 (second review before the interview): passed, failed, or not yet (null).</summary>
    public bool? SecondReviewPassed { get; private set; }

    /// <summary>The reason of the 复审 decision (required when failed).</summary>
    public string? SecondReviewReason { get; private set; }

    internal void RecordSecondReview(bool passed, string? reason)
    {
        SecondReviewPassed = passed;
        SecondReviewReason = passed ? Text.Optional(reason, 200, "Reason") : Text.Required(reason, 200, "Reason");
    }

    /// <summary>The document the officer's override rests on (its file name; the file is kept with the applicant).</summary>
    public string? QualificationEvidence { get; private set; }

    internal void Decide(bool? qualified, string? reason, string? evidence)
    {
        QualificationDecision = qualified;
        QualificationReason = qualified is null ? null : Text.Required(reason, 200, "Reason");
        QualificationEvidence = qualified is null ? null : Text.Required(evidence, 100, "Evidence");
    }

    internal void ScoreWritten(decimal? score, bool absent)
    {
        if (!absent && score is not (>= 0 and <= 100))
        {
            throw new DomainException("Recruitment.ScoreOutOfRange", score ?? -1m) { Field = "Score" };
        }
        WrittenAbsent = absent;
        WrittenScore = absent ? null : score;
    }

    internal void ScoreInterview(IReadOnlyList<(string Examiner, decimal Score)> scores, bool absent)
    {
        if (!absent && (scores.Count == 0 || scores.Any(s => s.Score is < 0 or > 100)))
        {
            throw new DomainException("Recruitment.ScoreOutOfRange", scores.Select(s => s.Score).FirstOrDefault(s => s is < 0 or > 100)) { Field = "Scores" };
        }
        if (scores.Select(s => s.Examiner).Distinct(StringComparer.Ordinal).Count() != scores.Count)
        {
            throw new DomainException("Recruitment.DuplicateExaminer") { Field = "Scores" };
        }
        InterviewAbsent = absent;
        _interviewScores.Clear();
        if (!absent)
        {
            _interviewScores.AddRange(scores.Select(s => new ExaminerScore(Text.Required(s.Examiner, 30, "Examiner"), s.Score)));
        }
    }

    internal void RecordVetting(bool vettingPassed, bool medicalPassed, string note)
    {
        VettingPassed = vettingPassed;
        MedicalPassed = medicalPassed;
        VettingNote = Text.Required(note, 500, "Note");
    }

    internal void Withdraw(string reason) => WithdrawalReason = Text.Required(reason, 200, "Reason");

    internal void MarkHired(long workerId) => WorkerId = workerId;

    internal void KeepInReserve(LocalDate until) => ReserveUntil = until;
}

/// <summary>One examiner's interview mark.</summary>
public sealed class ExaminerScore
{
    private ExaminerScore() { Examiner = string.Empty; }

    internal ExaminerScore(string examiner, decimal score)
    {
        Examiner = examiner;
        Score = score;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Applicant.</summary>
    public long ApplicantId { get; private set; }
    /// <summary>Examiner (code or name).</summary>
    public string Examiner { get; private set; }
    /// <summary>Mark 0–100.</summary>
    public decimal Score { get; private set; }
}

/// <summary>An objection raised during the public notice.</summary>
public sealed class Objection
{
    private Objection() { Text = string.Empty; }

    internal Objection(long? applicantId, string text, LocalDate raisedOn)
    {
        ApplicantId = applicantId;
        Text = Common.Text.Required(text, 1000, "Text");
        RaisedOn = raisedOn;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Round.</summary>
    public long RoundId { get; private set; }
    /// <summary>Candidate concerned, if any.</summary>
    public long? ApplicantId { get; private set; }
    /// <summary>The candidate (navigation).</summary>
    public Applicant? Applicant { get; internal set; }
    /// <summary>The objection.</summary>
    public string Text { get; private set; }
    /// <summary>Raised on.</summary>
    public LocalDate RaisedOn { get; private set; }
    /// <summary>Resolved on.</summary>
    public LocalDate? ResolvedOn { get; private set; }
    /// <summary>Upheld (the candidate is removed) or dismissed.</summary>
    public bool? Upheld { get; private set; }
    /// <summary>How it was resolved.</summary>
    public string? Resolution { get; private set; }
    /// <summary>Still open.</summary>
    public bool IsOpen => ResolvedOn is null;

    internal void Resolve(bool upheld, string resolution, LocalDate on)
    {
        if (!IsOpen)
        {
            throw new DomainException("Recruitment.ObjectionResolved");
        }
        Upheld = upheld;
        Resolution = Common.Text.Required(resolution, 1000, "Resolution");
        ResolvedOn = on;
    }
}
