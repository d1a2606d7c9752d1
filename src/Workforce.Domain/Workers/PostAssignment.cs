using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Workers;

/// <summary>
/// A worker holds <see cref="Post"/> at <see cref="Grade"/> in a community from <see cref="Start"/>
/// to <see cref="End"/> (inclusive; null while current). Created and closed only through <see cref="Worker"/>.
/// </summary>
public sealed class PostAssignment
{
    private PostAssignment() { }

    internal PostAssignment(Worker worker, Post post, Grade grade, long communityId, LocalDate start)
    {
        Worker = worker;
        Post = post;
        Grade = grade;
        CommunityId = communityId;
        Start = start;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Owning worker's key.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Owning worker.</summary>
    public Worker Worker { get; private set; } = null!;
    /// <summary>Post held.</summary>
    public Post Post { get; private set; }
    /// <summary>Grade held.</summary>
    public Grade Grade { get; private set; }
    /// <summary>Community served.</summary>
    public long CommunityId { get; private set; }
    /// <summary>First day.</summary>
    public LocalDate Start { get; private set; }
    /// <summary>Last day (inclusive), null while current.</summary>
    public LocalDate? End { get; private set; }
    /// <summary>
    /// Why the assignment starts (stored messages in the readers' vocabulary): the engine's explanation of an annual
    /// advancement (R1) the system recorded, or the reason an officer gave for a decision (a deviation); null when none.
    /// </summary>
    public string? Reason { get; private set; }

    /// <summary>True when the assignment covers <paramref name="date"/>.</summary>
    public bool Covers(LocalDate date) => Start <= date && (End is null || End.Value >= date);

    internal void Close(LocalDate end) => End = end;

    /// <summary>Records why the assignment starts (at most 4,000 characters as stored).</summary>
    public void Explain(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (reason.Length > 4000)
        {
            throw new DomainException("Worker.ReasonTooLong") { Field = "Reason" };
        }
        Reason = reason;
    }
}

/// <summary>A worker is the responsible grid worker (网格员) of a grid for a period (一格一员).</summary>
public sealed class GridAssignment
{
    private GridAssignment() { }

    internal GridAssignment(Worker worker, long gridId, LocalDate start)
    {
        Worker = worker;
        GridId = gridId;
        Start = start;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Owning worker's key.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Owning worker.</summary>
    public Worker Worker { get; private set; } = null!;
    /// <summary>The grid.</summary>
    public long GridId { get; private set; }
    /// <summary>First day.</summary>
    public LocalDate Start { get; private set; }
    /// <summary>Last day (inclusive), null while current.</summary>
    public LocalDate? End { get; private set; }

    /// <summary>True when the assignment covers <paramref name="date"/>.</summary>
    public bool Covers(LocalDate date) => Start <= date && (End is null || End.Value >= date);

    internal void Close(LocalDate end) => End = end;
}
