using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Workers;

/// <summary>Whether a 奖惩 record rewards or disciplines.</summary>
public enum ConductKind
{
    /// <summary>奖励.</summary>
    Reward = 1,
    /// <summary>惩戒.</summary>
    Discipline = 2,
}

/// <summary>The type of a 奖惩 record: rewards below 100, disciplinary measures from 100, each in rising weight.</summary>
public enum ConductType
{
    /// <summary>通报表扬.</summary>
    Praise = 1,
    /// <summary>嘉奖.</summary>
    Commendation = 2,
    /// <summary>记功.</summary>
    Merit = 3,
    /// <summary>授予荣誉称号.</summary>
    Honour = 4,
    /// <summary>通报批评.</summary>
    Criticism = 101,
    /// <summary>诫勉谈话.</summary>
    Admonition = 102,
    /// <summary>警告.</summary>
    Warning = 103,
    /// <summary>记过.</summary>
    Demerit = 104,
    /// <summary>记大过.</summary>
    MajorDemerit = 105,
    /// <summary>解除聘用.</summary>
    Dismissal = 106,
}

/// <summary>
/// A commendation or disciplinary record (奖惩) in a worker's running file: its type, the day it was decided, the issuing body,
/// its effect as decided, and the last day it has effect (none: lasting). Recorded by HR officers, audited; a disciplinary
/// record in force is what an assessment scheme can cap a rating by (<see cref="InForceOn"/>).
/// </summary>
public sealed class ConductRecord
{
    private ConductRecord()
    {
        IssuedBy = string.Empty;
        Effect = string.Empty;
    }

    /// <summary>Records a decision.</summary>
    public ConductRecord(long workerId, ConductType type, LocalDate decidedOn, string issuedBy, string effect, LocalDate? endsOn, string? document = null)
    {
        WorkerId = workerId;
        IssuedBy = string.Empty;
        Effect = string.Empty;
        Change(type, decidedOn, issuedBy, effect, endsOn, document);
    }

    /// <summary>Key.</summary>
    public long Id { get; private set; }
    /// <summary>Worker.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Type.</summary>
    public ConductType Type { get; private set; }
    /// <summary>Reward or discipline (from the type).</summary>
    public ConductKind Kind => KindOf(Type);
    /// <summary>Day decided (in force from).</summary>
    public LocalDate DecidedOn { get; private set; }
    /// <summary>Issuing body (e.g. 区民政局, 街道党工委).</summary>
    public string IssuedBy { get; private set; }
    /// <summary>Effect as decided (e.g. 影响期内不得晋升岗位等级).</summary>
    public string Effect { get; private set; }
    /// <summary>Last day with effect; null: lasting.</summary>
    public LocalDate? EndsOn { get; private set; }
    /// <summary>Decision document number.</summary>
    public string? Document { get; private set; }

    /// <summary>The kind of a type.</summary>
    public static ConductKind KindOf(ConductType type) => (int)type >= 100 ? ConductKind.Discipline : ConductKind.Reward;

    /// <summary>Corrects the record.</summary>
    public void Change(ConductType type, LocalDate decidedOn, string issuedBy, string effect, LocalDate? endsOn, string? document)
    {
        if (!Enum.IsDefined(type))
        {
            throw new DomainException("Conduct.TypeInvalid") { Field = "Type" };
        }
        if (endsOn is { } end && end < decidedOn)
        {
            throw new DomainException("Conduct.EndBeforeDecision") { Field = "EndsOn" };
        }
        Type = type;
        DecidedOn = decidedOn;
        IssuedBy = Text.Required(issuedBy, 100, "IssuedBy");
        Effect = Text.Required(effect, 400, "Effect");
        EndsOn = endsOn;
        Document = Text.Optional(document, 100, "Document");
    }

    /// <summary>In force on <paramref name="day"/>: decided on or before it and not ended before it.</summary>
    public bool InForceOn(LocalDate day) => DecidedOn <= day && (EndsOn is not { } end || end >= day);
}
