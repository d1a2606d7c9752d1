using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NodaTime;
using Workforce.Data;
using Workforce.Data.Auditing;
using Workforce.Data.Security;

namespace Workforce.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the model for Sqlite without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<WorkforceDbContext>
{
    /// <inheritdoc />
    public WorkforceDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<WorkforceDbContext>()
            .UseWorkforceDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db")
            .Options;
        // Keys do not affect the model: encrypted columns are plain strings to the schema.
        var cipher = new PersonalDataCipher(new byte[32], new byte[32]);
        // Design time (dotnet ef) has no host to inject a clock; nothing here reads the time.
#pragma warning disable RS0030
        return new WorkforceDbContext(options, cipher, SystemClock.Instance, SystemActor.Instance);
#pragma warning restore RS0030
    }
}
