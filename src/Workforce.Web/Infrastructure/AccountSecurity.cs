using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NodaTime;
using Workforce.Data;
using Workforce.Data.Identity;

namespace Workforce.Web.Infrastructure;

/// <summary>A disabled account cannot sign in (cookie or token).</summary>
public sealed class WorkforceSignInManager(UserManager<ApplicationUser> userManager, IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory, IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <inheritdoc />
    public override async Task<bool> CanSignInAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }
}

/// <summary>
/// Signing in and out for the sign-in page and the token endpoint, with the same work whatever the outcome: an unknown user
/// name costs a password hash check like a wrong password, so the answer's timing does not tell whether an account exists.
/// Every outcome is a security event in the audit trail (user id only, never the name typed or the password; for an identity
/// the single sign-on provider vouched for but no account here has, the name the provider sent).
/// </summary>
public sealed class AccountSignIn(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, IPasswordHasher<ApplicationUser> hasher,
    WorkforceDbContext db, AccessRevocation revocation, IClock clock, IOptions<SsoOptions> sso, Application.Admin.UserAdministration accounts)
{
    // A hash of a random secret, made once: verifying against it costs what verifying a real password costs.
    private static string? s_decoy;

    /// <summary>The account when <paramref name="password"/> is right and it may sign in; null otherwise (failures count towards the lockout).</summary>
    public async Task<ApplicationUser?> CheckAsync(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!sso.Value.PasswordAllowedFor(userName))
        {
            // Password sign-in is off (single sign-on only): the same answer as a wrong password.
            Decoy(password);
            await RecordAsync("SignInRefusedPasswordOff", (await users.FindByNameAsync(userName))?.Id ?? string.Empty, null);
            return null;
        }
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            Decoy(password);
            await RecordAsync("SignInFailed", string.Empty, "unknown user");
            return null;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await RecordAsync("SignInSucceeded", user.Id, null);
            return user;
        }
        if (result.IsLockedOut || result.IsNotAllowed)
        {
            // Refused before the password was checked: spend the same time.
            Decoy(password);
        }
        await RecordAsync(result.IsLockedOut ? "SignInLockedOut" : result.IsNotAllowed ? "SignInRefusedDisabled" : "SignInFailed", user.Id, null);
        return null;
    }

    /// <summary>
    /// Signs <paramref name="user"/> in with a browser cookie that carries a new server-side session (and, after single sign-on,
    /// the provider's ID token in <paramref name="properties"/>, for signing out there too).
    /// </summary>
    public async Task SignInCookieAsync(ApplicationUser user, AuthenticationProperties? properties = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var session = new UserSession { Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), UserId = user.Id, StartedAt = clock.GetCurrentInstant() };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        await signIn.SignInWithClaimsAsync(user, properties ?? new AuthenticationProperties { IsPersistent = false }, [new Claim(UserSession.ClaimType, session.Id)]);
    }

    /// <summary>
    /// Signs in the local account that the provider's identity names by <see cref="SsoOptions.UserClaim"/> (compared with the
    /// user name, as user names are compared everywhere). A disabled account is refused; an unknown identity is refused or, as
    /// <see cref="SsoOptions.UnknownUsers"/> says, gets a disabled account without roles for an admin to approve. Every outcome
    /// is audited.
    /// </summary>
    public async Task<SsoOutcome> SignInFromProviderAsync(ClaimsPrincipal external, AuthenticationProperties? externalProperties, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(external);
        var options = sso.Value;
        var userName = external.FindFirstValue(options.UserClaim)?.Trim();
        if (string.IsNullOrEmpty(userName) || userName.Length > 256)
        {
            await RecordAsync("SsoSignInRefusedNoClaim", string.Empty, options.UserClaim);
            return SsoOutcome.NoUserClaim;
        }
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            if (options.UnknownUsers != UnknownSsoIdentity.CreateDisabled)
            {
                await RecordAsync("SsoSignInRefusedUnknown", string.Empty, userName);
                return SsoOutcome.Unknown;
            }
            var created = await accounts.CreatePendingAsync(userName, external.FindFirstValue("name"), ct);
            if (created is null)
            {
                await RecordAsync("SsoSignInRefusedUnknown", string.Empty, userName);
                return SsoOutcome.InvalidUserName;
            }
            return SsoOutcome.PendingApproval;
        }
        if (!await signIn.CanSignInAsync(user))
        {
            await RecordAsync("SignInRefusedDisabled", user.Id, "sso");
            // An account created from the provider and not yet approved: disabled, no roles.
            return (await users.GetRolesAsync(user)).Count == 0 ? SsoOutcome.PendingApproval : SsoOutcome.Disabled;
        }
        var properties = new AuthenticationProperties { IsPersistent = false };
        if (externalProperties?.GetTokenValue("id_token") is { } idToken)
        {
            properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        }
        await RecordAsync("SignInSucceeded", user.Id, "sso");
        await SignInCookieAsync(user, properties);
        return SsoOutcome.SignedIn;
    }

    /// <summary>Ends the current browser session on the server and removes its cookie.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(UserSession.ClaimType) is { } sid)
        {
            await db.UserSessions.Where(s => s.Id == sid && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetCurrentInstant()));
            revocation.ForgetSession(sid);
            await RecordAsync("SignedOut", principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty, null);
        }
        await signIn.SignOutAsync();
    }

    private void Decoy(string password)
    {
        s_decoy ??= hasher.HashPassword(new ApplicationUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(new ApplicationUser(), s_decoy, password);
    }

    private async Task RecordAsync(string action, string userId, string? detail)
    {
        db.RecordAuditEvent(action, "Account", userId, detail);
        await db.SaveChangesAsync();
    }
}

/// <summary>How a sign-in through the provider ended.</summary>
public enum SsoOutcome
{
    /// <summary>Signed in with the local account.</summary>
    SignedIn,

    /// <summary>The provider's answer lacked the claim that names the user.</summary>
    NoUserClaim,

    /// <summary>No local account has that user name (and none is created).</summary>
    Unknown,

    /// <summary>The name cannot be a user name here, so no account was created.</summary>
    InvalidUserName,

    /// <summary>The account waits for an admin's approval (created now or before).</summary>
    PendingApproval,

    /// <summary>The local account is disabled.</summary>
    Disabled,
}

/// <summary>
/// Rechecks an authenticated principal — browser cookie (from the cookie's validation event) or bearer token (from
/// <see cref="RevocableBearerHandler"/>) — against the database: the account's security stamp (changed by disabling, a
/// password reset, a change of roles, scope or permission) and, for a cookie, its session (ended by signing out). Answers are
/// cached for <see cref="CacheFor"/>, so revocation takes effect within that time on every instance, and at once on the
/// instance where the change was made (<see cref="ForgetUser"/>, <see cref="ForgetSession"/>).
/// </summary>
public sealed class AccessRevocation(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<IdentityOptions> identity) : Application.Common.IAccessRevocation
{
    /// <summary>How long an answer is reused.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>True while the principal's account is enabled with the same stamp and, for a cookie, its session is active.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return false;
        }
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var current = await cache.GetOrCreateAsync("stamp:" + userId, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            return await db.Users.AsNoTracking().Where(u => u.Id == userId && !u.IsDisabled).Select(u => u.SecurityStamp).SingleOrDefaultAsync();
        });
        if (current is null || stamp != current)
        {
            return false;
        }
        if (principal.FindFirstValue(UserSession.ClaimType) is not { } sid)
        {
            return true;
        }
        return await cache.GetOrCreateAsync("sid:" + sid, async e =>
        {
            e.AbsoluteExpirationRelativeToNow = CacheFor;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            return await db.UserSessions.AsNoTracking().AnyAsync(s => s.Id == sid && s.UserId == userId && s.EndedAt == null);
        });
    }

    /// <summary>The cookie's validation: Identity's own stamp check (every minute), then this one (every request).</summary>
    public static async Task ValidateCookieAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is { } principal && !await context.HttpContext.RequestServices.GetRequiredService<AccessRevocation>().IsCurrentAsync(principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>Forgets the cached stamp of an account (after it changed here).</summary>
    public void ForgetUser(string userId) => cache.Remove("stamp:" + userId);

    /// <summary>Forgets the cached state of a session (after it ended here).</summary>
    public void ForgetSession(string sid) => cache.Remove("sid:" + sid);
}

/// <summary>
/// The API's scheme: Identity's bearer token, then <see cref="AccessRevocation"/>; a revoked token fails authentication
/// (401), like an expired one.
/// </summary>
public sealed class RevocableBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder,
    AccessRevocation revocation) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Scheme name.</summary>
    public const string SchemeName = "Workforce.Bearer";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var inner = await Context.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!inner.Succeeded)
        {
            return inner.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(inner.Failure ?? new InvalidOperationException("Invalid token."));
        }
        return await revocation.IsCurrentAsync(inner.Principal)
            ? AuthenticateResult.Success(new AuthenticationTicket(inner.Principal, Scheme.Name))
            : AuthenticateResult.Fail("The token was revoked.");
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.ChallengeAsync(IdentityConstants.BearerScheme, properties);

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Context.ForbidAsync(IdentityConstants.BearerScheme, properties);
}
