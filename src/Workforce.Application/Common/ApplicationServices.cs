using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Workforce.Application.Admin;
using Workforce.Application.Assessment;
using Workforce.Application.Audit;
using Workforce.Application.Certification;
using Workforce.Application.Common.Import;
using Workforce.Application.Mentorship;
using Workforce.Application.Organisation;
using Workforce.Application.Payroll;
using Workforce.Application.Recruitment;
using Workforce.Application.ReservePool;
using Workforce.Application.Training;
using Workforce.Application.Workers;
using Workforce.Data;
using Workforce.Data.Identity;
using Workforce.Data.Security;

namespace Workforce.Application.Common;

/// <summary>The database the app uses, resolved from the options and the content root.</summary>
/// <param name="Provider">Provider.</param>
/// <param name="ConnectionString">Resolved connection string.</param>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString);

/// <summary>
/// Registers what the web host and the CLI share: the validated options of every area, the clock and the users'
/// calendar, the personal-data cipher, the database, Identity's stores and every use case. Hosts add their own
/// adapters: <see cref="ICurrentUser"/>, <see cref="Data.Auditing.ICurrentActor"/> and <see cref="ITextCatalog"/>.
/// </summary>
public static class ApplicationServices
{
    /// <summary>The password and lockout rules of every account.</summary>
    public static void ConfigureIdentity(IdentityOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        Admin.PasswordPolicy.Configure(o.Password);
        o.User.RequireUniqueEmail = false;
        o.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>Adds the options, the database and the use cases.</summary>
    public static IServiceCollection AddWorkforceApplication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PersonalDataOptions>().Bind(configuration.GetSection(PersonalDataOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Audit.AuditExportOptions>().Bind(configuration.GetSection(Audit.AuditExportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Audit.AuditExport>();
        // The audit chain's hash for new rows (Audit:HashAlgorithm = Sha256 | Sm3), read by every DbContext.
        services.AddOptions<Workforce.Data.Auditing.AuditChainOptions>().Bind(configuration.GetSection("Audit"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Workforce.Data.Auditing.AuditChainOptions>>().Value);
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section)).ValidateDataAnnotations()
            .Validate(o => !environment.IsProduction() || o.Seed != true || o.Password != DemoOptions.PublishedPassword,
                "Demo:Seed is true in Production with the published demo password: set Demo:Password to a secret of your own.")
            .ValidateOnStart();
        services.AddOptions<RegionOptions>().Bind(configuration).ValidateDataAnnotations()
            .Validate(o => DateTimeZoneProviders.Tzdb.GetZoneOrNull(o.TimeZone) is not null, "TimeZone must be an IANA zone id such as Asia/Shanghai.")
            .ValidateOnStart();
        services.AddOptions<PayrollOptions>().Bind(configuration.GetSection(PayrollOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddMemoryCache();

        // The clock adapter: the one place the system clock is named (BannedSymbols.txt bans it, and ambient time, elsewhere).
#pragma warning disable RS0030
        services.AddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        services.AddSingleton(sp => new BusinessCalendar(sp.GetRequiredService<IClock>(), DateTimeZoneProviders.Tzdb[sp.GetRequiredService<IOptions<RegionOptions>>().Value.TimeZone]));
        services.AddSingleton<IPersonalDataCipher>(sp => PersonalDataKeys.Load(sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value, environment.ContentRootPath,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Workforce.PersonalData")));
        // Resolved when first used (not now), so hosts that add configuration later (tests) are honoured.
        services.AddSingleton(sp =>
        {
            var provider = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
            return new DatabaseSettings(provider, ResolveConnectionString(provider, sp.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName), environment.ContentRootPath));
        });
        services.AddDbContext<WorkforceDbContext>((sp, o) =>
        {
            var settings = sp.GetRequiredService<DatabaseSettings>();
            o.UseWorkforceDatabase(settings.Provider, settings.ConnectionString);
        });

        services.AddScoped<UseCaseContext>();
        services.AddScoped<UserScopeAccessor>();
        services.AddScoped<SheetReader>();
        services.AddScoped<OrganisationQueries>();
        services.AddScoped<DashboardQueries>();
        services.AddSingleton<DashboardCache>();
        services.AddSingleton<WorkerDirectory>();
        services.AddSingleton<KeptAnswers>();
        services.AddScoped<DashboardTodo>();
        services.AddScoped<DashboardPanelQueries>();
        services.AddScoped<GlobalSearch>();
        services.AddScoped<WorkerQueries>();
        services.AddScoped<WorkerCommands>();
        services.AddScoped<WorkerImport>();
        services.AddScoped<ReservePoolQueries>();
        services.AddScoped<ReservePoolCommands>();
        services.AddScoped<TrainingQueries>();
        services.AddScoped<TrainingCommands>();
        services.AddScoped<TrainingHoursQueries>();
        services.AddScoped<SessionSignIn>();
        services.AddScoped<ConductRecords>();
        services.AddScoped<FeedbackBox>();
        services.AddScoped<RunningFileQueries>();
        services.AddScoped<CertificationQueries>();
        services.AddScoped<CertificationCommands>();
        services.AddScoped<MentorshipQueries>();
        services.AddScoped<MentorshipCommands>();
        services.AddScoped<NightlyFollowUp>();
        services.AddScoped<RecruitmentQueries>();
        services.AddScoped<RecruitmentCommands>();
        services.AddScoped<RoundTemplates>();
        services.AddScoped<ApplicantImport>();
        services.AddScoped<AssessmentQueries>();
        services.AddScoped<AssessmentCommands>();
        services.AddScoped<AssessmentRoundQueries>();
        services.AddScoped<AssessmentRoundCommands>();
        services.AddScoped<BallotBox>();
        services.AddScoped<SelfReports>();
        services.AddScoped<ReviewScoreImport>();
        services.AddScoped<Admin.PersonalDataRotation>();
        services.AddSingleton<PayRuleSets>();
        services.AddSingleton<PayrollMonitor>();
        services.AddSingleton<PayrollQueue>();
        services.AddScoped<PayrollRunner>();
        services.AddSingleton<ScheduledPayroll>();
        services.AddScoped<PayrollQueries>();
        services.AddScoped<MonthEndCheckQueries>();
        services.AddScoped<PayrollCommands>();
        services.AddScoped<RuleSetQueries>();
        services.AddScoped<RuleSetCommands>();
        services.AddScoped<PayFactsQueries>();
        services.AddScoped<PayFactsCommands>();
        services.AddScoped<OpeningBalances>();
        services.AddScoped<TaxDeclaration>();
        services.AddScoped<GradeAdvancement>();
        services.AddScoped<ContributionBases>();
        services.AddScoped<UserAdministration>();
        services.TryAddSingleton<IAccessRevocation, NoAccessRevocation>();
        services.AddScoped<AuditQueries>();
        return services;
    }

    /// <summary>For SQLite, a relative file path is taken from the content root and its folder created.</summary>
    public static string ResolveConnectionString(DatabaseProvider provider, string? configured, string contentRoot)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return configured ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is required for {provider}.");
        }
        var csb = new SqliteConnectionStringBuilder(configured ?? DatabaseOptions.DefaultSqliteConnectionString);
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
}
