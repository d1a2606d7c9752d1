using System.Security.Claims;
using Workforce.Application.Common;
using Workforce.Data.Auditing;

namespace Workforce.Web.Infrastructure;

/// <summary>The signed-in user of the current request (for scopes and the audit trail), or the system outside a request.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor, ICurrentUser
{
    /// <inheritdoc />
    public string? UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <inheritdoc />
    public string UserName => User?.Identity?.Name ?? SystemActor.Instance.UserName;

    /// <inheritdoc />
    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    private ClaimsPrincipal? User => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } u ? u : null;
}
