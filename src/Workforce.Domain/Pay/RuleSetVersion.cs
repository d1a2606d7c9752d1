using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Pay;

/// <summary>Where a stored rule-set version stands.</summary>
public enum RuleSetStatus
{
    /// <summary>草稿: imported or edited, not applied.</summary>
    Draft = 1,
    /// <summary>已生效: approved by a second officer; applied to periods it covers.</summary>
    Approved = 2,
    /// <summary>已驳回.</summary>
    Rejected = 3,
}

/// <summary>
/// A version of a pay rule set as stored in the app: the JSON document (validated by the payroll
/// engine before it is saved) and its approval. A draft takes effect only when an officer other than
/// its author approves it (四眼原则).
/// </summary>
public sealed class RuleSetVersion
{
    private RuleSetVersion() { Code = Name = Json = CreatedBy = string.Empty; }

    /// <summary>Stores a validated document as a draft.</summary>
    public RuleSetVersion(string code, string name, int version, LocalDate effectiveFrom, LocalDate? effectiveTo, string json, string createdBy, Instant at, string? note)
    {
        Code = code;
        Name = name;
        Version = version;
        EffectiveFrom = effectiveFrom;
        EffectiveTo = effectiveTo;
        Json = json;
        CreatedBy = createdBy;
        CreatedAt = at;
        Note = Text.Optional(note, 500, "Note");
        Status = RuleSetStatus.Draft;
    }

    /// <summary>Key.</summary>
    public long Id { get; private set; }
    /// <summary>Family code.</summary>
    public string Code { get; private set; }
    /// <summary>Name.</summary>
    public string Name { get; private set; }
    /// <summary>Version number within the family.</summary>
    public int Version { get; private set; }
    /// <summary>First day in force.</summary>
    public LocalDate EffectiveFrom { get; private set; }
    /// <summary>Last day in force, or null while open-ended.</summary>
    public LocalDate? EffectiveTo { get; private set; }
    /// <summary>The document.</summary>
    public string Json { get; private set; }
    /// <summary>Status.</summary>
    public RuleSetStatus Status { get; private set; }
    /// <summary>Author (user id).</summary>
    public string CreatedBy { get; private set; }
    /// <summary>Created at.</summary>
    public Instant CreatedAt { get; private set; }
    /// <summary>Approver or rejecter (user id).</summary>
    public string? DecidedBy { get; private set; }
    /// <summary>Decided at.</summary>
    public Instant? DecidedAt { get; private set; }
    /// <summary>Why it was made or rejected.</summary>
    public string? Note { get; private set; }

    /// <summary>Replaces a draft's document (an edit).</summary>
    public void Edit(string name, LocalDate effectiveFrom, LocalDate? effectiveTo, string json, string userId, Instant at)
    {
        EnsureDraft();
        Name = name;
        EffectiveFrom = effectiveFrom;
        EffectiveTo = effectiveTo;
        Json = json;
        CreatedBy = userId;
        CreatedAt = at;
    }

    /// <summary>Approves a draft; the author may not approve their own version.</summary>
    public void Approve(string userId, Instant at)
    {
        EnsureDraft();
        if (userId == CreatedBy)
        {
            throw new DomainException("Pay.RuleSetSelfApproval");
        }
        Status = RuleSetStatus.Approved;
        DecidedBy = userId;
        DecidedAt = at;
    }

    /// <summary>Rejects a draft with a reason.</summary>
    public void Reject(string userId, Instant at, string reason)
    {
        EnsureDraft();
        Note = Text.Required(reason, 500, "Note");
        Status = RuleSetStatus.Rejected;
        DecidedBy = userId;
        DecidedAt = at;
    }

    /// <summary>Ends an approved open-ended version the day before its successor starts (the document's end date is rewritten too).</summary>
    public void CloseOn(LocalDate lastDay, string json)
    {
        if (Status != RuleSetStatus.Approved || EffectiveTo is not null || lastDay < EffectiveFrom)
        {
            throw new DomainException("Pay.RuleSetCannotClose", Code, Version);
        }
        EffectiveTo = lastDay;
        Json = json;
    }

    private void EnsureDraft()
    {
        if (Status != RuleSetStatus.Draft)
        {
            throw new DomainException("Pay.RuleSetNotDraft", Code, Version);
        }
    }
}
