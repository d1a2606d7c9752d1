using Workforce.Data;

namespace Workforce.Web.Infrastructure;

/// <summary>
/// Records a security event (ASVS 16.3.2) when a signed-in caller is refused an object named by id: a 403 or 404 on a route
/// with an id value. The event names the route and the id asked for, in UTC, with the caller's account; nothing else.
/// Written through its own scope, so nothing the refused request left unsaved is saved with it.
/// </summary>
public sealed class AccessRefusedAudit(RequestDelegate next, IServiceScopeFactory scopes)
{
    /// <summary>Runs the middleware.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response.StatusCode is not (StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound) || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        if (NotYoursIsNotFound.ObjectId(context) is not { Length: > 0 } id)
        {
            return;
        }
        var values = context.Request.RouteValues;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        var target = $"{values.GetValueOrDefault("controller")}.{values.GetValueOrDefault("action")}";
        db.RecordAuditEvent("AccessRefused", target.Length > 60 ? target[..60] : target, id.Length > 64 ? id[..64] : id, context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
