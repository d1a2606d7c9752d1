using NodaTime;

namespace Workforce.Domain.Assessment;

/// <summary>
/// A single-use ballot code of a 民主测评, printed for one voter of one group in one community. Only the hash of the code is
/// stored; the code itself exists on the printed sheet. Using the code marks it used and nothing else: the ballot it produced
/// carries no reference to it (anonymity).
/// </summary>
public sealed class BallotCode
{
    private BallotCode() { CodeHash = string.Empty; }

    /// <summary>Issues a code (its hash) valid until <paramref name="expiresAt"/>.</summary>
    public BallotCode(long roundId, long unitId, VoterGroup group, string codeHash, Instant issuedAt, Instant expiresAt)
    {
        RoundId = roundId;
        UnitId = unitId;
        Group = group;
        CodeHash = codeHash;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Round.</summary>
    public long RoundId { get; private set; }
    /// <summary>The community whose people the ballot rates.</summary>
    public long UnitId { get; private set; }
    /// <summary>Voter group.</summary>
    public VoterGroup Group { get; private set; }
    /// <summary>SHA-256 of the code (hex).</summary>
    public string CodeHash { get; private set; }
    /// <summary>When the code was issued.</summary>
    public Instant IssuedAt { get; private set; }
    /// <summary>After this instant the code is refused.</summary>
    public Instant ExpiresAt { get; private set; }
    /// <summary>Whether the code has been used (a used code is refused).</summary>
    public bool Used { get; private set; }
}

/// <summary>An answered ballot: the community and voter group it came from and a mark for each person; no code, no time, no voter.</summary>
public sealed class Ballot
{
    private readonly List<BallotMark> _marks = [];

    private Ballot() { }

    internal Ballot(Guid id, long roundId, long unitId, VoterGroup group, IEnumerable<BallotMark> marks)
    {
        Id = id;
        RoundId = roundId;
        UnitId = unitId;
        Group = group;
        _marks.AddRange(marks);
    }

    /// <summary>Random key (a sequence would give away the order ballots came in).</summary>
    public Guid Id { get; private set; }
    /// <summary>Round.</summary>
    public long RoundId { get; private set; }
    /// <summary>Community.</summary>
    public long UnitId { get; private set; }
    /// <summary>Voter group.</summary>
    public VoterGroup Group { get; private set; }
    /// <summary>The marks.</summary>
    public IReadOnlyList<BallotMark> Marks => _marks;
}

/// <summary>The mark a ballot gives one person: the rating voted (rating ballots) and the points it counts for.</summary>
public sealed class BallotMark
{
    private BallotMark() { }

    internal BallotMark(long entryId, AssessmentRating? rating, decimal points)
    {
        EntryId = entryId;
        Rating = rating;
        Points = points;
    }

    /// <summary>Ballot (with the entry, the key: no sequence that would order the ballots).</summary>
    public Guid BallotId { get; private set; }
    /// <summary>The person marked.</summary>
    public long EntryId { get; private set; }
    /// <summary>The rating voted, on a rating ballot.</summary>
    public AssessmentRating? Rating { get; private set; }
    /// <summary>Points (the rating's points, or the score).</summary>
    public decimal Points { get; private set; }
}
