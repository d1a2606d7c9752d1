using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Workers;

/// <summary>
/// 履职台账 (一人一册): a worker's running file as one timeline, printable and exportable, with the 奖惩 records HR officers keep.
/// Read by anyone who may read the register for the worker's unit; 奖惩 changed by HR officers only.
/// </summary>
[Authorize(Policy = Policies.RegistryRead)]
[Route("Workers/{id:long}/File")]
public sealed class RunningFileController(RunningFileQueries files, ConductRecords conduct, UserScopeAccessor scopes, IAuthorizationService authorization) : PageController
{
    /// <summary>The file (format=xlsx: the timeline as a spreadsheet).</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(long id, string? format, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (await files.FileAsync(scope, id, ct) is not { } file)
        {
            return NotFound();
        }
        if (format == "xlsx")
        {
            return Xlsx("running-file.xlsx", Text["File.Title"], [Text["Field.Date"], Text["Conduct.Type"], Text["File.Timeline"], Text["Field.Note"], Text["Conduct.EndsOn"]],
                file.Events.Select(e => (IReadOnlyList<string?>)[Fmt.D(e.Date), Text.Enum(e.Kind), Text.Message(e.Title), e.Detail is { } d ? Text.Message(d) : null, Fmt.D(e.Until)]));
        }
        ViewBag.Conduct = await conduct.OfWorkerAsync(scope, id, ct);
        ViewBag.CanRecord = (await authorization.AuthorizeAsync(User, Policies.TalentManage)).Succeeded;
        return View(file);
    }

    /// <summary>Records a 奖惩 decision (HR officers).</summary>
    [HttpPost("Conduct")]
    [Authorize(Policy = Policies.TalentManage)]
    public async Task<IActionResult> Record(long id, ConductInput input, CancellationToken ct) =>
        ModelState.IsValid
            ? Back(await conduct.RecordAsync(await scopes.GetAsync(ct), id, input, ct), Text["Conduct.Recorded"], nameof(Index), new { id })
            : InvalidInput(nameof(Index), new { id });

    /// <summary>Removes an external training recorded in error (HR officers; audited).</summary>
    [HttpPost("External/{trainingId:long}/Delete")]
    [Authorize(Policy = Policies.TalentManage)]
    public async Task<IActionResult> RemoveExternal(long id, long trainingId, [FromServices] Application.Training.TrainingCommands training, CancellationToken ct) =>
        Back(await training.RemoveExternalAsync(await scopes.GetAsync(ct), trainingId, ct), Text["Hours.ExternalRemoved"], nameof(Index), new { id });

    /// <summary>Corrects a 奖惩 record (HR officers).</summary>
    [HttpPost("Conduct/{recordId:long}")]
    [Authorize(Policy = Policies.TalentManage)]
    public async Task<IActionResult> Change(long id, long recordId, ConductInput input, CancellationToken ct) =>
        ModelState.IsValid
            ? Back(await conduct.ChangeAsync(await scopes.GetAsync(ct), recordId, input, ct), Text["Conduct.Recorded"], nameof(Index), new { id })
            : InvalidInput(nameof(Index), new { id });
}
