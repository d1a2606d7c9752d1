using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workforce.Application.Common;
using Workforce.Cli;
using Workforce.Data;
using Workforce.Data.Auditing;
using Workforce.Data.Identity;

// Workforce.Cli: the tools that used to live in the web host. Same configuration keys as the web app (its
// appsettings.json, environment variables, --Key value arguments); by default the same database: the content
// root is src/Workforce.Web when run from a clone.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("""
        Usage: dotnet run -c Release --project tools/Workforce.Cli -- <command> [options] [--Key value ...]
          seed [--workers N]        migrate, then seed (or grow) the demo district to N workers (default Demo:WorkerCount)
          verify-audit              recompute the audit hash chain; exit 0 when intact, 1 when broken
          bench-payroll [yyyy-MM]   time one month's payroll end to end (default 2026-11), a plain insert loop and the naive EF way
          bench-recruitment [N]     import and rank a generated round of N applicants (default 10000)
          rotate-personal-data [N]  rewrite stored personal data under the writing key and algorithm, N rows a batch (default 1000)
          bench-assessment [N]      the district's annual assessment round: open, N ballot codes per community cast, scores, notice, final
          bench-year [percent]      the realistic month: January–October computed and locked, then November with percent % of the
                                    workers' facts changed in locked months (default 2); changes the database, run it on a copy
        Settings as for the web app, e.g. --Database:Provider PostgreSql --ConnectionStrings:Workforce "Host=…".
        """);
    return args.Length == 0 ? 2 : 0;
}

var command = args[0];
var rest = args.Skip(1).ToList();
string? Positional() => rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal) ? rest[0] : null;
var positional = Positional();
if (positional is not null)
{
    rest.RemoveAt(0);
}
var workers = TakeOption(rest, "--workers");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = [.. rest],
    ContentRootPath = ContentRoot(rest),
    EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environments.Development,
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Workforce", LogLevel.Information);
builder.Services.AddWorkforceApplication(builder.Configuration, builder.Environment);
builder.Services.AddIdentityCore<ApplicationUser>(ApplicationServices.ConfigureIdentity)
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<WorkforceDbContext>()
    .AddPasswordValidator<Workforce.Application.Admin.PasswordPolicy>();
builder.Services.AddSingleton<ICurrentActor>(SystemActor.Instance);
builder.Services.AddSingleton<ICurrentUser, NoUser>();
builder.Services.AddSingleton<ITextCatalog, TsvTextCatalog>();
using var host = builder.Build();
CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");

switch (command)
{
    case "seed":
    {
        await MigrateAsync(host.Services);
        var count = workers ?? host.Services.GetRequiredService<IOptions<DemoOptions>>().Value.WorkerCount;
        using var scope = host.Services.CreateScope();
        await DatabaseInitializer.SeedAsync(scope.ServiceProvider, count);
        var total = await scope.ServiceProvider.GetRequiredService<WorkforceDbContext>().Workers.CountAsync();
        Console.WriteLine($"Seeded: {total:N0} workers in the database.");
        return 0;
    }
    case "verify-audit":
    {
        using var scope = host.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<WorkforceDbContext>().VerifyAuditChainAsync();
        Console.WriteLine(result.IsIntact
            ? $"Audit chain intact: {result.RowsChecked} rows."
            : $"Audit chain BROKEN at sequence {result.FirstBrokenSequence} ({result.Problem}); {result.RowsChecked} rows read.");
        return result.IsIntact ? 0 : 1;
    }
    case "rotate-personal-data":
    {
        // Rewrites every stored ID, phone and bank number not yet under the writing key and algorithm (PersonalData:Algorithm,
        // PersonalData:EncryptionKey; earlier keys in PersonalData:PreviousEncryptionKeys), in batches, while the app runs.
        using var scope = host.Services.CreateScope();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<Workforce.Application.Admin.PersonalDataRotation>().RotateAsync(
            positional is { } size ? int.Parse(size, CultureInfo.InvariantCulture) : 1000,
            p => Console.WriteLine($"{p.Table}: {p.Read:N0} / {p.Rows:N0} rows read, {p.Rewritten:N0} values rewritten"), CancellationToken.None);
        Console.WriteLine($"Rotated {result.Rewritten:N0} values in {clock.Elapsed.TotalSeconds:N1} s; values under older keys left: none once every table above read all its rows.");
        return 0;
    }
    case "bench-payroll":
        await MigrateAsync(host.Services);
        await SeedWhenEmptyAsync(host.Services);
        return await PayrollBenchmark.RunAsync(host.Services, positional);
    case "bench-recruitment":
        await MigrateAsync(host.Services);
        await SeedWhenEmptyAsync(host.Services);
        return await RecruitmentBenchmark.RunAsync(host.Services, positional is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 10_000);
    case "bench-assessment":
        await MigrateAsync(host.Services);
        await SeedWhenEmptyAsync(host.Services);
        return await AssessmentBenchmark.RunAsync(host.Services, positional is { } b ? int.Parse(b, CultureInfo.InvariantCulture) : 10);
    case "bench-year":
        await MigrateAsync(host.Services);
        await SeedWhenEmptyAsync(host.Services);
        return await YearBenchmark.RunAsync(host.Services, positional is { } p ? decimal.Parse(p, CultureInfo.InvariantCulture) : 2m);
    default:
        Console.Error.WriteLine($"Unknown command '{command}'; run with --help.");
        return 2;
}

static async Task MigrateAsync(IServiceProvider services)
{
    using var scope = services.CreateScope();
    await scope.ServiceProvider.GetRequiredService<WorkforceDbContext>().Database.MigrateAsync();
    await Workforce.Application.Payroll.PayRuleSets.EnsureProfileAsync(scope.ServiceProvider.GetRequiredService<WorkforceDbContext>(),
        scope.ServiceProvider.GetRequiredService<NodaTime.IClock>());
}

// The benchmarks need a district with its accounts: an empty database gets the demo (Demo:WorkerCount workers) first.
static async Task SeedWhenEmptyAsync(IServiceProvider services)
{
    using var scope = services.CreateScope();
    if (!await scope.ServiceProvider.GetRequiredService<WorkforceDbContext>().OrgUnits.AnyAsync())
    {
        var count = scope.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value.WorkerCount;
        Console.WriteLine($"Empty database: seeding the demo district ({count:N0} workers) first.");
        await DatabaseInitializer.SeedAsync(scope.ServiceProvider, count);
    }
}

static int? TakeOption(List<string> args, string name)
{
    var at = args.IndexOf(name);
    if (at < 0 || at + 1 >= args.Count)
    {
        return null;
    }
    var value = int.Parse(args[at + 1], CultureInfo.InvariantCulture);
    args.RemoveRange(at, 2);
    return value;
}

// The web app's content root when run from a clone (so the same appsettings.json and SQLite file), else the current directory.
static string ContentRoot(List<string> args)
{
    var at = args.IndexOf("--contentRoot");
    if (at >= 0 && at + 1 < args.Count)
    {
        return Path.GetFullPath(args[at + 1]);
    }
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        var web = Path.Combine(dir.FullName, "src", "Workforce.Web");
        if (File.Exists(Path.Combine(dir.FullName, "Workforce.sln")) && Directory.Exists(web))
        {
            return web;
        }
    }
    return Directory.GetCurrentDirectory();
}

/// <summary>No signed-in user: the CLI acts as the system.</summary>
internal sealed class NoUser : ICurrentUser
{
    public ClaimsPrincipal Principal { get; } = new();
}
