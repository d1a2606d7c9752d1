using System.Diagnostics;

namespace Workforce.Web.Infrastructure;

/// <summary>
/// One log line per request, without personal data: the method, the matched route's pattern (<c>Workers/Details/{id?}</c>, never
/// the path or query string, where a search term, a ballot code or a sign-in code could sit), the status and the time. The request
/// id comes from the logging scope ASP.NET Core opens for every request. The framework's own request lines (which print the full
/// URL) are held at Warning in <see cref="Startup.WorkforceHosting"/>.
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    /// <summary>Runs the request and logs it.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? (context.GetEndpoint()?.DisplayName is { } name ? "(" + name + ")" : "(no route)");
            logger.LogInformation("{Method} {Route} {StatusCode} {ElapsedMs:0.0} ms", context.Request.Method, route, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
