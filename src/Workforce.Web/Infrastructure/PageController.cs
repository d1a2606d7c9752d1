using Microsoft.AspNetCore.Mvc;
using Workforce.Application.Common;

namespace Workforce.Web.Infrastructure;

/// <summary>Base of the MVC pages: refused commands shown in the reader's language, redirects with a notice, xlsx downloads.</summary>
public abstract class PageController : Controller
{
    /// <summary>The xlsx content type.</summary>
    protected const string XlsxContentType = ContentTypes.Xlsx;

    /// <summary>UI text of the request.</summary>
    protected UiText Text => HttpContext.RequestServices.GetRequiredService<UiText>();

    /// <summary>Puts command errors into the model state (under a form prefix).</summary>
    protected void AddErrors(IEnumerable<FieldError> errors, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var e in errors)
        {
            ModelState.AddModelError(e.Field is null || prefix is null ? e.Field ?? string.Empty : prefix + "." + e.Field, Text.Message(e.Message));
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

    /// <summary>An empty import template of a sheet: its headers in the reader's language.</summary>
    protected FileStreamResult Template(string fileName, Application.Common.Import.SheetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var file = TempFiles.Create();
        XlsxTable.Write(file, [new XlsxSheet(Text[schema.SheetNameKey], [.. schema.HeaderKeys.Select(k => Text[k])], [], null, Text.EnumLists(schema))]);
        file.Position = 0;
        return File(file, XlsxContentType, fileName);
    }

    /// <summary>Redirects to <paramref name="action"/> with the model-state errors of a refused form as the page's error message.</summary>
    protected RedirectToActionResult InvalidInput(string action, object? routeValues = null)
    {
        TempData["Error"] = InputErrors();
        return RedirectToAction(action, routeValues);
    }

    /// <summary>The model state's errors in the reader's language, as one line.</summary>
    protected string InputErrors() => string.Join("；", ModelState.Values.SelectMany(v => v.Errors).Select(e => Text[e.ErrorMessage]));

    /// <summary>Redirects back with the refusal as a message, or the success message; 404 when the record was outside scope (null).</summary>
    protected IActionResult Back<T>(CommandResult<T>? result, string successMessage, string action, object? routeValues = null)
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
            TempData["Error"] = Text.Messages(result.Errors);
        }
        return RedirectToAction(action, routeValues);
    }
}
