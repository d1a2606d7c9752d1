using NodaTime;

namespace Workforce.Data.Auditing;

/// <summary>
/// One row of the append-only audit trail. <see cref="Hash"/> covers every field and the previous
/// row's hash, so deleting, reordering or editing any row breaks the chain at that row.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>Position in the chain, 1-based, unique.</summary>
    public long Sequence { get; set; }
    /// <summary>When (UTC).</summary>
    public Instant Timestamp { get; set; }
    /// <summary>Acting user id, null for the system.</summary>
    public string? UserId { get; set; }
    /// <summary>Acting user name at the time.</summary>
    public string UserName { get; set; } = string.Empty;
    /// <summary>Created, Updated, Deleted, or an event such as ViewPersonalData.</summary>
    public string Action { get; set; } = string.Empty;
    /// <summary>Entity type name, e.g. Worker.</summary>
    public string EntityType { get; set; } = string.Empty;
    /// <summary>Entity key as text.</summary>
    public string EntityId { get; set; } = string.Empty;
    /// <summary>Values before (JSON object), null when created.</summary>
    public string? Before { get; set; }
    /// <summary>Values after (JSON object), null when deleted.</summary>
    public string? After { get; set; }
    /// <summary>Hash of the previous row (64 zeros for the first).</summary>
    public string PreviousHash { get; set; } = string.Empty;
    /// <summary>SHA-256 (hex) of this row's fields and <see cref="PreviousHash"/>.</summary>
    public string Hash { get; set; } = string.Empty;
}

/// <summary>
/// The single row that holds the end of the chain. Writers update it inside their transaction,
/// which serialises appends on every provider (row lock on PostgreSQL/SQL Server, database lock on SQLite).
/// </summary>
public sealed class AuditChainHead
{
    /// <summary>Always 1.</summary>
    public int Id { get; set; }
    /// <summary>Sequence of the last row.</summary>
    public long Sequence { get; set; }
    /// <summary>Hash of the last row.</summary>
    public string LastHash { get; set; } = string.Empty;
}

/// <summary>Who is acting: the signed-in user, or the system (seeding, jobs).</summary>
public interface ICurrentActor
{
    /// <summary>User id, null for the system.</summary>
    string? UserId { get; }
    /// <summary>User name for the audit trail.</summary>
    string UserName { get; }
}

/// <summary>The system actor.</summary>
public sealed class SystemActor : ICurrentActor
{
    /// <summary>Shared instance.</summary>
    public static readonly SystemActor Instance = new();
    /// <inheritdoc />
    public string? UserId => null;
    /// <inheritdoc />
    public string UserName => "system";
}
