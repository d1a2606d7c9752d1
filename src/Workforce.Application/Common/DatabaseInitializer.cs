using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Workforce.Application.Demo;
using Workforce.Application.Payroll;
using Workforce.Data;
using Workforce.Data.Identity;

namespace Workforce.Application.Common;

/// <summary>
/// What every start does to the database: apply the migrations (always <c>Migrate()</c>), store the shipped rule set
/// when none is stored, mark runs left running by a dead process as interrupted, and seed the demo district when
/// <c>Demo:Seed</c> is true (by default in every environment but Production).
/// </summary>
public static class DatabaseInitializer
{
    /// <summary>Migrates and prepares the database; seeds the demo when the options say so.</summary>
    public static async Task InitialiseAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WorkforceDbContext>();
        await db.Database.MigrateAsync(ct);
        await PayRuleSets.EnsureProfileAsync(db, sp.GetRequiredService<IClock>(), ct);
        await PayrollRecovery.MarkInterruptedAsync(sp);
        var environment = sp.GetRequiredService<IHostEnvironment>();
        var demo = sp.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (environment.IsProduction())
        {
            await RefusePublishedPasswordAsync(sp, ct);
        }
        if (demo.SeedsIn(environment))
        {
            await SeedAsync(sp, demo.WorkerCount, ct);
        }
    }

    /// <summary>Seeds (or grows) the demo district to <paramref name="workers"/> workers, with the demo accounts.</summary>
    public static async Task SeedAsync(IServiceProvider services, int workers, CancellationToken ct = default)
    {
        var demo = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Workforce.Demo");
        var seeder = ActivatorUtilities.CreateInstance<DemoDataSeeder>(services);
        await seeder.SeedAsync(workers, demo.Password, logger);
        ct.ThrowIfCancellationRequested();
    }

    // A production host must not run with the password printed in the README: refuse to start while any demo
    // account still accepts it (whether seeded now or by an earlier start).
    private static async Task RefusePublishedPasswordAsync(IServiceProvider sp, CancellationToken ct)
    {
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var (name, _) in DemoDataSeeder.DemoAccounts)
        {
            ct.ThrowIfCancellationRequested();
            if (await users.FindByNameAsync(name) is { } user && await users.CheckPasswordAsync(user, DemoOptions.PublishedPassword))
            {
                throw new InvalidOperationException(
                    $"The demo account '{name}' still has the published demo password. In Production, change it (or remove the account) before starting.");
            }
        }
    }
}
