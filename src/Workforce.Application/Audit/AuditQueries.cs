using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Data.Auditing;

namespace Workforce.Application.Audit;

/// <summary>Filters of the audit trail.</summary>
public sealed class AuditFilter
{
    /// <summary>Entity type, e.g. Worker.</summary>
    public string? EntityType { get; set; }
    /// <summary>Entity id.</summary>
    public string? EntityId { get; set; }
    /// <summary>User name.</summary>
    public string? UserName { get; set; }
    /// <summary>Action.</summary>
    public string? Action { get; set; }
    /// <summary>The worker concerned: the worker's own record and every record that names the worker (WorkerId).</summary>
    public long? WorkerId { get; set; }
    /// <summary>From (local date, inclusive).</summary>
    public DateOnly? From { get; set; }
    /// <summary>To (local date, inclusive).</summary>
    public DateOnly? To { get; set; }
    /// <summary>Page.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int Page { get; set; } = 1;
    /// <summary>Rows per page (at most 200).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 200)]
    public int PageSize { get; set; } = 50;
}

/// <summary>Names of the people an audit page mentions by id: workers (their record, or a WorkerId/MentorId field) and accounts.</summary>
public sealed record AuditNames(IReadOnlyDictionary<string, string> Workers, IReadOnlyDictionary<string, string> Users)
{
    /// <summary>No names.</summary>
    public static readonly AuditNames None = new(new Dictionary<string, string>(), new Dictionary<string, string>());
}

/// <summary>The audit trail for admins: newest first, filtered and paged, and the verification of the hash chain.</summary>
public sealed class AuditQueries(WorkforceDbContext db, BusinessCalendar calendar)
{
    /// <summary>Most rows an export holds.</summary>
    public const int MaxExport = 100_000;

    /// <summary>A page of entries.</summary>
    public async Task<PagedResult<AuditEntry>> SearchAsync(AuditFilter filter, CancellationToken ct)
    {
        var q = Filtered(filter);
        var total = await q.CountAsync(ct);
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var rows = await q.OrderByDescending(e => e.Sequence).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedResult<AuditEntry>(rows, total, page, size);
    }

    /// <summary>The entries the filter finds, newest first, at most <see cref="MaxExport"/>, streamed (for the xlsx export).</summary>
    public IAsyncEnumerable<AuditEntry> ExportAsync(AuditFilter filter) =>
        Filtered(filter).OrderByDescending(e => e.Sequence).Take(MaxExport).AsAsyncEnumerable();

    /// <summary>Fields naming a worker by id in the recorded snapshots.</summary>
    public static readonly IReadOnlySet<string> WorkerFields = new HashSet<string>(StringComparer.Ordinal) { "WorkerId", "MentorId", "OpenWorkerId" };

    /// <summary>Entity types whose id is an account's.</summary>
    public static readonly IReadOnlySet<string> AccountTypes = new HashSet<string>(StringComparer.Ordinal) { "Account", "ApplicationUser" };

    /// <summary>The fields of a recorded snapshot (before or after), by name; values as recorded (null stays null).</summary>
    public static Dictionary<string, string?> Fields(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object ? [] : doc.RootElement.EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.ValueKind switch
                {
                    System.Text.Json.JsonValueKind.Null => null,
                    System.Text.Json.JsonValueKind.String => p.Value.GetString(),
                    _ => p.Value.GetRawText(),
                }, StringComparer.Ordinal);
        }
        catch (System.Text.Json.JsonException)
        {
            return new Dictionary<string, string?> { ["detail"] = json };
        }
    }

    /// <summary>The names of the workers and accounts <paramref name="entries"/> mention by id (a worker's name is not masked data).</summary>
    public async Task<AuditNames> NamesAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var workerIds = new HashSet<long>();
        var userIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (e.EntityType == "Worker" && long.TryParse(e.EntityId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                workerIds.Add(id);
            }
            if (AccountTypes.Contains(e.EntityType))
            {
                userIds.Add(e.EntityId);
            }
            foreach (var (name, value) in Fields(e.Before).Concat(Fields(e.After)))
            {
                if (WorkerFields.Contains(name) && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w))
                {
                    workerIds.Add(w);
                }
                else if (name == "UserId" && value is not null)
                {
                    userIds.Add(value);
                }
            }
        }
        var workers = workerIds.Count == 0 ? [] : await db.Workers.AsNoTracking().Where(w => workerIds.Contains(w.Id))
            .ToDictionaryAsync(w => w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), w => w.Name, ct);
        var users = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, ct);
        return new AuditNames(workers, users);
    }

    /// <summary>The actions present (for the filter).</summary>
    public Task<List<string>> ActionsAsync(CancellationToken ct) => db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(t => t).ToListAsync(ct);

    private IQueryable<AuditEntry> Filtered(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var q = db.AuditEntries.AsNoTracking();
        if (filter.WorkerId is { } worker)
        {
            var id = worker.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var named = "\"WorkerId\":\"" + id + "\"";
            q = q.Where(e => (e.EntityType == "Worker" && e.EntityId == id) || (e.After != null && e.After.Contains(named)) || (e.Before != null && e.Before.Contains(named)));
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) { q = q.Where(e => e.EntityType == filter.EntityType); }
        if (!string.IsNullOrWhiteSpace(filter.EntityId)) { q = q.Where(e => e.EntityId == filter.EntityId.Trim()); }
        if (!string.IsNullOrWhiteSpace(filter.UserName)) { q = q.Where(e => e.UserName == filter.UserName.Trim()); }
        if (!string.IsNullOrWhiteSpace(filter.Action)) { q = q.Where(e => e.Action == filter.Action); }
        if (filter.From is { } from)
        {
            var start = LocalDate.FromDateOnly(from).AtStartOfDayInZone(calendar.Zone).ToInstant();
            q = q.Where(e => e.Timestamp >= start);
        }
        if (filter.To is { } to)
        {
            var end = LocalDate.FromDateOnly(to).PlusDays(1).AtStartOfDayInZone(calendar.Zone).ToInstant();
            q = q.Where(e => e.Timestamp < end);
        }
        return q;
    }

    /// <summary>The entity types present (for the filter).</summary>
    public Task<List<string>> EntityTypesAsync(CancellationToken ct) => db.AuditEntries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);

    /// <summary>Recomputes the whole chain.</summary>
    public Task<AuditVerificationResult> VerifyAsync(CancellationToken ct) => db.VerifyAuditChainAsync(ct);
}
