using Microsoft.EntityFrameworkCore;
using Workforce.Data;

namespace Workforce.Web.Startup;

/// <summary>Applies migrations (always <c>Migrate()</c>) and seeds the demo data once.</summary>
public static class DatabaseInitializer
{
    /// <summary>
    /// Migrates, then seeds when <c>Demo:Seed</c> is true (the default). <c>--seed-workers N</c>
    /// (or <c>Demo:WorkerCount</c>) sets how many workers the demo district has; a larger N than
    /// already present adds the missing ones.
    /// </summary>
    public static async Task InitialiseAsync(IServiceProvider services, IConfiguration config)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Workforce.Database");
        await db.Database.MigrateAsync();
        await Features.Payroll.PayRuleSets.EnsureProfileAsync(db, scope.ServiceProvider.GetRequiredService<NodaTime.IClock>());
        await Features.Payroll.PayrollRecovery.MarkInterruptedAsync(scope.ServiceProvider);
        if (!config.GetValue("Demo:Seed", true))
        {
            return;
        }
        var workerCount = config.GetValue<int?>("seed-workers") ?? config.GetValue("Demo:WorkerCount", 1500);
        var seeder = ActivatorUtilities.CreateInstance<DemoDataSeeder>(scope.ServiceProvider);
        await seeder.SeedAsync(workerCount, config["Demo:Password"] ?? DemoDataSeeder.DefaultPassword, logger);
    }
}

/// <summary>The <c>verify-audit</c> command: recomputes the audit chain and prints the result.</summary>
public static class AuditCommand
{
    /// <summary>Returns 0 when the chain is intact, 1 otherwise.</summary>
    public static async Task<int> VerifyAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        var result = await db.VerifyAuditChainAsync();
        Console.WriteLine(result.IsIntact
            ? $"Audit chain intact: {result.RowsChecked} rows."
            : $"Audit chain BROKEN at sequence {result.FirstBrokenSequence} ({result.Problem}); {result.RowsChecked} rows read.");
        return result.IsIntact ? 0 : 1;
    }
}

/// <summary>Prints where the app listens and the demo accounts.</summary>
public static class StartupBanner
{
    /// <summary>Writes the banner to the console.</summary>
    public static void Print(WebApplication app)
    {
        var urls = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(see ASPNETCORE_URLS)";
        Console.WriteLine();
        Console.WriteLine("  Workforce 社区工作者队伍管理 is running at: " + urls);
        if (app.Configuration.GetValue("Demo:Seed", true))
        {
            var password = app.Configuration["Demo:Password"] ?? DemoDataSeeder.DefaultPassword;
            Console.WriteLine("  Demo accounts (password: " + password + "):");
            foreach (var (user, what) in DemoDataSeeder.DemoAccounts)
            {
                Console.WriteLine($"    {user,-10} {what}");
            }
        }
        Console.WriteLine();
    }
}
