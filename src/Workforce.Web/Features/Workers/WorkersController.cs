using AutoMapper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Common.Import;
using Workforce.Application.Organisation;
using Workforce.Application.Workers;
using Workforce.Domain.Organisation;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Workers;

/// <summary>The worker list page.</summary>
public sealed class WorkerIndexViewModel
{
    /// <summary>Filter as submitted.</summary>
    public WorkerFilter Filter { get; init; } = new();
    /// <summary>This page of rows.</summary>
    public PagedResult<WorkerListItem> Result { get; init; } = new([], 0, 1, 20);
    /// <summary>Units for the filter (streets and communities in scope).</summary>
    public IReadOnlyList<OrgUnit> Units { get; init; } = [];
    /// <summary>May create, edit and import.</summary>
    public bool CanWrite { get; init; }
    /// <summary>May export unmasked numbers (audited).</summary>
    public bool CanReveal { get; init; }
}

/// <summary>Create / edit form with the pickers it needs.</summary>
public sealed class WorkerFormViewModel
{
    /// <summary>Id when editing.</summary>
    public long? Id { get; init; }
    /// <summary>Fields.</summary>
    public WorkerCreateInput Input { get; init; } = new();
    /// <summary>Communities in scope.</summary>
    public IReadOnlyList<OrgUnit> Communities { get; init; } = [];
}

/// <summary>Worker detail page with its forms.</summary>
public sealed class WorkerDetailsPage
{
    /// <summary>The worker.</summary>
    public WorkerDetailsViewModel Worker { get; init; } = new();
    /// <summary>Communities in scope (post change form).</summary>
    public IReadOnlyList<OrgUnit> Communities { get; init; } = [];
    /// <summary>Grids of the worker's community.</summary>
    public IReadOnlyList<OrgUnit> Grids { get; init; } = [];
    /// <summary>May change the record.</summary>
    public bool CanWrite { get; init; }
    /// <summary>May reveal personal data.</summary>
    public bool CanReveal { get; init; }
    /// <summary>Post change form.</summary>
    public AssignPostInput AssignPost { get; init; } = new();
    /// <summary>Grid form.</summary>
    public AssignGridInput AssignGrid { get; init; } = new();
}

/// <summary>Registry of community workers: list, detail, create, edit, post and grid changes, xlsx export and import.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class WorkersController(WorkerQueries workers, WorkerCommands commands, WorkerImport import, OrganisationQueries units, UserScopeAccessor scopes,
    IMapper mapper, IAuthorizationService authorization) : PageController
{
    /// <summary>List with filters and paging.</summary>
    public async Task<IActionResult> Index([FromQuery] WorkerFilter filter, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!ModelState.IsValid)
        {
            filter = new WorkerFilter();
        }
        var page = await workers.SearchAsync(scope, filter, ct);
        return View(new WorkerIndexViewModel
        {
            Filter = filter,
            Result = new PagedResult<WorkerListItem>(mapper.Map<List<WorkerListItem>>(page.Items), page.Total, page.Page, page.PageSize),
            Units = await units.FilterUnitsAsync(scope, ct),
            CanWrite = await CanWriteAsync(),
            CanReveal = scope.CanViewPersonalData,
        });
    }

    /// <summary>
    /// The person picker's look-up (JSON, signed-in pages): serving workers in scope by part of a name, the last 4–17 digits
    /// of the ID number or a community's name, with community, post and the masked number. Read-only (GET).
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Lookup(string? q, CancellationToken ct)
    {
        var found = await workers.LookupAsync(await scopes.GetAsync(ct), q, 20, ct);
        return Json(found.Select(w => new { id = w.Id, name = w.Name, community = w.Community, post = w.Post is { } p ? Text.Enum(p) : null, maskedId = w.MaskedIdNumber }));
    }

    /// <summary>Detail with history.</summary>
    public async Task<IActionResult> Details(long id, CancellationToken ct)
    {
        var page = await DetailsPageAsync(id, null, ct);
        return page is null ? NotFound() : View(page);
    }

    /// <summary>Reveals the unmasked ID-card and phone numbers (permission required; audited).</summary>
    [HttpPost]
    public async Task<IActionResult> Reveal(long id, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.CanViewPersonalData)
        {
            // Someone else's worker is not found, whatever the permission; one's own without the permission is forbidden.
            return await scopes.FiltersInScopeAsync(null, id, ct) ? Forbid() : NotFound();
        }
        var revealed = await commands.RevealAsync(scope, id, ct);
        if (revealed is null)
        {
            return NotFound();
        }
        var page = await DetailsPageAsync(id, revealed, ct);
        return page is null ? NotFound() : View(nameof(Details), page);
    }

    /// <summary>Create form.</summary>
    [Authorize(Policy = Policies.RegistryWrite)]
    public async Task<IActionResult> Create(CancellationToken ct)
        => View("Form", new WorkerFormViewModel { Communities = await CommunitiesAsync(ct) });

    /// <summary>Creates a worker.</summary>
    [HttpPost, Authorize(Policy = Policies.RegistryWrite)]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] WorkerCreateInput input, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await commands.CreateAsync(await scopes.GetAsync(ct), input, ct);
            if (result.Succeeded)
            {
                TempData["Message"] = Text["Workers.Created"];
                return RedirectToAction(nameof(Details), new { id = result.Value!.Id });
            }
            AddErrors(result.Errors, "Input");
        }
        return View("Form", new WorkerFormViewModel { Input = input, Communities = await CommunitiesAsync(ct) });
    }

    /// <summary>Edit form (personal details).</summary>
    [Authorize(Policy = Policies.RegistryWrite)]
    public async Task<IActionResult> Edit(long id, CancellationToken ct)
    {
        var worker = await workers.FindAsync(await scopes.GetAsync(ct), id, ct);
        if (worker is null)
        {
            return NotFound();
        }
        var input = new WorkerCreateInput
        {
            Name = worker.Name,
            IdCardNumber = worker.IdCard.Masked,
            Phone = worker.Phone?.Masked,
            Education = worker.Education,
            PoliticalStatus = worker.PoliticalStatus,
            HireDate = worker.HireDate.ToDateOnly(),
        };
        return View("Form", new WorkerFormViewModel { Id = id, Input = input });
    }

    /// <summary>
    /// Saves personal details. The form shows masked numbers; a field still holding its masked value
    /// keeps the stored number, so an officer can correct a name without knowing the full ID number.
    /// </summary>
    [HttpPost, Authorize(Policy = Policies.RegistryWrite)]
    public async Task<IActionResult> Edit(long id, [Bind(Prefix = "Input")] WorkerProfileInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var current = await workers.FindAsync(scope, id, ct);
        if (current is null)
        {
            return NotFound();
        }
        if (ModelState.IsValid)
        {
            var result = await commands.UpdateAsync(scope, id, input, ct);
            if (result is null)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                TempData["Message"] = Text["Workers.Saved"];
                return RedirectToAction(nameof(Details), new { id });
            }
            AddErrors(result.Errors, "Input");
        }
        var shown = new WorkerCreateInput
        {
            Name = input.Name,
            IdCardNumber = input.IdCardNumber == current.IdCard.Value ? current.IdCard.Masked : input.IdCardNumber,
            Phone = current.Phone is { } p && input.Phone == p.Value ? p.Masked : input.Phone,
            Education = input.Education,
            PoliticalStatus = input.PoliticalStatus,
            HireDate = input.HireDate,
        };
        return View("Form", new WorkerFormViewModel { Id = id, Input = shown });
    }

    /// <summary>Starts a new post assignment.</summary>
    [HttpPost, Authorize(Policy = Policies.RegistryWrite)]
    public async Task<IActionResult> AssignPost(long id, [Bind(Prefix = "AssignPost")] AssignPostInput input, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await commands.AssignPostAsync(await scopes.GetAsync(ct), id, input, ct);
            if (result is null)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                TempData["Message"] = Text["Workers.PostAssigned"];
                return RedirectToAction(nameof(Details), new { id });
            }
            AddErrors(result.Errors, "AssignPost");
        }
        var page = await DetailsPageAsync(id, null, ct, assignPost: input);
        return page is null ? NotFound() : View(nameof(Details), page);
    }

    /// <summary>Assigns the worker to a grid.</summary>
    [HttpPost, Authorize(Policy = Policies.RegistryWrite)]
    public async Task<IActionResult> AssignGrid(long id, [Bind(Prefix = "AssignGrid")] AssignGridInput input, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await commands.AssignGridAsync(await scopes.GetAsync(ct), id, input, ct);
            if (result is null)
            {
                return NotFound();
            }
            if (result.Succeeded)
            {
                TempData["Message"] = Text["Workers.GridAssigned"];
                return RedirectToAction(nameof(Details), new { id });
            }
            AddErrors(result.Errors, "AssignGrid");
        }
        var page = await DetailsPageAsync(id, null, ct, assignGrid: input);
        return page is null ? NotFound() : View(nameof(Details), page);
    }

    /// <summary>
    /// The filtered list as xlsx, in the import's layout (the same headers in the same order, 社区编码 included) so it can be imported
    /// back, followed by columns the import ignores (community name, sex, birth date). ID and phone numbers are masked; with
    /// <paramref name="full"/> and the unmasking permission they are written in full and the export is audited. Streamed from a temporary file.
    /// </summary>
    public async Task<IActionResult> Export([FromQuery] WorkerFilter filter, bool full, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (full && !scope.CanViewPersonalData)
        {
            return Forbid();
        }
        string[] headers =
        [
            .. WorkerImport.Schema.HeaderKeys.Select(k => Text[k]),
            Text["Field.Community"], Text["Field.Sex"], Text["Field.BirthDate"],
        ];
        var count = 0;
        var rows = workers.ExportAsync(scope, filter, ct).ToBlockingEnumerable(ct).Select(r =>
        {
            count++;
            return (IReadOnlyList<string?>)
            [
                r.Name, full ? r.IdCard.Value : r.IdCard.Masked, full ? r.Phone?.Value : r.Phone?.Masked, Text.Enum(r.Education), Text.Enum(r.PoliticalStatus),
                Fmt.D(r.HireDate), r.OrgUnitCode, Text.Enum(r.CurrentPost), r.CurrentGrade?.ToString(), r.AssignmentStart is { } start ? Fmt.D(start) : null,
                r.OrgUnitName, Text.Enum(r.IdCard.Sex), r.IdCard.BirthDateText,
            ];
        });
        var file = Xlsx("workers.xlsx", Text["Workers.Title"], headers, rows);
        if (full)
        {
            await commands.RecordPersonalDataExportAsync(scope, count, Request.QueryString.Value ?? string.Empty, ct);
        }
        return file;
    }

    /// <summary>Empty import template.</summary>
    [Authorize(Policy = Policies.RegistryWrite)]
    public IActionResult Template() => Template("workers-template.xlsx", WorkerImport.Schema);

    /// <summary>Records the annual grade advancement of a year that has begun in the officer's district (as the 1 January job does).</summary>
    [HttpPost, Authorize(Policy = Policies.RegistryWrite)]
    public async Task<IActionResult> Advance(int year, [FromServices] Application.Payroll.GradeAdvancement advancement, CancellationToken ct)
    {
        var result = await advancement.AdvanceAsync(year, (await scopes.GetAsync(ct)).OrgPath, ct);
        return Back(result, result.Value is { } r ? Text.Format("Workers.AdvancementDone", r.Year, r.Advanced, r.AlreadyRecorded) : string.Empty, nameof(Index));
    }

    /// <summary>Import form.</summary>
    [Authorize(Policy = Policies.RegistryWrite)]
    public IActionResult Import() => View((ImportReport?)null);

    /// <summary>Checks (dry run) or imports an xlsx file; nothing is written unless every row is valid.</summary>
    [HttpPost, Authorize(Policy = Policies.RegistryWrite)]
    public async Task<IActionResult> Import(IFormFile? file, bool dryRun, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", Text["Import.NoFile"]);
            return View((ImportReport?)null);
        }
        await using var stream = file.OpenReadStream();
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return View(await import.ImportAsync(await scopes.GetAsync(ct), buffer, dryRun, ct));
    }

    private async Task<List<OrgUnit>> CommunitiesAsync(CancellationToken ct) => await units.CommunitiesAsync(await scopes.GetAsync(ct), ct);

    private async Task<WorkerDetailsPage?> DetailsPageAsync(long id, (string IdCard, string? Phone)? revealed, CancellationToken ct, AssignPostInput? assignPost = null, AssignGridInput? assignGrid = null)
    {
        var scope = await scopes.GetAsync(ct);
        var details = await workers.DetailsAsync(scope, id, ct);
        if (details is null)
        {
            return null;
        }
        var worker = details.Worker;
        var vm = WorkerDetailsViewModel.From(mapper, details);
        if (revealed is { } r)
        {
            vm.RevealedIdCard = r.IdCard;
            vm.RevealedPhone = r.Phone;
        }
        var canWrite = await CanWriteAsync();
        return new WorkerDetailsPage
        {
            Worker = vm,
            CanWrite = canWrite,
            CanReveal = scope.CanViewPersonalData,
            Communities = canWrite ? await units.CommunitiesAsync(scope, ct) : [],
            Grids = canWrite ? await units.GridsOfAsync(scope, worker.OrgUnitId, ct) : [],
            AssignPost = assignPost ?? new AssignPostInput { CommunityId = worker.OrgUnitId },
            AssignGrid = assignGrid ?? new AssignGridInput(),
        };
    }

    private async Task<bool> CanWriteAsync() => (await authorization.AuthorizeAsync(User, Policies.RegistryWrite)).Succeeded;
}
