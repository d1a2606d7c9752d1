using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Workforce.Application.Common;

namespace Workforce.Web.Infrastructure;

/// <summary>
/// Every upload (a multipart form) is limited to <see cref="ImportOptions.MaxUploadBytes"/>: a larger declared body is answered
/// 413 before it is read (problem details on the API, the status page for people), and the rest of the body is left for the
/// server to drain, so the client reads the answer instead of a reset connection; a body without a declared length is cut
/// at the limit while it is read and answered the same way.
/// </summary>
public sealed class UploadLimitMiddleware(RequestDelegate next, IOptions<ImportOptions> options)
{
    // Room for the multipart boundaries and part headers around the file itself.
    private const long EnvelopeBytes = 64 * 1024;

    /// <summary>Runs the middleware.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        // The status page re-executed for a refusal carries the same request: let it through.
        if (!context.Request.HasFormContentType || !HttpMethods.IsPost(context.Request.Method) || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }
        var limit = options.Value.MaxUploadBytes + EnvelopeBytes;
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (context.Request.ContentLength > limit)
        {
            // Unlimited only so the server may drain (and discard) what the client still sends, within its drain timeout.
            if (sizeFeature is { IsReadOnly: false })
            {
                sizeFeature.MaxRequestBodySize = null;
            }
            await RefuseAsync(context);
            return;
        }
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RefuseAsync(context);
        }
    }

    private async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.Headers.Connection = "close";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            var text = context.RequestServices.GetRequiredService<UiText>();
            await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: text.Message(options.Value.TooLarge())).ExecuteAsync(context);
        }
    }
}
