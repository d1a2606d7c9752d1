using Workforce.Application.Audit;
using Workforce.Data.Auditing;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Admin;

/// <summary>One field of an audit entry: its name in the reader's language and the value before and after.</summary>
public sealed record AuditFieldChange(string Field, string Before, string After);

/// <summary>
/// Reads audit entries for an auditor: actions, entities and fields by their Chinese (or English) names, and the stored
/// before/after snapshots as a field-level list. Personal data is already masked in the snapshots (the trail never holds it in
/// clear); internal values (hashes, security stamps, encoded payslip lines) are not shown.
/// </summary>
public sealed class AuditPresenter(UiText text)
{
    private const int MaxValueChars = 200;

    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "ConcurrencyStamp", "SecurityStamp", "NormalizedUserName", "NormalizedEmail", "NormalizedName", "IdCardHash", "LinesData", "FactsHash",
    };

    // Fields whose values are enum names, by the enum's resource prefix (the entity type decides where one name means two enums).
    private static readonly Dictionary<string, string> EnumOfField = new(StringComparer.Ordinal)
    {
        ["CurrentPost"] = "Post", ["Post"] = "Post", ["Education"] = "Education", ["PoliticalStatus"] = "PoliticalStatus", ["Sex"] = "Sex",
        ["Rating"] = "AssessmentRating", ["MentorRating"] = "AssessmentRating", ["MenteeRating"] = "AssessmentRating", ["Step"] = "RoundStep",
    };

    private static readonly Dictionary<(string Entity, string Field), string> EnumOfEntityField = new()
    {
        [("Certificate", "Level")] = "CertificateLevel", [("PayPeriod", "Status")] = "PeriodStatus", [("ReserveEntry", "Status")] = "ReserveStatus",
        [("Mentorship", "Kind")] = "MentorshipKind", [("OrgUnit", "Type")] = "OrgUnitType", [("ReserveEntry", "Source")] = "NominationSource",
    };

    /// <summary>The action's name.</summary>
    public string Action(string action) => text.Find("Audit.Action." + action) ?? action;

    /// <summary>The entity type's name.</summary>
    public string Entity(string entityType) => text.Find("Audit.Entity." + entityType) ?? entityType;

    /// <summary>A field's name.</summary>
    public string Field(string field) => text.Find("Audit.Field." + field) ?? field;

    /// <summary>The entry's subject: a worker or an account by name (with the record number), else the record number.</summary>
    public string Subject(AuditEntry entry, AuditNames names)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(names);
        return entry.EntityType == "Worker" && names.Workers.TryGetValue(entry.EntityId, out var worker) ? $"{worker}（{entry.EntityId}）"
            : AuditQueries.AccountTypes.Contains(entry.EntityType) && names.Users.TryGetValue(entry.EntityId, out var user) ? user
            : entry.EntityId;
    }

    /// <summary>The fields an entry records: changed ones for an update, every recorded one for a creation or deletion.</summary>
    public IReadOnlyList<AuditFieldChange> Changes(AuditEntry entry, AuditNames names)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(names);
        var before = AuditQueries.Fields(entry.Before);
        var after = AuditQueries.Fields(entry.After);
        var fields = before.Keys.Concat(after.Keys).Distinct().Where(n => !Hidden.Contains(n)).ToList();
        return [.. fields.Select(n => new AuditFieldChange(Field(n),
            before.TryGetValue(n, out var b) ? Value(entry.EntityType, n, b, names) : string.Empty,
            after.TryGetValue(n, out var a) ? Value(entry.EntityType, n, a, names) : string.Empty))];
    }

    private string Value(string entity, string field, string? value, AuditNames names)
    {
        if (value is null)
        {
            return text["Audit.Empty"];
        }
        if (AuditQueries.WorkerFields.Contains(field) && names.Workers.TryGetValue(value, out var worker))
        {
            return $"{worker}（{value}）";
        }
        if (field == "UserId" && names.Users.TryGetValue(value, out var user))
        {
            return user;
        }
        if (field == "PasswordHash")
        {
            return text["Audit.Changed"];
        }
        if (value is "True" or "true")
        {
            return text["Common.Yes"];
        }
        if (value is "False" or "false")
        {
            return text["Common.No"];
        }
        var type = EnumOfEntityField.TryGetValue((entity, field), out var t) ? t : EnumOfField.GetValueOrDefault(field);
        if (type is not null && text.Find(type + "." + value) is { } name)
        {
            return name;
        }
        return value.Length <= MaxValueChars ? value : value[..MaxValueChars] + "…";
    }
}
