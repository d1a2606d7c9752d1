using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>
/// Base of the JSON API: bearer tokens only. Cookies are never accepted here, so a browser cannot
/// be tricked into a cross-site call with its ambient credentials; that is why antiforgery tokens
/// are not required on these endpoints (the MVC pages require them on every POST). Refusals are RFC 7807
/// validation problems whose messages are in the caller's language (zh-CN unless <c>?culture=en</c>).
/// </summary>
[ApiController]
[Authorize(AuthenticationSchemes = RevocableBearerHandler.SchemeName)]
[IgnoreAntiforgeryToken]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status401Unauthorized)]
[ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden)]
public abstract class ApiControllerBase : ControllerBase
{
    /// <summary>UI text of the request.</summary>
    protected UiText Text => HttpContext.RequestServices.GetRequiredService<UiText>();

    /// <summary>
    /// The answer to a command on a resource: 404 when the resource is outside the caller's scope (null),
    /// 400 with field errors when a rule refused it, else 200 with <paramref name="shape"/> of the value.
    /// </summary>
    protected ActionResult<TDto> Reply<T, TDto>(CommandResult<T>? result, Func<T, TDto> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (result is null)
        {
            return NotFound();
        }
        return result.Succeeded ? Ok(shape(result.Value!)) : ValidationFailed(result.Errors);
    }

    /// <summary>
    /// The answer to a command that creates a resource: 404 when its parent is outside the caller's scope (null),
    /// 400 with field errors when a rule refused it, else 201 at <paramref name="location"/> with <paramref name="shape"/> of the value.
    /// </summary>
    protected ActionResult<TDto> ReplyCreated<T, TDto>(CommandResult<T>? result, Func<T, string> location, Func<T, TDto> shape)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(shape);
        if (result is null)
        {
            return NotFound();
        }
        return result.Succeeded ? Created(location(result.Value!), shape(result.Value!)) : ValidationFailed(result.Errors);
    }

    /// <summary>
    /// The answer to a command whose resource is read again to answer: 404 when outside the caller's scope (null), 400 with field
    /// errors when a rule refused it, else the resource as <paramref name="reload"/> reads it of the value: 201 at
    /// <paramref name="location"/> when given (a creation), else 200.
    /// </summary>
    protected async Task<ActionResult<TDto>> ReplyReloadedAsync<T, TDto>(CommandResult<T>? result, Func<T, Task<TDto>> reload, Func<T, string>? location = null)
    {
        ArgumentNullException.ThrowIfNull(reload);
        if (result is null)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            return ValidationFailed(result.Errors);
        }
        var dto = await reload(result.Value!);
        return location is null ? Ok(dto) : Created(location(result.Value!), dto);
    }

    /// <summary>
    /// The answer to an xlsx import: a file refused as a whole (not an xlsx, past a limit, wrong header) is a 422 problem whose
    /// title says why; a file with bad rows is 422 with the report (every row, column and reason); else 200 with the report.
    /// </summary>
    protected ActionResult<ImportReportDto> ImportReply(Application.Common.Import.ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Refused)
        {
            return Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: Text.Message(report.Errors[0].Reason));
        }
        var dto = ImportReportDto.From(report, Text);
        return report.Errors.Count > 0 ? UnprocessableEntity(dto) : dto;
    }

    /// <summary>Runs an import of an uploaded xlsx (400 when no file came) and answers its report (see <see cref="ImportReply"/>).</summary>
    protected async Task<ActionResult<ImportReportDto>> ImportFileAsync(IFormFile? file, Func<Stream, Task<Application.Common.Import.ImportReport>> import)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", Text["Import.NoFile"]);
            return ValidationProblem(ModelState);
        }
        await using var stream = file.OpenReadStream();
        return ImportReply(await import(stream));
    }

    /// <summary>400 with field errors as RFC 7807 validation problem details.</summary>
    protected ActionResult ValidationFailed(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var e in errors)
        {
            ModelState.AddModelError(e.Field ?? string.Empty, Text.Message(e.Message));
        }
        return ValidationProblem(ModelState);
    }
}
