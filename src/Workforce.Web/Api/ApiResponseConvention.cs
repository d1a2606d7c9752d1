using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Workforce.Web.Api;

/// <summary>
/// Names the success answer of every API action in the OpenAPI document: once an action declares its problem answers
/// (400, 404, …) ASP.NET Core no longer infers 200 from <see cref="ActionResult{TValue}"/>, so this adds it from the
/// declared return type (unless the action names a 2xx itself).
/// </summary>
public sealed class ApiResponseConvention : IActionModelConvention
{
    /// <inheritdoc />
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!typeof(ApiControllerBase).IsAssignableFrom(action.Controller.ControllerType))
        {
            return;
        }
        var declared = action.Filters.OfType<ProducesResponseTypeAttribute>().Concat(action.Attributes.OfType<ProducesResponseTypeAttribute>());
        if (declared.Any(p => p.StatusCode is >= 200 and < 300))
        {
            return;
        }
        var type = action.ActionMethod.ReturnType;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            type = type.GetGenericArguments()[0];
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ActionResult<>))
        {
            action.Filters.Add(new ProducesResponseTypeAttribute(type.GetGenericArguments()[0], StatusCodes.Status200OK));
        }
    }
}
