using System.Globalization;
using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Assessment;

/// <summary>The stages of an annual assessment round, in order.</summary>
public enum AssessmentStage
{
    /// <summary>个人述职: workers submit their self-reports.</summary>
    SelfReport = 1,
    /// <summary>民主测评: ballot codes are issued and answered.</summary>
    Voting = 2,
    /// <summary>评议: officers score the reports and record the street's evaluation.</summary>
    Review = 3,
    /// <summary>公示: the proposed ratings are public; objections are recorded and decided.</summary>
    Notice = 4,
    /// <summary>确定等次: the ratings are written as the year's assessments (read-only).</summary>
    Final = 5,
}

/// <summary>Why a proposed rating is lower than the composite's line.</summary>
public enum ProposalNote
{
    /// <summary>The rating of the composite.</summary>
    None = 0,
    /// <summary>Capped: a disciplinary record was in force during the year.</summary>
    CappedByDiscipline = 1,
    /// <summary>Capped: absence above the scheme's limit.</summary>
    CappedByAbsence = 2,
    /// <summary>优秀 by the composite, but the unit's quota was filled by higher-ranked colleagues.</summary>
    OverQuota = 3,
    /// <summary>优秀 by the composite, tied with others for the last places of the quota: none of the tied is proposed 优秀.</summary>
    TiedAtQuota = 4,
}

/// <summary>The ballots returned for one person from one voter group: how many and the sum of their points.</summary>
/// <param name="EntryId">The person's entry.</param>
/// <param name="Group">Voter group.</param>
/// <param name="Ballots">Ballots that marked the person.</param>
/// <param name="PointsSum">Sum of the points.</param>
public readonly record struct VoteTally(long EntryId, VoterGroup Group, int Ballots, decimal PointsSum);

/// <summary>
/// An annual assessment round (年度考核) of one unit and year. The round copies its scheme, lists the workers assessed (with the
/// community whose quota they count in), and moves forward through its stages: self-reports, 民主测评, review, 公示, final.
/// The vote score, composite, rank and proposed rating are derived by <see cref="Propose"/> from the recorded parts, so a
/// correction during review can never leave a stale rank. During the notice an upheld objection can change a rating, within
/// the quota and the caps. <see cref="Finalise"/> returns the ratings the application writes as the year's assessments.
/// </summary>
public sealed class AssessmentRound
{
    private readonly List<AssessmentEntry> _entries = [];
    private readonly List<AssessmentObjection> _objections = [];

    private AssessmentRound() { Name = string.Empty; Scheme = new AssessmentScheme(); }

    /// <summary>Opens a round for the workers assessed (worker and the community they are counted in).</summary>
    public AssessmentRound(string name, long orgUnitId, int year, AssessmentScheme scheme, IEnumerable<(long WorkerId, long UnitId)> assessed, LocalDate openedOn)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(assessed);
        Name = Text.Required(name, 100, "Name");
        OrgUnitId = orgUnitId;
        if (year is < 2000 or > 2100)
        {
            throw new DomainException("Pay.YearOutOfRange", year) { Field = "Year" };
        }
        Year = year;
        Scheme = scheme.Validated();
        OpenedOn = openedOn;
        Stage = AssessmentStage.SelfReport;
        foreach (var (workerId, unitId) in assessed.DistinctBy(a => a.WorkerId))
        {
            _entries.Add(new AssessmentEntry(workerId, unitId));
        }
        if (_entries.Count == 0)
        {
            throw new DomainException("Assessment.NobodyAssessed") { Field = "OrgUnitId" };
        }
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Name, e.g. 2026年度社区工作者年度考核.</summary>
    public string Name { get; private set; }
    /// <summary>The unit running the round (scope).</summary>
    public long OrgUnitId { get; private set; }
    /// <summary>Assessed year.</summary>
    public int Year { get; private set; }
    /// <summary>The scheme (a copy of the one in force for the year when the round was opened).</summary>
    public AssessmentScheme Scheme { get; private set; }
    /// <summary>Current stage.</summary>
    public AssessmentStage Stage { get; private set; }
    /// <summary>Day the round was opened.</summary>
    public LocalDate OpenedOn { get; private set; }
    /// <summary>First day of the notice.</summary>
    public LocalDate? NoticeStart { get; private set; }
    /// <summary>Last day of the notice.</summary>
    public LocalDate? NoticeEnd { get; private set; }
    /// <summary>Day the ratings were made final.</summary>
    public LocalDate? FinalisedOn { get; private set; }
    /// <summary>The people assessed.</summary>
    public IReadOnlyList<AssessmentEntry> Entries => _entries;
    /// <summary>Objections raised during the notice.</summary>
    public IReadOnlyList<AssessmentObjection> Objections => _objections;

    /// <summary>The entry of a person in the round.</summary>
    public AssessmentEntry EntryById(long entryId) =>
        _entries.SingleOrDefault(e => e.Id == entryId) ?? throw new DomainException("Assessment.UnknownEntry", entryId) { Field = "EntryId" };

    /// <summary>The entry of a worker, or null when the worker is not assessed in this round.</summary>
    public AssessmentEntry? EntryOf(long workerId) => _entries.SingleOrDefault(e => e.WorkerId == workerId);

    /// <summary>A worker submits (or replaces) the self-report (个人述职), while self-reports are open.</summary>
    public void SubmitReport(AssessmentEntry entry, string text, string? attachmentName, LocalDate on)
    {
        RequireStage(AssessmentStage.SelfReport);
        Own(entry).SubmitReport(text, attachmentName, on);
    }

    /// <summary>Officers record the score of the self-report, the street's evaluation (组织评价) and the days absent, during voting or review.</summary>
    public void Evaluate(AssessmentEntry entry, decimal reportScore, decimal organisationScore, int absenceDays)
    {
        if (Stage is not (AssessmentStage.Voting or AssessmentStage.Review))
        {
            throw new DomainException("Assessment.WrongStage", Stage) { Field = "Stage" };
        }
        Own(entry).Evaluate(reportScore, organisationScore, absenceDays);
    }

    /// <summary>Whether ballots can be answered now.</summary>
    public bool VotingOpen => Stage == AssessmentStage.Voting;

    /// <summary>Opens the 民主测评 (self-reports close).</summary>
    public void OpenVoting()
    {
        RequireStage(AssessmentStage.SelfReport);
        Stage = AssessmentStage.Voting;
    }

    /// <summary>Closes the 民主测评 with the tallies of the ballots returned; each person's vote score is the weighted mean of the groups' mean points.</summary>
    public void CloseVoting(IEnumerable<VoteTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        RequireStage(AssessmentStage.Voting);
        var byEntry = tallies.ToLookup(t => t.EntryId);
        foreach (var e in _entries)
        {
            e.Vote(VoteScore(byEntry[e.Id]), byEntry[e.Id].Sum(t => t.Ballots));
        }
        Stage = AssessmentStage.Review;
    }

    // Σ weight × (points ÷ ballots) over the groups that returned ballots, divided by the sum of those groups' weights; no ballots: no vote score.
    private decimal? VoteScore(IEnumerable<VoteTally> tallies)
    {
        decimal weighted = 0m, weights = 0m;
        foreach (var t in tallies.Where(t => t.Ballots > 0))
        {
            var w = Scheme.WeightOf(t.Group) ?? 0m;
            weighted += w * t.PointsSum / t.Ballots;
            weights += w;
        }
        return weights == 0m ? null : Round2(weighted / weights);
    }

    /// <summary>
    /// Casts a ballot of <paramref name="group"/> in community <paramref name="unitId"/>: one mark for every person assessed in
    /// that community, keyed by worker (a rating or a score, as the scheme asks). The caller has consumed the code in the same transaction.
    /// </summary>
    public Ballot Cast(Guid ballotId, long unitId, VoterGroup group, IReadOnlyDictionary<long, (AssessmentRating? Rating, decimal? Score)> marks)

    {
        ArgumentNullException.ThrowIfNull(marks);
        if (!VotingOpen)
        {
            throw new DomainException("Assessment.VotingClosed") { Field = "Code" };
        }
        if (Scheme.WeightOf(group) is null)
        {
            throw new DomainException("Assessment.GroupNotVoting", group) { Field = "Group" };
        }
        var people = _entries.Where(e => e.UnitId == unitId).ToList();
        var result = new List<BallotMark>(people.Count);
        foreach (var e in people)
        {
            if (!marks.TryGetValue(e.WorkerId, out var mark))
            {
                throw new DomainException("Assessment.BallotIncomplete") { Field = "Marks" };
            }
            result.Add(Scheme.BallotMode == BallotMode.Rating
                ? mark.Rating is { } r && Enum.IsDefined(r) ? new BallotMark(e.Id, r, Scheme.PointsOf(r)) : throw new DomainException("Assessment.VoteInvalid") { Field = "Marks" }
                : mark.Score is { } s && s is >= 0 and <= 100 ? new BallotMark(e.Id, null, s) : throw new DomainException("Assessment.VoteInvalid") { Field = "Marks" });
        }
        if (people.Count == 0 || marks.Count != people.Count)
        {
            throw new DomainException("Assessment.BallotIncomplete") { Field = "Marks" };
        }
        return new Ballot(ballotId, Id, unitId, group, result);
    }

    /// <summary>
    /// Ends the review: every person's composite, rank in the unit and proposed rating (quota and caps applied), then opens the
    /// notice from <paramref name="noticeStart"/> (the day it was posted; not after <paramref name="today"/>).
    /// <paramref name="disciplined"/> are the workers with a disciplinary record in force on some day of the year.
    /// </summary>
    public void StartNotice(IReadOnlySet<long> disciplined, LocalDate noticeStart, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(disciplined);
        RequireStage(AssessmentStage.Review);
        if (noticeStart > today)
        {
            throw new DomainException("Assessment.NoticeInFuture") { Field = "NoticeStart" };
        }
        var missing = _entries.Count(e => e.ReportScore is null || e.OrganisationScore is null);
        if (missing > 0)
        {
            throw new DomainException("Assessment.ScoresMissing", missing) { Field = "Stage" };
        }
        Propose(disciplined);
        NoticeStart = noticeStart;
        NoticeEnd = noticeStart.PlusDays(Scheme.NoticeDays - 1);
        Stage = AssessmentStage.Notice;
    }

    /// <summary>
    /// Computes every composite, rank and proposed rating. Composite = Σ part × weight, rounded half away from zero to two
    /// decimals; a person without any ballot counts the vote part as 0. In each community (or the whole round, as the scheme says) people are ordered by composite, then the
    /// vote score, then the organisation score; equal on all three share a rank. The rating is the composite's line, lowered to
    /// a cap that applies; 优秀 goes down the order to at most the unit's quota: a group tied on all three keys that does not fit
    /// in the places left gets none of them (the quota is never exceeded), and the places left stay free for a decision on an
    /// objection.
    /// </summary>
    public void Propose(IReadOnlySet<long> disciplined)
    {
        ArgumentNullException.ThrowIfNull(disciplined);
        foreach (var unit in _entries.GroupBy(e => Scheme.QuotaGroupOf(e.UnitId)))
        {
            // Each composite once: it orders, groups the ties and is proposed.
            var composites = unit.ToDictionary(e => e, Composite);
            var ordered = unit.OrderByDescending(e => composites[e]).ThenByDescending(e => e.VoteScore ?? 0m).ThenByDescending(e => e.OrganisationScore ?? 0m).ThenBy(e => e.WorkerId).ToList();
            var places = Scheme.QuotaFor(ordered.Count);
            var rank = 0;
            var quotaClosed = false;
            foreach (var tied in GroupTies(ordered, composites))
            {
                var rankOfGroup = rank + 1;
                rank += tied.Count;
                var excellent = new List<AssessmentEntry>();
                foreach (var e in tied)
                {
                    var (rating, note) = Capped(e, Scheme.RatingFor(composites[e]), disciplined.Contains(e.WorkerId));
                    e.Propose(composites[e], rankOfGroup, rating, note);
                    if (rating == AssessmentRating.Excellent)
                    {
                        excellent.Add(e);
                    }
                }
                if (excellent.Count == 0)
                {
                    continue;
                }
                if (!quotaClosed && excellent.Count <= places)
                {
                    places -= excellent.Count;
                    continue;
                }
                var note2 = quotaClosed || places == 0 ? ProposalNote.OverQuota : ProposalNote.TiedAtQuota;
                quotaClosed = true;
                foreach (var e in excellent)
                {
                    e.Propose(e.Composite!.Value, rankOfGroup, AssessmentRating.Qualified, note2);
                }
            }
        }
    }

    private static List<List<AssessmentEntry>> GroupTies(List<AssessmentEntry> ordered, Dictionary<AssessmentEntry, decimal> composites)
    {
        var groups = new List<List<AssessmentEntry>>();
        foreach (var e in ordered)
        {
            if (groups.Count > 0 && SameKey(groups[^1][0], e, composites))
            {
                groups[^1].Add(e);
            }
            else
            {
                groups.Add([e]);
            }
        }
        return groups;
    }

    private static bool SameKey(AssessmentEntry a, AssessmentEntry b, Dictionary<AssessmentEntry, decimal> composites) =>
        composites[a] == composites[b] && (a.VoteScore ?? 0m) == (b.VoteScore ?? 0m) && (a.OrganisationScore ?? 0m) == (b.OrganisationScore ?? 0m);

    private (AssessmentRating Rating, ProposalNote Note) Capped(AssessmentEntry e, AssessmentRating rating, bool disciplined)
    {
        var cap = Cap(e, disciplined);
        return cap is { } c && c.Rating < rating ? (c.Rating, c.Note) : (rating, ProposalNote.None);
    }

    // The lowest cap that applies: the disciplinary cap, or the absence cap when the days exceed the limit.
    private (AssessmentRating Rating, ProposalNote Note)? Cap(AssessmentEntry e, bool disciplined)
    {
        (AssessmentRating, ProposalNote)? cap = null;
        if (disciplined && Scheme.DisciplineCap is { } d)
        {
            cap = (d, ProposalNote.CappedByDiscipline);
        }
        if (Scheme.AbsenceDaysLimit is { } limit && e.AbsenceDays > limit && (cap is null || Scheme.AbsenceCap < cap.Value.Item1))
        {
            cap = (Scheme.AbsenceCap, ProposalNote.CappedByAbsence);
        }
        return cap;
    }

    /// <summary>The composite of a person: Σ part × weight (two decimals, half away from zero).</summary>
    public decimal Composite(AssessmentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Round2((entry.ReportScore ?? 0m) * Scheme.ReportWeight + (entry.VoteScore ?? 0m) * Scheme.VoteWeight + (entry.OrganisationScore ?? 0m) * Scheme.OrganisationWeight);
    }

    private static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Records an objection raised during the notice, about one person.</summary>
    public AssessmentObjection RaiseObjection(AssessmentEntry entry, string text, LocalDate raisedOn)
    {
        RequireStage(AssessmentStage.Notice);
        var objection = new AssessmentObjection(Own(entry), text, raisedOn);
        _objections.Add(objection);
        return objection;
    }

    /// <summary>
    /// Decides an objection. Upheld with a rating changes the person's rating: never above a cap that applies and never more 优秀
    /// in the unit than the quota. <paramref name="disciplined"/> as for <see cref="StartNotice"/>.
    /// </summary>
    public void DecideObjection(AssessmentObjection objection, bool upheld, AssessmentRating? newRating, string resolution, IReadOnlySet<long> disciplined, LocalDate on)
    {
        ArgumentNullException.ThrowIfNull(objection);
        ArgumentNullException.ThrowIfNull(disciplined);
        RequireStage(AssessmentStage.Notice);
        if (!_objections.Contains(objection))
        {
            throw new DomainException("Assessment.UnknownObjection") { Field = "ObjectionId" };
        }
        if (upheld && newRating is { } rating)
        {
            var entry = objection.Entry ?? EntryById(objection.EntryId);
            if (!Enum.IsDefined(rating))
            {
                throw new DomainException("Pay.RatingInvalid") { Field = "Rating" };
            }
            if (Cap(entry, disciplined.Contains(entry.WorkerId)) is { } cap && rating > cap.Rating)
            {
                throw new DomainException("Assessment.AboveCap", cap.Rating) { Field = "Rating" };
            }
            if (rating == AssessmentRating.Excellent && entry.Rating != AssessmentRating.Excellent)
            {
                var unit = _entries.Where(e => Scheme.QuotaGroupOf(e.UnitId) == Scheme.QuotaGroupOf(entry.UnitId)).ToList();
                var quota = Scheme.QuotaFor(unit.Count);
                if (unit.Count(e => e.Rating == AssessmentRating.Excellent) >= quota)
                {
                    throw new DomainException("Assessment.QuotaFull", quota) { Field = "Rating" };
                }
            }
            objection.Resolve(true, resolution, on);
            entry.Decide(rating);
        }
        else
        {
            objection.Resolve(upheld, resolution, on);
        }
    }

    /// <summary>Makes the ratings final once the notice has ended and every objection is decided; returns each worker's rating.</summary>
    public IReadOnlyList<(long WorkerId, AssessmentRating Rating)> Finalise(LocalDate today)
    {
        RequireStage(AssessmentStage.Notice);
        if (today <= NoticeEnd!.Value)
        {
            throw new DomainException("Assessment.NoticeNotOver", NoticeEnd.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) { Field = "Stage" };
        }
        if (_objections.Any(o => o.IsOpen))
        {
            throw new DomainException("Assessment.ObjectionsOpen", _objections.Count(o => o.IsOpen)) { Field = "Stage" };
        }
        Stage = AssessmentStage.Final;
        FinalisedOn = today;
        return [.. _entries.Select(e => (e.WorkerId, e.Rating!.Value))];
    }

    private AssessmentEntry Own(AssessmentEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _entries.Contains(entry) ? entry : throw new DomainException("Assessment.UnknownEntry", entry.Id) { Field = "EntryId" };
    }

    private void RequireStage(AssessmentStage stage)
    {
        if (Stage != stage)
        {
            throw new DomainException("Assessment.WrongStage", Stage) { Field = "Stage" };
        }
    }
}

/// <summary>A person assessed in a round: the recorded parts and what the round derived from them.</summary>
public sealed class AssessmentEntry
{
    private AssessmentEntry() { }

    internal AssessmentEntry(long workerId, long unitId)
    {
        WorkerId = workerId;
        UnitId = unitId;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Round.</summary>
    public long RoundId { get; private set; }
    /// <summary>Worker assessed.</summary>
    public long WorkerId { get; private set; }
    /// <summary>The community whose 优秀 quota the person counts in.</summary>
    public long UnitId { get; private set; }
    /// <summary>The self-report (个人述职).</summary>
    public string? ReportText { get; private set; }
    /// <summary>File name of the self-report's attachment, if any.</summary>
    public string? ReportAttachment { get; private set; }
    /// <summary>Day the self-report was submitted.</summary>
    public LocalDate? ReportSubmittedOn { get; private set; }
    /// <summary>Officers' score of the self-report (0–100).</summary>
    public decimal? ReportScore { get; private set; }
    /// <summary>The street's evaluation (组织评价, 0–100).</summary>
    public decimal? OrganisationScore { get; private set; }
    /// <summary>Days absent in the year (for the absence cap).</summary>
    public int AbsenceDays { get; private set; }
    /// <summary>The 民主测评 score (weighted mean of the voter groups' mean points), null without ballots.</summary>
    public decimal? VoteScore { get; private set; }
    /// <summary>Ballots that marked the person.</summary>
    public int Ballots { get; private set; }
    /// <summary>Composite.</summary>
    public decimal? Composite { get; private set; }
    /// <summary>Rank in the unit (shared by people tied on all keys).</summary>
    public int? Rank { get; private set; }
    /// <summary>The rating proposed by the round's rules.</summary>
    public AssessmentRating? ProposedRating { get; private set; }
    /// <summary>Why the proposal is below the composite's line.</summary>
    public ProposalNote Note { get; private set; }
    /// <summary>The rating: the proposal, or the decision on an upheld objection.</summary>
    public AssessmentRating? Rating { get; private set; }

    internal void SubmitReport(string text, string? attachmentName, LocalDate on)
    {
        ReportText = Common.Text.Required(text, 4000, "ReportText");
        ReportAttachment = Common.Text.Optional(attachmentName, 100, "Attachment") ?? (ReportSubmittedOn is null ? null : ReportAttachment);
        ReportSubmittedOn = on;
    }

    internal void Evaluate(decimal reportScore, decimal organisationScore, int absenceDays)
    {
        if (reportScore is < 0 or > 100)
        {
            throw new DomainException("Assessment.ScoreOutOfRange", reportScore) { Field = "ReportScore" };
        }
        if (organisationScore is < 0 or > 100)
        {
            throw new DomainException("Assessment.ScoreOutOfRange", organisationScore) { Field = "OrganisationScore" };
        }
        if (absenceDays is < 0 or > 366)
        {
            throw new DomainException("Assessment.AbsenceOutOfRange", absenceDays) { Field = "AbsenceDays" };
        }
        ReportScore = reportScore;
        OrganisationScore = organisationScore;
        AbsenceDays = absenceDays;
    }

    internal void Vote(decimal? score, int ballots)
    {
        VoteScore = score;
        Ballots = ballots;
    }

    internal void Propose(decimal composite, int rank, AssessmentRating rating, ProposalNote note)
    {
        Composite = composite;
        Rank = rank;
        ProposedRating = rating;
        Rating = rating;
        Note = note;
    }

    internal void Decide(AssessmentRating rating) => Rating = rating;
}

/// <summary>An objection to a proposed rating raised during the 公示.</summary>
public sealed class AssessmentObjection
{
    private AssessmentObjection() { Text = string.Empty; }

    internal AssessmentObjection(AssessmentEntry entry, string text, LocalDate raisedOn)
    {
        Entry = entry;
        EntryId = entry.Id;
        Text = Common.Text.Required(text, 1000, "Text");
        RaisedOn = raisedOn;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Round.</summary>
    public long RoundId { get; private set; }
    /// <summary>The person concerned.</summary>
    public long EntryId { get; private set; }
    /// <summary>The person concerned (navigation).</summary>
    public AssessmentEntry? Entry { get; private set; }
    /// <summary>The objection.</summary>
    public string Text { get; private set; }
    /// <summary>Raised on.</summary>
    public LocalDate RaisedOn { get; private set; }
    /// <summary>Decided on.</summary>
    public LocalDate? ResolvedOn { get; private set; }
    /// <summary>Upheld or dismissed.</summary>
    public bool? Upheld { get; private set; }
    /// <summary>The decision.</summary>
    public string? Resolution { get; private set; }
    /// <summary>Still open.</summary>
    public bool IsOpen => ResolvedOn is null;

    internal void Resolve(bool upheld, string resolution, LocalDate on)
    {
        if (!IsOpen)
        {
            throw new DomainException("Assessment.ObjectionDecided") { Field = "ObjectionId" };
        }
        Upheld = upheld;
        Resolution = Common.Text.Required(resolution, 1000, "Resolution");
        ResolvedOn = on;
    }
}
