using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Audit;
using Workforce.Application.Common;
using Workforce.Data.Auditing;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Admin;

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
[Authorize(Policy = Policies.AdminOnly)]
[Route("Admin/Audit/{action=Index}")]
public sealed class AuditController(AuditQueries audit) : Controller
{
    /// <summary>Newest first, filtered, 50 a page.</summary>
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken ct)
        => View(await BuildAsync(ModelState.IsValid ? filter : new AuditFilter(), null, ct));

    /// <summary>Recomputes the whole chain and shows the outcome.</summary>
    [HttpPost]
    public async Task<IActionResult> Verify(CancellationToken ct)
        => View(nameof(Index), await BuildAsync(new AuditFilter(), await audit.VerifyAsync(ct), ct));

    private async Task<AuditIndexViewModel> BuildAsync(AuditFilter filter, AuditVerificationResult? verification, CancellationToken ct) => new()
    {
        Filter = filter,
        Result = await audit.SearchAsync(filter, ct),
        Verification = verification,
        EntityTypes = await audit.EntityTypesAsync(ct),
    };
}
