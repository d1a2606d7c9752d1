using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Workforce.Web.Tests;

/// <summary>Every MVC action that answers GET, as a path with sample route values, and whether it is on the JSON API.</summary>
public static class RouteWalker
{
    /// <summary>One walkable route.</summary>
    public sealed record Route(string Path, bool Api, bool NamesAnObject);

    /// <summary>
    /// The GET routes of the app. Route values come from <paramref name="sample"/> for string parameters (given the controller
    /// name and the parameter); numbers get <paramref name="number"/>, run ids a random Guid.
    /// </summary>
    public static List<Route> GetRoutes(WorkforceApp app, Func<string, ParameterDescriptor, string> sample, Action<string> log, long number = 1)
    {
        var actions = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<ControllerActionDescriptor>();
        var links = app.Services.GetRequiredService<LinkGenerator>();
        var routes = new List<Route>();
        foreach (var action in actions)
        {
            var methods = action.ActionConstraints?.OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods).ToList() ?? [];
            if (methods.Count > 0 && !methods.Contains("GET"))
            {
                continue;
            }
            var values = new RouteValueDictionary { ["controller"] = action.ControllerName, ["action"] = action.ActionName };
            var template = action.AttributeRouteInfo?.Template ?? "{id?}";
            var namesAnObject = false;
            foreach (var p in action.Parameters.Where(p => template.Contains("{" + p.Name, StringComparison.OrdinalIgnoreCase)))
            {
                values[p.Name] = p.ParameterType == typeof(Guid) ? Guid.NewGuid() : p.ParameterType == typeof(string) ? sample(action.ControllerName, p) : number;
                namesAnObject |= p.Name == "id" || p.Name.EndsWith("Id", StringComparison.Ordinal);
            }
            var path = links.GetPathByAction(action.ActionName, action.ControllerName, values);
            if (path is null && action.AttributeRouteInfo?.Template is { } t)
            {
                path = "/" + values.Aggregate(t, (s, v) => Constraints.Aggregate(s.Replace("{" + v.Key + "}", v.Value?.ToString(), StringComparison.Ordinal),
                    (x, c) => x.Replace("{" + v.Key + c + "}", v.Value?.ToString(), StringComparison.Ordinal)));
            }
            if (path is not null && !path.Contains('{', StringComparison.Ordinal))
            {
                routes.Add(new Route(path, typeof(Api.ApiControllerBase).IsAssignableFrom(action.ControllerTypeInfo), namesAnObject));
            }
            else
            {
                log($"not walked: {action.DisplayName}");
            }
        }
        return [.. routes.Distinct()];
    }

    private static readonly string[] Constraints = [":long", ":guid", ":int"];
}
