using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Workforce.Web.Features.Home;

/// <summary>The interactive API reference for integrators: Scalar's assets served by the app, the document at /openapi/v1.json.</summary>
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ApiReferenceController : Controller
{
    /// <summary>The reference page.</summary>
    [HttpGet("api/reference")]
    public IActionResult Index() => View("~/Views/Home/ApiReference.cshtml");
}
