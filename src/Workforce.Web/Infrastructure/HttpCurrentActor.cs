using System.Security.Claims;
using Workforce.Data.Auditing;

namespace Workforce.Web.Infrastructure;

/// <summary>The signed-in user of the current request, or the system outside a request.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    /// <inheritdoc />
    public string? UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <inheritdoc />
    public string UserName => User?.Identity?.Name ?? SystemActor.Instance.UserName;

    private ClaimsPrincipal? User => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } u ? u : null;
}
