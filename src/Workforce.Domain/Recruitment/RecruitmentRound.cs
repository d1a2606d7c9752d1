using System.Globalization;
using NodaTime;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;

namespace Workforce.Domain.Recruitment;

/// <summary>
/// A public recruitment round (招聘). The facts of each step are recorded on the applicants; every
/// derived result (qualification, pass lines, shortlist, interview score, total, rank, selection and
/// substitution) is recomputed from those facts by <see cref="Evaluate"/>, so a reopened step or a
/// late correction can never leave a stale rank behind. Steps only move forward through
/// <see cref="Advance"/>, whose guards refuse incomplete steps, or back one step through an explicit
/// <see cref="Reopen"/> with a reason. A closed round refuses every change.
/// </summary>
public sealed class RecruitmentRound
{
    private readonly List<RoundPost> _posts = [];
    private readonly List<Applicant> _applicants = [];
    private readonly List<Objection> _objections = [];
    // ID numbers already registered; rebuilt when the applicants were loaded from the database.
    private HashSet<IdCardNumber>? _idCards;

    private RecruitmentRound() { Name = string.Empty; Rules = new RoundRules(); }

    /// <summary>Announces a round.</summary>
    public RecruitmentRound(string name, long orgUnitId, LocalDate announcedOn, RoundRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Name = Text.Required(name, 100, "Name");
        OrgUnitId = orgUnitId;
        AnnouncedOn = announcedOn;
        Rules = rules.Validated();
        Step = RoundStep.Registration;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Name, e.g. 2026年姑苏区公开招聘社区工作者.</summary>
    public string Name { get; private set; }
    /// <summary>Organising unit (scope).</summary>
    public long OrgUnitId { get; private set; }
    /// <summary>Announcement date.</summary>
    public LocalDate AnnouncedOn { get; private set; }
    /// <summary>Rules.</summary>
    public RoundRules Rules { get; private set; }
    /// <summary>Current step.</summary>
    public RoundStep Step { get; private set; }
    /// <summary>First day of the public notice.</summary>
    public LocalDate? NoticeStart { get; private set; }
    /// <summary>Last day of the public notice.</summary>
    public LocalDate? NoticeEnd { get; private set; }
    /// <summary>Hire date.</summary>
    public LocalDate? HiredOn { get; private set; }
    /// <summary>Reason of the last reopening.</summary>
    public string? ReopenReason { get; private set; }
    /// <summary>Posts.</summary>
    public IReadOnlyList<RoundPost> Posts => _posts;
    /// <summary>Applicants.</summary>
    public IReadOnlyList<Applicant> Applicants => _applicants;
    /// <summary>Objections raised during the notice.</summary>
    public IReadOnlyList<Objection> Objections => _objections;

    /// <summary>Adds a post (during registration), in one community or a pool of communities.</summary>
    public RoundPost AddPost(string name, long communityId, Post post, int quota, IEnumerable<long>? pool = null)
    {
        RequireStep(RoundStep.Registration);
        var p = new RoundPost(name, communityId, post, quota, pool);
        _posts.Add(p);
        return p;
    }

    /// <summary>
    /// Replaces the round's rules while registration is open (an announcement corrected before registration closes); refused
    /// afterwards, and refused when an item that an applicant declared or a reserved post names would disappear.
    /// </summary>
    public void ChangeRules(RoundRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        RequireStep(RoundStep.Registration);
        var changed = (rules with { AgeReferenceDate = rules.AgeReferenceDate == default ? Rules.AgeReferenceDate : rules.AgeReferenceDate }).Validated();
        if (_applicants.SelectMany(a => a.Bonuses).Concat(_posts.Select(p => p.ReservedFor).OfType<string>()).FirstOrDefault(c => changed.FindItem(c) is null) is { } missing)
        {
            throw new DomainException("Recruitment.ItemInUse", missing) { Field = "BonusItems" };
        }
        Rules = changed;
        Evaluate();
    }

    /// <summary>
    /// Sets a post's 开考比例 (registrations per place, 0 for none) and what happens when registration closes short of it:
    /// places cut, the post merged into another post of the round (named), or cancelled. During registration only.
    /// </summary>
    public void SetOpeningRule(RoundPost post, int ratio, ShortfallAction action, string? mergeInto = null)
    {
        ArgumentNullException.ThrowIfNull(post);
        RequireStep(RoundStep.Registration);
        if (!_posts.Contains(post))
        {
            throw new DomainException("Recruitment.UnknownPost") { Field = "PostId" };
        }
        if (ratio > 0 && action == ShortfallAction.Merge && !_posts.Any(p => p != post && p.Name == mergeInto?.Trim()))
        {
            throw new DomainException("Recruitment.UnknownMergeTarget", mergeInto ?? string.Empty) { Field = "MergeInto" };
        }
        post.SetOpeningRule(ratio, action, mergeInto?.Trim());
    }

    /// <summary>
    /// Makes a post a 定向岗位 for those who declare <paramref name="itemCode"/> (one of the round's items), or open again with
    /// null. During registration only.
    /// </summary>
    public void ReservePost(RoundPost post, string? itemCode)
    {
        ArgumentNullException.ThrowIfNull(post);
        RequireStep(RoundStep.Registration);
        if (!_posts.Contains(post))
        {
            throw new DomainException("Recruitment.UnknownPost") { Field = "PostId" };
        }
        if (itemCode is { Length: > 0 } && Rules.FindItem(itemCode.Trim()) is null)
        {
            throw new DomainException("Recruitment.UnknownBonus", itemCode) { Field = "ReservedFor" };
        }
        post.ReserveFor(itemCode);
        Evaluate();
    }

    /// <summary>
    /// 选岗: records the community a selected candidate of a pooled post chooses. Candidates choose in rank order: every selected
    /// candidate ranked above must have chosen, and the community must still have a place. During vetting, the notice or hiring.
    /// </summary>
    public void ChooseCommunity(Applicant applicant, long communityId)
    {
        if (!Rules.PooledPostChoice || Step is not (RoundStep.Vetting or RoundStep.PublicNotice or RoundStep.Hiring))
        {
            throw new DomainException("Recruitment.WrongStep", Step) { Field = "Step" };
        }
        var a = Own(applicant);
        RequireStatus(a, ApplicantStatus.Selected);
        var post = PostOf(a);
        if (!post.PlacesByCommunity.TryGetValue(communityId, out var places))
        {
            throw new DomainException("Recruitment.NotACommunityOfThePost") { Field = "CommunityId" };
        }
        var others = _applicants.Where(x => x != a && SamePost(x, a) && x.Status is ApplicantStatus.Selected or ApplicantStatus.Hired).ToList();
        if (others.FirstOrDefault(x => x.Rank < a.Rank && x.ChosenCommunityId is null) is { } waiting)
        {
            throw new DomainException("Recruitment.ChooseInRankOrder", waiting.Name, waiting.Rank ?? 0) { Field = "ApplicantId" };
        }
        if (others.Count(x => x.ChosenCommunityId == communityId) >= places)
        {
            throw new DomainException("Recruitment.CommunityFull") { Field = "CommunityId" };
        }
        a.Choose(communityId);
    }

    /// <summary>Registers an applicant for a post; the same ID-card number twice in a round is refused.</summary>
    public Applicant Register(RoundPost post, string name, IdCardNumber idCard, PhoneNumber? phone, Education education,
        PoliticalStatus politicalStatus, string? householdArea, IEnumerable<string> bonusCodes, LocalDate registeredOn)
    {
        ArgumentNullException.ThrowIfNull(post);
        RequireStep(RoundStep.Registration);
        if (!_posts.Contains(post))
        {
            throw new DomainException("Recruitment.UnknownPost") { Field = "PostId" };
        }
        if (_idCards is null || _idCards.Count != _applicants.Count)
        {
            _idCards = [.. _applicants.Select(a => a.IdCard)];
        }
        if (_idCards.Contains(idCard))
        {
            throw new DomainException("Recruitment.DuplicateApplicant", idCard.Masked) { Field = "IdCardNumber" };
        }
        bonusCodes = [.. bonusCodes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim())];
        var unknown = bonusCodes.Where(c => Rules.FindItem(c.Trim()) is null && c.Trim().Length > 0).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException("Recruitment.UnknownBonus", string.Join(",", unknown)) { Field = "Bonus" };
        }
        var applicant = new Applicant(post.Id, _applicants.Count + 1, name, idCard, phone, education, politicalStatus, householdArea, bonusCodes, registeredOn)
        {
            Post = post,
        };
        _applicants.Add(applicant);
        _idCards.Add(idCard);
        return applicant;
    }

    /// <summary>
    /// Records an applicant's months of community work: as declared (at registration) and as the pension record shows (checked
    /// at the qualification review); the round's rules say which counts for age relaxations and the graded bonus.
    /// </summary>
    public void RecordWorkHistory(Applicant applicant, int? declaredMonths, int? pensionMonths)
    {
        if (Step is not (RoundStep.Registration or RoundStep.QualificationReview))
        {
            throw new DomainException("Recruitment.WrongStep", Step) { Field = "Step" };
        }
        Own(applicant).RecordWorkHistory(declaredMonths, pensionMonths);
        Evaluate();
    }

    /// <summary>Records an applicant's declared family household registrations and party joining date (registration or review).</summary>
    public void DeclareFamilyAndParty(Applicant applicant, string? parentArea, string? spouseArea, LocalDate? partyJoinedOn)
    {
        if (Step is not (RoundStep.Registration or RoundStep.QualificationReview))
        {
            throw new DomainException("Recruitment.WrongStep", Step) { Field = "Step" };
        }
        Own(applicant).DeclareFamilyAndParty(parentArea, spouseArea, partyJoinedOn);
        Evaluate();
    }

    /// <summary>
    /// Manual qualification decision (资格审查) overriding the automatic one: it needs a reason and the document it rests on
    /// (<paramref name="evidence"/>, the file's name); null restores the automatic result.
    /// </summary>
    public void Decide(Applicant applicant, bool? qualified, string? reason, string? evidence) =>
        Change(RoundStep.QualificationReview, applicant, a => a.Decide(qualified, reason, evidence));

    /// <summary>Records a written score or absence (only for qualified applicants).</summary>
    public void ScoreWritten(Applicant applicant, decimal? score, bool absent) =>
        Change(RoundStep.WrittenExam, applicant, a =>
        {
            RequireStatus(a, ApplicantStatus.Qualified);
            a.ScoreWritten(score, absent);
        });

    /// <summary>Records many written scores at once (one evaluation at the end); all or nothing is up to the caller's unit of work.</summary>
    public void ScoreWritten(IEnumerable<(Applicant Applicant, decimal? Score, bool Absent)> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        RequireStep(RoundStep.WrittenExam);
        foreach (var (applicant, score, absent) in scores)
        {
            var a = Own(applicant);
            RequireStatus(a, ApplicantStatus.Qualified);
            a.ScoreWritten(score, absent);
        }
        Evaluate();
    }

    /// <summary>
    /// 复审 (the second qualification review, before the interview, with the documents checked): a shortlisted candidate passes, or
    /// fails with a reason and leaves the shortlist (the next passer by written score moves up when the round substitutes). Only
    /// in rounds with <see cref="RoundRules.TwoStageReview"/>, during the interview step, before the candidate's marks.
    /// </summary>
    public void SecondReview(Applicant applicant, bool passed, string? reason)
    {
        if (!Rules.TwoStageReview)
        {
            throw new DomainException("Recruitment.NoSecondReview") { Field = "Step" };
        }
        Change(RoundStep.Interview, applicant, a =>
        {
            if (a.Status is not (ApplicantStatus.Shortlisted or ApplicantStatus.SecondReviewFailed) || a.InterviewScores.Count > 0)
            {
                throw new DomainException("Recruitment.WrongStatus", a.Status) { Field = "ApplicantId" };
            }
            a.RecordSecondReview(passed, reason);
        });
    }

    /// <summary>Records many candidates' interview marks at once (one evaluation at the end).</summary>
    public void ScoreInterview(IEnumerable<(Applicant Applicant, IReadOnlyList<(string Examiner, decimal Score)> Scores, bool Absent)> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        RequireStep(RoundStep.Interview);
        foreach (var (applicant, scores, absent) in marks)
        {
            var a = Own(applicant);
            RequireStatus(a, ApplicantStatus.Shortlisted);
            a.ScoreInterview(scores, absent);
        }
        Evaluate();
    }

    /// <summary>Records the examiners' marks or absence (only for shortlisted applicants).</summary>
    public void ScoreInterview(Applicant applicant, IReadOnlyList<(string Examiner, decimal Score)> scores, bool absent) =>
        Change(RoundStep.Interview, applicant, a =>
        {
            RequireStatus(a, ApplicantStatus.Shortlisted);
            a.ScoreInterview(scores, absent);
        });

    /// <summary>Records 考察 and 体检 of a selected candidate; a failure brings in the next ranked candidate (递补).</summary>
    public void RecordVetting(Applicant applicant, bool vettingPassed, bool medicalPassed, string note) =>
        Change(RoundStep.Vetting, applicant, a =>
        {
            RequireStatus(a, ApplicantStatus.Selected);
            a.RecordVetting(vettingPassed, medicalPassed, note);
        });

    /// <summary>A selected or ranked candidate withdraws (放弃); the next ranked candidate comes in, unless the round says 缺额不再递补.</summary>
    public void Withdraw(Applicant applicant, string reason)
    {
        if (Step is not (RoundStep.Vetting or RoundStep.PublicNotice))
        {
            throw new DomainException("Recruitment.WrongStep", Step) { Field = "Step" };
        }
        var a = Own(applicant);
        if (a.Status is not (ApplicantStatus.Selected or ApplicantStatus.Ranked))
        {
            throw new DomainException("Recruitment.WrongStatus", a.Status) { Field = "ApplicantId" };
        }
        a.Withdraw(reason);
        var wasSelected = a.Status == ApplicantStatus.Selected;
        Evaluate();
        // A substitute during the notice still has to be vetted: the round goes back to vetting.
        if (Step == RoundStep.PublicNotice && wasSelected && _applicants.Any(x => SamePost(x, a) && x.Status == ApplicantStatus.Selected && x.VettingPassed is null))
        {
            Step = RoundStep.Vetting;
            NoticeStart = NoticeEnd = null;
            ReopenReason = "递补人选需考察体检：" + reason;
        }
    }

    /// <summary>Records an objection during the notice.</summary>
    public Objection RaiseObjection(Applicant? applicant, string text, LocalDate on)
    {
        RequireStep(RoundStep.PublicNotice);
        var o = new Objection(applicant is null ? null : Own(applicant).Id, text, on) { Applicant = applicant };
        _objections.Add(o);
        return o;
    }

    /// <summary>Resolves an objection; upheld against a candidate removes them (with substitution).</summary>
    public void ResolveObjection(Objection objection, bool upheld, string resolution, LocalDate on)
    {
        ArgumentNullException.ThrowIfNull(objection);
        RequireStep(RoundStep.PublicNotice);
        objection.Resolve(upheld, resolution, on);
        if (upheld && (objection.Applicant ?? _applicants.SingleOrDefault(a => a.Id == objection.ApplicantId)) is { } applicant)
        {
            Withdraw(applicant, "公示异议成立：" + resolution);
        }
    }

    /// <summary>
    /// Moves to the next step after checking the current one is complete. Entering the public notice,
    /// <paramref name="noticeStart"/> is the day the notice was published (today by default, never later).
    /// </summary>
    public void Advance(LocalDate today, LocalDate? noticeStart = null)
    {
        switch (Step)
        {
            case RoundStep.Registration:
                if (_posts.Count == 0 || _applicants.Count == 0)
                {
                    throw new DomainException("Recruitment.NothingToReview") { Field = "Step" };
                }
                ApplyOpeningRatios();
                break;
            case RoundStep.QualificationReview:
                if (!_applicants.Any(a => a.Status == ApplicantStatus.Qualified))
                {
                    throw new DomainException("Recruitment.NoneQualified") { Field = "Step" };
                }
                break;
            case RoundStep.WrittenExam:
                Missing(_applicants.Count(a => a.Status == ApplicantStatus.Qualified && a.WrittenScore is null && !a.WrittenAbsent));
                break;
            case RoundStep.Interview:
                if (Rules.TwoStageReview && _applicants.Count(a => a.Status == ApplicantStatus.Shortlisted && a.SecondReviewPassed is null) is > 0 and var unreviewed)
                {
                    throw new DomainException("Recruitment.SecondReviewMissing", unreviewed) { Field = "Step" };
                }
                Missing(_applicants.Count(a => a.Status == ApplicantStatus.Shortlisted && a.InterviewScores.Count == 0 && !a.InterviewAbsent));
                break;
            case RoundStep.Vetting:
                Missing(_applicants.Count(a => a.Status == ApplicantStatus.Selected && (a.VettingPassed is null || a.MedicalPassed is null)));
                if (!_applicants.Any(a => a.Status == ApplicantStatus.Selected))
                {
                    throw new DomainException("Recruitment.NoneSelected") { Field = "Step" };
                }
                // 选岗 before the notice: the notice shows where each candidate goes.
                var unchosen = _applicants.Count(a => a.Status == ApplicantStatus.Selected && Rules.PooledPostChoice && PostOf(a).Communities.Count > 1 && a.ChosenCommunityId is null);
                if (unchosen > 0)
                {
                    throw new DomainException("Recruitment.ChoicesMissing", unchosen) { Field = "Step" };
                }
                var start = noticeStart ?? today;
                if (start > today)
                {
                    throw new DomainException("Recruitment.NoticeInFuture") { Field = "NoticeStart" };
                }
                NoticeStart = start;
                NoticeEnd = start.PlusDays(Rules.NoticeDays - 1);
                break;
            case RoundStep.PublicNotice:
                if (NoticeEnd is { } end && today <= end)
                {
                    throw new DomainException("Recruitment.NoticeRunning", end) { Field = "Step" };
                }
                if (_objections.Any(o => o.IsOpen))
                {
                    throw new DomainException("Recruitment.OpenObjections", _objections.Count(o => o.IsOpen)) { Field = "Step" };
                }
                break;
            case RoundStep.Hiring:
                Missing(_applicants.Count(a => a.Status == ApplicantStatus.Selected && a.WorkerId is null));
                foreach (var a in _applicants.Where(a => a.Status == ApplicantStatus.Ranked))
                {
                    a.KeepInReserve(today.PlusMonths(Rules.ReserveValidityMonths));
                }
                break;
            default:
                throw new DomainException("Recruitment.Closed") { Field = "Step" };
        }
        Step += 1;
        ReopenReason = null;
        Evaluate();
    }

    /// <summary>
    /// Goes back one step with a reason (audited); the later results are recomputed on the next advance. Registration cannot be
    /// reopened once a 开考比例 check has cut, merged or cancelled a post (that was announced to the applicants).
    /// </summary>
    public void Reopen(string reason)
    {
        if (Step is RoundStep.Registration or RoundStep.Closed
            || (Step == RoundStep.QualificationReview && _posts.Any(p => p.Opening is PostOpening.Cut or PostOpening.Merged or PostOpening.Cancelled)))
        {
            throw new DomainException("Recruitment.CannotReopen", Step) { Field = "Step" };
        }
        ReopenReason = Text.Required(reason, 200, "Reason");
        if (Step == RoundStep.PublicNotice)
        {
            NoticeStart = NoticeEnd = null;
        }
        Step -= 1;
        Evaluate();
    }

    /// <summary>Records that a selected candidate was hired as registry worker <paramref name="workerId"/> on <paramref name="on"/>.</summary>
    public void RecordHire(Applicant applicant, long workerId, LocalDate on) =>
        Change(RoundStep.Hiring, applicant, a =>
        {
            RequireStatus(a, ApplicantStatus.Selected);
            a.MarkHired(workerId);
            HiredOn = on;
        });

    /// <summary>Probation end for a hire on <paramref name="hireDate"/> (null without probation).</summary>
    public LocalDate? ProbationEndFor(LocalDate hireDate) =>
        Rules.ProbationMonths == 0 ? null : hireDate.PlusMonths(Rules.ProbationMonths).PlusDays(-1);

    /// <summary>Applicants of a post in rank order (ranked ones first, then the others by registration).</summary>
    public IEnumerable<Applicant> RankingOf(RoundPost post) =>
        _applicants.Where(a => Of(a, post)).OrderBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.Sequence);

    /// <summary>The applicant with a database id; refuses an unknown one.</summary>
    public Applicant ApplicantById(long id) =>
        _applicants.SingleOrDefault(a => a.Id == id) ?? throw new DomainException("Recruitment.UnknownApplicant", id) { Field = "ApplicantId" };

    /// <summary>
    /// The community a selected candidate is placed in: the community they chose (选岗), else the post's communities in turn, by
    /// rank. With 选岗 a candidate who has not chosen yet has no placement (hiring refuses them).
    /// </summary>
    public long PlacementOf(Applicant applicant)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var post = PostOf(applicant);
        if (Rules.PooledPostChoice && post.Communities.Count > 1)
        {
            return applicant.ChosenCommunityId ?? throw new DomainException("Recruitment.NoChoiceYet", applicant.Name) { Field = "ApplicantId" };
        }
        var order = _applicants.Where(a => Of(a, post) && a.Status is ApplicantStatus.Selected or ApplicantStatus.Hired).OrderBy(a => a.Rank).ToList();
        var index = order.IndexOf(applicant);
        var communities = post.Communities;
        return communities[Math.Max(0, index) % communities.Count];
    }

    /// <summary>The post of an applicant.</summary>
    public RoundPost PostOf(Applicant applicant) => _posts.Single(p => Of(applicant, p));

    /// <summary>The written pass line in force: the fixed score, or the share of the mean of those who sat the exam.</summary>
    public decimal WrittenPassLine() =>
        PassLineOf(_applicants.Where(a => a.WrittenScore is not null && Qualifies(a)).Select(a => a.WrittenScore!.Value));

    private decimal PassLineOf(IEnumerable<decimal> sat)
    {
        if (Rules.WrittenPassLineKind == PassLineKind.Absolute)
        {
            return Rules.WrittenPassLine;
        }
        var scores = sat.ToList();
        return scores.Count == 0 ? 0m : Math.Round(Rules.WrittenPassLine * scores.Average(), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The interview score of a set of marks: with at least <see cref="RoundRules.DropExtremesFromExaminers"/>
    /// examiners the single highest and lowest marks are dropped; the rest are averaged and rounded to two
    /// decimals, half away from zero.
    /// </summary>
    public static decimal InterviewScoreOf(IReadOnlyList<decimal> marks, int dropExtremesFrom)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var ordered = marks.Order().ToList();
        if (ordered.Count >= dropExtremesFrom)
        {
            ordered = ordered.Skip(1).Take(ordered.Count - 2).ToList();
        }
        return Math.Round(ordered.Average(), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The automatic eligibility checks: empty when eligible, else every failed rule's facts.</summary>
    public IReadOnlyList<Message> AutoCheck(Applicant applicant) => [.. EligibilityChecks(applicant).Where(c => !c.Passed).Select(c => c.Facts)];

    /// <summary>
    /// Every automatic eligibility rule of the round for an applicant, passed or not, with the facts it used: age on the reference
    /// date against the cap raised by the relaxations met, education, household registration (own, or a parent's or the
    /// spouse's as the round says), party membership and 党龄, and a reserved post's item.
    /// </summary>
    public IReadOnlyList<EligibilityCheck> EligibilityChecks(Applicant applicant)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var reference = Rules.AgeReferenceDate == default ? AnnouncedOn : Rules.AgeReferenceDate;
        var age = applicant.IdCard.AgeOn(reference);
        var years = applicant.CommunityYears(Rules);
        var cap = Rules.AgeCapFor(applicant.Bonuses, years);
        var checks = new List<EligibilityCheck>();
        // A passed rule states its facts; a failed one says why it failed (the same facts).
        void Check(string rule, bool passed, string factKey, string failKey, params object[] args) =>
            checks.Add(new EligibilityCheck(rule, passed, new Message(passed ? factKey : failKey, args)));
        // The birth-date bounds decide (as the announcement prints them); the age is the fact shown with them.
        var earliest = Rules.EarliestBirthDate(cap, reference);
        var latest = Rules.LatestBirthDate(reference);
        var withinAge = applicant.BirthDate >= earliest && applicant.BirthDate <= latest;
        if (Rules.AgeRelaxations.Count == 0)
        {
            Check("Recruitment.Rule.Age", withinAge, "Recruitment.Fact.Age", "Recruitment.Ineligible.Age", age, Rules.MinAge, Rules.MaxAge, earliest, latest);
        }
        else
        {
            Check("Recruitment.Rule.Age", withinAge, "Recruitment.Fact.AgeRelaxed", "Recruitment.Ineligible.AgeRelaxed", age, Rules.MinAge, cap, Rules.MaxAge, years, earliest, latest);
        }
        if (Rules.MinWorkMonths > 0)
        {
            var months = applicant.WorkMonths(Rules);
            Check("Recruitment.Rule.WorkMonths", months >= Rules.MinWorkMonths, Rules.CommunityYearsFromPensionRecord ? "Recruitment.Fact.WorkMonthsPension" : "Recruitment.Fact.WorkMonths",
                Rules.CommunityYearsFromPensionRecord ? "Recruitment.Ineligible.WorkMonthsPension" : "Recruitment.Ineligible.WorkMonths", months, Rules.MinWorkMonths);
        }
        Check("Recruitment.Rule.Education", applicant.Education >= Rules.MinEducation, "Recruitment.Fact.Education", "Recruitment.Ineligible.Education", applicant.Education, Rules.MinEducation);
        if (Rules.HouseholdArea is { Length: > 0 } area)
        {
            bool In(string? declared) => (declared ?? string.Empty).StartsWith(area, StringComparison.Ordinal);
            if (Rules.HouseholdOf == HouseholdOf.Self)
            {
                Check("Recruitment.Rule.Household", In(applicant.HouseholdArea), "Recruitment.Fact.Household", "Recruitment.Ineligible.Household", area, applicant.HouseholdArea ?? "—");
            }
            else
            {
                Check("Recruitment.Rule.Household", In(applicant.HouseholdArea) || In(applicant.ParentHouseholdArea) || In(applicant.SpouseHouseholdArea),
                    "Recruitment.Fact.HouseholdFamily", "Recruitment.Ineligible.HouseholdFamily", area, applicant.HouseholdArea ?? "—", applicant.ParentHouseholdArea ?? "—", applicant.SpouseHouseholdArea ?? "—");
            }
        }
        if (Rules.RequirePartyMember)
        {
            var member = applicant.PoliticalStatus is PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryPartyMember;
            var partyYears = applicant.PartyJoinedOn is { } joined && joined <= reference ? Period.Between(joined, reference, PeriodUnits.Years).Years : 0;
            Check("Recruitment.Rule.Party", member && partyYears >= Rules.MinPartyYears, "Recruitment.Fact.Party", "Recruitment.Ineligible.Party", applicant.PoliticalStatus, partyYears, Rules.MinPartyYears);
        }
        if (PostOf(applicant).ReservedFor is { } reserved)
        {
            Check("Recruitment.Rule.Reserved", applicant.Bonuses.Contains(reserved, StringComparer.OrdinalIgnoreCase), "Recruitment.Fact.Reserved", "Recruitment.Ineligible.Reserved", Rules.ItemName(reserved));
        }
        return checks;
    }

    /// <summary>
    /// Why an applicant is qualified or not: the officer's reason for a manual decision (as written), else the
    /// automatic checks' reasons (derived from the facts each time, so they read in the reader's language).
    /// </summary>
    public IReadOnlyList<Message> QualificationReasons(Applicant applicant)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        return applicant.QualificationDecision is not null && applicant.QualificationReason is { } manual ? [new Message("Common.Verbatim", manual)] : AutoCheck(applicant);
    }

    /// <summary>Recomputes every derived result from the recorded facts, for the current step.</summary>
    public void Evaluate()
    {
        foreach (var a in _applicants)
        {
            a.Status = ApplicantStatus.Registered;
            a.InterviewScore = a.InterviewScores.Count > 0 ? InterviewScoreOf([.. a.InterviewScores.Select(s => s.Score)], Rules.DropExtremesFromExaminers) : null;
            a.Bonus = Rules.BonusFor(a.Bonuses, a.CommunityYears(Rules));
            a.Total = null;
            a.Rank = null;
            a.Substitute = false;
            if (Step < RoundStep.QualificationReview)
            {
                continue;
            }
            if (!PostOf(a).IsRunning)
            {
                a.Status = ApplicantStatus.PostCancelled;
                continue;
            }
            a.Status = (a.QualificationDecision ?? AutoCheck(a).Count == 0) ? ApplicantStatus.Qualified : ApplicantStatus.Disqualified;
        }
        if (Step <= RoundStep.WrittenExam)
        {
            return;
        }
        var qualified = _applicants.Where(a => a.Status == ApplicantStatus.Qualified).ToList();
        var passLine = PassLineOf(qualified.Where(a => a.WrittenScore is not null).Select(a => a.WrittenScore!.Value));
        foreach (var a in qualified)
        {
            a.Status = a.WrittenAbsent ? ApplicantStatus.WrittenAbsent : a.WrittenScore < passLine ? ApplicantStatus.WrittenFailed : ApplicantStatus.NotShortlisted;
        }
        foreach (var post in _posts)
        {
            // Shortlist: the best passers by written score, quota × ratio of them, ties at the cut included. With two reviews,
            // those who fail the second (复审) leave the shortlist: with 递补 the next passers move up, without it their places stay empty.
            var passers = _applicants.Where(a => Of(a, post) && a.Status == ApplicantStatus.NotShortlisted).ToList();
            passers.Sort(WrittenOrder);
            var failedReview = passers.Where(a => Rules.TwoStageReview && a.SecondReviewPassed == false).ToList();
            var eligible = Rules.Substitution ? passers.Except(failedReview).ToList() : passers;
            var size = post.Quota * Rules.RatioFor(post.Quota);
            var cut = eligible.Count <= size ? decimal.MinValue : eligible[size - 1].WrittenScore!.Value;
            foreach (var a in eligible.Where(a => a.WrittenScore >= cut))
            {
                a.Status = ApplicantStatus.Shortlisted;
            }
            foreach (var a in failedReview)
            {
                a.Status = ApplicantStatus.SecondReviewFailed;
            }
            if (Step <= RoundStep.Interview)
            {
                continue;
            }
            var ranked = new List<Applicant>();
            foreach (var a in _applicants.Where(a => Of(a, post) && a.Status == ApplicantStatus.Shortlisted))
            {
                if (a.InterviewAbsent)
                {
                    a.Status = ApplicantStatus.InterviewAbsent;
                }
                else if (a.InterviewScore < Rules.InterviewPassLine)
                {
                    a.Status = ApplicantStatus.InterviewFailed;
                }
                else
                {
                    var total = Math.Round(a.WrittenScore!.Value * Rules.WrittenWeight + a.InterviewScore!.Value * Rules.InterviewWeight + a.Bonus, 2, MidpointRounding.AwayFromZero);
                    a.Total = Rules.BonusMayExceedMaximum ? total : Math.Min(100m, total);
                    ranked.Add(a);
                }
            }
            ranked.Sort(TotalOrder);
            var selected = 0;
            for (var i = 0; i < ranked.Count; i++)
            {
                var a = ranked[i];
                a.Rank = i + 1;
                if (a.WithdrawalReason is not null)
                {
                    a.Status = ApplicantStatus.Withdrawn;
                }
                else if (a.VettingPassed == false || a.MedicalPassed == false)
                {
                    a.Status = ApplicantStatus.VettingFailed;
                }
                else if (selected < post.Quota && (Rules.Substitution || a.Rank <= post.Quota))
                {
                    a.Status = Step == RoundStep.Closed && a.WorkerId is not null ? ApplicantStatus.Hired : ApplicantStatus.Selected;
                    a.Substitute = a.Rank > post.Quota;
                    selected++;
                }
                else
                {
                    a.Status = a.ReserveUntil is not null ? ApplicantStatus.Reserve : ApplicantStatus.Ranked;
                }
            }
        }
    }

    // 开考比例, when registration closes: first every short post that merges hands its applicants and places to its target;
    // then every other post is checked against its registrations (a target with what it took in) and kept, cut or cancelled.
    private void ApplyOpeningRatios()
    {
        bool Short(RoundPost post) => post.OpeningRatio > 0 && _applicants.Count(a => Of(a, post)) < post.OpeningRatio * post.Quota;
        foreach (var post in _posts.Where(p => p.ShortfallAction == ShortfallAction.Merge && Short(p)).ToList())
        {
            var target = _posts.Single(p => p != post && p.Name == post.MergeInto);
            var moving = _applicants.Where(a => Of(a, post)).ToList();
            foreach (var a in moving)
            {
                a.MoveTo(target);
            }
            target.Absorb(post.Quota);
            post.Close(moving.Count, PostOpening.Merged, post.Quota);
        }
        foreach (var post in _posts.Where(p => p.Opening != PostOpening.Merged))
        {
            var registered = _applicants.Count(a => Of(a, post));
            if (!Short(post))
            {
                post.Close(registered, post.OpeningRatio == 0 ? PostOpening.Open : PostOpening.Reached, post.Quota);
            }
            else if (post.ShortfallAction == ShortfallAction.CutPlaces && registered / post.OpeningRatio > 0)
            {
                post.Close(registered, PostOpening.Cut, registered / post.OpeningRatio);
            }
            else
            {
                post.Close(registered, PostOpening.Cancelled, post.Quota);
            }
        }
    }

    private bool Qualifies(Applicant a) => a.QualificationDecision ?? AutoCheck(a).Count == 0;

    private int WrittenOrder(Applicant x, Applicant y)
    {
        var c = Nullable.Compare(y.WrittenScore, x.WrittenScore);
        return c != 0 ? c : TieBreakOrder(x, y);
    }

    private int TotalOrder(Applicant x, Applicant y)
    {
        var c = Nullable.Compare(y.Total, x.Total);
        return c != 0 ? c : TieBreakOrder(x, y);
    }

    private int TieBreakOrder(Applicant x, Applicant y)
    {
        foreach (var key in Rules.TieBreaks)
        {
            var c = key switch
            {
                TieBreak.WrittenScore => Nullable.Compare(y.WrittenScore, x.WrittenScore),
                TieBreak.InterviewScore => Nullable.Compare(y.InterviewScore, x.InterviewScore),
                TieBreak.Education => y.Education.CompareTo(x.Education),
                TieBreak.YoungerFirst => y.BirthDate.CompareTo(x.BirthDate),
                TieBreak.EarlierRegistration => x.Sequence.CompareTo(y.Sequence),
                _ => 0,
            };
            if (c != 0)
            {
                return c;
            }
        }
        return x.Sequence.CompareTo(y.Sequence);
    }

    private static void Missing(int count)
    {
        if (count > 0)
        {
            throw new DomainException("Recruitment.ResultsMissing", count) { Field = "Step" };
        }
    }

    private void Change(RoundStep step, Applicant applicant, Action<Applicant> change)
    {
        RequireStep(step);
        change(Own(applicant));
        Evaluate();
    }

    private Applicant Own(Applicant applicant) =>
        _applicants.Contains(applicant) ? applicant : throw new DomainException("Recruitment.UnknownApplicant", applicant.Id) { Field = "ApplicantId" };

    // Posts and applicants added in one unit of work have no ids yet: compare the navigation when present.
    private static bool Of(Applicant a, RoundPost post) => a.Post is not null ? ReferenceEquals(a.Post, post) : a.PostId == post.Id;

    private bool SamePost(Applicant x, Applicant y) => _posts.Any(p => Of(x, p) && Of(y, p));

    private static void RequireStatus(Applicant a, ApplicantStatus status)
    {
        if (a.Status != status)
        {
            throw new DomainException("Recruitment.WrongStatus", a.Status) { Field = "ApplicantId" };
        }
    }

    private void RequireStep(RoundStep step)
    {
        if (Step == RoundStep.Closed)
        {
            throw new DomainException("Recruitment.Closed") { Field = "Step" };
        }
        if (Step != step)
        {
            throw new DomainException("Recruitment.WrongStep", Step) { Field = "Step" };
        }
    }
}
