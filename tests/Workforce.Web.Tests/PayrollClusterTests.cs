using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;
using Workforce.Data;
using Workforce.Data.Tests;
using Workforce.Domain.Pay;

namespace Workforce.Web.Tests;

/// <summary>Two app instances on one PostgreSQL database, both with the monthly payroll scheduled.</summary>
public sealed class PayrollClusterTests : IAsyncLifetime
{
    private readonly PostgresServer _server = new();

    /// <summary>
    /// One instance of the app as its own process (Quartz allows one scheduler of a name per process, and
    /// cluster members share the name), on the shared database, its schedule firing every two seconds.
    /// </summary>
    private static System.Diagnostics.Process Start(string connectionString, int port, params string[] settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Workforce.Web.dll");
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new List<string>
        {
            dll, "--urls", $"http://127.0.0.1:{port}", "--environment", "Testing",
            "--Database:Provider", "PostgreSql", "--ConnectionStrings:Workforce", connectionString,
            "--Demo:WorkerCount", "60", "--Demo:Password", WorkforceApp.Password,
            "--Jobs:PayrollCron", "0/2 * * * * ?", "--Jobs:FollowUpCron", "0 0 3 1 1 ? 2099", "--Jobs:ClusterCheckinSeconds", "2",
            "--PersonalData:EncryptionKey", WorkforceApp.EncryptionKey,
            "--PersonalData:LookupKey", WorkforceApp.LookupKey,
        }.Concat(settings))
        {
            info.ArgumentList.Add(a);
        }
        var process = System.Diagnostics.Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(int port)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("instance on port " + port + " did not start");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public Task InitializeAsync() => _server.InitializeAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task TwoScheduledInstancesComputeTheMonthExactlyOnce()
    {
        var connectionString = await _server.CreateDatabaseAsync();
        var ports = new[] { FreePort(), FreePort() };
        using var first = Start(connectionString, ports[0]);
        await WaitHealthyAsync(ports[0]); // the first migrates and seeds
        using var second = Start(connectionString, ports[1]);
        try
        {
            await WaitHealthyAsync(ports[1]);
            await using var db = new TestDatabase(DatabaseProvider.PostgreSql, connectionString).Create();
            var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
            var month = new YearMonth(today.Year, today.Month);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline && !await db.PayPeriods.AnyAsync(p => p.Month == month && p.Status == PeriodStatus.Calculated))
            {
                await Task.Delay(500);
            }
            // Let both schedules fire several more times.
            await Task.Delay(TimeSpan.FromSeconds(8));

        var runs = await db.PayrollRuns.AsNoTracking().Where(r => r.Month == month).ToListAsync();
        runs.Where(r => r.Status == RunStatus.Succeeded).Should().ContainSingle("the month is computed exactly once");
        runs.Should().OnlyContain(r => r.Trigger == RunTrigger.Scheduled);
        var payslips = await db.Payslips.CountAsync(p => p.Month == month);
        var workers = await db.Payslips.Where(p => p.Month == month).Select(p => p.WorkerId).Distinct().CountAsync();
        payslips.Should().BeGreaterThan(0).And.Be(workers);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM qrtz_scheduler_state";
            ((long)(await command.ExecuteScalarAsync())!).Should().Be(2, "both instances take part in the Quartz cluster");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            second.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task TwoNodesShareTheDistrictsOfAMonthAndEachDistrictIsComputedOnce()
    {
        var connectionString = await _server.CreateDatabaseAsync();
        var ports = new[] { FreePort(), FreePort() };
        // Seven districts (the demo and six more of 1,000 workers), seeded by a first start with the scheduler off.
        string[] seed = ["--Demo:ExtraDistricts", "6", "--Demo:ExtraDistrictWorkers", "1000"];
        using (var seeding = Start(connectionString, ports[0], [.. seed, "--Jobs:Enabled", "false"]))
        {
            await WaitHealthyAsync(ports[0]);
            seeding.Kill(entireProcessTree: true);
            await seeding.WaitForExitAsync();
        }
        // Then two nodes whose schedule fires once, when both are up: one district's run at a time per node, idle nodes ask every second.
        var fireAt = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromSeconds(40)).InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);
        string[] settings = [.. seed, "--Jobs:PayrollCron", $"{fireAt.Second} {fireAt.Minute} {fireAt.Hour} * * ?", "--Jobs:PayrollRunsPerNode", "1", "--Jobs:IdleWaitSeconds", "1"];
        using var first = Start(connectionString, ports[0], settings);
        using var second = Start(connectionString, ports[1], settings);
        try
        {
            await WaitHealthyAsync(ports[0]);
            await WaitHealthyAsync(ports[1]);
            await using var db = new TestDatabase(DatabaseProvider.PostgreSql, connectionString).Create();
            var districts = await db.OrgUnits.Where(u => u.Type == Domain.Organisation.OrgUnitType.District).Select(u => u.Id).ToListAsync();
            districts.Should().HaveCount(7);
            var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
            var month = new YearMonth(today.Year, today.Month);
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (DateTime.UtcNow < deadline && await db.PayPeriods.CountAsync(p => p.Month == month && p.Status == PeriodStatus.Calculated) < districts.Count)
            {
                await Task.Delay(500);
            }
            var runs = await db.PayrollRuns.AsNoTracking().Where(r => r.Month == month).Join(db.PayPeriods, r => r.PeriodId, p => p.Id, (r, p) => new { p.DistrictId, r.Status, r.Instance, r.Trigger })
                .ToListAsync();
            runs.Should().OnlyContain(r => r.Trigger == RunTrigger.Scheduled);
            runs.Where(r => r.Status == RunStatus.Succeeded).Select(r => r.DistrictId).Should().BeEquivalentTo(districts, "every district's month is computed exactly once");
            runs.Where(r => r.Status == RunStatus.Succeeded).Select(r => r.Instance).Distinct().Should().HaveCount(2, "both nodes computed districts");
            foreach (var district in districts)
            {
                var path = await db.OrgUnits.Where(u => u.Id == district).Select(u => u.Path).SingleAsync();
                var inDistrict = db.OrgUnits.Where(u => u.Path.StartsWith(path)).Select(u => u.Id);
                var payslips = await db.Payslips.CountAsync(p => p.Month == month && inDistrict.Contains(p.CommunityId));
                var workers = await db.Payslips.Where(p => p.Month == month && inDistrict.Contains(p.CommunityId)).Select(p => p.WorkerId).Distinct().CountAsync();
                payslips.Should().BeGreaterThan(0).And.Be(workers, "one payslip per worker of each district");
            }
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            second.Kill(entireProcessTree: true);
        }
    }
}
