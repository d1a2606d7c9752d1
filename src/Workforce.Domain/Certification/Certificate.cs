using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Certification;

/// <summary>Kinds of certificate that matter to pay and promotion.</summary>
public enum CertificateLevel
{
    /// <summary>助理社会工作师 (national social-work qualification, junior).</summary>
    AssistantSocialWorker = 1,
    /// <summary>社会工作师 (intermediate).</summary>
    SocialWorker = 2,
    /// <summary>高级社会工作师 (senior).</summary>
    SeniorSocialWorker = 3,
    /// <summary>其他证书.</summary>
    Other = 9,
}

/// <summary>A certificate held by a worker, with its number and registration date.</summary>
public sealed class Certificate
{
    private Certificate() { Number = string.Empty; }

    internal Certificate(long workerId, CertificateLevel level, string number, LocalDate registeredOn)
    {
        number = (number ?? string.Empty).Trim();
        if (number.Length is 0 or > 40)
        {
            throw new DomainException("Certificate.InvalidNumber") { Field = "Number" };
        }
        WorkerId = workerId;
        Level = level;
        Number = number;
        RegisteredOn = registeredOn;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Holder.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Kind and level.</summary>
    public CertificateLevel Level { get; private set; }
    /// <summary>Certificate number (unique per level).</summary>
    public string Number { get; private set; }
    /// <summary>Registration (登记) date; incentives start from the following month.</summary>
    public LocalDate RegisteredOn { get; private set; }
}
