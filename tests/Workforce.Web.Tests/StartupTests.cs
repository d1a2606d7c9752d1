using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workforce.Data;

namespace Workforce.Web.Tests;

/// <summary>
/// What a start does with the settings it is given: outside Production the demo is seeded as the README promises; in
/// Production nothing is seeded unless <c>Demo:Seed</c> says so, and the published demo password stops the start;
/// invalid settings stop it too, naming the setting.
/// </summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"workforce-startup-{Guid.NewGuid():N}.db");

    /// <summary>An app on <see cref="_database"/> in an environment with extra settings (test server, not Kestrel).</summary>
    private sealed class Host(string database, string environment, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("ConnectionStrings:Workforce", $"Data Source={database}");
            builder.UseSetting("Demo:WorkerCount", "30");
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("PersonalData:EncryptionKey", WorkforceApp.EncryptionKey);
            builder.UseSetting("PersonalData:LookupKey", WorkforceApp.LookupKey);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }

        public async Task<(int Users, int Workers)> CountsAsync()
        {
            using var scope = Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkforceDbContext>();
            return (await db.Users.CountAsync(), await db.Workers.CountAsync());
        }
    }

    [Fact]
    public async Task ProductionSeedsNothingUnlessToldAndNeverStartsWithThePublishedDemoPassword()
    {
        await using (var production = new Host(_database, "Production"))
        {
            (await production.CountsAsync()).Should().Be((0, 0), "Production seeds nothing unless Demo:Seed is set");
        }

        var seedWithPublished = () => new Host(_database, "Production", ("Demo:Seed", "true")).Services;
        seedWithPublished.Should().Throw<OptionsValidationException>().WithMessage("*Demo:Password*");

        await using (var development = new Host(_database, "Development"))
        {
            var (users, workers) = await development.CountsAsync();
            users.Should().BeGreaterThanOrEqualTo(5, "the run command seeds the demo accounts on a fresh clone");
            workers.Should().Be(30);
        }

        var productionAfterDemo = () => new Host(_database, "Production").Services;
        productionAfterDemo.Should().Throw<InvalidOperationException>().WithMessage("*'admin' still has the published demo password*");
    }

    [Fact]
    public async Task ProductionSeedsWhenToldWithAPasswordOfItsOwn()
    {
        await using var production = new Host(_database, "Production", ("Demo:Seed", "true"), ("Demo:Password", "Own#Demo2026pw"));
        var (users, workers) = await production.CountsAsync();
        users.Should().BeGreaterThanOrEqualTo(5);
        workers.Should().Be(30);
    }

    [Theory]
    [InlineData("Import:MaxRows", "0", "MaxRows")]
    [InlineData("Payroll:RetroactiveMonths", "-1", "RetroactiveMonths")]
    [InlineData("Demo:Password", "short", "Password")]
    [InlineData("PersonalData:LookupKey", "", "PersonalData:EncryptionKey")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Audit:RetentionDays", "90", "Audit:RetentionDays")]
    [InlineData("PersonalData:Algorithm", "Des", "PersonalData")]
    [InlineData("Sso:Enabled", "true", "Sso:Authority")]
    [InlineData("Sso:LocalPasswordSignIn", "false", "Sso:LocalPasswordSignIn")]
    public void AnInvalidSettingStopsTheStartAndNamesIt(string key, string value, string named)
    {
        var start = () => new Host(_database, "Production", (key, value)).Services;
        start.Should().Throw<Exception>().Where(e => Describe(e).Contains(named, StringComparison.Ordinal), "the message names the setting");
    }

    private static string Describe(Exception e) => e is AggregateException a ? string.Join(" | ", a.InnerExceptions.Select(Describe)) : e.Message + (e.InnerException is { } inner ? " | " + Describe(inner) : string.Empty);

    public void Dispose()
    {
        ScratchDatabases.Delete(_database);
    }
}
