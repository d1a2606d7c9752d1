using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Workers;

/// <summary>
/// A resident's short rating (1–5 stars) and optional comment on a worker's service, given on the page a worker's QR code opens,
/// without signing in. <see cref="SourceHash"/> is a keyed hash of the phone's address, the worker and the day: it lets the
/// product accept one rating per phone, worker and day without keeping the address or following a phone across days.
/// </summary>
public sealed class ResidentFeedback
{
    /// <summary>Longest comment.</summary>
    public const int MaxComment = 200;

    private ResidentFeedback() { SourceHash = string.Empty; }

    /// <summary>Records a rating.</summary>
    public ResidentFeedback(long workerId, int stars, string? comment, LocalDate receivedOn, string sourceHash)
    {
        if (stars is < 1 or > 5)
        {
            throw new DomainException("Feedback.StarsInvalid") { Field = "Stars" };
        }
        WorkerId = workerId;
        Stars = stars;
        Comment = Text.Optional(comment, MaxComment, "Comment");
        ReceivedOn = receivedOn;
        SourceHash = sourceHash;
    }

    /// <summary>Key.</summary>
    public long Id { get; private set; }
    /// <summary>The worker rated.</summary>
    public long WorkerId { get; private set; }
    /// <summary>1 to 5.</summary>
    public int Stars { get; private set; }
    /// <summary>Comment.</summary>
    public string? Comment { get; private set; }
    /// <summary>Day received.</summary>
    public LocalDate ReceivedOn { get; private set; }
    /// <summary>Keyed hash of phone address, worker and day (one rating per phone, worker and day).</summary>
    public string SourceHash { get; private set; }
}
