using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workforce.Application.Common;

namespace Workforce.Application.Organisation;

/// <summary>How long the dashboard's figures are kept (section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Dashboard";

    /// <summary>Minutes the district-wide figures are kept before they are computed again (1–1440).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1440)]
    public int KeepMinutes { get; set; } = 10;
}

/// <summary>
/// The dashboard's figures kept per scope and day for <see cref="DashboardOptions.KeepMinutes"/>: at 100,000 workers they take a second
/// or two to compute, and every officer of a district opens the dashboard many times a day. One computation per scope at a time.
/// </summary>
public sealed class DashboardCache(IMemoryCache cache, IServiceScopeFactory scopes, BusinessCalendar calendar, IOptions<DashboardOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The kept figures of <paramref name="scope"/>, computed now when there are none (or when <paramref name="refresh"/>).</summary>
    public async Task<DashboardFigures> GetAsync(UserScope scope, bool refresh, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var key = ("dashboard", scope.OrgUnitId, scope.OrgPath, calendar.Today);
        if (!refresh && cache.TryGetValue(key, out DashboardFigures? kept) && kept is not null)
        {
            return kept;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (!refresh && cache.TryGetValue(key, out kept) && kept is not null)
            {
                return kept;
            }
            await using var services = scopes.CreateAsyncScope();
            var figures = await services.ServiceProvider.GetRequiredService<DashboardQueries>().ComputeAsync(scope, ct);
            cache.Set(key, figures, TimeSpan.FromMinutes(options.Value.KeepMinutes));
            return figures;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
