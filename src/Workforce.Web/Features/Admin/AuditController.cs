using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Data.Auditing;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Startup;

namespace Workforce.Web.Features.Admin;

/// <summary>Filters of the audit page.</summary>
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
    /// <summary>From (local date, inclusive).</summary>
    public DateOnly? From { get; set; }
    /// <summary>To (local date, inclusive).</summary>
    public DateOnly? To { get; set; }
    /// <summary>Page.</summary>
    public int Page { get; set; } = 1;
}

/// <summary>The audit page.</summary>
public sealed class AuditIndexViewModel
{
    /// <summary>Filter.</summary>
    public AuditFilter Filter { get; init; } = new();
    /// <summary>Rows.</summary>
    public PagedResult<AuditEntry> Result { get; init; } = new([], 0, 1, 50);
    /// <summary>Result of a verification, when one was run.</summary>
    public AuditVerificationResult? Verification { get; init; }
    /// <summary>Entity types present.</summary>
    public IReadOnlyList<string> EntityTypes { get; init; } = [];
}

/// <summary>Browse, filter and verify the audit trail (Admin).</summary>
[Authorize(Policy = WorkforceHosting.AdminOnly)]
[Route("Admin/Audit/{action=Index}")]
public sealed class AuditController(WorkforceDbContext db, BusinessCalendar calendar) : Controller
{
    /// <summary>Newest first, filtered, 50 a page.</summary>
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken ct)
        => View(await BuildAsync(filter, null, ct));

    /// <summary>Recomputes the whole chain and shows the outcome.</summary>
    [HttpPost]
    public async Task<IActionResult> Verify(CancellationToken ct)
        => View(nameof(Index), await BuildAsync(new AuditFilter(), await db.VerifyAuditChainAsync(ct), ct));

    private async Task<AuditIndexViewModel> BuildAsync(AuditFilter filter, AuditVerificationResult? verification, CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
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
        var total = await q.CountAsync(ct);
        var page = Math.Max(1, filter.Page);
        var rows = await q.OrderByDescending(e => e.Sequence).Skip((page - 1) * 50).Take(50).ToListAsync(ct);
        return new AuditIndexViewModel
        {
            Filter = filter,
            Result = new PagedResult<AuditEntry>(rows, total, page, 50),
            Verification = verification,
            EntityTypes = await db.AuditEntries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct),
        };
    }
}
