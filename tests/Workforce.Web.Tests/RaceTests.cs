using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workforce.Application.Common;
using Workforce.Application.Assessment;
using Workforce.Application.Payroll;
using Workforce.Data;
using Workforce.Data.Auditing;
using Workforce.Data.Identity;
using Workforce.Data.Tests;
using Workforce.Domain.Assessment;
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
    internal static async Task<IHost> HostAsync(DatabaseProvider provider, string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
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
        // A test's own settings win over the defaults above.
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddWorkforceApplication(builder.Configuration, builder.Environment);
        builder.Services.AddIdentityCore<ApplicationUser>(ApplicationServices.ConfigureIdentity).AddRoles<IdentityRole>().AddEntityFrameworkStores<WorkforceDbContext>();
        builder.Services.AddSingleton<ICurrentActor>(SystemActor.Instance);
        builder.Services.AddSingleton<ICurrentUser, NoUser>();
        var host = builder.Build();
        await DatabaseInitializer.InitialiseAsync(host.Services);
        return host;
    }

    // The demo district's HR officer ("hr") as the pages would load their scope.
    internal static async Task<UserScope> DistrictOfficerAsync(WorkforceDbContext db)
    {
        var hr = await db.Users.SingleAsync(u => u.UserName == "hr");
        return await UserScope.LoadAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, hr.Id), new Claim(ClaimTypes.Role, Roles.HrOfficer)], "test")), db, CancellationToken.None);
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

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task TwentySimultaneousSubmissionsOfOneBallotCodeStoreOneBallot(DatabaseProvider provider)
    {
        var connectionString = provider == DatabaseProvider.Sqlite ? $"Data Source={_sqliteFile}" : await _server.CreateDatabaseAsync();
        using var host = await HostAsync(provider, connectionString);
        string code;
        long round;
        Dictionary<long, (AssessmentRating? Rating, decimal? Score)> marks;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            var district = await db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).SingleAsync();
            var officer = await DistrictOfficerAsync(db);
            var community = await db.Workers.Where(w => w.LeaveDate == null).OrderBy(w => w.Id).Select(w => w.OrgUnitId).FirstAsync();
            var commands = scope.ServiceProvider.GetRequiredService<AssessmentRoundCommands>();
            var opened = await commands.OpenAsync(officer, new AssessmentRoundInput { OrgUnitId = district, Year = 2026 }, CancellationToken.None);
            round = opened.Value!.Id;
            (await commands.AdvanceAsync(officer, round, null, CancellationToken.None))!.Succeeded.Should().BeTrue();
            code = (await commands.IssueCodesAsync(officer, round, new BallotCodesInput { UnitId = community, Group = VoterGroup.ResidentRepresentative, Count = 1 }, CancellationToken.None))!.Value!.Codes[0].Code;
            var form = (await scope.ServiceProvider.GetRequiredService<BallotBox>().OpenAsync(code, CancellationToken.None)).Value!;
            marks = form.People.ToDictionary(p => p.WorkerId, _ => ((AssessmentRating?)AssessmentRating.Qualified, (decimal?)null));
        }

        var go = new TaskCompletionSource();
        var casts = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            using var scope = host.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<BallotBox>().CastAsync(code, marks, CancellationToken.None)).Succeeded;
        })).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(casts);

        outcomes.Count(ok => ok).Should().Be(1, "one code, one ballot");
        using var check = host.Services.CreateScope();
        var data = check.ServiceProvider.GetRequiredService<WorkforceDbContext>();
        (await data.Ballots.CountAsync(b => b.RoundId == round)).Should().Be(1);
        (await data.Set<BallotMark>().CountAsync()).Should().Be(marks.Count, "the marks of the one ballot, none half-saved from the refused ones");
        (await data.BallotCodes.CountAsync(c => c.RoundId == round && c.Used)).Should().Be(1);
    }
}
