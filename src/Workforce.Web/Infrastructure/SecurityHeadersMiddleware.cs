namespace Workforce.Web.Infrastructure;

/// <summary>
/// Adds the security headers every response carries: a CSP without inline script, nosniff, no framing, a strict referrer policy;
/// and <c>Cache-Control: no-store</c> on everything the app itself answers (every API response, every page and download:
/// they carry personal or pay data), leaving only static assets cacheable.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<SsoOptions> sso)
{
    // With single sign-on the sign-in and sign-out forms end in a redirect to the provider, which form-action also governs.
    private readonly string _policy = WithProvider(ContentSecurityPolicy, sso.Value);
    private readonly string _referencePolicy = WithProvider(ApiReferencePolicy, sso.Value);

    /// <summary>The Content-Security-Policy sent with every response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (/api/reference): Scalar styles its components at run time, so inline styles are allowed there
    /// and nowhere else; scripts stay same-origin only.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Runs the middleware.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference") ? _referencePolicy : _policy;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            if (context.Request.Path.StartsWithSegments("/api") || context.GetEndpoint() is not null)
            {
                h.CacheControl = "no-store";
                h.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary><paramref name="policy"/> with the provider's origin added to form-action when single sign-on is on.</summary>
    public static string WithProvider(string policy, SsoOptions sso)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sso);
        return sso.Enabled && Uri.TryCreate(sso.Authority, UriKind.Absolute, out var authority)
            ? policy.Replace("form-action 'self'", "form-action 'self' " + authority.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
            : policy;
    }
}
