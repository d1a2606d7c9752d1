using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Policy;

/// <summary>
/// A numeric policy parameter with an effective date (e.g. the staffing standard of 18 workers per
/// 10,000 residents). Nothing in code hard-codes these numbers: a new version with a later
/// <see cref="EffectiveFrom"/> replaces the old one from that day.
/// </summary>
public sealed class PolicyParameter : IEffectiveDated
{
    /// <summary>Community workers required per 10,000 residents (每万城镇常住人口配备社区工作者).</summary>
    public const string StaffingPer10kResidents = "Registry.StaffingPer10kResidents";
    /// <summary>Age under which a worker counts as young (structure figure on the dashboard).</summary>
    public const string YoungWorkerAgeLimit = "Registry.YoungWorkerAgeLimit";
    /// <summary>Reserves required per community secretary post (后备人才 1:2).</summary>
    public const string ReserveTargetRatio = "ReservePool.TargetRatio";
    /// <summary>Days after which a reserve without a review counts as overdue (monthly reviews: 31).</summary>
    public const string ReserveReviewIntervalDays = "ReservePool.ReviewIntervalDays";

    /// <summary>Minutes before a training session's start from which trainees may sign in with its QR code (default 30).</summary>
    public const string SignInMinutesBefore = "Training.SignInMinutesBefore";

    /// <summary>Four eyes on pay: 1 (the default when unset) — the officer who started a month's run may not approve it; 0 — off.</summary>
    public const string PayrollFourEyes = "Payroll.FourEyes";

    private PolicyParameter() { Code = string.Empty; }

    /// <summary>Creates a version.</summary>
    public PolicyParameter(string code, LocalDate effectiveFrom, decimal value, string? note = null)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException("PolicyParameter.CodeRequired");
        }
        Code = code;
        EffectiveFrom = effectiveFrom;
        Value = value;
        Note = note;
    }

    /// <summary>Database key.</summary>
    public long Id { get; private set; }
    /// <summary>Parameter code.</summary>
    public string Code { get; private set; }
    /// <inheritdoc />
    public LocalDate EffectiveFrom { get; private set; }
    /// <summary>Value.</summary>
    public decimal Value { get; private set; }
    /// <summary>Source or remark (e.g. the policy document).</summary>
    public string? Note { get; private set; }
}
