using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workforce.Data.Identity;

namespace Workforce.Web.Infrastructure;

/// <summary>Adds the account's display name (e.g. 区人事专员) to the sign-in cookie, so the top bar greets the person, not the login name.</summary>
public sealed class DisplayNameClaims(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    /// <summary>The claim type of the display name.</summary>
    public const string ClaimType = "workforce:display_name";

    /// <inheritdoc />
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(ClaimType, user.DisplayName));
        }
        return identity;
    }
}
