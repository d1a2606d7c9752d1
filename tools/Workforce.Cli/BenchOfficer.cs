using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Data.Identity;

namespace Workforce.Cli;

/// <summary>The demo district's HR officer ("hr") as the benchmarks act: their scope, as the pages would load it.</summary>
internal static class BenchOfficer
{
    /// <summary>The scope of the demo account "hr".</summary>
    public static async Task<UserScope> ScopeAsync(WorkforceDbContext db)
    {
        var hr = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "hr");
        return await UserScope.LoadAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, hr.Id), new Claim(ClaimTypes.Role, Roles.HrOfficer)], "bench")),
            db, CancellationToken.None);
    }
}
