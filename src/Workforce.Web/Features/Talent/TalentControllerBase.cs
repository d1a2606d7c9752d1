using Microsoft.AspNetCore.Mvc;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Infrastructure.Xlsx;

namespace Workforce.Web.Features.Talent;

/// <summary>Helpers shared by the talent pages.</summary>
public abstract class TalentControllerBase : Controller
{
    /// <summary>The xlsx content type.</summary>
    protected const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Puts command errors into the model state (under a form prefix).</summary>
    protected void AddErrors(IEnumerable<FieldError> errors, string? prefix = null)
    {
        foreach (var e in errors)
        {
            ModelState.AddModelError(e.Field is null || prefix is null ? e.Field ?? string.Empty : prefix + "." + e.Field, e.Message);
        }
    }

    /// <summary>Streams rows into an xlsx file held in a temporary file (constant memory) and returns it.</summary>
    protected FileStreamResult Xlsx(string fileName, string sheet, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var file = TempFiles.Create();
        XlsxTable.Write(file, sheet, headers, rows);
        file.Position = 0;
        return File(file, XlsxContentType, fileName);
    }

    /// <summary>Redirects to <paramref name="action"/> with the model-state errors of a refused form as the page's error message.</summary>
    protected RedirectToActionResult InvalidInput(UiText text, string action, object? routeValues = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        TempData["Error"] = string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => text[e.ErrorMessage]));
        return RedirectToAction(action, routeValues);
    }

    /// <summary>Redirects back with the first error as a message, or the success message.</summary>
    protected IActionResult Back<T>(CommandResult<T>? result, string successMessage, string action, object routeValues)
    {
        if (result is null)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Message"] = successMessage;
        }
        else
        {
            TempData["Error"] = string.Join("；", result.Errors.Select(e => e.Message));
        }
        return RedirectToAction(action, routeValues);
    }
}
