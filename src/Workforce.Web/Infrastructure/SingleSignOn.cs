using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Workforce.Web.Infrastructure;

/// <summary>What happens to an identity the provider vouches for that matches no local account.</summary>
public enum UnknownSsoIdentity
{
    /// <summary>Refused with a page that says so.</summary>
    Refuse,

    /// <summary>A disabled account without roles is created for an admin to approve.</summary>
    CreateDisabled,
}

/// <summary>
/// Single sign-on with an OpenID Connect provider (section <c>Sso</c>, ADR 0020): the authorization-code flow with PKCE; the
/// identity is matched to a local account by <see cref="UserClaim"/> (compared with the account's user name); roles and scope
/// stay local. <see cref="LocalPasswordSignIn"/> false turns password sign-in off (page and API token) except for the accounts
/// named in <see cref="LocalPasswordAccounts"/> (a break-glass admin, integration accounts).
/// </summary>
public sealed class SsoOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Sso";

    /// <summary>The authentication scheme of the provider.</summary>
    public const string Scheme = "oidc";

    /// <summary>Whether the sign-in page offers the provider.</summary>
    public bool Enabled { get; set; }

    /// <summary>The provider's issuer address (its discovery document is read from <c>/.well-known/openid-configuration</c>).</summary>
    public string? Authority { get; set; }

    /// <summary>This system's client id at the provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>Its client secret (keep it in the secret store, docs/deployment.md).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for, separated by spaces; <c>openid</c> is always among them.</summary>
    public string Scopes { get; set; } = "openid profile";

    /// <summary>The ID token's claim whose value is the local user name.</summary>
    public string UserClaim { get; set; } = "preferred_username";

    /// <summary>The provider's name on the sign-in button (e.g. 区统一身份认证平台); empty for the generic label.</summary>
    public string? DisplayName { get; set; }

    /// <summary>What happens to an identity without a local account.</summary>
    public UnknownSsoIdentity UnknownUsers { get; set; } = UnknownSsoIdentity.Refuse;

    /// <summary>Whether accounts may sign in with a local password (page and API token).</summary>
    public bool LocalPasswordSignIn { get; set; } = true;

    /// <summary>User names that keep password sign-in when <see cref="LocalPasswordSignIn"/> is false.</summary>
    public List<string> LocalPasswordAccounts { get; set; } = [];

    /// <summary>Whether the discovery document must come over HTTPS (false only for a test provider).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The scopes as a list, <c>openid</c> first.</summary>
    public IReadOnlyList<string> ScopeList =>
        ["openid", .. Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s != "openid").Distinct(StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="userName"/> may sign in with a password.</summary>
    public bool PasswordAllowedFor(string? userName) =>
        LocalPasswordSignIn || (userName is not null && LocalPasswordAccounts.Contains(userName, StringComparer.OrdinalIgnoreCase));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled)
        {
            if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult("Sso:Authority must be the provider's absolute http(s) address when Sso:Enabled is true.", [nameof(Authority)]);
            }
            else if (RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
            {
                yield return new ValidationResult("Sso:Authority must be https (Sso:RequireHttpsMetadata is true).", [nameof(Authority)]);
            }
            if (string.IsNullOrWhiteSpace(ClientId))
            {
                yield return new ValidationResult("Sso:ClientId is required when Sso:Enabled is true.", [nameof(ClientId)]);
            }
            if (string.IsNullOrWhiteSpace(UserClaim))
            {
                yield return new ValidationResult("Sso:UserClaim names the claim that carries the user name; it cannot be empty.", [nameof(UserClaim)]);
            }
        }
        else if (!LocalPasswordSignIn)
        {
            yield return new ValidationResult("Sso:LocalPasswordSignIn is false but Sso:Enabled is not true: only the accounts in Sso:LocalPasswordAccounts could sign in.", [nameof(LocalPasswordSignIn)]);
        }
    }
}

/// <summary>Registers the provider as an authentication scheme when single sign-on is on.</summary>
public static class SingleSignOn
{
    /// <summary>Key of the ID token handed from sign-out to the provider's end-session request (not written into the state).</summary>
    public const string IdTokenHint = "id_token_hint";

    /// <summary>Adds the options (validated at start) and, when enabled, the OpenID Connect handler.</summary>
    public static void AddSingleSignOn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        var section = configuration.GetSection(SsoOptions.Section);
        authentication.Services.AddOptions<SsoOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var sso = section.Get<SsoOptions>() ?? new SsoOptions();
        if (!sso.Enabled)
        {
            return;
        }
        authentication.AddOpenIdConnect(SsoOptions.Scheme, sso.DisplayName, o =>
        {
            o.Authority = sso.Authority;
            o.ClientId = sso.ClientId;
            o.ClientSecret = sso.ClientSecret;
            o.RequireHttpsMetadata = sso.RequireHttpsMetadata;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The code comes back in the query of a top-level GET: the correlation and nonce cookies can stay SameSite=Lax
            // (the cookie policy allows nothing looser), and no cross-site form post is needed.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.Scope.Clear();
            foreach (var scope in sso.ScopeList)
            {
                o.Scope.Add(scope);
            }
            // The provider's identity goes into Identity's short-lived external cookie; AccountController.ExternalCallback
            // matches it to a local account and then signs in with the application cookie.
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.SaveTokens = true;
            o.MapInboundClaims = false;
            o.CallbackPath = "/signin-oidc";
            o.SignedOutCallbackPath = "/signout-callback-oidc";
            o.SignedOutRedirectUri = "/Account/Login";
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.BackchannelTimeout = TimeSpan.FromSeconds(30);
            o.Events.OnRedirectToIdentityProviderForSignOut = c =>
            {
                if (c.Properties.GetParameter<string>(IdTokenHint) is { } token)
                {
                    c.ProtocolMessage.IdTokenHint = token;
                }
                return Task.CompletedTask;
            };
            // An error from the provider (the user cancelled, the code expired, a replayed answer) ends on a page, not an exception.
            o.Events.OnRemoteFailure = c =>
            {
                c.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
                    .LogWarning("Single sign-on failed: {Reason}", c.Failure?.GetType().Name);
                c.Response.Redirect("/Account/SsoFailed");
                c.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }
}
