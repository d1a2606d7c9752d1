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
    /// <summary>Actions present.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];
    /// <summary>Names of the workers and accounts the page mentions.</summary>
    public AuditNames Names { get; init; } = AuditNames.None;
}

/// <summary>Browse, filter and verify the audit trail (Admin).</summary>
[Authorize(Policy = Policies.AdminOnly)]
[Route("Admin/Audit/{action=Index}")]
public sealed class AuditController(AuditQueries audit, AuditPresenter presenter, BusinessCalendar calendar, UiText text) : Controller
{
    /// <summary>Newest first, filtered, 50 a page.</summary>
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken ct)
        => View(await BuildAsync(ModelState.IsValid ? filter : new AuditFilter(), null, ct));

    /// <summary>Recomputes the whole chain and shows the outcome.</summary>
    [HttpPost]
    public async Task<IActionResult> Verify(CancellationToken ct)
        => View(nameof(Index), await BuildAsync(new AuditFilter(), await audit.VerifyAsync(ct), ct));

    /// <summary>The entries the filter finds as an xlsx: one row per recorded field, names in the reader's language (audited).</summary>
    public async Task<IActionResult> Export([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }
        var entries = new List<IReadOnlyList<string?>>();
        var chunk = new List<AuditEntry>();
        async Task FlushAsync()
        {
            var names = await audit.NamesAsync(chunk, ct);
            foreach (var e in chunk)
            {
                var head = new[] { e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), calendar.Format(e.Timestamp), e.UserName,
                    presenter.Action(e.Action), presenter.Entity(e.EntityType), presenter.Subject(e, names) };
                var changes = presenter.Changes(e, names);
                if (changes.Count == 0)
                {
                    entries.Add([.. head, null, null, null]);
                }
                foreach (var c in changes)
                {
                    entries.Add([.. head, c.Field, c.Before, c.After]);
                }
            }
            chunk.Clear();
        }
        await foreach (var e in audit.ExportAsync(filter).WithCancellation(ct))
        {
            chunk.Add(e);
            if (chunk.Count == 1_000)
            {
                await FlushAsync();
            }
        }
        await FlushAsync();
        var file = TempFiles.Create();
        XlsxTable.Write(file, text["Nav.Audit"], [
            "#", text["Audit.Time"], text["Audit.User"], text["Audit.Action"], text["Audit.EntityType"], text["Audit.EntityId"],
            text["Audit.Field"], text["Audit.Before"], text["Audit.After"]], entries);
        file.Position = 0;
        return File(file, ContentTypes.Xlsx, "audit.xlsx");
    }

    private async Task<AuditIndexViewModel> BuildAsync(AuditFilter filter, AuditVerificationResult? verification, CancellationToken ct)
    {
        var result = await audit.SearchAsync(filter, ct);
        return new()
        {
            Filter = filter,
            Result = result,
            Verification = verification,
            EntityTypes = await audit.EntityTypesAsync(ct),
            Actions = await audit.ActionsAsync(ct),
            Names = await audit.NamesAsync([.. result.Items], ct),
        };
    }
}
