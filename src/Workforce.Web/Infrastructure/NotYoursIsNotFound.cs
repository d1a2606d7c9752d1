using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Workforce.Web.Infrastructure;

/// <summary>
/// One answer for "not yours": when a role may not use an endpoint that names an object by id (a route value <c>id</c> or
/// <c>…Id</c>), the answer is 404, as for an object outside the caller's scope, never 403 — so whether an object exists
/// is not told to someone who may not see it. Pages without an object keep their access-denied page; the API its 403.
/// </summary>
public sealed class NotYoursIsNotFound : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    /// <inheritdoc />
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && NamesAnObject(context))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>True when the request's route names an object by id.</summary>
    public static bool NamesAnObject(HttpContext context) => ObjectId(context) is not null;

    /// <summary>The id of the object the request's route names (route value <c>id</c> or <c>…Id</c>), or null.</summary>
    public static string? ObjectId(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.RouteValues.FirstOrDefault(v => (v.Key == "id" || v.Key.EndsWith("Id", StringComparison.Ordinal)) && v.Value is not null).Value?.ToString();
    }
}
