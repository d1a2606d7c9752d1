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
    /// <summary>Date an officer checked the certificate against the original; only verified certificates count for pay.</summary>
    public LocalDate? VerifiedOn { get; private set; }
    /// <summary>Who verified it (display name).</summary>
    public string? VerifiedBy { get; private set; }
    /// <summary>True once verified.</summary>
    public bool IsVerified => VerifiedOn is not null;

    /// <summary>Records the verification by an officer, on or after registration; once.</summary>
    public void Verify(LocalDate on, string officer)
    {
        if (VerifiedOn is not null)
        {
            throw new DomainException("Certificate.AlreadyVerified") { Field = "Number" };
        }
        if (on < RegisteredOn)
        {
            throw new DomainException("Certificate.VerifiedBeforeRegistration") { Field = "VerifiedOn" };
        }
        VerifiedOn = on;
        VerifiedBy = Text.Required(officer, 64, "VerifiedBy");
    }
}
