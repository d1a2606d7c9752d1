using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Workforce.Data.Tests;

public class MigrationTests
{
    public static TheoryData<DatabaseProvider, string> Providers => new()
    {
        { DatabaseProvider.Sqlite, "Data Source=:memory:" },
        { DatabaseProvider.PostgreSql, "Host=localhost;Database=none;Username=none;Password=none" },
        { DatabaseProvider.SqlServer, "Server=localhost;Database=none;User Id=none;Password=none;TrustServerCertificate=True" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void EveryProvidersMigrationsMatchTheModel(DatabaseProvider provider, string connectionString)
    {
        using var db = new TestDatabase(provider, connectionString).Create();
        db.Database.GetMigrations().Should().NotBeEmpty($"{provider} has a migrations assembly");
        db.Database.HasPendingModelChanges().Should().BeFalse($"run dotnet ef migrations add for {provider} after changing the model");
    }

    [Fact]
    public void SqlServerMigrationsGenerateAScript()
    {
        using var db = new TestDatabase(DatabaseProvider.SqlServer, "Server=localhost;Database=none;User Id=none;Password=none;TrustServerCertificate=True").Create();
        var script = db.GetService<IMigrator>().GenerateScript();
        script.Should().Contain("CREATE TABLE [Workers]").And.Contain("[IdCardEncrypted] nvarchar(128) NOT NULL");
    }
}
