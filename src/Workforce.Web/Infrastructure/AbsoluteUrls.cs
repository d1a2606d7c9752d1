namespace Workforce.Web.Infrastructure;

/// <summary>
/// Links that leave the screen (QR codes, printed ballot sheets, codes handed to an integrator): absolute, on the host and path
/// base the request came in on, so they work behind the reverse proxy the request came through.
/// </summary>
public static class AbsoluteUrls
{
    /// <summary>The absolute URL of <paramref name="path"/> (starting with "/") as seen by the caller of <paramref name="request"/>.</summary>
    public static string Absolute(this HttpRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
    }

    /// <summary>The path a session's sign-in QR code opens on the trainee's phone.</summary>
    public static string SignInPath(long sessionId, string code) => FormattableString.Invariant($"/Me/SignIn/{sessionId}?c={code}");
}
