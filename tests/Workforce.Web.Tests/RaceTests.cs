using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workforce.Application.Common;
using Workforce.Application.Payroll;
using Workforce.Data;
using Workforce.Data.Auditing;
using Workforce.Data.Identity;
using Workforce.Data.Tests;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;
using NodaTime;

namespace Workforce.Web.Tests;

/// <summary>
/// Races (issue 12): simultaneous starts of one month's run are decided by the database (a partial unique index on the
/// running run of a period), on SQLite and on a real PostgreSQL: exactly one run is recorded, the others are refused with
/// "is being calculated".
/// </summary>
public sealed class RaceTests : IAsyncLifetime
{
    private readonly PostgresServer _server = new();
    private readonly string _sqliteFile = Path.Combine(Path.GetTempPath(), $"workforce-race-{Guid.NewGuid():N}.db");

    /// <inheritdoc />
    public Task InitializeAsync() => _server.InitializeAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        ScratchDatabases.Delete(_sqliteFile);
    }

    private sealed class NoUser : ICurrentUser
    {
        public ClaimsPrincipal Principal { get; } = new();
    }

    // The application's own composition (as the CLI builds it), migrated and seeded with a small demo district.
    internal static async Task<IHost> HostAsync(DatabaseProvider provider, string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Workforce"] = connectionString,
            ["Demo:WorkerCount"] = "30",
            ["Demo:Password"] = WorkforceApp.Password,
            ["PersonalData:EncryptionKey"] = WorkforceApp.EncryptionKey,
            ["PersonalData:LookupKey"] = WorkforceApp.LookupKey,
        });
        builder.Services.AddWorkforceApplication(builder.Configuration, builder.Environment);
        builder.Services.AddIdentityCore<ApplicationUser>(ApplicationServices.ConfigureIdentity).AddRoles<IdentityRole>().AddEntityFrameworkStores<WorkforceDbContext>();
        builder.Services.AddSingleton<ICurrentActor>(SystemActor.Instance);
        builder.Services.AddSingleton<ICurrentUser, NoUser>();
        var host = builder.Build();
        await DatabaseInitializer.InitialiseAsync(host.Services);
        return host;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task EightSimultaneousStartsOfAMonthRecordOneRunAndRefuseTheOthersAndApprovalRecordsTheAccounts(DatabaseProvider provider)
    {
        var connectionString = provider == DatabaseProvider.Sqlite ? $"Data Source={_sqliteFile}" : await _server.CreateDatabaseAsync();
        using var host = await HostAsync(provider, connectionString);
        long district;
        YearMonth month;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            district = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync();
            month = (await scope.ServiceProvider.GetRequiredService<PayrollRunner>().NextMonthAsync(district, CancellationToken.None))!.Value;
        }

        var go = new TaskCompletionSource();
        var starts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            using var scope = host.Services.CreateScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<PayrollRunner>().StartAsync(district, month, RunTrigger.Manual, null, CancellationToken.None);
                return null;
            }
            catch (DomainException ex)
            {
                return ex.Code;
            }
        })).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(starts);

        outcomes.Count(o => o is null).Should().Be(1, "exactly one start wins");
        outcomes.Where(o => o is not null).Should().HaveCount(7).And.OnlyContain(o => o == "Pay.RunInProgress");
        using var check = host.Services.CreateScope();
        var runs = await check.ServiceProvider.GetRequiredService<WorkforceDbContext>().PayrollRuns.AsNoTracking().Where(r => r.Month == month).ToListAsync();
        runs.Should().ContainSingle().Which.Status.Should().Be(RunStatus.Running);

        // The run ends, the month is approved: the salary accounts of its workers are recorded by the provider's own SQL.
        using var finish = host.Services.CreateScope();
        await finish.ServiceProvider.GetRequiredService<PayrollRunner>().ExecuteAsync(runs[0].Id, CancellationToken.None);
        var data = finish.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        var path = await data.OrgUnits.Where(u => u.Id == district).Select(u => u.Path).SingleAsync();
        var approved = await finish.ServiceProvider.GetRequiredService<PayrollCommands>().ApproveAsync(new PayScope(district, path, path), month, "race-test", CancellationToken.None);
        approved.Succeeded.Should().BeTrue();
        var paid = await data.Payslips.Where(p => p.Month == month && data.BankAccounts.Any(b => b.WorkerId == p.WorkerId)).CountAsync();
        (await data.ApprovedBankAccounts.CountAsync(a => a.PeriodId == runs[0].PeriodId)).Should().Be(paid).And.BePositive();
    }
}
