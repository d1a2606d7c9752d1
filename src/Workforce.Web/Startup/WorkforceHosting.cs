using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NodaTime;
using Workforce.Data;
using Workforce.Data.Auditing;
using Workforce.Data.Identity;
using Workforce.Data.Security;
using Workforce.Web.Features.Home;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;
using Workforce.Web.Jobs;

namespace Workforce.Web.Startup;

/// <summary>The database the app uses.</summary>
/// <param name="Provider">Provider.</param>
/// <param name="ConnectionString">Resolved connection string.</param>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString);

/// <summary>Service registration and the request pipeline.</summary>
public static class WorkforceHosting
{
    /// <summary>Policy: read the registry (officers).</summary>
    public const string RegistryRead = "RegistryRead";
    /// <summary>Policy: change the registry (Admin, HrOfficer).</summary>
    public const string RegistryWrite = "RegistryWrite";
    /// <summary>Policy: administration (Admin).</summary>
    public const string AdminOnly = "AdminOnly";
    /// <summary>Reserve pool, training, certification and mentorship: Admin and HR officers.</summary>
    public const string TalentManage = "TalentManage";
    /// <summary>Pages of a signed-in trainee (own data only).</summary>
    public const string TraineeOnly = "TraineeOnly";
    /// <summary>Pay periods, registers and payslips in scope: officers (HR officers read only).</summary>
    public const string PayrollRead = "PayrollRead";
    /// <summary>Runs, approval, locking, rule sets, bank files: Admin and payroll officers.</summary>
    public const string PayrollManage = "PayrollManage";
    /// <summary>Pay facts (assessments, recognitions, deductions, bank accounts): officers.</summary>
    public const string PayFactsWrite = "PayFactsWrite";
    /// <summary>One payslip: officers in scope, or the worker it belongs to (404 for anyone else's).</summary>
    public const string PayslipRead = "PayslipRead";

    /// <summary>Registers every service.</summary>
    public static void AddWorkforce(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(sp => new BusinessCalendar(sp.GetRequiredService<IClock>(), DateTimeZoneProviders.Tzdb[sp.GetRequiredService<IConfiguration>()["TimeZone"] ?? "Asia/Shanghai"]));
        services.AddSingleton<IPersonalDataCipher>(sp => PersonalDataKeys.Load(sp.GetRequiredService<IConfiguration>(), builder.Environment.ContentRootPath, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Workforce.PersonalData")));
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();

        // Read when first resolved (not now), so hosts that add configuration later (tests) are honoured.
        services.AddSingleton(sp =>
        {
            var c = sp.GetRequiredService<IConfiguration>();
            var provider = Enum.Parse<DatabaseProvider>(c["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite), ignoreCase: true);
            return new DatabaseSettings(provider, ResolveConnectionString(provider, c.GetConnectionString("Workforce"), builder.Environment.ContentRootPath));
        });
        services.AddDbContext<WorkforceDbContext>((sp, o) =>
        {
            var settings = sp.GetRequiredService<DatabaseSettings>();
            o.UseWorkforceDatabase(settings.Provider, settings.ConnectionString);
        });

        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<WorkforceDbContext>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
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
        });
        services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        services.AddAuthorizationBuilder()
            .AddPolicy(RegistryRead, p => p.RequireRole(Roles.Admin, Roles.HrOfficer, Roles.PayrollOfficer))
            .AddPolicy(RegistryWrite, p => p.RequireRole(Roles.Admin, Roles.HrOfficer))
            .AddPolicy(AdminOnly, p => p.RequireRole(Roles.Admin))
            .AddPolicy(TalentManage, p => p.RequireRole(Roles.Admin, Roles.HrOfficer))
            .AddPolicy(TraineeOnly, p => p.RequireRole(Roles.Trainee))
            .AddPolicy(PayrollRead, p => p.RequireRole(Roles.Admin, Roles.HrOfficer, Roles.PayrollOfficer))
            .AddPolicy(PayrollManage, p => p.RequireRole(Roles.Admin, Roles.PayrollOfficer))
            .AddPolicy(PayFactsWrite, p => p.RequireRole(Roles.Admin, Roles.HrOfficer, Roles.PayrollOfficer))
            .AddPolicy(PayslipRead, p => p.RequireRole(Roles.Admin, Roles.HrOfficer, Roles.PayrollOfficer, Roles.Trainee));

        services.AddDataProtection().SetApplicationName("Workforce");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DbXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "Workforce.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            string[] cultures = ["zh-CN", "en"];
            o.SetDefaultCulture("zh-CN").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddHealthChecks().AddDbContextCheck<WorkforceDbContext>("database");
        services.AddAutoMapper(cfg =>
        {
            // AutoMapper 15 is RPL-1.5 or commercial: without a key it logs a licence warning and works.
            if (config["AutoMapper:LicenseKey"] is { Length: > 0 } key)
            {
                cfg.LicenseKey = key;
            }
        }, typeof(Program));

        // Write Chinese text as characters, not numeric entities (still HTML-encoded where needed).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<UiText>();
        services.AddScoped<UserScopeAccessor>();
        services.AddScoped<WorkerService>();
        services.AddScoped<WorkerSpreadsheet>();
        services.AddScoped<DashboardService>();
        services.AddSingleton<Features.Payroll.PayRuleSets>();
        services.AddWorkforceJobs(builder.Configuration);
        services.AddScoped<Features.Talent.TalentContext>();
        services.AddScoped<Features.Talent.ReservePoolService>();
        services.AddScoped<Features.Talent.TrainingService>();
        services.AddScoped<Features.Talent.CertificationService>();
        services.AddScoped<Features.Talent.MentorshipService>();
        services.AddScoped<Features.Recruitment.RecruitmentService>();
        services.AddSingleton<Features.Payroll.PayrollMonitor>();
        services.AddSingleton<Features.Payroll.PayrollQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Payroll.PayrollQueue>());
        services.AddScoped<Features.Payroll.PayrollRunner>();
        services.AddScoped<Features.Payroll.PayrollService>();
        services.AddScoped<Features.Payroll.RuleSetService>();
        services.AddScoped<Features.Payroll.PayFactsService>();
    }

    /// <summary>Builds the pipeline.</summary>
    public static void UseWorkforce(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Home/Error");
        }
        // API callers get RFC 7807 problem details for bare status codes; people get a page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/Home/Status/{0}"));
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
    }

    /// <summary>For SQLite, a relative file path is taken from the content root and its folder created.</summary>
    public static string ResolveConnectionString(DatabaseProvider provider, string? configured, string contentRoot)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return configured ?? throw new InvalidOperationException("ConnectionStrings:Workforce is required for " + provider + ".");
        }
        var csb = new SqliteConnectionStringBuilder(configured ?? "Data Source=App_Data/workforce.db");
        if (csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource))
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, csb.DataSource));
        }
        if (csb.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }
        return csb.ToString();
    }

    /// <summary>Formats a date for display.</summary>
    public static string Display(this LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Formats an optional date for display.</summary>
    public static string Display(this LocalDate? date) => date?.Display() ?? string.Empty;
}
