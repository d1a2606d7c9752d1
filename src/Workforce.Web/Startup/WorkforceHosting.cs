using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Data.Auditing;
using Workforce.Data.Identity;
using Workforce.Web.Infrastructure;
using Workforce.Web.Jobs;

namespace Workforce.Web.Startup;

/// <summary>The AutoMapper licence (section <c>AutoMapper</c>): RPL-1.5 or commercial; without a key it logs a licence warning and works.</summary>
public sealed class AutoMapperOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "AutoMapper";

    /// <summary>Licence key, or empty.</summary>
    public string? LicenseKey { get; set; }
}

/// <summary>The composition root of the web host: the application's services, the web's adapters, and the request pipeline.</summary>
public static class WorkforceHosting
{
    /// <summary>Registers every service.</summary>
    public static void AddWorkforce(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddWorkforceApplication(builder.Configuration, builder.Environment);
        // Transport (docs/security.md): no Server header; behind a reverse proxy that terminates TLS, X-Forwarded-Proto and
        // -For are trusted from the proxies listed in ReverseProxy:KnownProxies (loopback by default), so the request is seen as
        // HTTPS: cookies get Secure and HSTS is sent.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        // Logs carry no personal data (docs/security.md): the framework's request lines print the full URL with its query string,
        // so they stay at Warning whatever the configuration says; RequestLogMiddleware logs each request by its route pattern.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Warning);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
            // Sent on every HTTPS answer outside Development, whatever the host name (an intranet host may be an address).
            o.ExcludedHosts.Clear();
        });
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.None;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        services.AddHttpContextAccessor();
        services.AddScoped<HttpCurrentActor>();
        services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<HttpCurrentActor>());
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<HttpCurrentActor>());
        services.AddScoped<ITextCatalog, ResourceTextCatalog>();
        services.AddScoped<UiText>();
        services.AddScoped<Features.Admin.AuditPresenter>();
        services.AddOptions<Infrastructure.Pdf.PdfOptions>().Bind(builder.Configuration.GetSection("Pdf"));
        services.AddSingleton<Infrastructure.Pdf.PdfFonts>();
        services.AddHostedService(sp => sp.GetRequiredService<Application.Payroll.PayrollQueue>());

        services.AddIdentity<ApplicationUser, IdentityRole>(ApplicationServices.ConfigureIdentity)
            .AddEntityFrameworkStores<WorkforceDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<DisplayNameClaims>()
            .AddSignInManager<WorkforceSignInManager>()
            .AddPasswordValidator<Application.Admin.PasswordPolicy>();
        // Revocation (ADR 0012): every principal is rechecked against the account's stamp and the cookie's session.
        services.AddMemoryCache();
        services.AddSingleton<AccessRevocation>();
        services.AddSingleton<IAccessRevocation>(sp => sp.GetRequiredService<AccessRevocation>());
        services.AddScoped<AccountSignIn>();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The refreshed cookie keeps its server-side session.
            o.OnRefreshingPrincipal = c =>
            {
                if (c.CurrentPrincipal?.FindFirst(UserSession.ClaimType) is { } sid && c.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity id)
                {
                    id.AddClaim(new System.Security.Claims.Claim(sid.Type, sid.Value));
                }
                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "Workforce.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = AccessRevocation.ValidateCookieAsync;
        });
        services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, RevocableBearerHandler>(RevocableBearerHandler.SchemeName, null)
            .AddSingleSignOn(builder.Configuration);
        Policies.Add(services.AddAuthorizationBuilder());
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, NotYoursIsNotFound>();

        services.AddDataProtection().SetApplicationName("Workforce");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "Workforce.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            string[] cultures = ["zh-CN", "en"];
            o.SetDefaultCulture("zh-CN").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<ScopedFilters>();
                o.Conventions.Add(new Api.ApiResponseConvention());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        // The anonymous ballot pages: at most 120 requests a minute from one address (a meeting behind one NAT still fits; a
        // code guesser gets nowhere against about 50 bits per code).
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Features.Assessment.BallotController.Policy, c => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                c.Connection.RemoteIpAddress?.ToString() ?? "-", _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) }));
        });
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddHealthChecks().AddDbContextCheck<WorkforceDbContext>("database");
        services.AddOptions<AutoMapperOptions>().Bind(builder.Configuration.GetSection(AutoMapperOptions.Section));
        var licence = builder.Configuration.GetSection(AutoMapperOptions.Section).Get<AutoMapperOptions>()?.LicenseKey;
        services.AddAutoMapper(cfg =>
        {
            if (!string.IsNullOrEmpty(licence))
            {
                cfg.LicenseKey = licence;
            }
        }, typeof(Program));

        // Write Chinese text as characters, not numeric entities (still HTML-encoded where needed).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddWorkforceJobs(builder.Configuration);
    }

    /// <summary>Builds the pipeline.</summary>
    public static void UseWorkforce(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // An error on the API is always problem+json (500, no detail); people get a page outside Development.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), b => b.UseExceptionHandler());
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), b => b.UseExceptionHandler("/Home/Error"));
            app.UseHsts();
        }
        app.UseCookiePolicy();
        // API callers get RFC 7807 problem details for bare status codes; people get a page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/Home/Status/{0}"));
        app.UseMiddleware<UploadLimitMiddleware>();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<AccessRefusedAudit>();
        app.UseAuthorization();
        app.MapOpenApi();
        // Scalar's own assets (no CDN) under /scalar; the page integrators open is /api/reference (ApiReferenceController), without inline script.
        app.MapScalarApiReference();
        app.MapHealthChecks("/health");
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
    }
}
