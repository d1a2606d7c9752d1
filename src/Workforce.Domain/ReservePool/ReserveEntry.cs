using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;

namespace Workforce.Domain.ReservePool;

/// <summary>How a reserve was put forward.</summary>
public enum NominationSource
{
    /// <summary>个人自荐.</summary>
    SelfNomination = 1,
    /// <summary>支部推荐.</summary>
    BranchRecommendation = 2,
    /// <summary>组织推荐.</summary>
    Organisation = 3,
}

/// <summary>Where a reserve entry stands.</summary>
public enum ReserveStatus
{
    /// <summary>提名，待考察.</summary>
    Nominated = 1,
    /// <summary>在库.</summary>
    Active = 2,
    /// <summary>考察未通过.</summary>
    Rejected = 3,
    /// <summary>退出.</summary>
    Exited = 4,
    /// <summary>已提拔为书记.</summary>
    Promoted = 5,
}

/// <summary>Review cadence of the growth file (一人一册).</summary>
public enum ReviewPeriod
{
    /// <summary>月度.</summary>
    Monthly = 1,
    /// <summary>季度.</summary>
    Quarterly = 2,
    /// <summary>年度.</summary>
    Annual = 3,
}

/// <summary>
/// A reserve for the party-secretary post of a community (后备人才库): nomination, vetting, entry,
/// reviews in the growth file, and an end by exit, rejection or promotion. While open (nominated
/// or active) the entry holds <see cref="OpenWorkerId"/>, which a unique index keeps to one per
/// person: a person is in at most one community's pool at a time.
/// </summary>
public sealed class ReserveEntry
{
    private readonly List<ReserveReview> _reviews = [];

    private ReserveEntry() { }

    /// <summary>Nominates a worker for the pool of a community.</summary>
    public static ReserveEntry Nominate(long workerId, long communityId, NominationSource source, LocalDate nominatedOn, string? note)
    {
        if (!Enum.IsDefined(source))
        {
            throw new DomainException("Reserve.UnknownSource") { Field = "Source" };
        }
        return new ReserveEntry
        {
            WorkerId = workerId,
            OpenWorkerId = workerId,
            CommunityId = communityId,
            Source = source,
            NominatedOn = nominatedOn,
            NominationNote = Text.Optional(note, 500, "Note"),
            Status = ReserveStatus.Nominated,
        };
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>The reserve.</summary>
    public long WorkerId { get; private set; }
    /// <summary><see cref="WorkerId"/> while the entry is open, else null (unique: one open entry per person).</summary>
    public long? OpenWorkerId { get; private set; }
    /// <summary>Community whose secretary post the reserve is for.</summary>
    public long CommunityId { get; private set; }
    /// <summary>How the reserve was put forward.</summary>
    public NominationSource Source { get; private set; }
    /// <summary>Nomination date.</summary>
    public LocalDate NominatedOn { get; private set; }
    /// <summary>Nomination remark.</summary>
    public string? NominationNote { get; private set; }
    /// <summary>Status.</summary>
    public ReserveStatus Status { get; private set; }
    /// <summary>Vetting (组织考察) date.</summary>
    public LocalDate? VettedOn { get; private set; }
    /// <summary>Vetting conclusion.</summary>
    public string? VettingNote { get; private set; }
    /// <summary>入库日期.</summary>
    public LocalDate? EntryDate { get; private set; }
    /// <summary>Exit date (exit, rejection or promotion).</summary>
    public LocalDate? EndDate { get; private set; }
    /// <summary>Exit reason.</summary>
    public string? EndReason { get; private set; }
    /// <summary>Set by the nightly job: no review within the review interval.</summary>
    public bool ReviewOverdue { get; private set; }
    /// <summary>Growth-file reviews, oldest first.</summary>
    public IReadOnlyList<ReserveReview> Reviews => _reviews;
    /// <summary>Nominated or active.</summary>
    public bool IsOpen => Status is ReserveStatus.Nominated or ReserveStatus.Active;

    /// <summary>Records the vetting: approved enters the pool on that date, otherwise the nomination closes.</summary>
    public void Vet(bool approved, LocalDate on, string note)
    {
        Require(ReserveStatus.Nominated);
        if (on < NominatedOn)
        {
            throw new DomainException("Reserve.DateBeforeNomination") { Field = "Date" };
        }
        VettedOn = on;
        VettingNote = Text.Required(note, 500, "Note");
        if (approved)
        {
            Status = ReserveStatus.Active;
            EntryDate = on;
        }
        else
        {
            Close(ReserveStatus.Rejected, on, VettingNote);
        }
    }

    /// <summary>Adds a review to the growth file of an active reserve.</summary>
    public ReserveReview AddReview(ReviewPeriod period, LocalDate on, AssessmentRating rating, string note, string reviewer)
    {
        Require(ReserveStatus.Active);
        if (on < EntryDate)
        {
            throw new DomainException("Reserve.ReviewBeforeEntry", EntryDate!.Value) { Field = "Date" };
        }
        if (!Enum.IsDefined(period) || !Enum.IsDefined(rating))
        {
            throw new DomainException("Reserve.InvalidReview") { Field = "Rating" };
        }
        var review = new ReserveReview(period, on, rating, Text.Required(note, 1000, "Note"), Text.Required(reviewer, 64, "Reviewer"));
        _reviews.Add(review);
        ReviewOverdue = false;
        return review;
    }

    /// <summary>Leaves the pool (退出) with a reason.</summary>
    public void Exit(LocalDate on, string reason)
    {
        if (!IsOpen)
        {
            throw new DomainException("Reserve.NotOpen") { Field = "Status" };
        }
        Close(ReserveStatus.Exited, on, Text.Required(reason, 500, "Reason"));
    }

    /// <summary>
    /// Ends the entry by promotion to secretary on <paramref name="on"/>. The caller records the post
    /// change on the worker (re-slotted grade) in the same transaction.
    /// </summary>
    public void Promote(LocalDate on)
    {
        Require(ReserveStatus.Active);
        Close(ReserveStatus.Promoted, on, null);
    }

    /// <summary>Date of the last review, or the entry date.</summary>
    public LocalDate? LastReviewedOn => _reviews.Count == 0 ? EntryDate : _reviews.Max(r => r.ReviewedOn);

    /// <summary>True when active and not reviewed within <paramref name="intervalDays"/> days before <paramref name="today"/>.</summary>
    public bool IsReviewOverdue(LocalDate today, int intervalDays) =>
        Status == ReserveStatus.Active && LastReviewedOn is { } last && Period.DaysBetween(last, today) > intervalDays;

    /// <summary>Sets the overdue flag (the nightly job).</summary>
    public void MarkReviewOverdue(bool overdue) => ReviewOverdue = overdue;

    private void Close(ReserveStatus status, LocalDate on, string? reason)
    {
        if (on < NominatedOn || (EntryDate is { } entry && on < entry))
        {
            throw new DomainException("Reserve.DateBeforeNomination") { Field = "Date" };
        }
        Status = status;
        EndDate = on;
        EndReason = reason;
        OpenWorkerId = null;
        ReviewOverdue = false;
    }

    private void Require(ReserveStatus status)
    {
        if (Status != status)
        {
            throw new DomainException("Reserve.WrongStatus", Status) { Field = "Status" };
        }
    }
}

/// <summary>A review in a reserve's growth file.</summary>
public sealed class ReserveReview
{
    private ReserveReview() { Note = string.Empty; Reviewer = string.Empty; }

    internal ReserveReview(ReviewPeriod period, LocalDate reviewedOn, AssessmentRating rating, string note, string reviewer)
    {
        Period = period;
        ReviewedOn = reviewedOn;
        Rating = rating;
        Note = note;
        Reviewer = reviewer;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Owning entry.</summary>
    public long ReserveEntryId { get; private set; }
    /// <summary>Cadence.</summary>
    public ReviewPeriod Period { get; private set; }
    /// <summary>Review date.</summary>
    public LocalDate ReviewedOn { get; private set; }
    /// <summary>Rating.</summary>
    public AssessmentRating Rating { get; private set; }
    /// <summary>Notes.</summary>
    public string Note { get; private set; }
    /// <summary>Who reviewed (display name).</summary>
    public string Reviewer { get; private set; }
}

/// <summary>
/// Reserve-pool compliance of a community, or of a street or district as the sum of its
/// communities: a street is compliant only when each of its communities is, and its shortfall is
/// the sum of theirs (a surplus in one community does not cover another's gap).
/// </summary>
/// <param name="SecretaryPosts">Secretary posts: one per community.</param>
/// <param name="ActiveReserves">Active reserves.</param>
/// <param name="Shortfall">Reserves missing to comply.</param>
public readonly record struct ReserveCompliance(int SecretaryPosts, int ActiveReserves, int Shortfall)
{
    /// <summary>The figures of one community with <paramref name="posts"/> secretary posts and a target of <paramref name="targetRatio"/> reserves per post.</summary>
    public static ReserveCompliance ForCommunity(int posts, int activeReserves, decimal targetRatio)
    {
        if (posts < 0 || activeReserves < 0 || targetRatio < 0)
        {
            throw new DomainException("Reserve.InvalidCompliance");
        }
        var required = (int)Math.Ceiling(targetRatio * posts);
        return new ReserveCompliance(posts, activeReserves, Math.Max(0, required - activeReserves));
    }

    /// <summary>Reserves per secretary post, to two decimals (0 without a post).</summary>
    public decimal Ratio => SecretaryPosts == 0 ? 0m : Math.Round((decimal)ActiveReserves / SecretaryPosts, 2, MidpointRounding.AwayFromZero);
    /// <summary>True when nothing is missing.</summary>
    public bool Compliant => Shortfall == 0;

    /// <summary>Sum over units.</summary>
    public static ReserveCompliance operator +(ReserveCompliance a, ReserveCompliance b) =>
        new(a.SecretaryPosts + b.SecretaryPosts, a.ActiveReserves + b.ActiveReserves, a.Shortfall + b.Shortfall);
}
