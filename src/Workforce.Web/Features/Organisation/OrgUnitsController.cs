using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Application.Organisation;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Organisation;

/// <summary>The organisation tree of the user's scope.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class OrgUnitsController(OrganisationQueries units, UserScopeAccessor scopes) : Controller
{
    /// <summary>Tree: district → streets → communities, with worker and resident counts.</summary>
    public async Task<IActionResult> Index(CancellationToken ct) => View(await units.TreeAsync(await scopes.GetAsync(ct), ct));

    /// <summary>One unit with its children (grids and their grid workers for a community).</summary>
    public async Task<IActionResult> Details(long id, CancellationToken ct) =>
        await units.DetailsAsync(await scopes.GetAsync(ct), id, ct) is { } details ? View(details) : NotFound();
}
