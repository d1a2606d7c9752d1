using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Workforce.Application.Common;

namespace Workforce.Web.Infrastructure;

/// <summary>
/// A list filtered by a unit or a worker outside the caller's scope is not found (404), on every page and API read, instead
/// of quietly showing the caller's own rows: the unit filters are the arguments (or filter properties) named orgUnitId,
/// unitId, parentId; the worker filters those named workerId. Reads only (GET): a form naming a unit answers with a field error.
/// </summary>
public sealed class ScopedFilters(UserScopeAccessor scopes) : IAsyncActionFilter
{
    private static readonly string[] UnitNames = ["orgUnitId", "unitId", "parentId"];

    // The long? properties of each filter type, read once per type rather than on every request.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo[]> FilterProperties = new();

    /// <inheritdoc />
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (HttpMethods.IsGet(context.HttpContext.Request.Method))
        {
            long? unit = null, worker = null;
            foreach (var (name, value) in context.ActionArguments)
            {
                Pick(name, value, ref unit, ref worker);
                if (value is not null && value.GetType().Namespace?.StartsWith("Workforce.", StringComparison.Ordinal) == true)
                {
                    var properties = FilterProperties.GetOrAdd(value.GetType(), t => [.. t.GetProperties().Where(p => p.PropertyType == typeof(long?) && p.CanRead)]);
                    foreach (var p in properties)
                    {
                        Pick(p.Name, p.GetValue(value), ref unit, ref worker);
                    }
                }
            }
            if ((unit is not null || worker is not null) && !await scopes.FiltersInScopeAsync(unit, worker, context.HttpContext.RequestAborted))
            {
                context.Result = new NotFoundResult();
                return;
            }
        }
        await next();
    }

    private static void Pick(string name, object? value, ref long? unit, ref long? worker)
    {
        if (value is not long id)
        {
            return;
        }
        if (UnitNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            unit = id;
        }
        else if (name.Equals("workerId", StringComparison.OrdinalIgnoreCase))
        {
            worker = id;
        }
    }
}
