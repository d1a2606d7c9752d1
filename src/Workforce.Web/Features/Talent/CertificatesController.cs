using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Certification;
using Workforce.Application.Common;
using Workforce.Application.Organisation;
using Workforce.Domain.Organisation;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Talent;

/// <summary>Certificates page.</summary>
public sealed class CertificatesViewModel
{
    /// <summary>Filter.</summary>
    public required CertificateFilter Filter { get; init; }
    /// <summary>This page.</summary>
    public required PagedResult<CertificateListItem> Result { get; init; }
    /// <summary>Certified workers by level and unit.</summary>
    public required IReadOnlyList<CertificationFigure> Figures { get; init; }
    /// <summary>Units for the filter.</summary>
    public required IReadOnlyList<OrgUnit> Units { get; init; }
    /// <summary>Record form.</summary>
    public CertificateInput Input { get; init; } = new();
}

/// <summary>Certification pages: list, record, verify, figures.</summary>
[Authorize(Policy = Policies.TalentManage)]
public sealed class CertificatesController(CertificationQueries certificates, CertificationCommands commands, OrganisationQueries units, UserScopeAccessor scopes) : PageController
{
    /// <summary>List with filters and the figures.</summary>
    public async Task<IActionResult> Index([FromQuery] CertificateFilter filter, CancellationToken ct) => View(await PageAsync(filter, new CertificateInput(), ct));

    /// <summary>Records a certificate.</summary>
    [HttpPost]
    public async Task<IActionResult> Create([Bind(Prefix = "Input")] CertificateInput input, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await commands.RecordAsync(await scopes.GetAsync(ct), input, ct);
            if (result.Succeeded)
            {
                TempData["Message"] = Text["Certificates.Recorded"];
                return RedirectToAction(nameof(Index));
            }
            AddErrors(result.Errors, "Input");
        }
        return View(nameof(Index), await PageAsync(new CertificateFilter(), input, ct));
    }

    /// <summary>Verifies a certificate (today, by the signed-in officer).</summary>
    [HttpPost]
    public async Task<IActionResult> Verify(long id, CancellationToken ct) =>
        Back(await commands.VerifyAsync(await scopes.GetAsync(ct), id, User.Identity?.Name ?? "?", ct), Text["Certificates.Verified"], nameof(Index));

    /// <summary>Figures as xlsx.</summary>
    public async Task<IActionResult> Export(CancellationToken ct)
    {
        var figures = await certificates.FiguresAsync(await scopes.GetAsync(ct), ct);
        var levels = Enum.GetValues<Domain.Certification.CertificateLevel>();
        return Xlsx("certified-workers.xlsx", Text["Certificates.Figures"],
            [Text["Field.OrgUnit"], .. levels.Select(l => Text.Enum(l)), Text["Certificates.CertifiedWorkers"]],
            figures.Select(f => (IReadOnlyList<string?>)[f.UnitName, .. levels.Select(l => f.ByLevel[l].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                f.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
    }

    private async Task<CertificatesViewModel> PageAsync(CertificateFilter filter, CertificateInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return new CertificatesViewModel
        {
            Filter = filter,
            Result = await certificates.SearchAsync(scope, filter, ct),
            Figures = await certificates.FiguresAsync(scope, ct),
            Units = await units.FilterUnitsAsync(scope, ct),
            Input = input,
        };
    }
}
