using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Workforce.Web.Tests;

/// <summary>
/// A real OpenID Connect provider for the single sign-on tests: OpenIddict 7 on Kestrel (loopback, plain HTTP), its store in an
/// in-memory SQLite database, one confidential client that must use PKCE, and a sign-in page of its own for the users given.
/// Authorization-code flow with <c>response_mode=query</c>, ID tokens signed with an ephemeral key, end-session endpoint that
/// ends the provider's own session and returns to the client's registered address.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    /// <summary>The client id registered for Workforce.</summary>
    public const string ClientId = "workforce";

    /// <summary>Its secret.</summary>
    public const string ClientSecret = "test-client-secret-8d3f";

    /// <summary>Every user's password at the provider.</summary>
    public const string Password = "provider-pass";

    private const string ProviderCookie = "provider";

    private readonly WebApplication _app;
    private readonly SqliteConnection _store;

    private OidcTestProvider(WebApplication app, SqliteConnection store)
    {
        _app = app;
        _store = store;
    }

    /// <summary>The provider's issuer address (ends with a slash).</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>Starts a provider that knows <paramref name="users"/> (user name → display name).</summary>
    public static async Task<OidcTestProvider> StartAsync(IReadOnlyDictionary<string, string> users)
    {
        var store = new SqliteConnection("Data Source=:memory:");
        await store.OpenAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderStore>(o => o.UseSqlite(store).UseOpenIddict());
        builder.Services.AddAuthentication(ProviderCookie).AddCookie(ProviderCookie, o =>
        {
            o.LoginPath = "/login";
            o.Cookie.Name = "provider.session";
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderStore>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/login", (string? returnUrl) => Results.Content(
            $"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>统一身份认证</title></head><body>
            <h1>统一身份认证平台（测试）</h1>
            <form method="post" action="/login">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "/")}">
            <label>账号 <input id="provider-user" name="user"></label>
            <label>密码 <input id="provider-password" name="password" type="password"></label>
            <button id="provider-submit" type="submit">登录</button>
            </form></body></html>
            """, "text/html; charset=utf-8"));
        app.MapPost("/login", async (HttpContext c) =>
        {
            var form = await c.Request.ReadFormAsync();
            var user = form["user"].ToString();
            if (!users.ContainsKey(user) || form["password"] != Password)
            {
                return Results.Content("<!DOCTYPE html><p id=\"provider-error\">账号或密码错误</p>", "text/html; charset=utf-8");
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], ProviderCookie);
            await c.SignInAsync(ProviderCookie, new ClaimsPrincipal(identity));
            var returnUrl = form["returnUrl"].ToString();
            return Results.Redirect(returnUrl.StartsWith('/') ? returnUrl : "/");
        });
        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext c) =>
        {
            var request = c.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an authorization request");
            var session = await c.AuthenticateAsync(ProviderCookie);
            if (!session.Succeeded)
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = c.Request.Path + c.Request.QueryString }, [ProviderCookie]);
            }
            var user = session.Principal.Identity!.Name!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, "sub-" + user).SetClaim(Claims.PreferredUsername, user).SetClaim(Claims.Name, users[user]);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapMethods("/connect/logout", ["GET", "POST"], async (HttpContext c) =>
        {
            await c.SignOutAsync(ProviderCookie);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });
        app.MapGet("/", () => Results.Content("<!DOCTYPE html><p>provider</p>", "text/html; charset=utf-8"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderStore>().Database.EnsureCreatedAsync();
        }
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var provider = new OidcTestProvider(app, store) { Authority = new Uri(address.TrimEnd('/') + "/") };
        return provider;
    }

    /// <summary>Registers the Workforce client with its redirect and post-sign-out addresses at <paramref name="client"/>.</summary>
    public async Task RegisterClientAsync(Uri client)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "Workforce",
        };
        descriptor.RedirectUris.Add(new Uri(client, "signin-oidc"));
        descriptor.PostLogoutRedirectUris.Add(new Uri(client, "signout-callback-oidc"));
        foreach (var permission in new[]
        {
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Profile,
        })
        {
            descriptor.Permissions.Add(permission);
        }
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        await applications.CreateAsync(descriptor);
    }

    /// <summary>The settings that point Workforce at this provider.</summary>
    public (string Key, string Value)[] Settings(params (string Key, string Value)[] more) =>
    [
        ("Sso:Enabled", "true"),
        ("Sso:Authority", Authority.ToString()),
        ("Sso:ClientId", ClientId),
        ("Sso:ClientSecret", ClientSecret),
        ("Sso:RequireHttpsMetadata", "false"),
        ("Sso:DisplayName", "区统一身份认证平台"),
        .. more,
    ];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    private sealed class ProviderStore(DbContextOptions<ProviderStore> options) : DbContext(options);
}
