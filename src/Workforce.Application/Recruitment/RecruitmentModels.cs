using System.ComponentModel.DataAnnotations;
using Workforce.Domain.Common;
using Workforce.Domain.Recruitment;
using Workforce.Domain.Workers;

namespace Workforce.Application.Recruitment;

/// <summary>A new round with its rules and posts.</summary>
public sealed class RoundInput
{
    /// <summary>Name.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Recruitment.RoundName")]
    public string? Name { get; set; }
    /// <summary>Organising unit (default: the officer's).</summary>
    public long? OrgUnitId { get; set; }
    /// <summary>Announcement date.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Recruitment.AnnouncedOn")]
    public DateOnly? AnnouncedOn { get; set; }
    /// <summary>Rules (defaults when omitted).</summary>
    public RulesInput Rules { get; set; } = new();
    /// <summary>A template whose rules the round takes (then <see cref="Rules"/> is not read; the age reference date is the announcement's).</summary>
    public long? TemplateId { get; set; }
    /// <summary>Posts.</summary>
    public List<PostInput> Posts { get; set; } = [];
}

/// <summary>Round rules as entered (see <see cref="RoundRules"/>).</summary>
public sealed class RulesInput
{
    // The domain's defaults (the common practice); only the offered bonus items are the form's own.
    private static readonly RoundRules Standard = new();

    /// <summary>Youngest age.</summary>
    public int MinAge { get; set; } = Standard.MinAge;
    /// <summary>Oldest age.</summary>
    public int MaxAge { get; set; } = Standard.MaxAge;
    /// <summary>Age reference date (default: announcement).</summary>
    public DateOnly? AgeReferenceDate { get; set; }
    /// <summary>Lowest education.</summary>
    public Education MinEducation { get; set; } = Standard.MinEducation;
    /// <summary>Required household area prefix.</summary>
    [StringLength(60)]
    public string? HouseholdArea { get; set; }
    /// <summary>Pass line kind.</summary>
    public PassLineKind WrittenPassLineKind { get; set; } = Standard.WrittenPassLineKind;
    /// <summary>Pass line value.</summary>
    public decimal WrittenPassLine { get; set; } = Standard.WrittenPassLine;
    /// <summary>1:N.</summary>
    public int ShortlistRatio { get; set; } = Standard.ShortlistRatio;
    /// <summary>1:N for large posts.</summary>
    public int LargePostShortlistRatio { get; set; } = Standard.LargePostShortlistRatio;
    /// <summary>Large post from this many places.</summary>
    public int LargePostThreshold { get; set; } = Standard.LargePostThreshold;
    /// <summary>Interview pass line.</summary>
    public decimal InterviewPassLine { get; set; } = Standard.InterviewPassLine;
    /// <summary>Written weight.</summary>
    public decimal WrittenWeight { get; set; } = Standard.WrittenWeight;
    /// <summary>Interview weight.</summary>
    public decimal InterviewWeight { get; set; } = Standard.InterviewWeight;
    /// <summary>Bonus items.</summary>
    public List<BonusItem> BonusItems { get; set; } = [new("SW", "持社会工作者职业资格证书", 2m), new("VET", "退役军人", 2m)];
    /// <summary>Tie-break chain.</summary>
    public List<TieBreak> TieBreaks { get; set; } = [.. Standard.TieBreaks];
    /// <summary>Drop extremes from this many examiners.</summary>
    public int DropExtremesFromExaminers { get; set; } = Standard.DropExtremesFromExaminers;
    /// <summary>Notice days.</summary>
    public int NoticeDays { get; set; } = Standard.NoticeDays;
    /// <summary>Probation months.</summary>
    public int ProbationMonths { get; set; } = Standard.ProbationMonths;
    /// <summary>Reserve validity months.</summary>
    public int ReserveValidityMonths { get; set; } = Standard.ReserveValidityMonths;
    /// <summary>How bonus items count.</summary>
    public BonusMode BonusMode { get; set; } = Standard.BonusMode;
    /// <summary>Cap of summed bonus items.</summary>
    public decimal BonusCap { get; set; } = Standard.BonusCap;
    /// <summary>Bands of the graded bonus by years of community work.</summary>
    public List<BonusBand> BonusBands { get; set; } = [];
    /// <summary>Whether a total with bonus may exceed 100.</summary>
    public bool BonusMayExceedMaximum { get; set; } = Standard.BonusMayExceedMaximum;
    /// <summary>Relaxations of the age cap.</summary>
    public List<AgeRelaxation> AgeRelaxations { get; set; } = [];
    /// <summary>Whether relaxations met add up.</summary>
    public bool AgeRelaxationsStack { get; set; } = Standard.AgeRelaxationsStack;
    /// <summary>Years of community work from the pension record.</summary>
    public bool CommunityYearsFromPensionRecord { get; set; } = Standard.CommunityYearsFromPensionRecord;
    /// <summary>递补 on (true) or 缺额不再递补 (false).</summary>
    public bool Substitution { get; set; } = Standard.Substitution;
    /// <summary>选岗: candidates of pooled posts choose their community in rank order.</summary>
    public bool PooledPostChoice { get; set; } = Standard.PooledPostChoice;
    /// <summary>Whose household registration counts.</summary>
    public HouseholdOf HouseholdOf { get; set; } = Standard.HouseholdOf;
    /// <summary>Party members only.</summary>
    public bool RequirePartyMember { get; set; } = Standard.RequirePartyMember;
    /// <summary>Least 党龄 in full years.</summary>
    public int MinPartyYears { get; set; } = Standard.MinPartyYears;
    /// <summary>初审 and 复审.</summary>
    public bool TwoStageReview { get; set; } = Standard.TwoStageReview;
    /// <summary>How the age cap is read.</summary>
    public AgeCapReading AgeCapReading { get; set; } = Standard.AgeCapReading;
    /// <summary>Least months of work (0: none).</summary>
    public int MinWorkMonths { get; set; } = Standard.MinWorkMonths;

    /// <summary>The form's values from <paramref name="r"/> (a template to start from).</summary>
    public static RulesInput From(RoundRules r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new()
        {
            MinAge = r.MinAge, MaxAge = r.MaxAge, MinEducation = r.MinEducation, HouseholdArea = r.HouseholdArea, WrittenPassLineKind = r.WrittenPassLineKind,
            WrittenPassLine = r.WrittenPassLine, ShortlistRatio = r.ShortlistRatio, LargePostShortlistRatio = r.LargePostShortlistRatio, LargePostThreshold = r.LargePostThreshold,
            InterviewPassLine = r.InterviewPassLine, WrittenWeight = r.WrittenWeight, InterviewWeight = r.InterviewWeight, BonusItems = [.. r.BonusItems], TieBreaks = [.. r.TieBreaks],
            DropExtremesFromExaminers = r.DropExtremesFromExaminers, NoticeDays = r.NoticeDays, ProbationMonths = r.ProbationMonths, ReserveValidityMonths = r.ReserveValidityMonths,
            BonusMode = r.BonusMode, BonusCap = r.BonusCap, BonusBands = [.. r.BonusBands], BonusMayExceedMaximum = r.BonusMayExceedMaximum, AgeRelaxations = [.. r.AgeRelaxations],
            AgeRelaxationsStack = r.AgeRelaxationsStack, CommunityYearsFromPensionRecord = r.CommunityYearsFromPensionRecord, Substitution = r.Substitution,
            PooledPostChoice = r.PooledPostChoice, HouseholdOf = r.HouseholdOf, RequirePartyMember = r.RequirePartyMember, MinPartyYears = r.MinPartyYears,
            TwoStageReview = r.TwoStageReview, AgeCapReading = r.AgeCapReading, MinWorkMonths = r.MinWorkMonths,
        };
    }

    /// <summary>The domain rules.</summary>
    public RoundRules ToRules(DateOnly announcedOn) => new()
    {
        MinAge = MinAge, MaxAge = MaxAge, AgeReferenceDate = NodaTime.LocalDate.FromDateOnly(AgeReferenceDate ?? announcedOn), MinEducation = MinEducation,
        HouseholdArea = string.IsNullOrWhiteSpace(HouseholdArea) ? null : HouseholdArea.Trim(), WrittenPassLineKind = WrittenPassLineKind, WrittenPassLine = WrittenPassLine,
        ShortlistRatio = ShortlistRatio, LargePostShortlistRatio = LargePostShortlistRatio, LargePostThreshold = LargePostThreshold, InterviewPassLine = InterviewPassLine,
        WrittenWeight = WrittenWeight, InterviewWeight = InterviewWeight, TieBreaks = TieBreaks, DropExtremesFromExaminers = DropExtremesFromExaminers,
        NoticeDays = NoticeDays, ProbationMonths = ProbationMonths, ReserveValidityMonths = ReserveValidityMonths,
        // A form offers empty rows to fill in: a row left empty is no row.
        BonusItems = [.. BonusItems.Where(b => b is not null && !string.IsNullOrWhiteSpace(b.Code)).Select(b => b with { Code = b.Code.Trim(), Name = string.IsNullOrWhiteSpace(b.Name) ? b.Code.Trim() : b.Name.Trim() })],
        BonusMode = BonusMode, BonusCap = BonusCap, BonusMayExceedMaximum = BonusMayExceedMaximum,
        BonusBands = [.. BonusBands.Where(b => b is not null && (b.FromYears != 0 || b.Points != 0))],
        AgeRelaxations = [.. AgeRelaxations.Where(r => r is not null && (!string.IsNullOrWhiteSpace(r.ItemCode) || r.MinCommunityYears is not null || r.ExtraYears != 0))
            .Select(r => r with { ItemCode = string.IsNullOrWhiteSpace(r.ItemCode) ? null : r.ItemCode.Trim() })],
        AgeRelaxationsStack = AgeRelaxationsStack, CommunityYearsFromPensionRecord = CommunityYearsFromPensionRecord,
        Substitution = Substitution, PooledPostChoice = PooledPostChoice, HouseholdOf = HouseholdOf, RequirePartyMember = RequirePartyMember, MinPartyYears = MinPartyYears,
        TwoStageReview = TwoStageReview, AgeCapReading = AgeCapReading, MinWorkMonths = MinWorkMonths,
    };
}

/// <summary>A post of a round.</summary>
public sealed class PostInput
{
    /// <summary>Name.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public string? Name { get; set; }
    /// <summary>Community.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public long? CommunityId { get; set; }
    /// <summary>Post type.</summary>
    public Post Post { get; set; } = Post.Staff;
    /// <summary>Places.</summary>
    [Range(1, 1000, ErrorMessage = "Validation.Range")]
    public int Quota { get; set; } = 1;
    /// <summary>Further communities of a pooled post (hires are placed in turn, by rank).</summary>
    public List<long> PoolCommunityIds { get; set; } = [];
    /// <summary>开考比例: registrations per place needed for the exam to run (0: none).</summary>
    [Range(0, 20, ErrorMessage = "Validation.Range")]
    public int OpeningRatio { get; set; }
    /// <summary>What happens when registration closes short of the ratio.</summary>
    public ShortfallAction ShortfallAction { get; set; } = ShortfallAction.CutPlaces;
    /// <summary>The post (by name) that takes this one's applicants and places on a merge.</summary>
    [StringLength(60)]
    public string? MergeInto { get; set; }
    /// <summary>定向岗位: the item code its applicants must declare (e.g. VET), or null.</summary>
    [StringLength(20)]
    public string? ReservedFor { get; set; }
}

/// <summary>An applicant as entered.</summary>
public sealed class ApplicantInput
{
    /// <summary>Post.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Recruitment.Post")]
    public long? PostId { get; set; }
    /// <summary>Name.</summary>
    [Required(ErrorMessage = "Validation.Required"), StringLength(30, MinimumLength = 2, ErrorMessage = "Validation.Length"), Display(Name = "Field.Name")]
    public string? Name { get; set; }
    /// <summary>身份证号.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.IdCardNumber")]
    public string? IdCardNumber { get; set; }
    /// <summary>Phone.</summary>
    [Display(Name = "Field.Phone")]
    public string? Phone { get; set; }
    /// <summary>Education.</summary>
    [Required(ErrorMessage = "Validation.Required"), Display(Name = "Field.Education")]
    public Education? Education { get; set; }
    /// <summary>Political status.</summary>
    [Display(Name = "Field.PoliticalStatus")]
    public PoliticalStatus PoliticalStatus { get; set; } = PoliticalStatus.Masses;
    /// <summary>Household area.</summary>
    [StringLength(60, ErrorMessage = "Validation.MaxLength"), Display(Name = "Recruitment.HouseholdArea")]
    public string? HouseholdArea { get; set; }
    /// <summary>Bonus codes.</summary>
    public List<string> Bonus { get; set; } = [];
    /// <summary>Registration date (default today).</summary>
    public DateOnly? RegisteredOn { get; set; }
    /// <summary>A parent's household registration area (户籍), when the round counts it.</summary>
    [StringLength(60)]
    public string? ParentHouseholdArea { get; set; }
    /// <summary>The spouse's household registration area.</summary>
    [StringLength(60)]
    public string? SpouseHouseholdArea { get; set; }
    /// <summary>入党时间 (party members).</summary>
    public DateOnly? PartyJoinedOn { get; set; }
    /// <summary>Months of community work as declared (age relaxations, graded bonus).</summary>
    [Range(0, 600, ErrorMessage = "Validation.Range")]
    public int? CommunityMonths { get; set; }
}

/// <summary>A written score.</summary>
/// <param name="ApplicantId">Candidate.</param>
/// <param name="Score">0–100, or null when absent.</param>
/// <param name="Absent">Absent.</param>
public sealed record WrittenScoreInput(long ApplicantId, decimal? Score, bool Absent = false);

/// <summary>Interview marks of a candidate.</summary>
/// <param name="ApplicantId">Candidate.</param>
/// <param name="Scores">Marks by examiner.</param>
/// <param name="Absent">Absent.</param>
public sealed record InterviewScoreInput(long ApplicantId, List<ExaminerMark> Scores, bool Absent = false);

/// <summary>One examiner's mark.</summary>
/// <param name="Examiner">Examiner.</param>
/// <param name="Score">Mark.</param>
public sealed record ExaminerMark(string Examiner, decimal Score);

/// <summary>Vetting result.</summary>
/// <param name="VettingPassed">考察.</param>
/// <param name="MedicalPassed">体检.</param>
/// <param name="Note">Note.</param>
public sealed record VettingInput(bool VettingPassed, bool MedicalPassed, string? Note);

/// <summary>A reason (withdrawal, reopening, qualification decision).</summary>
/// <param name="Reason">Why.</param>
/// <param name="Approved">For a qualification decision.</param>
public sealed record ReasonInput(string? Reason, bool? Approved = null);

/// <summary>A qualification override through the API: the decision, its reason and the document it rests on (base64, at most 5 MB).</summary>
/// <param name="Reason">Reason.</param>
/// <param name="Approved">Qualified (true), not (false), or back to the automatic result (null).</param>
/// <param name="EvidenceName">The document's file name.</param>
/// <param name="EvidenceBase64">The document, base64.</param>
public sealed record OverrideInput(string? Reason, bool? Approved, string? EvidenceName, [StringLength(7_000_000)] string? EvidenceBase64);

/// <summary>An objection.</summary>
/// <param name="ApplicantId">Candidate concerned.</param>
/// <param name="Text">Objection.</param>
public sealed record ObjectionInput(long? ApplicantId, string? Text);

/// <summary>Resolution of an objection.</summary>
/// <param name="Upheld">Upheld.</param>
/// <param name="Resolution">How resolved.</param>
public sealed record ResolutionInput(bool Upheld, string? Resolution);

/// <summary>A ranked candidate with the parts of the total.</summary>
public sealed record RankingRow(long ApplicantId, string Name, string IdCardMasked, Education Education, decimal? Written, decimal? Interview,
    IReadOnlyList<decimal> Marks, decimal Bonus, decimal? Total, int? Rank, ApplicantStatus Status, bool Substitute, Message? Computation);

/// <summary>The hire of one candidate.</summary>
public sealed record HireRow(long ApplicantId, long WorkerId, string Name, int Grade, Message GradeExplanation, DateOnly HireDate, DateOnly? ProbationEnd);

/// <summary>An applicant's months of community work: as declared, and as the pension record shows (checked at the review).</summary>
public sealed class WorkHistoryInput
{
    /// <summary>Declared months.</summary>
    [Range(0, 600, ErrorMessage = "Validation.Range")]
    public int? DeclaredMonths { get; set; }

    /// <summary>Months on the pension (养老保险) record.</summary>
    [Range(0, 600, ErrorMessage = "Validation.Range")]
    public int? PensionRecordMonths { get; set; }
}

/// <summary>选岗: the community chosen.</summary>
public sealed class ChoiceInput
{
    /// <summary>One of the post's communities.</summary>
    [Required(ErrorMessage = "Validation.Required")]
    public long? CommunityId { get; set; }
}
